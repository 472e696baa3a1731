"""An attack on armed men is a battle: ACLED's Violence against civilians is violence against unarmed people, so
an "attack" whose target is a named armed actor (soldiers, police, a militia, a volunteer fighters' post) and no
civilian is an Armed clash, however one-sided it was.

Contract: `attack_on_armed(doc, ev, a1, a2, civilians_named)` retypes `ev` (an Attack) in place to Battles / Armed
clash when `a2` is an armed actor the text names as the target and no civilian victim is named, and says so in the
event's explanation and `inferred`; it returns whether it did.  The target's words become the evidence of the
new type, beside the trigger words already there.
"""
from __future__ import annotations

from ..model import Document, Event
from .actor_names import Actor, countries
from .new_event import retype

FROM, TO = "Attack", "Armed clash"
TARGET_ROLES = ("patient", "side", "victim", "other")


def attack_on_armed(doc: Document, ev: Event, a1: Actor | None, a2: Actor | None, civilians_named: bool) -> bool:
    """Retype an Attack whose named target is armed (and no civilian is named as a victim) to an Armed clash."""
    if ev.sub_event_type != FROM or civilians_named or a1 is None or a2 is None:
        return False
    if not (a1.armed and a2.armed) or a2.start is None or a2.end is None or a2.role not in TARGET_ROLES:
        return False
    if a2.kind == "gang" or a1.name == a2.name:
        return False   # criminals hit by an armed group are not a side of the conflict
    if countries().lookup_country(doc.clean[a2.start:a2.end]):
        return False   # "an Israeli vehicle": a country word on the target says whose it is, not that it was armed
    retype(ev, TO)
    ev.add_evidence(doc.evidence("sub_event_type", a2.start, a2.end))
    ev.add_evidence(doc.evidence("event_type", a2.start, a2.end))
    ev.explanation.append(f"{ev.event_type} / {TO}: the attack's target is armed ({doc.clean[a2.start:a2.end]!r}, "
                          f"{a2.name}), so ACLED codes a battle, not violence against civilians")
    return True
