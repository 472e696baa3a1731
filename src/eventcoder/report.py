"""What the user sees on the terminal: the readable table `eventcoder code` prints (per document its warnings, per
event its fields with the words each came from) and the progress line with its end-of-run summary."""
from __future__ import annotations

import sys
import time

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


def _duration(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


class Progress:
    """A progress line on stderr: documents done (of the total when known), documents/s, ETA, events, failures.

    Redrawn in place on a terminal (5 times a second at most); every 10 s as plain lines otherwise (logs)."""

    def __init__(self, quiet: bool = False, *, stream=None, interval: float | None = None):
        self._clock = time.monotonic
        self.stream = stream or sys.stderr
        self.quiet, self.t0 = quiet, self._clock()
        self.last = self.t0                      # the first line after one interval: short runs stay quiet
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = interval if interval is not None else (0.2 if self.tty else 10.0)
        self.drawn = False

    def line(self, s, now: float | None = None) -> str:
        now = self._clock() if now is None else now
        elapsed = max(now - self.t0, 1e-9)
        rate = s.done / elapsed
        parts = [f"{s.done}/{s.total} docs" if s.total else f"{s.done} docs", f"{rate:.1f} docs/s"]
        if s.total and rate > 0 and s.done < s.total and (elapsed >= 3 or s.done >= 10):
            parts.append(f"ETA {_duration((s.total - s.done) / rate)}")
        parts += [f"{s.events} events", f"{len(s.failed)} failed"]
        return ", ".join(parts)

    def __call__(self, s) -> None:
        now = self._clock()
        if self.quiet or now - self.last < self.interval:
            return
        self.last = now
        msg = self.line(s, now)
        if self.tty:
            self.stream.write("\r\x1b[K" + msg)
        else:
            self.stream.write(msg + "\n")
        self.stream.flush()
        self.drawn = True

    def clear(self) -> None:
        """Wipe the progress line (on a terminal) before other output is printed."""
        if self.tty and self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False
            self.last = 0.0

    def done(self, s) -> None:
        """End the progress line and print the run's summary."""
        if self.tty and self.drawn:
            self.stream.write("\n")
        for line in s.lines():
            self.stream.write(line + "\n")
        self.stream.flush()
