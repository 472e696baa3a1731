"""Running a batch: read inputs, code them, hand each document to a sink, and count what happened.

This is the library function behind `eventcoder code`, `extract` and `geoparse`; the CLI only parses options and
prints. A document that cannot be read or coded is counted with its reason and the batch goes on (or, with
`on_error="stop"`, the batch stops with `StopRun`). A `done` callback lets a rerun pass over documents an earlier,
interrupted run already finished (resume), so nothing is coded or written twice.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .errors import InputError
from .model import Document
from .pipeline import Pipeline

ALREADY_DONE = "already done: a document with this id was coded before (--force codes it again)"


@dataclass
class RunSummary:
    read: int = 0
    coded: int = 0
    skipped: Counter = field(default_factory=Counter)   # reason -> documents
    failed: list[str] = field(default_factory=list)     # "origin: reason"
    events: int = 0
    warnings: Counter = field(default_factory=Counter)  # warning kind -> documents
    total: int | None = None                            # documents expected, when known (for the ETA)
    stage_time: list = field(default_factory=list)      # (stage, seconds, share) from the pipeline, in its order

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def done(self) -> int:
        return self.coded + sum(self.skipped.values()) + len(self.failed)

    def lines(self) -> list[str]:
        """The end-of-run summary: counts, skips and failures with their reasons, warnings by kind."""
        out = [f"{self.read} document(s) read, {self.coded} coded, {sum(self.skipped.values())} skipped, "
               f"{len(self.failed)} failed; {self.events} event(s)"]
        for reason, n in self.skipped.most_common():
            out.append(f"  skipped {n}: {reason}")
        for msg in self.failed[:20]:
            out.append(f"  failed: {msg}")
        if len(self.failed) > 20:
            out.append(f"  ... and {len(self.failed) - 20} more failures")
        if self.warnings:
            out.append("  warnings: " + ", ".join(f"{k} {v}" for k, v in self.warnings.most_common()))
        if self.stage_time:
            out.append("  time by stage: " + ", ".join(f"{name} {share:.0%}" for name, _, share in self.stage_time))
        return out


class StopRun(Exception):
    """Raised to stop a batch at the first failure (`--on-error stop`)."""


def run_batch(items: Iterable[Document | InputError], pipeline: Pipeline, sink: Callable[[Document], None],
              summary: RunSummary | None = None, on_error: str = "skip",
              progress: Callable[[RunSummary], None] | None = None,
              done: Callable[[Document], bool | str] | None = None) -> RunSummary:
    """Code every readable document in `items` and pass it to `sink`; count reads, skips, failures and events.

    `done(doc)` true means an earlier run finished this document: it is counted as skipped (`ALREADY_DONE`, or the
    reason `done` returns, e.g. a near-duplicate) and neither coded nor sunk. Documents the coder skipped (not
    English, ...) still reach the sink."""
    summary = summary or RunSummary()

    def documents() -> Iterator[Document]:
        for item in items:
            summary.read += 1
            if isinstance(item, InputError):
                summary.failed.append(str(item))
                if on_error == "stop":
                    raise StopRun(str(item))
            elif done is not None and (verdict := done(item)):
                summary.skipped[verdict if isinstance(verdict, str) else ALREADY_DONE] += 1
            else:
                yield item
                continue
            if progress:
                progress(summary)

    for doc in pipeline.run(documents()):
        if doc.error:
            summary.failed.append(f"{doc.origin or doc.id}: {doc.error}")
            if on_error == "stop":
                raise StopRun(summary.failed[-1])
        elif doc.skipped:
            summary.skipped[doc.skipped] += 1
            sink(doc)
        else:
            summary.coded += 1
            summary.events += len(doc.events)
            sink(doc)
        for kind in {w.kind for w in doc.warnings}:
            summary.warnings[kind] += 1
        if progress:
            progress(summary)
    summary.stage_time = pipeline.time_shares()
    return summary
