"""Exports: ACLED CSV (ACLED's header and order), JSONL contract, GeoJSON points; filters; resumable JSONL."""
import csv
import io
import json

from eventcoder.export.acled_csv import ACLED_COLUMNS, write_acled_csv
from eventcoder.export.geojson import write_geojson
from eventcoder.export.jsonl import ResumableJsonl
from eventcoder.export.records import CONTRACT_KEYS, contract_from_row, filter_events
from eventcoder.export.writers import export_events
from eventcoder.model import Document, Event, event_id
from eventcoder.store.sqlite import SQLiteStore

TEXT = "Soldiers clashed with rebels in Kidal on 4 March 2024; two people were killed."


def coded_document(doc_id="d1", **fields) -> Document:
    doc = Document(doc_id, TEXT, source="The Daily Sahel")
    ev = Event(doc_id, (0, 30), event_type="Battles", sub_event_type="Armed clash", disorder_type="Political violence",
               actor1="Military Forces of Mali (2021-)", inter1=1, actor2="Rebels (Mali)", inter2=2,
               country="Mali", iso=466, admin1="Kidal", location="Kidal", latitude=18.4411, longitude=1.4078,
               geo_precision=1, event_date="2024-03-04", time_precision=1, fatalities=2, fatalities_best=2,
               source="The Daily Sahel", confidence=0.8)
    for k, v in fields.items():
        setattr(ev, k, v)
    ev.id = event_id(doc_id, 0, 30, ev.sub_event_type)
    ev.add_evidence(doc.evidence("event_type", 9, 16))
    ev.add_evidence(doc.evidence("location", 32, 37))
    ev.inferred["admin1"] = "from the gazetteer"
    doc.events = [ev]
    return doc


def test_acled_csv_has_acleds_header_in_order_then_ours():
    out = io.StringIO()
    n = write_acled_csv([coded_document().events[0].to_contract()], out, timestamp=1700000000)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    header = out.getvalue().splitlines()[0].split(",")
    assert n == 1
    assert tuple(header[:31]) == ACLED_COLUMNS
    assert header[:4] == ["event_id_cnty", "event_date", "year", "time_precision"]
    assert header[-3:] == ["coder_version", "evidence", "inferred"]
    r = rows[0]
    assert (r["year"], r["interaction"], r["iso"], r["latitude"], r["fatalities"], r["timestamp"]) == (
        "2024", "12", "466", "18.4411", "2", "1700000000")
    assert r["actor1"] == "Military Forces of Mali (2021-)"
    assert r["region"] == "Western Africa"
    assert r["evidence"] == "event_type: clashed; location: Kidal"
    assert json.loads(r["inferred"]) == {"admin1": "from the gazetteer"}


def test_acled_only_csv_has_exactly_acleds_31_columns_and_unknown_deaths_as_0():
    out = io.StringIO()
    write_acled_csv([coded_document(fatalities=None, fatalities_best=None).events[0].to_contract()], out,
                    acled_only=True)
    header, row = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(header) == ACLED_COLUMNS and len(header) == 31
    assert row[header.index("fatalities")] == "0"


def test_acled_region_follows_acleds_grouping_not_only_the_un_subregions():
    from eventcoder.geo.regions import acled_region
    assert acled_region(iso=760) == "Middle East"               # Syria
    assert acled_region(iso=364) == "Middle East"               # Iran: UN puts it in Southern Asia
    assert acled_region(country="Georgia") == "Caucasus and Central Asia"
    assert acled_region(country="Mexican") == "Central America"  # demonyms name the country too
    assert acled_region(iso=0) == "Europe"                      # Kosovo, ACLED's iso 0
    assert acled_region(iso=None, country=None) is None
    assert acled_region(iso="not a number", country="Atlantis") is None


