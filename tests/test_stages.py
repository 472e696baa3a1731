"""Stages as a registry: contracts checked against the real attributes, pipelines built by name, and an audit that
catches a stage reading what it does not declare."""
from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.model import Document, Event
from eventcoder.pipeline import STANDARD, build_pipeline, default_pipeline, stage_table
from eventcoder.stage import ContractError, Stage, register, registered, spec_of, stage


def test_the_standard_stages_are_registered_with_their_contracts():
    names = [row[0] for row in stage_table()]
    assert names[:len(STANDARD)] == list(STANDARD)
    assert spec_of("events").requires and "events" in spec_of("events").assigns
    assert set(registered()) >= set(STANDARD)


def test_a_contract_name_must_be_a_real_attribute():
    with pytest.raises(ContractError, match="'placez' is not a Document attribute"):
        @stage("test-typo", requires=("placez",))
        class Typo(Stage):
            pass
    with pytest.raises(ContractError, match="Event has no field or field group 'contry'"):
        register("test-typo2", Stage, requires=("events.contry",))
    with pytest.raises(ContractError, match="EventNotes has no field"):
        register("test-typo3", Stage, requires=("notes.hint",))
    assert "test-typo" not in registered()


def test_a_taken_name_needs_replace():
    with pytest.raises(ContractError, match="already registered"):
        @stage("events", requires=("clean",), assigns=("events",))
        class MyEvents(Stage):
            pass


@pytest.mark.parametrize("names, error", [
    (["repair", "nope"], "no stage named 'nope'; registered: .*actors"),     # an unknown name lists the known ones
    (["repair", "events"], "stage 'events' requires .*nlp"),                # the chain is checked by name
])
def test_a_pipeline_by_name_is_checked(names, error):
    with pytest.raises(ContractError, match=error):
        build_pipeline(names)


def test_a_user_stage_joins_the_pipeline_by_name():
    @stage("test-shout", requires=("clean",), assigns=("warnings",), replace=True)
    class Shout(Stage):
        """Warn about texts written in capitals."""

        def __call__(self, doc):
            if doc.clean.isupper():
                doc.warn("all-caps", "the text is written in capitals")
            return doc
    pipe = build_pipeline(["repair", "test-shout"])
    doc = pipe(Document("d", "TROOPS SHELLED THE TOWN"))
    assert [w.kind for w in doc.warnings] == ["all-caps"]
    assert spec_of("test-shout").summary == "Warn about texts written in capitals."


def test_the_audit_catches_an_undeclared_read():
    @stage("test-sneaky", requires=("clean",), assigns=("warnings",), replace=True)
    class Sneaky(Stage):
        def __call__(self, doc):
            if doc.places or any(e.country for e in doc.events):   # reads places and events.country undeclared
                pass
            return doc
    pipe = build_pipeline(["repair", "test-sneaky"], audit=True)
    doc = Document("d", "text")
    doc.events.append(Event("d", (0, 4)))
    pipe(doc)
    assert pipe.audit_log["test-sneaky"] == {"places", "events", "events.country"}
    assert type(doc) is Document and type(doc.events[0]) is Event      # the recording classes are gone again


TEXTS = [   # written for this test: split places, clauses, a title, a protest, a dated note with an admin list
    ("Warplanes bombed Kafr Nabl and shells targeted Homs city, killing 3 civilians, while clashes broke out "
     "north of the city between regime forces and rebels.", "Strikes hit Kafr Nabl", dt.date(2016, 5, 2)),
    ("On 3 May 2022, police fired tear gas at students protesting fuel prices in Nairobi (Nairobi, Kenya). "
     "Two people were injured.", None, None),
    ("Gunmen attacked a village near Maiduguri on Sunday, killing 12 people, the Borno state police said.",
     "12 killed in Borno attack", dt.date(2021, 3, 9)),
]


def test_the_standard_pipeline_reads_only_what_its_stages_declare():
    pipe = default_pipeline(audit=True)
    docs = [Document(f"t{i}", text, title=title, published_at=day) for i, (text, title, day) in enumerate(TEXTS)]
    done = list(pipe.run(docs))
    assert all(d.error is None for d in done) and sum(len(d.events) for d in done) >= 3
    assert pipe.audit_log == {name: set() for name in STANDARD}


def test_info_lists_the_stages_with_their_contracts():
    import json
    from click.testing import CliRunner
    from eventcoder.cli import cli
    res = CliRunner().invoke(cli, ["info", "--json"])
    assert res.exit_code == 0, res.output
    info = json.loads(res.output)
    stages = {s["name"]: s for s in info["pipeline"]}
    assert [s["name"] for s in info["pipeline"] if s["standard"]] == list(STANDARD)
    assert stages["locate"]["requires"] == list(spec_of("locate").requires)
    assert "events.location" in stages["locate"]["assigns"]
    assert info["spacy"]["model"].startswith("en_core_web_sm")
    assert "path" in info["gazetteer"] and info["languages"] == ["en"]
    text = CliRunner().invoke(cli, ["info"]).output
    assert "finalize" in text and "requires -> assigns" in text
