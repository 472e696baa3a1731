"""What the command-line verbs share: output files, the coding pipeline, input options, resumable runs and the run
summary with its exit status (0 all done, 1 some documents failed or a user error)."""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
from contextlib import contextmanager

import click

from .version import __version__
from .errors import EventcoderError
from .ingest.readers import ReadOptions, read_inputs
from .report import Progress
from .runner import RunSummary, StopRun, run_batch

__all__ = ["default_db", "cluster_options", "output_to", "coding_pipeline", "relevance_options", "actors_option",
           "report_and_exit", "run_verb", "date_value", "date_text_value", "input_options", "read_options",
           "count_inputs", "run_signature", "resumable_output", "on_error_option", "quiet_option", "read_inputs",
           "Progress", "RunSummary", "fetch_options", "focus_country_value"]


def default_db() -> str:
    """The database a verb uses when --db is not given: $EVENTCODER_DB (a path or URL), else eventcoder.db."""
    return os.environ.get("EVENTCODER_DB") or "eventcoder.db"


@contextmanager
def output_to(path: str | None):
    """The file `-o` names, opened for writing (a clear error when it cannot be), or stdout for `-`."""
    if path in (None, "-"):
        yield sys.stdout
    else:
        try:
            f = open(path, "w", encoding="utf-8")
        except OSError as exc:
            raise click.ClickException(f"cannot write {path}: {exc.strerror}; check the path") from exc
        with f:
            yield f


def coding_pipeline(coding: bool = True, keep_all: bool = False, model: str | None = None,
                    actors: str | None = None, relevance: tuple[float | None, bool] = (None, False),
                    cluster: tuple[int | None, str | None] = (None, None)):
    """The coding pipeline; with `cluster` = (workers, scheduler) set, the same pipeline on a Dask cluster."""
    from .extract.classifier import ModelError
    from .extract.lexicon import LexiconError
    from .extract.registry import RegistryError
    from .pipeline import default_pipeline
    options = dict(coding=coding, keep_all=keep_all, model=model, actors=actors, relevance_threshold=relevance[0],
                   keep_irrelevant=relevance[1])
    try:
        if cluster[0] or cluster[1]:
            from .distributed import ClusterPipeline
            return ClusterPipeline(options, workers=cluster[0], scheduler=cluster[1])
        return default_pipeline(**options)
    except (EventcoderError, ModelError, LexiconError, RegistryError) as exc:
        raise click.ClickException(str(exc)) from exc


def cluster_options(f):
    """--workers N and --scheduler ADDRESS: code on a Dask cluster (a local one, or yours)."""
    f = click.option("--scheduler", metavar="ADDRESS",
                     help="code on the Dask cluster whose scheduler is at ADDRESS (e.g. tcp://10.0.0.5:8786)")(f)
    return click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
                        help="code on a local Dask cluster of N worker processes (output as a single process "
                             "gives it)")(f)


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


def report_and_exit(summary: RunSummary, progress: Progress, *after: str) -> None:
    """Print the run's summary (and the lines `after` it) on stderr and exit: 0 when every document was processed,
    1 when some failed."""
    progress.done(summary)
    for line in after:
        click.echo(line, err=True)
    sys.exit(0 if summary.ok else 1)


def run_verb(items, pipeline, sink, on_error, progress, *, total=None, done=None) -> RunSummary:
    summary = RunSummary(total=total)
    try:
        run_batch(items, pipeline, sink, summary, on_error=on_error, progress=progress, done=done)
    except StopRun as exc:
        progress.done(summary)
        raise click.ClickException(f"stopped at the first failure (--on-error stop): {exc}") from exc
    finally:
        if hasattr(pipeline, "close"):
            pipeline.close()
    return summary


