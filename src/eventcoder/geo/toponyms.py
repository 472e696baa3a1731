"""Toponym detection: which spans of the clean text name places (or peoples, for demonyms).

Sources of candidate spans, in order of trust:
1. spaCy entities labelled GPE, LOC, FAC (places) and NORP (demonyms, when they name a country's people);
2. gazetteer-driven matching: runs of capitalised proper-noun tokens (up to five, `proper_runs.py`) whose
   normalised form is a name in the gazetteer.  Precision guards (`candidate_filters.py`): a span must be tagged
   as a proper noun by the parser (or sit in a parenthesised location list such as "(Oyam, Northern)"), and a
   single common word needs spaCy's agreement;
3. names the gazetteer knows only in the report's provisional country (`country_vote.py`), exactly or by the
   transliteration fallback (`skeleton_index.py`), unless they are ordinary English words (`english_words.py`).
Armed-group names ("Ahrar al-Sham") are never looked inside (`group_names.py`).

Returns `Candidate`s (clean offsets, text, how it was found); resolution happens in `resolve.py`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lang import any_of, words
from ..spanset import Disjoint, Taken
from . import names as N
from .candidate import PLACE_LABELS, Candidate
from .country_vote import provisional_country
from .candidate_filters import (NOT_PLACE_NAMES, in_location_list, is_known, locative_before, locative_context,
                                names_region, place_like_person, surnames)
from .countries import country_word, is_demonym, lookup_country
from .english_words import CONFLICT_WORDS, common_words
from .group_names import group_name_spans
from .proper_runs import continues, proper_runs
from .skeleton_index import skeleton_lookup, skeleton_ok
from .supplement import admin1_abbreviations

__all__ = ["Candidate", "find_candidates"]

_DIRECTION = re.compile(rf"(?i)\b({any_of('compass_adjectives', 'compass_points')})\s+$")
# what may stand in an ORG before a place when the whole ORG is the place's name: "the Marea", "al-Ghouta"
# a building named after someone or something: "Iglesia del Carmen", "Church of St Mary", "Hotel Ukraine"
_DEDICATED = re.compile(rf"(?i)^(?:the\s+)?(?:{any_of('building_words')})\s+\S")
_ORG_LEAD = re.compile(r"(?i)(the\s+)?((" + "|".join(words("arabic_articles")) + r")[-\s])?")


def _trim(doc_text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the", trailing possessive and punctuation from an entity span."""
    text = doc_text[start:end]
    m = re.match(r"(?i)(the\s+)", text)
    if m and len(text) > m.end():
        start += m.end()
    while end > start and doc_text[end - 1] in ".,;:)('\"’ ":
        end -= 1
    for suffix in ("'s", "’s"):
        if doc_text[start:end].endswith(suffix):
            end -= 2
    return start, end


def _with_direction(text: str, a: int, b: int, gazetteer) -> tuple[int, int]:
    """"the eastern Ghouta", "Eastern Qalamoun": take the direction word in when the gazetteer names the region
    with it (else "eastern" describes the part of the place and stays out)."""
    m = _DIRECTION.search(text[max(0, a - 12):a])
    if m:
        a2 = a - len(m.group())
        if gazetteer.has_key(N.key(text[a2:b])):
            return a2, b
    return a, b


class _Found:
    """The candidates found so far, the spans they take, and the armed-group names nothing is found in (spans of a
    text of `length` characters; each question costs the length of the span asked about, not a pass over all)."""

    def __init__(self, groups: list[tuple[int, int]], length: int):
        self.out: list[Candidate] = []
        self._taken = Taken(0, length)
        self._groups = Taken(0, length)
        for a, b in groups:
            self._groups.add(a, b)

    def add(self, c: Candidate) -> None:
        self.out.append(c)
        self._taken.add(c.start, c.end)

    def free(self, a: int, b: int) -> bool:
        return not self._taken.overlaps(a, b)

    def in_group(self, a: int, b: int) -> bool:
        return self._groups.overlaps(a, b)


