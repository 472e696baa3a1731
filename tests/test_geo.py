"""Gazetteer, matching, resolution and import, on small fixtures we write (no full index build)."""
from __future__ import annotations

import json
import sqlite3
import zipfile

import pytest

from eventcoder.geo import names as N
from eventcoder.geo.build import build_index
from eventcoder.geo.countries import all_countries, country_by_alpha2, is_demonym, lookup_country
from eventcoder.geo.gazetteer import Gazetteer

# (geonameid, name, lat, lon, cc, admin1code, population, alternate names, admin1 name, admin2 name)
TOWNS = [
    (361058, "Alexandria", 31.20176, 29.91582, "EG", "06", 3811516, ["Al Iskandariyah", "الإسكندرية"], "Alexandria", ""),
    (4744091, "Alexandria", 38.80484, -77.04692, "US", "VA", 159467, [], "Virginia", "City of Alexandria"),
    (4314550, "Alexandria", 31.31129, -92.44514, "US", "LA", 47723, [], "Louisiana", "Rapides Parish"),
    (4315588, "Baton Rouge", 30.44332, -91.18747, "US", "LA", 228590, [], "Louisiana", "East Baton Rouge Parish"),
    (2522098, "Adra", 36.74961, -3.02055, "ES", "51", 24373, [], "Andalusia", "Almeria"),
    (170654, "Damascus", 33.5102, 36.29128, "SY", "13", 1569394, ["Dimashq", "دمشق"], "Dimashq", "Damascus"),
    (170592, "Douma", 33.57175, 36.4027, "SY", "08", 111864, ["Dūmā", "Duma"], "Rif-dimashq", "Duma"),
    (170592 + 1, "Daraa", 32.6189, 36.10213, "SY", "10", 97969, ["Dar'a", "Deraa", "Dar‘ā"], "Daraa", "Daraa"),
    (170794, "Deir ez-Zor", 35.33588, 40.14084, "SY", "07", 242565, ["Dayr az Zawr", "Deir Ezzor"], "Deir ez-Zor",
     "Deir ez-Zor"),
    (170063, "Aleppo", 36.20124, 37.16117, "SY", "09", 1602264, ["Halab", "Ḩalab"], "Aleppo", "Jabal Saman"),
    (170017, "Anadan", 36.2937, 37.0443, "SY", "09", 12000, ["‘Anadān"], "Aleppo", "Jabal Saman"),
    (163345, "Hama", 35.13179, 36.75783, "SY", "11", 460602, ["Ḩamāh", "Hamah"], "Hama", "Hama"),
    (2988507, "Paris", 48.85341, 2.3488, "FR", "11", 2138551, [], "Ile-de-France", "Paris"),
    (4717560, "Paris", 33.66094, -95.55551, "US", "TX", 24782, [], "Texas", "Lamar County"),
]


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    d = tmp_path_factory.mktemp("gaz")
    cities = {str(t[0]): {"geonameid": t[0], "name": t[1], "latitude": t[2], "longitude": t[3], "countrycode": t[4],
                          "population": t[6], "timezone": "", "admin1code": t[5], "alternatenames": t[7]}
              for t in TOWNS}
    (d / "cities.json").write_text(json.dumps(cities), encoding="utf-8")
    rg = ["lat,lon,name,admin1,admin2,cc"] + [f"{t[2]},{t[3]},{t[1]},{t[8]},{t[9]},{t[4]}" for t in TOWNS]
    (d / "rg.csv").write_text("\n".join(rg) + "\n", encoding="utf-8")
    path = d / "index.sqlite"
    stats = build_index(path, cities_path=d / "cities.json", rg_path=d / "rg.csv")
    assert stats["towns"] == len(TOWNS)
    assert not list(d.glob(".*.tmp"))
    return Gazetteer(path)


# --- countries -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,alpha2", [
    ("Syrian", "SY"), ("syria", "SY"), ("SYR", "SY"), ("Russian", "RU"), ("Congolese", "CD"), ("DRC", "CD"),
    ("Burkinabe", "BF"), ("Ivory Coast", "CI"), ("Côte d'Ivoire", "CI"), ("Türkiye", "TR"), ("Palestinians", "PS"),
    ("U.S.", "US"), ("Kosovo", "XK"), ("Afghan", "AF"), ("Yemeni", "YE")])
