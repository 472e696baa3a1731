"""The command line: each verb is a thin wrapper over a library function.

Exit status: 0 when every document was processed, 1 when the run finished but some documents failed (the output for
the rest is complete) or on a user error, 2 for a usage error.
"""
from __future__ import annotations

import json
import sys

import click

from .version import __version__
from .errors import EventcoderError
from .cli_common import (cluster_options, default_db, date_text_value, report_and_exit, output_to, coding_pipeline,
                         read_options, resumable_output, run_verb, run_signature, count_inputs, actors_option,
                         input_options, on_error_option, quiet_option, read_inputs, relevance_options, Progress,
                         RunSummary, fetch_options)
from .fuse.cli import fuse
from .geo.cli import gazetteer
from .store.cli import changes, db_group, events
from .store.coding import StoreCoding
from .watch.cli import watch
from .review.cli import review
from .web.cli import serve, users


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventcoder")
def cli():
    """Code news reports about armed conflict and political violence into ACLED-compatible events, each field with
    the words it came from."""


DB_DEFAULT = "$EVENTCODER_DB, else eventcoder.db"


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default=default_db, show_default=DB_DEFAULT,
              help="database to store results in: a SQLite file path or sqlite:///path URL")
@click.option("--keep-all", is_flag=True, help="also keep planned, threatened, denied and hypothetical events")
@click.option("--json", "as_json", is_flag=True, help="print the events as JSON lines instead of a table")
@quiet_option
@input_options
@on_error_option
@actors_option
@relevance_options
@cluster_options
@fetch_options
def code(paths, db, keep_all, as_json, quiet, actors, glob, text_column, id_column, source, published_at, focus_country,
         force, on_error, relevance_threshold, keep_irrelevant, workers, scheduler, fetch):
    """Code reports (text, HTML, JSONL and CSV files, folders, URLs, feeds, web archives, or - for stdin), store
    them, fuse their events into the stored events, and print them. A copy of a stored report (a re-post, a syndicated copy) is stored as such
    and not coded.

    Each document is stored in its own transaction. Run again, the same command passes over the documents already
    stored by this version of eventcoder (an interrupted run continues where it stopped); --force codes them again.
    """
    from .report import print_document
    from .store import open_store
    try:
        store = open_store(db)
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from exc
    run_id = store.start_run("code " + " ".join(paths))
    progress = Progress(quiet)
    opts = read_options(glob, text_column, id_column, source, published_at, focus_country, fetch)

    def show(doc):
        progress.clear()
        if as_json:
            from .export.contract import event_record
            for ev in doc.events:
                click.echo(json.dumps(event_record(ev, explain=True), ensure_ascii=False))
        else:
            print_document(doc)
    coding = StoreCoding(store, run_id, force=force, after=show)
    pipeline = coding_pipeline(keep_all=keep_all, actors=actors, relevance=(relevance_threshold, keep_irrelevant),
                               cluster=(workers, scheduler))
    summary = run_verb(read_inputs(paths, opts), pipeline, coding.save, on_error, progress,
                       total=count_inputs(paths, opts), done=coding.done)
    store.finish_run(run_id, docs_ok=summary.coded + sum(summary.skipped.values()),
                     docs_failed=len(summary.failed), events=summary.events)
    store.close()
    report_and_exit(summary, progress, f"stored in {db}")


@cli.command()
@click.argument("docs", nargs=-1, required=True)
@click.option("-o", "--output", default="-", show_default=True, help="events JSONL file, - for stdout")
@click.option("--explain", is_flag=True, help="add to each event why it got its type and actors")
@click.option("--keep-all", is_flag=True, help="also emit planned, threatened, denied and hypothetical events")
@click.option("--model", type=click.Path(exists=True, dir_okay=False), help="a model made by `eventcoder train`")
@quiet_option
@input_options
@on_error_option
@actors_option
@relevance_options
@cluster_options
@fetch_options
def extract(docs, output, explain, keep_all, model, quiet, actors, glob, text_column, id_column, source, published_at,
            focus_country, force, on_error, relevance_threshold, keep_irrelevant, workers, scheduler, fetch):
    """Code DOCS (JSONL, one {"id", "text", ...} a line; also text, HTML, CSV, folders, URLs, feeds, web archives;
    - for stdin) into events,
    one JSON line each.

    With -o FILE, an interrupted run continues when the same command is run again: FILE.progress (removed when the
    run completes) records the finished documents; --force starts over."""
    from .export.contract import event_record
    progress = Progress(quiet)
    opts = read_options(glob, text_column, id_column, source, published_at, focus_country, fetch)
    sig = run_signature("extract", docs, explain=explain, keep_all=keep_all, model=model, actors=actors, glob=glob,
                        text_column=text_column, id_column=id_column, source=source, published_at=published_at,
                        focus_country=focus_country, relevance_threshold=relevance_threshold,
                        keep_irrelevant=keep_irrelevant, feed=fetch.feed)
    pipeline = coding_pipeline(keep_all=keep_all, model=model, actors=actors,
                               relevance=(relevance_threshold, keep_irrelevant), cluster=(workers, scheduler))
    summary = _run_to_jsonl(output, resumable_output(output, sig, force), docs, opts, pipeline, on_error, progress,
                            lambda doc: [event_record(ev, explain) for ev in doc.events])
    report_and_exit(summary, progress)


