"""One report geography: the main country with its evidence, the dateline, the title's places and the candidate
places, worked out once per report by the `geography` stage and read by events, locate and actors (reports written
for these tests)."""
from __future__ import annotations

import pytest

from eventcoder import code_text
from eventcoder.geo.country_vote import WEIGHTS
from eventcoder.pipeline import default_pipeline


def _where(doc):
    return [(ev.country, ev.admin1, ev.location) for ev in doc.events]


def test_the_stages_that_place_events_require_the_one_geography():
    stages = {st.name: st for st in default_pipeline().stages}
    for name in ("events", "locate", "actors"):
        assert "geography" in stages[name].requires, name
    names = [st.name for st in default_pipeline().stages]
    assert names.index("geoparse") < names.index("geography") < names.index("events")


def test_the_main_country_comes_with_its_evidence():
    text = "On 3 May 2022, gunmen killed two farmers in Gwoza, Borno. Nigerian troops later arrived."
    geo = code_text(text).geography
    assert geo.main_country == "NG"
    kinds = {(v.kind, text[v.start:v.end]) for v in geo.evidence if v.cc == "NG"}
    assert ("demonym", "Nigerian") in kinds and any(k in ("place", "container") for k, _ in kinds)
    assert geo.country_weights["NG"] == pytest.approx(sum(v.weight for v in geo.evidence if v.cc == "NG"))


def test_the_focus_country_hint_is_evidence_not_an_override():
    text = "On 3 May 2019, gunmen killed two soldiers in Kidal, Mali."
    doc = code_text(text, focus_country="BF")
    hint = [v for v in doc.geography.evidence if v.kind == "hint"]
    assert [(v.cc, v.weight, v.start) for v in hint] == [("BF", WEIGHTS["hint"], None)]
    assert doc.geography.main_country == "ML" and doc.events[0].country == "Mali"


def test_a_dateline_abroad_is_where_the_reporter_is_not_where_the_event_is():
    text = ("BEIRUT (AFP) - Air strikes killed 12 civilians in Aleppo on Tuesday, the Syrian Observatory for Human "
            "Rights said.")
    doc = code_text(text, published_at="2016-07-14")
    assert doc.geography.dateline is not None and text[slice(*doc.geography.dateline)].startswith("BEIRUT")
    assert doc.geography.main_country == "SY"
    assert _where(doc) == [("Syria", "Aleppo", "Aleppo")]


def test_dateline_and_events_in_different_countries():
    text = ("NAIROBI, Kenya (AP) — Al-Shabaab fighters attacked a military base in Lower Shabelle region of Somalia "
            "on Friday, killing five soldiers, officials said.")
    doc = code_text(text, published_at="2024-05-11")
    assert [ev.country for ev in doc.events] == ["Somalia"]


def test_the_place_a_note_is_coded_to_is_the_events_place_with_the_precision_it_states():
    doc = code_text("On 11 June 2022, 3 men were arrested in the Achin district of Nangarhar province [coded to "
                    "Jalalabad with GP3] during a Taliban raid.")
    ev = doc.events[0]
    assert (ev.country, ev.geo_precision) == ("Afghanistan", 3) and ev.location.startswith("Jal")
    assert any("coded to" in x for x in ev.explanation)


def test_a_square_or_street_is_inside_the_town_not_a_namesake_town_elsewhere():
    doc = code_text("On 8 March 2022, activists gathered in Cavour square in Ancona (Ancona, Marche) to defend "
                    "women's rights.")
    assert _where(doc) == [("Italy", "Marche", "Ancona")]


def test_a_village_and_its_region_tagged_as_one_organisation_are_both_read():
    doc = code_text("On 28 June 2022, Russian forces fired rocket and barrel artillery at Shevchenkove, Mykolaiv. "
                    "Casualties unknown.")
    assert [(ev.country, ev.admin1) for ev in doc.events] == [("Ukraine", "Mykolaiv")]


def test_a_region_the_parser_cut_in_two_is_read_whole():
    doc = code_text("Around 14 January 2022, in Tijuana, Baja California, a person was killed and the body was "
                    "found wrapped in a blanket. 1 fatality.")
    assert _where(doc) == [("Mexico", "Baja California", "Tijuana")]


def test_what_a_report_is_about_is_not_where_it_happened():
    doc = code_text("On 18 March 2022, people gathered in St. Petersburg to show support for the Russian military "
                    "invasion in Ukraine and to celebrate the anniversary of the annexation of Crimea by Russia.")
    assert doc.geography.main_country == "RU"
    assert [ev.country for ev in doc.events] == ["Russia"]


def test_a_place_named_like_a_person_and_a_party_named_like_a_place():
    # "Francisco Morazan" is a department named after a man; "(LIBRE)" is a party's acronym, not Lébré in Ivory Coast
    doc = code_text("On 19 April 2022, in Tegucigalpa, Francisco Morazan, a group of supporters of the Liberty and "
                    "Refoundation (LIBRE) Party protested in front of the National Cardiopulmonary Institute.")
    assert [(ev.country, ev.location) for ev in doc.events] == [("Honduras", "Tegucigalpa")]
    assert not any(p.country_code == "CI" for p in doc.places)


def test_a_city_written_after_in_is_not_dropped_for_the_country_the_report_talks_about():
    doc = code_text("On 19 February 2022, around 80 people, including the Ukrainian community, demonstrated in "
                    "Heidelberg in solidarity with Ukrainians and to call for peace in Ukraine.")
    assert [(ev.country, ev.location) for ev in doc.events] == [("Germany", "Heidelberg")]


def test_the_title_is_read_once_into_the_geography():
    doc = code_text("Regime helicopters dropped barrel bombs on the city, killing 9, a monitor said.",
                    title="Barrel bombs kill 9 in Syria's Aleppo")
    assert [tp.text for tp in doc.geography.title_places] == ["Aleppo"]
    assert doc.geography.title_places[0].readings[0].cc == "SY"
    # the title is not the text: no evidence span can point into it, so no place of the text comes from it
    assert doc.geography.places == ()


def test_names_near_the_reports_other_places_win_over_namesakes_far_away():
    from eventcoder.geo.stage import Geoparse
    from eventcoder.model import Document
    from eventcoder.text.nlp import Parse
    from eventcoder.text.repair import Repair
    def dublin(text):
        doc = Geoparse()(Parse()(Repair()(Document("d", text))))
        return next((p.country_code, p.admin1) for p in doc.places if p.text == "Dublin")
    assert dublin("Crews from Macon, Milledgeville and Dublin fought the fire.") == ("US", "Georgia")
    assert dublin("Officers from Columbus, Zanesville and Dublin attended the meeting.") == ("US", "Ohio")


def test_the_geography_stage_reads_the_gazetteer_the_pipeline_is_given():
    from eventcoder.geo.gazetteer import default_gazetteer
    gaz = default_gazetteer()
    stages = {st.name: st for st in default_pipeline(gazetteer=gaz).stages}
    assert stages["geography"].gazetteer is gaz and stages["locate"].gazetteer is gaz
