"""`eventcoder users` and `eventcoder serve` as a user types them: passwords from standard input, a token printed
alone, errors that say what to do; and the real server started by `serve`, answering a token's request."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
from click.testing import CliRunner

from desk_app import free_port
from eventcoder.cli import cli
from eventcoder.store import open_store
from eventcoder.web.passwords import check_password

SRC = str(Path(__file__).resolve().parent.parent / "src")


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_users_add_passwd_token_remove(tmp_path):
    db = str(tmp_path / "d.db")
    open_store(db).close()
    r = run("users", "add", "ann", "--role", "coder", "--db", db, input="correct horse\n")
    assert r.exit_code == 0, r.output
    store = open_store(db)
    user = store.user("ann")
    assert user["role"] == "coder" and user["password_hash"].startswith("$argon2id$")
    assert check_password(user["password_hash"], "correct horse")
    again = run("users", "add", "ann", "--role", "viewer", "--db", db, input="another pass\n")
    assert again.exit_code == 1 and "exists already; `eventcoder users passwd ann`" in again.output
    assert run("users", "add", "bob", "--role", "boss", "--db", db, input="x" * 10 + "\n").exit_code == 2
    short = run("users", "add", "bob", "--role", "viewer", "--db", db, input="short\n")
    assert short.exit_code == 1 and "at least 8 characters" in short.output
    assert run("users", "add", "../bob", "--role", "viewer", "--db", db, input="x" * 10 + "\n").exit_code == 2
    assert run("users", "passwd", "ann", "--db", db, input="new password\n").exit_code == 0
    assert check_password(store.user("ann")["password_hash"], "new password")
    token = run("users", "token", "ann", "--db", db)       # click >= 8.2 keeps stderr out of .stdout
    assert token.exit_code == 0 and token.stdout.count("\n") == 1
    secret = token.stdout.strip()
    assert secret.startswith("ect_") and store.token_user(secret) == {"name": "ann", "role": "coder"}
    assert run("users", "list", "--db", db).output.startswith("ann\tcoder\t")
    nobody = run("users", "token", "zed", "--db", db)
    assert nobody.exit_code == 1 and "no user 'zed'" in nobody.output
    assert run("users", "remove", "ann", "--db", db).exit_code == 0
    assert store.user("ann") is None and store.token_user(secret) is None
    store.close()
    missing = run("users", "list", "--db", str(tmp_path / "none.db"))
    assert missing.exit_code == 1 and "no database at" in missing.output


def test_serve_answers_a_token_and_refuses_without_one(tmp_path):
    db = str(tmp_path / "d.db")
    open_store(db).close()
    assert run("users", "add", "ann", "--role", "viewer", "--db", db, input="ann-password\n").exit_code == 0
    token = run("users", "token", "ann", "--db", db).stdout.strip()
    port = free_port()
    env = dict(os.environ, PYTHONPATH=SRC + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-c", "from eventcoder.cli import main; main()", "serve", "--db", db,
                             "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        base, deadline = f"http://127.0.0.1:{port}", time.monotonic() + 60
        while True:
            try:
                r = httpx.get(base + "/api/events", headers={"Authorization": f"Bearer {token}"})
                break
            except httpx.ConnectError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read().decode()
                time.sleep(0.2)
        assert r.status_code == 200 and r.json() == {"events": [], "total": 0, "page": 1, "per_page": 50}
        assert httpx.get(base + "/api/events").status_code == 401
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    no_db = run("serve", "--db", str(tmp_path / "none.db"))
    assert no_db.exit_code == 1 and "no database at" in no_db.output
