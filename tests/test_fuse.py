"""`eventcoder fuse`: the rules of sameness, tolls across reports, provenance, and the verb, on events and reports
written for these tests."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eventcoder.cli import cli
from eventcoder.fuse import FusionRulesError, fuse_records, load_rules
from eventcoder.fuse.report_event import FusionInputError
from report_files import write_jsonl


def event(doc, place="Douma", day="2014-03-03", sub="Air/drone strike", etype="Explosions/Remote violence",
          deaths=None, toll_words=None, actors=("Military Forces of Syria (2000-2024)", "Civilians (Syria)"),
          precision=1, admin1="Rural Damascus", point=(33.57, 36.40), source=None, **more):
    evidence = [{"field": "location", "start": 0, "end": len(place), "text": place}]
    if toll_words:
        evidence.append({"field": "fatalities", "start": 10, "end": 10 + len(toll_words), "text": toll_words})
    rec = {"id": f"ev-{doc}-{place}-{day}-{sub}", "doc_id": doc, "event_type": etype, "sub_event_type": sub,
           "actor1": actors[0] if actors else None, "actor2": actors[1] if len(actors or ()) > 1 else None,
           "location": place, "admin1": admin1, "country": "Syria", "iso": 760, "geo_precision": precision,
           "latitude": point[0] if point else None, "longitude": point[1] if point else None,
           "event_date": day, "date_start": day, "date_end": day, "time_precision": 1,
           "fatalities": deaths if deaths is not None else 0, "fatalities_low": deaths, "fatalities_best": deaths,
           "fatalities_high": deaths, "source": source, "confidence": 0.7, "evidence": evidence, "inferred": {}}
    rec.update(more)
    return rec


def groups(result):
    return sorted(sorted(e["reports"]) for e in result.events)


def test_two_reports_of_one_strike_are_one_event_with_both_reports_and_their_words():
    res = fuse_records([event("a", deaths=12, toll_words="killed 12"), event("b", deaths=15, toll_words="15 died"),
                        event("c", place="Aleppo", admin1="Aleppo", point=(36.2, 37.16))])
    assert groups(res) == [["a", "b"], ["c"]]
    fused = next(e for e in res.events if len(e["reports"]) == 2)
    assert fused["fatalities"] == 12                       # ACLED: the lowest credible toll
    assert (fused["fatalities_low"], fused["fatalities_best"], fused["fatalities_high"]) == (12, 12, 15)
    assert fused["disputed"] is None                       # 12 against 15: two counts, no dispute
    assert {p["report"] for p in fused["provenance"]["fatalities"]} == {"a", "b"}
    assert fused["provenance"]["location"][0]["report"] == "a"
    assert all("doc_id" in e for e in fused["evidence"])
    assert fused["id"].startswith("fev-") and fused["id"] == fuse_records(
        [event("b", deaths=15, toll_words="15 died"), event("a", deaths=12, toll_words="killed 12")]).events[0]["id"]


def test_tolls_that_disagree_are_disputed_and_a_silent_report_does_not_vote_zero():
    res = fuse_records([event("a", deaths=5, toll_words="five killed"), event("b", deaths=50, toll_words="50 dead"),
                        event("c")])                        # c says nothing of deaths
    [fused] = res.events
    assert fused["fatalities"] == 5 and fused["fatalities_high"] == 50
    assert fused["disputed"]["fatalities"] == [{"value": 5, "reports": ["a"]}, {"value": 50, "reports": ["b"]}]


def test_a_later_update_from_the_same_source_supersedes_its_earlier_toll():
    res = fuse_records([event("early", deaths=10, toll_words="killed 10", source="SOHR"),
                        event("late", deaths=28, toll_words="the toll rose to 28", source="SOHR")],
                       published={"early": "2014-03-03", "late": "2014-03-04"}, explain=True)
    [fused] = res.events
    assert fused["fatalities"] == 28 and fused["fatalities_low"] == 28
    assert any("superseded by late: 28" in line for line in fused["explanation"])


def test_missing_dates_or_places_never_make_two_reports_one_event():
    res = fuse_records([event("a", day=None), event("b", day=None),
                        event("c", admin1=None, point=None, precision=3), event("d", admin1=None, point=None,
                                                                               precision=3)], explain=True)
    assert groups(res) == [["a"], ["b"], ["c"], ["d"]]
    assert any("no date" in line for e in res.events for line in e["explanation"])


def test_one_report_with_ten_events_keeps_them_apart():
    res = fuse_records([event("a", place=f"Village {i}", point=None) for i in range(10)] +
                       [event("a", place="Village 0", point=None, actors=("Rebels", "Civilians"))])
    assert len(res.events) == 11


def test_the_same_place_with_two_different_dyads_is_two_events():
    res = fuse_records([event("a", actors=("Military Forces of Syria", "Civilians (Syria)")),
                        event("b", actors=("Islamic State", "Kurdish Militia"))])
    assert groups(res) == [["a"], ["b"]]


def test_a_day_apart_is_one_event_three_days_apart_is_not():
    assert groups(fuse_records([event("a"), event("b", day="2014-03-04")])) == [["a", "b"]]
    assert groups(fuse_records([event("a"), event("b", day="2014-03-06")])) == [["a"], ["b"]]


def test_a_governorate_level_event_absorbs_one_town_and_keeps_the_town():
    res = fuse_records([event("gov", place="Rural Damascus", precision=3, point=(33.5, 36.6)),
                        event("town1", place="Douma"), event("town2", place="Zamalka", point=(33.52, 36.36))])
    got = groups(res)
    assert ["town1", "town2"] not in got and sum(len(g) for g in got) == 3 and len(got) == 2
    joined = next(e for e in res.events if "gov" in e["reports"])
    assert joined["location"] in ("Douma", "Zamalka") and joined["geo_precision"] == 1


def test_sub_event_types_fuse_only_when_the_rules_list_them_together():
    assert len(fuse_records([event("a", sub="Suicide bomb"), event("b", sub="Remote explosive/landmine/IED")])
               .events) == 1
    assert len(fuse_records([event("a", sub="Air/drone strike"),
                             event("b", sub="Shelling/artillery/missile attack")]).events) == 2


def test_fusion_is_blocked_and_swept_so_many_reports_stay_cheap():
    import datetime as dt
    base = dt.date(2014, 1, 1)
    recs = [event(f"r{i}", day=(base + dt.timedelta(days=i // 3)).isoformat(), place=f"Town {i % 7}",
                  point=(33 + (i % 7) * 0.2, 36.0)) for i in range(3000)]
    res = fuse_records(recs)
    assert res.inputs == 3000 and all(len(e["reports"]) <= 3 for e in res.events)


def test_bad_input_and_bad_rules_say_what_to_do(tmp_path):
    with pytest.raises(FusionInputError, match="needs at least a doc_id"):
        fuse_records([{"location": "Douma"}])
    with pytest.raises(FusionInputError, match="not a YYYY-MM-DD date"):
        fuse_records([event("a", day="last Tuesday")])
    bad = tmp_path / "rules.json"
    bad.write_text(json.dumps({"date": {"tolerance_days": 1}}))
    with pytest.raises(FusionRulesError, match="no rule "):
        load_rules(bad)


def test_fuse_verb_from_events_and_its_usage_errors(tmp_path):
    src = tmp_path / "events.jsonl"
    write_jsonl(src, [event("a"), event("b"), {"doc_id": "skipped"}])
    out = tmp_path / "fused.jsonl"
    res = CliRunner().invoke(cli, ["fuse", "--from", str(src), "-o", str(out)])
    assert res.exit_code == 0, res.output
    [line] = out.read_text().splitlines()
    assert sorted(json.loads(line)["reports"]) == ["a", "b"]
    assert CliRunner().invoke(cli, ["fuse"]).exit_code == 2
    assert CliRunner().invoke(cli, ["fuse", str(src), "--from", str(src)]).exit_code == 2
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    res = CliRunner().invoke(cli, ["fuse", "--from", str(src), "--rules", str(bad)])
    assert res.exit_code == 1 and "fusion_rules.json" in res.output


def test_fuse_verb_codes_reports_and_joins_two_outlets_on_one_strike(tmp_path):
    docs = tmp_path / "reports.jsonl"
    write_jsonl(docs, [
        {"id": "wire-a", "published_at": "2014-03-04", "source": "Wire A",
         "text": "Government air strikes killed 12 civilians in Douma on Monday, activists said."},
        {"id": "wire-b", "published_at": "2014-03-04", "source": "Paper B",
         "text": "At least 15 people died when warplanes bombed a market in Douma on Monday, local medics said."},
        {"id": "wire-c", "published_at": "2014-03-04", "source": "Paper C",
         "text": "Rebels shelled a neighbourhood of Aleppo on Sunday, killing three people, state media said."}])
    out = tmp_path / "fused.jsonl"
    res = CliRunner().invoke(cli, ["fuse", str(docs), "-o", str(out), "--explain", "-q"])
    assert res.exit_code == 0, res.output
    fused = [json.loads(line) for line in out.read_text().splitlines()]
    douma = [e for e in fused if "wire-a" in e["reports"]]
    assert len(douma) == 1 and sorted(douma[0]["reports"]) == ["wire-a", "wire-b"]
    assert douma[0]["fatalities"] == 12 and douma[0]["fatalities_high"] == 15
    assert any("joins" in line for line in douma[0]["explanation"])
    assert any(e["reports"] == ["wire-c"] for e in fused)
