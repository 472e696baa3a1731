"""The storage interface. SQLite implements it (`SQLiteStore`); a PostgreSQL backend implements the same methods and
registers itself in `store/backends.py`."""
from __future__ import annotations

from typing import Iterator, Protocol

from ..model import Document


class Store(Protocol):
    def start_run(self, command: str) -> int: ...
    def finish_run(self, run_id: int, *, docs_ok: int, docs_failed: int, events: int) -> None: ...
    def save(self, doc: Document, run_id: int | None = None) -> None:
        """Store a coded document and replace its events, in one transaction (a rerun never duplicates)."""
    def has_document(self, doc_id: str, coder_version: str | None = None) -> bool: ...
    def events(self, **filters) -> Iterator[dict]:
        """Stored events as contract dicts (with their evidence), filtered by country, since, until, type."""
    def close(self) -> None: ...
