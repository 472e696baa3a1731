"""The command line: each verb is a thin wrapper over a library function.

Exit status: 0 when every document was processed, 1 when the run finished but some documents failed (the output for
the rest is complete) or on a user error, 2 for a usage error.
"""
from __future__ import annotations

import json
import sys
import time
from contextlib import contextmanager

import click

from . import __version__
from .errors import EventcoderError
from .ingest.readers import read_inputs
from .runner import RunSummary, StopRun, run_batch


@contextmanager
def _output(path: str | None):
    if path in (None, "-"):
        yield sys.stdout
    else:
        try:
            f = open(path, "w", encoding="utf-8")
        except OSError as exc:
            raise click.ClickException(f"cannot write {path}: {exc.strerror}; check the path") from exc
        with f:
            yield f


class Progress:
    """Documents done, rate and events on stderr; redrawn in place on a terminal, every few seconds otherwise."""

    def __init__(self, quiet: bool = False):
        self.quiet, self.t0, self.last = quiet, time.monotonic(), 0.0
        self.tty = sys.stderr.isatty()

    def __call__(self, s: RunSummary) -> None:
        now = time.monotonic()
        if self.quiet or now - self.last < (0.2 if self.tty else 10.0):
            return
        self.last = now
        rate = s.read / max(now - self.t0, 1e-9)
        msg = f"{s.read} docs, {rate:.1f} docs/s, {s.events} events, {len(s.failed)} failed"
        click.echo(("\r" + msg) if self.tty else msg, err=True, nl=not self.tty)

    def done(self, s: RunSummary) -> None:
        if self.tty and not self.quiet:
            click.echo("", err=True)
        for line in s.lines():
            click.echo(line, err=True)


def _pipeline(coding: bool = True, keep_all: bool = False, model: str | None = None):
    from .pipeline import default_pipeline
    try:
        return default_pipeline(coding=coding, keep_all=keep_all, model=model)
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from exc


def _finish(summary: RunSummary, progress: Progress) -> None:
    progress.done(summary)
    sys.exit(0 if summary.ok else 1)


def _run(items, pipeline, sink, on_error, progress) -> RunSummary:
    summary = RunSummary()
    try:
        run_batch(items, pipeline, sink, summary, on_error=on_error, progress=progress)
    except StopRun as exc:
        progress.done(summary)
        raise click.ClickException(f"stopped at the first failure (--on-error stop): {exc}") from exc
    return summary


on_error_option = click.option("--on-error", type=click.Choice(["skip", "stop"]), default="skip", show_default=True,
                               help="skip a document that fails and go on, or stop the run")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventcoder")
def cli():
    """Code news reports about armed conflict and political violence into ACLED-compatible events, each field with
    the words it came from."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default="eventcoder.db", show_default=True, help="SQLite database to store results in")
@click.option("--keep-all", is_flag=True, help="also keep planned, threatened, denied and hypothetical events")
@click.option("--json", "as_json", is_flag=True, help="print the events as JSON lines instead of a table")
@click.option("--quiet", "-q", is_flag=True, help="no progress on stderr")
@on_error_option
def code(paths, db, keep_all, as_json, quiet, on_error):
    """Code reports (text files, JSONL, folders, or - for stdin), store them and print their events."""
    from .report import print_document
    from .store.sqlite import open_store
    try:
        store = open_store(db)
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from exc
    run_id = store.start_run("code " + " ".join(paths))
    progress = Progress(quiet)

    def sink(doc):
        store.save(doc, run_id)
        if as_json:
            from .export.contract import event_record
            for ev in doc.events:
                click.echo(json.dumps(event_record(ev, explain=True), ensure_ascii=False))
        else:
            print_document(doc)

    summary = _run(read_inputs(paths), _pipeline(keep_all=keep_all), sink, on_error, progress)
    store.finish_run(run_id, docs_ok=summary.coded + sum(summary.skipped.values()),
                     docs_failed=len(summary.failed), events=summary.events)
    store.close()
    click.echo(f"stored in {db}", err=True)
    _finish(summary, progress)


@cli.command()
@click.argument("docs")
@click.option("-o", "--output", default="-", show_default=True, help="events JSONL file, - for stdout")
@click.option("--explain", is_flag=True, help="add to each event why it got its type and actors")
@click.option("--keep-all", is_flag=True, help="also emit planned, threatened, denied and hypothetical events")
@click.option("--model", type=click.Path(exists=True, dir_okay=False), help="a model made by `eventcoder train`")
@click.option("--quiet", "-q", is_flag=True, help="no progress on stderr")
@on_error_option
def extract(docs, output, explain, keep_all, model, quiet, on_error):
    """Code DOCS (JSONL, one {"id", "text", ...} a line, or - for stdin) into events, one JSON line each."""
    from .export.contract import event_record
    progress = Progress(quiet)
    with _output(output) as out:
        def sink(doc):
            for ev in doc.events:
                out.write(json.dumps(event_record(ev, explain), ensure_ascii=False) + "\n")
        summary = _run(read_inputs([docs]), _pipeline(keep_all=keep_all, model=model), sink, on_error, progress)
    _finish(summary, progress)


@cli.command()
@click.argument("docs")
@click.option("-o", "--output", default="-", show_default=True, help="place mentions JSONL file, - for stdout")
@click.option("--quiet", "-q", is_flag=True, help="no progress on stderr")
@on_error_option
def geoparse(docs, output, quiet, on_error):
    """Find and resolve the place names in DOCS (JSONL or - for stdin), one JSON line per mention."""
    from .export.contract import place_records
    progress = Progress(quiet)
    with _output(output) as out:
        def sink(doc):
            for rec in place_records(doc):
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        summary = _run(read_inputs([docs]), _pipeline(coding=False), sink, on_error, progress)
    _finish(summary, progress)


def _register_optional() -> None:
    """Verbs that live with their subsystem (the gazetteer's live in eventcoder.geo.cli)."""
    try:
        from .geo.cli import gazetteer
    except ImportError:
        return
    cli.add_command(gazetteer)


_register_optional()


def main() -> None:
    try:
        cli(standalone_mode=True)
    except EventcoderError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
