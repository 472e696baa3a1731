"""Toponym resolution in context: which "Alexandria"?

Each candidate span (from `toponyms.py`) gets its gazetteer readings; each reading is scored by
- prominence: population (log scale) and kind (a country's or region's own name beats a village's alternate name);
- the document's focus countries: countries named or implied by demonyms, and countries of readings that are
  unambiguous;
- containers written next to the name: "Alexandria, La.", "Minakulu sub-county (Oyam, Northern)",
  "Anadan in the northern countryside of Aleppo": a reading inside the named region wins;
- co-mentioned regions: a reading whose admin1 is named elsewhere in the report.
Resolution runs twice: the first pass finds the focus, the second uses it.  Names with no exact match fall back to
the transliteration-loose key, accepted only inside a focus country.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from typing import Callable

from ..lang import any_of, words
from ..model import Document, PlaceMention
from . import names as N
from .candidate import Candidate
from .mention import Mention
from .countries import country_by_alpha2
from .distance import distance_km
from .english_words import common_words
from .gazetteer import Gazetteer, Place
from .parentheses import constrain_parentheses
from .readings import UNIT_SUFFIX, mention_readings
from .country_vote import WEIGHTS, context_votes, tally
from .report_country import source_country
from .skeleton_index import skeleton_lookup
from .supplement import admin1_abbreviations
from .toponyms import find_candidates

_KIND_OUT = {"country": "country", "admin1": "region", "admin2": "region", "region": "region",
             "facility": "facility", "place": "place"}
# word lists: lang/en/*.txt (each file's header says what it holds)
_NAMES_UNIT = re.compile(rf"(?i)\b({any_of('admin2_unit_words', 'admin2_name_words_more')})\b")
_CONTAINER_GAP = re.compile(rf"[\s,()]*(({any_of('container_gap_words')})[\s,()]*)*", re.I)
_SETTLEMENT_WORD_END = re.compile(rf"(?i)\b({any_of('settlement_words')})$")   # "Aleppo city"
_SETTLEMENT_END = re.compile(rf"(?i)({any_of('settlement_words')})$")


def _containers(doc_text: str, m: Mention, following: list[Mention]) -> list[Place]:
    """Regions written right after the mention: ", X", "(X, Y)", " in [the ... of] X"."""
    out: list[Place] = []
    end = m.cand.end
    for nxt in following[:3]:
        if nxt.cand.demonym_of:
            break   # "Qamishli near the Turkish border": a people's adjective contains no place
        gap = doc_text[end:nxt.cand.start]
        if len(gap) > 40 or not _CONTAINER_GAP.fullmatch(gap):
            break
        regions = [r for r in nxt.readings if r.kind in ("country", "admin1", "admin2", "region")]
        out.extend(regions)
        if regions:
            nxt.inner.append(m)
        end = nxt.cand.end
    # US-style abbreviations: "Alexandria, La."
    m2 = re.match(r",\s*([A-Z][A-Za-z.]{1,6})", doc_text[m.cand.end:m.cand.end + 10])
    if m2:
        abbrev = admin1_abbreviations()
        ab = abbrev.get(m2.group(1)) or abbrev.get(m2.group(1).rstrip(".") + ".")
        if ab:
            out.append(Place(-1, None, ab[1], "admin1", "ADM1", ab[0], ab[1], None, None, None, 0, "abbrev"))
    return out


def _inside(r: Place, c: Place) -> bool:
    if r.pid == c.pid or r.cc != c.cc:
        return False
    if c.kind == "country":
        return True
    if r.kind == "region" and c.kind in ("admin1", "admin2") and _near(r, c, 50):
        return True    # a named area can straddle a border: "the Eastern Ghouta of Damascus"
    if c.kind == "admin1":
        return r.admin1 is not None and N.key(r.admin1) == N.key(c.admin1 or c.name)
    if c.kind == "admin2":
        return (r.admin2 is not None and N.key(r.admin2) == N.key(c.admin2 or c.name)) or \
               (r.admin1 is not None and c.admin1 is not None and N.key(r.admin1) == N.key(c.admin1)
                and r.kind != "admin1" and _near(r, c, 60))
    if c.kind == "region":
        return _near(r, c, 40)
    return False


def _near(a: Place, b: Place, km: float) -> bool:
    return None not in (a.lat, b.lat) and distance_km(a.lat, a.lon, b.lat, b.lon) <= km


def _score(m: Mention, r: Place, focus: Counter, admin1s: Counter, total: float,
           prior: Counter | None = None) -> float:
    # GeoNames gives 0 for "unknown" population: count such towns as villages, not as empty places
    s = math.log10((r.population or 1000) + 10)
    k = N.key(m.cand.text)
    if N.key(r.name) == k:
        s += 1.0
    if r.kind == "country":
        s += 2.0
    elif r.kind == "admin1":
        # "Aleppo" alone is the city; "Aleppo province", "the countryside of Aleppo" the governorate
        if m.regional:
            s += 1.5
        elif _SETTLEMENT_WORD_END.search(m.cand.text):
            s -= 3.0
        elif any(o.kind == "place" and o.cc == r.cc and o.admin1 == r.admin1 for o in m.readings):
            s -= 0.5      # the region's namesake town is also a reading: plain "Aleppo" is the city
        elif m.at_town and any(o.kind == "place" and (o.population or 0) >= _CITY for o in m.readings):
            s -= 0.5      # "protested in Toledo", "gathered ... in Bari": a city of that name, not a region abroad
        else:
            s += 1.0
    elif r.kind == "admin2":
        s -= 0.3 if _NAMES_UNIT.search(m.cand.text) else 1.5
    elif r.kind in ("facility", "region"):
        s += 1.5
    if r.feature_code == "PPLC":
        s += 1.5
    if m.cand.label == "FAC" and r.kind == "facility":
        s += 1.0
    # the rest of the report's evidence, this mention's own vote left out
    own_cc = m.best.cc if m.best is not None else None
    own = m.weight if own_cc == r.cc else 0.0
    rest = focus.get(r.cc, 0.0) - own
    rest_total = total - m.weight
    if rest_total > 0 and rest > 0:
        # demonyms alone ("Russian forces shelled Donetsk") say whose forces, not where: a flat bonus only
        named = rest - admin1s.get((r.cc, _DEMONYM), 0.0)
        s += 1.5 + 4.0 * rest / rest_total if named > 0 else 1.5
    elif rest_total <= 0 and prior:
        # no other evidence in the report: the country most reports read before it in this batch were about
        share = prior.get(r.cc, 0.0) / max(1.0, sum(prior.values()))
        if share >= 0.5:
            s += 3.0 * share
    if r.admin1 and r.kind != "admin1":
        a1 = admin1s.get((r.cc, N.key(r.admin1)), 0.0)
        if m.best is not None and m.best.admin1 and (m.best.cc, N.key(m.best.admin1)) == (r.cc, N.key(r.admin1)):
            a1 -= m.weight
        if a1 > 0:
            s += 2.0
    for c in m.container:
        if _inside(r, c):
            s += 8.0
            break
    if r.kind in ("country", "admin1", "admin2", "region") and any(
            i.best is not None and i.best.cc == r.cc and _inside(i.best, r) for i in m.inner):
        s += 8.0   # "Valdivia (Los Rios)": the region that holds the place it is written after, not a namesake
    return s


class _Neighbours:
    """The towns the report's other names were read as (after the first pass): a reading near one of them is
    likelier than a namesake far away ("Dublin" in a story about Laurens County, Georgia is Dublin, Georgia), in
    the country the report is mostly about.  A local report names places close to each other."""
    _KM = ((40.0, 2.0), (120.0, 1.0))    # within 40 km: +2; within 120 km: +1

    def __init__(self, mentions: list[Mention], focus: Counter):
        # only in the country the report is mostly about: a cluster of stray namesakes abroad ("Red Crescent" read
        # as Crescent City, Illinois) must not pull another name ("Geneva") after it
        self.home = focus.most_common(1)[0][0] if focus else None
        self.points = [(N.key(m.cand.text), m.best.lat, m.best.lon) for m in mentions
                       if m.best is not None and not m.cand.demonym_of and m.best.lat is not None
                       and m.best.kind in ("place", "admin2", "facility")]

    def bonus(self, m: Mention, r: Place) -> float:
        if r.lat is None or r.kind not in ("place", "admin2", "facility") or r.cc != self.home:
            return 0.0
        own = N.key(m.cand.text)
        best = math.inf
        for k, lat, lon in self.points:
            if k == own or abs(lat - r.lat) > 1.2 or abs(lon - r.lon) > 1.2 / max(0.2, math.cos(math.radians(lat))):
                continue
            best = min(best, distance_km(lat, lon, r.lat, r.lon))
        return next((b for km, b in self._KM if best <= km), 0.0)


_CITY = 50_000   # people: a city whose name a region elsewhere shares is, after "in", the city
_DEMONYM = "#demonym"    # admin1s key under which _focus also counts each country's demonym weight


def _focus(mentions: list[Mention], first_pass: bool) -> tuple[Counter, Counter]:
    focus: Counter = Counter()
    admin1s: Counter = Counter()
    for m in mentions:
        m.weight = 0.0
        if m.cand.demonym_of:
            focus[m.cand.demonym_of] += 0.5
            admin1s[(m.cand.demonym_of, _DEMONYM)] += 0.5
            continue
        if m.best is None:
            continue
        weight = 1.0 if (first_pass is False or m.margin > 1.0 or len(m.readings) == 1) else 0.3
        if m.cand.source == "list" or m.best.kind in ("admin1", "admin2"):
            weight *= 2.0     # "(Oyam, Northern)": regions named as containers say where the report is
        m.weight = weight
        focus[m.best.cc] += weight
        if m.best.admin1:
            admin1s[(m.best.cc, N.key(m.best.admin1))] += weight
    return focus, admin1s


_REGIONAL = ("regional_words", "regional_words_more")
_REGIONAL_AFTER = re.compile(rf"(?i)^['’]?s?\s*({any_of(*_REGIONAL, 'regional_words_after')})\b")
_REGIONAL_BEFORE = re.compile(rf"(?i)\b({any_of(*_REGIONAL)})\s+(of\s+)?(the\s+)?$")


def _named_focus(cc: str | None, own: Mention, mentions: list[Mention], focus: Counter,
                 src_cc: str | None = None) -> bool:
    """The focus country, named by the report's places, not only by its demonyms: "Russian forces shelled Bila
    Hora" does not make every Russian village that sounds like "Bila Hora" a reading; and only the main one: a
    "U.S.-led coalition" in a Syrian report does not make "Tokhar" the American "Tucker"."""
    if cc is None or cc not in focus:
        return False
    if cc == src_cc:
        return True
    own_w = own.weight if own.best is not None and own.best.cc == cc else 0.0
    if any(n > focus[cc] - own_w for c2, n in focus.items() if c2 != cc):
        return False
    return any(m is not own and m.best is not None and m.best.cc == cc and not m.cand.demonym_of for m in mentions)


def _regional(text: str, c: Candidate) -> bool:
    if UNIT_SUFFIX.search(c.text) and not _SETTLEMENT_END.search(c.text):
        return True
    return bool(_REGIONAL_AFTER.match(text[c.end:c.end + 20]) or _REGIONAL_BEFORE.search(text[max(0, c.start - 30):c.start])
                or (_TRAILING_CONTAINER_BEFORE.search(text[max(0, c.start - 40):c.start])
                    and _TRAILING_CONTAINER_AFTER.match(text[c.end:c.end + 3])))


# "shelled the village of Novohnativka, Donetsk.": a name closing "Village, Name" names the village's region
_TRAILING_CONTAINER_BEFORE = re.compile(rf"\b({any_of('container_lead_words')})\s+[A-Z][\w'’-]+"
                                        rf"(\s[A-Z][\w'’-]+)?,\s+$")
_TRAILING_CONTAINER_AFTER = re.compile(r"^(\s*[.;\[]|\s*$)")


_REGION_BEFORE = re.compile(rf"(?i)\b({any_of('rural_words', 'compass_adjectives')})\s+$")    # "rural Damascus"
_REGION_AFTER = re.compile(rf"(?i)^\s+({any_of('regional_words')})\b")     # "Damascus countryside"


def resolve(doc: Document, gaz: Gazetteer, cands: list[Candidate] | None = None,
            prior: Counter | None = None) -> list[Mention]:
    text = doc.clean
    cands = find_candidates(doc, gaz) if cands is None else cands
    mentions: list[Mention] = []
    for c in cands:
        if c.demonym_of:
            cp = gaz.country(c.demonym_of)
            mentions.append(Mention(c, [cp] if cp else []))
            continue
        mb = _REGION_BEFORE.search(text[max(0, c.start - 10):c.start])
        ma = _REGION_AFTER.match(text[c.end:c.end + 15])
        rs, loose = mention_readings(gaz, c.text, mb.group(1) if mb else "", ma.group(1) if ma else "",
                              dotted=text[c.end:c.end + 1] == ".")
        if c.focus_cc:
            # found only because the report is about this country: its readings there, else the skeleton's there
            rs = [r for r in rs if r.cc == c.focus_cc]
            if not rs:
                rs, loose = skeleton_lookup(gaz, c.focus_cc, c.text), True
        mentions.append(Mention(c, _dedupe(rs), loose))
    constrain_parentheses(text, mentions)
    for i, m in enumerate(mentions):
        m.container = _containers(text, m, mentions[i + 1:])
        m.at_town = bool(_WHERE_BEFORE.search(text[max(0, m.cand.start - 12):m.cand.start]))
        m.regional = _regional(text, m.cand) or _qualifies_previous(text, m, mentions[:i])
    # the report's provisional geography outside its text (its source, the user's hint), see country_vote.py; each
    # pass then adds the votes of the names as resolved so far
    src_cc, hint = source_country(doc.source), doc.focus_country
    context = tally(context_votes(doc))
    focus: Counter = Counter(context)
    admin1s: Counter = Counter()
    for first in (True, False, False):
        total = sum(focus.values())
        near = _Neighbours(mentions, focus) if not first else None
        for m in mentions:
            if m.cand.demonym_of:
                m.best = m.readings[0] if m.readings else None
                m.margin = 10.0
                continue
            rs = m.readings
            if m.loose:   # loose readings count only inside the focus country or a named container
                rs = [r for r in rs if _named_focus(r.cc, m, mentions, focus, src_cc)
                      or any(_inside(r, c) for c in m.container)]
            if not rs:
                m.best = None
                continue
            if m.container and not first:
                # "Pirque (Cochabamba)": a reading outside the named region is another place of that name;
                # with none inside, the mention stays unresolved and the region stands for it
                inside = [r for r in rs if any(_inside(r, c) for c in m.container)]
                if not inside and all(c.kind in ("admin1", "admin2", "country") for c in m.container) and \
                        len({(c.cc, c.admin1) for c in m.container}) == 1 and \
                        not any(r.kind in ("country", "admin1") for r in rs):
                    m.best = None
                    continue
            scored = sorted(((_score(m, r, focus, admin1s, total, prior) + (near.bonus(m, r) if near else 0.0), r)
                             for r in rs), key=lambda x: -x[0])
            m.best, m.score = scored[0][1], scored[0][0]
            m.margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 10.0
        focus, admin1s = _focus(mentions, first)
        focus.update(context)
    if hint:   # the user's hint chooses among a name's readings; it never makes the text's own places strays
        focus[hint] -= WEIGHTS["hint"]
        focus = +focus
    _drop_stray(text, mentions, focus, lambda t: common_words(doc.nlp, t))
    return mentions


def _dedupe(readings: list[Place]) -> list[Place]:
    """One reading per place: the supplement may repeat a GeoNames town under the spelling the news uses; two
    towns or districts of one country within 3 km are one place (the more populous entry stays)."""
    if len(readings) < 2:
        return readings
    out: list[Place] = []
    for r in sorted(readings, key=lambda r: -(r.population or 0)):
        if r.kind in ("place", "facility") and r.lat is not None and any(
                o.kind == r.kind and o.cc == r.cc and o.lat is not None and
                distance_km(o.lat, o.lon, r.lat, r.lon) < 3.0 for o in out):
            continue
        out.append(r)
    return out


def _qualifies_previous(text: str, m: Mention, before: list[Mention]) -> bool:
    """"the Eastern Ghouta of Damascus": the name after a region's "of" says which region, as a container does."""
    if not before or not re.fullmatch(r"\s+of\s+(the\s+)?", text[before[-1].cand.end:m.cand.start]):
        return False
    return any(r.kind == "region" for r in before[-1].readings)