def test_lookup_country(text, alpha2):
    assert lookup_country(text).alpha2 == alpha2


def test_country_names_are_acled_style():
    assert country_by_alpha2("cd").name == "Democratic Republic of Congo"
    assert country_by_alpha2("SY").iso == 760
    assert country_by_alpha2("XK").iso == 0
    assert len(all_countries()) >= 249
    assert lookup_country("") is None and lookup_country("x" * 10_000) is None and lookup_country("Narnia") is None
    assert is_demonym("Syrian") and not is_demonym("Syria")


# --- names -----------------------------------------------------------------------------------------------------
def test_transliteration_variants_share_a_key():
    assert N.key("Deir ez-Zor") == N.key("Deir Ez-Zor")
    assert len({N.loose(x) for x in ("Deir Az-Zour", "Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor")}) == 1
    assert N.loose("Hama") == N.loose("Ḩamāh")
    assert N.loose("Dar'a") == N.loose("Deraa") == N.loose("Daraa")
    assert N.loose("Adra") != N.loose("Daraa")
    assert N.key("") == "" and N.key("x" * 100_000)   # long input is cut, not an error


def test_gazetteer_lookup_variants(gaz):
    for variant in ("Deir Az-Zour", "Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor"):
        rs = gaz.lookup(variant) or gaz.lookup(variant, loose=True)
        assert any(r.cc == "SY" and r.admin1 == "Deir-ez-Zor" for r in rs), variant
    assert any(r.cc == "SY" for r in gaz.lookup("Ḩamāh"))
    assert any(r.cc == "SY" for r in gaz.lookup("دمشق"))       # names in other scripts
    assert gaz.lookup("") == [] and gaz.lookup("\u0000" * 5) == []


def test_supplement_adra_is_in_rif_dimashq(gaz):
    syrian = [r for r in gaz.lookup("Adra") if r.cc == "SY" and r.kind == "place"]
    assert syrian and syrian[0].admin1 == "Rural Damascus"
    assert gaz.lookup("Rural Damascus")[0].kind == "admin1"
    assert any(r.kind == "facility" for r in gaz.lookup("Saydnaya prison"))
    assert any(r.kind == "facility" for r in gaz.lookup("al-Hol camp"))


def test_region_reference_points_exist(gaz):
    a1 = gaz.admin1("SY", "Aleppo")
    assert a1 is not None and a1.lat is not None
    assert gaz.country("SY").lat is not None


# --- resolution in context -------------------------------------------------------------------------------------
def _doc(text):
    from eventcoder.model import Document
    from eventcoder.text.nlp import Parse
    from eventcoder.text.repair import Repair
    return Parse()(Repair()(Document("t", text)))


def _geoparse(gaz, text):
    from eventcoder.geo.stage import Geoparse
    return Geoparse(gazetteer=gaz)(_doc(text)).places


def _at(places, text):
    return next(p for p in places if p.text == text)


def test_alexandria_by_context(gaz):
    eg = _at(_geoparse(gaz, "Protesters gathered in Alexandria on Friday, Egyptian police said."), "Alexandria")
    assert eg.country_code == "EG"
    la = _at(_geoparse(gaz, "The fire in Alexandria, La., destroyed two homes, the Louisiana fire marshal said."),
             "Alexandria")
    assert la.country_code == "US" and la.admin1 == "Louisiana"
    va = _at(_geoparse(gaz, "A man was arrested in Alexandria, Virginia, on Monday."), "Alexandria")
    assert va.admin1 == "Virginia"


def test_state_abbreviations_need_their_dot():
    from eventcoder.geo.gazetteer import default_gazetteer
    gaz = default_gazetteer()          # the shipped index: US states and Myanmar's regions
    ks = _geoparse(gaz, "A gunman opened fire outside a bar in Wichita, Kan., on Saturday night.")
    assert any(p.admin1 == "Kansas" for p in ks)
    mm = _geoparse(gaz, "Soldiers torched houses in Thar Du Kan village, Sagaing Region, on Monday.")
    assert not any(p.admin1 == "Kansas" or p.country_code == "US" for p in mm)


