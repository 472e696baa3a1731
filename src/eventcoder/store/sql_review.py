"""A reviewer's decisions on the fused events, in the store (migration 0005_review), kept through re-coding and
re-fusion.

- `review_fields`: a corrected field's reviewed value beside the coder's value when it was corrected (the coder's
  current value stays in the fused record, `fused_events.record`); `event_reviews` (migration 0004): unreviewed,
  accepted or rejected, by whom, with the values accepted or rejected (`snapshot`) and the flag for a second look;
  `corrections`: the history (who, when, action, field, before, after, note); the change log (`changes`, with its
  `reviewer`) has the reviews too.
- The desk's rows (`desk_events`, `desk_columns.py`) and its pages (`desk_reads.py`) show the reviewed values:
  `desk_page` and `desk_event` are wrapped here.
- The events of a reviewed fused event are pinned to it (`manual_links` of kind "review", beside a reviewer's merges
  and unfusings): fusion keeps them together under that id and never joins two reviewed events (`fuse/clusters.py`
  Links). A report coded again whose event keeps its words but gets a new sub-event type (so a new event id), or
  whose reviewed event is now anchored on words that overlap the old event's type words, carries its pins and links
  over (`_carry_over`).
- After each fusion, the reviewed events it rewrote get a second look: where the coder's value changed and differs
  from the reviewed one, the event is flagged (the shown value does not change)."""
from __future__ import annotations

import json
from dataclasses import replace

from ..errors import StoreError, UnknownEvent
from ..model import event_id
from ..review.vocab import reviewable_fields
from .desk_columns import DESK_COLUMNS, desk_values
from .sql_rows import rows_in, utc_now

SYSTEM = "eventcoder"                     # the reviewer name of what the program records itself (a flag)
LINK_COLUMNS = ("kind", "event_a", "event_b", "created_at")
REVIEW_KINDS = ("accepted", "rejected")
STATE_COLUMNS = ("fused_id", "status", "user_name", "at", "note", "snapshot", "flag", "flagged_at")


def _dump(v) -> str:
    return json.dumps(v, ensure_ascii=False)


def _load(text):
    return json.loads(text) if text is not None else None


def shown(record: dict, state: dict | None, fields: dict) -> dict:
    """The fused event as the dataset shows it: the coder's values, the values a reviewer accepted, and the
    corrected ones over them; `review` says what is reviewed, with the coder's value beside each correction."""
    if not state and not fields:
        return record
    out = dict(record)
    state = state or {}
    out.update((state.get("snapshot") or {}).get("values") or {})
    out.update((f, r["value"]) for f, r in fields.items())
    out["review"] = {"status": state.get("status") or "unreviewed", "by": state.get("reviewer"),
                     "at": state.get("at"), "note": state.get("note"),
                     "corrected": {f: {"value": r["value"], "coder": record.get(f), "by": r["reviewer"],
                                       "at": r["at"], "note": r["note"]} for f, r in fields.items()},
                     "flag": state.get("flag")}
    return out