def _city_where(text: str, m: Mention, r: Place) -> bool:
    """"demonstrated in Heidelberg": a city of 100,000 people or a capital, written after "in"/"at"/"near", is
    where something happened, whatever country the rest of the report is about."""
    return _big_city(r) and bool(_WHERE_BEFORE.search(text[max(0, m.cand.start - 12):m.cand.start]))


def _big_city(r: Place) -> bool:
    return r.kind == "place" and ((r.population or 0) >= 100_000 or r.feature_code in ("PPLC", "PPLA"))


_WHERE_BEFORE = re.compile(rf"(?i)\b({any_of('locative_words')})\s+$")


def _drop_stray(text: str, mentions: list[Mention], focus: Counter, common: Callable[[str], bool]) -> None:
    """Forget gazetteer-only matches that land in a country the report is otherwise not about ("Mon", "Plast" in
    a Syrian article): a village abroad is far likelier a word that happens to be a place name.  An ordinary
    English word ("Capital", "South", "Mission") read as a place abroad goes too, even when the parser called it
    a place, unless its country is named or a country or region is what it names."""
    total = sum(focus.values())
    if total < 2:
        return
    top, top_n = focus.most_common(1)[0]
    if top_n / total < 0.5:
        return
    # the top country stands only on its name and its people's ("refugees from Ukraine gathered ... in Paris")
    named_only = not any(m.best is not None and m.best.cc == top and m.best.kind != "country" and
                         not m.cand.demonym_of for m in mentions)
    for m in mentions:
        r = m.best
        if r is None or m.cand.source == "demonym" or r.cc == top:
            continue
        if m.cand.source == "ner":
            if r.kind != "country" and focus.get(r.cc, 0.0) - m.weight <= 0 and common(m.cand.text) and \
                    not _city_where(text, m, r) and not (named_only and _big_city(r)):
                m.best = None
            continue
        if focus.get(r.cc, 0.0) - m.weight > 0:
            continue
        if r.kind == "country" or (not common(m.cand.text) and (r.kind == "admin1" or (r.population or 0) >= 100_000)):
            continue
        m.best = None


