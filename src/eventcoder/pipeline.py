"""The pipeline: registered stages (see `stage.py`) chained by name, with their contracts checked.

    pipe = build_pipeline(STANDARD, options={"finalize": {"keep_all": True}})
    for doc in pipe.run(documents): ...

`Pipeline` checks the chain when it is built: each stage may only require what the input gives (`INPUT_NAMES`) or an
earlier stage assigns, so a missing stage is reported before any document is read, not half-way through a batch.
With `audit=True` it also records what each stage really reads (`Pipeline.audit_log`), so a stage that reads an
annotation it does not declare is caught (the tests run the standard pipeline that way).

To add a stage: write a `Stage` subclass, register it with `@stage("name", requires=..., assigns=...)`, and put its
name into the list given to `build_pipeline` (or replace a built-in one by registering under its name with
`replace=True`).
"""
from __future__ import annotations

import logging
import time
from collections import Counter
from typing import Iterable, Iterator

from .audit import Audit
from .model import Document
from .stage import INPUT_NAMES, ContractError, Stage, check_name, expand, optional, registered, spec_of

log = logging.getLogger(__name__)

# The standard chain, by name; `GEOPARSE` is the part `geoparse` needs.
GEOPARSE = ("repair", "language", "parse", "geoparse")
STANDARD = ("repair", "language", "relevance", "parse", "geoparse", "geography", "events", "locate", "actors", "dates",
            "fatalities", "sources", "finalize")

PipelineError = ContractError   # the name older code and tests use


def load_builtin_stages() -> None:
    """Import the modules that register the built-in stages (each registers itself when imported)."""
    from .text import repair, language, nlp  # noqa: F401
    from .geo import stage as geo_stage  # noqa: F401
    from .extract import relevance, events, actors, dates, fatalities, sources, finalize  # noqa: F401


class Pipeline:
    def __init__(self, stages: Iterable[Stage], *, audit: bool = False):
        self.stages = list(stages)
        self.seconds: Counter = Counter()   # stage name -> wall-clock seconds spent in it, over this pipeline's life
        check_chain(self.stages)
        self.audit = Audit(self.stages) if audit else None

    @property
    def audit_log(self) -> dict[str, set[str]]:
        """With audit on: per stage, the contract names it read without declaring them (empty sets when clean)."""
        return self.audit.undeclared if self.audit else {}

    def __call__(self, doc: Document) -> Document:
        """Run every stage on one document; exceptions propagate (use `run` for batches that must go on)."""
        for st in self.stages:
            if doc.skipped:
                break
            t0 = time.perf_counter()
            doc = self._call(st, doc)
            self.seconds[st.name] += time.perf_counter() - t0
        return doc

    def _call(self, st: Stage, doc: Document) -> Document:
        if self.audit is None:
            return st(doc)
        with self.audit.watch(st, doc):
            return st(doc)

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

    def _run_stage(self, st: Stage, active: list[Document]) -> None:
        if hasattr(st, "batch") and self.audit is None:
            try:
                st.batch(active)
                return
            except Exception as exc:  # noqa: BLE001 - one bad document must not sink the batch: retry one by one
                log.warning("stage %r failed on a batch of %d documents (%s: %s); retrying them one by one",
                            st.name, len(active), type(exc).__name__, exc)
        for d in active:
            try:
                self._call(st, d)
            except Exception as exc:  # noqa: BLE001 - reported per document, never swallowed
                d.error = f"stage {st.name!r} failed: {type(exc).__name__}: {exc}"
                d.skipped = d.error

    def time_shares(self) -> list[tuple[str, float, float]]:
        """(stage, seconds, share of all stage time) in pipeline order, for stages that ran."""
        return time_shares(self.names(), self.seconds)

    def names(self) -> list[str]:
        return [s.name for s in self.stages]


