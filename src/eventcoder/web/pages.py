"""The desk's pages for every signed-in user: the events list (filters, paging) and one event's page (its fields
with their evidence, reasons and provenance; the reports it was fused from, the words behind each field marked)."""
from __future__ import annotations

from urllib.parse import urlencode

from fastapi import Depends, HTTPException, Request
from fastapi.responses import RedirectResponse

from ..model import contract_fields
from ..store.desk_filter import REVIEW_STATUSES, EventFilter
from .auth import desk_router
from .evidence import pieces, report_spans
from .params import event_filter, paging
from .stores import store_of
from .templating import render

router = desk_router("viewer", include_in_schema=False)

# the fields an event page lists, in the contract's order (ids and the evidence itself are shown otherwise)
SHOWN_FIELDS = tuple(f for f in contract_fields() if f not in {"id", "doc_id", "evidence", "inferred"})


@router.get("/")
def home():
    return RedirectResponse("/events", status_code=303)


def filter_context(request: Request, flt: EventFilter) -> dict:
    """What every filtered page (list, map, timeline) shows above its content: the filter form and its choices."""
    return {"filter": flt, "facets": store_of(request).desk_facets(), "statuses": REVIEW_STATUSES,
            "query": urlencode(flt.as_query())}


@router.get("/events")
def events_page(request: Request, flt: EventFilter = Depends(event_filter), pg: tuple = Depends(paging)):
    page = store_of(request).desk_page(flt, *pg)
    pages = max(1, -(-page.total // page.per_page))
    def link(n):
        return "/events?" + urlencode({**flt.as_query(), "page": n, "per_page": page.per_page})
    return render(request, "events.html", {**filter_context(request, flt), "page": page, "pages": pages,
                                           "prev": link(page.page - 1) if page.page > 1 else None,
                                           "next": link(page.page + 1) if page.page < pages else None})


@router.get("/events/{fused_id}")
def event_page(request: Request, fused_id: str):
    found = store_of(request).desk_event(fused_id)
    if found is None:
        raise HTTPException(404, f"no event {fused_id} in this database")
    record = found["record"]
    reports = [dict(r, pieces=pieces(r["document"]["text"] or "",
                                     report_spans(record, r["document"]["id"], r["events"]),
                                     r["document"]["warnings"]))
               for r in found["reports"]]
    evidence = {}
    for e in record.get("evidence") or []:
        evidence.setdefault(e["field"], []).append(e)
    return render(request, "event.html", {"event": record, "review_status": found["review_status"],
                                          "reports": reports, "fields": SHOWN_FIELDS, "evidence": evidence,
                                          "inferred": record.get("inferred") or {},
                                          "provenance": record.get("provenance") or {},
                                          "history": found.get("history", [])})
