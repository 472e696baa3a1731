"""`export_events`: stored (or extracted) events out as ACLED CSV, JSONL or GeoJSON, filtered; the library function
behind `eventcoder export`."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, TextIO

from ..errors import EventcoderError, InputError, StoreError
from .acled_csv import write_acled_csv
from .geojson import write_geojson
from .jsonl import write_jsonl
from .records import contract_from_row, filter_events, read_events_jsonl


@dataclass
class ExportStats:
    written: int = 0
    left_out: int = 0                                  # geojson: events without coordinates
    failed: list[str] = field(default_factory=list)    # unreadable lines of an events file

    def lines(self, fmt: str, output: str) -> list[str]:
        where = "stdout" if output in (None, "-") else output
        out = [f"{self.written} event(s) written to {where} as {fmt}"]
        if self.left_out:
            out.append(f"  {self.left_out} event(s) without coordinates left out (GeoJSON needs a point)")
        for msg in self.failed[:20]:
            out.append(f"  failed: {msg}")
        if len(self.failed) > 20:
            out.append(f"  ... and {len(self.failed) - 20} more failures")
        return out


def _from_store(db: str, **filters) -> Iterator[dict]:
    """The stored events (checked now: a missing database is an error before anything is written)."""
    from ..store.sqlite import open_store  # noqa: PLC0415
    if not Path(db).is_file():
        raise StoreError(f"no database at {db}; code documents first (`eventcoder code PATH --db {db}`) "
                         "or name the database with --db")
    store = open_store(db)

    def rows() -> Iterator[dict]:
        try:
            for row in store.events(**filters):
                yield contract_from_row(row)
        finally:
            store.close()
    return rows()


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


def export_events(fmt: str, out: TextIO, *, db: str = "eventcoder.db", from_file: str | None = None,
                  acled_only: bool = False, country: str | None = None, since: str | None = None,
                  until: str | None = None, event_type: str | None = None) -> ExportStats:
    """Write the events of the database `db` (or of the JSONL `from_file`) that pass the filters to `out`."""
    stats = ExportStats()
    filters = dict(country=country, since=since, until=until, event_type=event_type)
    if from_file:
        events = filter_events(_from_file(from_file, stats), **filters)
    else:
        events = filter_events(_from_store(db, **filters), **filters)
    if fmt == "csv":
        stats.written = write_acled_csv(events, out, acled_only=acled_only)
    elif fmt == "jsonl":
        stats.written = write_jsonl(events, out)
    elif fmt == "geojson":
        stats.written, stats.left_out = write_geojson(events, out)
    else:
        raise EventcoderError(f"unknown export format {fmt!r}; use csv, jsonl or geojson")
    return stats
