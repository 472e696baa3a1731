"""The date an article states about itself, for a report that comes without a publication date.

`article_date(text)` -> ArticleDate (the day, its words' clean offsets, and how it was found) or None. In the first
HEAD_CHARS characters, a full date (a day, not a relative one) counts as the article's own when:
1. a publication marker precedes it ("Published:", "Date of publication", "Posted on", "Last updated at": word list
   `publication_markers`); a marker's date whose day and year lost the space between them in a crawl ("Last updated
   at Jul 282016") is read as that day;
2. a news agency, outlet or state medium names itself right before it, as a byline does ("... Monitor AFP Thursday
   14 Jul 2016": the sources of `data/news_sources.json` of kind agency, outlet or state media);
3. it opens the report (the first DATELINE_CHARS characters: "BEIRUT, Thursday 14 April 2016.");
4. it carries its weekday ("Thursday 14 Jul 2016"), as date lines do.
An ISO timestamp after a marker or at the start ("2024-05-12T17:42Z") counts as well. Relative days ("on Tuesday",
"yesterday") are then read against this date, with its words as the evidence.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..lang import alternation
from .sources import lexicon
from .temporal import MONTHS, find_dates, safe_date

HEAD_CHARS = 400
DATELINE_CHARS = 80


@dataclass(frozen=True)
class ArticleDate:
    day: dt.date
    span: tuple[int, int]          # clean offsets of the date's words
    how: str                       # "after 'Published'", "in the byline of AFP", ...
    dateline: bool = True          # its words are a date line, not the story's own "On 5 May 2022, ..."


@lru_cache(maxsize=1)
def _patterns():
    marker = re.compile(rf"\b({alternation('publication_markers')})\b\W{{0,3}}(?:(?:at|on)\s+)?(?:\w+,?\s+)?$",
                        re.IGNORECASE)
    glued = re.compile(rf"\b({alternation('publication_markers')})\b\W{{0,3}}(?:(?:at|on)\s+)?"
                       rf"({alternation('months', 'month_abbreviations')})\.?\s+"
                       rf"([0-3]?\d)((?:19|20)\d\d)\b", re.IGNORECASE)
    names = sorted({a for s in lexicon()["sources"]
                    if s["kind"] in ("agency", "outlet", "state media") for a in s["aliases"] + [s["name"]]},
                   key=len, reverse=True)
    byline = re.compile(rf"\b({'|'.join(map(re.escape, names))})\W{{0,3}}$")
    iso = re.compile(r"\b((?:19|20)\d\d)-([01]\d)-([0-3]\d)T[0-2]\d:[0-5]\d")
    return marker, glued, byline, iso


def article_date(text: str) -> ArticleDate | None:
    head = text[:HEAD_CHARS]
    marker, glued, byline, iso = _patterns()
    m = glued.search(head)
    if m:
        day = safe_date(int(m.group(4)), MONTHS[m.group(2).lower().rstrip(".")], int(m.group(3)))
        if day:
            return ArticleDate(day, (m.start(2), m.end(4)), f"after {m.group(1)!r} (day and year run together)")
    for m in iso.finditer(head):
        if m.start() < DATELINE_CHARS or marker.search(head[max(0, m.start() - 40):m.start()]):
            day = safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if day:
                return ArticleDate(day, m.span(), "an ISO timestamp")
    full = [e for e in find_dates(head) if e.flag == "" and e.date_prec == 1 and not e.relative and e.day]
    for e in full:
        before = head[max(0, e.start_char - 40):e.start_char]
        if (m := marker.search(before)):
            return ArticleDate(e.day, (e.start_char, e.end_char), f"after {m.group(1)!r}")
        if (m := byline.search(before)):
            return ArticleDate(e.day, (e.start_char, e.end_char), f"in the byline of {m.group(1)}")
    for e in full:
        if e.start_char < DATELINE_CHARS:
            alone = not re.search(r"[A-Za-z]", head[:e.start_char].split(",")[-1] if "," in head[:e.start_char]
                                  else head[:e.start_char])
            return ArticleDate(e.day, (e.start_char, e.end_char), "at the head of the report", alone)
    for e in full:
        if e.kind in ("dmy", "mdy") and re.match(r"[A-Z][a-z]+day\b", e.text):
            return ArticleDate(e.day, (e.start_char, e.end_char), "a date line with its weekday")
    return None

