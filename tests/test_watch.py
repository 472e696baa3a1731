"""`eventcoder watch`: conditional requests, only new entries coded (by entry id, and by canonical URL across
feeds), fused into the stored dataset, a log line per cycle; on SQLite and PostgreSQL; and a clean stop on SIGTERM
and SIGINT, tried for real on a subprocess."""
from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from click.testing import CliRunner

from eventcoder.cli import cli
from eventcoder.store import open_store
from local_web import EXAMPLE, NAIROBI, article_html, rss

LOCAL = ["--allow-private", "--rate", "0", "--timeout", "5"]
SRC = Path(__file__).resolve().parent.parent / "src"


def news_site(site):
    site.add("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    site.add("/2024/adra", article_html(EXAMPLE.read_text(encoding="utf-8"), "Adra detainees", "2024-03-02"))
    site.add("/2023/nairobi", article_html(NAIROBI, "Protest in Nairobi", "2023-05-04"))
    return site


def entries(site, *names):
    known = {"adra": {"title": "Adra", "link": site.url("/2024/adra?utm_source=rss"), "guid": "adra"},
             "nairobi": {"title": "Nairobi", "link": site.url("/2023/nairobi"), "guid": "nairobi"},
             "note": {"title": "Clash in Kidal", "guid": "note",
                      "description": "Soldiers clashed with rebels in Kidal on Monday, and two people were killed "
                                     "in the fighting, officials said."}}
    return rss([known[n] for n in names])


def watch_once(feeds_file, db):
    return CliRunner().invoke(cli, ["watch", str(feeds_file), "--db", db, "--once", *LOCAL])


def cycle_line(stderr: str) -> str:
    (line,) = [x for x in stderr.splitlines() if " cycle 1: " in x]
    return line.split(" cycle 1: ", 1)[1]


def test_watch_codes_only_new_entries_and_asks_conditionally(site, tmp_path, db_url):
    news_site(site)
    feed = site.feed("/feed.rss", entries(site, "adra", "note"), etag='"v1"')
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# our feeds\n{feed}\n\n")
    db = db_url("watch")
    r = watch_once(feeds, db)
    assert r.exit_code == 0, r.stderr
    assert cycle_line(r.stderr).startswith("1 feed(s), 0 not modified, 0 failed; 2 new entries: 2 coded, 0 skipped, "
                                           "0 failed;")
    r = watch_once(feeds, db)                                   # the same feed: 304, nothing asked again
    assert cycle_line(r.stderr).startswith("1 feed(s), 1 not modified, 0 failed; 0 new entries")
    assert site.headers_seen[-1]["If-None-Match"] == '"v1"'
    site.feed("/feed.rss", entries(site, "nairobi", "adra", "note"), etag='"v2"')
    r = watch_once(feeds, db)
    assert cycle_line(r.stderr).startswith("1 feed(s), 0 not modified, 0 failed; 1 new entry: 1 coded")
    store = open_store(db)
    try:
        urls = {r[0] for r in store.db.execute("SELECT url FROM documents")}
        assert site.url("/2024/adra") in urls and site.url("/2023/nairobi") in urls and len(urls) == 3
        assert store.seen_entries(feed) == {"adra", "note", "nairobi"}
        assert store.feed_state(feed) == ('"v2"', "Mon, 04 Mar 2024 10:00:00 GMT")
        assert store.page(store.db.execute("SELECT doc_id FROM feed_entries WHERE entry_key='adra'").fetchone()[0])
        assert store.counts()["fused_events"] >= 3
    finally:
        store.close()


def test_an_article_from_a_second_feed_is_not_coded_again(site, tmp_path, db_url):
    news_site(site)
    first = site.feed("/a.rss", entries(site, "adra"), etag='"a"')
    second = site.feed("/b.rss", rss([{"title": "Adra (syndicated)", "guid": "b-adra",
                                       "link": site.url("/2024/adra?utm_medium=partner")}]), etag='"b"')
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{first}\n{second}\n")
    db = db_url("two")
    r = watch_once(feeds, db)
    assert r.exit_code == 0, r.stderr
    assert cycle_line(r.stderr).startswith("2 feed(s), 0 not modified, 0 failed; 1 new entry: 1 coded")
    store = open_store(db)
    try:
        assert store.seen_entries(second) == {"b-adra"}
        assert store.counts()["documents"] == 1
    finally:
        store.close()


def test_a_failing_feed_is_logged_and_the_others_are_watched(site, tmp_path):
    news_site(site)
    good = site.feed("/good.rss", entries(site, "note"), etag='"g"')
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{site.url('/missing.rss')}\n{good}\n")
    r = watch_once(feeds, str(tmp_path / "w.db"))
    assert r.exit_code == 1
    assert cycle_line(r.stderr).startswith("2 feed(s), 0 not modified, 1 failed; 1 new entry: 1 coded")
    assert f"  failed: {site.url('/missing.rss')}: the server answered HTTP 404" in r.stderr


def test_a_bad_feeds_file_is_a_user_error(tmp_path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("https://example.org/feed\nexample.org/other\n")
    r = CliRunner().invoke(cli, ["watch", str(feeds), "--db", str(tmp_path / "w.db"), "--once"])
    assert r.exit_code == 1
    assert f"{feeds}:2: 'example.org/other' is not an http(s) URL; write one feed URL a line" in r.stderr


def _start_watch(feeds: Path, db: Path) -> tuple[subprocess.Popen, list[str]]:
    env = dict(os.environ, PYTHONPATH=str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-m", "eventcoder.cli", "watch", str(feeds), "--db", str(db),
                             "--interval", "600", *LOCAL], stderr=subprocess.PIPE, text=True, env=env)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(proc.stderr), daemon=True).start()
    return proc, lines


