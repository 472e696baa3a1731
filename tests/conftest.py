"""Shared fixtures. `db_url` gives a fresh database on each backend the store supports: a SQLite file, and a new
PostgreSQL database on the server `EVENTCODER_TEST_PG` names (`.ci/postgres.sh` starts a throwaway one; CI sets
EVENTCODER_REQUIRE_PG=1, so there a missing server fails the tests instead of skipping them)."""
from __future__ import annotations

import os
import uuid

import pytest

BACKENDS = ["sqlite", "postgresql"]


def _pg_server() -> str | None:
    url = os.environ.get("EVENTCODER_TEST_PG")
    if not url:
        if os.environ.get("EVENTCODER_REQUIRE_PG") == "1":
            pytest.fail("EVENTCODER_REQUIRE_PG=1 but EVENTCODER_TEST_PG names no PostgreSQL server "
                        "(source .ci/postgres.sh; pg_throwaway_start)")
        pytest.skip("no PostgreSQL server for the tests (EVENTCODER_TEST_PG); .ci/postgres.sh starts one")
    return url


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    """A factory: db_url(name) -> the URL of a new, empty database named for this test on this backend."""
    made: list[str] = []
    if request.param == "sqlite":
        yield lambda name="d": f"sqlite:///{tmp_path}/{name}.db"
        return
    server = _pg_server()
    import psycopg
    admin = psycopg.connect(server, autocommit=True)
    base = server.rsplit("/", 1)[0]

    def make(name="d"):
        db = f"t_{name}_{uuid.uuid4().hex[:10]}".lower()
        admin.execute(f'CREATE DATABASE "{db}"')
        made.append(db)
        return f"{base}/{db}"
    yield make
    for db in made:
        admin.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
    admin.close()


@pytest.fixture
def site():
    """A local web site on 127.0.0.1 (tests/local_web.py), stopped when the test ends."""
    from local_web import Site
    s = Site().start()
    yield s
    s.stop()
