"""Pipeline stages: `Geoparse` finds and resolves the report's places; `Geography` works out once where the report
is (its main country and evidence, dateline, title places, candidate places: geo/geography.py); `LocateEvents`
places each event there.

Geoparse, Geography and LocateEvents take `gazetteer=None` (None = the default shipped index, built on first use).
"""
from __future__ import annotations

from collections import Counter

from ..model import Document
from ..stage import Stage, stage


class _GazetteerStage(Stage):
    """A stage that reads the gazetteer: the one given, else the default shipped index (opened on first use)."""

    def __init__(self, gazetteer=None):
        self._gazetteer = gazetteer

    @property
    def gazetteer(self):
        if self._gazetteer is None:
            from .gazetteer import default_gazetteer
            self._gazetteer = default_gazetteer()
        return self._gazetteer


@stage("geoparse", requires=("clean", "nlp", "entities", "source", "focus_country"), assigns=("places",))
class Geoparse(_GazetteerStage):
    """Fill `doc.places` with resolved `PlaceMention`s (clean-text offsets), demonyms as kind "demonym".

    With `batch_prior=True`, a report that gives no country evidence of its own ("4 killed by bombardment
    targeting Madaya") is read in the light of the reports this stage has already seen: when most of them were
    about one country, that country gets a weak bonus (a feed of Syrian headlines is about Syria).  Evidence in
    the report always outweighs it.  Off by default, so results do not depend on document order."""

    def __init__(self, gazetteer=None, *, batch_prior: bool = False):
        super().__init__(gazetteer)
        self.batch_prior = batch_prior
        self._prior: Counter = Counter()

    def __call__(self, doc: Document) -> Document:
        from .resolve import geoparse
        doc.places = geoparse(doc, self.gazetteer, prior=self._prior if self.batch_prior else None)
        if self.batch_prior:
            ccs = {p.country_code for p in doc.places if p.country_code}
            for cc in ccs:
                self._prior[cc] += 1.0 / len(ccs)
        return doc


@stage("geography", requires=("clean", "title", "source", "places", "focus_country"), assigns=("geography",))
class Geography(_GazetteerStage):
    """Set `doc.geography` (geo/geography.py): the report's main country with its evidence, dateline, title places
    and candidate places, shared by the stages that place events (DetectEvents splits an incident by place;
    LocateEvents places each event; the actor stage names state forces after the event's country)."""

    def __call__(self, doc: Document) -> Document:
        from .geography import ReportGeography
        doc.geography = ReportGeography.of(doc, self.gazetteer)
        return doc


@stage("locate", requires=("clean", "sentences", "title", "places", "geography", "events", "notes.place_hint"),
       assigns=("events.location", "notes.title_match"))
class LocateEvents(_GazetteerStage):
    """Fill each event's country, iso, admin1-3, location, coordinates, geo_precision and where_prec, from the
    report's geography (`doc.geography`: its candidate places and main country)."""

    def __call__(self, doc: Document) -> Document:
        from .locate import locate_events
        from .title import mark_title_matches
        # the geography's places (the geoparser's, unit-word regions, the title's places the text writes) stand in
        # for `doc.places` while events are placed; geoparsing stays the text's alone
        places = doc.places
        doc.places = list(doc.geography.places)
        try:
            locate_events(doc, self.gazetteer)
            mark_title_matches(doc, list(doc.geography.title_places))
        finally:
            doc.places = places
        return doc
