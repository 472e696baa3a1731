"""The report's geography, worked out once per report and shared as one annotation.

Contract: the `geography` stage (geo/stage.py) runs after `geoparse` and sets `doc.geography` to a
`ReportGeography`: the report's main country with the evidence it won with (`country_vote.report_votes` and
`title_votes`: one weighting, the `--focus-country` hint, the source and the title among the evidence), the dateline ("KABUL (Reuters) -": where
the reporter is, `dateline.py`), the places the title names (read once, in the countries the title and the report
name, the country its geoparsed places vote for and those of the text's places the title names again), and the candidate places of its events: the resolved mentions, the regions the text
names with a unit word ("Saptari district"), and the title's places the text writes but the geoparser left unread.
Stages that need to know where an event is (DetectEvents splits an incident by place, LocateEvents places each
event, the actor stage names state forces after the event's country) read it; none of them votes again.

Before `geoparse` has resolved anything, the toponym finder and the resolver need a provisional country: that is
the same vote counted on the unresolved names (`country_vote.provisional_country`), see `country_vote.py`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..model import Document, Event, PlaceMention
from . import names as N
from .country_vote import Vote, named_countries, report_votes, tally, title_votes, winner
from .dateline import dateline_span
from .locate import candidate_places, place_among, with_unit_mentions
from .title import TitlePlace, title_countries, title_mentions, title_places


@dataclass(frozen=True)
class ReportGeography:
    """Where a report is: see the module docstring.  `places` is every place mention an event can be tied to (the
    geoparser's, the unit-word regions and the title's places in the text), `candidates` those an event can lie at
    (resolved, no demonyms, the dateline's place only when the report names no other)."""
    main_country: str | None
    evidence: tuple[Vote, ...]
    dateline: tuple[int, int] | None
    title_places: tuple[TitlePlace, ...]
    places: tuple[PlaceMention, ...]
    candidates: tuple[PlaceMention, ...]

    @classmethod
    def of(cls, doc: Document, gazetteer) -> "ReportGeography":
        places = list(doc.places)
        tps: list[TitlePlace] = []
        titled: set[str] = set()
        if doc.title:   # read in the countries the title or the report names, or where the text's places lie
            titled = title_countries(doc.title)
            first = winner(report_votes(doc, places))
            tkey = f" {N.key(doc.title)} "
            echoed = {p.country_code for p in places if p.kind != "demonym" and p.country_code
                      and f" {N.key(p.text)} " in tkey}     # "Onslaught on Aleppo": the text's Aleppo is Syria's
            tps = title_places(doc.title, gazetteer,
                               titled | named_countries(places) | echoed | ({first} if first else set()))
            titled |= {tp.readings[0].cc for tp in tps}
            extra = title_mentions(doc.clean, places, tps)
            if extra:
                places = sorted(places + extra, key=lambda p: p.start)
        places = with_unit_mentions(places, doc.clean, gazetteer)
        votes = report_votes(doc, places) + title_votes(titled)
        main = winner(votes)
        dateline = dateline_span(doc.clean)
        return cls(main, tuple(votes), dateline, tuple(tps), tuple(places),
                   tuple(candidate_places(places, dateline)))

    @property
    def country_weights(self) -> Counter:
        """Each country's summed evidence."""
        return tally(list(self.evidence))

    def place_of(self, doc: Document, event: Event) -> tuple[PlaceMention | None, bool, str]:
        """The mention where `event` happened, whether it is only near it, and why (see locate.place_among)."""
        return place_among(doc, event, self.candidates, self.main_country)
