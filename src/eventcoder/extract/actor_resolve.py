"""What one registry match stands for in an event: its main actor and its associated (assoc) actor names.

Contract: `resolve_match(doc, m, root, registry, home, when, admins)` returns None when no entry of the match is
valid for the event (date, home-only aliases), else `(main, assoc)` with `main` an `Actor` or None and `assoc` a
list of names.  Entries of the event's country win over templates, templates over other countries' entries; "the
regime" in a report that names one country's regime is that state; an ethnic name is an ethnic militia when it
names armed men who act, else the victims' ethnic group (assoc) with Civilians (X).
"""
from __future__ import annotations

import re

from ..model import Document
from .actor_names import Actor, countries, entry_actor, generic, render
from .actor_roles import is_victim, role_of
from .actor_words import ETHNIC_ARMED
from .registry import STATE_KINDS, Registry

REGIME_WORDS = re.compile(r"\b(regime|junta)\b", re.I)


def _named_regime(doc: Document, registry: Registry, when):
    """The one country whose regime the report names specifically ("the Syrian regime"), if exactly one."""
    states = set()
    for x in registry.find(doc.readable):
        if REGIME_WORDS.search(x.text):
            for e, alias in x.entries:
                if e.kind in STATE_KINDS and not e.is_template and e.country and not alias.home_only \
                        and e.valid_on(when):
                    states.add(e.country)
    return countries().country_by_alpha2(states.pop()) if len(states) == 1 else None


def resolve_match(doc, m, root, registry, home, when, admins):
    """The main actor and assoc names a registry match stands for in this event's context."""
    home2 = home.alpha2 if home else None
    cands = []
    for e, alias in m.entries:
        if not e.valid_on(when):
            continue
        if alias.home_only and e.country != home2:
            continue
        cands.append(e)
    if not cands:
        return None
    if when is None and any(e.valid_to is None for e in cands):   # date unknown: the names in use today
        cands = [e for e in cands if e.valid_to is None]
    # Prefer entries of the event's country, then templates, then others (international, other countries).
    def rank(e):
        if e.country == home2 and e.country:
            return 0
        if e.is_template:
            return 1
        return 2
    main_entries = sorted((e for e in cands if e.kind not in ("assoc", "ethnic")), key=rank)
    regime_of = (_named_regime(doc, registry, when) if main_entries and main_entries[0].is_template
                 and REGIME_WORDS.search(m.text) else None)
    if regime_of is not None and (home is None or regime_of.alpha2 != home.alpha2):
        # "the regime" in a report that names "the Syrian regime": the same state's forces
        main = entry_actor(main_entries[0], regime_of, home, when, admins, registry)
        return main, []
    assoc = []
    for e in cands:
        if e.kind == "assoc":
            name = render(e.name, home, when)
            if name:
                assoc.append(name)
    ethnic = next((e for e in cands if e.kind == "ethnic"), None)
    if ethnic is not None and root is not None:
        return _ethnic_actor(doc, m, root, ethnic, registry, home, when)
    main = None
    for e in main_entries:
        main = entry_actor(e, home, home, when, admins, registry)
        if main:
            break
    if main is None and home is None and main_entries:
        main = generic(registry, main_entries[0].kind, None, when)
    return main, assoc


def _ethnic_actor(doc, m, root, entry, registry, home, when):
    """'Fulani herders attacked' -> Fulani Ethnic Militia (X); 'killed a Fulani herder' -> Civilians (X) + group."""
    head = root.head if root.dep_ in ("amod", "compound", "nmod") else root
    nxt = doc.clean[m.end:m.end + 20].lower().split()
    armed_word = head.lower_ in ETHNIC_ARMED or (nxt and nxt[0].strip(",.") in ETHNIC_ARMED)
    country = home
    group = entry.name
    if armed_word and not is_victim(head) and role_of(head) not in ("speaker",):
        if head.lower_ in ("farmers", "pastoralists", "herders", "herdsmen", "community", "communities", "members",
                           "youths", "youth", "men") and role_of(head) == "patient":
            pass
        else:
            name = render(f"{group} Ethnic Militia ({{country}})", country, when)
            if name:
                return Actor(name, 4, "identity", alpha2=country.alpha2 if country else None), []
    assoc = render(f"{group} Ethnic Group ({{country}})", country, when)
    civ = generic(registry, "civilians", country, when)
    return civ, [assoc] if assoc else []

