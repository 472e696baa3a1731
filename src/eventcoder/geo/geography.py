"""The report's geography as the locator reads it, worked out once per report and shared as an annotation.

Contract: the `geography` stage (geo/stage.py) sets `doc.geography` to a `ReportGeography` after geoparsing. Stages
that need to know where an event would be placed before LocateEvents runs (DetectEvents splits an incident by place)
ask `doc.geography.place_of(doc, event)`; they never call the locator's internals.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Document, Event, PlaceMention
from .locate import candidate_places, main_country, place_among


@dataclass(frozen=True)
class ReportGeography:
    """The report's candidate places (resolved, non-demonym mentions, in text order) and its main country."""
    candidates: tuple[PlaceMention, ...]
    main_country: str | None

    @classmethod
    def of(cls, doc: Document) -> "ReportGeography":
        return cls(tuple(candidate_places(doc)), main_country(doc))

    def place_of(self, doc: Document, event: Event) -> tuple[PlaceMention | None, bool, str]:
        """The mention where `event` happened, whether it is only near it, and why (see locate.place_among)."""
        return place_among(doc, event, self.candidates, self.main_country)
