"""Verbs on the living dataset a store holds: `eventcoder changes` (the change log), `eventcoder events merge|unfuse`
(a reviewer's decisions, which later fusion keeps) and `eventcoder db copy` (one database into another)."""
from __future__ import annotations

import csv
import json
import sys

import click

from ..cli_common import date_text_value, output_to, default_db, existing_store, with_store
from ..errors import EventcoderError

DB_DEFAULT = "$EVENTCODER_DB, else eventcoder.db"
DB_HELP = "the database `eventcoder code` filled: a SQLite file path or sqlite:///path URL"
db_option = click.option("--db", default=default_db, show_default=DB_DEFAULT, help=DB_HELP)
CHANGE_COLUMNS = ("seq", "at", "change", "event_id", "fields", "reports", "other_ids", "run_id", "reviewer")




@click.command()
@click.option("--since", callback=date_text_value, metavar="YYYY-MM-DD", help="only changes on or after this day")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("-o", "--output", default="-", show_default=True, help="file to write, - for stdout")
@db_option
def changes(since, fmt, output, db):
    """What changed in the fused events: events added, updated (which fields, from which reports), merged into
    another (`other_ids` names the survivor), split, or deleted — ACLED's weekly update and deletions file — and
    a reviewer's decisions: corrected (which fields), accepted, rejected, flagged for a second look (`reviewer`
    names who decided)."""
    store = existing_store(db)
    n = 0
    try:
        with output_to(output) as out:
            writer = csv.writer(out) if fmt == "csv" else None
            if writer:
                writer.writerow(CHANGE_COLUMNS)
            for ch in store.changes(since):
                n += 1
                if writer:
                    writer.writerow([";".join(v) if isinstance(v, list) else v
                                     for v in (ch[c] for c in CHANGE_COLUMNS)])
                else:
                    out.write(json.dumps(ch, ensure_ascii=False) + "\n")
    finally:
        store.close()
    click.echo(f"{n} change(s)" + (f" since {since}" if since else ""), err=True)
    sys.exit(0)


@click.group()
def events():
    """A reviewer's decisions on fused events: merge two, or take a report out of one. Fusion remembers them."""


def _reviewer_options(f):
    from ..review.cli import note_option, user_option
    return note_option(user_option(f))


@events.command("merge")
@click.argument("keep")
@click.argument("other")
@_reviewer_options
@db_option
def merge(keep, other, note, user, db):
    """Make fused events KEEP and OTHER one event (the older id survives) and keep them one; recorded in both
    events' history under --user."""
    from ..review import desk
    _decide(db, lambda store: desk.merge(store, keep, other, user, note), f"merged {other} with {keep}")


@events.command("unfuse")
@click.argument("fused_id")
@click.argument("report")
@_reviewer_options
@db_option
def unfuse(fused_id, report, note, user, db):
    """Take REPORT (a document id or a per-report event id) out of fused event FUSED_ID, for good
    (`eventcoder review split` takes several at once)."""
    from ..review import desk
    _decide(db, lambda store: desk.split(store, fused_id, [report], user, note), f"took {report} out of {fused_id}")


def _decide(db: str, action, done: str) -> None:
    with_store(db, action)
    click.echo(f"{done}; `eventcoder changes --db {db}` shows what it changed", err=True)


@click.group("db")
def db_group():
    """Databases: copy one into another (a SQLite file into a team's PostgreSQL, and back)."""


@db_group.command("copy")
@click.argument("src")
@click.argument("dst")
def copy_cmd(src, dst):
    """Copy every row of database SRC into the new, empty database DST (paths or URLs, as --db takes)."""
    from . import open_store
    from .copy import copy_store
    source = existing_store(src)
    try:
        target = open_store(dst)
    except EventcoderError as exc:
        source.close()
        raise click.ClickException(str(exc)) from exc
    try:
        counts = copy_store(source, target)
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        source.close()
        target.close()
    click.echo(f"copied {source.path} into {target.path}: " + ", ".join(f"{n} {t}" for t, n in counts.items()),
               err=True)
