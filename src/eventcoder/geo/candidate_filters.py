"""The toponym finder's precision guards: which capitalised spans are not places, and which context makes one.

Word lists live in `eventcoder/lang/en/` (see each file's header):
- `NOT_PLACE_NAMES`: words that name no place in news text even when a gazetteer lists them (weekdays, months,
  titles, compass words, the stop list); only the gazetteer-only path is blocked by it;
- `place_cue_words` / `place_cue_phrases`: what before a name makes it a place;
- `place_modifier_nouns` / `place_nouns_after_name`: what after a name makes it a place;
- `unit_suffix_words`: "Aleppo city" is known when "Aleppo" is.
"""
from __future__ import annotations

import re

from ..lang import alternation, word_set
from . import names as N
from .candidate import PLACE_LABELS
from .countries import country_word, lookup_country

NOT_PLACE_NAMES = (word_set("weekdays") | word_set("months") | word_set("month_abbreviations")
                   | word_set("person_titles") | word_set("compass_words") | word_set("place_name_stop_words"))

_UNIT_WORDS = re.compile(rf"(?i)[\s-]+({alternation('unit_suffix_words')})$")
_LOCATIVE_WORDS = word_set("place_cue_words")
_LOCATIVE_BEFORE = re.compile(rf"(?i)\b({alternation('place_cue_phrases')})\s+$")
_MODIFIED = word_set("place_modifier_nouns")
_PLACE_NOUNS_AFTER = word_set("place_nouns_after_name")


def names_region(gazetteer, k: str) -> bool:
    """True when the key names an admin1 or admin2 unit somewhere."""
    return any(r.kind in ("admin1", "admin2") for r in gazetteer.by_key(k))


def is_known(gazetteer, text: str) -> bool:
    """A country word, a gazetteer name, or a gazetteer name with a unit word after it ("Aleppo city")."""
    if (lookup_country(text) is not None and country_word(text)) or gazetteer.has_key(N.key(text)):
        return True
    stripped = _UNIT_WORDS.sub("", text)
    return stripped != text and gazetteer.has_key(N.key(stripped))


def locative_before(text: str, pos: int) -> bool:
    """The words before `pos` say a place follows ("in", "the village of", "shelled")."""
    return bool(_LOCATIVE_BEFORE.search(text[max(0, pos - 25):pos]))


def place_like_person(ent, gazetteer, ents) -> bool:
    """A one-word PERSON that is a well-known place and is used like one: "an Alexandria man", "St., Alexandria,"."""
    if len(ent) != 1:
        return False
    readings = gazetteer.by_key(N.key(ent.text))
    if not any(r.kind in ("country", "admin1") or (r.population or 0) >= 10_000 for r in readings):
        return False
    if any(e.label_ in PLACE_LABELS and e.text == ent.text for e in ents):
        return True
    doc = ent.doc
    nxt = doc[ent.end] if ent.end < len(doc) else None
    prev = doc[ent.start - 1] if ent.start > 0 else None
    if nxt is not None and nxt.lower_ in _MODIFIED:
        return True
    if prev is not None and prev.text in (",", "(") and nxt is not None and nxt.text in (",", ".", ")"):
        return True
    return ent.start == 0 or (prev is not None and prev.is_sent_start and prev.is_punct)


def locative_context(ent) -> bool:
    """A PERSON entity that reads like a place: after "in/near/shelled..." or before ", Region"/"(Region"."""
    doc = ent.doc
    prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    nxt = doc[ent.end].text if ent.end < len(doc) else ""
    return prev in _LOCATIVE_WORDS or nxt == "(" or nxt.lower() in _PLACE_NOUNS_AFTER


def in_location_list(text: str, start: int, end: int) -> bool:
    """The span is one item of a parenthesised list of names ("(Grand Dakar, Dakar, Dakar)", "(Fo, Houet)"): each
    item is the container of the one before, never a person, whatever the parser tags it."""
    open_ = text.rfind("(", max(0, start - 80), start)
    if open_ < 0 or text.rfind(")", open_, start) >= 0:
        return False
    close = text.find(")", end)
    if close < 0 or close - open_ > 120 or "," not in text[open_:close]:
        return False
    before, after = text[open_ + 1:start].rstrip(), text[end:close + 1].lstrip()
    return (before == "" or before.endswith(",")) and after[:1] in (",", ")")


def surnames(ent, gazetteer) -> set[str]:
    """Keys of a PERSON's names that later stand for the person alone ("Ripley" after "Sheriff Tom Ripley"). A name
    before the last that is a province or a big city is left out: in "Aleppo Kills 19" the small model's PERSON is a
    headline, and every later "Aleppo" is still the city (a last name, "Jackson", stays a surname)."""
    names = [t for t in ent if t.pos_ == "PROPN"]
    out = set()
    for i, t in enumerate(names):
        if i < len(names) - 1 and gazetteer is not None and any(
                r.kind == "admin1" or (r.population or 0) >= 100_000 for r in gazetteer.lookup(t.text)):
            continue
        out.add(N.key(t.text))
    return out
