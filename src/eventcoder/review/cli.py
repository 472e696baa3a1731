"""`eventcoder review`: the review desk for scripts and tests — correct, accept, reject, split, bulk decisions, the
queue and an event's history, each recorded under the reviewer's name (`--user`, else $EVENTCODER_USER, else the
login name). Merging is `eventcoder events merge KEEP OTHER --user NAME`."""
from __future__ import annotations

import getpass
import json
import os

import click

from ..errors import UnknownEvent
from ..cli_common import date_text_value, default_db, output_to, with_store
from . import desk

DB_HELP = "the database `eventcoder code` filled: a SQLite file path, or a sqlite:/// or postgresql:// URL"


def default_user() -> str | None:
    """$EVENTCODER_USER, else the login name; None where the system has none (a review then asks for --user)."""
    if os.environ.get("EVENTCODER_USER"):
        return os.environ["EVENTCODER_USER"]
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return None


db_option = click.option("--db", default=default_db, show_default="$EVENTCODER_DB, else eventcoder.db", help=DB_HELP)
user_option = click.option("--user", default=default_user, show_default="$EVENTCODER_USER, else the login name",
                           help="the reviewer's name, recorded with the decision")
note_option = click.option("--note", help="why: recorded with the decision in the event's history")


def filter_options(f):
    for opt in reversed([
            click.option("--country", help="only events in this country (by name, any case)"),
            click.option("--since", callback=date_text_value, metavar="YYYY-MM-DD", help="only events on or after"),
            click.option("--until", callback=date_text_value, metavar="YYYY-MM-DD", help="only events on or before"),
            click.option("--type", "event_type", metavar="TYPE", help="only this event type or sub-event type")]):
        f = opt(f)
    return f




@click.group()
def review():
    """A reviewer's decisions on the fused events: correct fields, accept, reject, split; the queue of events to
    review and each event's history. Reviewed values are exported; re-coding never overwrites them."""


@review.command("correct")
@click.argument("fused_id")
@click.argument("changes", nargs=-1, required=True, metavar="FIELD=VALUE...")
@note_option
@user_option
@db_option
def correct_cmd(fused_id, changes, note, user, db):
    """Correct fields of FUSED_ID, e.g. `location=Aleppo fatalities=7 sub_event_type="Air/drone strike"`.
    Types, inter codes and precisions take ACLED's values; a place is looked up in the gazetteer (in the event's
    country; "Name, Admin1" picks one) and brings its admin areas and coordinates. An empty VALUE clears a field."""
    pairs = {}
    for c in changes:
        field, eq, value = c.partition("=")
        if not eq:
            raise click.UsageError(f"{c!r} is not FIELD=VALUE")
        pairs[field.strip()] = value

    def act(store):
        before = store.fused_event(fused_id) or {}
        after = desk.correct(store, fused_id, pairs, user, note)
        for f in (after.get("review") or {}).get("corrected", {}):
            if before.get(f) != after.get(f):
                click.echo(f"{f}: {before.get(f)!r} -> {after.get(f)!r}")
    with_store(db, act)


@review.command("accept")
@click.argument("fused_ids", nargs=-1, required=True)
@note_option
@user_option
@db_option
def accept_cmd(fused_ids, note, user, db):
    """Accept FUSED_IDS as shown: they are exported with --reviewed-only, and a later coding that disagrees with
    them flags them instead of changing them."""
    with_store(db, lambda store: desk.accept(store, list(fused_ids), user, note))
    click.echo(f"accepted {len(fused_ids)} event(s)", err=True)


@review.command("reject")
@click.argument("fused_ids", nargs=-1, required=True)
@note_option
@user_option
@db_option
def reject_cmd(fused_ids, note, user, db):
    """Reject FUSED_IDS (not events ACLED would code): they leave the export, and stay rejected when their reports
    are coded again."""
    with_store(db, lambda store: desk.reject(store, list(fused_ids), user, note))
    click.echo(f"rejected {len(fused_ids)} event(s)", err=True)


@review.command("split")
@click.argument("fused_id")
@click.argument("reports", nargs=-1, required=True)
@note_option
@user_option
@db_option
def split_cmd(fused_id, reports, note, user, db):
    """Move REPORTS (document ids or per-report event ids) out of FUSED_ID into one new event, for good; prints
    the new event's id."""
    click.echo(with_store(db, lambda store: desk.split(store, fused_id, list(reports), user, note)))


