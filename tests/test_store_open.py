"""`open_store(url)`: the backend by URL scheme (SQLite path or sqlite:// URL; PostgreSQL reserved; others refused),
per-backend migrations, and `--db` taking a URL on the real command line."""
import sqlite3

import pytest
from click.testing import CliRunner

import eventcoder.store.backends as backends
import eventcoder.store.sql_store as sql_store
import eventcoder.store.sqlite as sqlite_backend
from eventcoder.cli import cli
from eventcoder.errors import StoreError
from eventcoder.model import stored_fields
from eventcoder.store import known_schemes, open_store, register_backend
from eventcoder.store.migrations import MIGRATIONS, Migration, add_column_sql
from eventcoder.store.sqlite import SQLiteStore

from test_store_io import doc_with_event


def stored_ids(url) -> list[str]:
    store = open_store(url, create=False)
    try:
        return [ev["id"] for ev in store.events()]
    finally:
        store.close()


def test_a_plain_path_opens_the_sqlite_store_and_creates_the_file(tmp_path):
    store = open_store(tmp_path / "a.db")
    assert isinstance(store, SQLiteStore) and (tmp_path / "a.db").is_file()
    store.save(doc_with_event())
    store.close()
    assert stored_ids(str(tmp_path / "a.db")) == [doc_with_event().events[0].id]


def test_sqlite_urls_name_the_same_file_as_the_path(tmp_path, monkeypatch):
    store = open_store(f"sqlite:///{tmp_path}/b.db")          # three slashes + absolute path
    assert store.path == f"{tmp_path}/b.db"
    store.save(doc_with_event())
    store.close()
    expected = [doc_with_event().events[0].id]
    assert stored_ids(tmp_path / "b.db") == expected
    assert stored_ids(f"sqlite:////{str(tmp_path).lstrip('/')}/b.db") == expected   # four slashes, as SQLAlchemy
    assert stored_ids(f"SQLITE:///{tmp_path}/b%2Edb") == expected                   # scheme in any case, %-decoded
    monkeypatch.chdir(tmp_path)
    assert stored_ids("sqlite://b.db") == expected and stored_ids("sqlite://./b.db") == expected   # relative


def test_a_reading_open_of_a_missing_database_says_how_to_make_one_and_creates_nothing(tmp_path):
    url = f"sqlite:///{tmp_path}/none.db"
    with pytest.raises(StoreError) as err:
        open_store(url, create=False)
    assert str(err.value) == (f"no database at {tmp_path}/none.db; code documents first (`eventcoder code PATH --db "
                              f"{url}`) or name the database with --db")
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize("url", ["postgresql://coder:s3cret@127.0.0.1:1/events", "postgres://127.0.0.1:1/events",
                                 "PostgreSQL://coder:s3cret@127.0.0.1:1/events"])
def test_a_postgresql_server_that_is_not_there_is_a_clear_error_without_the_password(url):
    with pytest.raises(StoreError) as err:
        open_store(url)
    msg = str(err.value)
    assert msg.startswith(f"cannot connect to {url.replace(':s3cret@', ':***@')}: ") and "s3cret" not in msg
    assert msg.endswith("check that PostgreSQL is running and the URL's user, password and database are right")


def test_an_unknown_scheme_lists_the_schemes_eventcoder_knows(tmp_path):
    with pytest.raises(StoreError) as err:
        open_store("mysql://localhost/events")
    assert str(err.value) == ("cannot open mysql://localhost/events: eventcoder knows no mysql:// databases; give --db "
                              "a file path, or a URL with one of the schemes postgres://, postgresql://, sqlite://")
    assert known_schemes() == ("postgres", "postgresql", "sqlite")


@pytest.mark.parametrize("url, says", [("sqlite://", "names no database file"),
                                       ("sqlite:///", "names no database file"),
                                       ("sqlite:///tmp/x.db?mode=ro", "sqlite URLs take no options")])
