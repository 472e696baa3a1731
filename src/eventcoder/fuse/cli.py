"""`eventcoder fuse`: code reports (or read events already coded) and write one fused event per incident."""
from __future__ import annotations

import json
import sys

import click

from ..cli_common import (report_and_exit, output_to, coding_pipeline, read_options, run_verb, count_inputs,
                          actors_option, input_options, on_error_option, read_inputs, relevance_options, Progress)
from ..errors import EventcoderError


@click.command()
@click.argument("docs", nargs=-1)
@click.option("--from", "from_file", metavar="EVENTS.jsonl", type=click.Path(exists=True, dir_okay=False),
              help="fuse events already coded (extract's output, or another coder's in the same contract) "
                   "instead of coding DOCS")
@click.option("-o", "--output", default="-", show_default=True, help="fused events JSONL file, - for stdout")
@click.option("--explain", is_flag=True, help="add to each fused event why its reports were joined or kept apart")
@click.option("--rules", "rules_file", type=click.Path(exists=True, dir_okay=False),
              help="your own rules of sameness (JSON shaped like eventcoder's data/fusion_rules.json)")
@click.option("--quiet", "-q", is_flag=True, help="no progress on stderr")
@input_options
@on_error_option
@actors_option
@relevance_options
def fuse(docs, from_file, output, explain, rules_file, quiet, actors, glob, text_column, id_column, source,
         published_at, focus_country, force, on_error, relevance_threshold, keep_irrelevant):
    """Code DOCS (as `extract` reads them) and write fused events: one line per event however many reports tell
    of it, with `reports` (the documents it was fused from), `provenance` (which report's words gave each field)
    and `disputed` (what the reports disagree on). With --from EVENTS.jsonl, fuse events already coded."""
    from . import fuse_records, load_rules
    if bool(docs) == bool(from_file):
        raise click.UsageError("give either DOCS to code and fuse, or --from EVENTS.jsonl (not both)")
    try:
        rules = load_rules(rules_file)
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from exc
    if from_file:
        records, meta, summary, progress = _read_events(from_file), ({}, {}), None, None
    else:
        records, meta, summary, progress = _code(docs, quiet, actors, (glob, text_column, id_column, source,
                                                 published_at, focus_country), on_error, relevance_threshold,
                                                 keep_irrelevant)
    try:
        result = fuse_records(records, rules, explain=explain, published=meta[0], outlets=meta[1])
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from exc
    del records
    with output_to(output) as out:
        for rec in result:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if summary is None:
        for line in result.lines():
            click.echo(line, err=True)
        sys.exit(0)
    report_and_exit(summary, progress, *result.lines())


def _code(docs, quiet, actors, reading: tuple, on_error, threshold, keep):
    from ..export.contract import event_record
    progress = Progress(quiet)
    opts = read_options(*reading)
    records, published, outlets = [], {}, {}

    def sink(doc):
        if doc.published_at:
            published[doc.id] = doc.published_at.isoformat()
        outlets[doc.id] = doc.source
        records.extend(event_record(ev) for ev in doc.events)
    pipeline = coding_pipeline(actors=actors, relevance=(threshold, keep))
    summary = run_verb(read_inputs(docs, opts), pipeline, sink, on_error, progress, total=count_inputs(docs, opts))
    return records, (published, outlets), summary, progress


def _read_events(path: str):
    """The coded events of a JSONL file, one at a time (lines of skipped documents carry no event)."""
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError as exc:
                raise click.ClickException(f"{path}:{lineno}: not a JSON line ({exc}); give events as "
                                           f"`eventcoder extract` writes them") from None
            if "event_type" in rec:
                yield rec
