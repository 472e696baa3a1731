#!/usr/bin/env python3
"""Fusion at scale: `eventcoder fuse --from` over generated coded reports, timed as a whole process.

usage: python bench/fuse_scale.py EVENTS.jsonl [--reports N] [--out DIR]

EVENTS.jsonl is coded output (`eventcoder extract` of a dev set, e.g. bench/out/articles-syria.jsonl). Its reports
are replicated until there are N reports (default 100,000): copy k of a report gets the id `<id>~k` and its events'
days shifted by 2·k days and their points by k·0.001°, so copies are new reports of new incidents in the same areas
(the blocks fusion compares within grow with N, as a real archive's do). Prints the number of reports and events,
the seconds `fuse --from` took (start-up included) and its peak memory, for N and for N/4, so a growth with the
square of the count would show (4× the input should take about 4× the time and far less than 16× the memory).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def replicate(events: list[dict], n_reports: int, path: Path) -> int:
    by_doc: dict[str, list[dict]] = {}
    for ev in events:
        by_doc.setdefault(ev["doc_id"], []).append(ev)
    docs = list(by_doc.values())
    written = 0
    with open(path, "w", encoding="utf-8") as fh:
        for k in range(n_reports):
            for ev in docs[k % len(docs)]:
                fh.write(json.dumps(_shifted(ev, k // len(docs))) + "\n")
                written += 1
    return written


def _shifted(ev: dict, k: int) -> dict:
    out = dict(ev, doc_id=f"{ev['doc_id']}~{k}", id=f"{ev.get('id')}~{k}")
    for name in ("event_date", "date_start", "date_end"):
        if out.get(name):
            out[name] = (dt.date.fromisoformat(out[name]) + dt.timedelta(days=2 * k)).isoformat()
    for name in ("latitude", "longitude"):
        if isinstance(out.get(name), (int, float)):
            out[name] = out[name] + 0.001 * k
    return out


def timed_fuse(path: Path, out: Path) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.run(["eventcoder", "fuse", "--from", str(path), "-o", str(out), "--quiet"],
                          capture_output=True, text=True)
    secs = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"eventcoder fuse exited {proc.returncode}: {proc.stderr.strip()}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return secs, peak


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("events", type=Path)
    ap.add_argument("--reports", type=int, default=100_000)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    events = [json.loads(line) for line in open(args.events, encoding="utf-8") if '"event_type"' in line]
    if not events:
        raise SystemExit(f"{args.events}: no coded events; give `eventcoder extract` output")
    tmp = args.out or Path(tempfile.mkdtemp(prefix="fuse-scale-"))
    tmp.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in (args.reports // 4, args.reports):      # the smaller first: ru_maxrss of children only grows
        src = tmp / f"events-{n}.jsonl"
        count = replicate(events, n, src)
        secs, peak = timed_fuse(src, tmp / f"fused-{n}.jsonl")
        fused = sum(1 for _ in open(tmp / f"fused-{n}.jsonl", encoding="utf-8"))
        rows.append({"reports": n, "events": count, "fused_events": fused, "seconds": round(secs, 1),
                     "peak_mb": round(peak)})
        print(f"fuse --from: {n} reports, {count} events -> {fused} fused events in {secs:.1f} s, "
              f"peak {peak:.0f} MiB")
    print(json.dumps({"fuse_scale": rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
