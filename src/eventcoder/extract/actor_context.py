"""The country and date an event's actors are named for, found before LocateEvents' results are final and before
DateEvents runs.

Contract: `event_country` returns a `geo.countries` Country or None (event fields first, then the report
geography's main country, then named groups' home); `event_date` returns a
`datetime.date` or None (a full date near the event, else the publication date, else mid-year of the first year the
report names).
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from ..model import Document, Event
from .actor_names import countries

_MONTHS = ("january february march april may june july august september october november december").split()
_DATE_DMY = re.compile(r"\b(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+((?:19|20)\d\d)\b", re.I)
_DATE_MDY = re.compile(r"\b(" + "|".join(_MONTHS) + r")\s+(\d{1,2}),?\s+((?:19|20)\d\d)\b", re.I)
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


def event_country(doc: Document, ev: Event, matches=()):
    """The event's `Country` (from LocateEvents), else the report's main country (`doc.geography`, which counts the
    user's focus-country hint as evidence), else the home country of the armed groups the report names."""
    c = countries()
    if ev.country:
        found = c.lookup_country(ev.country)
        if found:
            return found
    if ev.iso is not None:
        found = c.country_by_iso(int(ev.iso))
        if found:
            return found
    geo = doc.geography
    if geo is not None and geo.main_country:
        return c.country_by_alpha2(geo.main_country)
    # no evidence of a country in the report: the home country of named groups ("the Taliban", "the NAF")
    homes: Counter = Counter()
    for m in matches:
        hs = {e.country for e, _ in m.entries if e.country and not e.is_template}
        if len(hs) == 1:
            homes[hs.pop()] += 1
    return c.country_by_alpha2(homes.most_common(1)[0][0]) if homes else None


def event_date(doc: Document, ev: Event) -> dt.date | None:
    """The event's date as far as the words near it tell (before DateEvents runs), else the publication date."""
    sent = doc.sentence_of(ev.anchor[0])
    texts = ([doc.clean[sent.start:sent.end]] if sent else []) + [doc.clean[:2000]]
    for text in texts:
        m = _DATE_DMY.search(text)
        if m:
            d, mon, y = int(m.group(1)), _MONTHS.index(m.group(2).lower()) + 1, int(m.group(3))
        else:
            m = _DATE_MDY.search(text)
            if not m:
                continue
            mon, d, y = _MONTHS.index(m.group(1).lower()) + 1, int(m.group(2)), int(m.group(3))
        try:
            return dt.date(y, mon, d)
        except ValueError:
            continue
    if doc.published_at:
        return doc.published_at
    m = _YEAR.search(doc.clean[:2000])
    return dt.date(int(m.group(1)), 7, 1) if m else None
