"""The command line's batch behaviour, with a small fake coder (the real one is tested elsewhere): summaries, exit
status, --on-error, resuming, export and evaluate verbs. Messages and exit codes are asserted exactly."""
import json
import sqlite3

import pytest
from click.testing import CliRunner

import eventcoder.cli as cli_module
from eventcoder.cli import cli
from eventcoder.model import Event, event_id
from eventcoder.pipeline import Pipeline
from eventcoder.stage import Stage
from eventcoder.report import Progress
from eventcoder.runner import RunSummary
from eventcoder.text.language import LanguageGate
from eventcoder.text.repair import Repair

CLASH = "Soldiers clashed with rebels in Kidal on Monday, and two people were killed in the fighting, officials said."
FRENCH = "Des soldats se sont affrontés avec des rebelles à Kidal lundi, et deux personnes ont été tuées selon les autorités."


class FakeCoder(Stage):
    """One Armed clash event per document that says 'clashed', at Kidal; fails on documents that say 'EXPLODE'."""
    name = "fake-coder"
    requires = ("clean",)
    assigns = ("events",)
    interrupt_on: str | None = None

    def __call__(self, doc):
        if self.interrupt_on and self.interrupt_on in doc.text:
            raise KeyboardInterrupt
        if "EXPLODE" in doc.text:
            raise ValueError("the coder broke")
        i = doc.clean.find("clashed")
        if i >= 0:
            ev = Event(doc.id, (i, i + 7), event_type="Battles", sub_event_type="Armed clash", country="Mali",
                       iso=466, location="Kidal", latitude=18.4411, longitude=1.4078, event_date="2024-03-04",
                       confidence=0.7)
            ev.id = event_id(doc.id, i, i + 7, ev.sub_event_type)
            ev.add_evidence(doc.evidence("event_type", i, i + 7))
            doc.events.append(ev)
        return doc


@pytest.fixture
def fake(monkeypatch):
    coder = FakeCoder()
    monkeypatch.setattr(cli_module, "coding_pipeline", lambda *a, **k: Pipeline([Repair(), LanguageGate(), coder]))
    return coder


def run(args, input=None):
    return CliRunner().invoke(cli, args, input=input)


def jsonl(*records):
    return "".join(json.dumps(r) + "\n" for r in records)


def report(stderr: str) -> list[str]:
    """The end-of-run summary lines, without the time-by-stage line (its shares vary run to run)."""
    lines = stderr.splitlines()
    assert any(x.startswith("  time by stage: ") for x in lines)
    return [x for x in lines if not x.startswith("  time by stage: ")]


def test_code_a_folder_stores_prints_and_a_rerun_continues_without_duplicates(tmp_path, fake):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(CLASH)
    (folder / "sub" / "b.txt").write_text("Police said in Gao that three soldiers clashed with militants at dawn.")
    (folder / "sub" / "empty.txt").write_text("")
    db = tmp_path / "ev.db"
    r = run(["code", str(folder), "--db", str(db), "-q"])
    assert r.exit_code == 1
    assert report(r.stderr) == [
        "3 document(s) read, 2 coded, 0 skipped, 1 failed; 2 event(s)",
        f"  failed: {folder}/sub/empty.txt: the file is empty",
        f"stored in {db}"]
    assert "Armed clash" in r.stdout
    r = run(["code", str(folder), "--db", str(db), "-q"])
    assert "  skipped 2: already done: a document with this id was coded before (--force codes it again)" in \
        r.stderr.splitlines()
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*), count(DISTINCT id) FROM documents").fetchone() == (2, 2)
    assert con.execute("SELECT count(*) FROM events").fetchone() == (2,)
    r = run(["code", str(folder / "a.txt"), "--db", str(db), "-q", "--force"])
    assert r.exit_code == 0 and r.stderr.splitlines()[0] == "1 document(s) read, 1 coded, 0 skipped, 0 failed; 1 event(s)"
    assert con.execute("SELECT count(*) FROM events").fetchone() == (2,)


def test_extract_reports_bad_lines_and_non_english_and_exits_1_with_the_rest_complete(tmp_path, fake):
    docs = tmp_path / "docs.jsonl"
    docs.write_text(jsonl({"id": "a", "text": CLASH}, {"id": "fr", "text": FRENCH}) + "{broken\n" +
                    jsonl({"id": "e", "text": ""}, {"id": "x", "text": "EXPLODE " + CLASH}, {"id": "b", "text": CLASH}))
    r = run(["extract", str(docs), "-q"])
    assert r.exit_code == 1
    assert [json.loads(x)["doc_id"] for x in r.stdout.splitlines()] == ["a", "b"]
    assert report(r.stderr) == [
        "6 document(s) read, 2 coded, 2 skipped, 2 failed; 2 event(s)",
        "  skipped 1: not English",
        "  skipped 1: empty text",
        f"  failed: {docs}:3: not valid JSON (Expecting property name enclosed in double quotes at column 2)",
        f"  failed: {docs}:5: stage 'fake-coder' failed: ValueError: the coder broke",
        "  warnings: not-english 1, empty 1"]


def test_every_document_processed_exits_0_and_stdin_works(fake):
    r = run(["extract", "-", "-q"], input=jsonl({"id": "a", "text": CLASH}))
    assert r.exit_code == 0 and json.loads(r.stdout)["doc_id"] == "a"
    r = run(["extract", "-", "-q"], input=CLASH)
    assert r.exit_code == 0 and json.loads(r.stdout)["sub_event_type"] == "Armed clash"


