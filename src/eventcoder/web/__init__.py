"""The review desk: `eventcoder serve`, a server-rendered web app over a store's fused events, behind a login.

`create_app(db_url)` (`app.py`) builds the FastAPI app from routers, each behind a role (`auth.desk_router`):
- `login.py`: sign in and out (sessions in HttpOnly, SameSite cookies; attempts throttled by `throttle.py`);
- `pages.py`: the events list with its filters (`params.py`) and paging, and one event's page with the words behind
  each field highlighted in its reports (`evidence.py`);
- `mapview.py`: the map (Leaflet and Natural Earth outlines, vendored under `static/vendor/`) and the timeline;
- `api.py`: the same data as JSON (`/api/events`, `/api/events/{id}`), described at `/openapi.json`;
- `admin.py`: users, for admins.
- `review_pages.py`, `review_api.py`: a coder's corrections and decisions (edit form, accept/reject, merge, split,
  the review queue with bulk decisions; `PATCH /api/events/{id}` and the rest), through `review/desk.py`; the event
  page's review panel and history are `templates/review_panel.html`.
Every route needs a session or an `Authorization: Bearer` token (`auth.py`); every form POST is checked against the
session's CSRF token there too. Users and tokens are made with `eventcoder users` (`cli.py`).

Adding pages (a coder's edits, a reviewer's decisions): `router = auth.desk_router("coder")`, routes on it, the
router listed in `app.DESK_ROUTERS`; a handler reads the store with `stores.store_of(request)` and the user as
`request.state.user`, and answers `templating.render(request, "x.html", {...})` with a template that extends
`base.html` and puts `<input type="hidden" name="csrf_token" value="{{ csrf }}">` in each form. A reviewer's
status goes in the store's `event_reviews` (fused_id, status, user_name, at; statuses in
`store.desk_filter.REVIEW_STATUSES`); a fused record changed outside fusion must get its `desk_events` row again
(`store.desk_columns.desk_values`), as `sql_fusion.write_fused` does.
"""
