"""The writer registry behind `export --format`: the CLI's choices are the registry, an unknown format is a usage
error, and a registered writer is all a new format needs."""
import io
import json

import pytest
from click.testing import CliRunner

import eventcoder.export.registry as registry
from eventcoder.cli import cli
from eventcoder.errors import EventcoderError
from eventcoder.export.registry import Written, get_writer, writer, writers
from eventcoder.export.writers import export_events
from eventcoder.store import open_store

from test_export import coded_document


def format_choices() -> list[str]:
    [param] = [p for p in cli.commands["export"].params if p.name == "fmt"]
    return list(param.type.choices)


def test_the_cli_format_choices_are_the_registry():
    assert format_choices() == list(writers()) == ["csv", "geojson", "jsonl"]
    help_text = CliRunner().invoke(cli, ["export", "--help"]).stdout
    for spec in writers().values():
        assert spec.suffix.startswith(".") and spec.description
        assert f"{spec.name}: {spec.description}" in " ".join(help_text.split())


def test_an_unknown_format_is_a_usage_error_naming_the_choices(tmp_path):
    r = CliRunner().invoke(cli, ["export", "--format", "xml", "--db", str(tmp_path / "ev.db")])
    assert r.exit_code == 2
    assert "'xml' is not one of 'csv', 'geojson', 'jsonl'" in r.stderr
    with pytest.raises(EventcoderError, match="unknown export format 'xml'; use one of csv, geojson, jsonl"):
        get_writer("xml")


def test_a_registered_writer_is_an_export_format(tmp_path, monkeypatch):
    monkeypatch.setattr(registry, "_WRITERS", dict(writers()))

    @writer("ids", suffix=".txt", description="one event id a line")
    def write_ids(events, out, options):
        n = 0
        for ev in events:
            out.write(ev["id"] + "\n")
            n += 1
        return Written(n)
    db = tmp_path / "ev.db"
    store = open_store(db)
    store.save(coded_document())
    store.close()
    out = io.StringIO()
    stats = export_events("ids", out, db=str(db), per_report=True)
    assert stats.written == 1 and out.getvalue() == coded_document().events[0].id + "\n"
    with pytest.raises(EventcoderError, match="two writers for the export format 'ids'"):
        writer("ids", suffix=".txt", description="again")(write_ids)


def test_every_format_exports_the_same_stored_events(tmp_path):
    db = tmp_path / "ev.db"
    store = open_store(db)
    store.save(coded_document("d1"))
    store.save(coded_document("d2", latitude=None, longitude=None, location="Tessalit"))   # another incident
    store.close()
    for name in writers():
        out = io.StringIO()
        stats = export_events(name, out, db=f"sqlite:///{db}")
        assert stats.written + stats.left_out == 2, name
    out = io.StringIO()
    stats = export_events("geojson", out, db=str(db))
    assert (stats.written, stats.left_out) == (1, 1)
    assert stats.lines("geojson", "-") == ["1 event(s) written to stdout as geojson",
                                           "  1 event(s) without coordinates left out (GeoJSON needs a point)"]
    assert json.loads(out.getvalue())["features"][0]["properties"]["doc_id"] == "d1"
