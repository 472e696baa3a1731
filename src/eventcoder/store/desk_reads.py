"""What the review desk (`eventcoder serve`) reads from a SQL store: pages of fused events under an `EventFilter`,
the names to filter by, map points, counts per day and type, and one fused event with the reports it was fused
from (each report's text, repair warnings, its own events with their evidence and `--explain` reasons).

The fused records are those `export` writes; the list filters and sorts on their `desk_events` rows (migration
0004_users, `desk_columns.py`), newest first (by event date, else the start of its date range; undated events
last), and reads the records of the page only. The names to filter by are read once per state of the data (the
change log's last entry and the number of events say when it changed)."""
from __future__ import annotations

import json
from dataclasses import dataclass

from .desk_filter import EventFilter
from .sql_rows import rows_in

FACETS = ("country", "admin1", "event_type", "sub_event_type")
ORDER = " ORDER BY f.sort_day DESC, f.id DESC"


@dataclass
class DeskPage:
    events: list[dict]          # fused records, each with "review_status"
    total: int                  # events matching the filter, all pages
    page: int
    per_page: int


class DeskReads:
    """Mixed into SQLStore (needs its `db`, `_events_by_id`)."""

    def desk_facets(self) -> dict[str, list[str]]:
        """The stored names of each facet, sorted: what the desk's filters offer."""
        version = tuple(self.db.execute("SELECT (SELECT MAX(seq) FROM changes), (SELECT count(*) FROM desk_events)")
                        .fetchone())
        cached = getattr(self, "_desk_facets", None)
        if cached is None or cached[0] != version:
            cached = (version, {facet: [r[0] for r in self.db.execute(
                f"SELECT DISTINCT {facet} FROM desk_events WHERE {facet} IS NOT NULL ORDER BY {facet}")]
                for facet in FACETS})
            self._desk_facets = cached
        return {facet: list(names) for facet, names in cached[1].items()}

    def desk_filter(self, flt: EventFilter) -> EventFilter:
        """`flt` with its names spelled as stored (any case matches)."""
        facets = self.desk_facets()
        names = {f: {v.lower(): v for v in facets[f]} for f in ("country", "admin1")}
        names["event_type"] = {v.lower(): v for v in facets["event_type"] + facets["sub_event_type"]}
        return flt.canonical(names)

    def _from(self, flt: EventFilter) -> tuple[str, list]:
        where, args = flt.where()
        join = " LEFT JOIN event_reviews r ON r.fused_id = f.id" if flt.joins_reviews() else ""
        return " FROM desk_events f" + join + where, args

    def desk_page(self, flt: EventFilter, page: int = 1, per_page: int = 50) -> DeskPage:
        flt = self.desk_filter(flt)
        sql, args = self._from(flt)
        total = int(self.db.execute("SELECT count(*)" + sql, args).fetchone()[0])
        ids = [r[0] for r in self.db.execute("SELECT f.id" + sql + ORDER + " LIMIT ? OFFSET ?",
                                             [*args, per_page, (page - 1) * per_page])]
        records = {r[0]: r[1] for r in rows_in(self.db, "SELECT id, record FROM fused_events WHERE id IN ({marks})",
                                               ids)}
        statuses = self.review_statuses(ids)
        events = [dict(json.loads(records[i]), review_status=statuses[i]) for i in ids if i in records]
        return DeskPage(events, total, page, per_page)

    def review_statuses(self, fused_ids: list[str]) -> dict[str, str]:
        """Each fused event's review status ("unreviewed" without a reviewer's row)."""
        out = dict.fromkeys(fused_ids, "unreviewed")
        out.update((r[0], r[1]) for r in rows_in(
            self.db, "SELECT fused_id, status FROM event_reviews WHERE fused_id IN ({marks})", fused_ids))
        return out

    def desk_points(self, flt: EventFilter, limit: int = 5000) -> tuple[list[dict], int]:
        """The filtered events that have coordinates, newest first, at most `limit`; and how many there are."""
        flt = self.desk_filter(flt)
        sql, args = self._from(flt)
        sql += (" AND" if " WHERE " in sql else " WHERE") + " f.latitude IS NOT NULL AND f.longitude IS NOT NULL"
        total = int(self.db.execute("SELECT count(*)" + sql, args).fetchone()[0])
        rows = self.db.execute("SELECT f.id, f.latitude, f.longitude, f.event_type, f.sort_day, f.location, "
                               "f.fatalities" + sql + ORDER + " LIMIT ?", [*args, limit]).fetchall()
        keys = ("id", "latitude", "longitude", "event_type", "day", "location", "fatalities")
        return [dict(zip(keys, r)) for r in rows], total

    def desk_day_counts(self, flt: EventFilter) -> list[tuple[str, str, int]]:
        """(day, event type, events) of the filtered events that have a day, oldest first."""
        flt = self.desk_filter(flt)
        sql, args = self._from(flt)
        sql += (" AND" if " WHERE " in sql else " WHERE") + " f.sort_day <> ''"
        return [(r[0], r[1] or "", int(r[2])) for r in self.db.execute(
            "SELECT substr(f.sort_day, 1, 10) AS day, f.event_type, count(*)" + sql +
            " GROUP BY substr(f.sort_day, 1, 10), f.event_type ORDER BY 1, 2", args)]

    def desk_event(self, fused_id: str) -> dict | None:
        """One fused event for its page: {"record", "review_status", "reports": [{"document", "events"}]}; the
        reports in the order the record names them, each with its own events (evidence, `explanation`)."""
        row = self.db.execute("SELECT record FROM fused_events WHERE id=?", (fused_id,)).fetchone()
        if row is None:
            return None
        record = json.loads(row[0])
        member_ids = [r[0] for r in self.db.execute(
            "SELECT event_id FROM fusion_members WHERE fused_id=? ORDER BY event_id", (fused_id,))]
        events = self._events_by_id(member_ids)
        explained = {r[0]: json.loads(r[1]) for r in rows_in(
            self.db, "SELECT event_id, lines FROM event_explanations WHERE event_id IN ({marks})", member_ids)}
        doc_ids = list(dict.fromkeys((record.get("reports") or []) + [e["doc_id"] for e in events]))
        docs = {r["id"]: dict(r) for r in rows_in(
            self.db, "SELECT id, text, title, url, source, published_at, origin, warnings, coded_at FROM documents "
                     "WHERE id IN ({marks})", doc_ids)}
        reports = []
        for doc_id in doc_ids:
            if doc_id not in docs:
                continue
            doc = docs[doc_id]
            doc["warnings"] = json.loads(doc["warnings"] or "[]")
            mine = [dict(e, explanation=explained.get(e["id"], [])) for e in events if e["doc_id"] == doc_id]
            reports.append({"document": doc, "events": mine})
        return {"record": record, "review_status": self.review_statuses([fused_id])[fused_id], "reports": reports}
