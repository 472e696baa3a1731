"""Actors over time: composite "A and/or B" actors, names that change with the date, government periods."""
import datetime as dt

import pytest

from eventcoder.extract.actors import CodeActors

from actor_cases import coded_event


@pytest.fixture(scope="module")
def stage():
    return CodeActors()


def sides(ev):
    return {ev.actor1, ev.actor2}


def test_two_groups_joined_by_or_are_one_composite_actor(stage):
    _, ev = coded_event(stage, "On 3 May 2019, suspected ISGS or JNIM militants killed two farmers near the town.",
                        "Violence against civilians", "Attack", "killed", country="Burkina Faso")
    # ACLED's own composite name puts JNIM first, whatever the order of the text
    assert "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)" in sides(ev)


def test_unknown_pair_keeps_the_order_of_the_text(stage):
    _, ev = coded_event(stage, "On 3 May 2019, Ansaroul Islam and/or ISGS militants burned the school in the village.",
                        "Strategic developments", "Looting/property destruction", "burned", country="Burkina Faso")
    assert "Ansaroul Islam and/or Islamic State (Greater Sahara)" in sides(ev)


def test_groups_joined_by_and_stay_two_actors(stage):
    _, ev = coded_event(stage, "On 3 May 2019, JNIM and ISGS militants clashed near the village.",
                        "Battles", "Armed clash", "clashed", country="Burkina Faso")
    assert sides(ev) == {"JNIM: Group for Support of Islam and Muslims", "Islamic State (Greater Sahara)"}


def test_a_group_renamed_by_acled_follows_the_event_date(stage):
    before = coded_event(stage, "On 3 May 2019, ISGS militants killed two farmers.", "Violence against civilians",
                         "Attack", "killed", country="Burkina Faso")[1]
    after = coded_event(stage, "On 3 May 2023, ISGS militants killed two farmers.", "Violence against civilians",
                        "Attack", "killed", country="Burkina Faso")[1]
    assert "Islamic State (Greater Sahara)" in sides(before)
    assert "Islamic State (Sahel)" in sides(after)


@pytest.mark.parametrize("text, event_type, sub, trigger, country, force", [
    pytest.param("On 3 May 2011, soldiers shot dead two protesters in Ouagadougou.",
                 "Violence against civilians", "Attack", "shot", "Burkina Faso",
                 "Military Forces of Burkina Faso (1987-2014)", id="the period of the event date"),
    pytest.param("On 3 May 2013, Afghan soldiers clashed with Taliban fighters in Kunduz.",
                 "Battles", "Armed clash", "clashed", "Afghanistan",
                 "Military Forces of Afghanistan", id="a date before the known periods: no period, not a wrong one"),
    pytest.param("Soldiers shot dead two protesters in the capital.",
                 "Violence against civilians", "Attack", "shot", "Burkina Faso",
                 "Military Forces of Burkina Faso", id="no date: no period"),
])
def test_state_forces_take_the_period_of_the_event_date(stage, text, event_type, sub, trigger, country, force):
    ev = coded_event(stage, text, event_type, sub, trigger, country=country)[1]
    assert force in sides(ev)


def test_a_hedged_composite_group_is_the_perpetrator(stage):
    # the parser reads "presumed" as a verb taking the group as its object; the group still acts
    _, ev = coded_event(stage, "On 5 August 2020, presumed ISGS or JNIM militants shot dead a herder in the village.",
                        "Violence against civilians", "Attack", "shot dead", country="Burkina Faso")
    assert ev.actor1 == "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)"
    assert ev.actor2 == "Civilians (Burkina Faso)"


def test_militants_named_before_are_the_group_not_an_unidentified_one(stage):
    text = ("On 27 October 2020, Ansaroul Islam militants entered the village. Soldiers responded to the incursion "
            "and killed three militants.")
    _, ev = coded_event(stage, text, "Battles", "Armed clash", "killed three", country="Burkina Faso")
    assert "Ansaroul Islam" in sides(ev)
    assert any(e.field in ("actor1", "actor2") and e.text == "militants" for e in ev.evidence)


def test_two_groups_named_before_leave_the_militants_unidentified(stage):
    text = ("On 27 October 2020, Ansaroul Islam and ISGS militants fought near the village. Soldiers later "
            "killed three militants.")
    _, ev = coded_event(stage, text, "Battles", "Armed clash", "killed three", country="Burkina Faso")
    assert "Ansaroul Islam" not in sides(ev)


def test_operation_barkhane_is_the_french_military_abroad(stage):
    _, ev = coded_event(stage, "On 7 May 2020, Operation Barkhane forces killed ten ISGS militants near the village.",
                        "Battles", "Armed clash", "killed", country="Burkina Faso")
    french = [(a, i) for a, i in ((ev.actor1, ev.inter1), (ev.actor2, ev.inter2)) if a.startswith("Military Forces of France")]
    assert french and french[0][1] == 8
