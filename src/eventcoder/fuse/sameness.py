"""Whether two coded events are one event, and if not, why: the rules of data/fusion_rules.json applied to a pair.

`apart(a, b, rules)` -> None when they can be one event, else the reason they are two; `apart_from_cluster` checks an
event against every member of a cluster (so a town's event never joins another town's through a governorate-level
event both would fit).
"""
from __future__ import annotations

from ..geo.distance import distance_km
from .report_event import ReportEvent
from .rules import FusionRules


def apart(a: ReportEvent, b: ReportEvent, rules: FusionRules) -> str | None:
    if a.doc_id == b.doc_id:
        return "both come from one report, whose coder told them apart"
    if a.alone or b.alone:
        return f"{(a if a.alone else b).label}: {a.alone or b.alone}"
    if a.block != b.block:
        return "different event types or areas"
    if not rules.sub_events_agree(a.sub_event_type, b.sub_event_type):
        return f"sub-event types differ ({a.sub_event_type} / {b.sub_event_type})"
    gap = days_apart(a, b)
    if gap > rules.tolerance_days:
        return f"{gap} days apart (more than {rules.tolerance_days})"
    where = place_apart(a, b, rules)
    if where:
        return where
    if dyads_conflict(a, b, rules):
        return f"different actors ({' / '.join(sorted(a.actors))} vs {' / '.join(sorted(b.actors))})"
    return None


def apart_from_cluster(ev: ReportEvent, members: list[ReportEvent], rules: FusionRules) -> str | None:
    for m in members:
        why = apart(ev, m, rules)
        if why:
            return f"apart from {m.label}: {why}"
    return None


def days_apart(a: ReportEvent, b: ReportEvent) -> int:
    """0 when the date ranges overlap, else the days between them."""
    if a.end < b.start:
        return (b.start - a.end).days
    if b.end < a.start:
        return (a.start - b.end).days
    return 0


def place_apart(a: ReportEvent, b: ReportEvent, rules: FusionRules) -> str | None:
    if a.coarse or b.coarse or (a.place and a.place == b.place):
        return None                       # one within the other (same admin1: same block), or the same name
    if a.point and b.point and distance_km(*a.point, *b.point) <= rules.same_point_km:
        return None
    return f"different places ({a.location} / {b.location})"


def dyads_conflict(a: ReportEvent, b: ReportEvent, rules: FusionRules) -> bool:
    n = rules.conflict_when_both_name
    return len(a.actors) >= n and len(b.actors) >= n and not (a.actors & b.actors)


def why_same(a: ReportEvent, b: ReportEvent, rules: FusionRules) -> str:
    """The sameness of two events `apart` found no reason to keep apart, in words (for --explain)."""
    subs = {a.sub_event_type, b.sub_event_type}
    kind = (f"same sub-event type ({subs.pop()})" if len(subs) == 1 else
            f"compatible sub-event types ({' / '.join(sorted(subs))})")
    gap = days_apart(a, b)
    day = "same day" if gap == 0 else f"{gap} day(s) apart"
    if a.coarse or b.coarse:
        wide, fine = (a, b) if a.coarse else (b, a)
        place = f"{wide.location} holds {fine.location}"
    elif a.place == b.place:
        place = f"same place ({a.location})"
    else:
        place = f"{a.location} and {b.location} within {rules.same_point_km:g} km"
    return f"{kind}, {day}, {place}"