def _run_to_jsonl(output, res, docs, opts, pipeline, on_error, progress, records) -> RunSummary:
    """Run a batch and write each document's `records(doc)` as JSON lines: to `output` (stdout) when `res` is None,
    else into the resumable file `res`, which stays resumable unless the run reaches its end."""
    if res is None:
        with output_to(output) as out:
            def sink(doc):
                for rec in records(doc):
                    out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            return run_verb(read_inputs(docs, opts), pipeline, sink, on_error, progress, total=count_inputs(docs, opts))
    finished = False
    try:
        summary = run_verb(read_inputs(docs, opts), pipeline, lambda doc: res.write_document(doc.id, records(doc)),
                       on_error, progress, total=count_inputs(docs, opts), done=lambda doc: res.is_done(doc.id))
        finished = True
    finally:
        res.close(finished)
    return summary


@cli.command()
@click.argument("docs", nargs=-1, required=True)
@click.option("-o", "--output", default="-", show_default=True, help="place mentions JSONL file, - for stdout")
@quiet_option
@input_options
@on_error_option
@cluster_options
@fetch_options
def geoparse(docs, output, quiet, glob, text_column, id_column, source, published_at, focus_country, force, on_error,
             workers, scheduler, fetch):
    """Find and resolve the place names in DOCS (JSONL, text, HTML, CSV, folders, URLs, feeds, web archives, or - for
    stdin), one JSON line per
    mention. With -o FILE, an interrupted run continues when run again (as for extract)."""
    from .export.contract import place_records
    progress = Progress(quiet)
    opts = read_options(glob, text_column, id_column, source, published_at, focus_country, fetch)
    sig = run_signature("geoparse", docs, glob=glob, text_column=text_column, id_column=id_column,
                        focus_country=focus_country, feed=fetch.feed)
    pipeline = coding_pipeline(coding=False, cluster=(workers, scheduler))
    summary = _run_to_jsonl(output, resumable_output(output, sig, force), docs, opts, pipeline, on_error, progress,
                            place_records)
    report_and_exit(summary, progress)


def _format_option(f):
    """--format: the choices and their help come from the writer registry (`export/registry.py`)."""
    from .export.registry import writers
    formats = writers()
    return click.option("--format", "fmt", type=click.Choice(list(formats)), default="csv", show_default=True,
                        help="; ".join(f"{w.name}: {w.description}" for w in formats.values()))(f)


@cli.command()
@_format_option
@click.option("-o", "--output", default="-", show_default=True, help="file to write, - for stdout")
@click.option("--db", default=default_db, show_default=DB_DEFAULT,
              help="the database `eventcoder code` filled: a SQLite file path or sqlite:///path URL")
@click.option("--from", "from_file", metavar="EVENTS.jsonl",
              help="read events from a JSONL file (what `extract` writes; - for stdin) instead of the database")