def date_value(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD") from None


def focus_country_value(ctx, param, value):
    """--focus-country: an ISO code (BF, BFA, 854) or a country name, as the ISO alpha-2 code."""
    if value is None:
        return None
    from .geo.countries import country_from_hint
    c = country_from_hint(value)
    if c is None:
        raise click.BadParameter(f"{value!r} names no country; give an ISO code (BF, BFA, 854) or a name "
                                 "(Burkina Faso)")
    return c.alpha2


def date_text_value(ctx, param, value):
    return date_value(ctx, param, value).isoformat() if value else None


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
        click.option("--published-at", callback=date_value, metavar="YYYY-MM-DD",
                     help="the publication date for documents that carry none (replaces a web page's own)"),
        click.option("--focus-country", callback=focus_country_value, metavar="COUNTRY",
                     help="the country a feed is about (ISO code or name): weighed as evidence for places and actors "
                     "the text leaves open, never over what the text says"),
        click.option("--force", is_flag=True, help="code every document again, even those an earlier "
                     "(interrupted) run already finished"),
    ]):
        f = opt(f)
    return f


def read_options(glob, text_column, id_column, source, published_at, focus_country=None, fetch=None) -> ReadOptions:
    return ReadOptions(glob=glob, text_column=text_column, id_column=id_column, source=source,
                       published_at=published_at, focus_country=focus_country, fetch=fetch)


_FETCH_OPTIONS = ("feed", "timeout", "max_bytes", "rate", "allow_private", "user_agent")


def fetch_options(f=None, *, feed_flag: bool = True):
    """The options every verb that fetches URLs shares (`--feed` only where `feed_flag`); the verb gets them as one
    `fetch` argument (a FetchOptions). Use as `@fetch_options` or `@fetch_options(feed_flag=False)`."""
    if f is None:
        return lambda g: fetch_options(g, feed_flag=feed_flag)
    import functools
    from .fetch.options import FetchOptions, USER_AGENT
    defaults = FetchOptions()

    @functools.wraps(f)
    def with_fetch(*args, **kwargs):
        given = {name: kwargs.pop(name) for name in _FETCH_OPTIONS if name in kwargs}
        kwargs["fetch"] = FetchOptions(**{k: v for k, v in given.items() if v is not None})
        return f(*args, **kwargs)
    feed = [click.option("--feed", is_flag=True, help="read the URLs as RSS/Atom feeds: code each entry's article "
                         "(a response typed as a feed is read as one anyway)")] if feed_flag else []
    for opt in reversed(feed + [
        click.option("--timeout", type=click.FloatRange(min=0.1), default=defaults.timeout, show_default=True,
                     metavar="S", help="seconds one URL may take in all, redirects included"),
        click.option("--max-bytes", type=click.IntRange(min=1), default=defaults.max_bytes, show_default=True,
                     metavar="N", help="largest page (or feed) fetched, in bytes once decompressed"),
        click.option("--rate", type=click.FloatRange(min=0), default=defaults.rate, show_default=True, metavar="R",
                     help="at most R requests a second to one host (0: no limit; be polite)"),
        click.option("--allow-private", is_flag=True, help="fetch from loopback, private and link-local addresses "
                     "too (your own network); refused by default"),
        click.option("--user-agent", default=USER_AGENT, show_default=True, metavar="TEXT",
                     help="the User-Agent header sent (robots.txt rules for 'eventcoder' still apply)"),
    ]):
        with_fetch = opt(with_fetch)
    return with_fetch


def count_inputs(paths, opts) -> int | None:
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


def run_signature(verb: str, paths, **options) -> str:
    """What identifies a run for resuming: the verb, the absolute inputs, the options that change the output, and
    the coder itself."""
    ins = [p if p == "-" or "://" in p else os.path.abspath(os.path.expanduser(p)) for p in paths]
    return json.dumps({"verb": verb, "inputs": ins, "coder": _coder_fingerprint(),
                       **{k: str(v) for k, v in sorted(options.items())}})


def resumable_output(output: str, signature: str, force: bool):
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


quiet_option = click.option("--quiet", "-q", is_flag=True, help="no progress on stderr")
on_error_option = click.option("--on-error", type=click.Choice(["skip", "stop"]), default="skip", show_default=True,
                               help="skip a document that fails and go on, or stop the run")


def existing_store(db: str):
    """The store at `db` (a path or URL) that `eventcoder code` filled; a user error when it cannot be opened."""
    from .store import open_store
    try:
        return open_store(db, create=False)
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from exc


def with_store(db: str, action):
    """`action(store)` on the existing store at `db`, closed afterwards; its errors are user errors. Returns what
    `action` returns."""
    store = existing_store(db)
    try:
        return action(store)
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
