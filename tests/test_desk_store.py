"""What the review desk reads and keeps in a store, on SQLite and PostgreSQL: the fused events under each filter,
paged; one event with its reports, their own events, evidence and `--explain` reasons; the desk's columns (written
on every fusion, and backfilled by migration 0004 from the stored records); users, sessions, tokens, logins."""
from __future__ import annotations

import datetime as dt

import pytest

from desk_reports import REPORTS, fill
from eventcoder.errors import StoreError
from eventcoder.store import open_store
from eventcoder.store.desk_columns import DESK_COLUMNS, desk_values
from eventcoder.store.desk_filter import EventFilter
from eventcoder.store.migrations import backfill_desk_columns


@pytest.fixture
def store(db_url):
    s = open_store(db_url("desk"))
    fill(s)
    yield s
    s.close()


def _places(page):
    return [e["location"] for e in page.events]


def test_the_filters_and_paging(store):
    everything = store.desk_page(EventFilter())
    assert everything.total == 5
    assert _places(everything)[:3] == ["Maiduguri", "Nairobi", "Maarat al-Numan"]           # newest first
    assert sorted(_places(everything)[3:]) == ["Adra", "Idlib"]                           # 2015, the same day
    assert all(e["review_status"] == "unreviewed" for e in everything.events)
    assert store.desk_page(EventFilter(country="sYRIA")).total == 3                   # any case
    assert _places(store.desk_page(EventFilter(country="Syria", admin1="idleb", since="2024-01-01"))) == \
        ["Maarat al-Numan"]
    assert _places(store.desk_page(EventFilter(since="2024-03-05", until="2024-03-05"))) == ["Nairobi"]
    assert _places(store.desk_page(EventFilter(until="2024-03-04"))) == ["Maarat al-Numan"]    # undated left out
    assert _places(store.desk_page(EventFilter(event_type="protests"))) == ["Nairobi"]
    assert sorted(_places(store.desk_page(EventFilter(event_type="Air/drone strike")))) == ["Idlib",
                                                                                          "Maarat al-Numan"]
    assert sorted(_places(store.desk_page(EventFilter(actor="russia")))) == ["Idlib", "Maarat al-Numan"]
    assert store.desk_page(EventFilter(actor="100%_")).total == 0                     # LIKE wildcards are text
    assert all(e["confidence"] >= 0.9 for e in store.desk_page(EventFilter(min_confidence=0.9)).events)
    assert store.desk_page(EventFilter(country="Atlantis")).total == 0
    first, second = store.desk_page(EventFilter(), 1, 2), store.desk_page(EventFilter(), 3, 2)
    assert first.total == second.total == 5 and len(first.events) == 2 and len(second.events) == 1
    assert {e["id"] for e in first.events}.isdisjoint(e["id"] for e in second.events)


def test_review_status_filters(store):
    ids = [e["id"] for e in store.desk_page(EventFilter()).events]
    with store.writing() as db:
        db.execute("INSERT INTO event_reviews (fused_id, status, user_name, at) VALUES (?,?,?,?)",
                   (ids[0], "accepted", "cole", "2024-03-20T00:00:00+00:00"))
    assert [e["id"] for e in store.desk_page(EventFilter(review_status="accepted")).events] == [ids[0]]
    assert store.desk_page(EventFilter(review_status="unreviewed")).total == 4
    assert store.desk_page(EventFilter(review_status="rejected")).total == 0
    assert store.desk_event(ids[0])["review_status"] == "accepted"


def test_one_event_with_its_reports(store):
    strike = store.desk_page(EventFilter(country="Syria", since="2024-01-01")).events[0]
    found = store.desk_event(strike["id"])
    assert found["record"]["reports"] == ["strike-a", "strike-b"]
    assert [r["document"]["id"] for r in found["reports"]] == ["strike-a", "strike-b"]
    for r in found["reports"]:
        text = r["document"]["text"]
        assert text == next(t for i, t, *_ in REPORTS if i == r["document"]["id"])
        (ev,) = r["events"]
        assert ev["explanation"] and any(line.startswith("location:") for line in ev["explanation"])
        assert ev["evidence"] and all(text[e["start"]:e["end"]] == e["text"] for e in ev["evidence"])
    adra = store.desk_event(store.desk_page(EventFilter(actor="military forces of syria", event_type="Change to "
                                                        "group/activity")).events[0]["id"])
    warnings = adra["reports"][0]["document"]["warnings"]
    assert any(w["kind"] == "mojibake-unrepaired" and "start" in w for w in warnings)
    assert store.desk_event("fev-nothing") is None


