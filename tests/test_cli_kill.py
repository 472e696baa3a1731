"""A run killed with SIGKILL mid-batch loses nothing already stored, and the same command run again finishes the
batch without doubling anything. Uses the real pipeline (slow: keep this the only such test in this file)."""
import os
import signal
import sqlite3
import subprocess
import sys
import time

from eventcoder.runner import ALREADY_DONE

PLACES = ["Kidal", "Gao", "Timbuktu", "Mopti", "Segou", "Menaka", "Tessalit", "Ansongo", "Douentza", "Niono"]


def stored(db) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def test_kill_9_mid_batch_then_rerun_completes_without_duplicates(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    n = 50
    for i in range(n):
        place = PLACES[i % len(PLACES)]
        (folder / f"r{i:03d}.txt").write_text(
            f"Report {i}: gunmen attacked a market in {place} on Monday, killing {i % 7 + 1} civilians, "
            f"local officials said on Tuesday.", encoding="utf-8")
    db = tmp_path / "events.db"
    cmd = [sys.executable, "-m", "eventcoder.cli", "code", str(folder), "--db", str(db), "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while stored(db) == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    first = stored(db)
    assert first >= 1, f"nothing was stored before the kill; stderr:\n{err}"

    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()

    again = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    if first < n:
        assert f"  skipped {first}: {ALREADY_DONE}" in again.stderr.splitlines()
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*), count(DISTINCT id) FROM documents").fetchone() == (n, n)
    assert con.execute("SELECT count(*) - count(DISTINCT id) FROM events").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM evidence WHERE event_id NOT IN (SELECT id FROM events)").fetchone() == (0,)
    con.close()
