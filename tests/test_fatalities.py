"""Fatalities: ACLED's conservative figure, UCDP low/best/high, parts, repeats, tolls split between events."""
import pytest

from eventcoder.extract.fatalities import CountFatalities, death_mentions, parse_fatalities
from eventcoder.model import Document, Event, Span


def fat(text):
    return parse_fatalities(text).fatalities


@pytest.mark.parametrize("text, expected", [
    ("Gunmen killed three farmers near the village.", 3),
    ("At least 5 soldiers were killed and 10 injured.", 5),
    ("An air strike killed twenty-five people on Tuesday.", 25),
    ("Russian jets hit a hospital in Idlib, killings tens of people.", 10),
    ("Dozens of fighters were killed in the clashes.", 12),
    ("Scores of militants were killed.", 20),
    ("Hundreds of people died in the siege.", 100),
    ("A civilian was shot dead at a checkpoint.", 1),
    ("Militants killed him on Sunday.", 1),
    ("The police commander was killed in the ambush.", 1),
    ("A soldier and a rebel were killed during the firefight.", 2),
    ("Five soldiers and three civilians were killed.", 8),
    ("Police said no one was killed.", 0),
    ("There were no casualties.", 0),
    ("The blast left 12 people injured.", 0),
    ("Gunmen abducted 7 travellers.", 0),
    ("A column of 150 troops killed two civilians.", 2),
    ("Two gunmen killed a man near the market.", 1),
    ("The death toll rose to 70 on Wednesday.", 70),
    ("Armed men killed between 16 and 25 people.", 16),
    ("٣ killed in Aleppo", 3),
])
def test_figures(text, expected):
    assert fat(text) == expected


def test_parts_are_not_added_to_their_total():
    r = parse_fatalities("The strike killed 12 people, including 3 children.")
    assert (r.fatalities, r.best, r.civilians) == (12, 12, 3)
    r = parse_fatalities("At least 30 people, including 24 civilians, were killed. Twelve children were among the dead.")
    assert r.best == 30


def test_vague_and_qualified_bounds():
    r = parse_fatalities("More than 20 people were killed, including 3 children.")
    assert (r.fatalities, r.low, r.best, r.high) == (20, 20, 20, None)
    r = parse_fatalities("Up to 15 people may have been killed.")
    assert r.high == 15 and r.fatalities <= 15


def test_killed_and_wounded_is_not_all_dead():
    r = parse_fatalities("10 children killed and wounded by landmines")
    assert r.fatalities == 0 and r.best == 0 and r.high == 10


def test_repeated_toll_is_counted_once_and_updates_replace():
    assert fat("Air strikes killed 22 civilians. The strikes, which killed 22 civilians, hit a market.") == 22
    assert fat("Earlier, 40 people were reported dead. The death toll later rose to 70.") == 70
    assert fat("Two soldiers were killed. Another 3 civilians were also killed.") == 5
    # an update near the start of the text is still an update (its look-back window starts at the text's start)
    assert fat("Three were killed; the toll rose to 9 by night, medics in the besieged town said on Friday "
               "evening after a long day.") == 9


def test_breakdown_of_a_total_is_not_added():
    text = ("At least 16 people were killed on Monday. Raids killed 10 civilians in one town. "
            "Meanwhile six others were killed in another district.")
    assert parse_fatalities(text).best == 16


def test_background_tolls_are_ignored():
    text = "The war has killed more than 400,000 people since 2011. On Monday 4 people died in shelling."
    assert fat(text) == 4
    assert fat("Relatives protested over the killing of a student two years ago.") == 0


def test_bad_input_never_crashes():
    assert fat("1,000,000,000 killed") == 0
    assert fat("") == 0
    assert fat("five 3 killed ٣٢ dead 31 February") >= 0


def _doc(text, anchors, sentences):
    doc = Document("d1", text)
    doc.sentences = [Span(a, b, "sentence") for a, b in sentences]
    doc.events = [Event(doc_id="d1", anchor=a, event_type="Battles", sub_event_type="Armed clash") for a in anchors]
    return doc


def _two_sentences(s1, s2):
    text = s1 + s2
    return _doc(text, [(text.index("Clashes"), text.index("Clashes") + 7),
                       (text.index("Shelling"), text.index("Shelling") + 8)],
                [(0, len(s1)), (len(s1), len(text))])


def test_stage_splits_tolls_between_events_without_double_counting():
    doc = _two_sentences("Clashes in Aleppo killed 5 fighters.", " Shelling on Homs also killed 3 civilians.")
    CountFatalities()(doc)
    assert [e.fatalities for e in doc.events] == [5, 3]
    assert sum(e.fatalities_best for e in doc.events) == 8
    ev = doc.events[0]
    assert any(x.field == "fatalities" and "5" in x.text for x in ev.evidence)


def test_stage_restated_toll_on_a_second_event_is_not_counted_again():
    doc = _two_sentences("Clashes in Aleppo killed 5 fighters.", " Shelling during the clashes killed 5 fighters.")
    CountFatalities()(doc)
    assert sum(e.fatalities_best for e in doc.events) == 5
    assert doc.events[1].fatalities == 0


