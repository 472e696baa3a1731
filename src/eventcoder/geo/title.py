"""What a report's title says about where its main event happened.

A headline names the place of the event the article is about ("Car Bomb in Syria's Aleppo Kills 23", "Airstrikes
kill 4 in Syria's Idlib, destroy mosque in Hama").  The title is not part of `doc.text`, so no evidence span can
point into it; it is used in two honest ways only:

The title is read once, by the `geography` stage (`geography.ReportGeography.title_places`).

1. `title_mentions`: a place the title names that the text also writes, but that the text's geoparser missed (an
   unusual spelling such as "Deir Ezour", or a name glued to an apostrophe-less possessive: "Syrias Aleppo"),
   becomes a place mention at the text's own words.  The title only says which reading the words have.
2. `lead_by_title`: among the events already coded, the one whose place the title names leads (its confidence
   is raised just above the others'): the headline says which event the article is about.  Places named earlier
   in the title count more ("kill 4 in Idlib, destroy mosque in Hama" is about Idlib).

Only places in a country the title or the report names are read ("Car" is not the Philippines' Cordillera
Administrative Region), and words the title capitalises as headline style ("Kills", "Monitor") are not places.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lang import word_set
from ..model import Document, Event, PlaceMention
from . import names as N
from .candidate_filters import NOT_PLACE_NAMES
from .countries import is_demonym, lookup_country
from .skeleton_index import skeleton_lookup, skeleton_ok

_WORD = re.compile(r"[^\W\d_][\w'’‘`-]*")
# lower-case words kept inside a headline's names: Arabic articles and name links ("Deir ez-Zor", "Abu Kamal")
_CONNECTORS = word_set("arabic_articles") | word_set("arabic_articles_more") | word_set("name_link_words")
_MAX_WORDS = 4
_KIND_OUT = {"admin1": "region", "admin2": "region", "region": "region", "facility": "facility", "place": "place"}
# headline words that are capitalised by style, not because they name a place
_HEADLINE = word_set("headline_words")


@dataclass
class TitlePlace:
    """A place the title names: its words and its gazetteer readings in the report's countries (best first)."""
    text: str
    readings: list = field(default_factory=list)

    @property
    def admin1s(self) -> set[tuple[str, str]]:
        return {(r.cc, r.admin1) for r in self.readings if r.admin1}

    @property
    def keys(self) -> set[str]:
        return {N.key(self.text)} | {N.key(r.name) for r in self.readings}


def _runs(title: str) -> list[list[re.Match]]:
    """Runs of capitalised words (with the lower-case articles inside Arabic names), split at country names and
    possessives: "Syrias Deir Ezzor Monitor" -> ["Deir Ezzor Monitor"]."""
    runs: list[list[re.Match]] = []
    cur: list[re.Match] = []
    words = list(_WORD.finditer(title))
    for i, m in enumerate(words):
        w = m.group(0)
        gap = title[words[i - 1].end():m.start()] if i else ""
        if cur and re.search(r"[,.;:!?()\"“”|]", gap):
            runs.append(cur)
            cur = []
        low = w.lower()
        if w[0].isupper():
            bare = re.sub(r"['’]s$", "", w)
            country = lookup_country(bare) or (lookup_country(bare[:-1]) if bare.endswith("s") else None)
            if country is not None and (bare != w or not lookup_country(w) or bare.endswith("s")):
                if cur:
                    runs.append(cur)
                cur = []
                continue   # "Syria's", "Syrias", "Syrian": the country, not part of a place's name
            cur.append(m)
            if bare != w:  # "Aleppo's"
                runs.append(cur)
                cur = []
        elif low in _CONNECTORS and cur and i + 1 < len(words) and words[i + 1].group(0)[:1].isupper():
            cur.append(m)
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return runs


def title_countries(title: str) -> set[str]:
    """Alpha-2 codes of the countries the title names (names, possessives, demonyms)."""
    out: set[str] = set()
    for m in _WORD.finditer(title or ""):
        w = re.sub(r"['’]s$", "", m.group(0))
        if not w[:1].isupper() or len(w) < 4 or w.isupper():
            continue    # "Car", "Al", "US": codes and short words are not how a headline names a country
        c = lookup_country(w) or (lookup_country(w[:-1]) if w.endswith("s") and len(w) > 4 else None)
        if c is not None:
            out.add(c.alpha2)
    return out


