"""Finalize: stable ids, and the factuality filter (only events that happened are coded unless asked otherwise)."""
from __future__ import annotations

from ..model import Document, event_id
from ..stage import Stage, stage


@stage("finalize", requires=("clean", "title", "events", "notes.title_match"), assigns=("events.id",))
class Finalize(Stage):
    """Give every event its stable id, keep one event per id, and drop (or keep, flagged) events that did not
    occur: planned, threatened, denied or hypothetical ones.  When the report has a title, the kept event whose
    place the title names gets the highest confidence: it is the event the report is about."""

    def __init__(self, keep_all: bool = False):
        self.keep_all = keep_all

    def __call__(self, doc: Document) -> Document:
        kept, seen = [], set()
        for ev in sorted(doc.events, key=lambda e: e.anchor):
            if ev.factuality != "occurred" and not self.keep_all:
                continue
            a, b = doc.to_original(*ev.anchor)
            ev.id = event_id(doc.id, a, b, ev.sub_event_type)
            if ev.id in seen:
                continue
            seen.add(ev.id)
            ev.confidence = min(1.0, max(0.0, float(ev.confidence)))
            kept.append(ev)
        dropped = len(doc.events) - len(kept)
        if dropped and not self.keep_all:
            others = sorted({e.factuality for e in doc.events if e.factuality != "occurred"})
            if others:
                doc.warn("not-occurred", f"{dropped} reported event(s) not coded because they are "
                                         f"{'/'.join(others)}; use --keep-all to see them")
        if doc.title:   # the event whose place the title names leads the report (geo/title.py)
            from ..geo.title import lead_by_title
            lead_by_title(doc, kept)
        doc.events = kept
        return doc
