"""Users, for admins: who may use the desk, with which role; add one, or remove one (with their sessions and API
tokens). The same as `eventcoder users add|remove`."""
from __future__ import annotations

from fastapi import Form, HTTPException, Request
from fastapi.responses import RedirectResponse

from ..errors import EventcoderError
from .auth import desk_router
from .passwords import hash_password
from .roles import ROLES, check_user_name
from .stores import store_of
from .templating import render

router = desk_router("admin", prefix="/admin", include_in_schema=False)


@router.get("/users")
def users_page(request: Request):
    return _users_page(request)


def _users_page(request: Request, error: str | None = None, status_code: int = 200):
    return render(request, "users.html", {"users": store_of(request).users(), "roles": ROLES, "error": error},
                  status_code=status_code)


@router.post("/users")
def add_user(request: Request, name: str = Form(..., min_length=1, max_length=100),
             role: str = Form(...), password: str = Form(..., max_length=1000)):
    if role not in ROLES:
        raise HTTPException(422, f"unknown role {role!r}; the roles are {', '.join(ROLES)}")
    try:
        store_of(request).add_user(check_user_name(name.strip()), role, hash_password(password))
    except (EventcoderError, ValueError) as exc:
        return _users_page(request, error=str(exc), status_code=400)
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/users/{name}/remove")
def remove_user(request: Request, name: str):
    if name == request.state.user.name:
        return _users_page(request, error="you cannot remove yourself; another admin can", status_code=400)
    try:
        store_of(request).remove_user(name)
    except EventcoderError as exc:
        return _users_page(request, error=str(exc), status_code=404)
    return RedirectResponse("/admin/users", status_code=303)
