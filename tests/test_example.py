"""The example report (examples/adra-prison.txt) coded end to end, as a careful ACLED coder would."""
from pathlib import Path

import pytest

from eventcoder.model import Document, document_id, Span
from eventcoder.pipeline import default_pipeline

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "adra-prison.txt"


@pytest.fixture(scope="module")
def coded():
    text = EXAMPLE.read_text(encoding="utf-8")
    return default_pipeline()(Document(document_id(text), text, origin=str(EXAMPLE)))


def find(doc, sub_event_type):
    found = [e for e in doc.events if e.sub_event_type == sub_event_type]
    assert found, f"no {sub_event_type} event among {[e.sub_event_type for e in doc.events]}"
    return found[0]


def sentence_with(doc, words):
    """The sentence holding `words`: the parser's, or (for a part the relevance reading left unparsed) its own."""
    a = doc.clean.index(words)
    parsed = [s for s in doc.sentences if s.start <= a < s.end]
    if parsed:
        return parsed[0]
    return next(Span(x, y) for x, y, _ in doc.relevance.sentences if x <= a < y)


def test_russian_air_strike_on_the_idlib_hospital(coded):
    ev = find(coded, "Air/drone strike")
    assert ev.event_type == "Explosions/Remote violence"
    assert ev.disorder_type == "Political violence"
    actors = {ev.actor1, ev.actor2}
    assert any(a and a.startswith("Military Forces of Russia") for a in actors)
    assert "Civilians (Syria)" in actors
    assert ev.civilian_targeting == "Civilian targeting"
    assert ev.country == "Syria" and ev.iso == 760
    assert ev.admin1 in ("Idlib", "Idleb")
    assert ev.fatalities == 10
    assert any(e.field == "fatalities" and "tens" in e.text for e in ev.evidence)


def test_recruitment_of_adra_detainees(coded):
    ev = find(coded, "Change to group/activity")
    assert ev.event_type == "Strategic developments"
    assert any(a and a.startswith("Military Forces of Syria") for a in (ev.actor1, ev.actor2))
    assert ev.location == "Adra"
    assert ev.admin1 in ("Rif Dimashq", "Rural Damascus")
    assert ev.country == "Syria"
    assert abs(ev.latitude - 33.6) < 0.2 and abs(ev.longitude - 36.5) < 0.2   # Adra near Damascus, not Spain/Daraa


def test_background_and_planned_statements_are_not_coded(coded):
    for words in ("estimated to number around 20,000", "lack of human energy", "Since 2013",
                  "has also taken a central role", "come into effect next week"):
        s = sentence_with(coded, words)
        inside = [e for e in coded.events if s.start <= e.anchor[0] < s.end]
        assert not inside, f"an event was coded from background/planned words: {words!r}"


def test_no_date_means_no_event_date_and_a_warning(coded):
    assert all(e.event_date is None for e in coded.events)
    assert any(w.kind == "date-unknown" for w in coded.warnings)


def test_damage_is_repaired_or_flagged(coded):
    kinds = {w.kind for w in coded.warnings}
    assert {"mojibake-unrepaired", "duplicate-paragraphs"} <= kinds
    assert coded.clean.count("Adra prison") == 1
    assert all("\u00b0\u00ae" not in (e.source or "") for e in coded.events)


def test_one_activist_spelt_two_ways_is_one_source(coded):
    ev = find(coded, "Change to group/activity")
    assert ev.source and "Paz" in ev.source and "Baz" not in ev.source


def test_every_evidence_span_is_the_original_text(coded):
    items = [e for ev in coded.events for e in ev.evidence]
    assert items
    for e in items:
        assert coded.text[e.start:e.end] == e.text
