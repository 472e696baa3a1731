"""`cue_spans(text)`: names of one country's parties, unions, institutions, currencies and unit words in a text
("the KCTU", "Awami League", "10 million naira", "tambon Pak Phli"), from `data/country_cues.tsv`.

They name no place, but say where a report is: one piece of evidence of the report's country vote
(`country_vote.group_votes`, with the armed groups of the actor registry).
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _cues() -> tuple[dict[str, str], re.Pattern | None]:
    text = resources.files("eventcoder").joinpath("data/country_cues.tsv").read_text(encoding="utf-8")
    cues: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2 or len(cols[1]) != 2 or not cols[1].isupper():
            raise ValueError(f"data/country_cues.tsv line {n}: expected 'name<TAB>ISO alpha-2<TAB>what'")
        cues[cols[0].strip()] = cols[1]
    if not cues:
        return cues, None
    alts = "|".join(re.escape(c) for c in sorted(cues, key=lambda c: (-len(c), c)))
    return cues, re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])")


def cue_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO alpha-2) of each cue written in `text` (case as listed, whole words)."""
    cues, pattern = _cues()
    if pattern is None:
        return []
    return [(m.start(), m.end(), cues[m.group(0)]) for m in pattern.finditer(text)]
