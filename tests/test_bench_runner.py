"""The benchmark runner (bench/run.py) takes any set the shared scorer knows, and gates floors and ceilings."""
import importlib.util
from pathlib import Path

RUN = Path(__file__).resolve().parent.parent / "bench" / "run.py"
spec = importlib.util.spec_from_file_location("bench_run", RUN)
run = importlib.util.module_from_spec(spec)
spec.loader.exec_module(run)


def test_a_set_kind_is_its_name_prefix_as_the_scorer_reads_it():
    assert run.kind_of("acled-notes-bfa") == "acled-notes"
    assert run.kind_of("news-mixed") == "news" and run.kind_of("fusion-articles") == "fusion"
    assert run.kind_of("articles-syria") == "articles" and run.kind_of("toponyms-lgl") == "toponyms"
    assert run.kind_of("something-new") is None


def test_an_unknown_kind_shows_every_number_instead_of_failing():
    metrics = {"docs": 10, "alpha": 0.5, "beta": 0.25, "note": "x"}
    assert run.shown_metrics("something-new", metrics) == ["alpha", "beta"]
    assert "actors_f1_without_country" in run.shown_metrics("acled-notes-bfa", {})


def test_floors_and_ceilings():
    results = {"news-mixed": {"relevance_precision": 0.40, "false_events_per_100_irrelevant": 6.0},
               "acled-notes": {"coverage": 0.99}}
    floors = {"news-mixed": {"relevance_precision": 0.42, "false_events_per_100_irrelevant": 5.0},
              "acled-notes": {"coverage": 0.98, "actors_f1": 0.7}, "not-run": {"x": 1.0}}
    below = run.below_gate(results, floors)
    assert any("relevance_precision: 0.4000 < floor 0.42" in b for b in below)
    assert any("false_events_per_100_irrelevant: 6.0000 > ceiling 5.0" in b for b in below)
    assert any("actors_f1: missing" in b for b in below)
    assert not any("coverage" in b or "not-run" in b for b in below)


def test_a_new_floor_sits_just_under_the_number_and_a_ceiling_just_over():
    assert run.floor_of("coverage", 0.9893) == 0.97
    assert run.floor_of("evidence_exact", 1.0) == 0.99
    assert 4.97 < run.floor_of("false_events_per_100_irrelevant", 4.97) <= 5.08


def test_a_floor_is_raised_or_kept_never_silently_lowered(tmp_path, capsys):
    path = tmp_path / "floors.json"
    path.write_text('{"a-set": {"coverage": 0.98, "specificity": 0.9}, "other": {"x": 0.5}}')
    run.write_floors(path, {"a-set": {"coverage": 0.989, "specificity": 0.95}})
    floors = __import__("json").loads(path.read_text())
    assert floors["a-set"] == {"coverage": 0.98, "specificity": 0.94} and floors["other"] == {"x": 0.5}
    run.write_floors(path, {"a-set": {"coverage": 0.95, "specificity": 0.95}})
    assert "LOWERED a-set.coverage: 0.98 -> 0.94" in capsys.readouterr().out
    assert run.moved_floor("false_events_per_100_irrelevant", 4.0, 5.0) == 4.08     # a ceiling tightens
    assert run.moved_floor("false_events_per_100_irrelevant", 6.0, 5.0) > 6.0
