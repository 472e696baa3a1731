"""Event wordings that used to give no event at all: protests told by their form or purpose, shootings and beatings
with any victim, crowds that throw or burn things, people taken to an unknown place.  Crime, diplomacy and plans
worded alike must still give none."""
import pytest

from eventcoder.model import Document
from eventcoder.pipeline import default_pipeline


@pytest.fixture(scope="module")
def code():
    pipe = default_pipeline(keep_all=True)

    def run(text):
        return [(e.sub_event_type, e.factuality) for e in pipe(Document("t", text)).events]
    return run


def occurred(evs):
    return [s for s, f in evs if f == "occurred"]


# --- protests ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "On 4 June 2023, about 60 nurses gathered outside the regional hospital in Cusco to call on the ministry to hire "
    "more staff.",
    "On 9 May 2023, some 30 parents surrounded the school building in Tarija to demand that it be reopened.",
    "On 12 July 2023, pensioners held a slow motorcade of decorated cars through Rosario to demand higher benefits.",
    "On 2 April 2023, about 500 people formed a human chain along the beach in Valencia against a new hotel.",
    "On 8 March 2023, councillors displayed placards outside the city council in Tainan criticising the water tariff.",
    "On 15 October 2023, activists walked with banners from the square to the ministry of labour in Montevideo.",
    "On 20 August 2023, a group of miners gathered in front of the ministry of labour in La Paz claiming unpaid "
    "bonuses.",
])
def test_act_of_protest_with_its_purpose_is_a_peaceful_protest(code, text):
    assert occurred(code(text)) == ["Peaceful protest"]


def test_a_blockade_and_the_next_sentence_saying_what_they_demanded_is_a_protest(code):
    evs = code("On 6 May 2023, bus drivers blocked traffic on the main avenue of Quito. They demanded protection "
               "from extortion gangs.")
    assert occurred(evs) == ["Peaceful protest"]


def test_a_blockade_with_burning_objects_is_a_violent_demonstration(code):
    evs = code("On 11 May 2023, farmers blocked the access road to the port by setting ablaze old pallets.")
    assert occurred(evs) == ["Violent demonstration"]


def test_a_month_named_may_is_not_a_modal(code):
    evs = code("On 21 May 2023, friends of a student missing since 3 May blocked the ring road in Toluca to demand "
               "a search.")
    assert occurred(evs) == ["Peaceful protest"]


def test_dismissed_workers_who_protested_are_not_a_denial(code):
    evs = code("On 5 April 2023, dismissed workers at a textile mill protested in Recife, demanding their wages.")
    assert occurred(evs) == ["Peaceful protest"]


def test_ministers_meeting_is_not_a_protest(code):
    assert code("Foreign ministers met in Brussels on Monday and held talks on sanctions.") == []


# --- violence ----------------------------------------------------------------------------------------------------
def test_gunmen_who_shot_and_wounded_a_guard_is_an_attack(code):
    assert occurred(code("On 3 June 2023, two gunmen on a motorbike shot and wounded the guard of a bank in "
                         "San Pedro Sula.")) == ["Attack"]


def test_chased_and_shot_them_is_an_attack(code):
    assert occurred(code("On 7 June 2023, unknown gunmen chased two farmers in Lashio and shot them.")) == ["Attack"]


def test_beaten_by_officers_is_an_attack(code):
    assert occurred(code("On 1 June 2023, a street vendor was beaten to the ground by city inspectors in "
                         "Changsha.")) == ["Attack"]


def test_gang_member_shot_dead_is_political_violence_not_crime(code):
    assert occurred(code("On 4 February 2023, a drug trafficker was shot and killed by unknown men in Manaus.")) \
        in (["Armed clash"], ["Attack"])


def test_armed_confrontation_between_traffickers_and_police_is_a_clash(code):
    assert occurred(code("On 9 February 2023, drug traffickers started an armed confrontation with police in "
                         "Belem.")) == ["Armed clash"]


def test_stone_pelting_at_police_is_mob_violence(code):
    assert occurred(code("On 2 March 2023, locals pelted stones at police in Sopore.")) == ["Mob violence"]


def test_a_dispute_that_turned_violent_is_mob_violence(code):
    assert occurred(code("On 5 March 2023, three people were hurt after a quarrel between two families over "
                         "water turned violent in Mardan.")) == ["Mob violence"]


def test_people_who_set_fire_to_a_classroom_is_mob_violence(code):
    assert occurred(code("On 8 March 2023, a group of people set fire to a classroom of a school in Cuautla.")) \
        == ["Mob violence"]


# --- abductions --------------------------------------------------------------------------------------------------
def test_taken_to_an_unknown_destination_is_an_abduction(code):
    assert occurred(code("On 2 April 2023, soldiers took the village head of Hlaingbwe to an unknown "
                         "destination.")) == ["Abduction/forced disappearance"]


def test_forcibly_deported_civilians_is_an_abduction(code):
    assert occurred(code("On 6 April 2023, occupying forces forcibly deported 200 civilians from Kherson.")) \
        == ["Abduction/forced disappearance"]


# --- still no event ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Police arrested two drug traffickers with 3 kg of cocaine in Guayaquil on Monday.",
    "An armed robber shot a shopkeeper during a robbery in Durban, police said, and investigators are searching "
    "for the suspect.",
    "Rescue teams gathered at the collapsed building after the earthquake to search for survivors.",
    "The president will travel to Lima next week to call on the government to sign the trade agreement.",
    "The ambassador met with the foreign minister to condemn the sanctions.",
])
def test_crime_disaster_diplomacy_and_plans_give_no_event(code, text):
    assert occurred(code(text)) == []
