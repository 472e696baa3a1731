#!/usr/bin/env python3
"""The measuring stick: run every dev set through `eventcoder extract` / `geoparse`, score it with the shared
scorer, and print one table with documents/s and peak memory.

usage: python bench/run.py [--bench DIR] [--sets a,b] [--out DIR] [--check bench/floors.json] [--limit N]
                          [--write-floors bench/floors.json]

--check compares the metrics with the floors in the file and exits 1 if any is below its floor (the CI gate).
Outputs go to --out (default bench/out/, git-ignored: they quote the documents, so they are never committed).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_BENCH = HERE.parent.parent / "shared" / "bench"
GEOPARSE_SETS = ("toponyms-",)
# the metrics shown in the table, per kind of set
SHOWN = {
    "acled-notes": ["event_type_accuracy", "sub_event_type_accuracy", "sub_event_type_macro_f1_min20",
                    "disorder_type_accuracy", "actors_f1", "inter_pair_accuracy", "country_accuracy",
                    "admin1_accuracy", "location_acc_10km", "event_date_accuracy", "fatalities_accuracy",
                    "fatalities_accuracy_nonzero", "coverage", "evidence_exact"],
    "case2021": ["weighted_f1", "macro_f1", "accuracy", "out_of_scope_rejected", "evidence_exact"],
    "fakes-syria": ["governorate_accuracy", "killed_within_20pct", "killed_exact", "coverage", "evidence_exact"],
    "ucdp-syria": ["event_f1_10km", "event_precision_10km", "event_recall_10km", "event_found_and_dated",
                   "type_of_violence_balanced_of_found", "evidence_exact"],
    "toponyms": ["acc_161km", "mention_precision", "detected", "acc_161km_of_detected"],
}


def kind_of(name: str) -> str:
    return "toponyms" if name.startswith("toponyms") else name


def run_child(cmd: list[str]) -> tuple[int, float, float]:
    """Run a command; return (exit status, seconds, peak resident memory in MiB)."""
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, time.monotonic() - t0, usage.ru_maxrss / 1024


def limited(src: Path, n: int | None, tmp: Path) -> Path:
    if not n:
        return src
    out = tmp / f"{src.parent.name}-docs.jsonl"
    with open(src, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as g:
        for i, line in enumerate(f):
            if i >= n:
                break
            g.write(line)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--sets", default="")
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--check", type=Path)
    ap.add_argument("--write-floors", type=Path,
                    help="write floors just under this run's numbers (0.01 below, rounded down) to the file")
    ap.add_argument("--limit", type=int, help="only the first N documents of each set (quick look; not for --check)")
    args = ap.parse_args()
    dev = args.bench / "dev"
    if not dev.is_dir():
        print(f"no benchmark data at {dev}: pass --bench PATH/TO/shared/bench", file=sys.stderr)
        return 2
    sets = sorted(p.name for p in dev.iterdir() if (p / "docs.jsonl").exists())
    if args.sets:
        sets = [s for s in sets if s in args.sets.split(",")]
    args.out.mkdir(parents=True, exist_ok=True)
    exe = [sys.executable, "-m", "eventcoder.cli"]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in sets:
            docs = limited(dev / name / "docs.jsonl", args.limit, Path(tmp))
            n_docs = sum(1 for line in open(docs, encoding="utf-8") if line.strip())
            verb = "geoparse" if name.startswith(GEOPARSE_SETS) else "extract"
            pred = args.out / f"{name}.jsonl"
            rc, secs, mem = run_child(exe + [verb, str(docs), "-o", str(pred), "--quiet"])
            if rc not in (0, 1):
                print(f"{name}: eventcoder {verb} exited {rc}", file=sys.stderr)
                return 1
            gold_dir = dev / name
            if args.limit:  # score against the same subset
                sub = Path(tmp) / name
                sub.mkdir()
                ids = {json.loads(l)["id"] for l in open(docs, encoding="utf-8") if l.strip()}
                for fn in ("docs.jsonl", "gold.jsonl"):
                    with open(gold_dir / fn, encoding="utf-8") as f, open(sub / fn, "w", encoding="utf-8") as g:
                        for line in f:
                            rec = json.loads(line)
                            if rec.get("id", rec.get("doc_id")) in ids:
                                g.write(line)
                gold_dir = sub
            score = subprocess.run([sys.executable, str(args.bench / "score.py"), str(gold_dir), str(pred)],
                                   capture_output=True, text=True)
            if score.returncode:
                print(score.stderr, file=sys.stderr)
                return 1
            (args.out / f"{name}.score.txt").write_text(score.stderr + score.stdout)
            metrics = json.loads(score.stdout.strip().splitlines()[-1])
            metrics.update(docs_per_s=n_docs / secs, peak_mb=mem, seconds=secs)
            results[name] = metrics
            shown = "  ".join(f"{k}={metrics[k]:.3f}" for k in SHOWN[kind_of(name)] if k in metrics)
            print(f"{name:18s} {n_docs:5d} docs {n_docs / secs:7.1f} docs/s {mem:6.0f} MiB  {shown}", flush=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=1))
    if args.write_floors:
        floors = {name: {k: (0.99 if k == "evidence_exact" else math.floor((m[k] - 0.01) * 100) / 100)
                         for k in SHOWN[kind_of(name)] if isinstance(m.get(k), float)}
                  for name, m in results.items()}
        args.write_floors.write_text(json.dumps(floors, indent=1, sort_keys=True) + "\n")
        print(f"floors written to {args.write_floors}")
    if args.check:
        floors = json.loads(args.check.read_text())
        below = [f"{s}.{k}: {results[s].get(k, 0):.4f} < floor {v}" for s, fl in floors.items() if s in results
                 for k, v in fl.items() if results[s].get(k, 0) < v]
        for line in below:
            print("BELOW FLOOR " + line, file=sys.stderr)
        if below:
            return 1
        print(f"quality gate: all {sum(len(v) for s, v in floors.items() if s in results)} floors met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
