"""One event per event clause: clauses with their own trigger, their own (or anaphoric) place, and their own actors.

Places are given by hand (as the geoparser would fill doc.places) so these tests do not depend on the gazetteer;
coordinates are public approximate town locations.  The sentences are written for these tests.
"""
import datetime as dt

import pytest

from eventcoder.extract.actors import CodeActors
from eventcoder.extract.clauses import event_clauses
from eventcoder.extract.events import DetectEvents
from eventcoder.extract.lexicon import load_lexicon
from eventcoder.model import Document, PlaceMention
from eventcoder.text.nlp import Parse
from eventcoder.text.repair import Repair
from eventcoder.geo.stage import Geography

TOWNS = {  # name -> (lat, lon)
    "Saraqib": (35.86, 36.80),
    "Homs": (34.73, 36.71),
    "Hama": (35.13, 36.75),
    "Manbij": (36.53, 37.95),
    "Douma": (33.57, 36.40),
}


@pytest.fixture(scope="module")
def run():
    repair, parse, detect, actors = Repair(), Parse(), DetectEvents(), CodeActors()

    def go(text, published=dt.date(2016, 7, 1), with_actors=True):
        doc = parse(repair(Document("t", text, published_at=published)))
        for name, (lat, lon) in TOWNS.items():
            a = doc.clean.find(name)
            while a >= 0:
                doc.places.append(PlaceMention(a, a + len(name), name, "place", lat, lon, name, "SY",
                                               feature_code="PPL"))
                a = doc.clean.find(name, a + len(name))
        doc.places.sort(key=lambda p: p.start)
        detect(Geography()(doc))
        if with_actors:
            for ev in doc.events:        # what LocateEvents would fill
                p = doc.geography.place_of(doc, ev)[0]
                ev.country, ev.location, ev.latitude, ev.longitude = "Syria", p.name, p.latitude, p.longitude
            actors(doc)
        return doc
    return go


def hint(doc, ev):
    p = doc.notes_of(ev).place_hint
    return p.text if p is not None else None


def test_two_clauses_give_two_events_with_their_own_types(run):
    doc = run("8 casualties in the aerial bombardment at Homs city, and violent clashes north of the city",
              with_actors=False)
    assert sorted(e.sub_event_type for e in doc.events) == ["Air/drone strike", "Armed clash"]
    clash = next(e for e in doc.events if e.sub_event_type == "Armed clash")
    assert hint(doc, clash) == "Homs"                     # "north of the city": the place of the clause before it
    a, b = clash.anchor
    assert "clashes" in doc.clean[a:b]
    assert clash.confidence < max(e.confidence for e in doc.events)


def test_anaphoric_place_takes_the_last_place_named_before_it(run):
    doc = run("An explosion hits Hama and heavy clashes in Saraqib and shelling targets its countryside",
              with_actors=False)
    shelling = [e for e in doc.events if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert [hint(doc, e) for e in shelling] == ["Saraqib"]


def test_air_and_artillery_strikes_stay_one_event(run):
    doc = run("Air and artillery strikes on Saraqib kill 5 people", with_actors=False)
    assert len(doc.events) == 1


def test_killed_and_injured_stays_one_event(run):
    doc = run("Ten people were killed and wounded in shelling on Hama city", with_actors=False)
    assert len(doc.events) == 1
    assert doc.events[0].sub_event_type == "Shelling/artillery/missile attack"


def test_clashes_and_shelling_as_one_phrase_stay_one_event(run):
    lex = load_lexicon()
    doc = Parse()(Repair()(Document("t", "Continued clashes and shelling in Hama")))
    assert len(event_clauses(doc, lex, 0, len(doc.clean))) == 1


def test_outcome_of_the_same_act_is_not_a_second_clause(run):
    doc = run("Warplanes target a school in Saraqib and kill 6 children", with_actors=False)
    assert len(doc.events) == 1


def test_non_state_clause_gets_non_state_actors(run):
    doc = run("Warplanes bomb Saraqib and the Islamic State executes a young man in the city")
    by_type = {e.sub_event_type: e for e in doc.events}
    assert set(by_type) == {"Air/drone strike", "Attack"}
    killing = by_type["Attack"]
    assert killing.actor1 == "Islamic State (Syria)" and killing.inter2 == 7
    assert 1 not in (killing.inter1, killing.inter2)   # the warplanes of the other clause are not its actor
    assert by_type["Air/drone strike"].inter1 == 1
    assert "Islamic State (Syria)" not in (by_type["Air/drone strike"].actor1, by_type["Air/drone strike"].actor2)


def test_clause_with_implied_actor_does_not_inherit_the_regime(run):
    doc = run("Regime forces shell Hama and a car bomb explodes in Douma", published=dt.date(2014, 3, 1))
    bomb = next(e for e in doc.events if e.sub_event_type == "Remote explosive/landmine/IED")
    assert 1 not in (bomb.inter1, bomb.inter2)


def test_same_sides_at_the_same_place_are_one_event(run):
    # one state against its usual opponent at one place on one day: one event (UCDP's dyad), not two
    doc = run("Shells target Homs city and clashes continue in the city", published=dt.date(2014, 3, 1))
    assert len(doc.events) == 1