def test_adra_goes_to_rif_dimashq_not_daraa(gaz):
    places = _geoparse(gaz, "Regime forces shelled Adra in Rural Damascus, killing three people.")
    adra = _at(places, "Adra")
    assert adra.country_code == "SY" and adra.admin1 == "Rural Damascus"


def test_demonyms_are_country_evidence(gaz):
    places = _geoparse(gaz, "Syrian and Russian jets struck the town.")
    dem = [p for p in places if p.kind == "demonym"]
    assert {p.country_code for p in dem} == {"SY", "RU"}


def test_bad_input_does_not_crash(gaz):
    for text in ("", "x" * 5000, "Дамаск и Алеппо", "دمشق", "!!!"):
        _geoparse(gaz, text)


def _located(gaz, text, trigger):
    """The one event anchored on `trigger` in `text`, after geoparsing and locating it."""
    from eventcoder.geo.stage import Geography, Geoparse, LocateEvents
    from eventcoder.model import Event
    doc = _doc(text)
    Geography(gazetteer=gaz)(Geoparse(gazetteer=gaz)(doc))
    start = doc.clean.index(trigger)
    doc.events = [Event("t", (start, start + len(trigger)))]
    LocateEvents(gazetteer=gaz)(doc)
    return doc.events[0]


def test_locate_event_in_town_not_reporter_city(gaz):
    ev = _located(gaz, "DAMASCUS: Regime forces shelled Anadan in the northern countryside of Aleppo on Monday.",
                  "shelled")
    assert ev.location == "Anadan" and ev.country == "Syria" and ev.iso == 760 and ev.admin1 == "Aleppo"
    assert ev.geo_precision == 1 and ev.where_prec == 1
    assert any(e.field == "location" and e.text == "Anadan" for e in ev.evidence)


def test_region_only_says_so(gaz):
    ev = _located(gaz, "Clashes were reported in Hama province on Monday.", "Clashes")
    assert ev.admin1 == "Hama" and ev.geo_precision == 3 and ev.where_prec == 4


# --- GeoNames import -------------------------------------------------------------------------------------------
def _row(gid, name, lat, lon, fclass, fcode, cc, a1, pop, alts=""):
    return "\t".join([str(gid), name, name, alts, str(lat), str(lon), fclass, fcode, cc, "", a1, "", "", "",
                      str(pop), "", "600", "Asia/Damascus", "2020-01-01"])


def test_import_geonames(gaz, tmp_path):
    from eventcoder.geo.importer import import_geonames
    dump = tmp_path / "SY.txt"
    dump.write_text("\n".join([
        _row(9000001, "Qaryat Imported", 33.5213, 36.3560, "P", "PPL", "SY", "08", 44000, "Qaryat Imported,Qaryat Īmported"),
        _row(9000002, "Ein Tarma", 33.5170, 36.3460, "P", "PPL", "SY", "08", 0),
        _row(9000003, "Some Hill", 33.6, 36.4, "T", "HLL", "SY", "08", 0),
    ]) + "\n", encoding="utf-8")
    a1 = tmp_path / "admin1CodesASCII.txt"
    a1.write_text("SY.08\tRif Dimashq\tRif Dimashq\t170652\n", encoding="utf-8")
    alt = tmp_path / "alternateNamesV2.txt"
    alt.write_text("1\t9000002\ten\tAin Tarma\t\t\t\t\t\t\n", encoding="utf-8")
    zipped = tmp_path / "SY.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.write(dump, "SY.txt")
    target = tmp_path / "imported.sqlite"
    stats = import_geonames(zipped, alt, a1, base=gaz.path, target=target)
    assert stats["places"] == 3
    g2 = Gazetteer(target)
    assert g2.lookup("Qaryat Imported")[0].admin1 == "Rif Dimashq"
    assert g2.lookup("Ain Tarma")[0].name == "Ein Tarma"
    assert g2.lookup("Adra")          # the base index's places are kept


