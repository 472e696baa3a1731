"""Dates: explicit, relative to the publication date, ranges, precision codes, and unknown dates."""
import datetime as dt

import pytest

from eventcoder.extract.dates import DateEvents, resolve_date
from eventcoder.extract.temporal import find_dates
from eventcoder.model import Document, Event, Span

PUB = dt.date(2016, 4, 30)          # a Saturday


def day(text, pub=PUB, anchor=(0, 1)):
    r = resolve_date(text, pub, anchor)
    return r.event_date.isoformat() if r.event_date else None


@pytest.mark.parametrize("text, expected", [
    ("On 23 February 2016, gunmen attacked a village.", "2016-02-23"),
    ("Gunmen attacked a village on February 23, 2016.", "2016-02-23"),
    ("On 23 February 2022, gunmen attacked a village.", "2016-04-30"),      # after publication: not used
    ("Sun Apr 16 2016 Gunmen attacked a village.", "2016-04-16"),
    ("30.04.2016 Shelling hit the town.", "2016-04-30"),
    ("2016-04-12: shelling hit the town.", "2016-04-12"),
    ("Gunmen attacked a village on 12 April.", "2016-04-12"),
    ("Gunmen attacked the village yesterday.", "2016-04-29"),
    ("Gunmen attacked the village the day before yesterday.", "2016-04-28"),
    ("Gunmen attacked the village on Monday.", "2016-04-25"),
    ("Gunmen attacked the village on Saturday.", "2016-04-30"),
    ("Gunmen attacked the village last Saturday.", "2016-04-23"),
    ("Gunmen attacked the village two days ago.", "2016-04-28"),
    ("Gunmen attacked the village last night.", "2016-04-29"),
    ("Gunmen attacked the village today.", "2016-04-30"),
    ("Gunmen attacked the village on the 15th.", "2016-04-15"),
    ("Shelling in the past 24 hours killed 3.", "2016-04-30"),
])
def test_event_day(text, expected):
    assert day(text) == expected


def test_year_less_date_in_january_report_is_last_year():
    assert day("Gunmen attacked the village on 28 December.", dt.date(2017, 1, 3)) == "2016-12-28"


def test_event_day_beats_reporting_day():
    text = "Gunmen killed five people on Monday, police said on Tuesday."
    assert day(text, anchor=(7, 13)) == "2016-04-25"


def test_last_week_is_a_week_with_middle_day():
    r = resolve_date("Air strikes hit the town last week.", PUB)
    assert (r.date_start, r.date_end) == (dt.date(2016, 4, 18), dt.date(2016, 4, 24))
    assert r.time_precision == 2 and r.date_prec == 3
    assert r.date_start <= r.event_date <= r.date_end


def test_overnight_spans_two_days():
    r = resolve_date("Shelling overnight killed 3.", PUB)
    assert r.date_start == dt.date(2016, 4, 29) and r.date_end == PUB


def test_ranges_and_month_precision():
    r = resolve_date("Clashes between 17 and 22 January 2016 killed 3.", PUB)
    assert (r.date_start, r.date_end, r.time_precision) == (dt.date(2016, 1, 17), dt.date(2016, 1, 22), 2)
    assert r.date_start < r.event_date < r.date_end
    r = resolve_date("Clashes in March 2016 killed 3.", None)
    assert (r.date_start, r.date_end, r.time_precision, r.date_prec) == (dt.date(2016, 3, 1), dt.date(2016, 3, 31), 3, 4)


def test_acled_note_conventions():
    r = resolve_date("Around 9 February 2022 (between 9 February - 11 February), residents fled.", None)
    assert r.event_date == dt.date(2022, 2, 9) and r.time_precision == 2
    assert (r.date_start, r.date_end) == (dt.date(2022, 2, 9), dt.date(2022, 2, 11))
    r = resolve_date("Around 15 May 2022 (month of), a man was shot.", None)
    assert r.time_precision == 3


def test_publication_date_when_text_has_none():
    r = resolve_date("Gunmen attacked a village.", PUB)
    assert r.event_date == PUB and r.reason == "publication date"


def test_no_date_at_all_is_unknown_never_today():
    text = ("Officials discussed a lack of manpower in July 2015. Since 2013, militias fought alongside the army. "
            "Air strikes recently hit a hospital.")
    r = resolve_date(text, None, anchor=(text.index("Air"), text.index("Air") + 3))
    assert r.event_date is None
    assert r.date_start == dt.date(2015, 7, 1)
    assert r.warning
    assert dt.date.today() not in (r.date_start, r.date_end)


