"""Stages and the pipeline that chains them.

A stage is a small callable that takes a `Document`, adds what it `assigns`, and returns it.  It declares what it
`requires`; `Pipeline` checks the chain when it is built, so a missing stage is reported before any document is read,
not half-way through a batch.
"""
from __future__ import annotations

import time
from collections import Counter
from typing import Iterable, Iterator

from .model import Document


class PipelineError(Exception):
    """A pipeline was assembled wrongly (a stage requires what no earlier stage assigns)."""


class Stage:
    """Base class of a pipeline stage.

    Subclasses set `name`, `requires` and `assigns` (names of `Document` annotations such as `clean`, `nlp`,
    `sentences`, `places`, `events`, `events.actors`) and implement `__call__`."""
    name: str = "stage"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    def __call__(self, doc: Document) -> Document:  # pragma: no cover - interface
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"


class Pipeline:
    def __init__(self, stages: Iterable[Stage]):
        self.stages = list(stages)
        self.seconds: Counter = Counter()   # stage name -> wall-clock seconds spent in it, over this pipeline's life
        have: set[str] = {"text"}
        for st in self.stages:
            missing = [r for r in st.requires if r not in have]
            if missing:
                raise PipelineError(f"stage {st.name!r} requires {', '.join(missing)}, which no earlier stage assigns; "
                                    f"order: {[s.name for s in self.stages]}")
            have.update(st.assigns)
        self.assigns = have

    def __call__(self, doc: Document) -> Document:
        """Run every stage on one document; exceptions propagate (use `run` for batches that must go on)."""
        for st in self.stages:
            if doc.skipped:
                break
            t0 = time.perf_counter()
            doc = st(doc)
            self.seconds[st.name] += time.perf_counter() - t0
        return doc

    def run(self, docs: Iterable[Document], batch_size: int = 32) -> Iterator[Document]:
        """Run a stream of documents, `batch_size` at a time (stages with a `batch` method get the whole batch).

        A stage that fails on a document marks that document (`doc.error`, `doc.skipped`) and the rest go on."""
        chunk: list[Document] = []
        for doc in docs:
            chunk.append(doc)
            if len(chunk) >= batch_size:
                yield from self._run_batch(chunk)
                chunk = []
        if chunk:
            yield from self._run_batch(chunk)

    def _run_batch(self, docs: list[Document]) -> list[Document]:
        for st in self.stages:
            active = [d for d in docs if not d.skipped]
            if not active:
                break
            t0 = time.perf_counter()
            self._run_stage(st, active)
            self.seconds[st.name] += time.perf_counter() - t0
        return docs

    @staticmethod
    def _run_stage(st: Stage, active: list[Document]) -> None:
        if hasattr(st, "batch"):
            try:
                st.batch(active)
                return
            except Exception:  # one bad document must not sink the batch: retry one by one
                pass
        for d in active:
            try:
                st(d)
            except Exception as exc:  # noqa: BLE001 - reported per document, never swallowed
                d.error = f"stage {st.name!r} failed: {type(exc).__name__}: {exc}"
                d.skipped = d.error

    def time_shares(self) -> list[tuple[str, float, float]]:
        """(stage, seconds, share of all stage time) in pipeline order, for stages that ran."""
        total = sum(self.seconds.values()) or 1.0
        return [(s.name, self.seconds[s.name], self.seconds[s.name] / total) for s in self.stages
                if s.name in self.seconds]

    def names(self) -> list[str]:
        return [s.name for s in self.stages]


def default_pipeline(*, coding: bool = True, gazetteer=None, keep_all: bool = False, model: str | None = None,
                     actors=None) -> Pipeline:
    """The standard pipeline. `coding=False` stops after place mentions (what `geoparse` needs).

    `model`: a classifier made by `eventcoder train`; `actors`: a user's actor registry file (its entries win over
    the shipped ones); `keep_all`: keep planned/denied/hypothetical events, flagged."""
    from .text.repair import Repair
    from .text.language import LanguageGate
    from .text.nlp import Parse
    from .geo.stage import Geoparse
    stages: list[Stage] = [Repair(), LanguageGate(), Parse(), Geoparse(gazetteer=gazetteer)]
    if coding:
        from .extract.events import DetectEvents
        from .extract.actors import CodeActors
        from .geo.stage import LocateEvents
        from .extract.dates import DateEvents
        from .extract.fatalities import CountFatalities
        from .extract.sources import AttributeSources
        from .extract.finalize import Finalize
        stages += [DetectEvents(model=model) if model else DetectEvents(), LocateEvents(gazetteer=gazetteer),
                   CodeActors(actors) if actors else CodeActors(), DateEvents(),
                   CountFatalities(), AttributeSources(), Finalize(keep_all=keep_all)]
    return Pipeline(stages)
