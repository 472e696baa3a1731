"""Which literal pieces of text a regex cannot match without: a prefilter that skips a cue whose pieces a text lacks.

Contract: `required_literals(pattern)` -> a frozenset of lower-case ASCII strings such that every match of the
(case-insensitive) pattern contains at least one of them, or None when no such set can be given (a branch with no
literal of 3 characters or more, a non-ASCII literal, a construct this analysis does not follow). It reads the
pattern's syntax tree (`re._parser`, the standard library's own parser); it is exact, never a guess: a text lacking
every literal of the set cannot match, so skipping the pattern for it changes no result.
"""
from __future__ import annotations

import re
from re import _constants as C   # the standard library's regex syntax-tree codes
from re import _parser

MIN_LITERAL = 3   # shorter pieces ("al", "of") are in every text: no use as a filter


def required_literals(pattern: str) -> frozenset[str] | None:
    try:
        tree = _parser.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    return _seq(list(tree))


def _seq(items: list) -> frozenset[str] | None:
    """A sequence needs all of its items: the best single requirement among them (a literal run, or a group's)."""
    options: list[frozenset[str]] = []
    run = ""
    for op, av in items:
        if op is C.LITERAL and av < 128:
            run += chr(av).lower()
            continue
        if len(run) >= MIN_LITERAL:
            options.append(frozenset([run]))
        run = ""
        need = _item(op, av)
        if need is not None:
            options.append(need)
    if len(run) >= MIN_LITERAL:
        options.append(frozenset([run]))
    if not options:
        return None
    return max(options, key=lambda s: (min(len(x) for x in s), -len(s)))   # the longest pieces, then fewest


def _item(op, av) -> frozenset[str] | None:
    if op is C.SUBPATTERN:
        return _seq(list(av[-1]))
    if op is C.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            need = _seq(list(branch))
            if need is None:
                return None
            out |= need
        return frozenset(out)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _high, body = av
        return _seq(list(body)) if low >= 1 else None
    if op is C.ATOMIC_GROUP:
        return _seq(list(av))
    return None       # lookarounds, classes, anchors, references: they require no literal we can name
