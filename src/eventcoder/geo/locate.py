"""The event's location: among a report's places, the one where each event happened.

For each event, candidate places are the report's place mentions (not demonyms).  Preference, in order:
1. a place in the event's own sentence, nearest after the event's anchor words in a locative frame
   ("in X", "on X", "near X", "at X", "targeting X", "X countryside"); towns and facilities over regions;
2. a place in the sentence before/after;
3. the report's most frequently named place (the focus); the dateline's place ("KABUL (Reuters) -") only when the
   report names no other (`dateline.py`).
Regions the text names with a unit word ("Saptari district", "Kayin State") join the mentions here, and replace
a mention read as a town abroad; a place whose reading lies outside the region list written after it ("Kyaikdon
village (Kawkareik district, Kayin State)") gives way to that list's first name.
"X km north of Y" keeps Y's point with UCDP precision 2 (within 25 km) and ACLED geo_precision 2;
"the countryside/outskirts of Y" names the area around Y: precision 2 as well.  When only a region is known the
point is the region's reference point with geo_precision 3 and where_prec 3/4; a country alone gives
where_prec 6 and geo_precision 3 — never silently a country centroid with a town's precision.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence

from ..lang import alternation, any_of, word_set, words
from ..spanset import Disjoint
from ..model import Document, Event, PlaceMention
from . import names as N
from .countries import country_by_alpha2
from .filing import filed_under
from .dateline import in_dateline
from .gazetteer import Gazetteer

# word lists: lang/en/*.txt (each file's header says what it holds)
_LOCATIVE = re.compile(rf"(?i)\b({any_of('locative_frame_words')})\s+(the\s+)?((\w+\s+){{0,4}})$")
_UNIT_OF = "|".join(rf"{re.escape(w)}\s+of\s+" for w in words("settlement_words"))   # "the town of "
_VICINITY = re.compile(rf"(?i)(\d+(\.\d+)?\s*({any_of('distance_units')})\s+(\w+\s+){{0,2}}"
                       rf"({any_of('origin_words')})\s+(the\s+)?({_UNIT_OF})?|"
                       rf"\b({any_of('area_words', 'area_words_more')})\s+of\s+(the\s+)?(\w+\s+){{0,2}}$|"
                       rf"\b({any_of('vicinity_prepositions')})\s+(the\s+)?$)")
_AREA_AFTER = re.compile(rf"(?i)^[\s'’s]*({any_of('area_words')})\b")
_CODED = re.compile(rf"(?i)\b({alternation('coded_place_cues')})\s+((nearby|capital|the)\s+)?$")
_GP_AFTER = re.compile(r"^\s+with\s+GP\s?([123])\b")
_STREET_AFTER = re.compile(rf"(?i)^\s+({any_of('street_level_words')})\b")


def coded_at(text: str, p: PlaceMention) -> bool:
    """"coded to Kumba", "[coded as Namtu town]": the report says its event is coded at this place."""
    return bool(_CODED.search(text[max(0, p.start - 30):p.start]))


def street_level(text: str, p: PlaceMention) -> bool:
    """"Cavour square", "the Renascenca neighborhood": a feature inside a town, not a town."""
    return p.kind != "country" and bool(_STREET_AFTER.match(text[p.end:p.end + 20]))


def _precision(p: PlaceMention, vicinity: bool) -> tuple[int, int]:
    """(ACLED geo_precision, UCDP where_prec) for a resolved mention."""
    return place_precision(p.kind, p.feature_code, vicinity)


def place_precision(kind: str, feature_code: str | None, vicinity: bool = False) -> tuple[int, int]:
    """(ACLED geo_precision, UCDP where_prec) of a place of this kind (a mention's or a gazetteer entry's: a
    country, a region or admin1/admin2, a town or facility); `vicinity`: near it rather than in it."""
    if kind == "country":
        return 3, 6
    if kind in ("region", "admin1", "admin2"):
        if feature_code == "ADM2":
            return 3, 3
        if feature_code == "ADM1":
            return 3, 4
        return 2, 2 if vicinity else 3
    if vicinity:
        return 2, 2
    return 1, 1


def candidate_places(places: Sequence[PlaceMention], dateline: tuple[int, int] | None) -> list[PlaceMention]:
    """The resolved places an event can be placed at (demonyms and unresolved mentions are not); the dateline's
    place only when the report names no other ("KABUL (Reuters) - ... at a mosque in the city")."""
    places = [p for p in places if p.kind != "demonym" and p.latitude is not None]
    told = [p for p in places if not in_dateline(dateline, p.start)]
    return told or places


_COMPASS = re.compile(rf"(?i)({any_of('compass_words', 'compass_words_more')})")   # used with fullmatch only
_LIST_OPEN = re.compile(r"\w[\w'’.-]*\s*\((?:[^()]{0,60},\s*)?$")
_UNIT_WORDS = ("admin1_unit_words", "admin1_unit_words_more", "admin1_unit_words_rare", "admin2_unit_words")
_LIST_CLOSE = re.compile(rf"(?i)(\s+({any_of(*_UNIT_WORDS)}))?\s*\)")
_NAME_COMMA = re.compile(rf"\b({any_of('locative_words', 'locative_words_more')})\s+([A-Z][\w'’.-]*\s+){{0,3}}"
                         rf"[A-Z][\w'’.-]*,\s*$")
_CLOSES = re.compile(r"\s*([,.;)]|$)")
_CONTAINER_GAP = re.compile(rf"(?i)\s*(\s({alternation('container_unit_words')}))*\s*[,(]\s*")


_UNIT_NEXT = re.compile(rf"(?i)({any_of('container_unit_words', 'unit_next_words_more')})\b")
_NOT_NAME_BEFORE = word_set("place_lead_words")


def embedded(doc: Document, p: PlaceMention) -> bool:
    """The mention is one word of a longer capitalised name ("Young Farmers", "Green Party", "Tata Steel", "the
    Karma Mine", "Ma Ya Kan village"): a place name there is a coincidence, not where anything happened."""
    after = doc.clean[p.end:p.end + 30]
    m = re.match(r"[ -]([A-Z][\w'’-]*)", after)
    if m and not _UNIT_NEXT.match(m.group(1)):
        return True
    before = doc.clean[max(0, p.start - 30):p.start]
    m = re.search(r"(^|[^\w.,;:(])([A-Z][\w'’-]*) $", before)
    if m and m.group(2).lower() not in _NOT_NAME_BEFORE and m.start(2) > 0 and \
            not re.search(r"[.!?:]\s*$", before[:m.start(2)]):
        return True
    return False


class PlaceBefore:
    """The place mention (demonyms aside) that ends last at or before a position, by bisection over the mentions
    sorted by end; of several ending there, the first in the list given."""

    def __init__(self, places: list[PlaceMention]):
        order = sorted(((q.end, i, q) for i, q in enumerate(places) if q.kind != "demonym"), key=lambda t: t[:2])
        self._ends = [end for end, _, _ in order]
        self._places = [q for _, _, q in order]

    def last_before(self, pos: int, within: int) -> PlaceMention | None:
        """The mention ending last in `[pos - within, pos]`, or None."""
        i = bisect.bisect_right(self._ends, pos) - 1
        if i < 0 or pos - self._ends[i] > within:
            return None
        return self._places[bisect.bisect_left(self._ends, self._ends[i])]


def written_as_container(doc: Document, p: PlaceMention, before: PlaceBefore) -> bool:
    """"Banda (Ango, Bas-Uele)", "Kamma town, Magway region", "Sfax (Sfax Ville, Sfax)": the region closes the
    location list written after a place (whatever country that place was read in: the list is what the coder
    wrote to say where it is)."""
    if _LIST_CLOSE.match(doc.clean[p.end:p.end + 16]) and _LIST_OPEN.search(doc.clean[max(0, p.start - 80):p.start]):
        return True    # "near Kapkoi (Aldai, Nandi)": the last name of a location list, its first ones unknown
    if _NAME_COMMA.search(doc.clean[max(0, p.start - 40):p.start]) and _CLOSES.match(doc.clean[p.end:p.end + 3]) \
            and not _COMPASS.fullmatch(doc.clean[p.start:p.end]):
        return True    # "in Ejido Tabasco, Baja California, armed men...": "Name, Region" closing the place's name
    q = before.last_before(p.start, 60)
    if q is None:
        return False
    if q.country_code != p.country_code and _COMPASS.fullmatch(doc.clean[p.start:p.end]):
        return False   # "Birmingham, West Midlands": a bare "West" is a region elsewhere only with its country's towns
    return bool(_CONTAINER_GAP.fullmatch(doc.clean[q.end:p.start]))


def _in_vicinity(doc: Document, p: PlaceMention) -> bool:
    """"12 km north of X", "the countryside of X", "near X", "X outskirts": the event is around `p`, not at it."""
    before, after = doc.clean[max(0, p.start - 60):p.start], doc.clean[p.end:p.end + 20]
    return bool(_VICINITY.search(before)) or bool(_AREA_AFTER.match(after))


def place_among(doc: Document, event: Event, places: Sequence[PlaceMention],
                  main_cc: str | None) -> tuple[PlaceMention | None, bool, str]:
    """The mention where `event` happened, whether it is "near"/"countryside of" it, and why it was chosen, given
    the report's candidate places and main country (both per report, not per event: `geography.ReportGeography`
    holds them and asks this)."""
    hint = doc.notes_of(event).place_hint   # set by DetectEvents when it split an incident by place
    if hint is not None and hint.latitude is not None:
        return hint, _in_vicinity(doc, hint), "the event's own clause"
    if not places:
        return None, False, "no place named"
    a0, a1 = event.anchor
    coded = [p for p in places if p.kind != "country" and coded_at(doc.clean, p)]
    if coded:
        best = min(coded, key=lambda p: abs(p.start - a0))
        return best, _in_vicinity(doc, best), "the place the report says the event is coded to"
    sent = doc.sentence_of(a0)
    s0, s1 = (sent.start, sent.end) if sent else (0, len(doc.clean))
    in_sent = [p for p in places if s0 <= p.start < s1]

    def rank(p: PlaceMention) -> tuple:
        before = doc.clean[max(s0, p.start - 60):p.start]
        after = doc.clean[p.end:p.end + 20]
        locative = bool(_LOCATIVE.search(before)) or bool(_AREA_AFTER.match(after))
        specific = {"facility": 0, "place": 0, "region": 1, "country": 2}.get(p.kind, 1)
        # is it a container of an earlier place ("Anadan, Aleppo", "Minakulu (Oyam, Northern)")?
        contained = _is_container_of_previous(doc, p, places)
        dist = abs(p.start - a1) if p.start >= a1 else (a0 - p.end) * 1.5
        foreign = main_cc is not None and p.country_code != main_cc
        # same clause as the event's words: no " and ", ";" or sentence-level comma between them
        gap = doc.clean[a1:p.start] if p.start >= a1 else doc.clean[p.end:a0]
        same_clause = not re.search(r"\band\b|[;]|,\s+(and|while|as|but)\b|,\s*\d", gap)
        return (foreign, embedded(doc, p), street_level(doc.clean, p), contained, not same_clause, not locative,
                specific, dist)

    best = min(in_sent, key=rank) if in_sent else None
    why = "the event's sentence"
    if best is not None and main_cc and best.country_code != main_cc and \
            any(p.country_code == main_cc and p.kind != "country" for p in places):
        best = None   # only places abroad in the sentence ("the ministry in Moscow said"): look at home
    if best is None or best.kind == "country":
        # nothing more specific in the sentence: the nearest specific place of that country in the report,
        # nearer sentences first, then the report's most named place
        cc = best.country_code if best is not None else main_cc
        pool = [p for p in places if p.country_code == cc and p.kind != "country"]
        if pool:
            counts = Counter((p.name, p.country_code) for p in pool)
            best = min(pool, key=lambda p: (min(abs(p.start - a0), abs(p.start - a1)) > 400,
                                            p.kind == "region" and p.feature_code not in ("ADM1", "ADM2"),
                                            -counts[(p.name, p.country_code)], abs(p.start - a0)))
            why = "the report's most specific place near the event"
        elif best is None:
            best = min(places, key=lambda p: abs(p.start - a0))
            why = "nearest named place to the event"
    if best.kind in ("place", "facility"):
        inside = _listed_containers(doc, best, places)
        if inside and best.admin1 and not any(c.admin1 == best.admin1 for c in inside) and \
                any(c.country_code == best.country_code for c in inside):
            # "Kyaikdon village (Kawkareik district, Kayin State)" read as a namesake in another region: the
            # report's own list says where it is
            best = next(c for c in inside if c.country_code == best.country_code)
            why = "the region the report names for the place (its reading lies elsewhere)"
    return best, _in_vicinity(doc, best), why


_LIST_AFTER = re.compile(rf"(?i)^(\s+({any_of('settlement_words', 'list_unit_words_more')}))?\s*\(([^()]{{2,120}})\)")


def _listed_containers(doc: Document, p: PlaceMention, places: Sequence[PlaceMention]) -> list[PlaceMention]:
    """The places of the location list written right after `p`: "Kyaikdon village (Kawkareik district, Kayin
    State)" -> Kawkareik, Kayin."""
    m = _LIST_AFTER.match(doc.clean[p.end:p.end + 160])
    if not m:
        return []
    a, b = p.end + m.start(3), p.end + m.end(3)
    return [q for q in places if a <= q.start and q.end <= b and q.kind in ("place", "region", "facility")]


def _is_container_of_previous(doc: Document, p: PlaceMention, places: Sequence[PlaceMention]) -> bool:
    if p.kind not in ("region", "country"):
        return False
    for q in places:
        if q.end <= p.start and p.start - q.end <= 30 and re.fullmatch(r"[\s,(]*(\w+[\s,(]*){0,2}",
                                                                        doc.clean[q.end:p.start]):
            return True
    return False


_UNIT_NAMED = re.compile(rf"(?<![-'’])\b([A-Z][\w'’]*(?:[ -][A-Z][\w'’]*){{0,3}})\s+({any_of(*_UNIT_WORDS)})\b")
_ADMIN1_UNITS = word_set("admin1_unit_words") | word_set("admin1_unit_words_more") | word_set("admin1_unit_words_rare")


def _unit_mentions(places: Sequence[PlaceMention], text: str, gaz: Gazetteer) -> list[PlaceMention]:
    """Regions the text names with their unit word ("Saptari district", "Sagaing region", "Kayin State") that
    the place mentions miss or read as a town abroad ("Bara district" is Nepal's, not Bara in Nigeria).  Coders
    write the event's district and province this way; they say where the event is even when its village is
    unknown to the gazetteer."""
    out: list[PlaceMention] = []
    others: dict[str, float] = {}
    for p in places:
        if p.country_code and p.kind != "demonym":
            others[p.country_code] = others.get(p.country_code, 0.0) + (0.1 if p.kind == "country" else 1.0)
    for m in _UNIT_NAMED.finditer(text):
        name, unit = m.group(1), m.group(2).lower()
        if name.lower() in _NOT_NAME_BEFORE or len(name) < 3:
            continue
        want = "admin1" if unit in _ADMIN1_UNITS else "admin2"
        rs = [r for r in gaz.lookup(name) if r.kind in ("admin1", "admin2") and r.lat is not None]
        if not rs:
            continue
        r = max(rs, key=lambda r: (others.get(r.cc or "", 0.0) > 0, r.kind == want, others.get(r.cc or "", 0.0),
                                   r.population or 0))
        out.append(PlaceMention(start=m.start(1), end=m.end(1), text=name, kind="region", latitude=r.lat,
                                longitude=r.lon, name=r.name, country_code=r.cc, admin1=r.admin1,
                                admin2=r.admin2 if r.kind == "admin2" else None,
                                feature_code="ADM1" if r.kind == "admin1" else "ADM2", population=r.population,
                                score=0.9))
    return out


def with_unit_mentions(places: list[PlaceMention], text: str, gaz: Gazetteer) -> list[PlaceMention]:
    """The report's place mentions, a mention read as another unit replaced by the region its unit word names."""
    extra = _unit_mentions(places, text, gaz)
    if not extra:
        return list(places)
    regions = Disjoint(extra)             # matches of one pattern: they do not overlap
    kept = [p for p in places if not any(regions.items[i].country_code != p.country_code
                                             for i in regions.overlapping(p.start, p.end))]
    covered = set()
    for p in kept:
        covered.update(regions.overlapping(p.start, p.end))
    new = [e for i, e in enumerate(regions.items) if i not in covered]
    return sorted(kept + new, key=lambda p: p.start)


def locate_events(doc: Document, gaz: Gazetteer) -> None:
    """Fill each event's place fields, with evidence or an `inferred` reason for each; `doc.places` are the
    report geography's places (`geography.ReportGeography.places`) while it runs."""
    for event in doc.events:
        place, vicinity, why = doc.geography.place_of(doc, event)
        if place is None:
            _country_only(doc, event)
            continue
        c = country_by_alpha2(place.country_code or "")
        event.country = c.name if c else None
        event.iso = c.iso if c else None
        own = place.name if place.kind == "region" and place.feature_code == "ADM1" else None
        event.admin1 = _admin1_as_written(doc, place, gaz) or own or place.admin1
        if event.admin1 is None and place.kind in ("place", "facility"):
            # the gazetteer knows no region for the town ("Salto del Guaira (Canindeyu)", Paraguay's departments
            # are missing): the region the report writes right after it, in the report's words
            event.admin1 = _written_after(doc, place)
            if event.admin1:
                event.inferred["admin1"] = f"the region the report writes after {place.text!r}"
        event.admin2 = place.admin2 if place.kind != "country" and place.feature_code != "ADM1" else None
        event.location = place.name
        event.latitude, event.longitude = place.latitude, place.longitude
        event.geo_precision, event.where_prec = _precision(place, vicinity)
        gp = _GP_AFTER.match(doc.clean[place.end:place.end + 16]) if coded_at(doc.clean, place) else None
        if gp:   # "[coded to Zaranj with GP3]": the coder states the precision
            event.geo_precision = int(gp.group(1))
        event.add_evidence(doc.evidence("location", place.start, place.end))
        if place.kind == "country":
            event.location = c.name if c else place.name
            event.add_evidence(doc.evidence("country", place.start, place.end))
        _link_words(doc, event, place)
        _file_territory(event, place.country_code)
        event.explanation.append(f"location: {place.text!r} ({why}; precision {event.geo_precision})")


def _file_territory(event: Event, cc: str | None) -> None:
    """A territory ACLED files under another country (Hong Kong: China, admin1 "Hong Kong", the district as
    admin2), said in `inferred`."""
    filed = filed_under(cc)
    c = country_by_alpha2(filed[0]) if filed else None
    if c is None:
        return
    if event.location == event.country:
        event.location = filed[1]
    event.country, event.iso = c.name, c.iso
    event.admin1, event.admin2 = filed[1], event.admin1 if event.admin1 != filed[1] else event.admin2
    event.inferred["country"] = f"ACLED files {filed[1]} under {c.name}"
    event.inferred["admin1"] = f"ACLED files {filed[1]} under {c.name}"


def _admin1_as_written(doc: Document, place: PlaceMention, gaz: Gazetteer) -> str | None:
    """The report's own spelling of the event's admin1 when it names it ("(Oyam, Northern)" -> "Northern"):
    coders such as ACLED write their own admin1 names into their notes.  Units whose name the supplement
    curates (data/geo/admin1.tsv) keep the curated name."""
    if not place.admin1:
        return None
    curated = gaz.admin1(place.country_code or "", place.admin1)
    if curated is not None and "eventcoder supplement" in (curated.source or ""):
        return None   # our curated name is the coders' own ("Coahuila de Zaragoza" for a note's "Coahuila")
    for p in doc.places:
        if p.kind == "region" and p.feature_code == "ADM1" and p.country_code == place.country_code \
                and p.admin1 == place.admin1 and p is not place:
            text = doc.clean[p.start:p.end].strip()
            if text and len(text) <= 60 and not text.isupper() and any(
                    r.kind == "admin1" and r.cc == place.country_code and r.admin1 == place.admin1
                    for r in gaz.lookup(text)):
                return text
    return _admin1_written_after(doc, place)


# "Belet Weyne (Belet Weyne, Hiraan)", "Puli Alam city, Logar.": the list's last name is the admin1
_PAREN_AFTER = re.compile(r"^[^().;\n]{0,60}?\(([^()]{2,120})\)")
_COMMA_AFTER = re.compile(rf"^(?:\s+(?:{any_of('settlement_words', 'unit_words_before_comma_more')}))?,\s*"
                          rf"([A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*){{0,3}})"
                          rf"(?:\s+(?:{any_of('admin1_unit_words')}))?\s*(?:[.;]|$)")
_UNIT_SUFFIX = re.compile(rf"(?i)\s+({any_of('admin1_unit_words', 'admin1_unit_words_more')})$")


def _written_after(doc: Document, place: PlaceMention) -> str | None:
    """The last name of the region list the report writes right after the place ("(Nyaribari Masaba, Kisii)",
    ", Logar."), without its unit word; None when there is none."""
    after = doc.clean[place.end:place.end + 160]
    m = _PAREN_AFTER.match(after)
    written = m.group(1).split(",")[-1].split(";")[0].strip() if m else None
    if not written:
        m = _COMMA_AFTER.match(after)
        written = m.group(1).strip() if m else None
    if not written or len(written) > 40 or not written[:1].isupper() or written.isupper():
        return None
    return _UNIT_SUFFIX.sub("", written) or None


def _admin1_written_after(doc: Document, place: PlaceMention) -> str | None:
    """The admin1 as the report writes it right after the place, when it is a spelling of the place's own
    admin1 in the gazetteer ("Hiraan" for GeoNames' "Hiiraan", "West Darfur state" for "Western Darfur")."""
    written = _written_after(doc, place)
    if not written:
        return None
    from rapidfuzz import fuzz
    a, b = N.key(written), N.key(_UNIT_SUFFIX.sub("", place.admin1 or ""))
    if a and b and fuzz.ratio(a, b) >= 80:
        return written
    return None


def _link_words(doc: Document, event: Event, place: PlaceMention) -> None:
    """Evidence for country/admin1 when those names appear in the text; else an inferred reason."""
    country_span = admin1_span = None
    for p in doc.places:
        if p.country_code != place.country_code:
            continue
        if p.kind == "country" and country_span is None:
            country_span = p
        if p.kind == "region" and p.feature_code == "ADM1" and p.admin1 == place.admin1 and admin1_span is None:
            admin1_span = p
    if country_span is not None:
        event.add_evidence(doc.evidence("country", country_span.start, country_span.end))
    elif event.country:
        event.inferred["country"] = f"from the gazetteer entry of {place.text!r}"
    if event.admin1:
        if admin1_span is not None:
            event.add_evidence(doc.evidence("admin1", admin1_span.start, admin1_span.end))
        else:
            event.inferred.setdefault("admin1", f"from the gazetteer entry of {place.text!r}")
    if event.admin2:
        event.inferred["admin2"] = f"from the gazetteer entry of {place.text!r}"
    event.inferred.setdefault("latitude", f"gazetteer coordinates of {place.name!r}")
    event.inferred.setdefault("longitude", f"gazetteer coordinates of {place.name!r}")
    event.inferred.setdefault("geo_precision", "from the kind of place named")
    event.inferred.setdefault("where_prec", "from the kind of place named")


_WHY = {"demonym": "a demonym", "hint": "the --focus-country hint", "source": "the report's source",
        "group": "a group of that country", "title": "the title", "country": "the country's name",
        "country after in": "the country's name", "country after from": "the country's name",
        "place": "the report's places", "container": "the report's places"}


def _country_only(doc: Document, event: Event) -> None:
    """No place to tie the event to: the report's main country (`doc.geography`: a demonym, the user's hint, the
    source, the title, a group of one country: "the OSCE SMM observed explosions near X", the village unknown to
    the gazetteer), with its strongest evidence said in `inferred`; no coordinates."""
    geo = doc.geography
    c = country_by_alpha2(geo.main_country or "") if geo is not None else None
    if c is None:
        return
    why = max((v for v in geo.evidence if v.cc == c.alpha2), key=lambda v: v.weight)
    said = f" ({doc.clean[why.start:why.end]!r})" if why.start is not None else ""
    event.country, event.iso = c.name, c.iso
    event.inferred["country"] = f"the report's country, from {_WHY[why.kind]}{said}; the text names no place"
    event.explanation.append(f"location: no place named; country from {_WHY[why.kind]}, no coordinates")
