"""The review desk's JSON API: the list's filters and paging as `/api/events`, one event as `/api/events/{id}`,
described at a public `/openapi.json`; and the API fuzzed from that description with schemathesis (a bearer token,
a store of coded reports): whatever it sends, no answer is a server error or breaks the described schema."""
from __future__ import annotations

import pytest
import schemathesis
from fastapi import Request
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from desk_app import app_with_token

TOKEN = "ect_fuzz-" + "y" * 24


@pytest.fixture(scope="module")
def api_app(tmp_path_factory):
    return app_with_token(tmp_path_factory.mktemp('api'), TOKEN, "vera")


@pytest.fixture
def client(api_app):
    return TestClient(api_app, headers={"Authorization": f"Bearer {TOKEN}"})


def test_the_list_filters_and_pages(client):
    body = client.get("/api/events").json()
    assert body["total"] == 5 and len(body["events"]) == 5 and body["page"] == 1
    assert all({"id", "event_type", "evidence", "provenance", "reports", "review_status"} <= set(e)
               for e in body["events"])
    syria = client.get("/api/events", params={"country": "syria", "since": "2024-01-01", "per_page": 1}).json()
    assert syria["total"] == 1 and syria["events"][0]["location"] == "Maarat al-Numan"
    assert syria["events"][0]["reports"] == ["strike-a", "strike-b"]
    page2 = client.get("/api/events", params={"per_page": 2, "page": 2}).json()
    assert page2["total"] == 5 and len(page2["events"]) == 2
    empty = client.get("/api/events", params={"country": "", "since": "", "min_confidence": ""}).json()
    assert empty["total"] == 5                                         # an empty parameter is no filter
    bad = client.get("/api/events", params={"since": "2024-02-30"})
    assert bad.status_code == 422 and "give YYYY-MM-DD" in bad.text
    assert client.get("/api/events", params={"per_page": 500}).status_code == 422
    assert client.get("/api/events", params={"review_status": "maybe"}).status_code == 422


def test_one_event_and_what_it_was_fused_from(client):
    listed = client.get("/api/events", params={"event_type": "Air/drone strike", "since": "2024-01-01"}).json()
    one = client.get(f"/api/events/{listed['events'][0]['id']}").json()
    assert one["event"]["id"] == listed["events"][0]["id"] and one["review_status"] == "unreviewed"
    assert [r["document"]["id"] for r in one["reports"]] == ["strike-a", "strike-b"]
    assert all(r["events"][0]["explanation"] for r in one["reports"])
    missing = client.get("/api/events/fev-0000")
    assert missing.status_code == 404 and "no event fev-0000" in missing.json()["detail"]
    assert client.get("/api/facets").json()["country"] == ["Kenya", "Nigeria", "Syria"]
    points = client.get("/api/points", params={"country": "Kenya"}).json()
    assert points["total"] == 1 and points["points"][0]["location"] == "Nairobi"


def test_the_description_is_public_and_names_the_filters(api_app):
    spec = TestClient(api_app).get("/openapi.json").json()
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"country", "admin1", "since", "until", "event_type", "actor", "min_confidence", "review_status",
            "page", "per_page"} <= params
    assert "/api/events/{fused_id}" in spec["paths"] and not any(p.startswith("/admin") for p in spec["paths"])


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture
def api_schema(api_app):
    return schemathesis.openapi.from_asgi("/openapi.json", api_app)


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_the_api_fuzzed_gives_no_server_error(case):
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"},
                           checks=[not_a_server_error, response_schema_conformance])


def test_requests_borrow_stores_from_a_pool_and_give_them_back(api_app):
    pool = api_app.state.stores
    client = TestClient(api_app, headers={"Authorization": f"Bearer {TOKEN}"})
    before = pool.opened
    for _ in range(20):                       # each request on a new thread: a store per thread would leak 20
        assert client.get("/api/events", params={"per_page": 1}).status_code == 200
        assert client.get("/static/desk.css").status_code == 200            # static files borrow none
    assert pool.opened - before <= 1 and len(pool._idle) >= 1


def test_a_store_whose_request_failed_is_closed_not_lent_again(api_app):
    from eventcoder.web.auth import desk_router
    from eventcoder.web.stores import store_of
    router = desk_router("viewer")
    seen = []

    @router.get("/test/broken")
    def broken(request: Request):
        seen.append(store_of(request))
        raise RuntimeError("the connection broke")
    api_app.include_router(router)
    client = TestClient(api_app, headers={"Authorization": f"Bearer {TOKEN}"}, raise_server_exceptions=False)
    assert client.get("/test/broken").status_code == 500
    assert seen and seen[0] not in api_app.state.stores._idle
    assert client.get("/api/events").status_code == 200
