"""Known fronts named in a clause of their own: the enclave south of Damascus and Aleppo's Sheikh Maqsoud quarter."""
import datetime as dt

import pytest

from eventcoder.extract.actors import CodeActors

from actor_cases import coded_event


@pytest.fixture(scope="module")
def stage():
    return CodeActors()


def code(stage, text, trigger, published, location):
    return coded_event(stage, text, "Battles", "Armed clash", trigger, country="Syria", published=published,
                       location=location)[1]


def test_fighting_south_of_damascus_is_the_enclave_front(stage):
    ev = code(stage, "Fighting goes on in the south of the capital Damascus for a third day.", "Fighting",
              dt.date(2016, 10, 1), "Damascus")
    assert "Islamic State (Syria)" in (ev.actor1, ev.actor2)
    assert 1 not in (ev.inter1, ev.inter2)


def test_sheikh_maqsoud_front_only_in_its_period(stage):
    text = "Heavy clashes erupted around the Sheikh Maqsoud quarter overnight."
    during = code(stage, text, "clashes", dt.date(2016, 4, 1), "Sheikh Maqsoud")
    assert "YPG: People's Protection Units" in (during.actor1, during.actor2)
    after = code(stage, text, "clashes", dt.date(2018, 4, 1), "Sheikh Maqsoud")
    assert "YPG: People's Protection Units" not in (after.actor1, after.actor2)