def test_relative_words_without_publication_date_are_unresolved():
    r = resolve_date("Gunmen attacked the village yesterday.", None)
    assert r.event_date is None and "yesterday" in r.warning


def test_background_years_are_not_event_dates():
    text = "The rebels, fighting since 2013, shelled the town on Tuesday."
    assert day(text) == "2016-04-26"


@pytest.mark.parametrize("text", ["31 February 2016", "٣١ February ٢٠١٦", "5 June 2099", "0.0.2016", "Feb 30"])
def test_bad_dates_are_flagged_not_raised(text):
    for e in find_dates(text, PUB):
        assert e.day is None or e.flag
    assert day(f"Gunmen attacked on {text}.") in (None, PUB.isoformat())


def test_arabic_indic_digits():
    assert day("On ٢٣ February ٢٠١٦ gunmen attacked.") == "2016-02-23"


def dated(doc_id, text, anchor, published_at=PUB):
    """A one-sentence document with one event anchored at `anchor`, after DateEvents."""
    doc = Document(doc_id, text, published_at=published_at)
    doc.sentences = [Span(0, len(text), "sentence")]
    doc.events = [Event(doc_id=doc_id, anchor=anchor)]
    return DateEvents()(doc)


def test_stage_fills_fields_evidence_and_warning():
    ev = dated("d1", "Gunmen attacked the village yesterday.", (7, 15)).events[0]
    assert (ev.event_date, ev.time_precision, ev.date_prec) == ("2016-04-29", 1, 1)
    assert any(e.field == "event_date" and e.text == "yesterday" for e in ev.evidence)

    doc = dated("d2", "Gunmen attacked the village.", (7, 15), published_at=None)
    assert doc.events[0].event_date is None
    assert any(w.kind == "date-unknown" for w in doc.warnings)


def test_stage_warns_on_invalid_date():
    doc = dated("d3", "On 31 February 2016 gunmen attacked the village.", (20, 26))
    assert any(w.kind == "date-invalid" for w in doc.warnings)
    assert doc.events[0].event_date == PUB.isoformat()


ARTICLE = (
    "BEIRUT, Thursday 14 April 2016. Syrian government warplanes struck a market in the rebel-held town of "
    "Maarat al-Numan on Tuesday, killing at least 12 people, a monitoring group said on Wednesday. "
    "The town has been bombed repeatedly since 2013. "
    "Separately, rebels shelled a government-held district of Aleppo overnight, state media said. "
    "A car bomb exploded near a checkpoint in Azaz last week. "
    "The group said it would hold talks next Monday."
)


def _article_doc(pub):
    doc = Document("art", ARTICLE, published_at=pub)
    starts = [0] + [i + 2 for i in range(len(ARTICLE)) if ARTICLE.startswith(". ", i)]
    ends = starts[1:] + [len(ARTICLE)]
    doc.sentences = [Span(a, b, "sentence") for a, b in zip(starts, ends)]
    for word in ("struck", "shelled", "car bomb"):
        i = ARTICLE.index(word)
        doc.events.append(Event(doc_id="art", anchor=(i, i + len(word))))
    return doc


def test_relative_dates_in_a_full_article():
    doc = DateEvents()(_article_doc(dt.date(2016, 4, 14)))
    strike, shelling, bomb = doc.events
    assert strike.event_date == "2016-04-12"                       # "on Tuesday", not the day it was said
    assert shelling.event_date == "2016-04-13" and shelling.date_end == "2016-04-14"   # overnight
    assert (bomb.date_start, bomb.date_end, bomb.time_precision) == ("2016-04-04", "2016-04-10", 2)


def test_article_publication_date_as_string_is_read():
    doc = DateEvents()(_article_doc("2016-04-14"))
    assert doc.events[0].event_date == "2016-04-12"


def test_article_without_publication_date_reads_relative_dates_against_its_dateline():
    doc = DateEvents()(_article_doc(None))
    assert doc.events[0].event_date == "2016-04-12"
    assert any(w.kind == "date-from-article" for w in doc.warnings)


