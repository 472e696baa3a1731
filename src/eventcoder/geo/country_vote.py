"""The report's country vote: one weighting of what a report says about the country it is about, counted twice.

The stage order forces two counts of the same evidence, never two different votes:

1. **provisional** (inside `geoparse`, before any name is resolved): `provisional_country(doc, cands, gazetteer)`
   counts, with the `FIRST_PASS` weights (no town has a reading yet, so names of countries count like towns), the
   report's source (a national monitor: "SOHR"), the user's `--focus-country` hint, the country names and
   demonyms it writes, and the names whose strong gazetteer readings all lie in one country.  The toponym finder
   reads it (names the gazetteer knows only in that country, `toponyms._focus_candidates`); the resolver starts its
   passes from `context_votes(doc)` (the source, the hint and the groups of one country: what the report says of
   its country outside its place names), then
   lets each resolved name add its own vote as it chooses every name's reading (`resolve._focus` keeps those per
   mention, because a name's own vote must be left out when it is scored).
2. **final** (the `geography` stage, once the places are resolved): `report_votes(doc)` counts the same kinds of
   evidence with the same `WEIGHTS`, read from the resolved places; `geography.ReportGeography` keeps the winner
   and the evidence (`Vote`s) it won with.

Weights (`WEIGHTS`): a town, facility or region the report places something in counts 1; a region written as the
container of a place ("Banda (Ango, Bas-Uele)") 2; a country name only 0.1 (0.25 after "in", 0.05 after "from")
and a demonym 0.05, since "Ukrainians rallied in Gloucester" is about the United Kingdom; a word of a longer
capitalised name ("Tata Steel") or of a square or street ("Cavour square") a third of its weight, a place written
as what something is of ("the annexation of Crimea", not "the town of X") half; the source 1.5 and the hint 1 (about one town: evidence,
never more than the text); a country the title names, or whose places it names, 1 (a headline says where the
story is: "Regime & Allies Onslaught on Aleppo Failed", over a Geneva press conference in the text); a group,
party, union, currency or unit word of one country (`group_votes`: "the OSCE SMM", "KCTU", "naira") 0.5, in both
counts (the resolver reads it with the source and the hint, `context_votes`).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..lang import any_of, word_set
from ..model import Document, PlaceMention
from . import names as N
from .candidate import Candidate
from .countries import country_word, lookup_country
from .country_cues import cue_spans
from .locate import PlaceBefore, embedded, street_level, written_as_container
from .report_country import source_country

WEIGHTS = {"place": 1.0, "container": 2.0, "country": 0.1, "country after in": 0.25, "country after from": 0.05,
           "demonym": 0.05, "source": 1.5, "hint": 1.0, "title": 1.0, "group": 0.5}
# before resolution no town has a reading yet: the names of countries and peoples are most of what a report says
# of its country, and a national monitor as its source weighs like two of them
FIRST_PASS = {"place": 1.0, "country": 1.0, "demonym": 0.5, "source": 2.0, "hint": 1.0, "group": 0.5}
_EMBEDDED = 0.3      # a place name inside a longer capitalised name, or a square or street ("Cavour square")
_LOCATIVE_TIE = 0.05  # "protested in Chisinau" over the "Sor Party" that organised it: ties only
_IN_BEFORE = re.compile(rf"(?i)\b({any_of('inside_words')})\s+(the\s+)?$")
_FROM_BEFORE = re.compile(rf"(?i)\b({any_of('origin_words')})\s+(the\s+)?$")
_LOCATIVE_WORD = re.compile(rf"(?i)\b({any_of('locative_words')})\s+(the\s+)?$")
_TOPIC = 0.5         # "the invasion of Ukraine", "the annexation of Crimea": what the report is about, not where
_NOUN_OF = re.compile(r"(?i)\b([a-z]+)\s+of\s+(the\s+)?$")
_WHERE_OF = frozenset().union(*(word_set(n) for n in (
    "place_of_words", "settlement_words", "area_words", "area_words_more", "regional_words_more",
    "container_unit_words", "compass_words")))


@dataclass(frozen=True)
class Vote:
    """One piece of evidence for a country: its kind (a key of WEIGHTS), weight, and the words (clean offsets;
    None for the source and the hint, which are not in the text)."""
    cc: str
    kind: str
    weight: float
    start: int | None = None
    end: int | None = None


def group_votes(text: str) -> list[Vote]:
    """A group, force or mission of one country named in the text (the actor registry's names, `data/actors.tsv`:
    "the OSCE SMM" is Ukraine's, "VDP" Burkina Faso's, "the Taliban" Afghanistan's), or a party, union,
    institution, currency or unit word of one country (`country_cues.py`: "KCTU", "naira"), one vote each name: said
    nowhere as a place, but where a coder knows the story is.  Names that stand for a country's forces only in a
    story already set there (the registry's home-only aliases), groups of several countries ("JNIM"), a
    state's armed forces and foreign forces other than a mission named after its host (often abroad: "Russian
    forces" shell Ukraine, "Wagner" fights in Mali) say nothing."""
    from ..extract.registry import Registry
    out = [Vote(cc, "group", WEIGHTS["group"], a, b) for a, b, cc in cue_spans(text)]
    for m in Registry.shipped().find(text):
        named = [e for e, a in m.entries if not a.home_only]
        if any(e.kind == "military" or e.kind == "external" and "Mission" not in e.name for e in named):
            continue   # a state's forces, a private military company: often abroad ("Wagner" in Mali)
        ccs = {e.country for e in named}
        if len(ccs) == 1 and all(len(cc) == 2 for cc in ccs):
            out.append(Vote(ccs.pop(), "group", WEIGHTS["group"], m.start, m.end))
    return sorted(out, key=lambda v: v.start)


def context_votes(doc: Document, weights: dict = WEIGHTS) -> list[Vote]:
    """What the report says of its country outside its place names: its source's country, the user's hint, and
    the groups of one country it names (`group_votes`)."""
    out = [Vote(v.cc, v.kind, weights["group"], v.start, v.end) for v in group_votes(doc.clean)]
    cc = source_country(getattr(doc, "source", None))
    if cc:
        out.append(Vote(cc, "source", weights["source"]))
    if getattr(doc, "focus_country", None):
        out.append(Vote(doc.focus_country, "hint", weights["hint"]))
    return out


def tally(votes: list[Vote]) -> Counter:
    out: Counter = Counter()
    for v in votes:
        out[v.cc] += v.weight
    return out


def provisional_votes(doc: Document, cands: list[Candidate], gazetteer) -> list[Vote]:
    """The evidence before resolution (`FIRST_PASS` weights): the context, then each name the report writes that
    says one country."""
    out = context_votes(doc, FIRST_PASS)
    for c in cands:
        if c.demonym_of:
            out.append(Vote(c.demonym_of, "demonym", FIRST_PASS["demonym"], c.start, c.end))
            continue
        country = lookup_country(c.text)
        if country is not None and country_word(c.text):
            out.append(Vote(country.alpha2, "country", FIRST_PASS["country"], c.start, c.end))
            continue
        rs = gazetteer.by_key(N.key(c.text))
        ccs = {r.cc for r in rs if r.kind in ("admin1", "admin2", "facility", "region") or (r.population or 0) >= 10_000
               or "supplement" in (r.source or "")}
        if len(ccs) == 1:
            out.append(Vote(ccs.pop(), "place", FIRST_PASS["place"], c.start, c.end))
    return out


def provisional_country(doc: Document, cands: list[Candidate], gazetteer) -> str | None:
    """The country with at least half of the provisional votes and at least a country name's weight (demonyms
    alone say whose people, not where), else None."""
    votes = tally(provisional_votes(doc, cands, gazetteer))
    if not votes:
        return None
    top, n = votes.most_common(1)[0]
    return top if n >= FIRST_PASS["country"] and n / sum(votes.values()) >= 0.5 else None


def _country_kind(text: str, start: int) -> str:
    before = text[max(0, start - 12):start]
    return "country after in" if _IN_BEFORE.search(before) else \
        "country after from" if _FROM_BEFORE.search(before) else "country"


def report_votes(doc: Document, places: list[PlaceMention]) -> list[Vote]:
    """The evidence once the places are resolved: every resolved mention of `places` (see the module
    docstring for the weights).  A country named after "in" ("refugees from Ukraine arrived in Slovakia")
    outweighs other country names, not a town.  Then the context (the source and the hint)."""
    out = []
    places = [p for p in places if p.country_code]
    earlier = PlaceBefore(places)
    for p in places:
        if p.kind == "demonym":
            kind = "demonym"
        elif p.kind == "country":
            kind = _country_kind(doc.clean, p.start)
        elif p.kind == "region" and written_as_container(doc, p, earlier):
            kind = "container"
        else:
            kind = "place"
        w = WEIGHTS[kind]
        if kind in ("place", "container"):
            if embedded(doc, p) or street_level(doc.clean, p):
                w *= _EMBEDDED
            m = _NOUN_OF.search(doc.clean[max(0, p.start - 30):p.start])
            if m and m.group(1).lower() not in _WHERE_OF:
                w *= _TOPIC
            if _LOCATIVE_WORD.search(doc.clean[max(0, p.start - 12):p.start]):
                w += _LOCATIVE_TIE
        out.append(Vote(p.country_code, kind, w, p.start, p.end))
    return out + context_votes(doc)


def title_votes(countries: set[str]) -> list[Vote]:
    """One vote for each country the title names or places something in (no span: the title is not the text)."""
    return [Vote(cc, "title", WEIGHTS["title"]) for cc in sorted(countries)]


def winner(votes: list[Vote]) -> str | None:
    """The country with the most weight (the first counted on a tie)."""
    t = tally(votes)
    return max(t, key=t.get) if t else None


def named_countries(places: list[PlaceMention]) -> set[str]:
    """The countries a report names or whose people it names (country names and demonyms)."""
    return {p.country_code for p in places if p.kind in ("country", "demonym") and p.country_code}
