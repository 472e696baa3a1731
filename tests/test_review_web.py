"""The review desk's decisions through the JSON API and the pages (issue 18), on a store coded from real reports:
each call is recorded in the history under the token's or session's user; viewers read and are refused edits; a
form without its CSRF token is refused; errors say what is allowed."""
from __future__ import annotations

import pytest

pytest.importorskip("fastapi")

import schemathesis  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from desk_app import signed_in  # noqa: E402
from review_app import coded_desk, fused_by_reports  # noqa: E402


@pytest.fixture
def desk(tmp_path, db_url):
    from eventcoder.web.app import create_app
    db = db_url("desk")
    reports, tokens = coded_desk(tmp_path, db)
    with TestClient(create_app(db)) as client:
        yield client, db, tokens, reports


def bearer(tokens, name):
    return {"Authorization": f"Bearer {tokens[name]}"}


def test_the_api_corrects_accepts_rejects_merges_and_splits_each_recorded(desk):
    client, db, tokens, _ = desk
    events = fused_by_reports(db)
    strike, protest = events[("strike-a", "strike-b")], events[("kenya-protest",)]
    attack = events[("hostile",)]
    coder = bearer(tokens, "cole")
    r = client.patch(f"/api/events/{strike['id']}", headers=coder,
                     json={"fields": {"location": "Saraqib", "fatalities": 14}, "note": "hospital list"})
    assert r.status_code == 200, r.text
    event = r.json()["event"]
    assert (event["location"], event["admin1"], event["fatalities"]) == ("Saraqib", "Idleb", 14)
    assert event["review"]["corrected"]["fatalities"]["coder"] == 12
    assert {(h["reviewer"], h["field"], h["after"], h["note"]) for h in r.json()["history"]} >= {
        ("cole", "fatalities", 14, "hospital list"), ("cole", "location", "Saraqib", "hospital list")}

    r = client.post(f"/api/events/{protest['id']}/reject", headers=coder, json={"note": "no violence"})
    assert r.status_code == 200 and r.json()["event"]["review"]["status"] == "rejected"
    r = client.post(f"/api/events/{attack['id']}/accept", headers=coder)
    assert r.status_code == 200 and r.json()["event"]["review"]["status"] == "accepted"

    r = client.post("/api/events/merge", headers=coder, json={"keep": strike["id"], "other": attack["id"]})
    assert r.status_code == 200
    [survivor] = r.json()["ids"]
    assert tuple(sorted(client.get(f"/api/events/{survivor}", headers=coder).json()["event"]["reports"])) == \
        ("hostile", "strike-a", "strike-b")
    r = client.post(f"/api/events/{survivor}/split", headers=coder, json={"reports": ["hostile"], "note": "not one"})
    assert r.status_code == 200
    [new] = r.json()["ids"]
    history = client.get(f"/api/events/{new}/history", headers=bearer(tokens, "vera")).json()["history"]
    assert [(h["action"], h["reviewer"], h["note"]) for h in history] == [("split", "cole", "not one")]
    listed = client.get("/api/events", headers=coder, params={"review_status": "rejected"}).json()["events"]
    assert [e["id"] for e in listed] == [protest["id"]]
    listed = client.get("/api/events", headers=coder, params={"country": "Syria", "per_page": 50}).json()["events"]
    assert any(e["location"] == "Saraqib" for e in listed)            # the list shows the reviewed values


