"""What says a report's country without naming a place: armed groups and missions of one country (the actor
registry), parties, unions, currencies and unit words of one country (data/country_cues.tsv); a location list the
parser reads as a person's name; territories and regions as ACLED files them (reports written for these tests)."""
from __future__ import annotations

from eventcoder import code_text
from eventcoder.geo.candidate_filters import in_location_list
from eventcoder.geo.country_cues import cue_spans
from eventcoder.geo.country_vote import WEIGHTS, group_votes


def _groups(text):
    return [(v.cc, text[v.start:v.end]) for v in group_votes(text)]


def test_a_group_or_mission_of_one_country_is_evidence_of_it():
    text = "The OSCE SMM recorded shelling; Taliban fighters and VDP volunteers were seen; 20 million naira was paid."
    assert _groups(text) == [("UA", "OSCE SMM"), ("AF", "Taliban fighters"), ("BF", "VDP"), ("NG", "naira")]
    assert all(v.weight == WEIGHTS["group"] for v in group_votes(text))


def test_forces_often_abroad_and_groups_of_several_countries_say_nothing():
    # a state's army shells its neighbour, a private military company fights abroad, JNIM is in three countries
    assert _groups("Russian forces shelled the town. Wagner mercenaries and JNIM militants were reported.") == []


def test_cues_are_whole_words_in_the_case_they_are_written():
    assert [cc for _, _, cc in cue_spans("Members of the KCTU and the Awami League rallied.")] == ["KR", "BD"]
    assert cue_spans("kctu members; the Awami Leaguers; an ANC-led rally") == []


def test_a_note_whose_village_the_gazetteer_lacks_takes_the_country_its_groups_say():
    text = "On 30 January 2022, the OSCE SMM observed a total of 12 explosions involving unknown weapons near Xyzkivka."
    doc = code_text(text)
    assert doc.geography.main_country == "UA"
    ev = doc.events[0]
    assert (ev.country, ev.latitude) == ("Ukraine", None)
    assert "OSCE SMM" in ev.inferred["country"] and "no place" in ev.inferred["country"]


def test_a_town_of_two_countries_is_read_in_the_country_of_the_unions_that_called_the_protest():
    alone = code_text("On 3 March 2022, workers protested in Laval over gas prices.")
    assert alone.events[0].country == "Canada"   # the bigger Laval, when nothing else is said
    doc = code_text("On 3 March 2022, at the call of the CFDT and FSU, workers protested in Laval over gas prices.")
    assert doc.geography.main_country == "FR"
    assert (doc.events[0].country, doc.events[0].location) == ("France", "Laval")


def test_a_location_list_the_parser_calls_a_person_is_still_read_as_places():
    text = "On 2 June 2022, students fought with police at the HLM district (Grand Dakar, Dakar, Dakar) over a dispute."
    a = text.index("Grand Dakar")
    assert in_location_list(text, a, a + len("Grand Dakar"))
    assert not in_location_list("Police arrested a man (John Smith) and his son.", 23, 33)
    doc = code_text(text)
    assert doc.events[0].country == "Senegal" and doc.events[0].admin1 == "Dakar"


def test_hong_kong_is_filed_under_china_as_acled_does():
    ev = code_text("On 6 June 2022, 45 workers protested in Hung Hom, Hong Kong, demanding wage arrears.").events[0]
    assert (ev.country, ev.iso, ev.admin1, ev.location) == ("China", 156, "Hong Kong", "Hung Hom")
    assert "Hong Kong" in ev.inferred["country"]
    other = code_text("On 6 June 2022, 45 workers protested in Shenzhen, demanding wage arrears.").events[0]
    assert (other.country, other.admin1) == ("China", "Guangdong")


def test_regions_as_acled_names_them_where_the_gazetteer_is_older():
    # Chile's Los Rios (2007) and Nuble (2018) regions; Brazil's Distrito Federal (GeoNames: "Federal District");
    # Khyber Pakhtunkhwa as notes abbreviate it
    for text, want in (("On 26 January 2022, in Valdivia (Los Rios), vendors demonstrated.", ("Chile", "Los Rios")),
                       ("On 5 May 2022, in Chillan (Nuble), teachers protested.", ("Chile", "Nuble")),
                       ("On 25 March 2022, in Brasilia (Distrito Federal), students protested.",
                        ("Brazil", "Distrito Federal")),
                       ("On 27 April 2022, militants fired at a policeman at Wana town (South Waziristan district, KP).",
                        ("Pakistan", "Khyber Pakhtunkhwa"))):
        ev = code_text(text).events[0]
        assert (ev.country, ev.admin1) == want, text


def test_a_small_town_the_parser_calls_an_organisation_after_in_is_a_place():
    doc = code_text("On 27 February 2022, around 30 people demonstrated in Arvidsjaur to denounce the Russian invasion "
                    "of Ukraine.")
    assert [(ev.country, ev.location) for ev in doc.events] == [("Sweden", "Arvidsjaur")]
    # an ordinary word stays an organisation's name, whatever town is called so
    assert not any(p.text == "Congress" for p in code_text("He worked in Congress for years.").places)
