"""Coding conventions that changed over time (taxonomy.json `period_conventions`): an event dated before a
convention's `before` date, of its `sub_event_type`, whose type evidence holds its `evidence_word`, takes the
sub-event type `becomes` (ACLED's coding of that period).

Contract: `apply_period_conventions(doc, ev, when)` changes `ev` in place (type, event type, disorder type) and
says why in its explanation; an event with no date (`when` None) keeps today's convention.  Returns whether it did.
"""
from __future__ import annotations

import datetime as dt
import re

from ..model import Document, Event
from .new_event import retype
from .taxonomy import taxonomy


def apply_period_conventions(doc: Document, ev: Event, when: dt.date | None) -> bool:
    """Recode `ev` by the convention of its period (see the module doc)."""
    if when is None:
        return False
    for c in taxonomy().data.get("period_conventions", []):
        if ev.sub_event_type != c["sub_event_type"] or when >= dt.date.fromisoformat(c["before"]):
            continue
        word = re.compile(rf"\b{re.escape(c['evidence_word'])}", re.I)
        if not any(e.field == "sub_event_type" and word.search(e.text) for e in ev.evidence):
            continue
        retype(ev, c["becomes"])
        ev.explanation.append(f"{ev.event_type} / {ev.sub_event_type}: dated {when.isoformat()}, "
                              f"before {c['before']}: {c['why']}")
        return True
    return False
