"""Datelines are where the reporter files from, not where the event happened (reports written for these tests)."""
from __future__ import annotations

import pytest

from eventcoder import code_text
from eventcoder.geo.dateline import dateline_span

REPORTS = {
    "MAIDUGURI, Nigeria, May 12 (AP) — Suspected Boko Haram fighters killed 10 villagers in an attack on Gwoza on "
    "Sunday, residents said.": ["Gwoza"],
    "KABUL (Reuters) - A roadside bomb killed three policemen in Helmand province on Saturday, officials said.":
        ["Helmand"],
    "Mogadishu: Al-Shabaab fighters attacked a military base in Lower Shabelle region on Friday, killing five "
    "soldiers, the army said.": ["Lower Shabelle"],
    "KABUL (Reuters) - A suicide bomber killed seven people at a mosque in the city on Friday, police said.":
        ["Kabul"],          # the report names no other place: "the city" is the dateline's
}


@pytest.mark.parametrize("text", list(REPORTS))
def test_a_dateline_city_is_no_event_place_unless_the_story_is_there(text):
    doc = code_text(text, published_at="2024-05-12")
    assert [ev.location for ev in doc.events] == REPORTS[text]


def test_dateline_spans():
    assert dateline_span("BEIRUT, Lebanon — Israeli jets struck") == (0, 17)
    assert dateline_span("DAMASCUS, Syria, Feb. 5, 2015 (AFP) -- Rockets hit") is not None
    assert dateline_span("Gunmen killed five people in Kano.") is None


def test_a_place_name_inside_a_dedicated_buildings_name_is_not_the_events_place():
    doc = code_text("Police fired tear gas at protesters outside the Iglesia del Carmen in Panama City on Tuesday, "
                    "witnesses said.", published_at="2023-11-07")
    assert [(ev.location, ev.country) for ev in doc.events] == [("Panama City", "Panama")]
    assert not any("Carmen" in (p.name or "") for p in doc.places)