def _wait_for(lines: list[str], pattern: str, proc: subprocess.Popen, seconds: float = 240) -> None:
    end = time.monotonic() + seconds
    while not any(re.search(pattern, x) for x in lines):
        assert proc.poll() is None, "".join(lines)
        assert time.monotonic() < end, f"no line matching {pattern!r}: {''.join(lines)}"
        time.sleep(0.1)


def _consistent(db: Path) -> int:
    """Every stored document is remembered for its entry, has its events fused, and every run finished."""
    con = sqlite3.connect(db)
    docs = {r[0] for r in con.execute("SELECT id FROM documents")}
    remembered = {r[0] for r in con.execute("SELECT doc_id FROM feed_entries WHERE doc_id IS NOT NULL")}
    assert docs == remembered
    unfused = con.execute("SELECT count(*) FROM events WHERE id NOT IN (SELECT event_id FROM fusion_members)")
    assert unfused.fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM runs WHERE finished_at IS NULL").fetchone()[0] == 0
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return len(docs)


def test_sigterm_between_cycles_stops_at_once(site, tmp_path):
    news_site(site)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.feed("/feed.rss", entries(site, "adra", "nairobi"), etag='"1"') + "\n")
    db = tmp_path / "w.db"
    proc, lines = _start_watch(feeds, db)
    try:
        _wait_for(lines, r" cycle 1: ", proc)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0, "".join(lines)
    finally:
        proc.kill()
    time.sleep(0.2)
    log = "".join(lines)
    assert "SIGTERM: stopping after the document in hand" in log and log.rstrip().endswith("stopped")
    assert _consistent(db) == 2


def test_sigint_while_coding_finishes_the_document_in_hand(site, tmp_path):
    news_site(site)
    many = [{"title": f"Report {i}", "link": site.url(f"/2024/r{i}"), "guid": f"r{i}"} for i in range(40)]
    for i in range(40):
        site.add(f"/2024/r{i}", article_html(NAIROBI.replace("two", f"{i + 2}"), f"Report {i}", "2023-05-04"))
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.feed("/many.rss", rss(many), etag='"m"') + "\n")
    db = tmp_path / "w.db"
    proc, lines = _start_watch(feeds, db)
    try:
        _wait_for(lines, r"^watching 1 feed", proc)
        while site.hits["/2024/r3"] == 0:                # the cycle has begun reading the feed's articles
            assert proc.poll() is None, "".join(lines)
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=120) == 0, "".join(lines)
    finally:
        proc.kill()
    time.sleep(0.2)
    log = "".join(lines)
    assert "SIGINT: stopping after the document in hand" in log and "stopped" in log
    assert "; stopped" in log                           # the cycle line says it was cut short
    stored = _consistent(db)
    assert 0 < stored < 40
    con = sqlite3.connect(db)
    assert con.execute("SELECT etag FROM feeds").fetchall() == []    # asked again next time: no ETag kept
