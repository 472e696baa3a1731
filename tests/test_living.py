"""A living dataset: reports fused into the store as they are coded, stable ids, the change log, a reviewer's
merges and unfusings, and copies of a report coded once. Reports and events are written for these tests."""
from __future__ import annotations

import datetime as dt
import random

from click.testing import CliRunner

from eventcoder.cli import cli
from eventcoder.fuse import fuse_records
from eventcoder.model import Document, Event, event_id
from eventcoder.store import open_store
from report_files import write_jsonl

TEXT = "Air strikes killed 12 people in Douma on Monday, the monitor said; the toll rose later."
PLACES = {"Douma": (33.57, 36.40), "Zamalka": (33.52, 36.36), "Harasta": (33.56, 36.37)}


def report(doc_id, place="Douma", day="2014-03-03", deaths=12, source="SOHR", published="2014-03-04",
           sub="Air/drone strike", actors=("Military Forces of Syria", "Civilians (Syria)")) -> Document:
    doc = Document(doc_id, TEXT, source=f"Outlet {doc_id}", published_at=dt.date.fromisoformat(published))
    lat, lon = PLACES[place]
    ev = Event(doc_id, (0, 11), event_type="Explosions/Remote violence", sub_event_type=sub,
               disorder_type="Political violence", actor1=actors[0], actor2=actors[1], country="Syria", iso=760,
               admin1="Rural Damascus", location=place, latitude=lat, longitude=lon, geo_precision=1,
               event_date=day, date_start=day, date_end=day, time_precision=1, fatalities=deaths,
               fatalities_low=deaths, fatalities_best=deaths, fatalities_high=deaths, source=source, confidence=0.8)
    ev.id = event_id(doc_id, 0, 11, sub)
    ev.add_evidence(doc.evidence("event_type", 0, 11))
    ev.add_evidence(doc.evidence("fatalities", 12, 24))
    doc.events = [ev]
    return doc


def fused(store):
    return sorted((sorted(e["reports"]), e["id"]) for e in store.fused_events())


def changes(store):
    return [(c["change"], c["event_id"], c["fields"], c["other_ids"]) for c in store.changes()]


def test_a_new_report_of_a_stored_strike_updates_it_and_keeps_its_id(db_url):
    store = open_store(db_url())
    store.save(report("a"))
    [(_, first_id)] = fused(store)
    store.save(report("b", deaths=15, source="Local medics"))
    assert fused(store) == [(["a", "b"], first_id)]
    log = changes(store)
    assert log[0][:2] == ("added", first_id) and log[1][0] == "updated" and "fatalities_high" in log[1][2]
    [event] = store.fused_events()
    assert event["fatalities"] == 12 and event["fatalities_high"] == 15
    assert "Outlet a" in event["source"] and "Local medics" in event["source"]     # outlets and cited sources


def test_rerunning_a_batch_changes_nothing_and_logs_nothing(db_url):
    store = open_store(db_url())
    for d in ("a", "b", "c"):
        store.save(report(d, place="Zamalka" if d == "c" else "Douma"))
    before, log = fused(store), changes(store)
    for d in ("a", "b", "c"):
        store.save(report(d, place="Zamalka" if d == "c" else "Douma"))
    assert fused(store) == before and changes(store) == log


def test_a_correction_downwards_from_the_same_source_supersedes(db_url):
    store = open_store(db_url())
    store.save(report("first", deaths=30, published="2014-03-03"))
    store.save(report("correction", deaths=18, published="2014-03-05"))
    [event] = store.fused_events()
    assert event["fatalities"] == 18 and event["fatalities_high"] == 18


def test_a_report_that_moves_the_strike_splits_the_stored_event_and_the_older_id_stays(db_url):
    store = open_store(db_url())
    store.save(report("a"))
    store.save(report("b"))
    [(_, fid)] = fused(store)
    store.save(report("b", place="Zamalka"))                   # b is recoded: its strike was in Zamalka
    got = fused(store)
    assert (["a"], fid) in got and len(got) == 2
    assert any(c[0] == "split" and c[1] != fid and c[3] == [fid] for c in changes(store)[2:])


