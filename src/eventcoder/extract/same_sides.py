"""One dyad at one place is one event: `merge_same_sides(doc)` runs after the actors of every event are coded.

Contract: drops from `doc.events` each event split off by its clause (`doc.notes_of(ev).clause_of`, set by
DetectEvents) that is located and lies within SPLIT_KM of an event kept before it that shares a side (actor1 or
actor2) with it; the kept event's explanation says so.  Other events are kept, in order.
"""
from __future__ import annotations

from ..model import Document
from .nearby import SPLIT_KM, km


def merge_same_sides(doc: Document) -> None:
    """Drop an event split off by its clause (`clause_of`) when another event of the report lies within SPLIT_KM of it
    and shares a side with it: "airstrikes target Aleppo and clashes north of the city" by one state against its
    usual opponent is one event of that dyad at that place; a clause with other sides ("the Islamic State executes a
    young man ... and clashes renewed in the Eastern Ghouta") stays an event of its own."""
    keep = []
    for ev in doc.events:
        if doc.notes_of(ev).clause_of is not None and ev.latitude is not None:
            sides = {ev.actor1, ev.actor2} - {None}
            twin = next((o for o in keep if o.latitude is not None and km(o, ev) <= SPLIT_KM
                         and sides & ({o.actor1, o.actor2} - {None})), None)
            if twin is not None:
                twin.explanation.append(f"the clause {doc.clean[ev.anchor[0]:ev.anchor[1]]!r} reports the same "
                                        f"sides at the same place: one event")
                continue
        keep.append(ev)
    doc.events = keep