def test_geojson_points_are_lon_lat_with_fields_as_properties_and_unlocated_left_out():
    located = coded_document("a").events[0].to_contract()
    unlocated = coded_document("b", latitude=None, longitude=None).events[0].to_contract()
    out = io.StringIO()
    assert write_geojson([located, unlocated], out) == (1, 1)
    fc = json.loads(out.getvalue())
    assert fc["type"] == "FeatureCollection"
    [f] = fc["features"]
    assert f["geometry"] == {"type": "Point", "coordinates": [1.4078, 18.4411]}
    assert f["properties"]["sub_event_type"] == "Armed clash"
    assert f["properties"]["evidence"][0] == {"field": "event_type", "start": 9, "end": 16, "text": "clashed"}
    empty = io.StringIO()
    write_geojson([], empty)
    assert json.loads(empty.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_store_rows_export_as_the_contract_and_filters_apply(tmp_path):
    db = tmp_path / "ev.db"
    store = SQLiteStore(db)
    store.save(coded_document("d1"))
    store.save(coded_document("d2", country="Niger", iso=562, event_date="2024-05-01", event_type="Riots",
                              sub_event_type="Mob violence"))
    store.close()
    out = io.StringIO()
    stats = export_events("jsonl", out, db=str(db), per_report=True)
    recs = [json.loads(line) for line in out.getvalue().splitlines()]
    assert stats.written == 2 and list(recs[0]) == list(CONTRACT_KEYS)
    assert recs[0] == coded_document("d1").events[0].to_contract()
    out = io.StringIO()
    export_events("jsonl", out, db=str(db))                      # the fused events, as `fuse` writes them
    fused = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [f["reports"] for f in fused] == [["d1"], ["d2"]] and fused[0]["id"].startswith("fev-")
    assert {k: fused[0][k] for k in ("sub_event_type", "location", "fatalities", "source")} == {
        "sub_event_type": "Armed clash", "location": "Kidal", "fatalities": 2, "source": "The Daily Sahel"}
    assert fused[0]["provenance"]["location"][0]["report"] == "d1"
    for filters, ids in [({"country": "niger"}, ["d2"]), ({"since": "2024-04-01"}, ["d2"]),
                         ({"until": "2024-04-01"}, ["d1"]), ({"event_type": "armed clash"}, ["d1"]),
                         ({"event_type": "Riots", "country": "Mali"}, [])]:
        out = io.StringIO()
        export_events("jsonl", out, db=str(db), **filters)
        assert [json.loads(x)["doc_id"] for x in out.getvalue().splitlines()] == ids, filters
    assert [e["doc_id"] for e in filter_events(recs, since="2024-04-01")] == ["d2"]


def test_export_from_an_events_file_reports_bad_lines(tmp_path):
    events = tmp_path / "events.jsonl"
    events.write_text(json.dumps(coded_document().events[0].to_contract()) + "\n[]\n")
    out = io.StringIO()
    stats = export_events("geojson", out, from_file=str(events))
    assert stats.written == 1
    assert stats.failed == [f"{events}:2: a JSON list where an event object was expected"]


def test_contract_from_row_keeps_evidence_and_inferred():
    row = {"id": "e", "doc_id": "d", "evidence": [{"field": "x", "start": 0, "end": 1, "text": "S"}],
           "inferred": {"iso": "from the country"}, "run_id": 3}
    rec = contract_from_row(row)
    assert "run_id" not in rec and rec["evidence"][0]["text"] == "S" and rec["inferred"] == {"iso": "from the country"}


def test_resumable_jsonl_cuts_a_half_written_document_and_skips_finished_ones(tmp_path):
    path = tmp_path / "out.jsonl"
    w = ResumableJsonl(path, "cmd")
    w.write_document("a", [{"doc_id": "a", "n": 1}, {"doc_id": "a", "n": 2}])
    w.write_document("b", [])
    w.out.write(b'{"doc_id": "c", "n": 1}\n{"doc_id": "c", "n"')   # killed while writing c
    w.out.flush()
    w.progress.write('"c"\t99')                                     # ... and its progress line cut short
    w.progress.flush()
    w.out.close()
    w.progress.close()
    again = ResumableJsonl(path, "cmd")
    assert again.resumed and again.done == {"a", "b"}
    again.write_document("c", [{"doc_id": "c", "n": 1}])
    again.close(finished=True)
    assert [json.loads(x) for x in path.read_text().splitlines()] == [
        {"doc_id": "a", "n": 1}, {"doc_id": "a", "n": 2}, {"doc_id": "c", "n": 1}]
    assert not (tmp_path / "out.jsonl.progress").exists()
    fresh = ResumableJsonl(path, "cmd")          # a finished run is not resumed: the same command starts over
    assert not fresh.resumed and path.read_text() == ""
    fresh.close(finished=False)
    other = ResumableJsonl(path, "another command")
    assert not other.resumed
    other.close(finished=True)


def test_resumable_jsonl_says_why_it_starts_over_and_stops_at_a_damaged_progress_line(tmp_path):
    path = tmp_path / "out.jsonl"
    w = ResumableJsonl(path, "cmd")
    w.write_document("a", [{"doc_id": "a"}])
    w.write_document("b", [{"doc_id": "b"}])
    w.close(finished=False)
    other = ResumableJsonl(path, "another command")
    assert not other.resumed and "is from another command" in other.restart_reason
    other.write_document("a", [{"doc_id": "a"}])
    other.write_document("b", [{"doc_id": "b"}])
    other.close(finished=False)
    progress = tmp_path / "out.jsonl.progress"
    head, a, b = progress.read_text().splitlines()
    progress.write_text("\n".join([head, a, "garbage", b]) + "\n")
    again = ResumableJsonl(path, "another command")      # b is redone: its line comes after the damage
    assert again.resumed and again.done == {"a"} and again.restart_reason is None
    assert path.read_text() == '{"doc_id": "a"}\n'
    again.close(finished=False)
    progress.write_text("not json\n")
    fresh = ResumableJsonl(path, "another command")
    assert not fresh.resumed and fresh.restart_reason.endswith("is not a progress file eventcoder wrote; starting over")
    fresh.close(finished=False)


def test_resumable_jsonl_that_cannot_remove_its_progress_file_says_so(tmp_path):
    import pytest
    from eventcoder.errors import EventcoderError
    w = ResumableJsonl(tmp_path / "out.jsonl", "cmd")
    w.progress_path.unlink()
    w.progress_path.mkdir()                               # something removing a file cannot remove
    (w.progress_path / "x").write_text("")
    with pytest.raises(EventcoderError, match="cannot be removed .*delete it, or the same command run again"):
        w.close(finished=True)
