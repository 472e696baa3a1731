"""Typing that follows ACLED's precedence: people killed by an explosion are that explosion's victims (not an
attack on civilians), and a place taken is a change of territory, whoever fought for it (sentences written here)."""
import pytest

from eventcoder.extract.lexicon import load_lexicon
from eventcoder.extract.rules import decide

from event_cases import occurred_types


def label(text):
    return decide(load_lexicon().match(text)).label


@pytest.mark.parametrize("text,sub", [
    ("Warplanes believed to be Russian pounded the village of Kafr Ruma, where seven civilians were killed.",
     "Air/drone strike"),
    ("In the old quarter, raids killed eleven civilians including two children.", "Air/drone strike"),
    ("Four more people were killed in government raids on the market.", "Air/drone strike"),
    ("Six residents were wounded by mortars that fell on the western district.", "Shelling/artillery/missile attack"),
    ("Three women were killed when a bomb exploded near the bakery.", "Remote explosive/landmine/IED"),
    # harm by hand or gun stays an attack, even with a raid or a weapon told with it
    ("Gunmen killed four villagers in a night raid on the hamlet.", "Attack"),
    ("Soldiers executed nine men during raids on the village.", "Attack"),
])
def test_people_killed_by_an_explosion_are_its_victims(text, sub):
    assert label(text) == sub


@pytest.mark.parametrize("text,sub", [
    ("Kurdish fighters captured Tal Hamis on Friday after a week of heavy fighting with the jihadists.",
     "Non-state actor overtakes territory"),
    ("Rebels seized al-Hader and two nearby hills late on Monday.", "Non-state actor overtakes territory"),
    ("Government troops recaptured Maarzaf after fierce clashes with the insurgents.", "Government regains territory"),
    ("The army said four villages had been wrested back from the militants.", "Government regains territory"),
    ("Regime forces stepped up air strikes and retaken villages near the coast.", "Government regains territory"),
    # seizures of things, days and people are no territory
    ("Police seized Kalashnikov rifles and ammunition at a checkpoint.", "Disrupted weapons use"),
])
def test_a_place_taken_is_a_change_of_territory(text, sub):
    assert label(text) == sub


@pytest.fixture(scope="module")
def code():
    return occurred_types()


def test_the_toll_told_after_an_air_strike_is_the_strikes(code):
    subs = code("Warplanes struck the town of Saraqib on Tuesday, a monitor said. "
                "At least twelve people were killed and dozens were wounded.")
    assert subs == ["Air/drone strike"]


def test_a_shooting_told_after_an_air_strike_stays_an_attack(code):
    subs = code("Warplanes struck the town of Saraqib on Tuesday, a monitor said. "
                "Elsewhere, gunmen shot dead three farmers in their fields.")
    assert "Attack" in subs