def test_a_reviewers_merge_and_unfuse_survive_later_reports(db_url):
    store = open_store(db_url())
    store.save(report("a"))
    store.save(report("z", place="Zamalka"))
    (_, fa), (_, fz) = fused(store)
    store.merge_fused(fa, fz)
    [(reports, fid)] = fused(store)
    assert reports == ["a", "z"] and fid in (fa, fz)
    assert ("merged", fz if fid == fa else fa, None, [fid]) in changes(store)
    store.save(report("z2", place="Zamalka"))                  # a later report keeps the reviewer's merge
    assert fused(store) == [(["a", "z", "z2"], fid)]
    store.unfuse(fid, "z2")
    store.save(report("z3", place="Zamalka"))
    groups = [g for g, _ in fused(store)]
    assert not any("z2" in g and len(g) > 1 and ("a" in g or "z" in g) for g in groups)


def test_the_groups_do_not_depend_on_the_order_reports_arrive_in(db_url):
    docs = [report(f"r{i}", place=list(PLACES)[i % 3], day=f"2014-03-{3 + i % 4:02d}", deaths=i,
                   actors=("Military Forces of Syria", "Civilians (Syria)") if i % 5 else ("Islamic State", "Rebels"))
            for i in range(24)]
    want = sorted(sorted(e["reports"]) for e in fuse_records([d.events[0].to_contract() for d in docs]).events)
    for seed in (1, 2, 3):
        order = list(docs)
        random.Random(seed).shuffle(order)
        store = open_store(db_url(f"s{seed}"))
        for d in order:
            store.save(d)
        assert sorted(g for g, _ in fused(store)) == want, seed


def test_copies_are_coded_once_and_the_change_log_is_a_verb(tmp_path, db_url):
    body = ("Government air strikes killed 12 civilians in Douma on Monday, activists said. The Syrian Observatory "
            "for Human Rights said warplanes hit a crowded market in the town, and rescuers searched the rubble "
            "for survivors late into the night.")
    docs = [{"id": f"copy-{i}", "title": f"Headline {i}", "text": f"DOUMA (Agency {i}) - {body}",
             "published_at": "2014-03-04", "source": f"Outlet {i}"} for i in range(40)]
    path = tmp_path / "docs.jsonl"
    write_jsonl(path, docs)
    db = db_url()
    res = CliRunner().invoke(cli, ["code", str(path), "--db", db, "--json", "-q"])
    assert res.exit_code == 0, res.output
    store = open_store(db)
    rows = store.db.execute("SELECT id, duplicate_of FROM documents ORDER BY id").fetchall()
    assert len(rows) == 40 and sum(1 for r in rows if r[1] is None) == 1
    assert store.db.execute("SELECT count(DISTINCT doc_id) FROM events").fetchone()[0] == 1
    store.close()
    out = tmp_path / "changes.csv"
    res = CliRunner().invoke(cli, ["changes", "--db", db, "--format", "csv", "-o", str(out)])
    assert res.exit_code == 0 and out.read_text().splitlines()[0].startswith("seq,at,change,event_id")
    res = CliRunner().invoke(cli, ["events", "merge", "fev-nope", "fev-none", "--db", db])
    assert res.exit_code == 1 and "no fused event fev-nope" in res.output


def test_two_writers_at_once_lose_nothing_and_double_nothing(db_url):
    import threading
    url = db_url("two")
    docs = [report(f"r{i}", place=list(PLACES)[i % 3], day=f"2014-03-{3 + i % 4:02d}", deaths=i) for i in range(30)]
    open_store(url).close()                                      # the tables exist before both writers start
    errors = []

    def write(part):
        store = open_store(url)
        try:
            for d in part:
                store.save(d)
        except Exception as exc:                                 # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            store.close()
    threads = [threading.Thread(target=write, args=(docs[:20],)), threading.Thread(target=write, args=(docs[10:],))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    store = open_store(url)
    assert store.counts()["documents"] == 30 and store.counts()["events"] == 30
    want = sorted(sorted(e["reports"]) for e in fuse_records([d.events[0].to_contract() for d in docs]).events)
    assert sorted(g for g, _ in fused(store)) == want
    members = store.db.execute("SELECT count(*) FROM fusion_members").fetchone()[0]
    assert members == 30
