"""DetectEvents: one event per attacked place, outcome-only cues, rejoined headline fragments.

Places are given by hand (as the geoparser would fill doc.places) so these tests do not depend on the gazetteer.
Coordinates are public approximate town locations.
"""
import pytest

from eventcoder.extract.events import DetectEvents
from eventcoder.geo.stage import Geography
from eventcoder.model import Document, PlaceMention
from eventcoder.text.nlp import Parse
from eventcoder.text.repair import Repair

TOWNS = {  # name -> (kind, lat, lon, feature code)
    "Kafr Nabl": ("place", 35.61, 36.56, "PPL"),
    "Idlib": ("region", 35.83, 36.60, "ADM1"),
    "Saraqib": ("place", 35.86, 36.80, "PPL"),
    "Homs": ("place", 34.73, 36.71, "PPLA"),
    "Hama": ("place", 35.13, 36.75, "PPLA"),
    "Damascus": ("place", 33.51, 36.29, "PPLC"),
}


@pytest.fixture(scope="module")
def code():
    repair, parse, detect = Repair(), Parse(), DetectEvents()

    def run(text):
        doc = parse(repair(Document("t", text)))
        for name, (kind, lat, lon, fc) in TOWNS.items():
            a = doc.clean.find(name)
            while a >= 0:
                doc.places.append(PlaceMention(a, a + len(name), name, kind, lat, lon, name, "SY", feature_code=fc))
                a = doc.clean.find(name, a + len(name))
        doc.places.sort(key=lambda p: p.start)
        return detect(Geography()(doc))
    return run


def hinted(doc):
    return {doc.notes_of(e).place_hint.text: e for e in doc.events if doc.notes_of(e).place_hint is not None}


def test_two_attacked_places_give_two_events(code):
    doc = code("Warplanes bomb Kafr Nabl and shells target Homs city")
    assert len(doc.events) == 2
    extra = hinted(doc)
    assert list(extra) == ["Homs"]
    assert extra["Homs"].sub_event_type == "Shelling/artillery/missile attack"
    a, b = extra["Homs"].anchor
    assert "Homs" in doc.clean[a:b]                       # the anchor covers its own place
    assert extra["Homs"].confidence < doc.events[0].confidence


def test_container_region_is_context_not_a_second_event(code):
    doc = code("Warplanes bomb Kafr Nabl in the southern countryside of Idlib")
    assert len(doc.events) == 1


def test_listed_place_inherits_the_clause_before(code):
    doc = code("Air strikes on Saraqib and Hama kill 5 people")
    extra = hinted(doc)
    assert list(extra) == ["Hama"] and extra["Hama"].sub_event_type == "Air/drone strike"


def test_place_without_event_is_not_split(code):
    doc = code("Families return to Homs and airstrikes target Saraqib")
    assert "Homs" not in hinted(doc)          # nothing happened at Homs: no event of its own


def test_casualties_alone_make_an_event(code):
    doc = code("Casualties and injuries in Damascus city")
    assert [e.sub_event_type for e in doc.events] == ["Armed clash"]


def test_outcome_cue_does_not_override_a_real_trigger(code):
    doc = code("Police arrested 12 people in Homs, and 3 were killed later, officials said.")
    assert doc.events[0].sub_event_type != "Armed clash"


def test_continue_to_bomb_is_not_background(code):
    doc = code("Warplanes continue to bomb Saraqib")
    assert doc.events and doc.events[0].factuality == "occurred"
