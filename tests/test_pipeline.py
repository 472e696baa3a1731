import pytest

from eventcoder.model import Document, Event, event_id
from eventcoder.pipeline import Pipeline, PipelineError
from eventcoder.stage import Stage
from eventcoder.extract.finalize import Finalize


class Needs(Stage):
    name = "needs"
    requires = ("places",)
    assigns = ("events",)

    def __call__(self, doc):
        return doc


class Boom(Stage):
    name = "boom"

    def __call__(self, doc):
        if "boom" in doc.text:
            raise ValueError("cannot code this")
        doc.events.append(Event(doc.id, (0, 3)))
        return doc


def test_pipeline_checks_the_chain_when_built():
    with pytest.raises(PipelineError, match="requires places"):
        Pipeline([Needs()])


def test_a_failing_document_does_not_stop_the_batch():
    docs = list(Pipeline([Boom()]).run([Document("a", "fine"), Document("b", "boom"), Document("c", "fine")]))
    assert [d.error is None for d in docs] == [True, False, True]
    assert "ValueError: cannot code this" in docs[1].error
    assert len(docs[2].events) == 1


class Slow(Stage):
    name = "slow"

    def __call__(self, doc):
        sum(range(200_000))            # real work, so the stage's clock moves
        return doc


def test_run_summary_reports_each_stages_share_of_the_time():
    from eventcoder.runner import run_batch
    pipeline = Pipeline([Boom(), Slow()])
    seen = []
    summary = run_batch([Document("a", "fine"), Document("b", "boom")], pipeline, seen.append)
    names = [name for name, _, _ in summary.stage_time]
    assert names == ["boom", "slow"]                       # pipeline order
    assert abs(sum(share for _, _, share in summary.stage_time) - 1) < 1e-9
    assert summary.stage_time[1][2] > summary.stage_time[0][2]
    assert any(line.startswith("  time by stage: boom ") for line in summary.lines())
    assert len(seen) == 1 and len(summary.failed) == 1      # the failing document is counted, not sunk


def test_event_ids_are_stable_and_planned_events_are_dropped_with_a_warning():
    doc = Document("d1", "Troops shelled the town. They plan to attack tomorrow.")
    doc.events = [Event("d1", (0, 22), sub_event_type="Shelling/artillery/missile attack"),
                  Event("d1", (24, 52), factuality="planned")]
    Finalize()(doc)
    assert len(doc.events) == 1
    assert doc.events[0].id == event_id("d1", 0, 22, "Shelling/artillery/missile attack")
    assert any(w.kind == "not-occurred" for w in doc.warnings)


def test_interaction_puts_the_smaller_code_first():
    assert Event("d", (0, 1), inter1=7, inter2=1).interaction == 17
    assert Event("d", (0, 1), inter1=6, inter2=0).interaction == 60
    assert Event("d", (0, 1), inter1=2, inter2=2).interaction == 22