def test_import_rejects_corrupt_dump_and_keeps_index(gaz, tmp_path):
    from eventcoder.geo.importer import GeoNamesImportError, import_geonames
    target = tmp_path / "imported.sqlite"
    good = tmp_path / "good.txt"
    good.write_text(_row(9000001, "Zamalka", 33.52, 36.35, "P", "PPL", "SY", "08", 1) + "\n", encoding="utf-8")
    import_geonames(good, base=gaz.path, target=target)
    before = target.read_bytes()
    truncated = tmp_path / "bad.txt"
    truncated.write_text(_row(9000005, "Harasta", 33.55, 36.36, "P", "PPL", "SY", "08", 1) + "\n"
                         + "9000006\tKafr Batna\tKafr Batna\t\t33.51", encoding="utf-8")
    with pytest.raises(GeoNamesImportError, match=r"bad\.txt:2: expected 19"):
        import_geonames(truncated, base=gaz.path, target=target)
    assert target.read_bytes() == before
    broken_zip = tmp_path / "bad.zip"
    broken_zip.write_bytes(b"PK\x03\x04" + b"\x00" * 30)
    with pytest.raises(GeoNamesImportError):
        import_geonames(broken_zip, base=gaz.path, target=target)
    assert target.read_bytes() == before
    assert not list(tmp_path.glob(".*.tmp"))
    assert Gazetteer(target).lookup("Zamalka")


def test_index_is_versioned_and_atomic(gaz):
    conn = sqlite3.connect(gaz.path)
    meta = dict(conn.execute("SELECT k, v FROM meta").fetchall())
    assert meta["schema"] and meta["package_version"] and meta["supplement"]


def test_union_acronyms_are_not_country_codes(gaz):
    places = _geoparse(gaz, "Teachers backed by the FO and CGT unions demonstrated in Paris on Monday.")
    assert {p.country_code for p in places if p.kind != "demonym"} <= {"FR"}
    assert any(p.text == "Paris" and p.country_code == "FR" for p in places)


def test_cli_lookup_and_info(gaz, tmp_path, monkeypatch):
    import shutil

    from click.testing import CliRunner

    from eventcoder.geo import gazetteer as G
    from eventcoder.geo.cli import gazetteer as group
    monkeypatch.setenv("EVENTCODER_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(G, "_default", None)
    shutil.copyfile(gaz.path, G.default_index_path())
    res = CliRunner().invoke(group, ["lookup", "Adra"])
    assert res.exit_code == 0 and "Rural Damascus" in res.output
    res = CliRunner().invoke(group, ["lookup", "Nowhereville"])
    assert res.exit_code != 0 and "no place called" in res.output
    res = CliRunner().invoke(group, ["info"])
    assert res.exit_code == 0 and '"schema"' in res.output
    bad = tmp_path / "bad.txt"
    bad.write_text("not\ta\tgeonames\tline\n", encoding="utf-8")
    res = CliRunner().invoke(group, ["import", str(bad)])
    assert res.exit_code != 0 and "bad.txt:1" in res.output and "left unchanged" in res.output
    monkeypatch.setattr(G, "_default", None)


def test_parenthesised_regions_share_one_country(gaz):
    # "(Douma, Rif-dimashq)"-style lists: the names must lie in one country, and a direction word that names
    # a region is a candidate inside such a list
    places = _geoparse(gaz, "Gunmen attacked a checkpoint in Kafr Batna village (Douma, Rural Damascus) on Monday.")
    douma = _at(places, "Douma")
    assert douma.country_code == "SY" and douma.admin1 == "Rural Damascus"
    assert any(p.kind == "region" and p.country_code == "SY" and p.admin1 == "Rural Damascus" for p in places)
    paris = _at(_geoparse(gaz, "Farmers blocked a road in Blossom village (Paris, Texas) on Monday."), "Paris")
    assert paris.country_code == "US" and paris.admin1 == "Texas"
