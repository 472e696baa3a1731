"""The review desk: corrections beside the coder's values, accept/reject, merge/split, the queue and bulk decisions,
the history and the change log; and corrections that survive re-coding (`code --force`) and re-fusion. Reports are
coded for real by the CLI, or written as events for the store tests (`test_living.report`)."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from eventcoder.cli import cli
from eventcoder.review import desk
from eventcoder.review.fields import ReviewError
from eventcoder.store import open_store
from eventcoder.store.living_reads import SHOWN
from report_files import write_jsonl
from eventcoder.model import event_id
from test_living import fused, report

DOCS = [
    {"id": "douma-1", "text": "Government air strikes killed 12 civilians in Douma on Monday, the Syrian Observatory "
                              "for Human Rights said.", "published_at": "2014-03-04", "source": "Outlet A"},
    {"id": "douma-2", "text": "Syrian government warplanes struck a market in Douma on Monday, killing 15 people, "
                              "local medics said.", "published_at": "2014-03-04", "source": "Outlet B"},
    {"id": "harasta-1", "text": "Rebels clashed with government forces in Harasta on Tuesday; five fighters were "
                                "killed, the Observatory said.", "published_at": "2014-03-05", "source": "Outlet C"},
    {"id": "aleppo-1", "text": "Hundreds of protesters gathered peacefully in Aleppo on Wednesday to demand the "
                               "release of detainees.", "published_at": "2014-03-06", "source": "Outlet D"},
    {"id": "douma-3", "text": "A government air strike hit Douma on Thursday, killing three people, activists said.",
     "published_at": "2014-03-07", "source": "Outlet E"},
]


def run(*args):
    res = CliRunner().invoke(cli, [str(a) for a in args])
    assert res.exit_code == 0, res.output
    return res.stdout


def by_reports(db):
    store = open_store(db, create=False)
    try:
        return {tuple(sorted(e["reports"])): e for e in store.fused_events(status=None)}
    finally:
        store.close()


def test_corrections_a_rejection_and_a_merge_survive_coding_again_with_force(tmp_path, db_url):
    docs = write_jsonl(tmp_path / "docs.jsonl", DOCS)
    db = db_url()
    run("code", docs, "--db", db, "-q", "--json")
    events = by_reports(db)
    strike, protest = events[("douma-1", "douma-2")], events[("aleppo-1",)]
    later, clash = events[("douma-3",)], events[("harasta-1",)]
    assert strike["location"] != "Zamalka" and strike["fatalities"] == 12
    run("review", "correct", strike["id"], "location=Zamalka", "fatalities=14", "--note", "the market is in Zamalka",
        "--user", "alice", "--db", db)
    run("review", "reject", protest["id"], "--user", "alice", "--note", "no violence", "--db", db)
    run("events", "merge", strike["id"], later["id"], "--user", "bob", "--db", db)
    run("review", "accept", clash["id"], "--user", "bob", "--db", db)

    run("code", docs, "--db", db, "-q", "--json", "--force")          # the coder runs again over every report
    events = by_reports(db)
    merged = events[("douma-1", "douma-2", "douma-3")]
    assert merged["id"] == strike["id"]                                 # the older id survived the merge
    assert merged["location"] == "Zamalka" and merged["admin1"] == "Rural Damascus"   # from the gazetteer
    assert abs(merged["latitude"] - 33.52) < 0.1 and merged["fatalities"] == 14
    corrected = merged["review"]["corrected"]
    assert corrected["fatalities"]["coder"] != 14 and corrected["location"]["by"] == "alice"
    assert events[("aleppo-1",)]["review"]["status"] == "rejected"
    assert events[("harasta-1",)]["review"]["status"] == "accepted"

    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", "--db", db))))
    shown = {r["event_id_cnty"]: r for r in rows}
    assert protest["id"] not in shown                                   # rejected: not in the dataset
    assert shown[strike["id"]]["location"] == "Zamalka" and shown[strike["id"]]["fatalities"] == "14"
    accepted = [json.loads(line) for line in run("export", "--format", "jsonl", "--reviewed-only", "--db", db)
                .splitlines()]
    assert [e["id"] for e in accepted] == [clash["id"]]

    history = [json.loads(line) for line in run("review", "history", strike["id"], "--json", "--db", db).splitlines()]
    assert ("alice", "correct", "fatalities", 12, 14, "the market is in Zamalka") in {
        (h["reviewer"], h["action"], h["field"], h["before"], h["after"], h["note"]) for h in history}
    assert any(h["action"] == "merge" and h["reviewer"] == "bob" for h in history)
    log = [json.loads(line) for line in run("changes", "--db", db).splitlines()]
    assert {(c["change"], c["reviewer"]) for c in log} >= {("corrected", "alice"), ("rejected", "alice"),
                                                          ("merged", "bob"), ("accepted", "bob")}


def test_a_new_report_that_disagrees_flags_the_reviewed_event_and_changes_nothing(db_url):
    store = open_store(db_url())
    store.save(report("a", deaths=12))
    [(_, fid)] = fused(store)
    desk.correct(store, fid, {"fatalities": "9"}, "alice", "hospital list")
    store.save(report("b", deaths=30, source="Local medics"))     # joins it: the coder's lowest credible toll moves
    event = store.fused_event(fid)
    assert event["reports"] == ["a", "b"] and event["fatalities"] == 9
    assert not event["review"]["flag"]                              # the coder's toll is still 12: nothing to flag
    store.save(report("a", deaths=20))                              # re-coded: the coder now says 20
    event = store.fused_event(fid)
    assert event["fatalities"] == 9 and event["review"]["corrected"]["fatalities"]["coder"] == 20
    assert event["review"]["flag"]["fatalities"] == {"coder": 20, "reviewed": 9}
    assert [e["id"] for e in desk.queue(store, flagged_only=True)] == [fid]
    assert ("flagged", fid, ["fatalities"]) in [(c["change"], c["event_id"], c["fields"]) for c in store.changes()]
    desk.accept(store, [fid], "alice")                              # looked at again: the flag goes
    assert not store.fused_event(fid)["review"]["flag"]
    store.save(report("b", deaths=30, source="Local medics"))       # coded again, the same: seen, no new flag
    assert not store.fused_event(fid)["review"]["flag"]
    store.save(report("a", deaths=22))                              # the coder changes its mind again: flagged
    assert store.fused_event(fid)["review"]["flag"]["fatalities"] == {"coder": 22, "reviewed": 9}
    store.save(report("c", place="Douma", day="2014-03-03", deaths=25, sub="Shelling/artillery/missile attack"))
    assert store.fused_event(fid)["fatalities"] == 9


def test_an_accepted_event_keeps_what_was_accepted_when_the_coder_changes_its_mind(db_url):
    store = open_store(db_url())
    store.save(report("a", deaths=12))
    [(_, fid)] = fused(store)
    desk.accept(store, [fid], "bob")
    store.save(report("a", deaths=40))
    event = store.fused_event(fid)
    assert event["fatalities"] == 12 and store.coder_record(fid)["fatalities"] == 40
    assert event["review"]["flag"]["fatalities"] == {"coder": 40, "reviewed": 12}
    desk.accept(store, [fid], "bob", "12 is right")
    store.save(report("a", deaths=40))
    assert not store.fused_event(fid)["review"]["flag"] and store.fused_event(fid)["fatalities"] == 12


def test_a_new_sub_event_type_gives_the_event_a_new_id_and_the_review_follows_it(db_url):
    store = open_store(db_url())
    store.save(report("a"))
    store.save(report("z", place="Zamalka"))
    (_, fa), (_, fz) = fused(store)
    desk.correct(store, fa, {"fatalities": 11}, "alice")
    desk.accept(store, [fa], "alice")
    desk.reject(store, [fz], "alice")
    store.save(report("a", sub="Shelling/artillery/missile attack"))   # a new coder: same words, another type
    store.save(report("z", place="Zamalka", sub="Shelling/artillery/missile attack"))
    ids = {e["id"]: e for e in store.fused_events(status=None)}
    assert set(ids) == {fa, fz}
    assert ids[fa]["fatalities"] == 11 and ids[fa]["review"]["flag"]["sub_event_type"]["coder"] == \
        "Shelling/artillery/missile attack"
    assert ids[fz]["review"]["status"] == "rejected"
    assert [e["id"] for e in store.fused_events(status=SHOWN)] == [fa]              # the dataset leaves the rejected one out


def test_a_reviewed_event_never_absorbs_another_reviewed_one(db_url):
    store = open_store(db_url())
    store.save(report("a"))
    [(_, fa)] = fused(store)
    desk.accept(store, [fa], "alice")
    store.save(report("b"))                                          # an unreviewed report joins the accepted event
    assert fused(store) == [(["a", "b"], fa)]
    new = desk.split(store, fa, ["b"], "alice", "b is another strike")
    desk.accept(store, [new], "alice")
    store.save(report("a"))
    store.save(report("b"))
    assert sorted(fused(store)) == sorted([(["a"], fa), (["b"], new)])
    assert [h["action"] for h in store.history(new)] == ["split", "accept"]


def test_split_then_merge_back(db_url):
    store = open_store(db_url())
    for d in ("a", "b", "c"):
        store.save(report(d))
    [(_, fid)] = fused(store)
    new = desk.split(store, fid, ["b", "c"], "carol")
    assert sorted(fused(store)) == sorted([(["a"], fid), (["b", "c"], new)])
    assert desk.merge(store, new, fid, "carol") == fid
    assert fused(store) == [(["a", "b", "c"], fid)]


def test_corrections_are_checked_against_the_vocabularies(db_url):
    store = open_store(db_url())
    store.save(report("a"))
    [(_, fid)] = fused(store)
    with pytest.raises(ReviewError, match="Explosions/Remote violence: .*Air/drone strike"):
        desk.correct(store, fid, {"sub_event_type": "Drone party"}, "alice")
    with pytest.raises(ReviewError, match="not a inter1; use one of: 0 No second actor; 1 State Forces"):
        desk.correct(store, fid, {"inter1": 9}, "alice")
    with pytest.raises(ReviewError, match="not a geo_precision"):
        desk.correct(store, fid, {"geo_precision": 4}, "alice")
    with pytest.raises(ReviewError, match="no place called 'Nowhereville' in SY"):
        desk.correct(store, fid, {"location": "Nowhereville"}, "alice")
    with pytest.raises(ReviewError, match="cannot be corrected"):
        desk.correct(store, fid, {"confidence": 1}, "alice")
    with pytest.raises(ReviewError, match="YYYY-MM-DD"):
        desk.correct(store, fid, {"event_date": "3 March"}, "alice")
    assert store.history(fid) == []                                  # nothing recorded from a refused correction
    event = desk.correct(store, fid, {"sub_event_type": "Armed clash", "inter1": "2", "inter2": "1"}, "alice")
    assert (event["event_type"], event["disorder_type"], event["interaction"]) == ("Battles", "Political violence",
                                                                                   12)
    event = desk.correct(store, fid, {"location": "Aleppo", "event_date": "2014-03-02"}, "alice")
    assert (event["admin1"], event["geo_precision"], event["date_start"], event["date_end"]) == \
        ("Aleppo", 1, "2014-03-02", "2014-03-02")


def test_the_queue_and_bulk_decisions(db_url):
    store = open_store(db_url())
    for i, place in enumerate(("Douma", "Zamalka", "Harasta")):
        doc = report(f"r{i}", place=place, day=f"2014-03-0{3 + 2 * i}")
        doc.events[0].confidence = 0.5 + i / 10
        store.save(doc)
    ids = [e["id"] for e in desk.queue(store)]
    assert len(ids) == 3 and [e["event_date"] for e in desk.queue(store, by="date")] == \
        ["2014-03-07", "2014-03-05", "2014-03-03"]
    assert [e["confidence"] for e in desk.queue(store)] == [0.5, 0.6, 0.7]
    assert [e["id"] for e in desk.queue(store, country="syria", since="2014-03-05")] == ids[1:]
    assert desk.queue(store, country="Kenya") == []
    assert desk.bulk(store, "accepted", "dana", max_confidence=0.65, dry_run=True) == ids[:2]
    assert desk.queue(store, limit=None)[0]["id"] == ids[0]         # a dry run decides nothing
    assert desk.bulk(store, "accepted", "dana", max_confidence=0.65) == ids[:2]
    assert [e["id"] for e in desk.queue(store)] == ids[2:]
    assert [e["id"] for e in store.fused_events(status=("accepted",))] == sorted(ids[:2], key=lambda i: ids.index(i))
    with pytest.raises(ReviewError, match="reviewer's name"):
        desk.accept(store, ids[2:], " ")


def test_the_review_cli_says_what_to_do(tmp_path):
    db = f"sqlite:///{tmp_path}/r.db"
    store = open_store(db)
    store.save(report("a"))
    [(_, fid)] = fused(store)
    store.close()
    res = CliRunner().invoke(cli, ["review", "correct", fid, "sub_event_type=Nope", "--db", db])
    assert res.exit_code == 1 and "is not a sub_event_type; use one of" in res.output
    res = CliRunner().invoke(cli, ["review", "correct", fid, "fatalities", "--db", db])
    assert res.exit_code == 2 and "is not FIELD=VALUE" in res.output
    res = CliRunner().invoke(cli, ["review", "accept", "fev-nope", "--db", db])
    assert res.exit_code == 1 and "no fused event fev-nope" in res.output
    out = run("review", "correct", fid, "fatalities=3", "--user", "erin", "--db", db)
    assert "fatalities: 12 -> 3" in out
    assert fid in run("review", "queue", "--db", db)
    hist = run("review", "history", fid, "--db", db)
    assert "erin\tcorrect\tfatalities: 12 -> 3" in hist
    assert "  fatalities\t3\t(coder: 12; corrected by erin)" in run("review", "show", fid, "--db", db).splitlines()
    res = CliRunner().invoke(cli, ["export", "--per-report", "--reviewed-only", "--db", db])
    assert res.exit_code == 1 and "--reviewed-only" in res.output


def test_an_id_merged_away_is_never_given_again(db_url):
    store = open_store(db_url())
    store.save(report("a"))
    store.save(report("z", place="Zamalka"))
    (_, fa), (_, fz) = fused(store)
    desk.accept(store, [fz], "alice")
    survivor = desk.merge(store, fa, fz, "alice")
    loser = fz if survivor == fa else fa
    new = desk.split(store, survivor, ["z"], "alice")
    assert new not in (fa, fz)                       # the part split off gets a new id, not the merged-away one
    assert [h["action"] for h in store.history(new)] == ["split"]
    assert [h["action"] for h in store.history(loser)][-1] == "merge"


def test_db_copy_keeps_the_reviews(db_url, tmp_path):
    src = db_url("src")
    store = open_store(src)
    store.save(report("a"))
    [(_, fid)] = fused(store)
    desk.correct(store, fid, {"fatalities": 9}, "alice", "hospital list")
    desk.accept(store, [fid], "bob")
    shown, history = store.fused_event(fid), store.history(fid)
    store.close()
    dst = f"sqlite:///{tmp_path}/copy.db"
    run("db", "copy", src, dst)
    copy = open_store(dst, create=False)
    assert copy.fused_event(fid) == shown and copy.history(fid) == history
    copy.save(report("a", deaths=30))                               # and it goes on keeping them
    assert copy.fused_event(fid)["fatalities"] == 9


def test_a_new_report_of_a_rejected_event_flags_it_and_it_stays_rejected(db_url):
    store = open_store(db_url())
    store.save(report("a"))
    [(_, fid)] = fused(store)
    desk.reject(store, [fid], "alice", "a rumour")
    store.save(report("b"))
    event = store.fused_event(fid)
    assert event["reports"] == ["a", "b"] and event["review"]["status"] == "rejected"
    assert event["review"]["flag"]["reports"] == {"coder": ["a", "b"], "reviewed": ["a"]}
    assert list(store.fused_events(status=SHOWN)) == []


def test_a_reviewers_own_merge_flags_nothing_and_a_later_disagreement_does(db_url):
    store = open_store(db_url())
    store.save(report("a", deaths=12))
    store.save(report("z", place="Zamalka", deaths=5))
    (_, fa), (_, fz) = fused(store)
    desk.correct(store, fa, {"fatalities": 9}, "alice")
    desk.accept(store, [fa], "alice")
    survivor = desk.merge(store, fa, fz, "alice")                 # the coder's toll of the merged event is now 5
    event = store.fused_event(survivor)
    assert event["fatalities"] == 9 and not event["review"]["flag"]
    store.save(report("z", place="Zamalka", deaths=3))            # the coder changes its mind after the merge
    assert store.fused_event(survivor)["review"]["flag"]["fatalities"] == {"coder": 3, "reviewed": 9}


def test_a_reviewed_event_coded_again_at_overlapping_words_keeps_its_review(db_url):
    store = open_store(db_url())
    store.save(report("a"))
    [(_, fid)] = fused(store)
    desk.correct(store, fid, {"fatalities": 11}, "alice")
    doc = report("a")
    ev = doc.events[0]
    ev.anchor = (0, 18)                                  # a new coder anchors the event on more words: a new id
    ev.id = event_id("a", 0, 18, ev.sub_event_type)
    store.save(doc)
    assert fused(store) == [(["a"], fid)] and store.fused_event(fid)["fatalities"] == 11
    assert store.db.execute("SELECT fused_id FROM fusion_members WHERE event_id=?", (ev.id,)).fetchone()[0] == fid
