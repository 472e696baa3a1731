#!/usr/bin/env python3
"""The measuring stick: run every dev set through `eventcoder extract` / `geoparse` / `fuse`, score it with the
shared scorer, and print one table with documents/s and peak memory.

Speed side by side: for each set run through `extract`, a plain spaCy parse of the same documents
(`bench/plain_parse.py`: the same model, all its pipes, nothing else) runs as a child process too, alternately with
`extract` (extract, plain, extract, plain, ... `--speed-repeats N` times each; start-up and model loading counted in
both). Each set's line then says eventcoder's documents/s, the plain parse's, their ratio and both peak memories
(medians over the repeats); results.json gets `speed_ratio` (eventcoder docs/s / plain docs/s), `plain_docs_per_s`
and `plain_peak_mb`. `--no-speed` skips the plain parse (each takes about as long as extract's parse stage).

The kind of a set is read from its name's prefix, as the shared scorer reads it. A set of a kind this runner does not
know yet is still run (through `extract`) and scored; its table row shows every number the scorer gives. `fusion-*`
sets go through `eventcoder fuse` when the installed eventcoder has that verb, else through `extract` (which the
scorer gives 0: no report is fused with another).

usage: python bench/run.py [--bench DIR] [--sets a,b] [--out DIR] [--check bench/floors.json] [--limit N]
                          [--write-floors bench/floors.json] [--no-speed] [--speed-repeats N]

--check compares the metrics with the floors in the file and exits 1 if any is below its floor (the CI gate).
Outputs go to --out (default bench/out/, git-ignored: they quote the documents, so they are never committed).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_BENCH = HERE.parent.parent / "shared" / "bench"
# set-name prefixes, in the order the shared scorer tries them (acled-notes-bfa is an acled-notes set)
KINDS = ("acled-notes", "case2021", "fakes-syria", "ucdp-syria", "toponyms", "news", "fusion", "articles")
VERB_OF_KIND = {"toponyms": "geoparse", "fusion": "fuse"}
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
    "news": ["relevance_precision", "relevance_recall", "relevance_f1", "specificity",
             "false_events_per_100_irrelevant", "event_type_of_found", "evidence_exact"],
    "articles": ["events_per_gold_event", "event_count_exact", "typed_place_precision", "typed_place_recall",
                 "typed_place_f1", "sub_typed_place_f1", "date_of_matched", "deaths_within_20pct", "evidence_exact"],
    "fusion": ["pair_precision", "pair_recall", "pair_f1", "event_pair_precision", "event_pair_recall", "event_pair_f1",
               "events_per_gold_event"],
}
# metrics for which lower is better: their gate is a ceiling, not a floor
LOWER_IS_BETTER = {"false_events_per_100_irrelevant", "event_count_mae"}
# ratios whose ideal is 1.0 (neither direction is better): shown, never gated
NOT_GATED = {"events_per_gold_event", "events_per_gold_event_on_relevant"}
# per set, metrics shown besides its kind's (older ACLED notes often name no country: actors without it)
SHOWN_EXTRA = {"acled-notes-bfa": ["actors_f1_without_country"]}


def kind_of(name: str) -> str | None:
    """The scorer's kind for a set name, or None for a name no kind prefixes."""
    return next((k for k in KINDS if name.startswith(k)), None)


def shown_metrics(name: str, metrics: dict) -> list[str]:
    """The metrics of a set's table row: its kind's list, or every number the scorer gave for an unknown kind."""
    kind = kind_of(name)
    if kind not in SHOWN:
        return [k for k, v in metrics.items() if isinstance(v, float)]
    return SHOWN[kind] + SHOWN_EXTRA.get(name, [])


def has_verb(exe: list[str], verb: str) -> bool:
    """Whether the installed eventcoder knows a verb (`fuse` arrives in its own issue)."""
    return subprocess.run(exe + [verb, "--help"], capture_output=True).returncode == 0


def below_gate(results: dict, floors: dict) -> list[str]:
    """The gate's failures: a metric under its floor (over its ceiling for lower-is-better ones), or missing."""
    out = []
    for s, fl in floors.items():
        if s not in results:
            continue
        for k, v in fl.items():
            got = results[s].get(k)
            if not isinstance(got, (int, float)):
                out.append(f"{s}.{k}: missing from the scorer's output (floor {v})")
            elif k in LOWER_IS_BETTER and got > v:
                out.append(f"{s}.{k}: {got:.4f} > ceiling {v}")
            elif k not in LOWER_IS_BETTER and got < v:
                out.append(f"{s}.{k}: {got:.4f} < floor {v}")
    return out


def floor_of(key: str, value: float) -> float:
    """A floor just under a measured number (a ceiling just over it for lower-is-better metrics)."""
    if key == "evidence_exact":
        return 0.99
    if key in LOWER_IS_BETTER:
        return math.ceil((value + max(0.01, 0.02 * value)) * 100) / 100
    return max(0.0, math.floor((value - 0.01) * 100) / 100)


