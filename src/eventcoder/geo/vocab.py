"""Regex alternatives built from the word lists of `eventcoder/lang/`, in file order.

`any_of(*names)` joins the entries of one or more lists with `|`, in file order, each escaped (a space matches
one space, a hyphen a hyphen): for patterns whose alternatives are not bounded so that their order is irrelevant
(`lang.alternation` sorts them longest first and lets a space match any run of whitespace).
"""
from __future__ import annotations

import re

from ..lang import words


def any_of(*names: str) -> str:
    """The entries of the lists `names`, in file order, escaped and joined with `|` (wrap it yourself)."""
    return "|".join(re.escape(w) for name in names for w in words(name))
