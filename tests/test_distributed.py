"""`--workers N`: coding on a local Dask cluster gives exactly what one process gives (same events, ids, fields,
order), and a scheduler that is not there is a clear error."""
from __future__ import annotations

import json

from click.testing import CliRunner

from eventcoder.cli import cli
from report_files import write_jsonl

DOCS = [
    {"id": f"d{i}", "published_at": "2024-05-13", "text": text} for i, text in enumerate([
        "Gunmen killed five villagers in an attack on Kaura in Zamfara State on Sunday, police said.",
        "Police fired tear gas at hundreds of students protesting fee increases in Nairobi on Monday.",
        "The council approved a new budget for road repairs on Tuesday.",
        "Two soldiers were killed when their vehicle hit a roadside bomb near Gao on Saturday, the army said.",
        "Protesters marched peacefully through Lagos on Friday to demand lower fuel prices.",
    ] * 3)]


def test_a_local_dask_cluster_codes_what_one_process_codes(tmp_path):
    docs = tmp_path / "docs.jsonl"
    write_jsonl(docs, DOCS)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    r1 = CliRunner().invoke(cli, ["extract", str(docs), "-o", str(one), "-q"])
    r2 = CliRunner().invoke(cli, ["extract", str(docs), "-o", str(two), "-q", "--workers", "2"])
    assert r1.exit_code == 0 and r2.exit_code == 0, r2.output
    assert one.read_text() == two.read_text() and one.read_text().count('"event_type"') >= 6
    db = f"sqlite:///{tmp_path}/d.db"
    r3 = CliRunner().invoke(cli, ["code", str(docs), "--db", db, "-q", "--json", "--workers", "2"])
    assert r3.exit_code == 0, r3.output
    assert [json.loads(x)["id"] for x in r3.stdout.splitlines()] == [json.loads(x)["id"] for x in
                                                                      one.read_text().splitlines()]


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path):
    docs = tmp_path / "docs.jsonl"
    write_jsonl(docs, DOCS[:1])
    r = CliRunner().invoke(cli, ["extract", str(docs), "-q", "--scheduler", "tcp://127.0.0.1:1"])
    assert r.exit_code == 1 and "cannot reach the Dask scheduler tcp://127.0.0.1:1" in r.output