def test_the_api_refuses_what_a_role_or_a_vocabulary_does_not_allow(desk):
    client, db, tokens, _ = desk
    fid = fused_by_reports(db)[("strike-a", "strike-b")]["id"]
    body = {"fields": {"fatalities": 3}}
    assert client.patch(f"/api/events/{fid}", json=body).status_code == 401
    r = client.patch(f"/api/events/{fid}", json=body, headers=bearer(tokens, "vera"))
    assert r.status_code == 403 and "coder" in r.json()["detail"]
    assert client.post(f"/api/events/{fid}/accept", headers=bearer(tokens, "vera")).status_code == 403
    r = client.patch(f"/api/events/{fid}", json={"fields": {"sub_event_type": "Drone party"}},
                     headers=bearer(tokens, "cole"))
    assert r.status_code == 400 and "Air/drone strike" in r.json()["detail"]
    r = client.patch(f"/api/events/{fid}", json={"fields": {"fatalities": [1, 2]}}, headers=bearer(tokens, "cole"))
    assert r.status_code == 400
    r = client.patch("/api/events/fev-nope", json=body, headers=bearer(tokens, "cole"))
    assert r.status_code == 404
    r = client.post(f"/api/events/{fid}/split", json={"reports": ["strike-a", "strike-b"]},
                    headers=bearer(tokens, "ada"))
    assert r.status_code == 400 and "nothing to unfuse" in r.json()["detail"]
    assert client.get(f"/api/events/{fid}/history", headers=bearer(tokens, "vera")).json()["history"] == []
    voc = client.get("/api/vocabularies", headers=bearer(tokens, "vera")).json()["fields"]
    assert "Air/drone strike" in voc["sub_event_type"]["choices"] and voc["geo_precision"]["choices"] == \
        ["1", "2", "3"]
    places = client.get("/api/places", params={"name": "Saraqib", "country": "Syria"},
                        headers=bearer(tokens, "vera")).json()["places"]
    assert places[0]["admin1"] == "Idleb"


def test_the_pages_edit_decide_and_show_the_history_behind_a_login(desk):
    client, db, tokens, _ = desk
    fid = fused_by_reports(db)[("strike-a", "strike-b")]["id"]
    csrf = signed_in(client, "cole")
    form = client.get(f"/events/{fid}/edit")
    assert form.status_code == 200 and '<option value="Armed clash">Battles / Armed clash</option>' in form.text
    fields = {"csrf_token": csrf, "location": "Saraqib", "fatalities": "14", "note": "hospital list"}
    r = client.post(f"/events/{fid}/edit", data={**fields, "csrf_token": "forged"}, follow_redirects=False)
    assert r.status_code == 403                                          # a forged CSRF token is refused
    r = client.post(f"/events/{fid}/edit", data={**fields, "sub_event_type": "Drone party"})
    assert r.status_code == 400 and "is not a sub_event_type" in r.text  # the form again, with what is allowed
    r = client.post(f"/events/{fid}/edit", data=fields, follow_redirects=False)
    assert r.status_code == 303
    page = client.get(f"/events/{fid}").text
    assert "Saraqib" in page and "hospital list" in page and "cole" in page
    r = client.post(f"/events/{fid}/accept", data={"csrf_token": csrf, "note": "checked"}, follow_redirects=False)
    assert r.status_code == 303
    assert fused_by_reports(db)[("strike-a", "strike-b")]["review"]["status"] == "accepted"
    queue = client.get("/review").text
    ids = [e["id"] for k, e in fused_by_reports(db).items() if k != ("strike-a", "strike-b")]
    assert fid not in queue and all(i in queue for i in ids)            # accepted: off the queue
    r = client.post("/review/bulk", data={"csrf_token": csrf, "decision": "reject", "id": ids[:2]},
                    follow_redirects=False)
    assert r.status_code == 303
    statuses = {e["id"]: e.get("review", {}).get("status") for e in fused_by_reports(db).values()}
    assert [statuses[i] for i in ids[:2]] == ["rejected", "rejected"]

    client.cookies.clear()
    csrf = signed_in(client, "vera")
    assert client.get(f"/events/{fid}/edit").status_code == 403        # a viewer reads, and cannot edit
    r = client.post(f"/events/{fid}/reject", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 403
    assert "Edit fields" not in client.get(f"/events/{fid}").text


CODER_TOKEN = "ect_fuzz-coder-" + "z" * 24


@pytest.fixture(scope="module")
def review_app(tmp_path_factory):
    from desk_app import app_with_token
    return app_with_token(tmp_path_factory.mktemp('review-api'), CODER_TOKEN, "cole")


@pytest.fixture
def review_schema(review_app):
    return schemathesis.openapi.from_asgi("/openapi.json", review_app).include(tag="review")


@schemathesis.pytest.from_fixture("review_schema").parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_the_review_api_fuzzed_with_a_coders_token_gives_no_server_error(case):
    case.call_and_validate(headers={"Authorization": f"Bearer {CODER_TOKEN}"}, checks=[not_a_server_error])
