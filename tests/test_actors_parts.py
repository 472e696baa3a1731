"""The parts CodeActors is built from, on values we write: names, war defaults, choosing among mentions."""
import datetime as dt

import pytest

from eventcoder.extract.actor_choice import dedupe, pick_armed
from eventcoder.extract.actor_names import Actor, countries, country_actor, generic, render
from eventcoder.extract.registry import Registry
from eventcoder.extract.war_context import war_context


@pytest.fixture(scope="module")
def registry():
    return Registry.shipped()


def country(name):
    return countries().lookup_country(name)


def test_render_fills_country_and_years_or_gives_none():
    assert render("Military Forces of {country} ({years})", country("United States"), dt.date(2020, 1, 1)) == \
        "Military Forces of the United States (2017-2021)"
    assert render("Police Forces of {country} - {admin1}", country("Syria"), dt.date(2020, 1, 1)) is None
    assert render("Civilians ({country})", None, None) is None


def test_state_forces_outside_their_country_get_inter_8(registry):
    when = dt.date(2016, 1, 1)
    assert country_actor(registry, "military", country("Russia"), country("Syria"), when).inter == 8
    assert country_actor(registry, "military", country("Syria"), country("Syria"), when).inter == 1
    assert generic(registry, "military", None, None).name == "Unidentified Military Forces"


def test_war_sides_third_parties_and_fronts(registry):
    syria, when = country("Syria"), dt.date(2016, 3, 1)
    ctx = war_context(registry, syria, when, "Hama", [], "Clashes went on.")
    assert [a.inter for a in ctx.war] == [1, 2] and ctx.local is None
    group = Actor("Islamic State (Syria)", 2, "rebel", 0, 10, "agent")
    ctx = war_context(registry, syria, when, "Hama", [group], "Clashes went on.")
    assert ctx.war is None and ctx.local is group
    ctx = war_context(registry, syria, when, "Hama", [group], "Russian jets struck the area.")
    assert ctx.war is not None and ctx.local is None
    ctx = war_context(registry, syria, dt.date(2016, 7, 1), "Manbij", [], "Clashes went on.")
    assert ctx.war is None and ctx.local.name == "Islamic State (Syria)"
    assert ctx.front[1].name == "SDF: Syrian Democratic Forces" and "known front" in ctx.local_why


def test_dedupe_keeps_the_most_actor_like_mention_and_merges_assoc():
    other = Actor("Rebels (X)", 2, "rebel", 50, 56, "patient", assoc=["A"])
    agent = Actor("Rebels (X)", 2, "rebel", 0, 6, "agent", assoc=["B"])
    (kept,) = dedupe([other, agent])
    assert kept is agent and kept.assoc == ["A", "B"]


def test_pick_armed_never_picks_a_speaker_or_a_same_state_partner():
    speaker = Actor("Military Forces of X", 1, "military", 0, 5, "speaker", alpha2="XX")
    ally = Actor("Police Forces of X", 1, "police", 10, 15, "agent", alpha2="XX")
    rebels = Actor("Rebels (X)", 2, "rebel", 20, 26, "patient", alpha2="XX")
    assert pick_armed([speaker, rebels]) is rebels
    partner = Actor("Military Forces of X", 1, "military", 30, 35, "agent", alpha2="XX")
    assert pick_armed([ally, rebels], partner=partner) is rebels


def test_change_to_group_takes_no_second_actor_from_the_fronts_it_will_fight_on():
    from eventcoder.model import Document
    from eventcoder.pipeline import default_pipeline
    pipe = default_pipeline()
    doc = pipe(Document("t", "On 4 May 2016, the Syrian army recruited detainees of a prison near Homs to fight "
                             "against opposition forces and the Islamic State."))
    ch = [e for e in doc.events if e.sub_event_type == "Change to group/activity"]
    assert ch and ch[0].actor1.startswith("Military Forces of Syria") and ch[0].actor2 is None
    doc = pipe(Document("u", "On 4 May 2016, Jaish al-Fatah merged with Ahrar al-Sham in Idlib, forming a new "
                             "alliance."))
    assert any(e.actor2 for e in doc.events if e.event_type == "Strategic developments")