def test_the_article_states_its_own_date_in_many_ways():
    from eventcoder.extract.article_date import article_date
    cases = {
        "Published: February 19, 2017 Gunmen attacked a market on Sunday.": ("2017-02-19", "after 'Published'"),
        "Last updated at Jul 282016 QAMISHLI A bomb killed 44 on Wednesday.": ("2016-07-28", "run together"),
        "Rebels seize three villages in the north Monitor AFP Thursday 14 Jul 2016 Rebels seized...":
            ("2016-07-14", "in the byline of AFP"),
        "Posted 2024-05-12T17:42Z by the desk. Police fired on a crowd.": ("2024-05-12", "ISO timestamp"),
        "12/05/2024 Protesters marched in the capital.": ("2024-05-12", "at the head"),
        "Clashes go on in the east of the country for a second week as the army pushes towards the border "
        "towns, Sunday, 15 Sep 2024, a monitor said.": ("2024-09-15", "weekday"),
    }
    for text, (day, how) in cases.items():
        got = article_date(text)
        assert got is not None and got.day.isoformat() == day and how in got.how, text
        assert text[got.span[0]:got.span[1]].strip()
    assert article_date("The council met on Tuesday to discuss the budget for 2025.") is None


def test_relative_days_are_read_against_the_articles_own_date_with_its_words_as_evidence():
    doc = Document("d", "Air strikes kill 12 in rebel-held areas of Aleppo Monitor AFP Thursday 14 Jul 2016 "
                        "Air strikes killed 12 civilians in Aleppo on Tuesday, a monitor said.")
    doc.sentences = [Span(0, 85, "SENT"), Span(85, len(doc.text), "SENT")]
    ev = Event("d", (89, 96), sub_event_type="Air/drone strike")
    doc.events = [ev]
    DateEvents()(doc)
    assert ev.event_date == "2016-07-12"
    [w] = [w for w in doc.warnings if w.kind == "date-from-article"]
    assert "'Thursday 14 Jul 2016' (in the byline of AFP)" in w.message


def test_a_lead_without_its_day_takes_the_day_the_next_sentence_gives_not_the_date_line():
    text = ("Raids kill 12 in Aleppo Monitor AFP Thursday 14 Jul 2016 Air strikes killed 12 civilians in Aleppo, a "
            "monitor said. The raids hit a market in the east of the city on Tuesday, it said on Wednesday.")
    doc = Document("d", text)
    cut = text.index(" The raids")
    doc.sentences = [Span(0, cut + 1, "SENT"), Span(cut + 1, len(text), "SENT")]
    ev = Event("d", (text.index("Air strikes"), text.index("Air strikes") + 11), sub_event_type="Air/drone strike")
    doc.events = [ev]
    DateEvents()(doc)
    assert ev.event_date == "2016-07-12" and ev.inferred["event_date"] == "the day the next sentences give the story"
    note = Document("n", "On 5 May 2022, rioters burned a car in Lagos. On 7 May 2022, police arrested two of them.")
    note.sentences = [Span(0, 45, "SENT"), Span(46, len(note.text), "SENT")]
    riot = Event("n", (18, 24), sub_event_type="Violent demonstration")
    note.events = [riot]
    DateEvents()(note)
    assert riot.event_date == "2022-05-05"                     # a note's opening date is the event's own


def test_the_day_a_monitor_spoke_gives_way_to_the_day_the_next_sentence_says_it_happened():
    text = ("AFP Friday 22 Jul 2016 Nearly 40 soldiers were killed when rebels blew up a tunnel in Aleppo city, a "
            "monitor said Friday. The Observatory said 38 were killed in the blast on Thursday.")
    doc = Document("d", text)
    cut = text.index(" The Observatory")
    doc.sentences = [Span(0, cut + 1, "SENT"), Span(cut + 1, len(text), "SENT")]
    ev = Event("d", (text.index("killed"), text.index("killed") + 6), sub_event_type="Remote explosive/landmine/IED")
    doc.events = [ev]
    DateEvents()(doc)
    assert ev.event_date == "2016-07-21"
    # without a day in the next sentences, the day it was said stands (the nearest the report gives)
    alone = Document("a", "AFP Friday 22 Jul 2016 Rebels blew up a tunnel in Aleppo, a monitor said Friday.")
    alone.sentences = [Span(0, len(alone.text), "SENT")]
    alone.events = [Event("a", (alone.text.index("blew"), alone.text.index("blew") + 4))]
    DateEvents()(alone)
    assert alone.events[0].event_date == "2016-07-22"


def test_an_article_dated_a_week_after_its_events_keeps_the_events_own_day():
    text = "Published: Monday, 20 May 2024 Gunmen killed five villagers in Gwoza on 12 May, residents said."
    doc = Document("d", text)
    doc.sentences = [Span(0, len(text), "SENT")]
    doc.events = [Event("d", (text.index("killed"), text.index("killed") + 6))]
    DateEvents()(doc)
    assert doc.events[0].event_date == "2024-05-12"
    assert any(w.kind == "date-from-article" for w in doc.warnings)
