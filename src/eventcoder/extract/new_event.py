"""One way to make an `Event` from a rule `Decision`: the lead event of an incident, a place split off, a clause.

Contract:
- `new_event(doc, d, anchor, factuality, confidence, ...)` returns an Event with the sub-event, event and disorder
  type of `d.label` (taxonomy.json), the factuality and confidence given, evidence for sub_event_type (every cue)
  and event_type (every cue but `mod:*` modifiers) from `d.evidence`, `inferred["disorder_type"]`, and a first
  explanation line "<event type> / <sub-event type>: <reasons>".  `once_per_span` (default True) takes only the
  first cue of each span; `inferred_why`, when `d` has no evidence, says why the types are inferred.
- `civilian_hint(ev, text)`: whether the event's sub-event type (taxonomy.json `civilian_victims`: "always", or
  "when named" and `text` names civilians) makes civilians its victims.
- `confidence_of(score, rank)`: the confidence of a decision of `score` for the `rank`-th incident of a report.
- `retype(ev, sub)`: gives an existing event the sub-event type `sub`, with its event and disorder type
  (taxonomy.json) and `inferred["disorder_type"]`; the caller adds the evidence and explanation of the change.
"""
from __future__ import annotations

import re

from ..model import Document, Event
from .rules import Decision
from .taxonomy import taxonomy

_CIVILIAN_RE = re.compile(r"\b(civilians?|villagers?|residents?|farmers?|women|children|child|worshippers?|"
                          r"passengers?|students?|teachers?|journalists?|displaced|hospital|school|market|"
                          r"homes?|houses?|residential)\b", re.I)


def civilian_hint(ev: Event, sentence: str) -> bool:
    """Whether the event's type or wording makes civilians its victims (a hint for CodeActors)."""
    victims = taxonomy().civilian_victims(ev.sub_event_type)
    return victims == "always" or (victims == "when named" and bool(_CIVILIAN_RE.search(sentence)))


def confidence_of(score: float, rank: int) -> float:
    base = min(0.95, 0.45 + 0.08 * score)
    return round(max(0.05, base - 0.15 * rank), 4)


def new_event(doc: Document, d: Decision, anchor: tuple[int, int], factuality: str, confidence: float, *,
              once_per_span: bool = True, inferred_why: str | None = None) -> Event:
    """An event of type `d.label` anchored at `anchor` (see the module docstring)."""
    tax = taxonomy()
    ev = Event(doc_id=doc.id, anchor=anchor)
    ev.sub_event_type = d.label
    ev.event_type = tax.event_type_of(d.label)
    ev.disorder_type = tax.disorder_type_of(d.label)
    ev.factuality = factuality
    ev.confidence = confidence
    seen = set()
    for m in d.evidence:
        if m.end <= m.start or (once_per_span and (m.start, m.end) in seen):
            continue
        seen.add((m.start, m.end))
        ev.add_evidence(doc.evidence("sub_event_type", m.start, m.end))
        if not m.section.startswith("mod:"):
            ev.add_evidence(doc.evidence("event_type", m.start, m.end))
    if not d.evidence and inferred_why:
        ev.inferred["sub_event_type"] = inferred_why
        ev.inferred["event_type"] = inferred_why
    ev.inferred.setdefault("disorder_type", f"ACLED files {d.label} under {ev.disorder_type}")
    ev.explanation.append(f"{ev.event_type} / {d.label}: {'; '.join(d.reasons)}")
    return ev


def retype(ev: Event, sub: str) -> None:
    """Give `ev` the sub-event type `sub` with the event and disorder types taxonomy.json files it under."""
    tax = taxonomy()
    ev.sub_event_type, ev.event_type, ev.disorder_type = sub, tax.event_type_of(sub), tax.disorder_type_of(sub)
    ev.inferred["disorder_type"] = f"ACLED files {sub} under {ev.disorder_type}"
