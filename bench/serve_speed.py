#!/usr/bin/env python3
"""The review desk's speed on a big database: the events list (filtered, paged) and the event page, timed in-process.

usage: python bench/serve_speed.py [DOCS.jsonl] [--events 100000] [--seeds 60] [--db URL] [--repeat 25]

Codes the first SEEDS reports of DOCS.jsonl (default: ../shared/bench/dev/acled-notes/docs.jsonl, real ACLED notes)
with the real pipeline, then writes copies of them until the database holds EVENTS fused events: copy k of a report
is a new report (`<id>~k`) with its events' days shifted back by k days (so the copies spread over the years), its
points moved by up to 0.05°, and its own fused event made by fusion's own `fused_record`. The rows go in with the
store's own column lists (documents, events, evidence, explanations, fused events and their desk rows, fusion
members), in one transaction: the same schema `eventcoder code` fills, without fusing 100,000 reports one by one.

Then it times requests through the app (Starlette's TestClient, a bearer token; the app's whole stack: auth,
query, template) and prints for each the median and 95th percentile in milliseconds. The issue's targets: a list
request under 300 ms, an event page under 200 ms.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DOCS = ROOT.parent / "shared" / "bench" / "dev" / "acled-notes" / "docs.jsonl"


def seed_documents(path: Path, n: int) -> list:
    import eventcoder
    docs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            doc = eventcoder.code_text(rec["text"], id=rec["id"], published_at=rec.get("published_at"))
            if doc.events:
                docs.append(doc)
            if len(docs) >= n:
                break
    if not docs:
        raise SystemExit(f"no report of {path} gave an event; give another DOCS.jsonl")
    return docs


def _shift_day(day, k: int):
    import datetime as dt
    if not day:
        return day
    try:
        return (dt.date.fromisoformat(str(day)[:10]) - dt.timedelta(days=k)).isoformat()
    except ValueError:
        return day


def copies(seeds: list, n_events: int, rng: random.Random):
    """(seed document, copy id, [(contract dict, explanation)]) of copy after copy, until n_events events."""
    made, k = 0, 0
    while made < n_events:
        if made + min(len(d.events) for d in seeds) > n_events:
            return
        for doc in seeds:
            if made + len(doc.events) > n_events:
                continue
            doc_id = f"{doc.id}~{k}" if k else doc.id
            events = []
            for ev in doc.events:
                rec = ev.to_contract()
                rec["id"], rec["doc_id"] = f"{ev.id}~{k}", doc_id
                for key in ("event_date", "date_start", "date_end"):
                    rec[key] = _shift_day(rec.get(key), k)
                if isinstance(rec.get("latitude"), float):
                    rec["latitude"] = round(rec["latitude"] + rng.uniform(-0.05, 0.05), 5)
                    rec["longitude"] = round(rec["longitude"] + rng.uniform(-0.05, 0.05), 5)
                events.append((rec, list(ev.explanation)))
                made += 1
            yield doc, doc_id, events
        k += 1


def fill(store, seeds: list, n_events: int) -> int:
    from eventcoder.fuse.living import block_key
    from eventcoder.fuse.merge import fused_record
    from eventcoder.fuse.report_event import attach_reports, loaded, read_event
    from eventcoder.store.sql_fusion import FUSED_COLUMNS, MEMBER_COLUMNS
    from eventcoder.store.desk_columns import DESK_COLUMNS, desk_values
    from eventcoder.store.sql_store import DOC_COLUMNS, EVENT_COLUMNS
    from eventcoder.version import __version__
    rng = random.Random(17)
    now = "2026-01-01T00:00:00+00:00"
    docs, events, evidence, explained, fused, desk, members = [], [], [], [], [], [], []
    for seq, (doc, doc_id, evs) in enumerate(copies(seeds, n_events, rng), 1):
        docs.append((doc_id, doc.text, doc.clean, doc.title, doc.url, doc.source, None, doc.language, doc.origin,
                     json.dumps([w.to_dict() for w in doc.warnings]), None, __version__, None, now, None))
        for i, (rec, why) in enumerate(evs):
            row = dict(rec, inferred=json.dumps(rec["inferred"]), run_id=None)
            events.append(tuple(row.get(c) for c in EVENT_COLUMNS))
            evidence += [(rec["id"], e["field"], e["start"], e["end"], e["text"], j)
                         for j, e in enumerate(rec["evidence"])]
            explained.append((rec["id"], json.dumps(why)))
            member = read_event(rec, i, store.rules)
            attach_reports([member], {doc_id: (doc.source, None)})
            with loaded([member]):
                record = fused_record([member], store.rules, None)
            days = (member.start.isoformat() if member.start else None, member.end.isoformat() if member.end else None)
            fused.append((record["id"], block_key(member), *days, json.dumps(record, ensure_ascii=False),
                          len(fused) + 1, now, now))
            desk.append((record["id"], *desk_values(record)))
            members.append((rec["id"], record["id"], doc_id, block_key(member), *days))
    assert len(DOC_COLUMNS) == len(docs[0])
    with store.writing() as db:
        for table, cols, rows in (("documents", DOC_COLUMNS, docs), ("events", EVENT_COLUMNS, events),
                                  ("evidence", ("event_id", "field", "start", '"end"', "text", "seq"), evidence),
                                  ("event_explanations", ("event_id", "lines"), explained),
                                  ("fused_events", FUSED_COLUMNS, fused), ("desk_events", ("id", *DESK_COLUMNS), desk),
                                  ("fusion_members", MEMBER_COLUMNS, members)):
            db.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", rows)
    return len(fused)


def timed(client, url: str, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        r = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        if r.status_code != 200:
            raise SystemExit(f"{url}: HTTP {r.status_code}: {r.text[:300]}")
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def requests_to_time(store, rng: random.Random) -> list[tuple[str, str]]:
    from eventcoder.store.desk_filter import EventFilter
    facets = store.desk_facets()
    country = max(facets["country"], key=lambda c: store.desk_page(EventFilter(country=c), 1, 1).total)
    ids = [r[0] for r in store.db.execute("SELECT id FROM fused_events")]
    events = [f"/events/{rng.choice(ids)}" for _ in range(5)]
    return [("list, no filter", "/events"),
            ("list, page 1000", "/events?page=1000"),
            ("list, country", f"/events?country={country}"),
            ("list, country + type + dates", f"/events?country={country}&event_type=Battles&since=2015-01-01"
                                             f"&until=2020-12-31"),
            ("list, actor (part of a name)", "/events?actor=police"),
            ("list, confidence + review status", "/events?min_confidence=0.8&review_status=unreviewed"),
            ("api list, country + type", f"/api/events?country={country}&event_type=Protests"),
            ("map points, country", f"/api/points?country={country}"),
            ("timeline, country", f"/timeline?country={country}"),
            *[(f"event page {i + 1}", url) for i, url in enumerate(events)],
            ("api event", "/api/" + events[0][1:])]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("docs", type=Path, nargs="?", default=DEFAULT_DOCS)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--seeds", type=int, default=60, help="reports coded by the pipeline, then copied")
    ap.add_argument("--db", help="an empty database to fill (default: a new SQLite file in a temporary folder)")
    ap.add_argument("--repeat", type=int, default=25, help="requests per measurement")
    args = ap.parse_args(argv)
    if not args.docs.is_file():
        raise SystemExit(f"no {args.docs}; give a DOCS.jsonl of reports ({{\"id\", \"text\"}} per line)")
    from fastapi.testclient import TestClient
    from eventcoder.store import open_store
    from eventcoder.web.app import create_app
    db = args.db or f"sqlite:///{tempfile.mkdtemp(prefix='serve-speed-')}/desk.db"
    t = time.perf_counter()
    seeds = seed_documents(args.docs, args.seeds)
    store = open_store(db)
    n = fill(store, seeds, args.events)
    store.add_user("bench", "viewer", "not-a-login")
    store.add_token("ect_bench-token", "bench")
    print(f"{n} fused events from {len(seeds)} coded reports and their copies in {time.perf_counter() - t:.0f} s "
          f"({db})")
    client = TestClient(create_app(db), headers={"Authorization": "Bearer ect_bench-token"})
    print(f"{'request':38} {'median ms':>10} {'p95 ms':>8}")
    for name, url in requests_to_time(store, random.Random(5)):
        timed(client, url, 2)                                  # warm the caches as a served desk has them
        median, p95 = timed(client, url, args.repeat)
        print(f"{name:38} {median:10.1f} {p95:8.1f}")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
