"""The living dataset as a SQL store shows it: fused events (what `export` writes, with a reviewer's values over the
coder's: `sql_review.py`) and the change log (`eventcoder changes`)."""
from __future__ import annotations

import json
from typing import Iterator

from .sql_review import shown

SHOWN = ("unreviewed", "accepted")      # the review statuses the dataset shows and exports (not "rejected")


class LivingDataset:
    """Mixed into SQLStore (needs its `db` and the review reads of `ReviewedDataset`)."""

    def fused_events(self, *, country: str | None = None, since: str | None = None, until: str | None = None,
                     event_type: str | None = None, status: tuple[str, ...] | None = None,
                     flagged: bool = False) -> Iterator[dict]:
        """Stored fused events as the dataset shows them (`fuse`'s records with a reviewer's values over the
        coder's), in the order they were made, filtered like `events` (on the values shown), by review `status`
        (any of desk_filter.REVIEW_STATUSES) and to those flagged for a second look."""
        states, fields = self._states(), self._fields()
        for fid, text in self.db.execute("SELECT id, record FROM fused_events ORDER BY created_seq, id").fetchall():
            state = states.get(fid)
            if status is not None and ((state or {}).get("status") or "unreviewed") not in status:
                continue
            if flagged and not (state or {}).get("flag"):
                continue
            rec = shown(json.loads(text), state, fields.get(fid, {}))
            if country and (rec.get("country") or "").lower() != country.lower():
                continue
            day = rec.get("event_date") or ""
            if (since and (not day or day < since)) or (until and (not day or day > until)):
                continue
            if event_type and event_type.lower() not in ((rec.get("event_type") or "").lower(),
                                                         (rec.get("sub_event_type") or "").lower()):
                continue
            yield rec

    def changes(self, since: str | None = None) -> Iterator[dict]:
        """The change log from `since` (an ISO date or time, inclusive), oldest first; `reviewer` names who
        decided a review, merge or split (None for coding)."""
        rows = self.db.execute("SELECT seq, at, change, fused_id, fields, reports, other_ids, run_id, reviewer "
                               "FROM changes WHERE at >= ? ORDER BY seq", (since or "",)).fetchall()
        for r in rows:
            yield {"seq": r[0], "at": r[1], "change": r[2], "event_id": r[3],
                   "fields": json.loads(r[4]) if r[4] else None, "reports": json.loads(r[5]) if r[5] else None,
                   "other_ids": json.loads(r[6]) if r[6] else None, "run_id": r[7], "reviewer": r[8]}
