"""DetectEvents: which sentences report an event, and of what ACLED type (minimal bootstrap version)."""
from __future__ import annotations

import re

from ..model import Document, Event
from ..pipeline import Stage

_BOOT = [
    ("Protests", "Peaceful protest", "Demonstrations", r"\b(protest\w*|demonstrat\w*|rall(y|ied))\b"),
    ("Explosions/Remote violence", "Air/drone strike", "Political violence", r"\b(air ?strikes?|drones?|warplanes?)\b"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence", r"\b(shell\w*|artillery|mortars?|rockets?|missiles?)\b"),
    ("Battles", "Armed clash", "Political violence", r"\b(clash\w*|fought|fighting)\b"),
    ("Violence against civilians", "Attack", "Political violence", r"\b(killed|shot|attacked)\b"),
]


class DetectEvents(Stage):
    """Fills `doc.events` with one `Event` per reported incident (bootstrap: keyword rules)."""
    name = "events"
    requires = ("clean", "nlp", "sentences")
    assigns = ("events",)

    def __init__(self, model=None):
        self.model = model

    def __call__(self, doc: Document) -> Document:
        doc.events = []
        for et, st, dt, pat in _BOOT:
            m = re.search(pat, doc.clean, re.I)
            if m:
                ev = Event(doc_id=doc.id, anchor=(m.start(), m.end()), event_type=et, sub_event_type=st,
                           disorder_type=dt, confidence=0.5)
                ev.add_evidence(doc.evidence("event_type", m.start(), m.end()))
                ev.add_evidence(doc.evidence("sub_event_type", m.start(), m.end()))
                ev.explanation.append(f"bootstrap keyword {m.group(0)!r} -> {st}")
                doc.events.append(ev)
                break
        return doc
