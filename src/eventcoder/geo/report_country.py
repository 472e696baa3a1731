"""The country a report is clearly about, for the toponym finder's focus-country fallback.

`source_country(source)`: the country of a national monitor or agency named as the report's source ("SOHR",
"SANA"); `focus_country(doc, cands, gazetteer)`: the country with at least half of the votes of what the report
names unambiguously.  (The locator's main country of a report is another vote, in `locate.main_country`.)
"""
from __future__ import annotations

from collections import Counter

from . import names as N
from .candidate import Candidate
from .countries import country_word, lookup_country

# national monitors and agencies: a report from them is about their country unless it says otherwise
_SOURCE_COUNTRY = {"sohr": "SY", "syrian observatory for human rights": "SY", "syriahr": "SY", "snhr": "SY",
                   "syrian network for human rights": "SY", "sana": "SY", "syrian arab news agency": "SY",
                   "enab baladi": "SY", "syria direct": "SY", "step news": "SY", "smart news": "SY",
                   "raqqa is being slaughtered silently": "SY", "deir ezzor 24": "SY", "orient news": "SY"}


def source_country(source: str | None) -> str | None:
    """Country of a national monitor or agency named as the report's source ("SOHR", "SANA")."""
    if not source:
        return None
    s = N.fold(source)
    if s in _SOURCE_COUNTRY:
        return _SOURCE_COUNTRY[s]
    for name, cc in _SOURCE_COUNTRY.items():
        if " " in name and name in s:
            return cc
    return None


def focus_country(doc, cands: list[Candidate], gazetteer) -> str | None:
    """The country a report is clearly about, from what it names unambiguously: country names (1), demonyms
    (0.5), towns and regions whose strong readings lie in one country (1), the user's focus-country hint (1), a national
    monitor as its source (2).
    None unless one country has at least half of the votes."""
    votes: Counter = Counter()
    cc = source_country(getattr(doc, "source", None))
    if cc:
        votes[cc] += 2.0
    if getattr(doc, "focus_country", None):
        votes[doc.focus_country] += 1.0     # the user's hint: as much as one country the text names
    for c in cands:
        if c.demonym_of:
            votes[c.demonym_of] += 0.5
            continue
        country = lookup_country(c.text)
        if country is not None and country_word(c.text):
            votes[country.alpha2] += 1.0
            continue
        rs = gazetteer.by_key(N.key(c.text))
        ccs = {r.cc for r in rs if r.kind in ("admin1", "admin2", "facility", "region") or (r.population or 0) >= 10_000
               or "supplement" in (r.source or "")}
        if len(ccs) == 1:
            votes[ccs.pop()] += 1.0
    if not votes:
        return None
    top, n = votes.most_common(1)[0]
    return top if n >= 1.0 and n / sum(votes.values()) >= 0.5 else None
