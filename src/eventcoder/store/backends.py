"""`open_store(url)`: the database behind `--db`, chosen by the URL's scheme.

A plain path (`eventcoder.db`, `/data/ev.db`, `C:\\ev.db`) or a `sqlite://` URL opens the SQLite store;
`postgresql://` and `postgres://` open the PostgreSQL store (`postgres.py`); any other scheme is a StoreError that
lists the schemes eventcoder knows. With no `--db`, the `EVENTCODER_DB` environment variable names the database.

Adding a backend is one registration: `register_backend("scheme", ..., opener=open_x)`, where
`open_x(url, *, create)` returns an object with the `Store` methods (`store/base.py`) and applies its migrations
(`store/migrations.py`, with that backend's DDL); an opener that takes `any_thread` (a store used from one thread
after another, as the review desk's pool of stores does) is given it when it is asked for.
"""
from __future__ import annotations

import re
from typing import Callable

from ..errors import StoreError
from .base import Store
from .postgres import open_postgres, redacted
from .sqlite import open_sqlite

Opener = Callable[..., Store]           # opener(url, *, create: bool[, any_thread: bool]) -> Store

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_BACKENDS: dict[str, Opener] = {}


def register_backend(*schemes: str, opener: Opener) -> None:
    """Make `open_store` send URLs with these schemes to `opener`; a scheme registered twice is an error."""
    for scheme in schemes:
        if scheme in _BACKENDS:
            raise StoreError(f"the database scheme {scheme}:// is registered twice")
        _BACKENDS[scheme] = opener


def known_schemes() -> tuple[str, ...]:
    return tuple(sorted(_BACKENDS))


def scheme_of(url: str) -> str:
    """The URL's scheme in lower case; "sqlite" for a plain path (Windows drive letters are paths too)."""
    m = _SCHEME.match(str(url))
    return m.group(1).lower() if m else "sqlite"


def open_store(url, *, create: bool = True, any_thread: bool = False) -> Store:
    """Open the database `url` names (see the module docstring). `create=False` is for verbs that read: a database
    that does not exist yet is then a StoreError that says how to make one, instead of a new empty database.
    `any_thread=True`: the store may be used from one thread after another (never two at once), as a web server's
    pool of stores hands it to one request after another."""
    url = str(url)
    scheme = scheme_of(url)
    opener = _BACKENDS.get(scheme)
    if opener is None:
        raise StoreError(f"cannot open {redacted(url)}: eventcoder knows no {scheme}:// databases; give --db a file path, or a "
                         f"URL with one of the schemes {', '.join(s + '://' for s in known_schemes())}")
    return opener(url, create=create, **({"any_thread": True} if any_thread else {}))


register_backend("sqlite", opener=open_sqlite)
register_backend("postgresql", "postgres", opener=open_postgres)
