"""Helpers for the review desk's part-2 tests, beside `desk_app.py` (users, sign-in, the live server): the desk
reports (`desk_reports.py`) written as a JSONL file and coded into a store by the real `eventcoder code` (so a test
can code them again with --force), with the three users and an API token each."""
from __future__ import annotations

import json
import secrets
from pathlib import Path

from click.testing import CliRunner

import desk_reports
from desk_app import PASSWORDS, ROLES


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
    """The fused events as the dataset shows them (rejected ones too), by their sorted reports."""
    from eventcoder.store import open_store
    store = open_store(db, create=False)
    try:
        return {tuple(sorted(e["reports"])): e for e in store.fused_events(status=None)}
    finally:
        store.close()
