"""Signing in and out. The login form carries a CSRF token of its own (a cookie set with the form, matched on
POST: no session exists yet to hold one); a good password makes a session (a random secret in an HttpOnly,
SameSite=Lax cookie, Secure when the page came over HTTPS; the store keeps only its hash) and sends the user on
to where they were going. Failed attempts are throttled (`throttle.py`)."""
from __future__ import annotations

import datetime as dt
import hmac
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse

from .auth import SESSION_COOKIE, require_role
from .passwords import check_password, check_unknown_user, new_secret
from .stores import store_of
from .templating import render

LOGIN_CSRF_COOKIE = "ec_login_csrf"
SESSION_HOURS = 12

router = APIRouter(include_in_schema=False)


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a path on this site only (never another host, never `//host`)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/events"
    parts = urlsplit(target)
    return "/events" if parts.scheme or parts.netloc else target


def _https(request: Request) -> bool:
    return request.url.scheme == "https"


@router.get("/login")
def login_form(request: Request, next: str = "/events"):
    return _login_page(request, next)


def _login_page(request: Request, next: str, error: str | None = None, status_code: int = 200):
    token = new_secret()
    response = render(request, "login.html", {"login_csrf": token, "next": safe_next(next), "error": error},
                      status_code=status_code)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=_https(request),
                        path="/login")
    return response


@router.post("/login")
def login(request: Request, name: str = Form(..., max_length=200), password: str = Form(..., max_length=1000),
          csrf_token: str = Form(""), next: str = Form("/events")):
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not hmac.compare_digest(cookie.encode(), csrf_token.encode()):
        raise HTTPException(403, "the login form's CSRF token is missing or wrong; reload the page and sign in again")
    store, throttle = store_of(request), request.app.state.throttle
    address = request.client.host if request.client else "unknown"
    if throttle.refused(store, name, address):
        response = _login_page(request, next, error="Too many failed sign-ins: wait 15 minutes and try again.",
                               status_code=429)
        response.headers["Retry-After"] = str(throttle.window_s)
        return response
    user = store.user(name)
    ok = check_password(user["password_hash"], password) if user else check_unknown_user(password)
    store.note_login(name, address, ok)
    if not ok:
        return _login_page(request, next, error="Wrong user name or password.", status_code=401)
    secret, csrf = new_secret(), new_secret()
    expires = dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=SESSION_HOURS)
    store.add_session(secret, name, csrf, expires.isoformat(timespec="seconds"))
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, secret, max_age=SESSION_HOURS * 3600, httponly=True, samesite="lax",
                        secure=_https(request), path="/")
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout", dependencies=[Depends(require_role("viewer"))])
def logout(request: Request):
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        store_of(request).end_session(secret)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
