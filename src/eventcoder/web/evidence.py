"""A report's text cut into pieces for its page: each piece with the fields whose evidence covers it, and whether a
repair warning (damaged text, mojibake) covers it, so the page can mark the words behind each field. Offsets are
into the report's original text, as the store keeps evidence."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Piece:
    text: str
    fields: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def pieces(text: str, spans: list[tuple[int, int, str]], warnings: list[dict] = ()) -> list[Piece]:
    """`text` cut at every span's ends; `spans` are (start, end, field), `warnings` the report's warnings (those
    with `start`/`end` mark their words). Spans outside the text are clipped; empty ones ignored."""
    n = len(text)
    marks = [(max(0, min(a, n)), max(0, min(b, n)), f, "field") for a, b, f in spans]
    marks += [(max(0, min(w["start"], n)), max(0, min(w["end"], n)), w.get("kind", "warning"), "warning")
              for w in warnings if isinstance(w.get("start"), int) and isinstance(w.get("end"), int)]
    marks = [m for m in marks if m[1] > m[0]]
    cuts = sorted({0, n, *(m[0] for m in marks), *(m[1] for m in marks)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [m for m in marks if m[0] <= a and b <= m[1]]
        out.append(Piece(text[a:b], sorted({m[2] for m in covering if m[3] == "field"}),
                         sorted({m[2] for m in covering if m[3] == "warning"})))
    return out


def report_spans(record: dict, doc_id: str, events: list[dict]) -> list[tuple[int, int, str]]:
    """The words behind each field in report `doc_id`: the fused record's evidence that points into it, and the
    evidence of the report's own events fused into the record (each report's words for the place, the toll...,
    also where the fused field took another report's)."""
    given = [e for e in record.get("evidence") or [] if e.get("doc_id", record.get("doc_id")) == doc_id]
    given += [e for ev in events for e in ev.get("evidence") or []]
    return sorted({(e["start"], e["end"], e["field"]) for e in given
                   if isinstance(e.get("start"), int) and isinstance(e.get("end"), int)})
