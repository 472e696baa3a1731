"""The `desk_events` row of a fused event: the columns the review desk filters and sorts on (migration 0004_users),
computed from the fused record on every write (`sql_fusion.write_fused`), so that a list of 100,000 events is a
query on small indexed rows, not a pass over JSON records. The migration's backfill computes the same values in SQL
for records stored before it."""
from __future__ import annotations

from .migrations import DESK_COLUMN_TYPES

DESK_COLUMNS = tuple(c for c, _ in DESK_COLUMN_TYPES)
ACTOR_KEYS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")


def desk_values(record: dict) -> tuple:
    """The DESK_COLUMNS values of one fused record, in order."""
    computed = {
        "sort_day": record.get("event_date") or record.get("date_start") or "",
        "actors": " | ".join(record.get(k) or "" for k in ACTOR_KEYS).lower(),
    }
    return tuple(computed[c] if c in computed else record.get(c) for c in DESK_COLUMNS)