class ReviewedDataset:
    """Mixed into SQLStore (needs its `db`, `dialect`, `writing`, `rules`, `_refuse`)."""

    # --- reads -----------------------------------------------------------------------------------------------
    def _states(self, fused_ids=None) -> dict[str, dict]:
        sql = "SELECT fused_id, status, user_name, at, note, snapshot, flag, flagged_at FROM event_reviews"
        rows = self.db.execute(sql).fetchall() if fused_ids is None else \
            list(rows_in(self.db, sql + " WHERE fused_id IN ({marks})", sorted(fused_ids)))
        return {r[0]: {"status": r[1], "reviewer": r[2], "at": r[3], "note": r[4], "snapshot": _load(r[5]),
                       "flag": _load(r[6]), "flagged_at": r[7]} for r in rows}

    def _fields(self, fused_ids=None) -> dict[str, dict]:
        sql = "SELECT fused_id, field, value, coder_value, reviewer, at, note FROM review_fields"
        rows = self.db.execute(sql).fetchall() if fused_ids is None else \
            list(rows_in(self.db, sql + " WHERE fused_id IN ({marks})", sorted(fused_ids)))
        out: dict[str, dict] = {}
        for r in rows:
            out.setdefault(r[0], {})[r[1]] = {"value": _load(r[2]), "coder_value": _load(r[3]), "reviewer": r[4],
                                              "at": r[5], "note": r[6]}
        return out

    def coder_record(self, fused_id: str) -> dict | None:
        """The fused event as fusion made it from the coder's values (no review applied)."""
        row = self.db.execute("SELECT record FROM fused_events WHERE id=?", (fused_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def fused_event(self, fused_id: str) -> dict | None:
        """One fused event as the dataset shows it (reviewed values over the coder's; `review` when reviewed)."""
        record = self.coder_record(fused_id)
        if record is None:
            return None
        return shown(record, self._states([fused_id]).get(fused_id), self._fields([fused_id]).get(fused_id, {}))

    def history(self, fused_id: str) -> list[dict]:
        """Every review action on `fused_id`, oldest first: who, when, what (field, before, after) and why."""
        rows = self.db.execute("SELECT seq, at, reviewer, action, field, old_value, new_value, note FROM corrections "
                               "WHERE fused_id=? ORDER BY seq", (fused_id,)).fetchall()
        return [{"seq": r[0], "at": r[1], "reviewer": r[2], "action": r[3], "field": r[4], "before": _load(r[5]),
                 "after": _load(r[6]), "note": r[7]} for r in rows]

    def _require(self, fused_id: str) -> dict:
        record = self.coder_record(fused_id)
        if record is None:
            raise UnknownEvent(fused_id)
        return record

    # --- decisions -------------------------------------------------------------------------------------------
    def review(self, fused_ids: list[str], reviewer: str, *, fields: dict | None = None, status: str | None = None,
               note: str | None = None) -> None:
        """Record a reviewer's decision on each of `fused_ids`, in one transaction: `fields` ({field: value},
        already checked: `review/fields.py`) corrected, and/or `status` ("accepted" or "rejected") set."""
        if status not in (None, *REVIEW_KINDS):
            raise StoreError(f"unknown review status {status!r}; use one of {', '.join(REVIEW_KINDS)}")
        records = {f: self._require(f) for f in fused_ids}
        with self.writing():
            for fid, record in records.items():
                self._review_one(fid, record, reviewer, fields or {}, status, note)

    def _review_one(self, fid: str, record: dict, reviewer: str, fields: dict, status: str | None, note) -> None:
        now, db = utc_now(), self.db
        state = self._states([fid]).get(fid)
        before = shown(record, state, self._fields([fid]).get(fid, {}))
        changed = [f for f, v in fields.items() if before.get(f) != v]
        for f in fields if changed else ():      # a place's region that stays the same is reviewed with it
            db.execute(self.dialect.upsert("review_fields", ("fused_id", "field", "value", "coder_value", "reviewer",
                                                             "at", "note"), "fused_id, field"),
                       (fid, f, _dump(fields[f]), _dump(record.get(f)), reviewer, now, note))
            if f in changed:
                self._note(fid, reviewer, "correct", f, before.get(f), fields[f], note, now)
        flag = dict((state or {}).get("flag") or {})
        for f in fields:
            flag.pop(f, None)
        new_status = status or (state or {}).get("status") or "unreviewed"
        snapshot = (state or {}).get("snapshot")
        if status:
            after = shown(record, state, self._fields([fid]).get(fid, {}))
            names = (*reviewable_fields(), "interaction")
            snapshot = {"values": {f: after.get(f) for f in names}, "coder": {f: record.get(f) for f in names},
                        "reports": list(record.get("reports") or [])}
            self._seen(fid, record, None)     # the reviewer has seen the coder's values: only a later change flags
            flag = {}
            self._note(fid, reviewer, status[:-2] if status.endswith("ed") else status, None,
                       (state or {}).get("status") or "unreviewed", status, note, now)
        if not changed and not status:
            return
        db.execute(self.dialect.upsert("event_reviews", STATE_COLUMNS, "fused_id"),
                   (fid, new_status, reviewer, now, note, _dump(snapshot) if snapshot else None,
                    _dump(flag) if flag else None, (state or {}).get("flagged_at") if flag else None))
        if changed:
            self._log("corrected", fid, reviewer, fields=changed)
        if status:
            self._log(status, fid, reviewer)
        self._pin(fid)
        self._refresh_desk(fid)

    def _refresh_desk(self, fid: str) -> None:
        """The desk's row of `fid` (`desk_events`) from the values shown: a list filters and sorts on the reviewed
        values."""
        event = self.fused_event(fid)
        if event is not None:
            self.db.execute(self.dialect.upsert("desk_events", ("id", *DESK_COLUMNS), "id"),
                            (fid, *desk_values(event)))

    def review_queue(self, flt, by: str = "confidence", limit: int | None = 50,
                     flagged_only: bool = False) -> list[dict]:
        """The events to review next under the desk's filter `flt` (`desk_filter.EventFilter`), as shown: those
        flagged for a second look first, then those neither accepted nor rejected; least confident first
        (`by="confidence"`) or newest first (`by="date"`). A query on the desk's indexed columns."""
        flt = self.desk_filter(replace(flt, review_status=None))
        where, args = flt.where()
        order = " ORDER BY " + ("f.confidence, f.id" if by == "confidence" else "f.sort_day DESC, f.id")
        rows = []
        todo = ["r.flag IS NOT NULL"] + ([] if flagged_only else
                                         ["r.flag IS NULL AND (r.status IS NULL OR r.status = 'unreviewed')"])
        for cond in todo:                                 # flagged first; each part walks an index in order
            if limit is not None and len(rows) >= limit:
                break
            sql = ("SELECT f.id, e.record FROM desk_events f JOIN fused_events e ON e.id = f.id LEFT JOIN "
                   "event_reviews r ON r.fused_id = f.id" + (where + " AND " if where else " WHERE ") + cond + order)
            rows += self.db.execute(sql + (" LIMIT ?" if limit else ""),
                                    [*args, limit - len(rows)] if limit else args).fetchall()
        ids = [r[0] for r in rows]
        states, fields = self._states(ids), self._fields(ids)
        return [shown(json.loads(r[1]), states.get(r[0]), fields.get(r[0], {})) for r in rows]

    # --- the desk's pages show the reviewed values -----------------------------------------------------------
    def desk_page(self, flt, page: int = 1, per_page: int = 50):
        """`DeskReads.desk_page` with each event as the dataset shows it (`shown`)."""
        out = super().desk_page(flt, page, per_page)
        ids = [e["id"] for e in out.events]
        states, fields = self._states(ids), self._fields(ids)
        out.events = [shown(e, states.get(e["id"]), fields.get(e["id"], {})) for e in out.events]
        return out

    def desk_event(self, fused_id: str) -> dict | None:
        """`DeskReads.desk_event` with the record as shown, the coder's own record and the review history."""
        found = super().desk_event(fused_id)
        if found is not None:
            found.update(record=self.fused_event(fused_id), coder_record=found["record"],
                         history=self.history(fused_id))
        return found

    def _note(self, fid, reviewer, action, field, before, after, note, at=None) -> None:
        self.db.execute("INSERT INTO corrections (at, reviewer, fused_id, action, field, old_value, new_value, note) "
                        "VALUES (?,?,?,?,?,?,?,?)", (at or utc_now(), reviewer, fid, action, field,
                                                     _dump(before), _dump(after), note))

    def _log(self, change: str, fid: str, reviewer: str, **kw) -> None:
        self.db.execute("INSERT INTO changes (at, change, fused_id, fields, reports, other_ids, run_id, reviewer) "
                        "VALUES (?,?,?,?,?,?,?,?)",
                        (utc_now(), change, fid, _dump(kw["fields"]) if kw.get("fields") else None,
                         _dump(kw["reports"]) if kw.get("reports") else None,
                         _dump(kw["other_ids"]) if kw.get("other_ids") else None, None, reviewer))

    def _pin(self, fid: str, event_ids: list[str] | None = None) -> None:
        """Pin the events of `fid` (or `event_ids`) to it: fusion keeps them together under this id."""
        if event_ids is None:
            event_ids = [r[0] for r in self.db.execute("SELECT event_id FROM fusion_members WHERE fused_id=?",
                                                       (fid,))]
        self.db.executemany("DELETE FROM manual_links WHERE kind='review' AND event_a=?", [(e,) for e in event_ids])
        self.db.executemany(self.dialect.upsert("manual_links", LINK_COLUMNS, "kind, event_a, event_b"),
                            [("review", e, fid, utc_now()) for e in event_ids])

    # --- through re-coding and re-fusion ---------------------------------------------------------------------
    def _decided_words(self, doc_id: str) -> dict[str, list[tuple[int, int]]]:
        """The words (type evidence spans) of the report's stored events that a reviewer decided on (a pin, a
        merge, an unfusing), by event id: read before the report is coded again (`_carry_over`)."""
        out: dict[str, list] = {}
        for r in self.db.execute(
                'SELECT e.id, v.start, v."end" FROM events e JOIN evidence v ON v.event_id = e.id WHERE e.doc_id=? '
                "AND v.field IN ('event_type', 'sub_event_type') AND (e.id IN (SELECT event_a FROM manual_links) "
                "OR e.id IN (SELECT event_b FROM manual_links))", (doc_id,)):
            out.setdefault(r[0], []).append((r[1], r[2]))
        return out

    def _carry_over(self, doc, gone: list[str], decided: dict | None = None) -> dict[str, str]:
        """{old id: new id} of the report's events coded again at the same words with another sub-event type (so
        another id), or, for events a reviewer decided on (`decided`: their type words), with anchor words that
        overlap those words; their fusion membership, pins and a reviewer's links move to the new id."""
        from ..extract.taxonomy import taxonomy
        gone_set, renamed = set(gone), {}
        new_ids = {ev.id for ev in doc.events}
        left = []
        for ev in doc.events:
            if ev.id in gone_set:
                continue
            a, b = doc.to_original(*ev.anchor)
            for sub in (*taxonomy().sub_event_types, None):
                old = event_id(doc.id, a, b, sub)
                if old in gone_set and old not in new_ids and old not in renamed:
                    renamed[old] = ev.id
                    break
            else:
                left.append((ev.id, a, b))
        for new, a, b in left:
            old = next((o for o, spans in sorted((decided or {}).items()) if o in gone_set and o not in new_ids
                        and o not in renamed and any(s < b and a < e for s, e in spans)), None)
            if old:
                renamed[old] = new
        for old, new in renamed.items():
            self.db.execute("UPDATE fusion_members SET event_id=? WHERE event_id=?", (new, old))
            self.db.execute("UPDATE manual_links SET event_a=? WHERE event_a=?", (new, old))
            self.db.execute("UPDATE manual_links SET event_b=? WHERE event_b=? AND kind<>'review'", (new, old))
        return renamed

    def _second_look(self, tables) -> None:
        """After a fusion: flag the reviewed events it rewrote where the coder now disagrees with a reviewed value
        (never changing what is shown); note reviewed events it deleted (their reports' events are all gone). A
        fusion that carries out a reviewer's merge or split flags nothing: the reviewer sees the coder's values as
        they now are."""
        ids = tables.written | tables.deleted
        states, fields = self._states(ids), self._fields(ids)
        for fid in sorted(set(states) | set(fields)):
            if fid in tables.deleted and fid not in tables.written:
                self._note(fid, SYSTEM, "lost", None, None, None, "fusion deleted it: its reports' events are gone "
                           "(a report coded again with no event at the same words, or stored as a copy)")
                continue
            if tables.reviewer:
                self._seen(fid, self.coder_record(fid), states.get(fid))
            else:
                self._flag(fid, self.coder_record(fid), states.get(fid) or {}, fields.get(fid, {}))
            self._refresh_desk(fid)

    def _seen(self, fid: str, record: dict, state: dict | None) -> None:
        """The coder's current values of `fid` become the ones the reviewer has seen (a later change of them
        flags the event; these do not)."""
        self.db.executemany("UPDATE review_fields SET coder_value=? WHERE fused_id=? AND field=?",
                            [(_dump(record.get(f)), fid, f) for f in self._fields([fid]).get(fid, {})])
        snapshot = (state or {}).get("snapshot")
        if snapshot:
            snapshot = dict(snapshot, coder={f: record.get(f) for f in snapshot.get("values") or {}},
                            reports=list(record.get("reports") or []))
            self.db.execute("UPDATE event_reviews SET snapshot=? WHERE fused_id=?", (_dump(snapshot), fid))

    def _flag(self, fid: str, record: dict, state: dict, fields: dict) -> None:
        flag = dict(state.get("flag") or {})
        new = {}
        for f, r in fields.items():
            now = record.get(f)
            if now != r["coder_value"] and now != r["value"]:
                new[f] = {"coder": now, "reviewed": r["value"]}
        snapshot = state.get("snapshot") or {}
        coder_then = snapshot.get("coder") or {}
        for f, v in (snapshot.get("values") or {}).items():
            now = record.get(f)
            if f not in fields and now != v and now != coder_then.get(f, v) and state.get("status") == "accepted":
                new[f] = {"coder": now, "reviewed": v}
        joined = sorted(set(record.get("reports") or []) - set(snapshot.get("reports") or []))
        if joined and state.get("status") == "rejected":
            new["reports"] = {"coder": record.get("reports"), "reviewed": snapshot.get("reports")}
        new = {f: d for f, d in new.items() if flag.get(f) != d}
        if not new:
            return
        flag.update(new)
        now = utc_now()
        for f, d in new.items():
            self._note(fid, SYSTEM, "flag", f, d["reviewed"], d["coder"], "the coder now gives another value; the "
                       "reviewed value is kept: look again", now)
        self.db.execute(self.dialect.upsert("event_reviews", STATE_COLUMNS, "fused_id"),
                        (fid, state.get("status") or "unreviewed", state.get("reviewer"), state.get("at") or now,
                         state.get("note"), _dump(state["snapshot"]) if state.get("snapshot") else None,
                         _dump(flag), now))
        self._log("flagged", fid, SYSTEM, fields=sorted(new))

    # --- merge and split -------------------------------------------------------------------------------------
    def _members(self, fused_id: str) -> list[tuple[str, str]]:
        """(event id, doc id) of the reports' events fused into `fused_id`, by event id."""
        rows = [(r[0], r[1]) for r in self.db.execute("SELECT event_id, doc_id FROM fusion_members WHERE fused_id=? "
                                                      "ORDER BY event_id", (fused_id,))]
        if not rows:
            raise UnknownEvent(fused_id)
        return rows

    def merge_fused(self, keep: str, other: str, reviewer: str | None = None, note: str | None = None) -> str:
        """A reviewer's merge: the two fused events become one (the older id survives; returned), and stay one. The
        survivor keeps its review and takes the other's corrections of fields it has not corrected."""
        if keep == other:
            raise StoreError(f"{keep} cannot be merged with itself")
        a, b = [e for e, _ in self._members(keep)], [e for e, _ in self._members(other)]
        seqs = {r[0]: r[1] for r in self.db.execute("SELECT id, created_seq FROM fused_events WHERE id IN (?, ?)",
                                                    (keep, other))}
        survivor, loser = sorted((keep, other), key=lambda f: (seqs[f], f))
        reviewer = reviewer or SYSTEM
        with self.writing() as db:
            db.executemany("DELETE FROM manual_links WHERE kind='apart' AND event_a=? AND event_b=?",
                           [p for x in a for y in b for p in ((x, y), (y, x))])
            db.execute(self.dialect.upsert("manual_links", LINK_COLUMNS, "kind, event_a, event_b"),
                       ("merge", a[0], b[0], utc_now()))
            self._take_review(survivor, loser, reviewer)
            self._pin(survivor, a + b)
            self._refuse(None, [], [], touched=a + b, reviewer=reviewer)
            self._note(survivor, reviewer, "merge", "reports", None, loser, note)
            self._note(loser, reviewer, "merge", "reports", loser, survivor, note)
        return survivor

    def _take_review(self, survivor: str, loser: str, reviewer: str) -> None:
        states, fields = self._states([survivor, loser]), self._fields([survivor, loser])
        for f, r in fields.get(loser, {}).items():
            if f in fields.get(survivor, {}):
                continue
            self.db.execute("INSERT INTO review_fields (fused_id, field, value, coder_value, reviewer, at, note) "
                            "VALUES (?,?,?,?,?,?,?)", (survivor, f, _dump(r["value"]), _dump(r["coder_value"]),
                                                       r["reviewer"], r["at"], r["note"]))
        s, lo = states.get(survivor), states.get(loser)
        if lo and (not s or s["status"] != lo["status"]):
            status = lo["status"] if not s else "unreviewed"     # two different decisions: look again
            self.db.execute(self.dialect.upsert("event_reviews", STATE_COLUMNS, "fused_id"),
                            (survivor, status, reviewer, utc_now(), None,
                             _dump(lo["snapshot"]) if not s and lo["snapshot"] else None, None, None))
        self.db.execute("DELETE FROM review_fields WHERE fused_id=?", (loser,))
        self.db.execute("DELETE FROM event_reviews WHERE fused_id=?", (loser,))

    def split_fused(self, fused_id: str, reports: list[str], reviewer: str | None = None,
                    note: str | None = None) -> str:
        """A reviewer's split: the events of `reports` (doc ids or event ids) leave `fused_id` together as a new
        event (its id returned), and never join its other reports again. `fused_id` keeps its review."""
        rows = self._members(fused_id)
        out = [e for e, d in rows if e in reports or d in reports]
        for r in reports:
            if not any(r in (e, d) for e, d in rows):
                raise StoreError(f"{r} is not a report or event of {fused_id}; its reports are "
                                 f"{', '.join(sorted({d for _, d in rows}))}")
        if len(out) == len(rows):
            raise StoreError(f"{', '.join(reports)} is all of {fused_id}: there is nothing to unfuse it from")
        rest, reviewer = [e for e, _ in rows if e not in out], reviewer or SYSTEM
        with self.writing() as db:
            crossing = [p for x in out for y in rest for p in ((x, y), (y, x))]
            db.executemany("DELETE FROM manual_links WHERE kind='merge' AND event_a=? AND event_b=?", crossing)
            db.executemany("DELETE FROM manual_links WHERE kind='review' AND event_a=?", [(e,) for e in out])
            now = utc_now()
            db.executemany(self.dialect.upsert("manual_links", LINK_COLUMNS, "kind, event_a, event_b"),
                           [("apart", e, m, now) for e in out for m in rest] +
                           [("merge", out[0], e, now) for e in out[1:]])
            if self._states([fused_id]) or self._fields([fused_id]):
                self._pin(fused_id, rest)
            self._refuse(None, [], [], touched=[e for e, _ in rows], reviewer=reviewer)
            new_id = db.execute("SELECT fused_id FROM fusion_members WHERE event_id=?", (out[0],)).fetchone()[0]
            parts = sorted({d for e, d in rows if e in out})
            self._note(fused_id, reviewer, "split", "reports", sorted({d for _, d in rows}),
                       sorted({d for e, d in rows if e in rest}), note)
            self._note(new_id, reviewer, "split", "reports", fused_id, parts, note)
        return new_id

    def unfuse(self, fused_id: str, report: str, reviewer: str | None = None, note: str | None = None) -> str:
        """A reviewer's unfusing: the events of `report` (a doc id or an event id) leave `fused_id` and never join
        its other reports again (`split_fused` with one report)."""
        return self.split_fused(fused_id, [report], reviewer, note)
