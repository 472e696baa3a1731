"""The actor registry: parsing, validation messages naming the line, alias matching, government years."""
import datetime as dt

import pytest

from eventcoder.extract.registry import Registry, RegistryError, government_years, parse_registry


def test_shipped_registry_loads_and_matches_spellings():
    reg = Registry.shipped()
    text = "Hizballah, Hezbollah and Hizbullah; the SAA and regime forces; ISIS and Daesh."
    names = [e.name for m in reg.find(text) for e, _ in m.entries[:1]]
    assert names.count("Hezbollah") == 3
    assert "Military Forces of Syria ({years})" in names
    assert names.count("Islamic State ({country})") == 2


def test_acronyms_match_case_sensitively():
    reg = Registry.shipped()
    assert not [m for m in reg.find("this is a test") if m.text == "is"]
    assert [m.text for m in reg.find("IS fighters")] == ["IS", "fighters"]


def test_longest_alias_wins():
    reg = Registry.shipped()
    assert [m.text for m in reg.find("unidentified gunmen attacked")] == ["unidentified gunmen"]


@pytest.mark.parametrize("line, message", [
    ("Foo\tx\tmilitia\tNG\tfoo", "inter code 'x'"),
    ("Foo\t3\tmob\tNG\tfoo", "kind 'mob'"),
    ("Foo\t3\tmilitia\tNGA\tfoo", "country 'NGA'"),
    ("Foo\t3\tmilitia\tNG", "at least 5"),
    ("Foo\t3\tmilitia\tNG\t", "no aliases"),
    ("Foo {place}\t3\tmilitia\tNG\tfoo", "unknown placeholder {place}"),
    ("Foo\t3\tmilitia\tNG\tfoo\t2020-13\t", "date '2020-13'"),
    ("Foo\t3\tmilitia\tNG\tfoo\t2021\t2020", "valid_to"),
])
def test_bad_lines_name_the_line(line, message):
    with pytest.raises(RegistryError) as e:
        parse_registry("# header\n\n" + line + "\n", "mine.tsv")
    assert "mine.tsv:3" in str(e.value) and message in str(e.value)


def test_bad_user_file_is_reported_with_its_path(tmp_path):
    f = tmp_path / "bad.tsv"
    f.write_text("Good\t2\trebel\tSY\tgood\nBad\t9\trebel\tSY\tbad\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=r"bad.tsv:2: inter code '9'"):
        Registry.shipped().extended(f)
    with pytest.raises(RegistryError, match="cannot read"):
        Registry.load(tmp_path / "missing.tsv")


def test_user_entries_come_first(tmp_path):
    f = tmp_path / "mine.tsv"
    f.write_text("Hezbollah (Lebanon)\t3\tmilitia\tLB\tHezbollah\n", encoding="utf-8")
    reg = Registry.shipped().extended(f)
    m = reg.find("Hezbollah fighters")[0]
    assert m.entries[0][0].name == "Hezbollah (Lebanon)"


def test_validity_and_government_years():
    reg = Registry.shipped()
    hts = reg.named("HTS: Hayat Tahrir al-Sham")
    assert hts.valid_on(dt.date(2019, 1, 1)) and not hts.valid_on(dt.date(2025, 6, 1))
    assert government_years("SY", dt.date(2016, 5, 1)) == "2000-2024"
    assert government_years("SY", dt.date(2025, 1, 1)) == "2024-"
    assert government_years("KE", dt.date(2023, 1, 1)) == "2022-"
    assert government_years("UA", None) is None                  # no date: no period rather than a wrong one
    assert government_years("SY", dt.date(1990, 1, 1)) is None    # before the periods we know: none either
    assert government_years("BF", dt.date(2011, 6, 1)) == "1987-2014"
    assert government_years("BF", dt.date(2015, 3, 1)) == "2014-2015"
    assert government_years("ZZ", None) is None
