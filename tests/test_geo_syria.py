"""Placing Syrian events: focus-country dominance, the transliteration skeleton, group names that contain place
words, named regions, and capitals standing for governments.  Sentences are our own."""
from __future__ import annotations

import pytest

from eventcoder.geo import names as N
from eventcoder.geo.gazetteer import default_gazetteer
from eventcoder.geo.group_names import group_name_spans
from eventcoder.geo.report_country import source_country
from eventcoder.geo.skeleton_index import skeleton_lookup
from eventcoder.model import Document
from eventcoder.pipeline import default_pipeline


@pytest.fixture(scope="module")
def geoparse():
    pipe = default_pipeline(coding=False)

    def run(text: str, source: str | None = None) -> list:
        return pipe(Document("t", text, source=source)).places
    return run


@pytest.fixture(scope="module")
def code():
    pipe = default_pipeline()

    def run(text: str, source: str | None = None):
        return pipe(Document("t", text, source=source, published_at=None))
    return run


def _places(places, kind_not="demonym"):
    return [p for p in places if p.kind != kind_not]


# --- the skeleton key -------------------------------------------------------------------------------------------

def test_skeleton_merges_transliterations():
    assert N.skeleton("Der-Ezor") == N.skeleton("Dayr az Zawr") == N.skeleton("Deir ez-Zor")
    assert N.skeleton("Maarat al-Numan") == N.skeleton("Ma‘arrat an Nu‘mān")
    assert N.skeleton("Kafr Nabl") == N.skeleton("Kafranbel")
    assert N.skeleton("Khan Sheikhoun") == N.skeleton("Khān Shaykhūn")
    assert N.skeleton("Qasab") == N.skeleton("Kassab")


def test_skeleton_lookup_stays_in_the_country_and_needs_a_close_spelling():
    gaz = default_gazetteer()
    hits = skeleton_lookup(gaz, "SY", "Khan Sheikhun")
    assert hits and all(r.cc == "SY" for r in hits)
    assert any("Shaykh" in r.name or "Sheikh" in r.name for r in hits)
    # same consonants, different word: the spelling check turns them away
    assert skeleton_lookup(gaz, "SY", "Qaedas") == []
    assert skeleton_lookup(gaz, "SY", "Nusra") == []
    # abroad it is never consulted: the Syrian focus does not reach into other countries
    assert all(r.cc == "LB" for r in skeleton_lookup(gaz, "LB", "Khan Sheikhun"))


# --- focus country ----------------------------------------------------------------------------------------------

def test_source_country_of_national_monitors():
    assert source_country("SOHR") == "SY"
    assert source_country("Syrian Observatory for Human Rights") == "SY"
    assert source_country("Reuters") is None
    assert source_country(None) is None


def test_ariha_in_idlib_countryside_is_syrian(geoparse):
    ps = _places(geoparse("Government warplanes pounded Ariha in the Idlib countryside on Tuesday."))
    ariha = [p for p in ps if p.text.startswith("Ariha")]
    assert ariha and ariha[0].country_code == "SY"


def test_national_monitor_makes_ambiguous_names_syrian(geoparse):
    ps = _places(geoparse("Heavy shelling hit Madaya overnight", source="SOHR"))
    assert ps and ps[0].country_code == "SY" and abs(ps[0].latitude - 33.69) < 0.1


def test_same_words_abroad_stay_abroad(geoparse):
    ps = _places(geoparse("Monks gathered in Mandalay and Madaya in Myanmar for the festival."))
    madaya = [p for p in ps if p.text == "Madaya"]
    assert madaya and madaya[0].country_code == "MM"


def test_misspelt_deir_ez_zor_found_by_the_skeleton(geoparse):
    ps = _places(geoparse("Fighting raged in Der-Ezor and in Aleppo city", source="SOHR"))
    der = [p for p in ps if p.text.startswith("Der")]
    assert der and der[0].country_code == "SY" and der[0].admin1 == "Deir-ez-Zor"


