"""Small helpers every SQL store module uses: the store's timestamp, and a query over many ids cut into chunks
(engines limit the number of parameters one statement takes)."""
from __future__ import annotations

import datetime as dt
from typing import Iterator, Sequence

CHUNK = 500


def utc_now() -> str:
    """The store's timestamp: UTC, ISO 8601, to the second."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def rows_in(db, sql: str, ids: Sequence, *, before: Sequence = ()) -> Iterator:
    """The rows of `sql`, whose `{marks}` stands for one `?` per id, over `ids` CHUNK at a time (`before`: the
    parameters that come ahead of the ids)."""
    for i in range(0, len(ids), CHUNK):
        part = list(ids[i:i + CHUNK])
        yield from db.execute(sql.format(marks=",".join("?" * len(part))), [*before, *part])
