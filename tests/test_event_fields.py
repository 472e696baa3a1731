"""The event's output fields are declared once, on the `Event` dataclass: the JSONL contract's keys, the database
columns and the ACLED CSV columns all derive from that declaration, and ACLED's names and order stay ACLED's."""
import io
import json
import sqlite3
from dataclasses import dataclass, fields

from eventcoder.export.acled_csv import ACLED_COLUMNS, ACLED_ONLY_COLUMNS, EXTRA_COLUMNS, write_acled_csv
from eventcoder.export.records import CONTRACT_KEYS
from eventcoder.model import (ACLED_FIELDS, COMPUTED_FIELDS, EXTRA_FIELDS, Event, contract_fields, output_field,
                              stored_fields)
from eventcoder.store.sqlite import EVENT_COLUMNS, SQLiteStore

from test_export import coded_document

# ACLED's export columns, names and order, as in ACLED's own files (the specification these must keep)
ACLED_SPEC = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
              "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
              "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
              "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp")
# the contract line's keys, in order (the benchmark's prediction contract)
CONTRACT_SPEC = ("id", "doc_id") + tuple(c for c in ACLED_SPEC if c not in ACLED_ONLY_COLUMNS) + (
    "date_start", "date_end", "date_prec", "where_prec", "fatalities_low", "fatalities_best", "fatalities_high",
    "fatalities_civilians", "factuality", "confidence", "coder_version", "evidence", "inferred")


def test_the_derived_lists_keep_acleds_order_and_the_contracts_keys():
    assert ACLED_COLUMNS == ACLED_SPEC
    assert contract_fields() == CONTRACT_KEYS == CONTRACT_SPEC
    assert ("id", "doc_id") + ACLED_FIELDS + EXTRA_FIELDS == CONTRACT_SPEC[:-5]
    assert EXTRA_COLUMNS == ("doc_id", "confidence", "factuality") + EXTRA_FIELDS + (
        "coder_version", "evidence", "inferred")


def test_every_output_field_is_a_declared_event_field_or_a_computed_one():
    declared = [f.name for f in fields(Event) if "part" in f.metadata]
    assert [n for n in contract_fields() if n not in COMPUTED_FIELDS] == declared
    assert set(f.name for f in fields(Event)) - set(declared) == {"anchor", "explanation"}   # working state only
    assert [n for n, _ in stored_fields()] == [n for n in contract_fields() if n != "evidence"]   # own table
    assert EVENT_COLUMNS == tuple(n for n, _ in stored_fields()) + ("run_id",)


def test_the_contract_line_is_byte_identical():
    line = json.dumps(coded_document().events[0].to_contract(), ensure_ascii=False)
    assert line == (
        '{"id": "ev-01c51ac0adc5b859", "doc_id": "d1", "event_date": "2024-03-04", "time_precision": 1, '
        '"disorder_type": "Political violence", "event_type": "Battles", "sub_event_type": "Armed clash", '
        '"actor1": "Military Forces of Mali (2021-)", "assoc_actor_1": null, "inter1": 1, "actor2": "Rebels (Mali)", '
        '"assoc_actor_2": null, "inter2": 2, "interaction": 12, "civilian_targeting": null, "iso": 466, '
        '"country": "Mali", "admin1": "Kidal", "admin2": null, "admin3": null, "location": "Kidal", '
        '"latitude": 18.4411, "longitude": 1.4078, "geo_precision": 1, "source": "The Daily Sahel", '
        '"source_scale": null, "notes": null, "fatalities": 2, "date_start": null, "date_end": null, '
        '"date_prec": null, "where_prec": null, "fatalities_low": null, "fatalities_best": 2, '
        '"fatalities_high": null, "fatalities_civilians": null, "factuality": "occurred", "confidence": 0.8, '
        '"coder_version": "' + coded_document().events[0].coder_version + '", "evidence": [{"field": "event_type", '
        '"start": 9, "end": 16, "text": "clashed"}, {"field": "location", "start": 32, "end": 37, "text": "Kidal"}], '
        '"inferred": {"admin1": "from the gazetteer"}}')


@dataclass
class TaggedEvent(Event):
    """An Event with one more declared output field, as a future field would be added."""
    casualty_source: str | None = output_field("extra", "TEXT")


def test_a_field_added_to_the_declaration_reaches_every_output():
    assert contract_fields(TaggedEvent) == CONTRACT_SPEC + ("casualty_source",)
    assert stored_fields(TaggedEvent)[-1] == ("casualty_source", "TEXT")
    ev = TaggedEvent("d", (0, 1), casualty_source="hospital")
    assert list(ev.to_contract())[-1] == "casualty_source" and ev.to_contract()["casualty_source"] == "hospital"


def test_the_csv_header_and_the_store_columns_follow_the_declaration(tmp_path):
    out = io.StringIO()
    write_acled_csv([coded_document().events[0].to_contract()], out, timestamp=1)
    assert tuple(out.getvalue().splitlines()[0].split(",")) == ACLED_COLUMNS + EXTRA_COLUMNS
    SQLiteStore(tmp_path / "s.db").close()
    cols = [r[1] for r in sqlite3.connect(tmp_path / "s.db").execute("PRAGMA table_info(events)")]
    assert sorted(cols) == sorted(EVENT_COLUMNS)
