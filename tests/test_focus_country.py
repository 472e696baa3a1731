"""The --focus-country hint: evidence for a feed's country where the text leaves it open, never a default."""
import json

import pytest
from click.testing import CliRunner

import eventcoder
from eventcoder.cli import cli
from eventcoder.geo.countries import country_from_hint

NO_PLACE = "On 3 May 2019, gunmen attacked a gendarmerie post and killed two gendarmes."


@pytest.mark.parametrize("hint", ["BF", "bfa", "854", "Burkina Faso"])
def test_hint_names_a_country_by_code_or_name(hint):
    assert country_from_hint(hint).alpha2 == "BF"


def test_hint_that_names_no_country():
    assert country_from_hint("Narnia") is None


def test_no_hint_no_country():
    ev = eventcoder.code_text(NO_PLACE, id="a").events[0]
    assert ev.country is None
    assert all("Burkina" not in (a or "") for a in (ev.actor1, ev.actor2))


def test_hint_gives_the_country_and_the_state_forces_it_names():
    ev = eventcoder.code_text(NO_PLACE, id="a", focus_country="BF").events[0]
    assert ev.country == "Burkina Faso" and ev.iso == 854
    assert "focus-country" in ev.inferred["country"]
    assert "Police Forces of Burkina Faso (2015-2022) Gendarmerie" in (ev.actor1, ev.actor2)


def test_hint_does_not_override_the_place_the_text_names():
    ev = eventcoder.code_text("On 3 May 2019, gunmen killed two soldiers in Kidal, Mali.", id="a",
                              focus_country="BF").events[0]
    assert ev.country == "Mali"


def test_api_rejects_an_unknown_hint():
    with pytest.raises(ValueError, match="names no country"):
        eventcoder.code_text(NO_PLACE, focus_country="Narnia")


def test_cli_extract_takes_the_hint(tmp_path):
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "a", "text": NO_PLACE}) + "\n")
    out = tmp_path / "out.jsonl"
    r = CliRunner().invoke(cli, ["extract", str(docs), "-o", str(out), "--quiet", "--focus-country", "BFA"])
    assert r.exit_code == 0, r.output
    assert json.loads(out.read_text().splitlines()[0])["country"] == "Burkina Faso"
    bad = CliRunner().invoke(cli, ["extract", str(docs), "--focus-country", "Narnia"])
    assert bad.exit_code == 2 and "names no country" in bad.output
