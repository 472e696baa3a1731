"""The desk's JSON API, described at `/openapi.json`: the fused events under the list's filters and paging
(`/api/events`, an object whose `events` holds the page), one event with the reports it was fused from
(`/api/events/{id}`), the names to filter by (`/api/facets`) and the map's points (`/api/points`). Every route
takes a bearer token (`eventcoder users token NAME`) or a session."""
from __future__ import annotations

from typing import Any

from fastapi import Depends, HTTPException, Query, Request
from pydantic import BaseModel

from ..store.desk_filter import EventFilter
from .auth import desk_router
from .params import event_filter, paging
from .stores import store_of

router = desk_router("viewer", prefix="/api", tags=["events"])


class EventPage(BaseModel):
    events: list[dict[str, Any]]       # fused records as `export --format jsonl` writes them, with review_status
    total: int
    page: int
    per_page: int


class EventDetail(BaseModel):
    event: dict[str, Any]              # the fused record
    review_status: str
    reports: list[dict[str, Any]]      # {"document": {...}, "events": [the report's own events]}


class Facets(BaseModel):
    country: list[str]
    admin1: list[str]
    event_type: list[str]
    sub_event_type: list[str]


class Points(BaseModel):
    points: list[dict[str, Any]]       # id, latitude, longitude, event_type, day, location, fatalities
    total: int                         # filtered events with coordinates (points holds at most `limit`)


@router.get("/events", response_model=EventPage)
def list_events(request: Request, flt: EventFilter = Depends(event_filter), pg: tuple = Depends(paging)):
    """Fused events, newest first, filtered and paged as the events list is."""
    page = store_of(request).desk_page(flt, *pg)
    return EventPage(events=page.events, total=page.total, page=page.page, per_page=page.per_page)


@router.get("/events/{fused_id}", response_model=EventDetail, responses={404: {"description": "no such event"}})
def get_event(request: Request, fused_id: str):
    """One fused event, with each report it was fused from and that report's own events."""
    found = store_of(request).desk_event(fused_id)
    if found is None:
        raise HTTPException(404, f"no event {fused_id} in this database")
    return EventDetail(event=found["record"], review_status=found["review_status"], reports=found["reports"])


@router.get("/facets", response_model=Facets)
def facets(request: Request):
    """The countries, regions and types stored: the values the filters take."""
    return Facets(**store_of(request).desk_facets())


@router.get("/points", response_model=Points)
def points(request: Request, flt: EventFilter = Depends(event_filter),
           limit: int = Query(5000, ge=1, le=20000, description="at most this many points, newest first")):
    """The filtered events that have coordinates, for the map."""
    found, total = store_of(request).desk_points(flt, limit)
    return Points(points=found, total=total)