def run_child(cmd: list[str], quiet: bool = False) -> tuple[int, float, float]:
    """Run a command (`quiet`: its stdout discarded); return (exit status, seconds, peak resident memory in MiB)."""
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL if quiet else None)
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


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--sets", default="")
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--check", type=Path)
    ap.add_argument("--write-floors", type=Path,
                    help="write floors just under this run's numbers (0.01 below, rounded down) to the file")
    ap.add_argument("--limit", type=int, help="only the first N documents of each set (quick look; not for --check)")
    ap.add_argument("--no-curve", action="store_true",
                    help="skip the relevance precision/recall at other thresholds for news-* sets")
    ap.add_argument("--no-speed", action="store_true",
                    help="skip the plain spaCy parse that extract's speed is compared with")
    ap.add_argument("--speed-repeats", type=int, default=1, metavar="N",
                    help="run extract and the plain parse N times each, alternately (medians reported; default 1)")
    args = ap.parse_args()
    if args.speed_repeats < 1:
        ap.error("--speed-repeats must be at least 1")
    return args


def fresh(pred: Path) -> Path:
    """`pred` with no earlier output or progress file, so `extract -o` codes every document again."""
    for p in (pred, pred.with_name(pred.name + ".progress")):
        p.unlink(missing_ok=True)
    return pred


def run_speed(exe: list[str], verb: str, docs: Path, pred: Path, repeats: int, plain: bool) -> dict:
    """Run eventcoder (and, with `plain`, the plain parse) as child processes, alternately, `repeats` times each;
    the last eventcoder run's output stays in `pred`. Returns the medians: seconds and peak MiB of each."""
    ours: list[tuple[float, float]] = []
    theirs: list[tuple[float, float]] = []
    for _ in range(repeats):
        rc, secs, mem = run_child(exe + [verb, str(docs), "-o", str(fresh(pred)), "--quiet"])
        if rc not in (0, 1):
            raise SystemExit(f"{docs}: eventcoder {verb} exited {rc}")
        ours.append((secs, mem))
        if plain:
            rc, secs, mem = run_child([sys.executable, str(HERE / "plain_parse.py"), str(docs)], quiet=True)
            if rc:
                raise SystemExit(f"{docs}: bench/plain_parse.py exited {rc}")
            theirs.append((secs, mem))
    out = {"seconds": statistics.median(s for s, _ in ours), "peak_mb": statistics.median(m for _, m in ours)}
    if theirs:
        out.update(plain_seconds=statistics.median(s for s, _ in theirs),
                   plain_peak_mb=statistics.median(m for _, m in theirs))
    return out


def gold_for(dev: Path, name: str, docs: Path, limited_run: bool, tmp: Path) -> Path:
    """The gold folder to score against: the set's, or with --limit the same subset of it."""
    gold_dir = dev / name
    if not limited_run:
        return gold_dir
    sub = tmp / name
    sub.mkdir()
    ids = {json.loads(l)["id"] for l in open(docs, encoding="utf-8") if l.strip()}
    for fn in ("docs.jsonl", "gold.jsonl"):
        with open(gold_dir / fn, encoding="utf-8") as f, open(sub / fn, "w", encoding="utf-8") as g:
            for line in f:
                rec = json.loads(line)
                if rec.get("id", rec.get("doc_id")) in ids:
                    g.write(line)
    return sub


def run_set(name: str, args: argparse.Namespace, exe: list[str], tmp: Path) -> dict:
    """Run, time and score one set; print its line; return its metrics."""
    dev = args.bench / "dev"
    docs = limited(dev / name / "docs.jsonl", args.limit, tmp)
    n_docs = sum(1 for line in open(docs, encoding="utf-8") if line.strip())
    verb = VERB_OF_KIND.get(kind_of(name), "extract")
    if verb == "fuse" and not has_verb(exe, "fuse"):
        print(f"{name}: this eventcoder has no `fuse` verb; scoring `extract` output (fuses nothing)",
              file=sys.stderr)
        verb = "extract"
    pred = args.out / f"{name}.jsonl"
    side_by_side = verb == "extract" and not args.no_speed
    timing = run_speed(exe, verb, docs, pred, args.speed_repeats if side_by_side else 1, side_by_side)
    gold = gold_for(dev, name, docs, bool(args.limit), tmp)
    score, metrics = run_scorer(args, gold, pred)
    if metrics is None:
        print(score.stderr, file=sys.stderr)
        raise SystemExit(1)
    (args.out / f"{name}.score.txt").write_text(score.stderr + score.stdout)
    secs, mem = timing["seconds"], timing["peak_mb"]
    metrics.update(docs_per_s=n_docs / secs, peak_mb=mem, seconds=secs)
    shown = "  ".join(f"{k}={metrics[k]:.3f}" for k in shown_metrics(name, metrics)
                      if isinstance(metrics.get(k), float))
    print(f"{name:18s} {n_docs:5d} docs {n_docs / secs:7.1f} docs/s {mem:6.0f} MiB  {shown}", flush=True)
    if kind_of(name) == "news" and not args.no_curve:
        metrics["relevance_curve"] = relevance_curve(name, args, exe, docs, gold)
    if "plain_seconds" in timing:
        plain = n_docs / timing["plain_seconds"]
        metrics.update(plain_docs_per_s=plain, plain_peak_mb=timing["plain_peak_mb"],
                       speed_ratio=metrics["docs_per_s"] / plain)
        print(f"{'':18s} speed: eventcoder {metrics['docs_per_s']:.1f} docs/s ({mem:.0f} MiB), plain spaCy parse "
              f"{plain:.1f} docs/s ({timing['plain_peak_mb']:.0f} MiB), ratio {metrics['speed_ratio']:.2f}",
              flush=True)
    return metrics


