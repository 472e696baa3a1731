"""The review desk's filters over fused events (`eventcoder serve`: the list, the map, the timeline and `/api/events`
take the same ones), and the SQL WHERE they make on the columns of migration 0004_users.

Names (country, admin1, event or sub-event type) match in any case: `canonical` maps what a user typed to the
spelling stored, so the query compares indexed columns exactly. Dates compare the event date, as `export` does (an
event with no date is left out by a date filter). `actor` matches part of any actor's name, in any case.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

# a reviewer's statuses (table event_reviews); a fused event without a row there is "unreviewed"
REVIEW_STATUSES = ("unreviewed", "accepted", "rejected")


@dataclass(frozen=True)
class EventFilter:
    country: str | None = None
    admin1: str | None = None
    since: str | None = None             # YYYY-MM-DD, inclusive
    until: str | None = None
    event_type: str | None = None        # an event type or a sub-event type
    actor: str | None = None             # part of an actor's name
    min_confidence: float | None = None
    review_status: str | None = None     # one of REVIEW_STATUSES

    def canonical(self, names: dict[str, dict[str, str]]) -> "EventFilter":
        """The filter with its names spelled as stored: `names` maps a facet ("country", "admin1", "event_type") to
        {lower-case name: stored name}; a name not stored stays as typed (and matches nothing)."""
        def fix(facet, value):
            return names.get(facet, {}).get(value.strip().lower(), value.strip()) if value else None
        return replace(self, country=fix("country", self.country), admin1=fix("admin1", self.admin1),
                       event_type=fix("event_type", self.event_type))

    def where(self) -> tuple[str, list]:
        """(" WHERE ..." or "", its parameters), on `fused_events f` LEFT JOINed with `event_reviews r`."""
        conds, args = [], []
        for cond, val in (("f.country = ?", self.country), ("f.admin1 = ?", self.admin1),
                          ("f.event_date >= ?", self.since), ("f.event_date < ?", _day_after(self.until)),
                          ("(f.event_type = ? OR f.sub_event_type = ?)", self.event_type),
                          ("f.confidence >= ?", self.min_confidence)):
            if val is not None and val != "":
                conds.append(cond)
                args += [val] * cond.count("?")
        if self.actor and self.actor.strip():
            conds.append("f.actors LIKE ? ESCAPE '!'")
            args.append("%" + _like_escaped(self.actor.strip().lower()) + "%")
        if self.review_status == "unreviewed":
            conds.append("(r.status IS NULL OR r.status = 'unreviewed')")
        elif self.review_status:
            conds.append("r.status = ?")
            args.append(self.review_status)
        return (" WHERE " + " AND ".join(conds) if conds else ""), args

    def joins_reviews(self) -> bool:
        return bool(self.review_status)

    def as_query(self) -> dict[str, str]:
        """The filter as the query parameters of the desk's URLs (empty ones left out)."""
        out = {}
        for key in ("country", "admin1", "since", "until", "event_type", "actor", "min_confidence", "review_status"):
            val = getattr(self, key)
            if val is not None and val != "":
                out[key] = str(val)
        return out


def _day_after(until: str | None) -> str | None:
    """The day after `until` (YYYY-MM-DD): dates before it are on or before `until`, with a time or without."""
    return (dt.date.fromisoformat(until[:10]) + dt.timedelta(days=1)).isoformat() if until else None


def _like_escaped(text: str) -> str:
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_")
