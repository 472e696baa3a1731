"""Wordings of ACLED's older notes: barricades, raids that take property, attacks on posts of armed men."""
import pytest

import eventcoder


def top(text):
    evs = eventcoder.code_text(text, id="t").events
    assert evs, text
    return max(evs, key=lambda e: e.confidence).sub_event_type


@pytest.mark.parametrize("text, sub", [
    # ACLED: road-blocking with barricades is a violent demonstration
    ("On 4 May 2020, traders demonstrated and barricaded roads in the town, demanding the reopening of markets.",
     "Violent demonstration"),
    ("On 4 May 2020, residents of the district barricaded the main road, accusing the mayor of mismanagement.",
     "Violent demonstration"),
    ("On 4 May 2020, militants seized livestock and motorbikes from herders near the village.",
     "Looting/property destruction"),
    ("On 4 May 2020, militants destroyed the solar panels and the water pumps of the village.",
     "Looting/property destruction"),
    # an attack on a post of armed men is a battle even when the post is then ransacked
    ("On 4 May 2020, gunmen attacked the gendarmerie in the town; the building was ransacked and burned.",
     "Armed clash"),
    # arms seized after a fight are the fight's aftermath; seized with no fight told, they are disrupted weapons use
    ("On 4 May 2020, gendarmes killed six militants and seized arms and ammunition near the village.", "Armed clash"),
    ("On 4 May 2020, gendarmes seized arms and ammunition in a house near the village.", "Disrupted weapons use"),
    ("Government forces seized several firearms in a combined operation against a criminal group last Friday.",
     "Disrupted weapons use"),
    ("On 4 May 2020, residents of the town took to the streets to express their support for the candidate.",
     "Peaceful protest"),
    ("People demonstrated to support the mayor of the town.", "Peaceful protest"),
    ("On 4 May 2020, internally displaced people staged a protest in front of the town hall, demanding improved "
     "security so they could return to their villages during the rainy season.", "Peaceful protest"),
    ("On 4 May 2020, militants detonated a bridge on the road between the two towns.",
     "Remote explosive/landmine/IED"),
    ("The police station in the town was attacked overnight by heavily armed gunmen.", "Armed clash"),
    # the killing of the abducted outweighs the taking
    ("On 16 June 2020, unknown gunmen abducted and executed a trader near the town.", "Attack"),
    ("On 16 June 2020, unknown gunmen abducted a trader near the town.", "Abduction/forced disappearance"),
    ("On 3 August 2020, militants intercepted a truck near the town. Medicines were seized by the militants.",
     "Looting/property destruction"),
    ("On 5 October 2020, militants imposed on women to wear veils in the village.", "Other"),
])
def test_wordings(text, sub):
    assert top(text) == sub


def test_a_peaceful_road_block_is_no_violent_demonstration():
    assert top("On 4 May 2020, residents blocked the main road to demand water.") \
        == "Peaceful protest"


def test_riots_before_acleds_2019_methodology_are_violent_demonstrations():
    before = eventcoder.code_text("On 18 January 2011, rioters burned the police station in the town.").events[0]
    after = eventcoder.code_text("On 18 January 2021, rioters burned the police station in the town.").events[0]
    undated = eventcoder.code_text("Rioters burned the police station in the town.").events[0]
    assert before.sub_event_type == "Violent demonstration"
    assert after.sub_event_type == "Mob violence" and undated.sub_event_type == "Mob violence"
