"""The command line: each verb is a thin wrapper over a library function.

Exit status: 0 when every document was processed, 1 when the run finished but some documents failed (the output for
the rest is complete) or on a user error, 2 for a usage error.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
from contextlib import contextmanager

import click

from .version import __version__
from .errors import EventcoderError
from .geo.cli import gazetteer
from .ingest.readers import ReadOptions, read_inputs
from .report import Progress
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


def _pipeline(coding: bool = True, keep_all: bool = False, model: str | None = None, actors: str | None = None,
              relevance: tuple[float | None, bool] = (None, False)):
    from .extract.classifier import ModelError
    from .extract.lexicon import LexiconError
    from .extract.registry import RegistryError
    from .pipeline import default_pipeline
    try:
        return default_pipeline(coding=coding, keep_all=keep_all, model=model, actors=actors,
                                relevance_threshold=relevance[0], keep_irrelevant=relevance[1])
    except (EventcoderError, ModelError, LexiconError, RegistryError) as exc:
        raise click.ClickException(str(exc)) from exc


def relevance_options(f):
    """--relevance-threshold and --keep-irrelevant: how sure the cheap reading before the parse must be that a report
    tells of an event before it is coded."""
    f = click.option("--keep-irrelevant", is_flag=True,
                     help="code reports the relevance reading finds no event in too (slower; more false events)")(f)
    return click.option("--relevance-threshold", type=click.FloatRange(min=0), default=None, metavar="SCORE",
                        help="relevance score a report needs to be coded (default 2; lower finds more events in "
                             "passing, with more false ones; `python3 bench/run.py` prints precision and recall "
                             "at several thresholds)")(f)


actors_option = click.option("--actors", type=click.Path(exists=True, dir_okay=False),
                             help="your own actor registry (TSV like eventcoder's data/actors.tsv); its entries win")


def _finish(summary: RunSummary, progress: Progress, *after: str) -> None:
    """Print the run's summary (and the lines `after` it) on stderr and exit: 0 when every document was processed,
    1 when some failed."""
    progress.done(summary)
    for line in after:
        click.echo(line, err=True)
    sys.exit(0 if summary.ok else 1)


def _run(items, pipeline, sink, on_error, progress, *, total=None, done=None) -> RunSummary:
    summary = RunSummary(total=total)
    try:
        run_batch(items, pipeline, sink, summary, on_error=on_error, progress=progress, done=done)
    except StopRun as exc:
        progress.done(summary)
        raise click.ClickException(f"stopped at the first failure (--on-error stop): {exc}") from exc
    return summary


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD") from None


def _focus(ctx, param, value):
    """--focus-country: an ISO code (BF, BFA, 854) or a country name, as the ISO alpha-2 code."""
    if value is None:
        return None
    from .geo.countries import country_from_hint
    c = country_from_hint(value)
    if c is None:
        raise click.BadParameter(f"{value!r} names no country; give an ISO code (BF, BFA, 854) or a name "
                                 "(Burkina Faso)")
    return c.alpha2


def _date_text(ctx, param, value):
    return _date(ctx, param, value).isoformat() if value else None


def input_options(f):
    """The options every reading verb shares: which files, which CSV columns, defaults for missing metadata."""
    for opt in reversed([
        click.option("--glob", metavar="PATTERN", help="in folders, read only files matching this pattern "
                     "(e.g. '*.html', '2024/**/*.txt'); default: every .txt .html .jsonl .csv file"),
        click.option("--text-column", metavar="NAME", help="CSV input: the column holding the text "
                     "(default: text, notes, body, content or article)"),
        click.option("--id-column", metavar="NAME", help="CSV input: the column holding the document id "
                     "(default: id, doc_id or event_id_cnty; else an id from the text)"),
        click.option("--source", metavar="NAME", help="the source for documents that name none "
                     "(replaces what a web page's metadata says)"),
        click.option("--published-at", callback=_date, metavar="YYYY-MM-DD",
                     help="the publication date for documents that carry none (replaces a web page's own)"),
        click.option("--focus-country", callback=_focus, metavar="COUNTRY",
                     help="the country a feed is about (ISO code or name): weighed as evidence for places and actors "
                     "the text leaves open, never over what the text says"),
        click.option("--force", is_flag=True, help="code every document again, even those an earlier "
                     "(interrupted) run already finished"),
    ]):
        f = opt(f)
    return f


def _read_options(glob, text_column, id_column, source, published_at, focus_country=None) -> ReadOptions:
    return ReadOptions(glob=glob, text_column=text_column, id_column=id_column, source=source,
                       published_at=published_at, focus_country=focus_country)


def _total(paths, opts) -> int | None:
    from .ingest.count import count_documents
    try:
        return count_documents(paths, opts)
    except OSError:
        return None


def _coder_fingerprint() -> str:
    """Changes whenever eventcoder's code or data files change (so a rerun after an upgrade or an edit starts over
    instead of mixing old and new output)."""
    import hashlib
    from pathlib import Path
    root = Path(__file__).resolve().parent
    h = hashlib.sha1(__version__.encode())
    for f in sorted(root.rglob("*")):
        if f.is_file() and "__pycache__" not in f.parts:
            st = f.stat()
            h.update(f"{f.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def _signature(verb: str, paths, **options) -> str:
    """What identifies a run for resuming: the verb, the absolute inputs, the options that change the output, and
    the coder itself."""
    ins = [p if p == "-" else os.path.abspath(os.path.expanduser(p)) for p in paths]
    return json.dumps({"verb": verb, "inputs": ins, "coder": _coder_fingerprint(),
                       **{k: str(v) for k, v in sorted(options.items())}})


def _resumable(output: str, signature: str, force: bool):
    """A ResumableJsonl for a file output, or None for stdout."""
    if output in (None, "-"):
        return None
    from .export.jsonl import ResumableJsonl
    try:
        res = ResumableJsonl(output, signature, force=force)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror}; check the path") from exc
    if res.restart_reason:
        click.echo(res.restart_reason, err=True)
    if res.resumed:
        click.echo(f"resuming: {len(res.done)} document(s) already in {output} (--force starts over)", err=True)
    return res


on_error_option = click.option("--on-error", type=click.Choice(["skip", "stop"]), default="skip", show_default=True,
                               help="skip a document that fails and go on, or stop the run")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventcoder")
def cli():
    """Code news reports about armed conflict and political violence into ACLED-compatible events, each field with
    the words it came from."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default="eventcoder.db", show_default=True,
              help="database to store results in: a SQLite file path or sqlite:///path URL")
