#!/usr/bin/env python3
"""Reading sources at scale, without coding: a feed of N entries and a web archive of N pages, timed, with peak
memory, for N and for N/4 (the reading should grow linearly, and the archive's memory not at all).

usage: python bench/sources_scale.py [--entries N] [--pages N]

The feed's entries carry their own text (no link, so nothing is fetched); the archive's pages are the example
report as HTML, each with its own URL, in a .warc.gz written here with warcio. Prints entries/s and pages/s and
the peak traced memory of each reading.
"""
from __future__ import annotations

import argparse
import html
import io
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def feed_bytes(n: int) -> bytes:
    items = "".join(f'<item><title>Bulletin {i}</title><guid isPermaLink="false">b-{i}</guid><description>'
                    f"Soldiers clashed with rebels in Kidal on day {i}, officials said.</description></item>"
                    for i in range(n))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>{items}</channel></rss>'.encode()


def write_warc(path: Path, n: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    text = (ROOT / "examples" / "adra-prison.txt").read_text(encoding="utf-8")
    page = ("<html><head><title>Adra</title></head><body><article>"
            + "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
            + "</article></body></html>").encode()
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=True)
        for i in range(n):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(f"https://news.example.org/a/{i}", "response",
                                                payload=io.BytesIO(page), http_headers=http))


def timed(label: str, n: int, make_items) -> None:
    tracemalloc.start()
    t0 = time.perf_counter()
    count = sum(1 for _ in make_items())
    secs = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"{label:>8} N={n:>6}: {count} items in {secs:.2f} s ({count / secs:.0f}/s), peak memory "
          f"{peak / 1e6:.1f} MB")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=10_000)
    ap.add_argument("--pages", type=int, default=2_000)
    args = ap.parse_args()
    from eventcoder.ingest.options import ReadOptions
    from eventcoder.ingest.warc import read_warc
    from eventcoder.ingest.web import LazyFetcher, read_feed_bytes
    with tempfile.TemporaryDirectory() as tmp:
        for n in (args.entries // 4, args.entries):
            data = feed_bytes(n)
            timed("feed", n, lambda: read_feed_bytes(data, "bench.rss", ReadOptions(), LazyFetcher(None)))
        for n in (args.pages // 4, args.pages):
            path = Path(tmp) / f"bench-{n}.warc.gz"
            write_warc(path, n)
            timed("warc", n, lambda: read_warc(path))


if __name__ == "__main__":
    main()
