"""`export_events`: stored (or extracted) events out in a registered format (ACLED CSV, JSONL, GeoJSON, ...:
`export/registry.py`), filtered; the library function behind `eventcoder export`."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Iterator, TextIO

from ..errors import EventcoderError, InputError, StoreError
from ..store import Store, open_store
from ..store.living_reads import SHOWN
from .records import contract_from_row, filter_events, read_events_jsonl
from .registry import WriteOptions, get_writer


@dataclass
class ExportStats:
    written: int = 0
    left_out: int = 0                                  # events the format cannot hold (geojson: no coordinates)
    left_out_why: str = ""
    failed: list[str] = field(default_factory=list)    # unreadable lines of an events file

    def lines(self, fmt: str, output: str) -> list[str]:
        where = "stdout" if output in (None, "-") else output
        out = [f"{self.written} event(s) written to {where} as {fmt}"]
        if self.left_out:
            out.append(f"  {self.left_out} event(s) {self.left_out_why}")
        for msg in self.failed[:20]:
            out.append(f"  failed: {msg}")
        if len(self.failed) > 20:
            out.append(f"  ... and {len(self.failed) - 20} more failures")
        return out


def _from_store(store: Store, per_report: bool, reviewed_only: bool = False, **filters) -> Iterator[dict]:
    if per_report:
        for row in store.events(**filters):
            yield contract_from_row(row)
        return
    counts = store.counts()
    if counts["events"] and not counts.get("fused_events"):
        raise StoreError("this database holds events coded before fusion existed and no fused events; code its "
                         "documents again (`eventcoder code PATH --force --db ...`) or export them one report at a "
                         "time with --per-report")
    yield from store.fused_events(status=("accepted",) if reviewed_only else SHOWN, **filters)


def _from_file(path: str, stats: ExportStats) -> Iterator[dict]:
    if path == "-":
        yield from _skip_errors(read_events_jsonl(sys.stdin, "<stdin>"), stats)
        return
    try:
        f = open(path, encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    with f:
        yield from _skip_errors(read_events_jsonl(f, path), stats)


def _skip_errors(items, stats: ExportStats) -> Iterator[dict]:
    for item in items:
        if isinstance(item, InputError):
            stats.failed.append(str(item))
        else:
            yield item


def export_events(fmt: str, out: TextIO, *, db: str = "eventcoder.db", store: Store | None = None,
                  from_file: str | None = None, acled_only: bool = False, country: str | None = None,
                  since: str | None = None, until: str | None = None, event_type: str | None = None,
                  per_report: bool = False, reviewed_only: bool = False) -> ExportStats:
    """Write the events that pass the filters to `out` in format `fmt`: those of the JSONL `from_file`, else of
    `store` (left open for the caller), else of the database `db` (a path or URL, see `open_store`; it must exist).
    From a store these are its fused events (one per incident, with `reports`, `provenance` and `disputed`, as
    `eventcoder fuse` writes them, with a reviewer's values over the coder's and a `review` object where
    reviewed; rejected events left out; only accepted ones with `reviewed_only`); `per_report` gives each report's
    own events, as coded, instead.
    An unknown `fmt` or a missing database is an EventcoderError before anything is written."""
    spec = get_writer(fmt)
    stats = ExportStats()
    filters = dict(country=country, since=since, until=until, event_type=event_type)
    opened = None
    if from_file:
        events = filter_events(_from_file(from_file, stats), **filters)
    else:
        if store is None:
            store = opened = open_store(db, create=False)
        if reviewed_only and per_report:
            raise EventcoderError("--reviewed-only is about the fused events a reviewer accepted; a report's own "
                                  "events (--per-report) are not reviewed one by one: leave one of them out")
        events = filter_events(_from_store(store, per_report, reviewed_only, **filters), **filters)
    try:
        written = spec.write(events, out, WriteOptions(acled_only=acled_only))
    finally:
        if opened is not None:
            opened.close()
    stats.written, stats.left_out, stats.left_out_why = written.count, written.left_out, written.left_out_why
    return stats
