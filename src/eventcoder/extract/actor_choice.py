"""Choosing an event's actors among the mentions found around it.

Contract: `dedupe` keeps one `Actor` per name (the most actor-like role wins, assoc names are merged);
`pick_armed` returns the most actor-like armed mention (agents, then sides, others, targets; never a speaker or a
modifier), or None; `charged` says whether a mention is part of a charge against victims, not an actor;
`refine` applies conventions that depend on the whole report (criminal violence by unidentified men is a gang's,
the air force unit of air strikes in wars whose coding names it).
"""
from __future__ import annotations

import re

from ..model import Document
from .actor_names import Actor, generic
from .actor_roles import tree_distance
from .registry import STATE_KINDS, Registry
from .taxonomy import taxonomy

CRIME_WORDS = re.compile(r"\b(drugs?|cartels?|gangs?|gangsters?|criminal|crim(?:e|es)|traffick\w*|extort\w*|narco\w*|"
                         r"robber(?:y|ies|s)?|thie(?:f|ves)|ransom|kidnap-for-ransom|huachicol\w*|sicarios?)\b", re.I)
# ACLED's coding of the Russia-Ukraine war names the air force unit of air strikes ("... (2000-) Air Force").
AIR_FORCE_UNIT = {"RU", "UA"}

# Words before a force's name that make it the subject of a charge, not an actor: "executed on charges of spying
# for the regime", "accused of collaborating with the army".
CHARGED = re.compile(r"\b(charges?|charged|accus\w*|spying|spies|spy|collaborat\w*|informants?|cooperat\w*)\b"
                     r"(\W+\w+){0,4}\W*$", re.I)


def dedupe(actors: list[Actor]) -> list[Actor]:
    """One actor per name, in first-seen order; the mention with the most actor-like role stands for it."""
    seen: dict[str, Actor] = {}
    order = {"agent": 0, "side": 1, "patient": 2, "victim": 2, "other": 4, "modifier": 5, "speaker": 5}
    for a in actors:
        if a.name not in seen:
            seen[a.name] = a
        else:
            old = seen[a.name]
            if order.get(a.role, 4) < order.get(old.role, 4):
                a.assoc = list(dict.fromkeys(old.assoc + a.assoc))
                seen[a.name] = a
            else:
                old.assoc = list(dict.fromkeys(old.assoc + a.assoc))
    return list(seen.values())


def pick_armed(armed: list[Actor], exclude: set[str] = frozenset(), partner: Actor | None = None,
               trig=None) -> Actor | None:
    """The most actor-like armed mention: agents first, then sides, others, targets; never a speaker.  With a
    `partner` (the other side), a state force of the partner's own state is not its opponent."""
    order = {"agent": 0, "side": 1, "other": 2, "patient": 3, "victim": 3}
    # among agents, a state's forces lead ("Hezbollah and regime forces shelled ..." -> the state, its ally assoc)
    lead = lambda a: 0 if (a.role == "agent" and a.kind in ("military", "police")) else 1
    pool = [a for a in armed if a.name not in exclude and a.role not in ("speaker", "modifier")]
    if partner is not None and partner.kind in STATE_KINDS:
        pool = [a for a in pool if not (a.kind in STATE_KINDS and a.alpha2 == partner.alpha2)]
    if not pool:
        return None
    return sorted(pool, key=lambda a: (order.get(a.role, 2), lead(a), tree_distance(a.tok_i, trig), a.start or 0))[0]


def refine(a: Actor | None, registry: Registry, home, when, sub: str, context: str) -> Actor | None:
    """Conventions that depend on the whole report: criminal violence by unidentified men is a gang's; the air
    force unit of air strikes in wars whose coding names it."""
    if a is None:
        return None
    if a.kind == "unidentified" and a.name.startswith("Unidentified Armed Group") and CRIME_WORDS.search(context):
        gang = generic(registry, "gang", home, when)
        if gang is not None:
            gang.start, gang.end, gang.role, gang.assoc = a.start, a.end, a.role, a.assoc
            return gang
    if sub and taxonomy().flag(sub, "air_force_unit") and a.kind == "military" and a.alpha2 in AIR_FORCE_UNIT and \
            not a.name.endswith("Air Force"):
        a = Actor(a.name + " Air Force", a.inter, a.kind, a.start, a.end, a.role, a.assoc, a.alpha2)
    return a


def charged(doc: Document, a: Actor) -> bool:
    """Whether the mention of `a` is part of a charge against victims ("on charges of spying for the regime")."""
    return a.start is not None and bool(CHARGED.search(doc.clean[max(0, a.start - 60):a.start]))
