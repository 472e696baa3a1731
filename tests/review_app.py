"""Helpers for the review desk's part-2 tests: the desk reports (`desk_reports.py`) written as a JSONL file and
coded into a store by the real `eventcoder code` (so a test can code them again with --force), three users (one per
role) with API tokens, a TestClient signed in through the login form, and the real server (uvicorn) in a thread."""
from __future__ import annotations

import json
import re
import secrets
import socket
import threading
import time
from pathlib import Path

from click.testing import CliRunner

import desk_reports

PASSWORDS = {"ada": "admin-password", "cole": "coder-password", "vera": "viewer-password"}
ROLES = {"ada": "admin", "cole": "coder", "vera": "viewer"}


def write_reports(folder: Path, extra=()) -> Path:
    """The desk reports (and `extra` ones, dicts) as one JSONL file (what `eventcoder code` reads)."""
    path = folder / "reports.jsonl"
    rows = [{"id": "adra-prison", "text": desk_reports.EXAMPLE.read_text(encoding="utf-8")}]
    rows += [{"id": i, "text": text, "title": title, "source": source, "published_at": published, "url": url}
             for i, text, title, source, published, url in desk_reports.REPORTS] + list(extra)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def code(reports: Path, db: str, *more: str) -> None:
    from eventcoder.cli import cli
    res = CliRunner().invoke(cli, ["code", str(reports), "--db", db, "-q", "--json", *more])
    assert res.exit_code == 0, res.output


def coded_desk(folder: Path, db: str, extra=()) -> tuple[Path, dict[str, str]]:
    """Code the desk reports into `db` and add the users; returns (the reports file, {user: API token})."""
    from eventcoder.store import open_store
    from eventcoder.web.passwords import hash_password
    reports = write_reports(folder, extra)
    code(reports, db)
    store = open_store(db, create=False)
    tokens = {}
    try:
        for name, role in ROLES.items():
            store.add_user(name, role, hash_password(PASSWORDS[name]))
            tokens[name] = secrets.token_urlsafe(24)
            store.add_token(tokens[name], name)
    finally:
        store.close()
    return reports, tokens


def fused_by_reports(db: str) -> dict[tuple, dict]:
    from eventcoder.store import open_store
    store = open_store(db, create=False)
    try:
        return {tuple(sorted(e["reports"])): e for e in store.fused_events(status=None)}
    finally:
        store.close()


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def signed_in(client, name: str) -> str:
    """`client` (a TestClient) signed in as `name` through the login form; returns the session's CSRF token."""
    page = client.get("/login")
    r = client.post("/login", data={"name": name, "password": PASSWORDS[name], "csrf_token": csrf_of(page.text),
                                    "next": "/events"}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return csrf_of(client.get("/events").text)


class LiveServer:
    """uvicorn serving `app` on a free loopback port in a daemon thread."""

    def __init__(self, app):
        import uvicorn
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the desk's server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=10)
