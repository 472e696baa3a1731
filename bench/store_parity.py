#!/usr/bin/env python3
"""The same documents coded into SQLite and into PostgreSQL store the same events, field for field.

usage: python bench/store_parity.py DOCS.jsonl POSTGRESQL_URL [--limit N]

Runs `eventcoder code` into a new SQLite file and into the (empty) PostgreSQL database, exports both (fused events
and, with --per-report, each report's own) as JSONL, and compares them line by line. Prints the counts and the first
differences; exits 1 when they differ.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def export(db: str, *extra: str) -> list[str]:
    proc = subprocess.run(["eventcoder", "export", "--db", db, "--format", "jsonl", *extra], capture_output=True,
                          text=True)
    if proc.returncode:
        raise SystemExit(f"export from {db} failed: {proc.stderr.strip()}")
    return proc.stdout.splitlines()


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("docs", type=Path)
    ap.add_argument("pg")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="parity-"))
    docs = args.docs
    if args.limit:
        docs = tmp / "docs.jsonl"
        with open(args.docs, encoding="utf-8") as src:
            docs.write_text("".join(line for _, line in zip(range(args.limit), src)), encoding="utf-8")
    sqlite = f"sqlite:///{tmp}/ref.db"
    for db in (sqlite, args.pg):
        proc = subprocess.run(["eventcoder", "code", str(docs), "--db", db, "-q", "--json"], capture_output=True,
                              text=True)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"code into {db} failed: {proc.stderr[-1000:]}")
    same = True
    for extra in ((), ("--per-report",)):
        a, b = export(sqlite, *extra), export(args.pg, *extra)
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if json.loads(x) != json.loads(y)]
        ok = len(a) == len(b) and not diff
        same &= ok
        what = "per-report events" if extra else "fused events"
        print(f"{what}: SQLite {len(a)}, PostgreSQL {len(b)}, {'identical' if ok else f'{len(diff)} differ'}")
        for i in diff[:3]:
            print(f"  line {i + 1}:\n    {a[i][:300]}\n    {b[i][:300]}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
