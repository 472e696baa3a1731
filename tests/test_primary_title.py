"""The report's primary event (highest confidence) and where it happened: what the title says, and datelines
abroad.  Articles and titles are our own."""
from __future__ import annotations

import pytest

from eventcoder.geo.gazetteer import default_gazetteer
from eventcoder.geo.title import lead_by_title, title_countries, title_places
from eventcoder.model import Document, Event
from eventcoder.pipeline import default_pipeline


@pytest.fixture(scope="module")
def code():
    pipe = default_pipeline()

    def run(text: str, title: str | None = None):
        return pipe(Document("t", text, title=title))
    return run


def primary(doc):
    return max(doc.events, key=lambda e: e.confidence)


TWO_PLACES = ("Clashes between rebels and government forces killed four fighters in the city of Hama on Monday, a "
              "monitor said. Separately, air strikes killed nine civilians in the town of Saraqib in Idlib province "
              "on Tuesday, activists said.")


def test_title_naming_the_place_makes_that_event_lead(code):
    doc = code(TWO_PLACES, title="Air strikes kill nine civilians in Syria's Idlib")
    lead = primary(doc)
    assert lead.admin1 == "Idleb" and lead.location == "Saraqib"
    assert any("the title names its place ('Idlib')" in x for x in lead.explanation)
    # the evidence still points into the text, never into the title
    assert all(doc.text[e.start:e.end] == e.text for ev in doc.events for e in ev.evidence)


def test_without_a_title_confidence_is_untouched(code):
    plain = code(TWO_PLACES)
    titled_elsewhere = code(TWO_PLACES, title="Fighting rages on in Syria")
    assert [e.confidence for e in plain.events] == [e.confidence for e in titled_elsewhere.events]
    assert not any("the title names" in x for e in plain.events for x in e.explanation)


def test_the_first_place_of_the_title_wins(code):
    doc = code(TWO_PLACES, title="Nine killed in Idlib, four fighters die in Hama")
    assert primary(doc).admin1 == "Idleb"
    doc = code(TWO_PLACES, title="Four fighters killed in Hama, air strikes hit Idlib")
    assert primary(doc).admin1 == "Hama"


def test_title_confirms_a_spelling_the_text_geoparser_misses(code):
    text = "The Islamic State executed at least 19 men at an oil field in Deir Ezour on Thursday, the Syrian Observatory said."
    assert primary(code(text)).admin1 is None          # the text alone: the spelling is not read
    doc = code(text, title="At least 19 executed by ISIL in Deir Ezour")
    lead = primary(doc)
    assert lead.admin1 == "Deir-ez-Zor"
    loc = [e for e in lead.evidence if e.field == "location"]
    assert loc and loc[0].text == "Deir Ezour" and doc.text[loc[0].start:loc[0].end] == "Deir Ezour"


def test_dateline_city_abroad_is_not_the_event_place(code):
    doc = code("MOSCOW (Sputnik) - Kurdish-led forces killed 12 militants near the Syrian town of Al Tabqah on Sunday, "
               "local media reported.", title="Kurdish-led forces kill 12 militants near Al Tabqah")
    assert primary(doc).country == "Syria" and primary(doc).admin1 == "Ar-Raqqa"
    doc = code("KILIS, Turkey (AP) - Rebels and government forces clashed in the village of Marea, north of Aleppo, "
               "on Friday, killing 12 fighters, activists said.")
    assert primary(doc).country == "Syria" and primary(doc).admin1 == "Aleppo"


def test_town_near_a_border_is_not_read_in_the_neighbouring_country(code):
    doc = code("A car bomb killed 22 people on the western edge of the town of Qamishli near the Turkish border on "
               "Wednesday, state TV said.")
    assert primary(doc).location and primary(doc).admin1 == "Al Hasakeh"


def test_title_places_skip_headline_words_and_country_codes():
    gaz = default_gazetteer()
    t = "Car Bomb in Syrias Aleppo Kills 23 including Militants"
    assert title_countries(t) == {"SY"}
    assert [p.text for p in title_places(t, gaz, {"SY"})] == ["Aleppo"]
    assert title_places("Thirty Killed in Syrian Strikes on Damascan Suburb Town", gaz, {"SY"}) == []
    assert [p.text for p in title_places("28 Killed in Idleb, Army Regains Towns in Hamah", gaz, {"SY"})] == \
        ["Idleb", "Hamah"]


def test_lead_by_title_ignores_events_that_did_not_occur():
    a = Event("d", (0, 1), confidence=0.9, factuality="occurred")
    b = Event("d", (2, 3), confidence=0.5, factuality="planned")
    doc = Document("d", "x" * 10)
    doc.notes_of(b).title_match = (0, -2, "Idlib")
    assert lead_by_title(doc, [a, b]) is None and b.confidence == 0.5
    c = Event("d", (4, 5), confidence=0.4, factuality="occurred")
    doc.notes_of(c).title_match = (0, -1, "Idlib")
    assert lead_by_title(doc, [a, b, c]) is c and c.confidence > a.confidence