def time_shares(names: list[str], seconds: Counter) -> list[tuple[str, float, float]]:
    """(stage, seconds, share of all stage time) for the stages `names` that spent any (a local pipeline's, or a
    cluster's workers' summed)."""
    total = sum(seconds.values()) or 1.0
    return [(name, seconds[name], seconds[name] / total) for name in names if name in seconds]


def check_chain(stages: list[Stage]) -> set[str]:
    """Check that each stage requires only what the input or an earlier stage assigns; return all assigned names.
    Optional names (`stage.optional`: working notes, `relevance`) need no stage that assigns them (an event nobody
    left a note about has the empty `EventNotes`; no `relevance` stage leaves `doc.relevance` None), but a stage
    that assigns one must come before every stage that requires it."""
    have: set[str] = set(INPUT_NAMES) | {"clean"}
    read_unassigned: dict[str, str] = {}   # optional name -> the first stage that required it before any assigned it
    for st in stages:
        for n in tuple(st.requires) + tuple(st.assigns):
            check_name(n, f"stage {st.name!r}")
        missing = [r for r in st.requires if r not in have and not optional(r)]
        if missing:
            raise ContractError(f"stage {st.name!r} requires {', '.join(missing)}, which no earlier stage assigns; "
                                f"order: {[s.name for s in stages]}")
        for r in st.requires:
            if optional(r) and r not in have:
                read_unassigned.setdefault(r, st.name)
        late = [a for a in st.assigns if not a.startswith("notes.") and a in read_unassigned]
        if late:
            raise ContractError(f"stage {st.name!r} assigns {', '.join(late)} after stage "
                                f"{read_unassigned[late[0]]!r} required it; order: {[s.name for s in stages]}")
        for a in st.assigns:
            have |= expand(a)
    return have


def build_pipeline(names: Iterable[str], *, options: dict[str, dict] | None = None, audit: bool = False) -> Pipeline:
    """A pipeline of registered stages by name; `options[name]` are keyword arguments for that stage's factory."""
    load_builtin_stages()
    options = options or {}
    names = list(names)
    unknown = set(options) - set(names)
    if unknown:
        raise ContractError(f"options given for stages not in the pipeline: {', '.join(sorted(unknown))}")
    return Pipeline([spec_of(n).factory(**options.get(n, {})) for n in names], audit=audit)


def default_pipeline(*, coding: bool = True, gazetteer=None, keep_all: bool = False, model: str | None = None,
                     actors=None, relevance_threshold: float | None = None, keep_irrelevant: bool = False,
                     audit: bool = False) -> Pipeline:
    """The standard pipeline. `coding=False` stops after place mentions (what `geoparse` needs).

    `model`: a classifier made by `eventcoder train`; `actors`: a user's actor registry file (its entries win over
    the shipped ones); `keep_all`: keep planned/denied/hypothetical events, flagged; `relevance_threshold`: the
    relevance score a report needs to be coded (default `extract.relevance.DEFAULT_THRESHOLD`); `keep_irrelevant`:
    code reports below it too (their sentences are still read in their conflict sense)."""
    options: dict[str, dict] = {"geoparse": {"gazetteer": gazetteer}}
    if coding:
        options.update(geography={"gazetteer": gazetteer}, locate={"gazetteer": gazetteer},
                       finalize={"keep_all": keep_all},
                       relevance={"keep_irrelevant": keep_irrelevant})
        if relevance_threshold is not None:
            options["relevance"]["threshold"] = relevance_threshold
        if model:
            options["events"] = {"model": model}
        if actors:
            options["actors"] = {"registry": actors}
    return build_pipeline(STANDARD if coding else GEOPARSE, options=options, audit=audit)


def stage_table() -> list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]:
    """(name, where it is defined, requires, assigns) of every registered stage, the standard chain first."""
    load_builtin_stages()
    specs = registered()
    order = list(STANDARD) + sorted(set(specs) - set(STANDARD))
    return [(n, specs[n].where, specs[n].requires, specs[n].assigns) for n in order if n in specs]
