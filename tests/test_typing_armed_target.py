"""ACLED's line between battles and violence against civilians: who was attacked, armed men or unarmed people."""
import eventcoder


def top(text):
    evs = eventcoder.code_text(text, id="t").events
    return max(evs, key=lambda e: e.confidence)


def test_an_attack_on_armed_volunteers_is_an_armed_clash():
    ev = top("On 4 March 2020, gunmen shot dead two Koglweogo members near the market of the town.")
    assert (ev.event_type, ev.sub_event_type) == ("Battles", "Armed clash")
    assert any("target is armed" in line for line in ev.explanation)
    assert any(e.field == "sub_event_type" and "Koglweogo" in e.text for e in ev.evidence)


def test_an_attack_that_kills_civilians_stays_an_attack():
    ev = top("On 4 March 2020, gunmen attacked the village and killed three civilians and a Koglweogo member.")
    assert ev.sub_event_type == "Attack"


def test_militants_who_killed_someone_are_not_militants_killed():
    ev = top("On 4 March 2020, militants killed a municipal councilor in the village.")
    assert ev.sub_event_type == "Attack"
    passive = top("On 4 March 2020, two militants were reportedly killed near the village.")
    assert passive.sub_event_type == "Armed clash"


def test_a_country_word_on_the_target_does_not_make_it_armed():
    ev = top("A suspected militant carried out a drive-by shooting attack on an Israeli vehicle on Friday near the town.")
    assert ev.sub_event_type == "Attack"
