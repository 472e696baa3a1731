"""War defaults and known fronts: who an unattributed fight or bombardment is coded to in a war ACLED codes to
known sides.

Contract: `war_context(registry, home, when, place, actors, context)` returns a `WarContext`:
- `war`: the usual (attacker, opponent) of the war in `home` on `when` (`WARS`), e.g. the Syrian state against
  the rebels; None outside a listed war, or when a third party is the default fighter;
- `local`: that third party -- a group of `THIRD_PARTIES` the report names (`actors`) with no state force named
  and no state weapon in `context`, else the holder of a known front (`FRONTS`) at `place` (or in `context`);
- `front`: the two sides of that known front named at `place` or in `context`, or None; `local_why`: the reason to
  record when `local` is used.
The data are public histories of the wars, not cases from any benchmark.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import NamedTuple

from .actor_names import Actor, countries, country_actor, generic, named_actor
from .registry import STATE_KINDS, Registry

# Words of bombardment; in a war listed in WARS, an unattributed bombardment or massacre is the main attacker's.
AERIAL_WORDS = re.compile(r"\b(aerial|air ?strikes?|air raids?|warplanes?|barrel bombs?|bombardments?|helicopters?|"
                          r"jets|aircraft|shelling|shells|missiles?|rockets?|bombing|bombings|massacres?)\b", re.I)

# Wars whose unattributed fighting and bombardment is coded to known sides: (country, from, to, attacker, opponent).
# An attacker/opponent is ("kind", alpha2 of the force's country or None for the event's country) or ("name", name).
WARS = (
    ("SY", dt.date(2011, 3, 15), dt.date(2024, 12, 8), ("military", None), ("rebel", None)),
    ("UA", dt.date(2014, 4, 6), dt.date(2022, 2, 24), ("military", None),
     ("name", "NAF: United Armed Forces of Novorossiya")),
    ("UA", dt.date(2022, 2, 24), None, ("military", "RU"), ("military", None)),
)
# Armed groups that fight in a listed war on neither of its two sides (name prefixes after rendering).  Where a
# report names one of them and no state force, its unattributed fighting is theirs, not the state's against rebels.
THIRD_PARTIES = {
    "SY": ("Islamic State", "SDF:", "YPG:"),
}
# Battles of a war's third parties, from public histories: (country, place pattern, from, to, holder, attacker),
# each side ("name", registry name) or ("kind", kind of the event's country).  Unattributed fighting at the place in
# that period, in a report naming no state force, is coded to these two sides.
FRONTS = (
    ("SY", r"Manbij", dt.date(2016, 5, 31), dt.date(2016, 8, 13), ("name", "Islamic State ({country})"),
     ("name", "SDF: Syrian Democratic Forces")),                       # the SDF's Manbij offensive
    ("SY", r"Raqq?a", dt.date(2017, 6, 6), dt.date(2017, 10, 18), ("name", "Islamic State ({country})"),
     ("name", "SDF: Syrian Democratic Forces")),                       # the battle of Raqqa
    ("SY", r"Yarmouk(?: camp)?|Yarmuk|Hajar al-Aswad|(?:the )?south(?:ern)? (?:of )?(?:the capital )?Damascus",
     dt.date(2015, 4, 1), dt.date(2018, 4, 19),
     ("name", "Islamic State ({country})"), ("kind", "rebel")),        # the IS enclave south of Damascus
    ("SY", r"Sh[ae]i?kh? Maq?s(?:ou|oo|u)d", dt.date(2016, 1, 1), dt.date(2016, 12, 22),
     ("name", "YPG: People's Protection Units"), ("kind", "rebel")),   # the Kurdish-held quarter of Aleppo
)

# Weapons only states (or foreign forces) wield in these wars: their use puts a state side in the event.
STATE_WEAPONS = re.compile(r"\b(aerial|air ?strikes?|air raids?|warplanes?|barrel bombs?|helicopters?|jets|aircraft|"
                           r"airplanes?|planes|air force|raids? by|bombers?|regime|loyalists?|Turkish|Russian|Iranian|"
                           r"American|Israeli|Iraqi|Jordanian)\b", re.I)


def names_state_force(actors: list[Actor], context: str) -> bool:
    """Whether the report names a state side: an actor of a state kind or inter 1/8, or a state weapon in `context`."""
    return bool(STATE_WEAPONS.search(context)) or any(a.kind in STATE_KINDS or a.inter in (1, 8) for a in actors)


class WarContext(NamedTuple):
    """Default sides of an event in a listed war (see the module docstring)."""
    war: tuple[Actor, Actor] | None
    local: Actor | None
    front: tuple[Actor, Actor] | None
    local_why: str


def war_context(registry: Registry, home, when, place: str, actors: list[Actor], context: str) -> WarContext:
    """The war's default sides for an event in `home` on `when` at `place`, given the `actors` named around it."""
    war = war_sides(registry, home, when)
    local = third_party(home, actors, context) if war is not None else None
    front = None
    if war is not None and not names_state_force(actors, context):
        front = front_sides(registry, home, when, f"{place} {context}")
        if front is not None and local is None:
            local = front[0]
    if local is not None:   # a war's third party named, no state force: it is the default fighter, not the state
        war = None
    local_why = ("attacker not named: the only armed group the report names" if front is None or local is not front[0]
                 else "attacker not named: the holder of a known front at the place")
    return WarContext(war, local, front, local_why)


def war_sides(registry: Registry, home, when) -> tuple[Actor, Actor] | None:
    """The usual two sides of the war in `home` on `when`, if the country is at a war listed in `WARS`."""
    if home is None:
        return None
    c = countries()
    for a2, start, end, att, opp in WARS:
        if home.alpha2 != a2 or (when is not None and (when < start or (end is not None and when >= end))):
            continue
        if when is None and end is not None:
            continue
        sides = []
        for how, what in (att, opp):
            if how == "name":
                actor = named_actor(registry, what, home, when)
            else:
                country = c.country_by_alpha2(what) if what else home
                actor = country_actor(registry, how, country, home, when)
            if actor is None:
                break
            sides.append(actor)
        if len(sides) == 2:
            return sides[0], sides[1]
    return None


def third_party(home, actors: list[Actor], context: str) -> Actor | None:
    """The first named group of `THIRD_PARTIES` for `home` among `actors`, when the report names no state force
    (no actor of a state kind or inter 1/8, no air power in `context`); None otherwise."""
    prefixes = THIRD_PARTIES.get(home.alpha2 if home else "")
    if not prefixes or names_state_force(actors, context):
        return None
    return next((a for a in actors if a.armed and a.name.startswith(prefixes)
                 and a.role not in ("speaker", "modifier")), None)


def _ascii(text: str) -> str:
    """`text` without diacritics ("al-Yarmūk" -> "al-Yarmuk")."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def front_sides(registry: Registry, home, when, context: str) -> tuple[Actor, Actor] | None:
    """The two sides of a battle in `FRONTS` whose place `context` names, in `home` on `when`."""
    if home is None or when is None:
        return None
    plain = _ascii(context)
    for a2, pattern, start, end, holder, attacker in FRONTS:
        if a2 != home.alpha2 or not start <= when < end or not re.search(rf"\b({pattern})\b", plain, re.I):
            continue
        sides = []
        for how, what in (holder, attacker):
            if how == "name":
                sides.append(named_actor(registry, what, home, when))
            else:
                sides.append(generic(registry, what, home, when))
        if None not in sides:
            return sides[0], sides[1]
    return None
