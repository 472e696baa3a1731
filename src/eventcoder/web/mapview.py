"""The map (Leaflet on the bundled country outlines; its points come from `/api/points` under the same filters)
and the timeline (events per day by type, drawn as SVG on the server)."""
from __future__ import annotations

from fastapi import Depends, Request

from ..store.desk_filter import EventFilter
from .auth import desk_router
from .pages import filter_context
from .params import event_filter
from .stores import store_of
from .templating import render
from .timeline import HEIGHT, WIDTH, bars

router = desk_router("viewer", include_in_schema=False)


@router.get("/map")
def map_page(request: Request, flt: EventFilter = Depends(event_filter)):
    return render(request, "map.html", filter_context(request, flt))


@router.get("/timeline")
def timeline_page(request: Request, flt: EventFilter = Depends(event_filter)):
    drawn, unit, types = bars(store_of(request).desk_day_counts(flt))
    return render(request, "timeline.html", {**filter_context(request, flt), "bars": drawn, "unit": unit,
                                             "types": types, "width": WIDTH, "height": HEIGHT})
