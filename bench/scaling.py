#!/usr/bin/env python3
"""Scaling on Dask: `eventcoder extract` on the first N documents of a set with one process, then `--workers W` for
each W asked, as whole processes (start-up, model loading and the local cluster's start included).

usage: python bench/scaling.py DOCS.jsonl [--limit 3000] [--workers 2] [--out DIR]

Prints docs/s for each run, the speed-up over one process, whether the output is byte-identical to the
single-process output, the peak memory of the largest process (a worker, or the driver), and an estimate of the
cores a cluster needs to code one million articles a day at the measured per-worker rate (assuming workers scale as
measured and articles as long as these documents).
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(cmd: list[str]) -> tuple[float, float]:
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr[-2000:]}")
    return time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("docs", type=Path)
    ap.add_argument("--limit", type=int, default=3000)
    ap.add_argument("--workers", default="2", help="comma-separated worker counts (default 2)")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="scaling-"))
    out.mkdir(parents=True, exist_ok=True)
    docs = out / "docs.jsonl"
    with open(args.docs, encoding="utf-8") as src, open(docs, "w", encoding="utf-8") as dst:
        n = 0
        for line in src:
            if n >= args.limit:
                break
            if line.strip():
                dst.write(line)
                n += 1
    rows = []
    base = out / "w1.jsonl"
    secs, peak = run(["eventcoder", "extract", str(docs), "-o", str(base), "-q"])
    rows.append({"workers": 1, "seconds": round(secs, 1), "docs_per_s": round(n / secs, 1), "speedup": 1.0,
                 "identical": True, "peak_mb": round(peak)})
    print(f"1 process: {n / secs:.1f} docs/s ({secs:.1f} s), peak {peak:.0f} MiB")
    for w in (int(x) for x in args.workers.split(",")):
        pred = out / f"w{w}.jsonl"
        secs_w, peak_w = run(["eventcoder", "extract", str(docs), "-o", str(pred), "-q", "--workers", str(w)])
        same = pred.read_bytes() == base.read_bytes()
        rows.append({"workers": w, "seconds": round(secs_w, 1), "docs_per_s": round(n / secs_w, 1),
                     "speedup": round(secs / secs_w, 2), "identical": same, "peak_mb": round(peak_w)})
        print(f"--workers {w}: {n / secs_w:.1f} docs/s ({secs_w:.1f} s), {secs / secs_w:.2f}x one process, output "
              f"{'identical' if same else 'DIFFERENT'}, largest process peak {peak_w:.0f} MiB")
    per_core = n / secs
    cores = 1_000_000 / (per_core * 86400)
    print(f"estimate: at {per_core:.1f} documents/s per core, 1,000,000 articles a day need about {cores:.1f} busy "
          f"cores (documents of this length; full news articles are longer: scale by their parse time)")
    print(json.dumps({"scaling": rows, "cores_for_1m_a_day": round(cores, 1)}))
    return 0 if all(r["identical"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
