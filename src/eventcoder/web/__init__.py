"""The review desk: `eventcoder serve`, a server-rendered web app over a store's fused events, behind a login.

`create_app(db_url)` (`app.py`) builds the FastAPI app from routers, each behind a role (`auth.desk_router`):
- `login.py`: sign in and out (sessions in HttpOnly, SameSite cookies; attempts throttled by `throttle.py`);
- `pages.py`: the events list with its filters (`params.py`) and paging, and one event's page with the words behind
  each field highlighted in its reports (`evidence.py`);
- `mapview.py`: the map (Leaflet and Natural Earth outlines, vendored under `static/vendor/`) and the timeline;
- `api.py`: the same data as JSON (`/api/events`, `/api/events/{id}`), described at `/openapi.json`;
- `admin.py`: users, for admins.
Every route needs a session or an `Authorization: Bearer` token (`auth.py`); every form POST is checked against the
session's CSRF token there too. Users and tokens are made with `eventcoder users` (`cli.py`).
"""
