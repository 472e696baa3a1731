"""The review desk's operations on a store's fused events, for the CLI (`eventcoder review`), the web app and
scripts: correct fields (checked and completed: `review/fields.py`), accept, reject, merge, split, the queue of
events still to review, and bulk decisions on a filtered set. Each is recorded with the reviewer's name and note."""
from __future__ import annotations

from ..errors import UnknownEvent
from .fields import ReviewError, check_corrections

QUEUE_ORDERS = ("confidence", "date")
OPEN = ("unreviewed",)          # statuses still to decide (an event with corrections but no decision is one)


def _reviewer(name: str | None) -> str:
    if not name or not name.strip():
        raise ReviewError("a review needs the reviewer's name (--user NAME, or $EVENTCODER_USER)")
    return name.strip()


def _event(store, fused_id: str) -> dict:
    event = store.fused_event(fused_id)
    if event is None:
        raise UnknownEvent(fused_id)
    return event


def correct(store, fused_id: str, changes: dict, reviewer: str, note: str | None = None, gazetteer=None) -> dict:
    """Correct fields of `fused_id` ({field: value}; values as text or typed); returns the event as shown after.
    A value outside a field's vocabulary (an unknown sub-event type, a place the gazetteer does not know in the
    event's country) is a ReviewError saying what is allowed, and nothing is recorded."""
    if not changes:
        raise ReviewError("nothing to correct: give FIELD=VALUE pairs")
    fields = check_corrections(_event(store, fused_id), changes, gazetteer)
    store.review([fused_id], _reviewer(reviewer), fields=fields, note=note)
    return store.fused_event(fused_id)


def decide(store, fused_ids: list[str], status: str, reviewer: str, note: str | None = None) -> None:
    """Accept (status "accepted") or reject ("rejected") the events, in one transaction (an unknown one is an
    UnknownEvent, and nothing is recorded)."""
    store.review(list(fused_ids), _reviewer(reviewer), status=status, note=note)


def accept(store, fused_ids: list[str], reviewer: str, note: str | None = None) -> None:
    decide(store, fused_ids, "accepted", reviewer, note)


def reject(store, fused_ids: list[str], reviewer: str, note: str | None = None) -> None:
    decide(store, fused_ids, "rejected", reviewer, note)


def merge(store, keep: str, other: str, reviewer: str, note: str | None = None) -> str:
    """Make two fused events one; the older id survives and is returned."""
    _event(store, keep)
    _event(store, other)
    return store.merge_fused(keep, other, _reviewer(reviewer), note)


def split(store, fused_id: str, reports: list[str], reviewer: str, note: str | None = None) -> str:
    """Move the events of `reports` (doc ids or event ids) out of `fused_id` into a new event; returns its id."""
    _event(store, fused_id)
    if not reports:
        raise ReviewError(f"name the reports to split off {fused_id}")
    return store.split_fused(fused_id, list(reports), _reviewer(reviewer), note)


def status_of(event: dict) -> str:
    return (event.get("review") or {}).get("status") or "unreviewed"


def queue(store, by: str = "confidence", limit: int | None = 20, flagged_only: bool = False, flt=None,
          **filters) -> list[dict]:
    """The events to review next: those flagged for a second look first, then those not yet accepted or
    rejected, least confident first (`by="confidence"`) or newest first (`by="date"`); filtered by the desk's
    filter `flt` (`store.desk_filter.EventFilter`) or by `filters` (country, since, until, event_type)."""
    from ..store.desk_filter import EventFilter
    if by not in QUEUE_ORDERS:
        raise ReviewError(f"unknown queue order {by!r}; use one of {', '.join(QUEUE_ORDERS)}")
    return store.review_queue(flt or EventFilter(**filters), by, limit, flagged_only)


def bulk(store, status: str, reviewer: str, note: str | None = None, *, min_confidence: float | None = None,
         max_confidence: float | None = None, include_reviewed: bool = False, dry_run: bool = False,
         **filters) -> list[str]:
    """Accept or reject every event that passes the filters (country, since, until, event_type, confidence
    bounds), those already accepted or rejected only with `include_reviewed`; returns their ids."""
    ids = [e["id"] for e in store.fused_events(**filters)
           if (include_reviewed or status_of(e) in OPEN)
           and (min_confidence is None or float(e.get("confidence") or 0) >= min_confidence)
           and (max_confidence is None or float(e.get("confidence") or 0) <= max_confidence)]
    if ids and not dry_run:
        decide(store, ids, status, reviewer, note)
    return ids
