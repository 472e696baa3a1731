"""Self-evaluation: per-field metrics and per-class precision/recall, on gold we write ourselves."""
import csv
import json

import pytest

from eventcoder.evaluate import EvaluateError, evaluate, format_evaluation
from eventcoder.evaluate.metrics import km, norm, per_class


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


GOLD = [
    {"doc_id": "g1", "event_date": "2024-03-04", "time_precision": "1", "disorder_type": "Political violence",
     "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "Military Forces of Mali (2021-)",
     "assoc_actor_1": "", "inter1": "1", "actor2": "Rebels (Mali)", "assoc_actor_2": "", "inter2": "2",
     "interaction": "12", "civilian_targeting": "", "iso": "466", "country": "Mali", "admin1": "Kidal",
     "admin2": "Kidal", "admin3": "", "location": "Kidal", "latitude": "18.4411", "longitude": "1.4078",
     "geo_precision": "1", "fatalities": "2"},
    {"doc_id": "g2", "event_date": "2024-03-05", "time_precision": "1", "disorder_type": "Demonstrations",
     "event_type": "Protests", "sub_event_type": "Peaceful protest", "actor1": "Protesters (Mali)",
     "assoc_actor_1": "", "inter1": "6", "actor2": "", "assoc_actor_2": "", "inter2": "0", "interaction": "60",
     "civilian_targeting": "", "iso": "466", "country": "Mali", "admin1": "Bamako", "admin2": "Bamako",
     "admin3": "", "location": "Bamako", "latitude": "12.65", "longitude": "-8.0", "geo_precision": "1",
     "fatalities": "0"},
]


def pred_from(g, **change):
    p = {k: g[k] for k in ("event_type", "sub_event_type", "disorder_type", "actor1", "actor2", "inter1", "inter2",
                           "iso", "country", "admin1", "admin2", "location", "latitude", "longitude",
                           "geo_precision", "time_precision", "event_date", "fatalities")}
    p.update({"doc_id": g["doc_id"], "confidence": 0.9, **change})
    return p


def test_acled_gold_metrics_per_field_and_per_class(tmp_path):
    (tmp_path / "acled-mine").mkdir()
    gold = write_jsonl(tmp_path / "acled-mine" / "gold.jsonl", GOLD)
    preds = [pred_from(GOLD[0], actor1="Military Forces of Mali", latitude=18.5),   # ~6.5 km off, years dropped
             pred_from(GOLD[0], doc_id="g1", sub_event_type="Attack", confidence=0.1),  # not the primary event
             pred_from(GOLD[1], sub_event_type="Protest with intervention", fatalities=None, longitude=-7.0)]
    pred = write_jsonl(tmp_path / "pred.jsonl", preds)
    ev = evaluate(gold, pred)
    m = ev.metrics
    assert ev.kind == "acled" and m["documents"] == 2 and m["coverage"] == 1.0
    assert m["event_type_accuracy"] == 1.0 and m["sub_event_type_accuracy"] == 0.5
    assert m["actors_f1"] == 1.0 and m["inter_pair_accuracy"] == 1.0 and m["country_accuracy"] == 1.0
    assert m["location_within_10km"] == 0.5 and m["location_within_50km"] == 0.5
    assert m["fatalities_accuracy"] == 0.5          # unknown (null) is not ACLED's 0
    sub = {c.label: c for c in ev.classes["sub_event_type"]}
    assert (sub["peaceful protest"].precision, sub["peaceful protest"].recall) == (0.0, 0.0)
    assert (sub["armed clash"].precision, sub["armed clash"].recall, sub["armed clash"].support) == (1.0, 1.0, 1)
    text = "\n".join(format_evaluation(ev))
    assert text.startswith("# acled gold: sub_event_type_accuracy 0.500, event_type_accuracy 1.000")
    assert "  peaceful protest" in text


