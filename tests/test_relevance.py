"""The relevance reading before the parse: events in their conflict sense, on texts we wrote."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eventcoder.cli import cli
from eventcoder.extract.lexicon import load_lexicon
from eventcoder.extract.registry import Registry
from eventcoder.extract.incidents import MAX_WINDOW
from eventcoder.extract.relevance import read_relevance, sentence_spans
from eventcoder.model import Document
from eventcoder.pipeline import default_pipeline

FILLER = ("The council will meet again next month to discuss the budget. Residents can comment online. "
          "The library extends its hours in the summer. A new bus line opens in the autumn. ")


@pytest.fixture(scope="module")
def read():
    lexicon, registry = load_lexicon(None), Registry.shipped()
    return lambda text: read_relevance(text, lexicon, registry)


@pytest.mark.parametrize("text", [
    FILLER + "The Panthers attacked from the first whistle and beat the Tigers 3-1; the two teams clash again next "
             "season in the league.",
    FILLER + "The virus has infected 171 people and killed 93 since the outbreak began, health officials said.",
    FILLER + "A 19-year-old was killed in a fiery one-car crash early Thursday, police said.",
    FILLER + "Kroger is recalling shelled pistachios sold in 10-ounce containers.",
    FILLER + "Firefighters battled the blaze for three hours before the flames were out.",
    FILLER + "He died after a long battle with cancer, his family said.",
])
def test_ordinary_news_is_not_relevant(read, text):
    assert read(text).score == 0


@pytest.mark.parametrize("text", [
    FILLER + "Soldiers opened fire on protesters in the capital on Saturday, killing three of them.",
    FILLER + "Militants ambushed an army convoy near the border, killing four soldiers.",
    FILLER + "About 300 cattle raiders stormed the village at dawn and killed eleven villagers.",
    FILLER + "Police fired tear gas and rubber bullets to disperse students who had blocked the main road.",
])
def test_an_event_in_passing_is_found_in_a_long_article(read, text):
    rel = read(text)
    assert rel.score >= 2
    last = sentence_spans(text)[-1]
    scored = [(a, b) for a, b, s in rel.sentences if s > 0]
    assert scored == [last]                                    # only the sentence that reports it
    assert any(a <= last[0] and last[1] <= b for a, b in rel.parse)
    assert not any(a <= 0 < b and b >= last[0] for a, b in rel.parse) or len(rel.parse) > 1  # not the whole text


def test_a_brief_reports_its_lead_as_it_is(read):
    assert read("On 3 May 2022, a man was killed by unknown people in Kisumu.").score >= 2
    note = "Property destruction: On 5 April 2022, presumed militants sabotaged a telecommunications antenna."
    assert read(note).score >= 2                               # the note's own tag decides


def test_a_named_armed_group_from_the_registry_gives_the_conflict_sense(read):
    text = FILLER + "On Tuesday JNIM abducted two teachers in Djibo."
    assert read(text.replace("JNIM", "someone")).score < 2      # no sign of its conflict sense: weak
    assert read(text).score >= 2


def test_sentences_are_cut_linearly_on_a_line_without_punctuation():
    text = "word " * 40_000
    spans = sentence_spans(text)
    assert all(b - a <= MAX_WINDOW for a, b in spans) and spans[-1][1] >= len(text.rstrip()) - 1
    assert len(spans) < 2 * len(text) / MAX_WINDOW + 2


def test_an_irrelevant_report_is_skipped_with_its_score_and_kept_on_request():
    text = FILLER + "Firefighters battled the blaze for three hours."
    doc = default_pipeline()(Document("d", text))
    assert doc.skipped == "not relevant" and doc.events == []
    warning = next(w for w in doc.warnings if w.kind == "not-relevant")
    assert "relevance 0 < threshold 2" in warning.message
    kept = default_pipeline(keep_irrelevant=True)(Document("d", text))
    assert kept.skipped is None and kept.relevance.score == 0 and kept.events == []


def test_the_cli_counts_irrelevant_reports_and_takes_a_threshold(tmp_path):
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "a", "text": FILLER + "Firefighters battled the blaze."}) + "\n" +
                    json.dumps({"id": "b", "text": "On 3 May 2023, police fired tear gas at protesters in Nairobi."})
                    + "\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["extract", str(docs), "-q"])
    assert res.exit_code == 0
    assert [json.loads(x)["doc_id"] for x in res.stdout.splitlines() if x.startswith("{")] == ["b"]
    assert "skipped 1: not relevant" in res.stderr
    res = CliRunner().invoke(cli, ["extract", str(docs), "-q", "--relevance-threshold", "99"])
    assert "skipped 2: not relevant" in res.stderr


def test_history_is_not_news(read):
    text = ("In 2019 the town voted to rebuild the old bridge. Work began in March 2021 and ended in 2021. "
            "Ten years ago, militants attacked the town and killed 14 villagers. In 2003 troops shelled the hills.")
    rel = read(text)
    assert rel.score == 0
    assert any("history (years ago)" in r for r in rel.reasons)
    assert any("history (2003, the report reaches 2021)" in r for r in rel.reasons)
    assert read(text + " On Sunday militants attacked the town again, killing three soldiers.").score >= 2


def test_the_police_shooting_an_armed_suspect_is_a_criminal_incident(read):
    crime = FILLER + "An officer shot the man after he pulled a handgun from his waistband."
    assert read(crime).score < 2
    force = FILLER + "Police shot dead a student during the march on Friday."
    assert read(force).score >= 2


def test_the_trigger_said_again_is_no_sign_of_its_own(read):
    text = FILLER + "Kroger is recalling shelled pistachios sold as Private Selection Shelled Pistachios in 10-ounce bags."
    assert read(text).score == 0


@pytest.mark.parametrize("text", [
    "Shares plunged after the attack on the company's servers, analysts said.",
    "He suffered a heart attack at home and died on Sunday.",
    "The new film depicts soldiers shelling a village and the grief that follows.",
    "Seventy years ago today, bombers struck the port and killed hundreds.",
    "The striker scored twice and the team beat the champions 3-1 in a bruising battle.",
])
def test_bad_input_of_other_kinds_gives_no_event(read, text):
    assert read(FILLER + text).score < 2
