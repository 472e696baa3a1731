"""Coding into the store: what `eventcoder code` and `eventcoder watch` do with each document, in one place.

Before coding, `done(doc)` passes over a document met before in this run, or one this version already stored (unless
`force`), and stores a copy of a stored report (a re-post, a syndicated copy) as such, uncoded; after coding, `save(doc)` stores the document, its
events and its raw page, and fuses the events into the stored fused events, in one transaction."""
from __future__ import annotations

from typing import Callable

from ..model import Document
from ..version import __version__

NEAR_DUPLICATE = "near-duplicate: a copy of a stored report (stored and linked to it, not coded again)"
SAME_RUN = "read twice in this run: the same document (the same canonical URL, or the same id) was coded once"


class StoreCoding:
    """`done` and `save` for `runner.run_batch` on `store` (run `run_id`); `after(doc)` runs once a document is
    stored (printing it, remembering a feed entry)."""

    def __init__(self, store, run_id: int, *, force: bool = False, after: Callable[[Document], None] | None = None):
        self.store, self.run_id, self.force, self.after = store, run_id, force, after
        self._seen: set[str] = set()      # ids met in this run (one article reached from two feeds, twice)

    def done(self, doc: Document) -> bool | str:
        if doc.id in self._seen:
            return SAME_RUN
        self._seen.add(doc.id)
        if not self.force and self.store.has_document(doc.id, __version__):
            return True
        original = self.store.near_duplicate_of(doc)
        if original is None:
            return False
        self.store.save_duplicate(doc, original, self.run_id)
        return NEAR_DUPLICATE

    def save(self, doc: Document) -> None:
        self.store.save(doc, self.run_id)
        if self.after is not None:
            self.after(doc)
