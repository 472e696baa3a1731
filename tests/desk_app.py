"""Helpers for the review desk's tests: a store filled with the coded desk reports and three users (one per role),
the app over it, and the real server (uvicorn) on a free loopback port in a thread."""
from __future__ import annotations

import re
import socket
import threading
import time

import desk_reports

PASSWORDS = {"ada": "admin-password", "cole": "coder-password", "vera": "viewer-password"}
ROLES = {"ada": "admin", "cole": "coder", "vera": "viewer"}


def filled_store(url: str):
    """The store at `url`, the desk reports coded into it, and the three users; returns (store, fused ids)."""
    from eventcoder.store import open_store
    from eventcoder.web.passwords import hash_password
    store = open_store(url)
    ids = desk_reports.fill(store)
    for name, role in ROLES.items():
        store.add_user(name, role, hash_password(PASSWORDS[name]))
    return store, ids


def app_with_token(folder, token: str, user: str):
    """The desk's app on a filled database in `folder`, where `token` is `user`'s API token (for the API's
    fuzzing)."""
    from eventcoder.web.app import create_app
    url = f"sqlite:///{folder}/api.db"
    store, _ = filled_store(url)
    store.add_token(token, user)
    store.close()
    return create_app(url)


def login_csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def signed_in(client, name: str):
    """`client` (a TestClient) signed in as `name` through the login form; returns the session's CSRF token."""
    page = client.get("/login")
    r = client.post("/login", data={"name": name, "password": PASSWORDS[name], "csrf_token": login_csrf(page.text),
                                    "next": "/events"}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return login_csrf(client.get("/events").text)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """uvicorn serving `app` on 127.0.0.1 in a daemon thread; `url` once it answers."""

    def __init__(self, app):
        import uvicorn
        self.port = free_port()
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
