"""The shortest way in from Python: code one text and get the `Document` with its events back.

    >>> import eventcoder
    >>> doc = eventcoder.code_text("On 3 May 2023, police dispersed protesters in Nairobi.", published_at="2023-05-04")
    >>> [(e.sub_event_type, e.location) for e in doc.events]
"""
from __future__ import annotations

import datetime as dt
import functools

from .ingest.publication_date import parse_date
from .model import Document, document_id
from .pipeline import Pipeline, default_pipeline


@functools.lru_cache(maxsize=4)
def _pipeline(keep_all: bool) -> Pipeline:
    return default_pipeline(keep_all=keep_all)


def code_text(text: str, *, id: str | None = None, title: str | None = None, source: str | None = None,
              published_at: str | dt.date | None = None, keep_all: bool = False,
              focus_country: str | None = None) -> Document:
    """Code one report. Evidence offsets in the returned events index `text` exactly.  `focus_country` (an ISO code
    or a country name) is the country a feed is about: weighed as evidence where the text leaves the country open."""
    doc = Document(id or document_id(text), text, title=title, source=source, published_at=parse_date(published_at))
    if focus_country is not None:
        from .geo.countries import country_from_hint
        c = country_from_hint(focus_country)
        if c is None:
            raise ValueError(f"focus_country {focus_country!r} names no country; give an ISO code (BF, BFA, 854) "
                             "or a name (Burkina Faso)")
        doc.focus_country = c.alpha2
    return _pipeline(keep_all)(doc)
