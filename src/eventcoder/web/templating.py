"""Rendering the desk's pages: Jinja2 templates from the package (`templates/`), autoescaped (a report's text with
`<script>` in it is shown as text), each page given the signed-in user, their CSRF token for its forms and the
current path; `type_class` names the CSS class (and colour) of an event type."""
from __future__ import annotations

import re
from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATES = Path(__file__).parent / "templates"


def type_class(event_type: str | None) -> str:
    """"Explosions/Remote violence" -> "type-explosions-remote-violence" (the colours are in static/desk.css)."""
    return "type-" + (re.sub(r"[^a-z0-9]+", "-", (event_type or "none").lower()).strip("-") or "none")


def _templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["type_class"] = type_class
    return Jinja2Templates(env=env)


templates = _templates()


def render(request: Request, name: str, context: dict | None = None, status_code: int = 200):
    user = getattr(request.state, "user", None)
    ctx = {"user": user, "csrf": getattr(user, "csrf", None) or "", **(context or {})}
    return templates.TemplateResponse(request, name, ctx, status_code=status_code)