@click.option("--keep-all", is_flag=True, help="also keep planned, threatened, denied and hypothetical events")
@click.option("--json", "as_json", is_flag=True, help="print the events as JSON lines instead of a table")
@click.option("--quiet", "-q", is_flag=True, help="no progress on stderr")
@input_options
@on_error_option
@actors_option
@relevance_options
def code(paths, db, keep_all, as_json, quiet, actors, glob, text_column, id_column, source, published_at, focus_country,
         force, on_error, relevance_threshold, keep_irrelevant):
    """Code reports (text, HTML, JSONL and CSV files, folders, or - for stdin), store them and print their events.

    Each document is stored in its own transaction. Run again, the same command passes over the documents already
    stored by this version of eventcoder (an interrupted run continues where it stopped); --force codes them again.
    """
    from .report import print_document
    from .store import open_store
    from .version import __version__ as version
    try:
        store = open_store(db)
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from exc
    run_id = store.start_run("code " + " ".join(paths))
    progress = Progress(quiet)
    opts = _read_options(glob, text_column, id_column, source, published_at, focus_country)

    def sink(doc):
        store.save(doc, run_id)
        progress.clear()
        if as_json:
            from .export.contract import event_record
            for ev in doc.events:
                click.echo(json.dumps(event_record(ev, explain=True), ensure_ascii=False))
        else:
            print_document(doc)

    done = None if force else (lambda doc: store.has_document(doc.id, version))
    pipeline = _pipeline(keep_all=keep_all, actors=actors, relevance=(relevance_threshold, keep_irrelevant))
    summary = _run(read_inputs(paths, opts), pipeline, sink, on_error, progress, total=_total(paths, opts), done=done)
    store.finish_run(run_id, docs_ok=summary.coded + sum(summary.skipped.values()),
                     docs_failed=len(summary.failed), events=summary.events)
    store.close()
    _finish(summary, progress, f"stored in {db}")


@cli.command()
@click.argument("docs", nargs=-1, required=True)
@click.option("-o", "--output", default="-", show_default=True, help="events JSONL file, - for stdout")
@click.option("--explain", is_flag=True, help="add to each event why it got its type and actors")
@click.option("--keep-all", is_flag=True, help="also emit planned, threatened, denied and hypothetical events")
@click.option("--model", type=click.Path(exists=True, dir_okay=False), help="a model made by `eventcoder train`")
@click.option("--quiet", "-q", is_flag=True, help="no progress on stderr")
@input_options
@on_error_option
@actors_option
@relevance_options
def extract(docs, output, explain, keep_all, model, quiet, actors, glob, text_column, id_column, source, published_at,
            focus_country, force, on_error, relevance_threshold, keep_irrelevant):
    """Code DOCS (JSONL, one {"id", "text", ...} a line; also text, HTML, CSV, folders; - for stdin) into events,
    one JSON line each.

    With -o FILE, an interrupted run continues when the same command is run again: FILE.progress (removed when the
    run completes) records the finished documents; --force starts over."""
    from .export.contract import event_record
    progress = Progress(quiet)
    opts = _read_options(glob, text_column, id_column, source, published_at, focus_country)
    sig = _signature("extract", docs, explain=explain, keep_all=keep_all, model=model, actors=actors, glob=glob,
                     text_column=text_column, id_column=id_column, source=source, published_at=published_at,
                     focus_country=focus_country,
                     relevance_threshold=relevance_threshold, keep_irrelevant=keep_irrelevant)
    pipeline = _pipeline(keep_all=keep_all, model=model, actors=actors, relevance=(relevance_threshold, keep_irrelevant))
    res = _resumable(output, sig, force)
    if res is None:
        with _output(output) as out:
            def sink(doc):
                for ev in doc.events:
                    out.write(json.dumps(event_record(ev, explain), ensure_ascii=False) + "\n")
            summary = _run(read_inputs(docs, opts), pipeline, sink, on_error, progress, total=_total(docs, opts))
    else:
        summary = _run_to_file(res, docs, opts, pipeline, on_error, progress,
                               lambda doc: [event_record(ev, explain) for ev in doc.events])
    _finish(summary, progress)


