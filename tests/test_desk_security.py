"""The review desk's doors, through the app's HTTP interface (Starlette's TestClient, the real app on a real store
of coded reports): nothing works without a session or a token; a viewer cannot do what a coder or an admin does; a
form without its CSRF token is refused; a report full of markup is shown as text; the login throttles."""
from __future__ import annotations

import re

import pytest
from fastapi import Request
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from desk_app import PASSWORDS, filled_store, login_csrf, signed_in
from eventcoder.web.app import DESK_ROUTERS, create_app
from eventcoder.web.auth import desk_router
from eventcoder.web.throttle import LoginThrottle

PUBLIC = {"/login", "/openapi.json"}
HTML = {"accept": "text/html"}


def coder_router():
    """A coder's action, as issue 18's pages add them: one router behind `desk_router("coder")`."""
    router = desk_router("coder")

    @router.post("/test/coder-action")
    def act(request: Request):
        return {"done_by": request.state.user.name}
    return router


@pytest.fixture
def desk(db_url):
    url = db_url("desk")
    store, ids = filled_store(url)
    token = "ect_test-" + "x" * 20
    store.add_token(token, "vera")
    extra = [coder_router()]
    app = create_app(url, throttle=LoginThrottle(max_per_user=3, max_per_address=6, window_s=900), routers=extra)
    app.state.test_routers = extra
    yield app, store, ids, token
    store.close()


def _paths(app, ids):
    """Every route of the desk's routers (and the test's coder router), with ids filled in."""
    for route in [r for router in [*DESK_ROUTERS, *app.state.test_routers] for r in router.routes]:
        if isinstance(route, APIRoute) and route.path not in PUBLIC:
            for method in route.methods:
                yield method, re.sub(r"\{[^}]+\}", ids[0] if "events" in route.path else "vera", route.path)


def test_nothing_works_without_a_session_or_token(desk):
    app, store, ids, token = desk
    client = TestClient(app)
    paths = list(_paths(app, ids))
    assert len(paths) >= 12
    for method, path in paths:
        r = client.request(method, path, follow_redirects=False)
        assert r.status_code == 401, (method, path, r.status_code)
        assert r.headers["www-authenticate"] == "Bearer"
        if method == "GET":
            page = client.get(path, headers=HTML, follow_redirects=False)
            if path.startswith("/api/"):
                assert page.status_code == 401
            else:
                assert page.status_code == 303 and page.headers["location"].startswith("/login?next=")
        bad = client.request(method, path, headers={"Authorization": "Bearer ect_wrong"}, follow_redirects=False)
        assert bad.status_code == 401 and "unknown API token" in bad.text
    assert client.get("/openapi.json").status_code == 200                  # the API's description is public
    assert client.get("/api/events", headers={"Authorization": f"Bearer {token}"}).json()["total"] == 5
    assert client.get("/events", headers={"Authorization": f"Bearer {token}"}).status_code == 200   # pages too


def test_a_viewer_cannot_do_what_a_coder_or_an_admin_does(desk):
    app, store, ids, token = desk
    viewer, coder, admin = TestClient(app), TestClient(app), TestClient(app)
    v_csrf, c_csrf, a_csrf = signed_in(viewer, "vera"), signed_in(coder, "cole"), signed_in(admin, "ada")
    r = viewer.post("/test/coder-action", data={"csrf_token": v_csrf})
    assert r.status_code == 403 and "needs the coder role" in r.text
    assert viewer.post("/test/coder-action", headers={"Authorization": f"Bearer {token}"}).status_code == 403
    assert coder.post("/test/coder-action", data={"csrf_token": c_csrf}).json() == {"done_by": "cole"}
    assert admin.post("/test/coder-action", data={"csrf_token": a_csrf}).json() == {"done_by": "ada"}
    for client, csrf in ((viewer, v_csrf), (coder, c_csrf)):
        assert client.get("/admin/users").status_code == 403
        r = client.post("/admin/users", data={"csrf_token": csrf, "name": "mallory", "role": "admin",
                                              "password": "mallory-password"})
        assert r.status_code == 403
    assert store.user("mallory") is None
    assert "Users" not in viewer.get("/events").text.split("<main>")[0]       # no link to what they cannot open
    assert admin.get("/admin/users").status_code == 200


