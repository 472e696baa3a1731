"""A generic noun that points back to a group the report named before ("JNIM militants attacked the village ...
Soldiers killed three militants"): the militants are that group, not an unidentified one.

Contract: `refer_back(doc, actors, earlier)` returns `actors` with each unidentified actor named only by a bare
group noun ("militants", "the assailants"; lang/en/group_back_nouns.txt) replaced by the one named armed non-state
group among `earlier` (actors named before it, in text order), keeping the generic word's span as its evidence.
With no such group, or several different ones, the actor stays unidentified.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .. import lang
from .actor_names import Actor
from .registry import GROUP_KINDS

BACK_NOUNS = lang.word_set("group_back_nouns")
_LEAD = re.compile(r"^(?:the|these|those|two|three|several|some|many|\d+)\s+", re.I)


def _bare_noun(doc, a: Actor) -> bool:
    if a.kind != "unidentified" or a.start is None or a.end is None:
        return False
    words = _LEAD.sub("", doc.clean[a.start:a.end].strip()).lower()
    return words in BACK_NOUNS


def refer_back(doc, actors: list[Actor], earlier: list[Actor]) -> list[Actor]:
    """`actors` with bare group nouns resolved to the one armed group named before them (see the module doc)."""
    out = []
    for a in actors:
        if _bare_noun(doc, a):
            before = {e.name: e for e in earlier + actors
                      if e.kind in GROUP_KINDS and e.start is not None and e.start < a.start}
            if len(before) == 1:
                named = next(iter(before.values()))
                a = replace(a, name=named.name, inter=named.inter, kind=named.kind, alpha2=named.alpha2,
                            assoc=list(named.assoc))
        out.append(a)
    return out
