"""The readable table `eventcoder code` prints: per document its warnings, and per event its fields with the
words each came from."""
from __future__ import annotations

import click

from .model import Document, Event

_FIELDS = [("type", ("event_type", "sub_event_type")), ("actors", ("actor1", "actor2")),
           ("assoc", ("assoc_actor_1", "assoc_actor_2")), ("place", ("location", "admin1", "country")),
           ("coords", ("latitude", "longitude", "geo_precision")), ("date", ("event_date", "time_precision")),
           ("deaths", ("fatalities",)), ("source", ("source",))]


def _value(ev: Event, names: tuple[str, ...]) -> str:
    vals = []
    for n in names:
        v = getattr(ev, n)
        if v not in (None, ""):
            vals.append(f"prec {v}" if n.endswith("precision") else str(v))
    return " / ".join(vals) if vals else "-"


def _words(ev: Event, names: tuple[str, ...]) -> str:
    ws = [f'"{e.text}"' for e in ev.evidence if e.field in names]
    inf = [f"({ev.inferred[n]})" for n in names if n in ev.inferred]
    return ", ".join(dict.fromkeys(ws + inf))


def print_document(doc: Document, echo=click.echo) -> None:
    echo(f"== {doc.id}" + (f"  [{doc.origin}]" if doc.origin else "") + (f"  {doc.title}" if doc.title else ""))
    for w in doc.warnings:
        echo(f"   ! {w.kind}: {w.message}")
    if doc.skipped:
        echo(f"   skipped: {doc.skipped}")
        return
    if not doc.events:
        echo("   no events")
    for i, ev in enumerate(doc.events, 1):
        echo(f"   event {i}  {ev.id}  confidence {ev.confidence:.2f}" +
             (f"  [{ev.factuality}]" if ev.factuality != "occurred" else ""))
        for label, names in _FIELDS:
            words = _words(ev, names)
            echo(f"     {label:7s} {_value(ev, names)}" + (f"    <- {words}" if words else ""))
    echo("")
