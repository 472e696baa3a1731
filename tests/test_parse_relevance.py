"""Parse only what needs parsing: with `doc.relevance` set, spaCy reads the clean text blanked outside its `parse`
spans, and no sentence, entity or coded field comes from the blanked part; offsets stay exact. Texts written here."""
from __future__ import annotations

import pytest

from eventcoder.model import Document, Relevance
from eventcoder.pipeline import STANDARD, build_pipeline
from eventcoder.stage import ContractError, Stage, stage
from eventcoder.text import parse_spans

QUIET = "The city council met on Monday to discuss the new budget for schools in the district. "
PROTEST = "On 3 May 2023, police fired live rounds at protesters in Nairobi, killing two. "
WEATHER = "The weather was mild and sunny for most of the week, and the markets were busy.\n\n"
ATTACK = "Gunmen attacked a village near Maiduguri on Sunday, killing 12 people, the Borno state police said."
TEXT = QUIET + PROTEST + WEATHER + ATTACK
PROTEST_SPAN = (len(QUIET), len(QUIET) + len(PROTEST) - 1)
ATTACK_SPAN = (TEXT.index("Gunmen"), len(TEXT))


@stage("test-relevance", requires=("clean",), assigns=("relevance",), replace=True)
class HandMadeRelevance(Stage):
    """Set `doc.relevance` to the spans a test gives (a stand-in for the real relevance stage)."""

    def __init__(self, spans=None):
        self.spans = spans

    def __call__(self, doc):
        if self.spans is not None:
            doc.relevance = Relevance(1.0, parse=list(self.spans))
        return doc


def run(spans, text=TEXT, names=STANDARD):
    chain = [("test-relevance" if n == "relevance" else n) for n in names]     # the hand-made reading replaces it
    if "test-relevance" not in chain:
        chain = [*chain[:2], "test-relevance", *chain[2:]]
    pipe = build_pipeline(chain, options={"test-relevance": {"spans": spans}}, audit=True)
    doc = pipe(Document("d", text, published_at=None))
    assert doc.error is None
    assert all(not v for v in pipe.audit_log.values()), pipe.audit_log
    return doc


def inside(a, b, spans):
    return any(s <= a and b <= e for s, e in spans)


def test_only_the_parse_spans_are_read_and_evidence_stays_exact():
    doc = run([PROTEST_SPAN])
    assert doc.sentences and all(inside(s.start, s.end, [PROTEST_SPAN]) for s in doc.sentences)
    assert all(inside(e.start, e.end, [PROTEST_SPAN]) for e in doc.entities)
    assert all(inside(e.start_char, e.end_char, [PROTEST_SPAN]) for e in doc.nlp.ents)
    assert all(inside(p.start, p.end, [PROTEST_SPAN]) for p in doc.places)
    assert doc.events, "the protest sentence is coded"
    for ev in doc.events:
        assert inside(*ev.anchor, [PROTEST_SPAN])
        for e in ev.evidence:
            assert TEXT[e.start:e.end] == e.text and inside(e.start, e.end, [PROTEST_SPAN]), e
    coded = " ".join(e.text for ev in doc.events for e in ev.evidence)
    assert "Maiduguri" not in coded and "Gunmen" not in coded and "12" not in coded


def test_parse_spans_covering_everything_give_the_full_parse():
    full = run(None)
    covered = run([(0, len(TEXT))])
    split = run([(0, 40), (40, len(TEXT))])   # adjacent spans cover it all too
    for doc in (covered, split):
        assert doc.sentences == full.sentences and doc.entities == full.entities
        assert [ev.to_contract() for ev in doc.events] == [ev.to_contract() for ev in full.events]
    assert len(full.events) >= 2


def test_two_spans_code_both_parts_and_nothing_between():
    doc = run([PROTEST_SPAN, ATTACK_SPAN])
    spans = [PROTEST_SPAN, ATTACK_SPAN]
    assert all(inside(s.start, s.end, spans) for s in doc.sentences)
    anchors = sorted(ev.anchor[0] for ev in doc.events)
    assert any(inside(a, a + 1, [PROTEST_SPAN]) for a in anchors)
    assert any(inside(a, a + 1, [ATTACK_SPAN]) for a in anchors)
    weather = (TEXT.index(WEATHER), TEXT.index(WEATHER) + len(WEATHER))
    assert not any(weather[0] <= e.start < weather[1] for ev in doc.events for e in ev.evidence)


def test_a_sentence_that_straddles_a_boundary_is_cut_to_its_parsed_part():
    cut = TEXT.index("police")            # the parse span starts mid-sentence
    doc = run([(cut, PROTEST_SPAN[1])])
    assert doc.sentences and doc.sentences[0].start == cut
    for s in doc.sentences:
        assert cut <= s.start < s.end <= PROTEST_SPAN[1] and TEXT[s.start:s.end].strip() == TEXT[s.start:s.end]


def test_nothing_to_parse_gives_no_sentences_and_no_events():
    doc = run([])
    assert doc.sentences == [] and doc.entities == [] and doc.events == []


def test_bad_parse_spans_are_an_error_naming_the_span():
    pipe = build_pipeline(["repair", "language", "test-relevance", "parse"],
                          options={"test-relevance": {"spans": [(50, 60), (10, 20)]}})
    with pytest.raises(ValueError, match="span 1 .* starts before"):
        pipe(Document("d", TEXT))
    batch = build_pipeline(["repair", "language", "test-relevance", "parse"],
                           options={"test-relevance": {"spans": [(0, len(TEXT) + 5)]}})
    done = list(batch.run([Document("d", TEXT)]))
    assert "outside the clean text" in done[0].error


def test_relevance_is_optional_but_must_come_before_parse():
    build_pipeline(["repair", "language", "parse", "geoparse"])   # no relevance stage: everything is parsed
    with pytest.raises(ContractError, match="assigns relevance after stage 'parse'"):
        build_pipeline(["repair", "language", "parse", "test-relevance"])


def test_batch_parsing_blanks_the_same_way():
    spans = [PROTEST_SPAN]
    one = run(spans)
    pipe = build_pipeline([("test-relevance" if n == "relevance" else n) for n in STANDARD],
                          options={"test-relevance": {"spans": spans}})
    (batched,) = list(pipe.run([Document("d", TEXT)]))
    assert batched.sentences == one.sentences and batched.entities == one.entities
    assert [ev.to_contract() for ev in batched.events] == [ev.to_contract() for ev in one.events]


def test_blanking_keeps_length_and_newlines():
    text = "ab\ncd ef\n\ngh"
    assert parse_spans.blank_outside(text, [(3, 5)]) == "  \ncd   \n\n  "
    assert len(parse_spans.blank_outside(TEXT, [PROTEST_SPAN])) == len(TEXT)


def test_clip_cuts_pairs_to_spans_in_one_sweep():
    assert parse_spans.clip([(0, 10), (10, 20), (20, 30)], [(5, 12), (18, 19)]) == [(5, 10), (10, 12), (18, 19)]
    assert parse_spans.clip([(0, 30)], [(5, 12), (18, 19)]) == [(5, 12), (18, 19)]
    assert parse_spans.inside([(0, 3), (5, 7), (11, 13)], [(4, 12)]) == [False, True, False]
    assert parse_spans.covers([(0, 4), (4, 9)], 9) and not parse_spans.covers([(0, 4), (5, 9)], 9)
