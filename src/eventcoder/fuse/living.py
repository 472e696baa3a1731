"""Fusion into a stored dataset: each report, as it is stored, is fused into the stored events it matches; fused
events keep their ids as reports are added, and every change is logged.

`refuse(tables, new_records, gone, rules)` runs inside the store's transaction for one report. It takes the stored
per-report events that could share a fused event with the report's new events (same block, days within the rules'
reach) or with the events the report had before (`gone`), with the whole of the fused events they belong to, and
clusters them again with `fuse`'s own clustering: so the groups are `fuse`'s, whatever the order reports arrive in.
Then it reconciles the clusters with the stored fused events:
- a cluster keeps the id of the oldest stored fused event among its members' (the surviving id is the older one);
  the others are logged `merged` into it; a stored fused event whose members went to several clusters stays with
  one of them and the rest get new ids, logged `split`; a cluster with no stored id is `added`;
- a fused event whose fields changed is logged `updated` with the fields and the reports that changed them; one
  whose members are all gone is `deleted`; a fused event that comes out the same is not written or logged.
`tables` is the store's side (`store/sqlite_fusion.py`): the narrow set of reads and writes this needs.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Protocol

from .clusters import Cluster, Links, cluster_events
from .merge import fused_record
from .report_event import ReportEvent, attach_reports, loaded, read_event
from .rules import FusionRules

# fields of a fused record that say where its words are rather than what it says: a change there alone is no update
NOT_COMPARED = {"evidence", "provenance", "inferred", "explanation", "id", "doc_id", "confidence", "coder_version"}


class FusionTables(Protocol):
    def members_near(self, block: str, day_from: str, day_to: str) -> list[tuple[str, str]]: ...
    def members_of(self, fused_ids: set[str]) -> list[tuple[str, str]]: ...
    def member_rows(self, event_ids: list[str]) -> list[tuple[str, str, str | None, str | None, str | None]]: ...
    def event_records(self, event_ids: list[str]) -> list[dict]: ...
    def report_meta(self, doc_ids: set[str]) -> dict[str, tuple[str | None, str | None]]: ...
    def stored(self, fused_ids: set[str]) -> dict[str, tuple[dict, int]]: ...
    def links(self, event_ids: set[str]) -> Links: ...
    def write_fused(self, fused_id: str, block: str | None, days: tuple, record: dict, created_seq: int | None,
                    members: list[ReportEvent]) -> None: ...
    def delete_fused(self, fused_id: str) -> None: ...
    def drop_members(self, event_ids: list[str]) -> None: ...
    def log(self, change: str, fused_id: str, *, fields=None, reports=None, other_ids=None) -> None: ...
    def next_seq(self) -> int: ...
    def ever_used(self, fused_id: str) -> bool: ...


def block_key(ev: ReportEvent) -> str | None:
    return None if ev.block is None else "|".join(str(x) for x in ev.block)


def refuse(tables: FusionTables, new_records: list[dict], gone: list[str], rules: FusionRules,
           touched: list[str] = ()) -> int:
    """Fuse one report's new events into the store (see the module's docstring); returns the changes logged.
    `touched`: stored events whose fused events a reviewer's decision changed (they are fused again too)."""
    new = [read_event(r, i, rules) for i, r in enumerate(new_records)]
    former = tables.member_rows(list(gone) + list(touched))
    reach = dt.timedelta(days=2 * (rules.tolerance_days + rules.max_range_days))
    windows = [(block_key(e), e.start - reach, e.end + reach) for e in new if e.block]
    windows += [(b, dt.date.fromisoformat(s) - reach, dt.date.fromisoformat(t) + reach)
                for _, _, b, s, t in former if b and s and t]
    near = [row for b, lo, hi in windows for row in tables.members_near(b, lo.isoformat(), hi.isoformat())]
    old = dict(near)
    old.update(tables.members_of({f for _, f in near}))
    old.update((e, f) for e, f, *_ in former)
    gone_set, new_ids = set(gone), {e.event_id for e in new}
    tables.drop_members([g for g in gone if g not in new_ids])
    keep_ids = [e for e in old if e not in gone_set and e not in new_ids]
    events = [read_event(r, i, rules) for i, r in enumerate(tables.event_records(sorted(keep_ids)))]
    for i, e in enumerate(new):            # the report's own events come after the stored ones
        e.index = len(events) + i
    events += new
    attach_reports(events, tables.report_meta({e.doc_id for e in events}))
    links = tables.links({e.event_id for e in events})
    clusters = cluster_events(events, rules, links)
    return _reconcile(tables, clusters, old, rules, {e.doc_id for e in new}, links)


def _reconcile(tables: FusionTables, clusters: list[Cluster], old: dict[str, str], rules: FusionRules,
               reports: set[str], links: Links) -> int:
    stored = tables.stored(set(old.values()))
    logged, seq = 0, tables.next_seq()
    taken: set[str] = set()                          # the ids clusters keep or get
    pins = [links.pin_of(c.members) for c in clusters]
    reserved = {p for p in pins if p in stored}      # a reviewed event's id stays with its reviewed events
    held = [(c, pin, sorted({old[m.event_id] for m in c.members if old.get(m.event_id) in stored},
                            key=lambda f: (f != pin, stored[f][1], f))) for c, pin in zip(clusters, pins)]
    # reviewed events choose first, then the oldest stored ids
    held.sort(key=lambda cp: (cp[1] not in reserved, stored[cp[2][0]][1] if cp[2] else 10 ** 18))
    for c, pin, prev in held:
        keep = next((f for f in prev if f not in taken and (f not in reserved or f == pin)), None)
        if keep is None:
            seq += 1
            while tables.ever_used(new_fused_id(c.members, seq)):   # an id once given (then merged away or
                seq += 1                                               # deleted) is never given again
        fid = c.fused_id = keep or new_fused_id(c.members, seq)
        taken.add(fid)
        with loaded(c.members):
            record = fused_record(c.members, rules, None)
        record["id"] = fid
        before = stored.get(fid, (None, None))[0]
        changed = _changed(before, record)
        if keep is None:
            tables.log("split" if prev else "added", fid, reports=record["reports"], other_ids=prev or None)
            logged += 1
        elif changed:
            tables.log("updated", fid, fields=changed, reports=sorted(reports & set(record["reports"])) or None)
            logged += 1
        if keep is None or changed or any(old.get(m.event_id) != fid for m in c.members):
            tables.write_fused(fid, block_key(c.members[0]), (c.members[0].start, c.last), record,
                               stored[fid][1] if keep else seq, c.members)
    for fid in sorted(set(stored) - taken):
        successors = sorted({c.fused_id for c in clusters if any(old.get(m.event_id) == fid for m in c.members)})
        tables.log("merged" if successors else "deleted", fid, other_ids=successors or None)
        tables.delete_fused(fid)
        logged += 1
    return logged


def new_fused_id(members: list[ReportEvent], seq: int) -> str:
    """A new fused event's id, from its first members' ids and its place in the store's history (so a part split
    off an event never takes an id that event once had); it is kept as reports are added."""
    key = "\x00".join(sorted(m.event_id for m in members)) + f"\x00{seq}"
    return "fev-" + hashlib.sha1(key.encode()).hexdigest()[:16]


def _changed(before: dict | None, after: dict) -> list[str]:
    if before is None:
        return []
    return [k for k in after if k not in NOT_COMPARED and before.get(k) != after.get(k)]