@dataclass
class _EntityContext:
    """What the parser's non-place entities tell the gazetteer path."""
    blocked: list[tuple[int, int]] = field(default_factory=list)   # PERSON spans and dedicated buildings' names:
                                                                   # the gazetteer path stays out
    weak: list[Candidate] = field(default_factory=list)            # place entities the gazetteer does not know
    orgs: list[tuple[int, int]] = field(default_factory=list)      # ORG spans: strong places at their start only
    surnames: set[str] = field(default_factory=set)                # "Ripley" alone later is the man, not the town

    _index: dict[str, Disjoint] = field(default_factory=dict, repr=False)   # made by `done`

    def done(self) -> "_EntityContext":
        """All entities read: index `blocked` and `orgs` (entities never overlap) for `around`."""
        self._index = {"blocked": Disjoint(self.blocked), "orgs": Disjoint(self.orgs)}
        return self

    def around(self, which: str, a: int, b: int) -> tuple[int, int] | None:
        """The first span of `which` ("blocked" or "orgs") that holds `[a, b)`, by bisection (after `done`)."""
        spans = self._index[which]
        return next((spans.items[i] for i in spans.overlapping(a, b)
                     if spans.items[i][0] <= a and b <= spans.items[i][1]), None)


def find_candidates(doc, gazetteer) -> list[Candidate]:
    """Candidate toponym and demonym spans of `doc` (non-overlapping, in text order)."""
    text = doc.clean
    found = _Found(group_name_spans(text), len(text))    # "Ahrar al-Sham", "Hayat Tahrir al-Sham": never places
    nlp = doc.nlp
    ents = list(nlp.ents) if nlp is not None else []
    ctx = _entity_candidates(text, ents, gazetteer, found).done()
    deferred: list[tuple[int, int, str]] = []   # (start, end, how): places only in the report's focus country
    if nlp is not None:
        for a, b, how in proper_runs(nlp, text):
            later = _gazetteer_run(text, a, b, how, gazetteer, found, ctx)
            if later is not None:
                deferred.append(later)
    if deferred:
        _focus_candidates(doc, deferred, gazetteer, found)
    for c in ctx.weak:
        if found.free(c.start, c.end) and not found.in_group(c.start, c.end):
            found.out.append(c)
    found.out.sort(key=lambda c: c.start)
    return found.out


def _entity_candidates(text: str, ents: list, gazetteer, found: _Found) -> _EntityContext:
    """Demonyms and places among spaCy's entities; what PERSON and ORG entities tell the gazetteer path."""
    ctx = _EntityContext()
    ents = _joined(text, ents, gazetteer)
    for ent in ents:
        label = ent.label_
        a, b = _trim(text, ent.start_char, ent.end_char)
        if b <= a:
            continue
        span_text = text[a:b]
        if label == "NORP" or (label in PLACE_LABELS and is_demonym(span_text)):
            c = lookup_country(span_text)
            if c is not None and is_demonym(span_text):
                found.add(Candidate(a, b, span_text, "demonym", label, c.alpha2))
            continue   # other NORP ("Aleppo" mislabelled) is left to the gazetteer path
        if _DEDICATED.match(span_text):
            ctx.blocked.append((ent.start_char, ent.end_char))   # "Iglesia del Carmen": no place inside it
            continue
        if label in PLACE_LABELS:
            if not any(ch.isalpha() for ch in span_text) or len(span_text) > 120 or found.in_group(a, b):
                continue
            a, b = _with_direction(text, a, b, gazetteer)
            span_text = text[a:b]
            if is_known(gazetteer, span_text):
                found.add(Candidate(a, b, span_text, "ner", label))
            else:   # "1935 Orchard St., Alexandria": let the gazetteer path look inside; keep as a fallback
                ctx.weak.append(Candidate(a, b, span_text, "ner", label))
        elif label == "PERSON":
            if locative_context(ent) or place_like_person(ent, gazetteer, ents) or in_location_list(text, a, b):
                continue   # the small model often calls places persons: "shelled Adra", "an Alexandria man",
                # "(Grand Dakar, Dakar, Dakar)"
            ctx.blocked.append((ent.start_char, ent.end_char))
            ctx.surnames.update(surnames(ent, gazetteer))
        elif label in ("ORG", "FAC", "EVENT") and (_town_called_org(text, a, b, gazetteer) or
                                                   _village_called_org(ent, text, a, b, gazetteer)):
            found.add(Candidate(a, b, span_text, "ner", label))   # "demonstrated in Norrkoping" (tagged ORG)
        elif label in ("ORG", "FAC", "EVENT"):
            # "Shevchenkove, Mykolaiv" tagged as one ORG: a name and its region, each part read on its own
            start = ent.start_char
            for part in re.split(r"(,\s+)", text[ent.start_char:ent.end_char]):
                if not re.fullmatch(r",\s+", part):
                    ctx.orgs.append((start, start + len(part)))
                start += len(part)
    return ctx


