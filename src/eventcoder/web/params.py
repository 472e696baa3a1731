"""The query parameters the desk's list, map, timeline and API share: the filters (`EventFilter`) and paging,
declared once so that `/openapi.json` describes them the same way everywhere. An empty parameter is no filter (the
list's form sends its empty fields); a malformed one is a 422 that says what was expected."""
from __future__ import annotations

import datetime as dt

from fastapi import Query
from fastapi.exceptions import RequestValidationError

from ..store.desk_filter import REVIEW_STATUSES, EventFilter

MAX_PER_PAGE = 200
DAY = r"^(\d{4}-\d{2}-\d{2})?$"
CONFIDENCE = r"^\s*(0(\.\d{1,6})?|1(\.0{1,6})?|\.\d{1,6})?\s*$"
STATUS = "^(" + "|".join(REVIEW_STATUSES) + ")?$"


def _text(value: str | None) -> str | None:
    """A filter text as typed, without NULs (no database stores them) and surrounding space; None when empty."""
    value = (value or "").replace("\x00", "").strip()
    return value or None


def _day(name: str, value: str | None) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise RequestValidationError([{"type": "value_error", "loc": ("query", name), "input": value,
                                       "msg": f"{name}={value!r} is no day; give YYYY-MM-DD"}]) from None


def event_filter(
        country: str | None = Query(None, max_length=200, description="country name, any case"),
        admin1: str | None = Query(None, max_length=200, description="first-level region, any case"),
        since: str | None = Query(None, pattern=DAY, description="events on or after this day (YYYY-MM-DD)"),
        until: str | None = Query(None, pattern=DAY, description="events on or before this day (YYYY-MM-DD)"),
        event_type: str | None = Query(None, max_length=200, description="event type or sub-event type, any case"),
        actor: str | None = Query(None, max_length=200, description="part of an actor's name, any case"),
        min_confidence: str | None = Query(None, pattern=CONFIDENCE,
                                           description="events coded with at least this confidence (0 to 1)"),
        review_status: str | None = Query(None, pattern=STATUS,
                                          description="a reviewer's status: " + ", ".join(REVIEW_STATUSES)),
) -> EventFilter:
    return EventFilter(country=_text(country), admin1=_text(admin1), since=_day("since", since),
                       until=_day("until", until), event_type=_text(event_type), actor=_text(actor),
                       min_confidence=float(min_confidence) if _text(min_confidence) else None,
                       review_status=review_status or None)


def paging(page: int = Query(1, ge=1, le=1_000_000, description="page number, from 1"),
           per_page: int = Query(50, ge=1, le=MAX_PER_PAGE, description="events per page")) -> tuple[int, int]:
    return page, per_page