def geoparse(doc: Document, gaz: Gazetteer, prior: Counter | None = None) -> list[PlaceMention]:
    """Resolved place mentions of `doc` (clean offsets), demonyms included as kind "demonym".

    `prior` (country code -> weight) is consulted only for mentions the report itself gives no country
    evidence for (see `Geoparse`)."""
    out: list[PlaceMention] = []
    for m in resolve(doc, gaz, prior=prior):
        r = m.best
        if r is None or r.lat is None:
            continue
        kind = "demonym" if m.cand.demonym_of or _stands_for_state(doc.clean, m.cand, r) else \
            _KIND_OUT.get(r.kind, "place")
        out.append(PlaceMention(start=m.cand.start, end=m.cand.end, text=m.cand.text, kind=kind,
                                latitude=r.lat, longitude=r.lon, name=r.name, country_code=r.cc,
                                admin1=r.admin1, admin2=r.admin2, feature_code=r.feature_code,
                                geonameid=r.geonameid, population=r.population,
                                score=round(1 / (1 + math.exp(-min(m.margin, 20))), 3)))
    return out


# "the London-based Syrian Observatory", "Damascus said", "Washington blames": the name stands for an
# organisation's seat or a government, not for where something happened
_BASED = re.compile(r"^[-‐–]based\b")
_AUXILIARY = "|".join(rf"{re.escape(w)}\s+" for w in words("government_auxiliaries"))     # "has said"
_GOVERNMENT_AFTER = re.compile(rf"(?i)^(['’]s?)?\s+({_AUXILIARY})?({any_of('government_words_after')})\b")


def _stands_for_state(text: str, c: Candidate, r: Place) -> bool:
    if _BASED.match(text[c.end:c.end + 8]):
        return True
    return r.feature_code == "PPLC" and bool(_GOVERNMENT_AFTER.match(text[c.end:c.end + 40]))


def country_name(cc: str | None) -> str | None:
    c = country_by_alpha2(cc or "")
    return c.name if c else None
