"""The review desk's small parts: a report's text cut into marked pieces, the timeline's bars, the filter's SQL,
the roles, and where a login may lead."""
from __future__ import annotations

import pytest

from eventcoder.store.desk_filter import EventFilter
from eventcoder.web.evidence import pieces, report_spans
from eventcoder.web.login import safe_next
from eventcoder.web.roles import allows, check_user_name
from eventcoder.web.timeline import bars


def test_pieces_cover_the_text_and_carry_every_field_over_them():
    text = "Gunmen killed four villagers in Maiduguri."
    cut = pieces(text, [(0, 6, "actor1"), (7, 18, "fatalities"), (7, 13, "event_type"), (32, 41, "location"),
                        (40, 99, "admin1"), (5, 5, "empty")],
                 [{"kind": "mojibake-unrepaired", "start": 32, "end": 35}, {"kind": "date-unknown"}])
    assert "".join(p.text for p in cut) == text
    assert [(p.text, p.fields) for p in cut if p.fields][:3] == [("Gunmen", ["actor1"]),
                                                                 ("killed", ["event_type", "fatalities"]),
                                                                 (" four", ["fatalities"])]
    assert [(p.text, p.warnings, p.fields) for p in cut if p.warnings] == [("Mai", ["mojibake-unrepaired"],
                                                                           ["location"])]
    assert [p.fields for p in cut if p.text == "."] == [["admin1"]]        # a span past the end is clipped
    assert pieces("", []) == []


def test_report_spans_join_the_fused_evidence_and_the_reports_own():
    record = {"doc_id": "a", "evidence": [{"field": "location", "start": 0, "end": 4, "doc_id": "a"},
                                          {"field": "location", "start": 9, "end": 12, "doc_id": "b"}]}
    own = [{"evidence": [{"field": "fatalities", "start": 5, "end": 8}, {"field": "location", "start": 0, "end": 4}]}]
    assert report_spans(record, "a", own) == [(0, 4, "location"), (5, 8, "fatalities")]
    assert report_spans(record, "b", []) == [(9, 12, "location")]


def test_the_timeline_counts_per_day_then_per_week_then_per_month():
    drawn, unit, types = bars([("2024-03-01", "Battles", 2), ("2024-03-01", "Protests", 1),
                               ("2024-03-03", "Battles", 3), ("2024-03", "Riots", 9)])
    assert unit == "day" and types == ["Battles", "Protests"] and [b.label for b in drawn] == [
        "2024-03-01", "2024-03-02", "2024-03-03"]
    assert [b.total for b in drawn] == [3, 0, 3] and drawn[0].parts[0][:2] == ("Battles", 2)
    assert max(p[3] for b in drawn for p in b.parts) == 260.0 * 3 / 3               # the tallest part fills it
    _, unit, _ = bars([("2024-01-01", "Battles", 1), ("2024-12-31", "Battles", 1)])
    assert unit == "week"
    weekly, unit, _ = bars([("2020-01-15", "Battles", 1), ("2024-12-31", "Battles", 1)])
    assert unit == "month" and weekly[0].label == "2020-01-01" and weekly[-1].label == "2024-12-01"
    assert bars([]) == ([], "day", [])


def test_the_filter_sql():
    where, args = EventFilter(country="Syria", until="2024-02-29", actor="50%_off!",
                              review_status="unreviewed").where()
    assert where == (" WHERE f.country = ? AND f.event_date < ? AND f.actors LIKE ? ESCAPE '!' AND "
                     "(r.status IS NULL OR r.status = 'unreviewed')")
    assert args == ["Syria", "2024-03-01", "%50!%!_off!!%"]
    assert EventFilter().where() == ("", [])
    fixed = EventFilter(country="syria ", event_type="BATTLES").canonical(
        {"country": {"syria": "Syria"}, "event_type": {"battles": "Battles"}})
    assert (fixed.country, fixed.event_type) == ("Syria", "Battles")
    assert EventFilter(country="Syria", min_confidence=0.5).as_query() == {"country": "Syria",
                                                                           "min_confidence": "0.5"}


def test_roles_and_names():
    assert allows("admin", "coder") and allows("coder", "coder") and not allows("viewer", "coder")
    assert not allows("intruder", "viewer")
    with pytest.raises(ValueError, match="unknown role 'boss'"):
        allows("admin", "boss")
    assert check_user_name("ann.lee@desk") == "ann.lee@desk"
    for bad in ("", "../x", "a b", "-x", "x" * 65):
        with pytest.raises(ValueError, match="no valid user name"):
            check_user_name(bad)


def test_a_login_leads_only_to_this_site():
    assert safe_next("/events/fev-1?x=1") == "/events/fev-1?x=1"
    for bad in ("https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", None):
        assert safe_next(bad) == "/events"
