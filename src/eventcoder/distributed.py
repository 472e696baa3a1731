"""Coding on a Dask cluster: `--workers N` starts a local one (N processes, one thread each), `--scheduler ADDRESS`
uses a cluster you run. `ClusterPipeline` has the `Pipeline` methods the runner uses (`run`, `time_shares`), so a
distributed run counts, skips, resumes and writes exactly as a local one:

- the documents are cut into partitions of `chunk` documents, in input order, and at most two partitions per worker
  are in flight (memory stays flat on long inputs);
- each worker builds the pipeline once (the spaCy model and the gazetteer load once per worker process) and codes
  its partitions; what comes back is the coded documents without their parse;
- results are handed on in input order, so the output file (or the store, one transaction per document, written by
  this process) is the same as a single-process run's: same events, same ids, same fields;
- a worker that dies mid-partition: Dask runs that partition again elsewhere, and its documents are handed on once.
"""
from __future__ import annotations

from collections import Counter, deque
from typing import Iterable, Iterator

from .errors import EventcoderError
from .model import Document

_WORKER_PIPELINES: dict = {}


def _code_partition(options: tuple, docs: list[Document]):
    """On a worker: code one partition with the worker's own pipeline (built on first use); return the documents
    without their parse and working notes, and the seconds each stage spent on them."""
    from .pipeline import default_pipeline
    pipeline = _WORKER_PIPELINES.get(options)
    if pipeline is None:
        pipeline = _WORKER_PIPELINES[options] = default_pipeline(**dict(options))
    before = Counter(pipeline.seconds)
    out = []
    for doc in pipeline.run(docs):
        doc.nlp, doc.event_notes, doc.geography = None, {}, None
        out.append(doc)
    spent = Counter(pipeline.seconds)
    spent.subtract(before)
    return out, dict(spent)


class ClusterPipeline:
    def __init__(self, options: dict, *, workers: int | None = None, scheduler: str | None = None,
                 chunk: int = 64):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise EventcoderError("--workers and --scheduler need Dask: pip install 'eventcoder[all]'") from None
        from .pipeline import GEOPARSE, STANDARD
        self.stage_names = list(STANDARD if options.get("coding", True) else GEOPARSE)
        self.options = tuple(sorted(options.items()))
        self.chunk = chunk
        self.cluster = None
        import dask
        # coding is long CPU-bound tasks: the workers' statistical profiler and frequent system monitor only cost
        dask.config.set({"distributed.worker.profile.enabled": False,
                         "distributed.admin.system-monitor.interval": "2s"})
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="20s")
            else:
                self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                            dashboard_address=None, silence_logs=40)
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as exc:
            raise EventcoderError(f"cannot reach the Dask scheduler {scheduler}: {exc}; start one "
                                  f"(`dask scheduler`) or use --workers N for a local cluster") from None
        self.n_workers = max(1, len(self.client.scheduler_info().get("workers", {})) or (workers or 1))
        self.seconds: Counter = Counter()

    def run(self, docs: Iterable[Document]) -> Iterator[Document]:
        in_flight: deque = deque()
        part: list[Document] = []
        for doc in docs:
            part.append(doc)
            if len(part) >= self.chunk:
                in_flight.append(self.client.submit(_code_partition, self.options, part, pure=False))
                part = []
                while len(in_flight) >= 2 * self.n_workers:
                    yield from self._take(in_flight.popleft())
        if part:
            in_flight.append(self.client.submit(_code_partition, self.options, part, pure=False))
        while in_flight:
            yield from self._take(in_flight.popleft())

    def _take(self, future) -> Iterator[Document]:
        docs, spent = future.result()
        self.seconds.update(spent)
        yield from docs

    def time_shares(self) -> list[tuple[str, float, float]]:
        from .pipeline import time_shares
        return time_shares(self.stage_names, self.seconds)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
