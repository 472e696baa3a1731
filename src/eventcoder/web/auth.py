"""Who is asking, and may they: every route of the desk sits behind `require_role(ROLE)`.

A request is authenticated by an `Authorization: Bearer TOKEN` header (an API token from `eventcoder users token`)
or by the session cookie the login page sets. Without either it is refused: `LoginRequired`, which the app answers
with 401 for the API and scripts and with a redirect to the login page for a browser. A user whose role is below the
route's gets 403.

A request that changes something (any method but GET, HEAD, OPTIONS) made with the session cookie must carry the
session's CSRF token, as the form field `csrf_token` (every form of the desk has it: `templating.render` puts it
in) or the header `X-CSRF-Token`; a bearer token needs none (a browser never sends one by itself).

Adding pages: `router = desk_router("coder")` gives an APIRouter whose every route needs a coder; add it to the app
with `app.include_router(router)` (`app.py` lists the desk's routers). In a handler, `request.state.user` is the
`Principal`.
"""
from __future__ import annotations

import functools
import hmac
from dataclasses import dataclass

from fastapi import APIRouter, Depends, HTTPException, Request

from .roles import allows
from .stores import store_of

SESSION_COOKIE = "ec_session"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


@dataclass(frozen=True)
class Principal:
    name: str
    role: str
    via: str                    # "session" or "token"
    csrf: str | None = None     # the session's CSRF token (None for a bearer token)


class LoginRequired(Exception):
    """No valid session or token: 401 (API, scripts) or a redirect to /login (a browser)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def authenticate(request: Request) -> Principal | None:
    """The principal of a valid bearer token or session cookie; None without either. A bearer header that is not
    a valid token is LoginRequired (a script with a wrong token should hear so, not fall back to a cookie)."""
    store = store_of(request)
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise LoginRequired("the Authorization header must be 'Bearer TOKEN' (eventcoder users token NAME)")
        user = store.token_user(token.strip())
        if user is None:
            raise LoginRequired("unknown API token; `eventcoder users token NAME` makes one")
        return Principal(user["name"], user["role"], "token")
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        found = store.session_user(secret)
        if found:
            user, csrf = found
            return Principal(user["name"], user["role"], "session", csrf)
    return None


@functools.lru_cache(maxsize=None)
def require_role(role: str):
    """The dependency that lets through users with `role` or above (see the module docstring); one callable per
    role, so FastAPI runs it once per request however many times a route names it."""
    allows("viewer", role)       # an unknown role is a programming error, found when the route is declared

    async def dependency(request: Request) -> Principal:
        principal = authenticate(request)
        if principal is None:
            raise LoginRequired("sign in first, or send an API token (Authorization: Bearer TOKEN)")
        request.state.user = principal            # (the error pages show who is signed in, too)
        if not allows(principal.role, role):
            raise HTTPException(403, f"this needs the {role} role; {principal.name} is a {principal.role}")
        if request.method not in SAFE_METHODS and principal.via == "session":
            await check_csrf(request, principal.csrf or "")
        return principal

    dependency.__name__ = f"require_{role}"
    return dependency


async def check_csrf(request: Request, expected: str) -> None:
    """403 unless the request carries `expected` as its CSRF token (header, or form field)."""
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        given = (await request.form()).get(CSRF_FIELD)
    if not expected or not isinstance(given, str) or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(403, "the form's CSRF token is missing or wrong; reload the page and send it again")


def desk_router(role: str, **kwargs) -> APIRouter:
    """An APIRouter whose every route needs `role` (and CSRF on its forms)."""
    return APIRouter(dependencies=[Depends(require_role(role))], **kwargs)