def test_on_error_stop_stops_at_the_first_failure(tmp_path, fake):
    docs = tmp_path / "docs.jsonl"
    docs.write_text(jsonl({"id": "a", "text": CLASH}) + "[1]\n" + jsonl({"id": "b", "text": CLASH}))
    r = run(["extract", str(docs), "-q", "--on-error", "stop"])
    assert r.exit_code == 1
    assert r.stderr.splitlines()[-1] == (f"Error: stopped at the first failure (--on-error stop): {docs}:2: a JSON "
                                         "list where an object was expected")


def test_usage_errors_exit_2(tmp_path, fake):
    assert run(["extract"]).exit_code == 2
    assert run(["export", "--format", "xml"]).exit_code == 2
    r = run(["export", "--since", "March"])
    assert r.exit_code == 2 and "'March' is not a date; write it as YYYY-MM-DD" in r.stderr
    assert run(["extract", "x.jsonl", "--on-error", "maybe"]).exit_code == 2


def test_interrupted_extract_to_a_file_continues_with_the_same_command(tmp_path, fake):
    docs = tmp_path / "docs.jsonl"
    docs.write_text(jsonl(*({"id": f"d{i}", "text": f"Report {i}. " + CLASH} for i in range(6))))
    out = tmp_path / "events.jsonl"
    fake.interrupt_on = "Report 4."               # Ctrl-C while coding the fifth document
    cmd = ["extract", str(docs), "-o", str(out), "-q"]
    r = run(cmd)
    assert r.exit_code != 0
    assert (tmp_path / "events.jsonl.progress").exists()
    fake.interrupt_on = None
    r = run(cmd)
    assert r.exit_code == 0
    assert r.stderr.splitlines()[0].startswith("resuming: ")
    ids = [json.loads(x)["doc_id"] for x in out.read_text().splitlines()]
    assert ids == [f"d{i}" for i in range(6)]
    assert not (tmp_path / "events.jsonl.progress").exists()
    r = run(cmd)                                    # a finished run is simply run again
    assert r.exit_code == 0 and [json.loads(x)["doc_id"] for x in out.read_text().splitlines()] == ids


def test_export_csv_geojson_and_missing_database(tmp_path, fake):
    db = tmp_path / "ev.db"
    (tmp_path / "a.txt").write_text(CLASH)
    assert run(["code", str(tmp_path / "a.txt"), "--db", str(db), "-q"]).exit_code == 0
    r = run(["export", "--db", str(db)])
    assert r.exit_code == 0 and r.stdout.startswith("event_id_cnty,event_date,year,time_precision,disorder_type,")
    assert r.stderr == "1 event(s) written to stdout as csv\n"
    gj = tmp_path / "ev.geojson"
    r = run(["export", "--db", str(db), "--format", "geojson", "-o", str(gj), "--country", "mali"])
    assert r.exit_code == 0 and json.loads(gj.read_text())["features"][0]["geometry"]["coordinates"] == [1.4078, 18.4411]
    r = run(["export", "--db", str(db), "--format", "jsonl", "--type", "Riots"])
    assert r.stdout == "" and r.stderr == "0 event(s) written to stdout as jsonl\n"
    r = run(["export", "--db", str(tmp_path / "none.db")])
    assert r.exit_code == 1
    assert r.stderr == (f"Error: no database at {tmp_path}/none.db; code documents first (`eventcoder code PATH --db "
                        f"{tmp_path}/none.db`) or name the database with --db\n")
    assert not (tmp_path / "none.db").exists()


def test_extract_reads_csv_with_a_text_column_and_evaluate_scores_it(tmp_path, fake):
    sheet = tmp_path / "mine.csv"
    sheet.write_text("event_id_cnty,event_date,event_type,sub_event_type,country,iso,notes\n"
                     f"MLI1,2024-03-04,Battles,Armed clash,Mali,466,\"{CLASH}\"\n"
                     "MLI2,2024-03-05,Protests,Peaceful protest,Mali,466,\"Traders marched peacefully in Bamako.\"\n")
    pred = tmp_path / "pred.jsonl"
    assert run(["extract", str(sheet), "--text-column", "notes", "-o", str(pred), "-q"]).exit_code == 0
    r = run(["evaluate", str(sheet), str(pred), "--no-classes"])
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0].startswith("# acled gold: sub_event_type_accuracy 0.500, event_type_accuracy 0.500")
    assert "coverage                             0.500" in lines
    r = run(["evaluate", str(sheet), str(pred), "--json"])
    assert json.loads(r.stdout)["metrics"]["evidence_exact"] == 1.0
    r = run(["extract", str(sheet), "--text-column", "body", "-q"])
    assert r.exit_code == 1 and f"  failed: {sheet}: no column 'body'; its columns are: event_id_cnty" in r.stderr


def test_progress_line_shows_rate_and_eta():
    class Stream:
        def __init__(self):
            self.text = ""

        def write(self, s):
            self.text += s

        def flush(self):
            pass
    p = Progress(stream=Stream(), interval=0)
    s = RunSummary(coded=40, total=100, events=12)
    assert p.line(s, now=p.t0 + 20) == "40/100 docs, 2.0 docs/s, ETA 0:30, 12 events, 0 failed"
    assert p.line(RunSummary(coded=5), now=p.t0 + 1) == "5 docs, 5.0 docs/s, 0 events, 0 failed"
    p(s)
    p.done(s)
    progress_line, summary_line = p.stream.text.splitlines()
    assert progress_line.startswith("40/100 docs, ")
    assert summary_line == "0 document(s) read, 40 coded, 0 skipped, 0 failed; 12 event(s)"
