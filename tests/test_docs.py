"""The README documents every command, and the public API is what `__all__` says."""
from pathlib import Path

import eventcoder
from eventcoder.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme():
    for name in cli.commands:
        assert f"eventcoder {name}" in README, f"README does not document `eventcoder {name}`"


def test_readme_gives_the_two_commands_ci_runs():
    assert "eventcoder code examples/adra-prison.txt" in README
    assert "python3 -m pytest -q" in README
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text()
    assert "python3 -m pytest -q" in ci


def test_public_api():
    assert set(eventcoder.__all__) == {"__version__", "Document", "Event", "Evidence", "DocWarning", "PlaceMention",
                                       "code_text"}
    for name in eventcoder.__all__:
        assert hasattr(eventcoder, name)


def test_code_text_from_python():
    doc = eventcoder.code_text("On 3 May 2023, police fired live rounds at protesters in Nairobi, killing two.",
                               published_at="2023-05-04")
    ev = doc.events[0]
    assert ev.event_type == "Protests" and ev.country == "Kenya" and ev.event_date == "2023-05-03"
    assert all(doc.text[e.start:e.end] == e.text for e in ev.evidence)


def test_readme_pipeline_table_is_the_registry():
    from eventcoder.pipeline import STANDARD, stage_table
    rows = [f"| `{name}` | {', '.join(f'`{r}`' for r in req) or '–'} | {', '.join(f'`{a}`' for a in asg)} |"
            for name, _where, req, asg in stage_table() if name in STANDARD]
    assert "\n".join(rows) in README, "README's pipeline table differs from `eventcoder info`: regenerate it"