def test_a_malformed_sqlite_url_is_a_store_error(url, says):
    with pytest.raises(StoreError, match=says):
        open_store(url)


def test_a_backend_is_one_registration_and_a_scheme_cannot_be_registered_twice(monkeypatch, tmp_path):
    monkeypatch.setattr(backends, "_BACKENDS", dict(backends._BACKENDS))
    opened = []

    def open_memo(url, *, create=True):
        opened.append((url, create))
        return SQLiteStore(tmp_path / "memo.db")
    register_backend("memo", opener=open_memo)
    open_store("memo://somewhere", create=False).close()
    assert opened == [("memo://somewhere", False)] and "memo" in known_schemes()
    with pytest.raises(StoreError, match="registered twice"):
        register_backend("sqlite", opener=open_memo)


def test_migrations_are_per_backend_and_the_schema_matches_the_event_declaration(tmp_path):
    assert [m.name for m in MIGRATIONS][:2] == ["0001_initial", "0002_living_dataset"]   # history is kept
    with pytest.raises(StoreError, match="migration 0009_x has no DDL for the postgresql backend"):
        Migration("0009_x", {"sqlite": "SELECT 1"}).statements("postgresql")
    SQLiteStore(tmp_path / "s.db").close()
    cols = {r[1]: r[2] for r in sqlite3.connect(tmp_path / "s.db").execute("PRAGMA table_info(events)")}
    assert cols == {**dict(stored_fields()), "run_id": "INTEGER"}
    assert set(sqlite_backend.EVENT_COLUMNS) == set(cols)         # what a save inserts


def test_a_declared_field_without_its_migration_is_refused_and_the_migration_fixes_it(tmp_path, monkeypatch):
    SQLiteStore(tmp_path / "s.db").close()                        # an existing database
    declared = stored_fields() + (("casualty_source", "TEXT"),)
    monkeypatch.setattr(sql_store, "stored_fields", lambda: declared)
    with pytest.raises(StoreError) as err:
        SQLiteStore(tmp_path / "s.db")
    assert str(err.value) == (f"database {tmp_path}/s.db has no column for the Event field(s) casualty_source; add a "
                              "migration to eventcoder/store/migrations.py: ALTER TABLE events ADD COLUMN "
                              "casualty_source TEXT")
    added = Migration("0099_casualty_source", {"sqlite": add_column_sql("casualty_source", "TEXT")})
    monkeypatch.setattr(sql_store, "MIGRATIONS", MIGRATIONS + [added])
    store = SQLiteStore(tmp_path / "s.db")
    assert store.migrations() == [m.name for m in MIGRATIONS] + ["0099_casualty_source"]
    store.close()


def test_the_command_line_takes_a_sqlite_url_and_says_why_postgresql_or_an_unknown_scheme_fails(tmp_path):
    from test_export import coded_document
    store = open_store(tmp_path / "ev.db")
    store.save(coded_document())
    store.close()
    run = CliRunner().invoke
    r = run(cli, ["export", "--db", f"sqlite:///{tmp_path}/ev.db", "--format", "jsonl"])
    assert r.exit_code == 0 and r.stderr == "1 event(s) written to stdout as jsonl\n"
    r = run(cli, ["export", "--db", "postgresql://coder:pw@127.0.0.1:1/events"])
    assert r.exit_code == 1 and "cannot connect to postgresql://coder:***@127.0.0.1:1/events" in r.stderr
    assert "pw@" not in r.stderr
    r = run(cli, ["export", "--db", "mysql://localhost/events", "-o", str(tmp_path / "out.csv")])
    assert r.exit_code == 1 and "knows no mysql:// databases" in r.stderr
    assert not (tmp_path / "out.csv").exists()                    # refused before the output file is made
    r = run(cli, ["code", str(tmp_path / "missing.txt"), "--db", "postgres://127.0.0.1:1/events", "-q"])
    assert r.exit_code == 1 and "cannot connect to postgres://127.0.0.1:1/events" in r.stderr
