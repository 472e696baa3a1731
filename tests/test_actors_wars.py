"""Defaults for unnamed sides in a listed war: third parties, known fronts, and charges against victims."""
import datetime as dt

import pytest

from eventcoder.extract.actors import CodeActors

from actor_cases import coded_event


@pytest.fixture(scope="module")
def stage():
    return CodeActors()


def code(stage, text, event_type, sub, trigger, published, location=None):
    return coded_event(stage, text, event_type, sub, trigger, country="Syria", published=published,
                       location=location)[1]


def test_unnamed_fighting_defaults_to_the_war_sides(stage):
    ev = code(stage, "Heavy clashes continued in the countryside of Hama on Tuesday.", "Battles", "Armed clash",
              "clashes", dt.date(2016, 3, 1), "Hama")
    assert {ev.inter1, ev.inter2} == {1, 2}


def test_third_party_named_without_state_force_is_not_coded_against_the_state(stage):
    ev = code(stage, "Fierce clashes in the villages near Tal Abyad and the Islamic State loses two commanders.",
              "Battles", "Armed clash", "clashes", dt.date(2016, 3, 1), "Tal Abyad")
    assert ev.actor1 == "Islamic State (Syria)" or ev.actor2 == "Islamic State (Syria)"
    assert 1 not in (ev.inter1, ev.inter2) and 8 not in (ev.inter1, ev.inter2)


def test_air_power_keeps_the_state_in_the_event(stage):
    ev = code(stage, "Warplanes bombed the town and the Islamic State shelled the nearby villages.",
              "Explosions/Remote violence", "Air/drone strike", "bombed", dt.date(2016, 3, 1), "Tal Abyad")
    assert ev.inter1 == 1


def test_known_front_gives_both_sides(stage):
    ev = code(stage, "Battles go on inside the city of Manbij for the fifth day.", "Battles", "Armed clash",
              "Battles", dt.date(2016, 7, 1), "Manbij")
    assert {ev.actor1, ev.actor2} == {"Islamic State (Syria)", "SDF: Syrian Democratic Forces"}
    before = code(stage, "Battles go on inside the city of Manbij for the fifth day.", "Battles", "Armed clash",
                  "Battles", dt.date(2015, 7, 1), "Manbij")
    assert 1 in (before.inter1, before.inter2)      # outside the front's period: the war's default


def test_force_named_in_a_charge_is_not_the_perpetrator(stage):
    ev = code(stage, "Gunmen executed a man in Idlib on charges of spying for the regime forces.",
              "Violence against civilians", "Attack", "executed", dt.date(2017, 3, 1), "Idlib")
    assert ev.inter1 != 1 and ev.inter2 == 7
