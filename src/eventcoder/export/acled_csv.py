"""ACLED-style CSV: ACLED's 31 export columns, in ACLED's order and with ACLED's header names, so acledR, pandas and
existing ACLED workflows read it; eventcoder's own columns (document, confidence, date range, death estimates,
evidence) follow unless `acled_only`.

Conventions, as in ACLED's files: `event_id_cnty` holds the event id, `year` comes from `event_date`, `fatalities`
is 0 when unknown (the unknown stays visible as an empty `fatalities_best`), `region` is ACLED's region of the
event's country (`geo/regions.py`), `tags` is empty (not coded), `timestamp` is the export time (Unix seconds).
"""
from __future__ import annotations

import csv
import json
import time
from typing import Iterable, TextIO

from ..geo.regions import acled_region
from ..model import ACLED_FIELDS, EXTRA_FIELDS
from .registry import WriteOptions, Written, writer

# ACLED's export columns that an Event does not carry (filled in `acled_row`): name -> the column it follows in
# ACLED's files (None: first). The others are the Event's ACLED fields (`model.ACLED_FIELDS`), in ACLED's order.
ACLED_ONLY_COLUMNS = {"event_id_cnty": None, "year": "event_date", "region": "iso", "tags": "fatalities",
                      "timestamp": "tags"}


def _acled_columns(fields: tuple[str, ...]) -> tuple[str, ...]:
    cols = [name for name, after in ACLED_ONLY_COLUMNS.items() if after is None]
    for name in fields:
        cols.append(name)
        while (more := [c for c, after in ACLED_ONLY_COLUMNS.items() if after == cols[-1]]):
            cols += more
    return tuple(cols)


ACLED_COLUMNS = _acled_columns(ACLED_FIELDS)
# eventcoder's own columns after ACLED's: the document, how sure, the contract's extras, the coder and the evidence
EXTRA_COLUMNS = ("doc_id", "confidence", "factuality") + EXTRA_FIELDS + ("coder_version", "evidence", "inferred")


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return repr(round(v, 6)).rstrip("0").rstrip(".") if v == v else ""
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def acled_row(ev: dict, timestamp: int) -> dict:
    """One contract event as an ACLED CSV row (plus the extra columns)."""
    row = {c: ev.get(c) for c in ACLED_COLUMNS}
    row["event_id_cnty"] = ev.get("id")
    row["year"] = str(ev.get("event_date") or "")[:4] or None
    row["region"] = acled_region(iso=ev.get("iso"), country=ev.get("country"))
    row["tags"] = None
    row["timestamp"] = timestamp
    row["fatalities"] = ev.get("fatalities") if ev.get("fatalities") is not None else 0
    for c in ("inter1", "inter2", "interaction"):
        row[c] = ev.get(c) if ev.get(c) is not None else 0
    for c in EXTRA_COLUMNS:
        row[c] = ev.get(c)
    row["evidence"] = "; ".join(f"{e['field']}: {e['text']}" for e in ev.get("evidence") or []) or None
    row["inferred"] = ev.get("inferred") or None
    return row


def write_acled_csv(events: Iterable[dict], out: TextIO, *, acled_only: bool = False,
                    timestamp: int | None = None) -> int:
    """Write contract events as ACLED CSV to `out`; returns the number of rows."""
    cols = ACLED_COLUMNS if acled_only else ACLED_COLUMNS + EXTRA_COLUMNS
    ts = int(time.time()) if timestamp is None else timestamp
    w = csv.writer(out, lineterminator="\n")
    w.writerow(cols)
    n = 0
    for ev in events:
        row = acled_row(ev, ts)
        w.writerow([_cell(row[c]) for c in cols])
        n += 1
    return n


@writer("csv", suffix=".csv", description="ACLED's columns and order")
def _write_csv(events: Iterable[dict], out: TextIO, options: WriteOptions) -> Written:
    return Written(write_acled_csv(events, out, acled_only=options.acled_only))
