"""Clusters of coded events that are one event, found about linearly: events are blocked by area and event type,
sorted by day, and each is compared only with the clusters still open on its days.

`fuse_records(records, rules=None, explain=False, published=None)` -> FusionResult: the fused events (contract
dicts with `reports`, `provenance`, `disputed`) in the order of their first report, and counts for the summary.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .merge import fused_record
from .report_event import ReportEvent, attach_reports, loaded, read_event
from .rules import FusionRules, load_rules
from .sameness import apart_from_cluster, why_same


@dataclass
class Cluster:
    members: list[ReportEvent]
    last: dt.date                              # the latest day any member covers
    docs: set[str]
    notes: list[str] = field(default_factory=list)
    fused_id: str | None = None                  # the stored id it keeps or gets (fusion into a store)
    shapes: dict = field(default_factory=dict)    # one member per distinct shape: the members a newcomer is checked
                                                  # against (a big story's hundredth report costs as much as its second)

    def add(self, ev: ReportEvent) -> None:
        self.members.append(ev)
        self.docs.add(ev.doc_id)
        self.last = max(self.last, ev.end)
        self.shapes.setdefault(shape(ev), ev)


def shape(ev: ReportEvent) -> tuple:
    """What sameness reads of an event: two members of one shape answer every newcomer alike."""
    return (ev.sub_event_type, ev.place, ev.coarse, ev.point, ev.actors, ev.start, ev.end)


@dataclass
class Links:
    """A reviewer's decisions, which fusion keeps: `apart` pairs of event ids never share a fused event (`events
    unfuse`); `merge` pairs always do (`events merge`); `reviewed` pins each event of a reviewed fused event to it
    (`eventcoder review`): events pinned to one reviewed event stay together, and events pinned to two never join."""
    apart: set = field(default_factory=set)       # frozenset({event id, event id})
    merge: set = field(default_factory=set)
    reviewed: dict = field(default_factory=dict)  # event id -> the reviewed fused event's id

    def kept_apart(self, ev: ReportEvent, members: list[ReportEvent]) -> str | None:
        if self.apart and any(frozenset((ev.event_id, m.event_id)) in self.apart for m in members):
            return "a reviewer kept them apart (eventcoder events unfuse)"
        pin = self.reviewed.get(ev.event_id)
        if pin and any(self.reviewed.get(m.event_id, pin) != pin for m in members):
            return "a reviewer reviewed them as different events (eventcoder review)"
        return None

    def pin_of(self, members: list[ReportEvent]) -> str | None:
        """The reviewed fused event the members are pinned to, if any."""
        return next((p for m in members if (p := self.reviewed.get(m.event_id))), None)

    def merged(self, clusters: list[Cluster]) -> list[Cluster]:
        """The clusters with those a reviewer merged joined (the first by key takes the others' members), and the
        clusters holding events of one reviewed fused event joined; never two reviewed events into one."""
        where = {m.event_id: i for i, c in enumerate(clusters) for m in c.members}
        parent = list(range(len(clusters)))
        pins = [self.pin_of(c.members) for c in clusters]

        def root(i):
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i
        first_of: dict[str, int] = {}
        pairs = [(where[a], where[b]) for a, b in (tuple(p) for p in self.merge) if a in where and b in where]
        pairs += [(first_of.setdefault(p, i), i) for i, p in enumerate(pins) if p]
        for i, j in pairs:
            ri, rj = root(i), root(j)
            if ri != rj and not (pins[ri] and pins[rj] and pins[ri] != pins[rj]):
                lo, hi = min(ri, rj), max(ri, rj)
                parent[hi] = lo
                pins[lo] = pins[lo] or pins[hi]
        out: dict[int, Cluster] = {}
        for i, c in enumerate(clusters):
            r = root(i)
            if r not in out:
                out[r] = c
            elif c is not out[r]:
                for m in c.members:
                    out[r].add(m)
                out[r].notes.append(f"merged by a reviewer with {c.members[0].label} (eventcoder events merge)")
        return list(out.values())


@dataclass
class FusionResult:
    """The clusters found; iterating gives the fused events (contract dicts), made one at a time, in the order of
    their first report (`events` makes them all at once)."""
    clusters: list[Cluster]
    rules: FusionRules
    explain: bool
    inputs: int                                 # coded events read
    reports: int                                # distinct reports among them

    def __iter__(self) -> Iterator[dict]:
        for c in self.clusters:
            with loaded(c.members):
                yield fused_record(c.members, self.rules, c.notes if self.explain else None)

    @property
    def events(self) -> list[dict]:
        return list(self)

    @property
    def fused(self) -> int:
        """Fused events made from two or more reports."""
        return sum(1 for c in self.clusters if len(c.docs) > 1)

    def lines(self) -> list[str]:
        return [f"fused {self.inputs} coded event(s) from {self.reports} report(s) into {len(self.clusters)} "
                f"event(s); {self.fused} of them joined two or more reports"]


def fuse_records(records: Iterable[dict], rules: FusionRules | None = None, explain: bool = False,
                 published: dict[str, str] | None = None, outlets: dict[str, str] | None = None) -> FusionResult:
    """Fuse coded events; `published` and `outlets` give each report's publication date and outlet by doc id."""
    rules = rules or load_rules()
    published, outlets = published or {}, outlets or {}
    events = [read_event(r, i, rules) for i, r in enumerate(records)]
    attach_reports(events, {d: (outlets.get(d), published.get(d)) for d in {e.doc_id for e in events}})
    clusters = cluster_events(events, rules)
    clusters.sort(key=lambda c: min(m.index for m in c.members))
    return FusionResult(clusters, rules, explain, len(events), len({e.doc_id for e in events}))


def cluster_events(events: list[ReportEvent], rules: FusionRules, links: Links | None = None) -> list[Cluster]:
    """The clusters of `events`; `links` are a reviewer's decisions (events kept apart, events merged)."""
    links = links or Links()
    blocks: dict[tuple, list[ReportEvent]] = defaultdict(list)
    out = []
    for ev in events:
        if ev.block is None:
            out.append(Cluster([ev], ev.end or dt.date.min, {ev.doc_id}, [f"not fused: {ev.alone}"]))
        else:
            blocks[ev.block].append(ev)
    for block in blocks.values():
        out += _sweep(sorted(block, key=lambda e: (e.start, e.key)), rules, links)
    return links.merged(out) if links.merge or links.reviewed else out


def _sweep(block: list[ReportEvent], rules: FusionRules, links: Links) -> list[Cluster]:
    """One block in day order: an event joins the open cluster nearest in days (then the largest) it is one event
    with, else opens its own. A cluster closes once the sweep is past its last day by more than the tolerance."""
    tolerance = dt.timedelta(days=rules.tolerance_days)
    done, open_ = [], []
    for ev in block:
        still = []
        for c in open_:
            (still if c.last + tolerance >= ev.start else done).append(c)
        open_ = still
        best, reasons = None, []
        for c in open_:
            why = ("one report's events stay apart" if ev.doc_id in c.docs else
                   links.kept_apart(ev, c.members) or apart_from_cluster(ev, list(c.shapes.values()), rules))
            if why:
                reasons.append(why)
            elif best is None or (c.last, len(c.members)) > (best.last, len(best.members)):
                best = c
        if best is None:
            c = Cluster([], ev.end, set())
            c.add(ev)
            c.notes += [f"{ev.label} kept apart: {r}" for r in reasons[:3]]
            open_.append(c)
            continue
        best.notes.append(f"{ev.label} joins {best.members[0].label}: {why_same(ev, best.members[0], rules)}")
        best.add(ev)
    return done + open_