def _town_called_org(text: str, a: int, b: int, gazetteer) -> bool:
    """An ORG entity that is, whole, the name of a town of 10,000 people or a region, written right after "in",
    "near", "at" ("demonstrated in Norrkoping", "a supermarket in Mont-de-Marsan"): the small parser's guess."""
    if not locative_before(text, a) or text[b:b + 1] in ("-",) or text[a:b].isupper():
        return False
    return any(r.kind in ("admin1", "admin2") or (r.population or 0) >= 10_000 for r in gazetteer.by_key(N.key(text[a:b])))


def _village_called_org(ent, text: str, a: int, b: int, gazetteer) -> bool:
    """A one-word ORG entity after "in"/"at"/"near" that the gazetteer knows only as towns of one country and that
    is no English word ("demonstrated in Arvidsjaur", "in Irschenberg"): a small town the parser took for a firm."""
    if b - a != ent.end_char - ent.start_char or " " in text[a:b] or not locative_before(text, a) or \
            text[b:b + 1] in ("-",) or text[a:b].isupper() or common_words(ent.doc, text[a:b]):
        return False
    readings = gazetteer.by_key(N.key(text[a:b]))
    return bool(readings) and all(r.kind == "place" for r in readings) and len({r.cc for r in readings}) == 1


def _joined(text: str, ents: list, gazetteer) -> list:
    """The entities, two place entities one space apart joined when the gazetteer knows them as one name ("Baja" +
    "California": the parser cut "Baja California" in two, and "California" alone is another country's)."""
    out, i = [], 0
    while i < len(ents):
        e = ents[i]
        if i + 1 < len(ents):
            f = ents[i + 1]
            if e.label_ in PLACE_LABELS and f.label_ in PLACE_LABELS and text[e.end_char:f.start_char] == " " \
                    and gazetteer.has_key(N.key(text[e.start_char:f.end_char])):
                out.append(e.doc.char_span(e.start_char, f.end_char, label=e.label_) or e)
                i += 2
                continue
        out.append(e)
        i += 1
    return out


