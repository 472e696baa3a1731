"""Parse only what needs parsing: the clean text with everything outside the chosen spans blanked, and the parser's
sentences and entities kept to those spans.

Contract: spans are clean-text `(start, end)` pairs, end exclusive, in text order and not overlapping
(`Relevance.parse`); `check_spans` says what is wrong with any other list. `blank_outside(text, spans)` has the
length of `text` and the same characters inside the spans; outside them every character is a space except newlines,
which stay, so every offset of a parse of it is an offset of `text` and paragraphs still break sentences.
`clip(pairs, spans)` cuts sorted `(start, end)` pairs to the spans in one sweep (linear in both lists).
"""
from __future__ import annotations

import re

_NOT_NEWLINE = re.compile(r"[^\n]")


def check_spans(spans: list[tuple[int, int]], length: int) -> None:
    """Raise ValueError unless `spans` are in order, not overlapping, not empty and inside `[0, length]`."""
    last = 0
    for i, (a, b) in enumerate(spans):
        if not (0 <= a < b <= length):
            raise ValueError(f"relevance parse span {i} ({a}, {b}) is empty or outside the clean text "
                             f"(0, {length})")
        if a < last:
            raise ValueError(f"relevance parse span {i} ({a}, {b}) starts before the previous one ends ({last}): "
                             f"spans must be merged and in text order")
        last = b


def within(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """The spans cut to `[0, length)` (a text cut for the parse), empty ones dropped."""
    return [(a, min(b, length)) for a, b in spans if a < length]


def covers(spans: list[tuple[int, int]], length: int) -> bool:
    """True when the spans leave no character of `[0, length)` out (adjacent spans count as one)."""
    pos = 0
    for a, b in spans:
        if a > pos:
            return False
        pos = max(pos, b)
    return pos >= length


def blank_outside(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with every character outside `spans` replaced by a space, newlines kept."""
    parts: list[str] = []
    pos = 0
    for a, b in spans:
        parts.append(_NOT_NEWLINE.sub(" ", text[pos:a]))
        parts.append(text[a:b])
        pos = b
    parts.append(_NOT_NEWLINE.sub(" ", text[pos:]))
    return "".join(parts)


def clip(pairs: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each pair cut to the spans it overlaps (one piece per span), in order; pairs outside every span are dropped.
    `pairs` must be sorted by start and not overlap (sentences); one sweep over both lists."""
    out: list[tuple[int, int]] = []
    j = 0
    for s, e in pairs:
        while j < len(spans) and spans[j][1] <= s:
            j += 1
        k = j
        while k < len(spans) and spans[k][0] < e:
            out.append((max(s, spans[k][0]), min(e, spans[k][1])))
            k += 1
    return out


def inside(pairs: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[bool]:
    """For each pair (sorted by start), whether it lies wholly inside one span; one sweep over both lists."""
    out: list[bool] = []
    j = 0
    for s, e in pairs:
        while j < len(spans) and spans[j][1] <= s:
            j += 1
        out.append(j < len(spans) and spans[j][0] <= s and e <= spans[j][1])
    return out


def strip(text: str, a: int, b: int) -> tuple[int, int]:
    """The span `[a, b)` of `text` without the whitespace at its edges (empty when it is all whitespace)."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