def title_places(title: str | None, gaz, countries: set[str]) -> list[TitlePlace]:
    """The places a title names, read inside `countries` only, in title order."""
    if not title or not countries:
        return []
    out: list[TitlePlace] = []
    for run in _runs(title):
        k = 0
        while k < len(run):
            found = None
            for n in range(min(len(run) - k, _MAX_WORDS), 0, -1):
                ws = run[k:k + n]
                if ws[-1].group(0).lower() in _CONNECTORS:
                    continue
                a, b = ws[0].start(), ws[-1].end()
                text = re.sub(r"['’]s$", "", title[a:b])
                key = N.key(text)
                if not key or key in NOT_PLACE_NAMES or (n == 1 and text.lower() in _HEADLINE) or len(key) < 3:
                    continue
                if lookup_country(text) is not None or is_demonym(text):
                    continue
                rs = [r for r in gaz.lookup(text) if r.cc in countries and r.kind in _KIND_OUT and r.lat is not None]
                if not rs and skeleton_ok(text):   # (skeleton_ok asks for five letters or more)
                    rs = [r for cc in sorted(countries) for r in skeleton_lookup(gaz, cc, text)
                          if r.kind in _KIND_OUT and r.lat is not None]
                    # a loose spelling stands only for a governorate or district ("Deir Ezour"): read loosely, a
                    # headline's English word would find some town ("Thirty")
                    rs = [r for r in rs if r.kind in ("admin1", "admin2")]
                if rs:
                    rs.sort(key=lambda r: (r.kind != "place", -(r.population or 0)))
                    found = TitlePlace(text, rs)
                    k += n
                    break
            if found is None:
                k += 1
            else:
                out.append(found)
    return out


def title_mentions(text: str, places: list[PlaceMention], tps: list[TitlePlace]) -> list[PlaceMention]:
    """Place mentions at the text's own words for the title's places `tps` that the geoparser left unread there
    (see the module docstring).  Words already read as a place (or a demonym) are left as they are."""
    out: list[PlaceMention] = []
    taken = [(p.start, p.end) for p in places]
    for tp in tps:
        r = tp.readings[0]
        for m in re.finditer(r"(?<![\w'’-])" + re.escape(tp.text) + r"(?![\w-])", text):
            a, b = m.start(), m.end()
            if any(a < e and s < b for s, e in taken):
                continue
            out.append(PlaceMention(start=a, end=b, text=text[a:b], kind=_KIND_OUT.get(r.kind, "place"),
                                    latitude=r.lat, longitude=r.lon, name=r.name, country_code=r.cc,
                                    admin1=r.admin1, admin2=r.admin2, feature_code=r.feature_code,
                                    geonameid=r.geonameid, population=r.population, score=0.5))
            taken.append((a, b))
    return out


def _matches(ev: Event, tp: TitlePlace) -> int:
    """2: the event's place is the one the title names; 1: it lies in a governorate the title names (or in the
    governorate of the town it names); 0: neither."""
    loc = N.key(ev.location or "")
    if loc and loc in tp.keys:
        return 2
    for e in ev.evidence:
        if e.field == "location" and N.key(e.text) in tp.keys:
            return 2
    if ev.admin1 and any(N.key(ev.admin1) == N.key(a1) for _cc, a1 in tp.admin1s):
        return 1
    return 0


def mark_title_matches(doc: Document, tps: list[TitlePlace]) -> None:
    """Set `title_match` on each event: None, or (rank of the first title place `tps` its place matches, -how
    well: 2 its own place, 1 its governorate; the title's words).  `lead_by_title` uses it once the events are
    final."""
    for ev in doc.events:
        best = None
        for i, tp in enumerate(tps):
            s = _matches(ev, tp)
            if s and (best is None or (i, -s) < best[:2]):
                best = (i, -s, tp.text)
        doc.notes_of(ev).title_match = best


def lead_by_title(doc: Document, events: list[Event]) -> Event | None:
    """Raise the confidence of the event the title is about (see `mark_title_matches`) just above the others'
    so that it leads the report; return it (None when no event lies where the title says, or the leading event
    already lies at the title's first such place)."""
    events = [e for e in events if e.factuality == "occurred"]
    if len(events) < 2:
        return None
    match = {id(e): doc.notes_of(e).title_match for e in events}
    matched = [e for e in events if match[id(e)] is not None]
    if not matched:
        return None
    top = max(events, key=lambda e: e.confidence)
    first = min(match[id(e)][0] for e in matched)
    tm = match[id(top)]
    if tm is not None and tm[0] == first:
        return None
    lead = max((e for e in matched if match[id(e)][0] == first), key=lambda e: (-match[id(e)][1], e.confidence))
    old = lead.confidence
    lead.confidence = round(min(1.0, max(old, top.confidence + 0.01)), 4)
    if lead.confidence <= top.confidence:   # the top one is already certain: it gives way instead
        top.confidence = round(max(0.0, lead.confidence - 0.01), 4)
    lead.explanation.append(f"confidence {old} -> {lead.confidence}: the title names its place "
                            f"({match[id(lead)][2]!r}), so the report is about it")
    return lead
