"""Stage CodeActors: who acted in each event (ACLED actor1/actor2, assoc actors, inter codes, civilian targeting).

Minimal bootstrap version: generic actors from the event type and the event's country."""
from __future__ import annotations

from ..model import Document
from ..pipeline import Stage


class CodeActors(Stage):
    """Fill actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2 and civilian_targeting of each event."""
    name = "actors"
    requires = ("events", "nlp", "places")
    assigns = ("events.actors",)

    def __init__(self, registry=None):
        self.registry = registry

    def __call__(self, doc: Document) -> Document:
        for ev in doc.events:
            country = ev.country or "Unknown"
            if ev.event_type == "Protests":
                ev.actor1, ev.inter1 = f"Protesters ({country})", 6
            elif ev.event_type == "Riots":
                ev.actor1, ev.inter1 = f"Rioters ({country})", 5
            elif ev.event_type == "Violence against civilians":
                ev.actor1, ev.inter1 = f"Unidentified Armed Group ({country})", 3
                ev.actor2, ev.inter2 = f"Civilians ({country})", 7
                ev.civilian_targeting = "Civilian targeting"
            else:
                continue
            ev.inferred["actor1"] = "generic actor for the event type (bootstrap)"
        return doc