@click.option("--country", help="only events in this country (by name, any case)")
@click.option("--since", callback=date_text_value, metavar="YYYY-MM-DD", help="only events on or after this date")
@click.option("--until", callback=date_text_value, metavar="YYYY-MM-DD", help="only events on or before this date")
@click.option("--type", "event_type", metavar="TYPE", help="only events of this event type or sub-event type")
@click.option("--acled-only", is_flag=True, help="csv: only ACLED's 31 columns, without eventcoder's own")
@click.option("--per-report", is_flag=True, help="each report's own events instead of the fused events")
@click.option("--reviewed-only", is_flag=True, help="only the fused events a reviewer accepted")
def export(fmt, output, db, from_file, country, since, until, event_type, acled_only, per_report, reviewed_only):
    """Export coded events as ACLED CSV (for R, pandas, acledR), JSONL or GeoJSON (for QGIS, geojson.io).

    From the database: one fused event per incident, however many reports tell of it (in JSONL exactly as
    `eventcoder fuse` writes them; in CSV with every report's outlet in `source`), with a reviewer's corrections
    over the coder's values and without the events a reviewer rejected (`eventcoder review`); --reviewed-only for
    the accepted ones; --per-report for each report's own events, as coded."""
    from .export.writers import export_events
    from .store import open_store
    filters = dict(country=country, since=since, until=until, event_type=event_type)
    try:
        store = None if from_file else open_store(db, create=False)   # before the output file is made
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        with output_to(output) as out:
            stats = export_events(fmt, out, store=store, from_file=from_file, acled_only=acled_only,
                                  per_report=per_report, reviewed_only=reviewed_only, **filters)
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        if store is not None:
            store.close()
    for line in stats.lines(fmt, output):
        click.echo(line, err=True)
    sys.exit(0 if not stats.failed else 1)


@cli.command()
@click.argument("gold", type=click.Path(exists=True))
@click.argument("pred", type=click.Path(exists=True, dir_okay=False))
@click.option("--kind", type=click.Choice(["acled", "case", "fakes", "ucdp", "toponyms"]),
              help="the gold's format (default: told from the folder name or the fields)")
@click.option("--json", "as_json", is_flag=True, help="print the metrics as one JSON object")
@click.option("--no-classes", is_flag=True, help="leave out the per-class precision/recall tables")
def evaluate(gold, pred, kind, as_json, no_classes):
    """Score predictions PRED (events JSONL from `extract`, or a CSV from `export`) against GOLD: a benchmark set
    folder or gold file, or an ACLED CSV export (code its notes first: `eventcoder extract GOLD.csv -o PRED`)."""
    from .evaluate import evaluate as run_evaluation, format_evaluation
    try:
        result = run_evaluation(gold, pred, kind)
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        for line in format_evaluation(result, per_class=not no_classes):
            click.echo(line)


@cli.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="where to write the model, e.g. model.npz (use it with `extract --model`)")
@click.option("--epochs", default=30, show_default=True, help="passes over the training data")
def train(gold, output, epochs):
    """Fit the statistical part of the event classifier on your own coded events: GOLD is an ACLED CSV export
    (columns sub_event_type and notes; event_type is checked when present)."""
    from .extract.train import TrainError, train_model
    try:
        info = train_model(gold, output, epochs=epochs)
    except TrainError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"trained on {info['rows']} rows, {len(info['classes'])} sub-event types, {info['features']} features; "
               f"training accuracy {info['train_accuracy']:.3f}", err=True)
    for reason, n in info["skipped"].items():
        click.echo(f"  skipped {n}: {reason}", err=True)
    click.echo(f"model written to {info['model']}: use it with `eventcoder extract --model {info['model']}`", err=True)


@cli.command("info")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of lines.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE instead of standard output.")
def info_cmd(as_json: bool, output: str | None) -> None:
    """Version, data directory, gazetteer index, spaCy model, vocabularies and the pipeline's stages with what each
    requires and assigns. Reads only: builds and downloads nothing."""
    from .about import format_info, system_info
    info = system_info()
    with output_to(output) as out:
        if as_json:
            out.write(json.dumps(info, indent=1, ensure_ascii=False) + "\n")
        else:
            out.write("\n".join(format_info(info)) + "\n")


cli.add_command(gazetteer)   # verbs that live with their subsystem (the gazetteer's live in eventcoder.geo.cli)
cli.add_command(fuse)        # eventcoder.fuse.cli
cli.add_command(changes)     # eventcoder.store.cli
cli.add_command(events)
cli.add_command(db_group)
cli.add_command(watch)       # eventcoder.watch.cli
cli.add_command(review)      # eventcoder.review.cli
cli.add_command(serve)       # eventcoder.web.cli: the review desk and its users
cli.add_command(users)


def main() -> None:
    try:
        cli(standalone_mode=True)
    except EventcoderError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