def test_stage_events_at_other_places_keep_their_own_figures_when_asked():
    doc = _two_sentences("Clashes in Aleppo killed 5 fighters.", " Shelling on Homs killed 3 civilians.")
    doc.events[0].location, doc.events[1].location = "Aleppo", "Homs"
    CountFatalities(separate_places=True)(doc)
    assert [e.fatalities for e in doc.events] == [5, 3]


def test_stage_one_toll_two_events_in_one_sentence_counted_once():
    text = "Air strikes and shelling killed 9 people in the town."
    doc = _doc(text, [(0, 11), (16, 24)], [(0, len(text))])
    CountFatalities()(doc)
    assert sum(e.fatalities for e in doc.events) == 9


def test_stage_event_without_figure_gets_zero_with_reason():
    text = "Protesters gathered in the square."
    doc = _doc(text, [(0, 10)], [(0, len(text))])
    CountFatalities()(doc)
    assert doc.events[0].fatalities == 0
    assert "fatalities" in doc.events[0].inferred


def test_mentions_have_clean_spans():
    text = "Yesterday, gunmen killed 4 people."
    (m,) = death_mentions(text)
    assert "killed 4" in text[m.start:m.end]


def test_stage_warns_about_unusable_figures():
    text = "Gunmen killed 1,000,000,000 people in the town."
    doc = _doc(text, [(7, 13)], [(0, len(text))])
    CountFatalities()(doc)
    assert doc.events[0].fatalities == 0
    assert any(w.kind == "fatalities-unusable" for w in doc.warnings)
    assert parse_fatalities("Shelling killed " + "9" * 400 + " people.").fatalities == 0


# --- the modules behind the stage: each tested through its own contract ---

def test_coder_statements_override_every_other_figure():
    from eventcoder.extract.death_tolls import parse_fatalities as combine_text
    r = combine_text("Unknown fatalities coded as 3. Clashes killed 12 people.")
    assert (r.fatalities, r.best, r.high) == (3, 3, 3)
    assert combine_text("Clashes killed 12 people. There were no fatalities.").fatalities == 0


def test_fatalities_coded_to_another_event_means_none_here():
    from eventcoder.extract.unnumbered_deaths import coder_statements
    text = "Fatalities are coded to the Aleppo event."
    (m,) = coder_statements(text, 0, len(text))
    assert m.override and m.best == 0


def test_deaths_without_a_figure():
    from eventcoder.extract.unnumbered_deaths import singular_mentions
    text = "A soldier was killed at the checkpoint."
    (m,) = singular_mentions(text, 0, len(text), [])
    assert (m.best, text[m.start:m.end]) == (1, "killed")
    r = parse_fatalities("Civilians were killed in the shelling.")
    assert r.stated and r.civilians == r.best and r.fatalities >= 1


def test_death_figure_reading_flags():
    from eventcoder.extract.death_figures import death_mentions as read
    text = "The strike killed 12 people, including 3 children."
    whole, part = read(text)
    assert (whole.best, whole.part, part.best, part.part, part.civilians) == (12, False, 3, True, 3)
    (bg,) = read("The war has killed more than 400,000 people since 2011.")
    assert bg.cumulative
    (m,) = read("Shelling killed 4 soldiers; another 2 were wounded.")
    assert (m.best, m.civilians) == (4, None)


def test_headline_toll_is_the_base_figure():
    from eventcoder.extract.fatalities import title_toll
    assert title_toll("Air strikes kill 22 in Idlib") == 22
    assert title_toll("Syria talks resume in Geneva") is None
    assert title_toll(None) is None


def test_lexicon_helpers():
    from eventcoder.extract.death_lexicon import clause_bounds, count_word, names_civilians
    assert names_civilians("three children") and not names_civilians("two soldiers")
    text = "First clause. Second one; third."
    assert text[slice(*clause_bounds(text, 16, 0, len(text)))] == " Second one"
    assert (count_word("6"), count_word("six")) == (6, 6)


def test_stage_toll_split_across_events_gives_each_its_share():
    text = "Clashes killed 20 people; fatalities split across four events."
    doc = _doc(text, [(0, 7)], [(0, len(text))])
    CountFatalities()(doc)
    assert (doc.events[0].fatalities, doc.events[0].fatalities_best) == (5, 5)


def test_stage_peaceful_protest_carries_no_deaths():
    text = "Protesters marched after 3 people were killed by police last week."
    doc = _doc(text, [(0, 10)], [(0, len(text))])
    doc.events[0].event_type, doc.events[0].sub_event_type = "Protests", "Peaceful protest"
    CountFatalities()(doc)
    assert doc.events[0].fatalities == 0
    assert doc.events[0].inferred["fatalities"] == "peaceful protest"


def test_stage_updated_toll_stays_on_the_first_event():
    doc = _two_sentences("Clashes in Aleppo killed 40 people.", " Shelling went on; the death toll rose to 70.")
    CountFatalities()(doc)
    assert [e.fatalities for e in doc.events] == [70, 0]


def test_an_exact_figure_says_what_a_vague_one_meant():
    r = parse_fatalities("Dozens of civilians were killed in the raids on Monday. Rescuers said at least 41 "
                         "civilians were killed, most of them women.")
    assert r.fatalities == 41
    r = parse_fatalities("At least 41 civilians were killed in the raids on Monday. Dozens were killed, a doctor "
                         "said.")
    assert r.fatalities == 12       # a vague restatement after an exact figure only lowers it