@review.command("bulk")
@click.argument("decision", type=click.Choice(["accept", "reject"]))
@filter_options
@click.option("--min-confidence", type=float, help="only events at least this confident")
@click.option("--max-confidence", type=float, help="only events at most this confident")
@click.option("--include-reviewed", is_flag=True, help="also events already accepted or rejected")
@click.option("--dry-run", is_flag=True, help="list the events it would decide on, and decide nothing")
@note_option
@user_option
@db_option
def bulk_cmd(decision, country, since, until, event_type, min_confidence, max_confidence, include_reviewed,
             dry_run, note, user, db):
    """Accept or reject every event still to review that passes the filters, in one transaction; prints their
    ids."""
    status = {"accept": "accepted", "reject": "rejected"}[decision]
    ids = with_store(db, lambda store: desk.bulk(
        store, status, user, note, min_confidence=min_confidence, max_confidence=max_confidence,
        include_reviewed=include_reviewed, dry_run=dry_run, country=country, since=since, until=until,
        event_type=event_type))
    for i in ids:
        click.echo(i)
    click.echo(f"{'would ' if dry_run else ''}{decision} {len(ids)} event(s)", err=True)


@review.command("queue")
@click.option("--by", type=click.Choice(desk.QUEUE_ORDERS), default="confidence", show_default=True,
              help="least confident first, or newest first")
@click.option("-n", "--limit", default=20, show_default=True, help="at most this many (0: all)")
@click.option("--flagged", is_flag=True, help="only events flagged for a second look")
@click.option("--json", "as_json", is_flag=True, help="one JSON line per event, as the dataset shows it")
@filter_options
@db_option
def queue_cmd(by, limit, flagged, as_json, country, since, until, event_type, db):
    """The events to review next: flagged ones first, then those not yet accepted or rejected."""
    events = with_store(db, lambda store: desk.queue(store, by, limit or None, flagged, country=country,
                                                      since=since, until=until, event_type=event_type))
    for e in events:
        if as_json:
            click.echo(json.dumps(e, ensure_ascii=False))
            continue
        flag = (e.get("review") or {}).get("flag")
        click.echo("\t".join(str(x) for x in (
            e["id"], desk.status_of(e) + (" FLAGGED:" + ",".join(flag) if flag else ""), e.get("event_date") or "-",
            f"{float(e.get('confidence') or 0):.2f}", e.get("sub_event_type") or "-", e.get("location") or "-",
            e.get("fatalities") if e.get("fatalities") is not None else "-")))


@review.command("show")
@click.argument("fused_id")
@db_option
def show_cmd(fused_id, db):
    """FUSED_ID as the dataset shows it: each field's value, the coder's beside a corrected one, the review status
    and what is flagged for a second look."""
    from .vocab import reviewable_fields

    def act(store):
        event = store.fused_event(fused_id)
        if event is None:
            raise UnknownEvent(fused_id)
        return event
    event = with_store(db, act)
    review_ = event.get("review") or {}
    corrected, flag = review_.get("corrected") or {}, review_.get("flag") or {}
    click.echo(f"{event['id']}\t{review_.get('status') or 'unreviewed'}\treports: {', '.join(event['reports'])}")
    for f in reviewable_fields():
        line = f"  {f}\t{event.get(f) if event.get(f) is not None else '-'}"
        if f in corrected and corrected[f]["coder"] != corrected[f]["value"]:
            line += f"\t(coder: {corrected[f]['coder']}; corrected by {corrected[f]['by']})"
        if f in flag:
            line += f"\tFLAGGED: the coder now says {flag[f]['coder']}"
        click.echo(line)


@review.command("history")
@click.argument("fused_id")
@click.option("--json", "as_json", is_flag=True, help="one JSON line per action")
@click.option("-o", "--output", default="-", show_default=True, help="file to write, - for stdout")
@db_option
def history_cmd(fused_id, as_json, output, db):
    """Every review action on FUSED_ID, oldest first: when, who, what (field: before -> after) and the note."""
    rows = with_store(db, lambda store: store.history(fused_id))
    with output_to(output) as out:
        for h in rows:
            if as_json:
                out.write(json.dumps(h, ensure_ascii=False) + "\n")
                continue
            what = f"{h['field']}: {h['before']!r} -> {h['after']!r}" if h["field"] else \
                f"{h['before']} -> {h['after']}"
            out.write(f"{h['at']}\t{h['reviewer']}\t{h['action']}\t{what}" +
                      (f"\t{h['note']}" if h["note"] else "") + "\n")
    if not rows:
        click.echo(f"no review of {fused_id} yet", err=True)