def test_sarin_is_no_village(geoparse):
    ps = _places(geoparse("Sarin was used in the attack on Khan Sheikhoun in Idlib province", source="SOHR"))
    assert not any(p.text == "Sarin" for p in ps)
    assert any(p.text == "Khan Sheikhoun" and p.country_code == "SY" for p in ps)


def test_skeleton_never_reads_english_words(geoparse):
    ps = _places(geoparse("Counter attacks by the rebels near Aleppo were repelled", source="SOHR"))
    assert [p.text for p in ps] == ["Aleppo"]


# --- group names ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["Ahrar al-Sham", "Hayat Tahrir al-Sham", "Jabhat Fateh al-Sham", "Ahrar al_Sham"])
def test_group_names_are_spans(text):
    sentence = f"A commander of {text} was killed."
    spans = group_name_spans(sentence)
    assert any(a <= sentence.index(text) and sentence.index(text) + len(text) <= b for a, b in spans)


def test_al_sham_in_group_names_is_no_place(geoparse):
    ps = _places(geoparse("Fighters of Ahrar al-Sham and Hayat Tahrir al-Sham clashed with each other."))
    assert not any(p.name == "Damascus" for p in ps)


# --- regions and districts --------------------------------------------------------------------------------------

def test_lower_case_eastern_ghouta_is_the_region(geoparse):
    ps = _places(geoparse("Warplanes struck towns in the eastern Ghouta on Friday.", source="SOHR"))
    assert ps and ps[0].name == "Eastern Ghouta" and ps[0].kind == "region"


def test_eastern_ghouta_event_gets_the_regions_point_with_region_precision(code):
    doc = code("Regime warplanes killed 12 civilians in the Eastern Ghouta of Damascus on 3 March 2018.",
               source="SOHR")
    assert doc.events
    ev = doc.events[0]
    assert ev.location == "Eastern Ghouta"
    assert ev.latitude is not None and abs(ev.latitude - 33.55) < 0.2
    assert ev.geo_precision == 2 and ev.where_prec in (2, 3, 4)
    assert any(e.field == "location" and e.text == "Eastern Ghouta" for e in ev.evidence)


def test_aleppo_neighbourhood_from_the_supplement(geoparse):
    ps = _places(geoparse("Shells fell on the Sheikh Maqsoud neighbourhood of Aleppo."))
    sm = [p for p in ps if p.text.startswith("Sheikh")]
    assert sm and sm[0].country_code == "SY" and sm[0].admin1 == "Aleppo"


def test_article_before_hyphen_joins_the_name(geoparse):
    ps = _places(geoparse("Barrel bombs were dropped on Khan al-Shih camp west of Damascus."))
    assert any(p.text.startswith("Khan al-Shih") and p.country_code == "SY" for p in ps)


# --- capitals standing for governments --------------------------------------------------------------------------

def test_capital_that_speaks_is_not_an_event_place(code):
    doc = code("Damascus accused the rebels of shelling the town of Maskanah, killing four people.", source=None)
    assert doc.events
    assert doc.events[0].location != "Damascus"


def test_x_based_is_not_a_place(geoparse):
    ps = geoparse("The London-based monitor said five people were killed in Binnish.")
    london = [p for p in ps if p.text == "London"]
    assert not london or london[0].kind == "demonym"


def test_a_city_inside_a_headline_person_is_not_a_surname(geoparse, code):
    # the small model reads "Aleppo Kills" as a person; later "Aleppo" is still the city, not that person
    doc = code("Aleppo Kills 19 as shelling continues. Regime shells hit Aleppo on Monday, killing 19 civilians, "
               "the monitor said.")
    assert [(p.text, p.country_code) for p in _places(doc.places)] == [("Aleppo", "SY")]
    assert all(e.admin1 == "Aleppo" for e in doc.events)
    # a real surname still blocks the town of the same name
    places = geoparse("Sheriff Tom Ripley said the suspect fled. Ripley added that no one was hurt.")
    assert not any(p.text == "Ripley" for p in places)
