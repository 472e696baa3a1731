"""Stage AttributeSources: who reported each event (ACLED source / source_scale)."""
from __future__ import annotations

from ..model import Document
from ..pipeline import Stage


class AttributeSources(Stage):
    name = "sources"
    requires = ("events",)
    assigns = ("events.source",)

    def __call__(self, doc: Document) -> Document:
        for ev in doc.events:
            if doc.source and not ev.source:
                ev.source = doc.source
                ev.inferred["source"] = "document source"
        return doc
