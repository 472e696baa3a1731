"""The living dataset as a SQL store shows it: fused events (what `export` writes), the change log (`eventcoder
changes`), and a reviewer's merges and unfusings (`eventcoder events merge|unfuse`), which fusion remembers."""
from __future__ import annotations

import json
from typing import Iterator

from ..errors import StoreError
from ..fuse.living import refuse
from .sql_rows import utc_now


class LivingDataset:
    """Mixed into SQLStore (needs its `db`, `dialect`, `rules`, `writing`, `_fusion`)."""

    def fused_events(self, *, country: str | None = None, since: str | None = None, until: str | None = None,
                     event_type: str | None = None) -> Iterator[dict]:
        """Stored fused events as `fuse` writes them, in the order they were made, filtered like `events`."""
        for (text,) in self.db.execute("SELECT record FROM fused_events ORDER BY created_seq, id").fetchall():
            rec = json.loads(text)
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
        """The change log from `since` (an ISO date or time, inclusive), oldest first."""
        rows = self.db.execute("SELECT seq, at, change, fused_id, fields, reports, other_ids, run_id FROM changes "
                               "WHERE at >= ? ORDER BY seq", (since or "",)).fetchall()
        for r in rows:
            yield {"seq": r[0], "at": r[1], "change": r[2], "event_id": r[3],
                   "fields": json.loads(r[4]) if r[4] else None, "reports": json.loads(r[5]) if r[5] else None,
                   "other_ids": json.loads(r[6]) if r[6] else None, "run_id": r[7]}

    def merge_fused(self, keep: str, other: str) -> None:
        """A reviewer's merge: the two fused events become one (the older id survives), and stay one."""
        a, b = [e for e, _ in self._members(keep)], [e for e, _ in self._members(other)]
        self._decide([("merge", a[0], b[0])], a + b)

    def unfuse(self, fused_id: str, report: str) -> None:
        """A reviewer's unfusing: the events of `report` (a doc id or an event id) leave `fused_id` and never join
        its other reports again."""
        rows = self._members(fused_id)
        members = [e for e, _ in rows]
        out = [e for e, d in rows if report in (e, d)]
        if not out:
            raise StoreError(f"{report} is not a report or event of {fused_id}; its reports are "
                             f"{', '.join(sorted({d for _, d in rows}))}")
        if len(out) == len(rows):
            raise StoreError(f"{report} is all of {fused_id}: there is nothing to unfuse it from")
        self._decide([("apart", e, m) for e in out for m in members if m not in out], members)

    def _members(self, fused_id: str) -> list[tuple[str, str]]:
        """(event id, doc id) of the reports' events fused into `fused_id`, by event id."""
        rows = [(r[0], r[1]) for r in self.db.execute("SELECT event_id, doc_id FROM fusion_members WHERE fused_id=? "
                                                      "ORDER BY event_id", (fused_id,))]
        if not rows:
            raise StoreError(f"no fused event {fused_id} in this database; `eventcoder export --format jsonl` lists "
                             f"them with their ids")
        return rows

    def _decide(self, links: list[tuple[str, str, str]], touched: list[str]) -> None:
        with self.writing() as db:
            db.executemany(self.dialect.upsert("manual_links", ("kind", "event_a", "event_b", "created_at"),
                                               "kind, event_a, event_b"),
                           [(k, a, b, utc_now()) for k, a, b in links])
            refuse(self._fusion(), [], [], self.rules, touched=touched)
