"""The SQLite store as the I/O layer relies on it: transactional saves, resume checks, map-friendly columns."""
import sqlite3

import pytest

from eventcoder import __version__
from eventcoder.model import Document, Event, event_id
from eventcoder.store import open_store
from eventcoder.store.sqlite import SQLiteStore
from report_files import write_jsonl


def doc_with_event(doc_id="d1", n_events=1):
    doc = Document(doc_id, "Troops shelled the town of Gao on Monday.")
    for i in range(n_events):
        ev = Event(doc_id, (7, 14 + i), sub_event_type="Shelling/artillery/missile attack", latitude=16.27,
                   longitude=-0.04)
        ev.id = event_id(doc_id, 7, 14 + i, ev.sub_event_type)
        ev.add_evidence(doc.evidence("sub_event_type", 7, 14))
        doc.events.append(ev)
    return doc


def test_a_failing_save_leaves_the_stored_document_as_it_was(db_url):
    store = open_store(db_url())
    store.save(doc_with_event(n_events=2))
    bad = doc_with_event()
    bad.events[0].evidence.append(object())        # not an Evidence: the save fails half-way
    with pytest.raises(AttributeError):
        store.save(bad)
    assert store.counts()["events"] == 2 and store.counts()["evidence"] == 2
    store.save(doc_with_event(n_events=1))          # a rerun replaces, never duplicates
    assert store.counts() == {"documents": 1, "events": 1, "evidence": 1, "runs": 0, "fused_events": 1}


def test_has_document_checks_the_coder_version(db_url):
    store = open_store(db_url())
    store.save(doc_with_event())
    assert store.has_document("d1") and store.has_document("d1", __version__)
    assert not store.has_document("d1", "0.0.0-older") and not store.has_document("d2")


def test_events_table_has_latitude_longitude_for_map_tools_and_migrations_are_idempotent(tmp_path):
    path = tmp_path / "s.db"
    store = SQLiteStore(path)
    store.save(doc_with_event())
    names = store.migrations()
    assert store.migrate() == [] and SQLiteStore(path).migrations() == names
    cols = [r[1] for r in sqlite3.connect(path).execute("PRAGMA table_info(events)")]
    assert "latitude" in cols and "longitude" in cols


def test_postgresql_and_sqlite_store_the_same_events_field_for_field(tmp_path, db_url):
    """The same reports coded into SQLite and into the backend under test: the same per-report and fused events."""
    import json
    from click.testing import CliRunner
    from eventcoder.cli import cli
    docs = tmp_path / "docs.jsonl"
    write_jsonl(docs, [
        {"id": "n1", "published_at": "2024-05-13", "source": "Wire",
         "text": "Gunmen killed five villagers in an attack on Kaura in Zamfara State on Sunday, police said."},
        {"id": "n2", "published_at": "2024-05-13", "source": "Daily",
         "text": "Police fired tear gas at hundreds of students protesting fee increases in Nairobi on Monday."},
        {"id": "n3", "published_at": "2024-05-14", "source": "Radio",
         "text": "Bandits killed six people in Kaura, Zamfara State, on Sunday, residents told reporters."}])
    exports = []
    for url in (f"sqlite:///{tmp_path}/ref.db", db_url("parity")):
        assert CliRunner().invoke(cli, ["code", str(docs), "--db", url, "-q", "--json"]).exit_code == 0
        got = []
        for extra in ([], ["--per-report"]):
            r = CliRunner().invoke(cli, ["export", "--db", url, "--format", "jsonl"] + extra)
            assert r.exit_code == 0, r.output
            got.append([json.loads(line) for line in r.stdout.splitlines()])
        exports.append(got)
    assert exports[0] == exports[1] and exports[0][1]


def test_a_postgresql_connection_lost_mid_batch_stores_nothing_half_and_says_rerun(db_url):
    url = db_url("lost")
    if not url.startswith("postgresql"):
        return                                                    # the SQLite file cannot lose its connection
    from eventcoder.errors import StoreError
    store = open_store(url)
    store.save(doc_with_event("d1"))
    store.db.conn.close()                                         # the server goes away mid-batch
    with pytest.raises(StoreError, match="lost the connection to .*run the same command again"):
        store.save(doc_with_event("d2"))
    again = open_store(url)
    assert again.has_document("d1") and not again.has_document("d2")
    again.save(doc_with_event("d2"))
    assert again.counts()["documents"] == 2