def _gazetteer_run(text: str, a: int, b: int, how: str, gazetteer, found: _Found,
                   ctx: _EntityContext) -> tuple[int, int, str] | None:
    """Read one run of name tokens: add it as a candidate, drop it, or return it for the focus-country check."""
    if not found.free(a, b) or found.in_group(a, b):
        return None
    a2, b2 = _with_direction(text, a, b, gazetteer)
    if (a2, b2) != (a, b) and found.free(a2, b2):
        found.add(Candidate(a2, b2, text[a2:b2], how))   # "the eastern Ghouta"
        return None
    span = text[a:b]
    k = N.key(span)
    if not k or k in ctx.surnames:
        return None
    if k in NOT_PLACE_NAMES and not (how == "list" and names_region(gazetteer, k)):
        return None   # but "(Oyam, Northern)", "(Baydhaba, Bay)": a region in a location list
    if how == "list" and span.isupper() and text[a - 1:a] == "(" and text[b:b + 1] == ")" and \
            not names_region(gazetteer, k):
        return None   # "the Liberty and Refoundation (LIBRE) Party": an acronym alone in brackets names no place
    if text[b:b + 1] == "." and " " not in span and len(k) <= 4:
        if not (text[max(0, a - 2):a] == ", " and text[a:b + 1] in admin1_abbreviations()):
            return None   # abbreviations: "Sen.", "Gen.", "Jan." (but "Alexandria, Va.")
        found.add(Candidate(a, b + 1, text[a:b + 1], "list"))
        return None
    country = lookup_country(span)
    if country is not None and is_demonym(span):
        found.add(Candidate(a, b, span, "demonym", "", country.alpha2))
        return None
    if how != "list" and ctx.around("blocked", a, b) is not None:
        return None
    if country is not None and country_word(span):
        found.add(Candidate(a, b, span, how))
        return None
    if span.isupper() and len(k) <= 4 and not _region_closing_list(text, a, b, gazetteer):
        return None   # acronyms: "NGO", "MON", "PLA"
    if continues(text, b):
        return None   # "Bab" of "Bab al-Nairab": part of a longer name the gazetteer lacks
    readings = gazetteer.by_key(k)
    if not readings:
        return None if span.isupper() else (a, b, how)
    return _weigh_readings(text, a, b, how, readings, found, ctx)


def _region_closing_list(text: str, a: int, b: int, gazetteer) -> bool:
    """"(Karak, KPK)", "(Abuja Municipal, FCT)": a region's short name closing a parenthesised list of names (not
    one of acronyms only: "(FO, CGT, SUD)" are unions)."""
    if text[max(0, a - 2):a] != ", " or text[b:b + 1] != ")":
        return False
    opening = text.rfind("(", 0, a)
    return opening >= 0 and any(ch.islower() for ch in text[opening:a]) and names_region(gazetteer, N.key(text[a:b]))


def _weigh_readings(text: str, a: int, b: int, how: str, readings: list, found: _Found,
                    ctx: _EntityContext) -> tuple[int, int, str] | None:
    """A gazetteer name: a candidate when strong enough where it stands (inside an ORG, alone, after "in")."""
    span = text[a:b]
    strong = any(r.kind in ("country", "admin1") or (r.population or 0) >= 10_000 for r in readings)
    org = ctx.around("orgs", a, b)
    if org is not None and how != "list":
        # "Alexandria Police", "University of Georgia" yes; "Chamber of Commerce", "United Way" no
        lead = text[org[0]:a].strip().lower()
        if not strong or not (lead in ("", "the") or text[max(0, a - 3):a].lower() == "of "):
            org_a, org_b = _trim(text, *org)
            if org_b == b and _ORG_LEAD.fullmatch(text[org_a:a]):
                return a, b, how   # the whole ORG is the name: "Marea", "Ghouta"
            return None
    elif " " not in N.key(span) and not strong and how != "list" and not locative_before(text, a):
        return a, b, how
    found.add(Candidate(a, b, span, how))
    return None


def _focus_candidates(doc, deferred: list[tuple[int, int, str]], gazetteer, found: _Found) -> None:
    """Names the gazetteer knows only in the report's focus country (exactly, or by the skeleton fallback)."""
    focus = provisional_country(doc, found.out, gazetteer)
    if focus is None:
        return
    text = doc.clean
    for a, b, how in deferred:
        if not found.free(a, b):
            continue
        span = text[a:b]
        k = N.key(span)
        if common_words(doc.nlp, span) or k in CONFLICT_WORDS:
            continue    # "Counter attack...", "Syrian Coast": English words, whatever a village is called
        exact = [r for r in gazetteer.by_key(k) if r.cc == focus]
        if exact or skeleton_ok(span) and skeleton_lookup(gazetteer, focus, span):
            found.add(Candidate(a, b, span, how, focus_cc=focus))
