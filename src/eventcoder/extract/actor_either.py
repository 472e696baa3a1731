"""Two named groups joined by "or" ("JNIM or ISGS militants", "ISGS and/or Ansaroul Islam"): ACLED codes the pair as
one actor, "A and/or B", when a report cannot say which of the two acted.

Contract: `join_alternatives(doc, actors, registry, when)` returns the list with each such pair replaced by one
`Actor` spanning both names.  The pair takes the order of a registry entry named "B and/or A" when one is valid on
`when` (ACLED's own composite names), else the order of the text.  Only named armed non-state groups pair up;
generic nouns ("soldiers or gunmen") do not.
"""
from __future__ import annotations

import re

from .actor_names import Actor
from .registry import GROUP_KINDS

# the words between the two names: "or", "and/or", "and or", optionally after the first name's bracketed acronym
# (or its closing bracket, when the acronym was read as part of the first name: "Katiba Macina (JNIM) or ISGS")
_GAP = re.compile(r"\)?\s*(?:\([^()]{1,30}\)\s*)?(?:or|and\s*/\s*or|and or)\s+", re.I)


def _pairable(a: Actor) -> bool:
    return a.kind in GROUP_KINDS and a.start is not None and "{" not in a.name


def _composite_name(first: Actor, second: Actor, registry, when) -> str:
    """ACLED's composite name for the pair: a registry entry's order when it knows the pair, else the text's."""
    for a, b in ((first, second), (second, first)):
        name = f"{a.name} and/or {b.name}"
        e = registry.named(name) if registry is not None else None
        if e is not None and e.valid_on(when):
            return name
    return f"{first.name} and/or {second.name}"


def join_alternatives(doc, actors: list[Actor], registry, when) -> list[Actor]:
    """`actors` (in text order) with "A or B" pairs of named groups joined into one actor."""
    out: list[Actor] = []
    for a in actors:
        prev = out[-1] if out else None
        if prev is not None and _pairable(prev) and _pairable(a) and " and/or " not in prev.name \
                and prev.name != a.name and prev.end is not None and prev.end <= a.start \
                and _GAP.fullmatch(doc.clean[prev.end:a.start]):
            # the pair acts as its head noun does: "ISGS or JNIM militants" -> the role of "militants", which the
            # second name took in
            head = a if a.role not in ("other", "modifier") or prev.role in ("other", "modifier") else prev
            out[-1] = Actor(_composite_name(prev, a, registry, when), min(prev.inter, a.inter), prev.kind,
                            prev.start, max(prev.end, a.end or prev.end), head.role, prev.assoc + a.assoc,
                            prev.alpha2 or a.alpha2, head.tok_i)
            continue
        out.append(a)
    return out
