"""Protest wording that names no 'protest': crowds gathering against something; a future word elsewhere in the
sentence does not make a past demonstration 'planned'."""
import pytest

from eventcoder.model import Document
from eventcoder.pipeline import default_pipeline


@pytest.fixture(scope="module")
def code():
    pipe = default_pipeline(keep_all=True)
    return lambda text: pipe(Document("t", text)).events


def test_crowd_gathering_against_a_tax_is_a_peaceful_protest(code):
    evs = code("On 3 May 2023, about 40 traders gathered in Kisumu against new market fees.")
    assert [(e.sub_event_type, e.factuality) for e in evs] == [("Peaceful protest", "occurred")]


def test_past_demonstration_about_an_upcoming_vote_occurred(code):
    evs = code("On 2 May 2023, residents demonstrated in Lyon against the upcoming municipal budget vote.")
    assert [(e.sub_event_type, e.factuality) for e in evs] == [("Peaceful protest", "occurred")]


def test_a_protest_announced_for_next_week_is_planned(code):
    evs = code("Unions said a protest will take place next week in Accra.")
    assert [e.factuality for e in evs] == ["planned"]


def test_troops_gathering_is_not_a_protest(code):
    assert not any(e.event_type == "Protests" for e in code("Troops gathered near the border on Monday."))


def test_workers_who_continue_to_picket_are_protesting_now(code):
    evs = code("On 19 February 2023, dock workers continue to stage a picket outside the port in Mombasa.")
    assert [(e.sub_event_type, e.factuality) for e in evs] == [("Peaceful protest", "occurred")]


def test_relying_on_militias_for_years_is_still_background(code):
    assert code("Since 2013, the regime continues to rely on militias in the countryside.") == []
