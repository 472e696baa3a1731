"""`create_app(db_url)`: the review desk as a FastAPI app (see the package docstring). Its routers are listed in
DESK_ROUTERS, each behind its role; a request without a session or token is answered 401 (API, scripts) or sent
to the login page (a browser); every answer carries a Content-Security-Policy that allows scripts, styles and
images from the app itself only, so nothing a report says can run."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from ..version import __version__
from . import admin, api, login, mapview, pages, review_api, review_pages
from .auth import LoginRequired
from .stores import ReleaseStores, StorePool
from .templating import render
from .throttle import LoginThrottle

STATIC = Path(__file__).parent / "static"
DESK_ROUTERS = [login.router, review_pages.router, pages.router, mapview.router, review_api.writer, review_api.reader,
                api.router, admin.router]
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                               "form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def create_app(db_url: str, *, throttle: LoginThrottle | None = None, routers=()) -> FastAPI:
    """The desk over the database `db_url` names (it must exist: `eventcoder code` makes it). `routers`: more
    routers to include after the desk's own (`auth.desk_router(role)` makes one)."""
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        app.state.stores.close()

    app = FastAPI(title="eventcoder review desk", version=__version__, docs_url=None, redoc_url=None,
                  lifespan=lifespan,
                  description="Fused events with the words behind each field. Every route needs "
                              "`Authorization: Bearer TOKEN` (`eventcoder users token NAME`) or a session.")
    app.state.stores = StorePool(db_url)
    app.state.stores.release(app.state.stores.acquire())   # open (and migrate) now: a bad --db fails at start
    app.state.throttle = throttle or LoginThrottle()
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in [*DESK_ROUTERS, *routers]:
        app.include_router(router)
    _handlers(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    app.add_middleware(ReleaseStores, pool=app.state.stores)     # outermost: after the answer is sent
    return app


def _wants_html(request: Request) -> bool:
    return (not request.url.path.startswith("/api/") and "authorization" not in request.headers
            and "text/html" in request.headers.get("accept", ""))


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired):
        if _wants_html(request) and request.method in ("GET", "HEAD"):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse("/login?next=" + quote(target, safe=""), status_code=303)
        return JSONResponse({"detail": exc.reason}, status_code=401, headers={"WWW-Authenticate": "Bearer"})

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        if _wants_html(request):
            return render(request, "error.html", {"status": exc.status_code, "detail": exc.detail},
                          status_code=exc.status_code)
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        problems = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
        if _wants_html(request):
            return render(request, "error.html", {"status": 422, "detail": "; ".join(problems)}, status_code=422)
        return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
