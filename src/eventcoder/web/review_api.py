"""The review desk's JSON API for scripts and other tools (issue 18): correct an event's fields
(`PATCH /api/events/{id}`), accept or reject it, merge two, split one, decide on many at once; read an event's
history, the review queue, the vocabularies a correction takes and the gazetteer's places. Each decision is recorded
under the token's (or session's) user, like an edit in the page (`review/desk.py`). Reading needs a viewer; deciding
needs a coder; a session needs its CSRF token (`X-CSRF-Token`), a bearer token none."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Literal

from fastapi import Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field

from ..errors import EventcoderError
from ..review import desk
from ..errors import UnknownEvent
from ..review.vocab import vocabularies
from ..store.desk_filter import EventFilter
from .auth import desk_router
from .params import event_filter
from .stores import store_of

reader = desk_router("viewer", prefix="/api", tags=["review"])
writer = desk_router("coder", prefix="/api", tags=["review"])
NOTE = Field(None, max_length=2000, description="why: kept with the decision in the event's history")


class Correction(BaseModel):
    fields: dict[str, Any] = Field(..., description="field -> new value (null or \"\" clears it); see "
                                                    "/api/vocabularies for the fields and the values they take")
    note: str | None = NOTE


class Decision(BaseModel):
    note: str | None = NOTE


class Merge(BaseModel):
    keep: str = Field(..., max_length=200)
    other: str = Field(..., max_length=200)
    note: str | None = NOTE


class Split(BaseModel):
    reports: list[str] = Field(..., min_length=1, max_length=500,
                               description="document ids or per-report event ids to move into a new event")
    note: str | None = NOTE


class Bulk(BaseModel):
    decision: Literal["accept", "reject"]
    ids: list[str] = Field(..., min_length=1, max_length=5000)
    note: str | None = NOTE


class Reviewed(BaseModel):
    event: dict[str, Any]              # the fused event as the dataset shows it, with `review`
    history: list[dict[str, Any]]


class Decided(BaseModel):
    ids: list[str]                     # the events decided on (merge: the survivor; split: the new event)


class Queue(BaseModel):
    events: list[dict[str, Any]]


@contextmanager
def answered():
    """A review error as an answer: 404 for an unknown event, 400 with what is allowed otherwise."""
    try:
        yield
    except UnknownEvent as exc:
        raise HTTPException(404, str(exc)) from None
    except EventcoderError as exc:
        raise HTTPException(400, str(exc)) from None


def _reviewed(store, fused_id: str) -> Reviewed:
    event = store.fused_event(fused_id)
    if event is None:
        raise HTTPException(404, str(UnknownEvent(fused_id)))
    return Reviewed(event=event, history=store.history(fused_id))


@writer.patch("/events/{fused_id}", response_model=Reviewed, responses={404: {"description": "no such event"}})
def correct(request: Request, fused_id: str, body: Correction):
    """Correct fields of a fused event (checked against ACLED's vocabularies and the gazetteer)."""
    store = store_of(request)
    with answered():
        desk.correct(store, fused_id, body.fields, request.state.user.name, body.note)
    return _reviewed(store, fused_id)


@writer.post("/events/merge", response_model=Decided, responses={404: {"description": "no such event"}})
def merge(request: Request, body: Merge):
    """Make two fused events one; `ids` holds the surviving (older) id."""
    with answered():
        return Decided(ids=[desk.merge(store_of(request), body.keep, body.other, request.state.user.name,
                                       body.note)])


@writer.post("/events/bulk", response_model=Decided, responses={404: {"description": "no such event"}})
def bulk(request: Request, body: Bulk):
    """Accept or reject many events at once (one transaction)."""
    status = {"accept": "accepted", "reject": "rejected"}[body.decision]
    with answered():
        desk.decide(store_of(request), body.ids, status, request.state.user.name, body.note)
    return Decided(ids=body.ids)


@writer.post("/events/{fused_id}/accept", response_model=Reviewed, responses={404: {"description": "no such event"}})
def accept(request: Request, fused_id: str, body: Decision | None = None):
    """Accept the event as shown."""
    with answered():
        desk.accept(store_of(request), [fused_id], request.state.user.name, body.note if body else None)
    return _reviewed(store_of(request), fused_id)


@writer.post("/events/{fused_id}/reject", response_model=Reviewed, responses={404: {"description": "no such event"}})
def reject(request: Request, fused_id: str, body: Decision | None = None):
    """Reject the event: it leaves the dataset and its export."""
    with answered():
        desk.reject(store_of(request), [fused_id], request.state.user.name, body.note if body else None)
    return _reviewed(store_of(request), fused_id)


@writer.post("/events/{fused_id}/split", response_model=Decided, responses={404: {"description": "no such event"}})
def split(request: Request, fused_id: str, body: Split):
    """Move reports out of the event into a new one; `ids` holds the new event's id."""
    with answered():
        return Decided(ids=[desk.split(store_of(request), fused_id, body.reports, request.state.user.name,
                                       body.note)])


@reader.get("/events/{fused_id}/history", response_model=Reviewed, responses={404: {"description": "no such event"}})
def history(request: Request, fused_id: str):
    """The event as shown, and every review action on it, oldest first."""
    return _reviewed(store_of(request), fused_id)


@reader.get("/review/queue", response_model=Queue)
def queue(request: Request, flt: EventFilter = Depends(event_filter),
          by: Literal["confidence", "date"] = Query("confidence", description="least confident or newest first"),
          flagged: bool = Query(False, description="only events flagged for a second look"),
          limit: int = Query(50, ge=1, le=1000)):
    """The events to review next: flagged ones first, then those not yet accepted or rejected."""
    if flt.review_status:
        raise HTTPException(400, "the queue holds the events still to review; filter /api/events by review_status")
    with answered():
        return Queue(events=desk.queue(store_of(request), by, limit, flagged, flt=flt))


@reader.get("/vocabularies")
def vocabulary() -> dict[str, Any]:
    """Each field a reviewer corrects, its kind, and the values it takes where they are closed."""
    voc = vocabularies()
    return {"fields": {f: {"kind": k, "choices": [v for v, _ in voc.choices(f) or []] or None}
                       for f, k in voc.kinds.items()}}


@reader.get("/places")
def places(request: Request, name: str = Query(..., min_length=1, max_length=200),
           country: str = Query(..., min_length=1, max_length=200), limit: int = Query(10, ge=1, le=50)):
    """The gazetteer's places called `name` in `country` (what a corrected location takes), most populous first."""
    from ..geo.countries import lookup_country
    from ..geo.gazetteer import default_gazetteer
    found = lookup_country(country)
    if found is None:
        raise HTTPException(400, f"no country called {country!r}")
    g = default_gazetteer()
    rows = [p for p in (g.lookup(name) or g.lookup(name, loose=True)) if p.cc == found.alpha2 and p.kind != "country"]
    rows.sort(key=lambda p: (p.kind not in ("place", "facility"), -(p.population or 0)))
    return {"places": [{"name": p.name, "admin1": p.admin1, "admin2": p.admin2, "kind": p.kind,
                        "latitude": p.lat, "longitude": p.lon, "value": f"{p.name}, {p.admin1}" if p.admin1 else
                        p.name} for p in rows[:limit]]}
