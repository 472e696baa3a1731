"""`eventcoder serve` (the review desk) and `eventcoder users` (its accounts). The web app's packages (FastAPI,
uvicorn, argon2-cffi: the `web` extra) are imported when a verb runs, so the rest of eventcoder works without them."""
from __future__ import annotations

import sys

import click

from ..cli_common import default_db, existing_store, with_store
from ..errors import EventcoderError
from .roles import ROLES, check_user_name

DB_DEFAULT = "$EVENTCODER_DB, else eventcoder.db"
db_option = click.option("--db", default=default_db, show_default=DB_DEFAULT,
                         help="the database `eventcoder code` filled: a SQLite file path, sqlite:/// or postgresql:// URL")




def _web_ready() -> None:
    import importlib.util
    missing = [m for m in ("fastapi", "uvicorn", "jinja2", "argon2", "multipart") if importlib.util.find_spec(m) is None]
    if missing:
        raise click.ClickException(f"the review desk needs {', '.join(missing)}: pip install 'eventcoder[web]'")


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="address to listen on")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="port to listen on")
def serve(db, host, port):
    """Serve the review desk: the fused events with the words behind each field, a map and a timeline, behind a
    login (`eventcoder users add NAME --role admin` makes the first user). Behind an HTTPS proxy that sets
    X-Forwarded-Proto, session cookies are marked Secure."""
    _web_ready()
    import uvicorn
    from .app import create_app
    store = existing_store(db)
    try:
        has_users = bool(store.users())
    finally:
        store.close()
    if not has_users:
        click.echo(f"no users yet: `eventcoder users add NAME --role admin --db {db}` makes one", err=True)
    try:
        app = create_app(db)
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"review desk on http://{host}:{port}/ (Ctrl-C stops it)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=True)


@click.group()
def users():
    """The review desk's users: viewer (reads), coder (also reviews and edits), admin (also manages users)."""


def _name(ctx, param, value):
    try:
        return check_user_name(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _read_password() -> str:
    """From standard input when it is not a terminal (one line), else asked twice without echo."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def _hash(password: str) -> str:
    _web_ready()
    from .passwords import hash_password
    try:
        return hash_password(password)
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from exc


def _act(db: str, action, done: str | None) -> None:
    with_store(db, action)
    if done:
        click.echo(done, err=True)


@users.command("add")
@click.argument("name", callback=_name)
@click.option("--role", type=click.Choice(ROLES), required=True, help="what the user may do")
@db_option
def add(name, role, db):
    """Add user NAME with ROLE; the password is read from standard input when it is not a terminal."""
    hashed = _hash(_read_password())
    _act(db, lambda s: s.add_user(name, role, hashed), f"added {name} ({role})")


@users.command("passwd")
@click.argument("name", callback=_name)
@db_option
def passwd(name, db):
    """Set a new password for NAME (read as `add` reads it); their sessions end."""
    hashed = _hash(_read_password())
    _act(db, lambda s: s.set_password(name, hashed), f"new password for {name}; their sessions have ended")


@users.command("remove")
@click.argument("name", callback=_name)
@db_option
def remove(name, db):
    """Remove NAME, their sessions and their API tokens."""
    _act(db, lambda s: s.remove_user(name), f"removed {name}")


@users.command("token")
@click.argument("name", callback=_name)
@db_option
def token(name, db):
    """Make an API token for NAME and print it (and nothing else): send it as `Authorization: Bearer TOKEN`."""
    from .passwords import new_api_token
    secret = new_api_token()
    _act(db, lambda s: s.add_token(secret, name), None)
    click.echo(secret)


@users.command("list")
@db_option
def list_users(db):
    """The users and their roles, one a line (tab-separated)."""
    store = existing_store(db)
    try:
        for u in store.users():
            click.echo(f"{u['name']}\t{u['role']}\t{u['created_at']}")
    finally:
        store.close()