def test_acled_csv_export_as_gold_uses_notes_as_texts_and_ids(tmp_path):
    gold = tmp_path / "export.csv"
    cols = ["event_id_cnty", "event_date", "year"] + [k for k in GOLD[0] if k not in ("doc_id", "event_date")] + \
        ["notes"]
    with open(gold, "w", newline="") as f:
        w = csv.DictWriter(f, cols, extrasaction="ignore")
        w.writeheader()
        for i, g in enumerate(GOLD):
            w.writerow({**g, "event_id_cnty": f"MLI{i}", "event_date": "04 March 2024" if i == 0 else g["event_date"],
                        "notes": "On 4 March 2024, soldiers clashed with rebels in Kidal."})
    pred = write_jsonl(tmp_path / "pred.jsonl", [
        pred_from(GOLD[0], doc_id="MLI0", evidence=[{"field": "event_type", "start": 26, "end": 33,
                                                     "text": "clashed"}]),
        pred_from(GOLD[1], doc_id="MLI1", evidence=[{"field": "x", "start": 0, "end": 2, "text": "no"}])])
    ev = evaluate(gold, pred)
    assert ev.kind == "acled" and ev.metrics["event_date_accuracy"] == 1.0
    assert ev.metrics["evidence_exact"] == 0.5


def test_case_gold_counts_out_of_scope_rejections(tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", [
        {"doc_id": "c1", "sub_event_type": "Air/drone strike", "in_scope": True},
        {"doc_id": "c2", "sub_event_type": "", "in_scope": False},
        {"doc_id": "c3", "sub_event_type": "", "in_scope": False}])
    pred = write_jsonl(tmp_path / "p.jsonl", [{"doc_id": "c1", "sub_event_type": "Air/drone strike"},
                                              {"doc_id": "c3", "sub_event_type": "Attack"}])
    ev = evaluate(gold, pred)
    assert ev.kind == "case"
    assert ev.metrics["accuracy"] == pytest.approx(2 / 3) and ev.metrics["out_of_scope_rejected"] == 0.5


def test_ucdp_gold_matches_events_by_distance(tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", [
        {"doc_id": "u1", "type_of_violence": 1, "latitude": 36.2, "longitude": 37.16, "where_prec": 1,
         "date_start": "2016-04-30", "date_end": "2016-04-30", "best": 2},
        {"doc_id": "u1", "type_of_violence": 3, "latitude": 35.0, "longitude": 36.0, "where_prec": 1,
         "date_start": "2016-04-30", "date_end": "2016-04-30", "best": 1}])
    pred = write_jsonl(tmp_path / "p.jsonl", [
        {"doc_id": "u1", "latitude": 36.21, "longitude": 37.16, "event_date": "2016-04-30", "inter1": 1, "inter2": 2,
         "fatalities": 3}])
    m = evaluate(gold, pred).metrics
    assert (m["event_recall_10km"], m["event_precision_10km"], m["found_and_dated"]) == (0.5, 1.0, 0.5)
    assert m["deaths_exact_per_doc"] == 1.0


def test_toponym_gold_scores_place_mentions(tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", [
        {"doc_id": "t", "start": 0, "end": 5, "text": "Kidal", "latitude": 18.44, "longitude": 1.41},
        {"doc_id": "t", "start": 10, "end": 13, "text": "Gao", "latitude": 16.27, "longitude": -0.04}])
    pred = write_jsonl(tmp_path / "p.jsonl", [
        {"doc_id": "t", "start": 0, "end": 5, "latitude": 18.4, "longitude": 1.4},
        {"doc_id": "t", "start": 20, "end": 25, "latitude": 1, "longitude": 1}])
    m = evaluate(gold, pred).metrics
    assert (m["acc_161km"], m["detected"], m["mention_precision"]) == (0.5, 0.5, 0.5)


def test_predictions_for_other_documents_are_a_clear_error(tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD)
    pred = write_jsonl(tmp_path / "p.jsonl", [pred_from(GOLD[0], doc_id="elsewhere")])
    with pytest.raises(EvaluateError, match=r"no prediction has a doc_id found in the gold \(1 predicted documents, "
                                            r"2 gold\); code the same documents the gold describes"):
        evaluate(gold, pred)


def test_unrecognised_gold_is_a_clear_error(tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", [{"doc_id": "x", "colour": "red"}])
    with pytest.raises(EvaluateError, match="cannot tell what the gold holds"):
        evaluate(gold, write_jsonl(tmp_path / "p.jsonl", []))


def test_metric_helpers():
    assert norm("Military Forces of Syria (2000-)") == "military forces of syria"
    assert norm("Protestors (Mali)") == "protesters mali"
    assert km(0, 0, 0, 1) == pytest.approx(111.19, abs=0.01)
    rows, summary = per_class([("a", "a"), ("a", "b"), ("b", "b"), ("b", "none")])
    assert summary["accuracy"] == 0.5
    assert [(r.label, r.precision, r.recall) for r in rows] == [("a", 1.0, 0.5), ("b", 0.5, 0.5)]