def test_facets_points_and_day_counts(store):
    facets = store.desk_facets()
    assert facets["country"] == ["Kenya", "Nigeria", "Syria"] and "Protests" in facets["event_type"]
    points, total = store.desk_points(EventFilter(country="Syria"))
    assert total == 3 and all(p["latitude"] and p["longitude"] for p in points)
    assert len(store.desk_points(EventFilter(), limit=2)[0]) == 2
    counts = store.desk_day_counts(EventFilter(since="2024-01-01"))
    assert ("2024-03-03", "Explosions/Remote violence", 1) in counts and sum(n for *_, n in counts) == 3


def test_the_desk_rows_follow_the_records_and_the_backfill_gives_the_same(store):
    import json
    query = f"SELECT f.record, {', '.join('d.' + c for c in DESK_COLUMNS)} FROM fused_events f JOIN desk_events d " \
            f"ON d.id = f.id"
    rows = store.db.execute(query).fetchall()
    assert len(rows) == store.counts()["fused_events"] == 5
    assert all(tuple(r[1:]) == desk_values(json.loads(r[0])) for r in rows)
    with store.writing() as db:
        db.execute("DELETE FROM desk_events")
        db.execute(backfill_desk_columns(store.dialect.name))
    again = store.db.execute(query).fetchall()
    assert sorted(map(tuple, again)) == sorted(map(tuple, rows))


def test_an_unfused_report_leaves_and_its_desk_row_follows(store):
    strike = store.desk_page(EventFilter(since="2024-03-03", until="2024-03-03")).events[0]
    store.unfuse(strike["id"], "strike-b")
    assert store.desk_page(EventFilter(since="2024-03-03", until="2024-03-03")).total == 2
    assert store.db.execute("SELECT count(*) FROM desk_events").fetchone()[0] == \
        store.db.execute("SELECT count(*) FROM fused_events").fetchone()[0] == 6
    assert sorted(store.desk_facets()["country"]) == ["Kenya", "Nigeria", "Syria"]


def test_users_sessions_tokens_and_logins(store):
    store.add_user("ann", "admin", "hash-1")
    with pytest.raises(StoreError, match="exists already"):
        store.add_user("ann", "viewer", "hash-2")
    assert store.user("ann")["password_hash"] == "hash-1" and [u["name"] for u in store.users()] == ["ann"]
    later = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1)).isoformat(timespec="seconds")
    store.add_session("s3cret", "ann", "csrf-1", later)
    assert store.session_user("s3cret") == ({"name": "ann", "role": "admin"}, "csrf-1")
    assert store.session_user("other") is None
    assert "s3cret" not in str(store.db.execute("SELECT token_hash FROM sessions").fetchall())   # only hashes
    store.add_session("old", "ann", "csrf-2", "2000-01-01T00:00:00+00:00")
    assert store.session_user("old") is None                                        # expired
    store.add_token("tok", "ann")
    assert store.token_user("tok") == {"name": "ann", "role": "admin"}
    with pytest.raises(StoreError, match="no user 'bob'"):
        store.add_token("tok2", "bob")
    store.set_password("ann", "hash-3")
    assert store.session_user("s3cret") is None and store.token_user("tok")            # sessions end, tokens stay
    store.note_login("ann", "10.0.0.1", False)
    store.note_login("ann", "10.0.0.2", False)
    store.note_login("ann", "10.0.0.1", True)
    assert store.failed_logins("ann", "10.0.0.1", "2000-01-01") == (2, 1)
    assert store.failed_logins("ann", "10.0.0.1", "2999-01-01") == (0, 0)
    store.remove_user("ann")
    assert store.user("ann") is None and store.token_user("tok") is None
    with pytest.raises(StoreError, match="no user 'ann'"):
        store.remove_user("ann")


def test_a_copy_keeps_the_desk(store, db_url):
    from eventcoder.store.copy import copy_store
    store.add_user("ann", "admin", "hash-1")
    store.add_token("tok", "ann")
    target = open_store(db_url("copy"))
    try:
        copy_store(store, target)
        assert target.token_user("tok") == {"name": "ann", "role": "admin"}
        assert target.desk_page(EventFilter(country="Syria")).total == 3
        strike = target.desk_page(EventFilter(since="2024-03-03", until="2024-03-03")).events[0]
        assert all(r["events"][0]["explanation"] for r in target.desk_event(strike["id"])["reports"])
    finally:
        target.close()
