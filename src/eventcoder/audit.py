"""Contract audit: record what a stage really reads, to check it against what the stage declares.

While a stage runs under `Audit.watch`, the document, its events and their working notes are switched to recording
subclasses of `Document`, `Event` and `EventNotes`; each attribute read is noted as a contract name (`places`,
`events.country`, `notes.place_hint`). Reads the stage neither requires nor assigns end in `Audit.undeclared`.
Always allowed: the document's identity and bookkeeping (`id`, `text`, `warnings`, `skipped`, `error`), and, for a
stage that requires or assigns `events`, what every event has from detection on (`model.EVENT_CORE`).

Auditing is slow (every attribute read goes through Python code): it is for tests, not for production runs.
"""
from __future__ import annotations

import contextvars
from contextlib import contextmanager

from .model import EVENT_CORE, Document, Event, EventNotes
from .stage import Stage, document_names, event_names, expand, note_names

_READS: contextvars.ContextVar[set | None] = contextvars.ContextVar("eventcoder_audit_reads", default=None)
_BOOKKEEPING = {"id", "text", "warnings", "skipped", "error", "event_notes"}
_CLEAN_MAP = {"_starts": "clean", "_ends": "clean"}   # the offset map belongs to the clean text


def _recorder(prefix: str, names: frozenset[str], renames: dict[str, str] | None = None):
    renames = renames or {}

    def __getattribute__(self, name):
        reads = _READS.get()
        if reads is not None:
            if name in renames:
                reads.add(renames[name])
            elif name in names:
                reads.add(prefix + name)
        return object.__getattribute__(self, name)
    return __getattribute__


class _AuditedNotes(EventNotes):
    __getattribute__ = _recorder("notes.", note_names())


class _AuditedEvent(Event):
    __getattribute__ = _recorder("events.", event_names())


class _AuditedDocument(Document):
    __getattribute__ = _recorder("", document_names() - _BOOKKEEPING, _CLEAN_MAP)

    def notes_of(self, event: Event) -> EventNotes:
        notes = Document.notes_of(self, event)
        if type(notes) is EventNotes:
            notes.__class__ = _AuditedNotes
        return notes


def allowed(st: Stage) -> set[str]:
    """The contract names a stage may read: what it declares (groups spelled out) plus the always-allowed ones."""
    names: set[str] = set()
    for n in tuple(st.requires) + tuple(st.assigns):
        names |= expand(n)
    if "events" in names or any(n.startswith("events.") for n in names):
        names |= {"events"} | {f"events.{f}" for f in EVENT_CORE}
    return names


class Audit:
    def __init__(self, stages: list[Stage]):
        self.undeclared: dict[str, set[str]] = {s.name: set() for s in stages}
        self._allowed = {s.name: allowed(s) for s in stages}

    @contextmanager
    def watch(self, st: Stage, doc: Document):
        """Run the body with `doc` recording reads; add the undeclared ones to `self.undeclared[st.name]`."""
        events = list(doc.events)
        if type(doc) is not Document or any(type(ev) is not Event for ev in events):
            raise TypeError("the contract audit watches plain Document and Event objects only")
        doc.__class__ = _AuditedDocument
        for ev in events:
            ev.__class__ = _AuditedEvent
        for _ev, notes in doc.event_notes.values():
            notes.__class__ = _AuditedNotes
        reads: set[str] = set()
        token = _READS.set(reads)
        try:
            yield
        finally:
            _READS.reset(token)
            doc.__class__ = Document
            for ev in events + list(doc.events):
                if type(ev) is _AuditedEvent:
                    ev.__class__ = Event
            for _ev, notes in doc.event_notes.values():
                if type(notes) is _AuditedNotes:
                    notes.__class__ = EventNotes
            self.undeclared.setdefault(st.name, set()).update(reads - self._allowed.get(st.name, set()))