def run_scorer(args: argparse.Namespace, gold: Path, pred: Path) -> tuple[subprocess.CompletedProcess, dict | None]:
    """Score `pred` against `gold` with the shared scorer: its finished process and the metrics it printed last
    (None when it failed)."""
    score = subprocess.run([sys.executable, str(args.bench / "score.py"), str(gold), str(pred)],
                           capture_output=True, text=True)
    return score, None if score.returncode else json.loads(score.stdout.strip().splitlines()[-1])


CURVE_THRESHOLDS = (1.0, 3.0, 5.0)   # besides the default 2, for news-* sets: what a user trades by moving it


def relevance_curve(name: str, args: argparse.Namespace, exe: list[str], docs: Path, gold: Path) -> dict:
    """For a news-* set: relevance precision/recall/specificity at other `--relevance-threshold`s (printed)."""
    out = {}
    for t in CURVE_THRESHOLDS:
        pred = fresh(args.out / f"{name}.threshold-{t:g}.jsonl")
        rc, _secs, _mem = run_child(exe + ["extract", str(docs), "-o", str(pred), "--quiet",
                                           "--relevance-threshold", str(t)], quiet=True)
        _score, m = run_scorer(args, gold, pred)
        if rc not in (0, 1) or m is None:
            raise SystemExit(f"{name}: the relevance curve at threshold {t:g} failed (extract exit {rc})")
        out[f"{t:g}"] = {k: m[k] for k in ("relevance_precision", "relevance_recall", "specificity",
                                          "false_events_per_100_irrelevant")}
        print(f"{'':18s} --relevance-threshold {t:g}: precision {m['relevance_precision']:.3f} recall "
              f"{m['relevance_recall']:.3f} specificity {m['specificity']:.3f} false events/100 "
              f"{m['false_events_per_100_irrelevant']:.1f}", flush=True)
    return out


def moved_floor(key: str, value: float, old: float | None) -> float:
    """The floor after a run: raised to just under the new number, kept where the number still meets it (a floor
    only moves down by an explicit decision, so a number below its floor lowers it only here, and it is printed)."""
    new = floor_of(key, value)
    if old is None:
        return new
    if key in LOWER_IS_BETTER:
        return min(old, new) if value <= old else new
    return max(old, new) if value >= old else new


def write_floors(path: Path, results: dict) -> None:
    old = json.loads(path.read_text()) if path.exists() else {}
    floors = dict(old)                 # sets not run this time keep their floors
    for name, m in results.items():
        gated = [k for k in shown_metrics(name, m)
                 if isinstance(m.get(k), float) and k not in NOT_GATED and (m[k] > 0 or k in LOWER_IS_BETTER)]
        floors[name] = {k: moved_floor(k, m[k], old.get(name, {}).get(k)) for k in gated}
        for k in gated:
            before = old.get(name, {}).get(k)
            if before is not None and floors[name][k] != before:
                down = floors[name][k] > before if k in LOWER_IS_BETTER else floors[name][k] < before
                print(f"{'LOWERED' if down else 'raised'} {name}.{k}: {before} -> {floors[name][k]}"
                      f"{' (record the decision in the commit message)' if down else ''}")
    path.write_text(json.dumps(floors, indent=1, sort_keys=True) + "\n")
    print(f"floors written to {path}")


def main() -> int:
    args = parse_args()
    dev = args.bench / "dev"
    if not dev.is_dir():
        print(f"no benchmark data at {dev}: pass --bench PATH/TO/shared/bench", file=sys.stderr)
        return 2
    sets = sorted(p.name for p in dev.iterdir() if (p / "docs.jsonl").exists())
    if args.sets:
        sets = [s for s in sets if s in args.sets.split(",")]
    args.out.mkdir(parents=True, exist_ok=True)
    exe = [sys.executable, "-m", "eventcoder.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        results = {name: run_set(name, args, exe, Path(tmp)) for name in sets}
    (args.out / "results.json").write_text(json.dumps(results, indent=1))
    if args.write_floors:
        write_floors(args.write_floors, results)
    if args.check:
        floors = json.loads(args.check.read_text())
        below = below_gate(results, floors)
        for line in below:
            print("BELOW FLOOR " + line, file=sys.stderr)
        if below:
            return 1
        print(f"quality gate: all {sum(len(v) for s, v in floors.items() if s in results)} floors met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