def _run_to_file(res, docs, opts, pipeline, on_error, progress, records) -> RunSummary:
    """Run a batch into a resumable JSONL file; the file stays resumable unless the run reaches its end."""
    finished = False
    try:
        summary = _run(read_inputs(docs, opts), pipeline, lambda doc: res.write_document(doc.id, records(doc)),
                       on_error, progress, total=_total(docs, opts), done=lambda doc: res.is_done(doc.id))
        finished = True
    finally:
        res.close(finished)
    return summary


@cli.command()
@click.argument("docs", nargs=-1, required=True)
@click.option("-o", "--output", default="-", show_default=True, help="place mentions JSONL file, - for stdout")
@click.option("--quiet", "-q", is_flag=True, help="no progress on stderr")
@input_options
@on_error_option
def geoparse(docs, output, quiet, glob, text_column, id_column, source, published_at, focus_country, force, on_error):
    """Find and resolve the place names in DOCS (JSONL, text, HTML, CSV, folders, or - for stdin), one JSON line per
    mention. With -o FILE, an interrupted run continues when run again (as for extract)."""
    from .export.contract import place_records
    progress = Progress(quiet)
    opts = _read_options(glob, text_column, id_column, source, published_at, focus_country)
    res = _resumable(output, _signature("geoparse", docs, glob=glob, text_column=text_column, id_column=id_column,
                                        focus_country=focus_country),
                     force)
    if res is None:
        with _output(output) as out:
            def sink(doc):
                for rec in place_records(doc):
                    out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            summary = _run(read_inputs(docs, opts), _pipeline(coding=False), sink, on_error, progress,
                           total=_total(docs, opts))
    else:
        summary = _run_to_file(res, docs, opts, _pipeline(coding=False), on_error, progress, place_records)
    _finish(summary, progress)


def _format_option(f):
    """--format: the choices and their help come from the writer registry (`export/registry.py`)."""
    from .export.registry import writers
    formats = writers()
    return click.option("--format", "fmt", type=click.Choice(list(formats)), default="csv", show_default=True,
                        help="; ".join(f"{w.name}: {w.description}" for w in formats.values()))(f)


@cli.command()
@_format_option
@click.option("-o", "--output", default="-", show_default=True, help="file to write, - for stdout")
@click.option("--db", default="eventcoder.db", show_default=True,
              help="the database `eventcoder code` filled: a SQLite file path or sqlite:///path URL")
@click.option("--from", "from_file", metavar="EVENTS.jsonl",
              help="read events from a JSONL file (what `extract` writes; - for stdin) instead of the database")
@click.option("--country", help="only events in this country (by name, any case)")
@click.option("--since", callback=_date_text, metavar="YYYY-MM-DD", help="only events on or after this date")
@click.option("--until", callback=_date_text, metavar="YYYY-MM-DD", help="only events on or before this date")
@click.option("--type", "event_type", metavar="TYPE", help="only events of this event type or sub-event type")
@click.option("--acled-only", is_flag=True, help="csv: only ACLED's 31 columns, without eventcoder's own")
def export(fmt, output, db, from_file, country, since, until, event_type, acled_only):
    """Export coded events as ACLED CSV (for R, pandas, acledR), JSONL or GeoJSON (for QGIS, geojson.io)."""
    from .export.writers import export_events
    from .store import open_store
    filters = dict(country=country, since=since, until=until, event_type=event_type)
    try:
        store = None if from_file else open_store(db, create=False)   # before the output file is made
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        with _output(output) as out:
            stats = export_events(fmt, out, store=store, from_file=from_file, acled_only=acled_only, **filters)
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
    with _output(output) as out:
        if as_json:
            out.write(json.dumps(info, indent=1, ensure_ascii=False) + "\n")
        else:
            out.write("\n".join(format_info(info)) + "\n")


cli.add_command(gazetteer)   # verbs that live with their subsystem (the gazetteer's live in eventcoder.geo.cli)


def main() -> None:
    try:
        cli(standalone_mode=True)
    except EventcoderError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
