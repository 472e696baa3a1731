"""The dateline: where the reporter files from ("MAIDUGURI, Nigeria, May 12 (AP) —", "KABUL (Reuters) -",
"Mogadishu:"), never an event's place unless the story says so.

`dateline_span(text)` -> the clean-text span of a dateline opening the report, or None: a place name (capitalised
words, often in capitals), optionally followed by its country or region and a date, optionally by the agency in
brackets, then a dash or a colon. A place mention inside that span is where the story was written: the event
locator passes over it while the report names another place, and falls back to it when the report names none ("a
suicide bomber killed seven people at a mosque in the city").
"""
from __future__ import annotations

import re

from ..lang import alternation

_NAME = r"[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3}"
_DATELINE = re.compile(
    rf"^\W{{0,3}}(?P<place>{_NAME})"
    rf"(?:,\s*{_NAME}){{0,2}}"                                               # ", Nigeria", ", Borno State"
    rf"(?:,?\s+(?:{alternation('months', 'month_abbreviations')})\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"   # ", May 12"
    rf"\s*(?P<agency>\([^()\n]{{1,40}}\))?"                                    # "(AP)"
    rf"\s*(?P<dash>—|–|--|-|:)\s")


def dateline_span(text: str) -> tuple[int, int] | None:
    m = _DATELINE.match(text[:200])
    if not m:
        return None
    place = m.group("place")
    # "Police: five killed" is no dateline: a dateline's place is in capitals, or has an agency, or a dash
    if not (place.isupper() or m.group("agency") or m.group("dash") != ":" or len(place.split()) == 1):
        return None
    return m.start("place"), m.end("dash")


def in_dateline(span: tuple[int, int] | None, start: int) -> bool:
    return span is not None and span[0] <= start < span[1]
