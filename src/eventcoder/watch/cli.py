"""`eventcoder watch FEEDS_FILE`: the loop over `Watcher` cycles, its log on stderr, and its clean stop."""
from __future__ import annotations

import sys
import threading

import click

from ..cli_common import (actors_option, coding_pipeline, default_db, fetch_options, focus_country_value,
                          relevance_options)


@click.command()
@click.argument("feeds_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--db", default=default_db, show_default="$EVENTCODER_DB, else eventcoder.db",
              help="database to store results in: a SQLite file path, sqlite:///path or postgresql:// URL")
@click.option("--interval", type=click.FloatRange(min=1), default=900, show_default=True, metavar="S",
              help="seconds to wait after a cycle before the next")
@click.option("--once", is_flag=True, help="run one cycle and exit (for cron)")
@click.option("--focus-country", callback=focus_country_value, metavar="COUNTRY",
              help="the country the feeds are about (ISO code or name): weighed as evidence, never over the text")
@actors_option
@relevance_options
@fetch_options(feed_flag=False)
def watch(feeds_file, db, interval, once, focus_country, actors, relevance_threshold, keep_irrelevant, fetch):
    """Poll the feeds listed in FEEDS_FILE (one URL a line, # comments), code their new entries into the database
    and fuse them into the dataset, logging one line per cycle on stderr.

    Each feed is asked with a conditional GET (ETag, Last-Modified); entries already coded, by entry id or by the
    canonical URL of their article (from any feed), are passed over. Ctrl-C or SIGTERM stops after the document in
    hand (a second one stops at once; nothing is half-stored). Exit status 1 when something failed."""
    from ..errors import EventcoderError
    from ..ingest.options import ReadOptions
    from ..store import open_store
    from .loop import Watcher, read_feed_list
    from .signals import stop_on_signals
    try:
        with open(feeds_file, encoding="utf-8") as f:
            feeds = read_feed_list(f.read(), feeds_file)
        store = open_store(db)
    except (EventcoderError, OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"{exc}") from exc
    say = lambda line: click.echo(line, err=True)   # noqa: E731 - the log
    stop, ok = threading.Event(), True
    try:
        with stop_on_signals(stop, say):         # from here on, a signal stops cleanly (the model loads first)
            pipeline = coding_pipeline(actors=actors, relevance=(relevance_threshold, keep_irrelevant))
            watcher = Watcher(store, feeds, pipeline, ReadOptions(focus_country=focus_country, fetch=fetch), stop)
            say(f"watching {len(feeds)} feed(s) into {db}" + ("" if once else f" every {interval:g} s"))
            ok = _cycles(watcher, once, interval, say)
    except KeyboardInterrupt:
        say("stopped at once: the document being stored, if any, was rolled back")
        ok = False
    except EventcoderError as exc:
        raise click.ClickException(f"{exc}; the documents stored so far are kept") from exc
    finally:
        store.close()
    if stop.is_set():
        say("stopped")
    sys.exit(0 if ok else 1)


def _cycles(watcher, once: bool, interval: float, say) -> bool:
    """Run cycles until stopped (or one, with `once`), logging each; whether none had a failure."""
    ok, number = True, 0
    while not watcher.stop.is_set():
        number += 1
        cycle = watcher.cycle(number)
        ok = ok and cycle.ok
        for line in cycle.lines():
            say(line)
        if once or watcher.stop.wait(interval):
            break
    return ok
