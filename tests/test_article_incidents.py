"""Full articles: one event per incident, typed as ACLED types it (sentences written for these tests)."""
import pytest

from eventcoder.api import code_text

from event_cases import occurred_types


@pytest.fixture(scope="module")
def code():
    return occurred_types()


def test_a_truce_mentioned_in_a_war_report_is_no_agreement(code):
    subs = code("Government warplanes struck the town of Kafr Nabl on Monday, killing six people. "
                "The strikes came despite a truce announced last month by the warring sides.")
    assert "Air/drone strike" in subs
    assert "Agreement" not in subs


def test_a_truce_agreed_in_a_war_report_is_an_agreement(code):
    subs = code("Government warplanes struck the town of Kafr Nabl on Monday, killing six people. "
                "On Tuesday the army and rebel commanders in Homs agreed a truce for the old city.")
    assert "Agreement" in subs


def test_damage_told_after_a_strike_is_no_event_of_its_own(code):
    subs = code("Jets bombed the village of Kansafra on Sunday. Rescuers said the raid destroyed a school "
                "and several shops in the village centre.")
    assert subs == ["Air/drone strike"]


def test_long_period_totals_are_background(code):
    subs = code("Artillery shelled the town of Tal Rifaat on Friday, killing three farmers. "
                "The monitor says government raids have killed 900 civilians since the start of the year. "
                "More than 250,000 people have been killed in the conflict.")
    assert subs == ["Shelling/artillery/missile attack"]


def test_a_toll_quoted_later_stays_on_its_explosion(code):
    subs = code("Warplanes bombed the crowded market of Saraqib on Tuesday morning. Rescue workers searched "
                "the rubble for hours. Residents said many families had been shopping for the holiday. "
                "\"At least 12 people were killed,\" a medic at the local hospital said.")
    assert subs == ["Air/drone strike"]


def test_an_air_strike_and_shelling_at_one_place_are_two_events(code):
    subs = code("Russian jets carried out air strikes on the village of Tal Mardikh on Sunday. "
                "Government artillery shelled the village of Tal Mardikh later the same day.")
    assert sorted(subs) == ["Air/drone strike", "Shelling/artillery/missile attack"]


def test_a_motorcycle_bomber_is_a_suicide_bomb(code):
    subs = code("A motorcycle bomber killed nine people at a checkpoint in the town of Jarabulus on Thursday.")
    assert subs[0] == "Suicide bomb"


def test_a_capture_after_fighting_is_its_own_event(code):
    subs = code("Heavy clashes raged around the town of Morek on Friday between rebels and the army. "
                "Rebels seized the village of Lahaya after the fighting, a monitor said.")
    assert "Armed clash" in subs
    assert "Non-state actor overtakes territory" in subs


def test_a_suicide_car_bomb_is_a_suicide_bomb(code):
    subs = code("Militants attacked an army checkpoint near the town of Azaz with two suicide car bombs on Monday.")
    assert subs[0] == "Suicide bomb"


def test_a_plain_car_bomb_stays_a_remote_explosive(code):
    subs = code("A car bomb exploded near a bakery in the town of Azaz on Monday, killing four people.")
    assert subs[0] == "Remote explosive/landmine/IED"


def test_war_planes_that_bombed_are_an_air_strike(code):
    subs = code("Russian war planes bombed a camp for displaced families near the town of Sarmada on Friday.")
    assert subs[0] == "Air/drone strike"


def test_a_later_round_up_sentence_gives_one_event_per_place():
    doc = code_text("Government jets carried out air strikes on the town of Ariha on Sunday, killing five people. "
                    "Jets struck Ariha again in the afternoon and also hit the town of Saraqib and the town of "
                    "Kafr Nabl, the monitor said.")
    strikes = [e for e in doc.events if e.sub_event_type == "Air/drone strike"]
    assert len(strikes) == 3, [e.location for e in doc.events]


def test_a_placeless_headline_and_its_detail_are_one_event():
    doc = code_text("Air strikes kill at least 20 fighters\n\nAt least 20 fighters were killed on Thursday in "
                    "air strikes on the town of al-Shadadi in Hasakah province, a monitor said.")
    assert [e.sub_event_type for e in doc.events] == ["Air/drone strike"], [e.location for e in doc.events]


def test_people_killed_in_the_fighting_are_the_clash_toll(code):
    subs = code("Rebels and government troops clashed for hours around the town of Morek on Monday. "
                "The fighting lasted until dawn, a monitor said. Five civilians were killed and twelve wounded.")
    assert subs == ["Armed clash"]


def test_fighting_mentioned_in_passing_is_no_second_event(code):
    subs = code("Government jets struck a market in the town of Maarat al-Numan on Monday, killing eleven people. "
                "Many families had fled to the town from Hama to escape the battles.")
    assert subs == ["Air/drone strike"]
