"""`eventcoder train` fits the classifier on a user's ACLED-style CSV and `extract --model` uses it."""
import csv
import json

from click.testing import CliRunner

from eventcoder.cli import cli

ROWS = [
    ("Protests", "Peaceful protest", "On 2 March 2023, teachers demonstrated in front of the ministry in {} demanding unpaid salaries."),
    ("Protests", "Peaceful protest", "On 5 March 2023, students held a peaceful march in {} against fee increases."),
    ("Protests", "Peaceful protest", "On 9 March 2023, traders protested in {} against new market taxes."),
    ("Battles", "Armed clash", "On 3 March 2023, soldiers clashed with militants near {}; casualties unknown."),
    ("Battles", "Armed clash", "On 6 March 2023, rebels and the army exchanged fire in {} for several hours."),
    ("Battles", "Armed clash", "On 8 March 2023, fighting broke out between two armed groups in {}."),
]
TOWNS = ["Kano", "Jos", "Kaduna", "Maiduguri"]


def write_gold(path):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["event_id_cnty", "event_type", "sub_event_type", "notes"])
        for i, town in enumerate(TOWNS):
            for j, (et, st, note) in enumerate(ROWS):
                w.writerow([f"NIG{i}{j}", et, st, note.format(town)])


def test_train_writes_a_model_that_extract_uses(tmp_path):
    gold = tmp_path / "gold.csv"
    write_gold(gold)
    model = tmp_path / "model.json"
    runner = CliRunner()
    res = runner.invoke(cli, ["train", str(gold), "-o", str(model)])
    assert res.exit_code == 0, res.output
    assert model.exists()
    assert "trained on 24 rows, 2 sub-event types" in res.output
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "d1", "text": "On 4 April 2023, nurses demonstrated in Abuja against unpaid wages."}) + "\n")
    out = tmp_path / "events.jsonl"
    res = runner.invoke(cli, ["extract", str(docs), "-o", str(out), "--model", str(model), "-q"])
    assert res.exit_code == 0, res.output
    events = [json.loads(l) for l in out.read_text().splitlines()]
    assert events and events[0]["sub_event_type"] == "Peaceful protest"


def test_train_names_the_missing_columns(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("event_type,text\nProtests,hello\n")
    res = CliRunner().invoke(cli, ["train", str(bad), "-o", str(tmp_path / "m.json")])
    assert res.exit_code == 1
    assert "lacks the column(s) notes, sub_event_type" in res.output


def test_user_actor_registry_wins_and_a_bad_one_names_the_line(tmp_path):
    reg = tmp_path / "mine.tsv"
    reg.write_text("Kivu Valley Defence Brigade\t3\tmilitia\tCD\tKVDB|Valley Brigade\t\t\tour own\n",
                   encoding="utf-8")
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "d1", "published_at": "2023-05-02", "text":
        "On 1 May 2023, the Valley Brigade attacked villagers in Beni, North Kivu, killing four civilians."}) + "\n")
    out = tmp_path / "ev.jsonl"
    res = CliRunner().invoke(cli, ["extract", str(docs), "-o", str(out), "-q", "--actors", str(reg)])
    assert res.exit_code == 0, res.output
    ev = json.loads(out.read_text().splitlines()[0])
    assert "Kivu Valley Defence Brigade" in (ev["actor1"], ev["actor2"])
    bad = tmp_path / "bad.tsv"
    bad.write_text("Some Group\t9\tmilitia\t\t\t\t\t\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["extract", str(docs), "-o", str(out), "-q", "--actors", str(bad), "--force"])
    assert res.exit_code == 1
    assert "bad.tsv:1" in res.output
