"""Pipeline stages: `Geoparse` finds and resolves the report's places; `LocateEvents` places each event.

Both take `gazetteer=None` (None = the default shipped index, built on first use).
"""
from __future__ import annotations

from collections import Counter

from ..model import Document
from ..pipeline import Stage


class Geoparse(Stage):
    """Fill `doc.places` with resolved `PlaceMention`s (clean-text offsets), demonyms as kind "demonym".

    With `batch_prior=True`, a report that gives no country evidence of its own ("4 killed by bombardment
    targeting Madaya") is read in the light of the reports this stage has already seen: when most of them were
    about one country, that country gets a weak bonus (a feed of Syrian headlines is about Syria).  Evidence in
    the report always outweighs it.  Off by default, so results do not depend on document order."""
    name = "geoparse"
    requires = ("clean", "nlp", "entities")
    assigns = ("places",)

    def __init__(self, gazetteer=None, *, batch_prior: bool = False):
        self._gazetteer = gazetteer
        self.batch_prior = batch_prior
        self._prior: Counter = Counter()

    @property
    def gazetteer(self):
        if self._gazetteer is None:
            from .gazetteer import default_gazetteer
            self._gazetteer = default_gazetteer()
        return self._gazetteer

    def __call__(self, doc: Document) -> Document:
        from .resolve import geoparse
        doc.places = geoparse(doc, self.gazetteer, prior=self._prior if self.batch_prior else None)
        if self.batch_prior:
            ccs = {p.country_code for p in doc.places if p.country_code}
            for cc in ccs:
                self._prior[cc] += 1.0 / len(ccs)
        return doc


class LocateEvents(Stage):
    """Fill each event's country, iso, admin1-3, location, coordinates, geo_precision and where_prec."""
    name = "locate"
    requires = ("events", "places")
    assigns = ("events.location",)

    def __init__(self, gazetteer=None):
        self._gazetteer = gazetteer

    @property
    def gazetteer(self):
        if self._gazetteer is None:
            from .gazetteer import default_gazetteer
            self._gazetteer = default_gazetteer()
        return self._gazetteer

    def __call__(self, doc: Document) -> Document:
        from .locate import locate_events
        if not doc.title:
            locate_events(doc, self.gazetteer)
            return doc
        # a report with a title (see geo/title.py): places the title names that the text writes but the geoparser
        # left unread are candidates for the events' places (not added to `doc.places`: geoparsing is the text's
        # alone), and each event is marked with the title place it lies at (Finalize lets that event lead)
        from .title import mark_title_matches, title_mentions
        places = doc.places
        extra = title_mentions(doc, self.gazetteer)
        doc.places = sorted(places + extra, key=lambda p: p.start) if extra else places
        try:
            locate_events(doc, self.gazetteer)
            mark_title_matches(doc, self.gazetteer)
        finally:
            doc.places = places
        return doc
