"""Publication dates as readers find them in records, CSV cells and page metadata.

`parse_date` is lenient by contract: a value it cannot read is None, and the caller decides whether that is worth a
warning (a JSONL record's `published_at` is; a page's metadata date is not).
"""
from __future__ import annotations

import datetime as dt


def parse_date(value) -> dt.date | None:
    """A publication date from 'YYYY-MM-DD' (a longer ISO timestamp is cut to its date); None if unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None