def test_a_form_without_its_csrf_token_is_refused(desk):
    app, store, ids, token = desk
    admin = TestClient(app)
    csrf = signed_in(admin, "ada")
    form = {"name": "newbie", "role": "viewer", "password": "newbie-password"}
    assert admin.post("/admin/users", data=form).status_code == 403
    assert admin.post("/admin/users", data={**form, "csrf_token": "forged"}).status_code == 403
    assert store.user("newbie") is None
    r = admin.post("/admin/users", data={**form, "csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303 and store.user("newbie")["role"] == "viewer"
    bad = admin.post("/admin/users", data={**form, "name": "../x", "csrf_token": csrf})
    assert bad.status_code == 400 and "no valid user name" in bad.text and store.user("../x") is None
    assert admin.post("/admin/users/newbie/remove", data={}).status_code == 403
    assert admin.post("/admin/users/newbie/remove", headers={"X-CSRF-Token": csrf}).status_code == 200
    assert store.user("newbie") is None
    assert admin.post("/logout").status_code == 403                           # signing out is a form too
    fresh = TestClient(app)
    r = fresh.post("/login", data={"name": "ada", "password": PASSWORDS["ada"], "csrf_token": "x"})
    assert r.status_code == 403                                                # so is signing in
    r = admin.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303 and admin.get("/api/events").status_code == 401


def test_a_report_full_of_markup_renders_inert(desk):
    app, store, ids, token = desk
    client = TestClient(app)
    signed_in(client, "vera")
    listed = client.get("/api/events", params={"country": "Nigeria"}).json()["events"]
    page = client.get(f"/events/{listed[0]['id']}")
    html = page.text
    assert "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in html
    assert "<script>document" not in html and "<img src=x" not in html and "<b onmouseover" not in html
    assert 'href="javascript:' not in html and "onerror=\"" not in html
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/event.js">']
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "object-src 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"


def test_the_login_throttles(desk):
    app, store, ids, token = desk
    client = TestClient(app)

    def attempt(name, password, c=client):
        form = login_csrf(c.get("/login").text)
        return c.post("/login", data={"name": name, "password": password, "csrf_token": form},
                      follow_redirects=False)
    for _ in range(3):
        assert attempt("vera", "wrong-password").status_code == 401
    r = attempt("vera", PASSWORDS["vera"])                  # the right password, but too many wrong ones before
    assert r.status_code == 429 and r.headers["retry-after"] == "900" and "Too many failed sign-ins" in r.text
    assert SESSION_COOKIE_NAME not in r.cookies
    for _ in range(3):
        assert attempt("nobody", "wrong-password").status_code == 401   # an unknown name counts the same
    assert attempt("cole", PASSWORDS["cole"]).status_code == 429          # 6 failures from this address
    store.db.execute("DELETE FROM login_attempts")
    assert attempt("vera", PASSWORDS["vera"]).status_code == 303


SESSION_COOKIE_NAME = "ec_session"


def test_session_cookies_and_where_a_login_leads(desk):
    app, store, ids, token = desk
    client = TestClient(app)
    form = login_csrf(client.get("/login").text)
    r = client.post("/login", data={"name": "vera", "password": PASSWORDS["vera"], "csrf_token": form,
                                    "next": "//evil.example/x"}, follow_redirects=False)
    assert r.headers["location"] == "/events"                             # never off the site
    spoof = client.get("/login", params={"error": "Call 555-0100 to unlock", "status_code": 500})
    assert spoof.status_code == 200 and "555-0100" not in spoof.text     # the page's message is never the URL's
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    secure = TestClient(app, base_url="https://desk.example")
    form = login_csrf(secure.get("/login").text)
    r = secure.post("/login", data={"name": "vera", "password": PASSWORDS["vera"], "csrf_token": form,
                                    "next": "/map?country=Syria"}, follow_redirects=False)
    assert r.headers["location"] == "/map?country=Syria" and "Secure" in r.headers["set-cookie"]
    store.set_password("vera", store.user("cole")["password_hash"])       # a new password ends the sessions
    assert client.get("/api/events").status_code == 401
