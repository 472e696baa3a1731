"""The review desk's pages for coders (issue 18): the edit form of an event (ACLED's vocabularies as choices, the
place looked up in the gazetteer), accept and reject, merge two events, split one, the review queue with bulk
decisions on a filtered list. The event page (`pages.py`) shows the review panel and the history
(`templates/review_panel.html`). Every form carries its CSRF token; every decision goes through `review/desk.py`
under the signed-in user's name."""
from __future__ import annotations

from urllib.parse import quote, urlencode

from fastapi import Depends, HTTPException, Request
from fastapi.responses import RedirectResponse

from ..errors import EventcoderError
from ..model import EVENT_FIELD_GROUPS
from ..review import desk
from ..errors import UnknownEvent
from ..review.fields import ReviewError
from ..review.vocab import vocabularies
from ..store.desk_filter import EventFilter
from .auth import desk_router
from .params import event_filter
from .pages import filter_context
from .stores import store_of
from .templating import render

router = desk_router("coder", include_in_schema=False)
# the edit form's sections: the event's field groups (`model.EVENT_FIELD_GROUPS`), its type first
FORM_GROUPS = [("Type", ("event_type", "sub_event_type", "disorder_type", "factuality")),
               *((name.capitalize(), names) for name, names in EVENT_FIELD_GROUPS.items())]


def _shown_value(value) -> str:
    return "" if value is None else str(value)


def _edit_form(request: Request, fused_id: str, values: dict | None = None, error: str | None = None,
               status_code: int = 200):
    event = store_of(request).fused_event(fused_id)
    if event is None:
        raise HTTPException(404, f"no event {fused_id} in this database")
    voc = vocabularies()
    fields = {f: {"name": f, "kind": k, "choices": voc.choices(f),
                  "value": (values or {}).get(f, _shown_value(event.get(f))),
                  "corrected": ((event.get("review") or {}).get("corrected") or {}).get(f)}
              for f, k in voc.kinds.items()}
    groups = [(title, [fields.pop(f) for f in names if f in fields]) for title, names in FORM_GROUPS]
    groups.append(("Other", list(fields.values())))
    return render(request, "review_edit.html", {"event": event, "groups": groups, "error": error,
                                                "note": (values or {}).get("note", "")}, status_code=status_code)


@router.get("/events/{fused_id}/edit")
def edit_page(request: Request, fused_id: str):
    return _edit_form(request, fused_id)


@router.post("/events/{fused_id}/edit")
async def edit(request: Request, fused_id: str):
    """Correct the fields the reviewer changed in the form (those equal to the shown value are left alone)."""
    store = store_of(request)
    event = store.fused_event(fused_id)
    if event is None:
        raise HTTPException(404, f"no event {fused_id} in this database")
    form = await request.form()
    values = {k: str(v) for k, v in form.items() if isinstance(v, str)}
    changes = {f: values[f] for f in vocabularies().kinds
               if f in values and values[f].strip() != _shown_value(event.get(f))}
    if not changes:
        return _edit_form(request, fused_id, values, "nothing changed: edit a field, or go back", 400)
    try:
        desk.correct(store, fused_id, changes, request.state.user.name, values.get("note") or None)
    except EventcoderError as exc:
        return _edit_form(request, fused_id, values, str(exc), 400)
    return RedirectResponse(f"/events/{quote(fused_id)}#review", status_code=303)


async def _decision(request: Request, action) -> RedirectResponse:
    form = await request.form()
    note = form.get("note") if isinstance(form.get("note"), str) else None
    try:
        target = action(store_of(request), request.state.user.name, note or None, form)
    except UnknownEvent as exc:
        raise HTTPException(404, str(exc)) from None
    except EventcoderError as exc:
        raise HTTPException(400, str(exc)) from None
    return RedirectResponse(target, status_code=303)


@router.post("/events/merge")
async def merge(request: Request):
    def act(store, user, note, form):
        keep, other = (str(form.get(k) or "").strip() for k in ("keep", "other"))
        return f"/events/{quote(desk.merge(store, keep, other, user, note))}#review"
    return await _decision(request, act)


@router.post("/events/{fused_id}/accept")
async def accept(request: Request, fused_id: str):
    return await _decision(request, lambda store, user, note, form: (
        desk.accept(store, [fused_id], user, note), f"/events/{quote(fused_id)}#review")[1])


@router.post("/events/{fused_id}/reject")
async def reject(request: Request, fused_id: str):
    return await _decision(request, lambda store, user, note, form: (
        desk.reject(store, [fused_id], user, note), f"/events/{quote(fused_id)}#review")[1])


@router.post("/events/{fused_id}/split")
async def split(request: Request, fused_id: str):
    def act(store, user, note, form):
        reports = [r for r in form.getlist("report") if isinstance(r, str)]
        return f"/events/{quote(desk.split(store, fused_id, reports, user, note))}#review"
    return await _decision(request, act)


@router.get("/review")
def queue_page(request: Request, flt: EventFilter = Depends(event_filter), by: str = "confidence",
               flagged: bool = False):
    if by not in desk.QUEUE_ORDERS:
        raise HTTPException(400, f"by must be one of {', '.join(desk.QUEUE_ORDERS)}")
    if flt.review_status:
        raise HTTPException(400, "the queue holds the events still to review; filter by review status in the "
                                 "events list instead")
    events = desk.queue(store_of(request), by, 200, flagged, flt=flt)
    query = urlencode({**flt.as_query(), "by": by, **({"flagged": "true"} if flagged else {})})
    return render(request, "review_queue.html", {**filter_context(request, flt), "events": events, "by": by,
                                                 "flagged": flagged, "back": "/review?" + query})


@router.post("/review/bulk")
async def bulk(request: Request):
    def act(store, user, note, form):
        ids = [i for i in form.getlist("id") if isinstance(i, str)]
        status = {"accept": "accepted", "reject": "rejected"}.get(str(form.get("decision")))
        if status is None:
            raise ReviewError("choose accept or reject")
        if not ids:
            raise ReviewError("select the events to decide on")
        desk.decide(store, ids, status, user, note)
        back = str(form.get("back") or "/review")
        return back if back.startswith("/review") else "/review"
    return await _decision(request, act)
