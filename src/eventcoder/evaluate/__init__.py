"""Self-evaluation: score eventcoder's output against human-coded gold, field by field and class by class.

`evaluate(gold, predictions)` reads both (see `load`), picks the scorer for the kind of gold (see `tasks`) and
returns an `Evaluation`; `format_evaluation` renders it for people. A user with ACLED access codes the `notes` of an
ACLED export (`eventcoder extract export.csv -o pred.jsonl`) and runs `eventcoder evaluate export.csv pred.jsonl` to
see how far to trust eventcoder on their own region before using it.
"""
from __future__ import annotations

from pathlib import Path

from .load import EvaluateError, load_gold, load_predictions
from .tasks import SCORERS, Evaluation, evidence_exact

__all__ = ["evaluate", "format_evaluation", "Evaluation", "EvaluateError"]


def evaluate(gold_path: str | Path, pred_path: str | Path, kind: str | None = None) -> Evaluation:
    """Score the predictions at `pred_path` against the gold at `gold_path`."""
    gold = load_gold(gold_path, kind)
    notes: list[str] = []
    preds = load_predictions(pred_path, notes)
    gold_ids = {str(g.get("doc_id")) for g in gold.records}
    pred_ids = {str(p.get("doc_id")) for p in preds}
    if preds and not gold_ids & pred_ids:
        raise EvaluateError(f"no prediction has a doc_id found in the gold ({len(pred_ids)} predicted documents, "
                            f"{len(gold_ids)} gold); code the same documents the gold describes")
    stray = len(pred_ids - gold_ids)
    if stray:
        notes.append(f"{stray} predicted document(s) are not in the gold" +
                     ("; their events count against precision" if gold.kind in ("ucdp", "toponyms") else
                      "; ignored"))
    result = SCORERS[gold.kind](gold.records, preds)
    if gold.kind != "toponyms":
        ex = evidence_exact(preds, gold.texts)
        if ex is not None:
            result.metrics["evidence_exact"] = ex
    result.notes = notes + result.notes
    return result


def format_evaluation(ev: Evaluation, per_class: bool = True) -> list[str]:
    """The evaluation as lines of text: headline, every metric, then per-class precision/recall tables."""
    def fmt(v):
        return f"{v:.3f}" if isinstance(v, float) else ("-" if v is None else str(v))
    out = [f"# {ev.kind} gold: " + ", ".join(f"{k} {fmt(ev.metrics.get(k))}" for k in ev.headline)]
    for note in ev.notes:
        out.append(f"# note: {note}")
    for k, v in ev.metrics.items():
        out.append(f"{k:36s} {fmt(v)}")
    if per_class:
        for name, rows in ev.classes.items():
            if not rows:
                continue
            out.append("")
            out.append(f"{name:44s} {'prec':>6s} {'recall':>6s} {'f1':>6s} {'gold':>6s} {'pred':>6s}")
            for c in sorted(rows, key=lambda c: (-c.support, c.label)):
                out.append(f"  {c.label[:42]:42s} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} "
                           f"{c.support:6d} {c.predicted:6d}")
    return out
