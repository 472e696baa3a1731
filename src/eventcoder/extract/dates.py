"""Stage DateEvents: each event's date (ACLED event_date/time_precision, UCDP date_start/date_end/date_prec).

The choice is made by `resolve_date(text, published_at, anchor, sentences)`, a plain function:

1. a date stated in the event's own sentence (the one nearest the anchor words, preferring the day of the event
   over the day something was *said*: "killed 5 on Monday, police said on Tuesday" -> Monday); the article's own
   date line ("Monitor AFP Thursday 14 Jul 2016", `article_date.py`) says when it was written, not when the event
   was, and is not one of them;
2. else the day the next two sentences give the story ("Air strikes killed 12 in Aleppo. The raids hit a market
   on Tuesday."), when they give one that is not the day something was said;
3. else a recent date stated shortly before it (an earlier sentence of the same story);
4. else the publication date, or the article's own date (`inferred["event_date"] = "publication date"`), as a
   day-precision date whose UCDP range also admits the day before (news reports yesterday's events);
5. else, with no publication date, relative words ("yesterday") cannot be resolved: event_date stays None, never
   today's date, and `date_start` is bounded by the latest past date the text mentions ("in July 2015" means it
   was written after July 2015 began).  The document gets a `date-unknown` warning.

ACLED conventions: "Around <date>" is time_precision 2; "(month of)" 3; a week or a few days 2 with the middle day
coded; a month 3 with the middle day coded.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from ..model import Document, Span
from ..stage import Stage, stage
from .article_date import article_date
from .temporal import DateExpr, find_dates

_REPORTING = re.compile(r"\b(?:said|says|told|reported|reports|announced|stated|added|claimed|confirmed|published|"
                        r"posted|updated|statement|tweeted|wrote|according)\b[^.;]{0,25}$", re.IGNORECASE)
_APPROX = re.compile(r"\b(?:around|about|approximately|circa|roughly|reportedly)\s+(?:on\s+)?$", re.IGNORECASE)
_MONTH_OF = re.compile(r"^\s*\(?\s*month of\b", re.IGNORECASE)
_FUTURE_WORDS = re.compile(r"\b(?:will|would|plans?|planned|scheduled|next|upcoming|due to)\b[^.;]{0,30}$",
                           re.IGNORECASE)
_OPENING = re.compile(r"^\W*(?:\w+:\s*)?(?:on|around|about|between|from|in|during|overnight|early|late)\s+$",
                      re.IGNORECASE)
_RECENT_DAYS = 31          # a date outside the event's sentence is used only if this close to publication


@dataclass
class DateReading:
    """The date an event is coded with, and why."""
    event_date: dt.date | None = None
    time_precision: int | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    date_prec: int | None = None
    span: tuple[int, int] | None = None    # the date words (clean offsets), when the date was read from text
    reason: str = ""                       # why, when not read from a span ("publication date", ...)
    warning: str = ""                      # set when the date is unknown or a stated date was unusable


def _usable(e: DateExpr) -> bool:
    return e.flag == "" and (e.day is not None or e.start is not None)


def _reading(e: DateExpr, text: str, others: list[DateExpr]) -> DateReading:
    day, start, end = e.day, e.start, e.end
    tp, dp = e.time_precision, e.date_prec
    before = text[max(0, e.start_char - 20):e.start_char]
    after = text[e.end_char:e.end_char + 20]
    span = (e.start_char, e.end_char)
    # "Around 9 February 2022 (between 9 - 11 February)": the range right after a day is its range
    for o in others:
        if o is not e and o.kind.startswith("range") and _usable(o) and 0 <= o.start_char - e.end_char <= 4 \
                and o.start <= (day or o.start) <= o.end:
            start, end, dp = o.start, o.end, o.date_prec
            span = (e.start_char, o.end_char)
            after = text[o.end_char:o.end_char + 20]
            if tp == 1:
                tp = o.time_precision
    if _APPROX.search(before) and tp == 1:
        tp, dp = 2, max(dp or 1, 2)
    if _MONTH_OF.match(after):
        tp, dp = 3, 4
    return DateReading(day, tp, start, end, dp, span)


def _pick_in_sentence(cands: list[DateExpr], text: str, anchor: tuple[int, int], s0: int = 0) -> DateExpr | None:
    """The date of the event among the dates of its sentence: not the day something was said, not a date used
    as a modifier ("a 2 February shooting"), a day before a month or year, a date opening the sentence ("On 5
    May, ...") before others, then the one nearest the anchor."""
    def score(e: DateExpr):
        before = text[max(0, e.start_char - 60):e.start_char]
        reporting = bool(_REPORTING.search(before))
        attributive = bool(re.search(r"\b(?:a|an|the|its|their|his|her)\s+$", before, re.IGNORECASE)) and \
            e.kind not in ("rel", "weekday")
        coarse = (e.date_prec or 0) >= 4
        opening = bool(_OPENING.match(text[s0:e.start_char]))
        dist = 0 if anchor[0] <= e.start_char < anchor[1] else min(abs(e.start_char - anchor[1]),
                                                                  abs(e.end_char - anchor[0]))
        return (reporting, attributive, coarse, not opening, e.kind.startswith("range") and dist > 0, dist)
    cands = [e for e in cands if not _FUTURE_WORDS.search(text[max(0, e.start_char - 40):e.start_char])]
    return min(cands, key=score) if cands else None


def resolve_date(text: str, published_at: dt.date | None, anchor: tuple[int, int] = (0, 0),
                 sentences: list[Span] | None = None, dates: list[DateExpr] | None = None,
                 own: tuple[int, int] | None = None) -> DateReading:
    """The date of the event reported at `anchor` (clean offsets) in `text`; see the module docstring. `own`: the
    words of the article's own date (`article_date`), which say when it was written, not when the event was."""
    if dates is None:
        dates = find_dates(text, published_at)
    sent = _sentence_at(sentences, anchor[0])
    s0, s1 = (sent.start, sent.end) if sent else _sentence_bounds(text, anchor[0])
    usable = [e for e in dates if _usable(e)]
    in_sent = [e for e in usable if s0 <= e.start_char < s1 and not (own and own[0] <= e.start_char < own[1])]
    # a range inside parentheses right after a day belongs to that day, not a rival candidate
    cands = [e for e in in_sent if not _is_appendix(e, in_sent)]
    if published_at is not None:
        # a month or a year ("in 2017") next to a publication date: background, or coarser than the day of
        # publication it contains
        coarse = [e for e in cands if (e.date_prec or 0) >= 4]
        cands = [e for e in cands if e not in coarse]
        if not cands and any(e.start <= published_at <= e.end for e in coarse):
            return DateReading(published_at, 1, published_at - dt.timedelta(days=1), published_at, 2,
                               reason="publication date (within the period the text states)")
    pick = _pick_in_sentence(cands, text, anchor, s0)
    later = _told_next(usable, text, sentences, s1, own)
    if pick is not None and not (later is not None and _said_on(pick, text)):
        return _reading(pick, text, in_sent)
    if later is not None:   # also: "... killed, a monitor said Friday. ... killed in the blast on Thursday"
        r = _reading(later, text, usable)
        r.reason = "the day the next sentences give the story"
        return r
    ref = published_at
    earlier = [e for e in usable if e.end_char <= s0 and e.day is not None and e.date_prec == 1
               and not (own and own[0] <= e.start_char < own[1])]
    if ref is not None:
        earlier = [e for e in earlier if dt.timedelta(0) <= ref - e.day <= dt.timedelta(days=_RECENT_DAYS)]
    elif earlier:
        # no publication date: a full date stated earlier (a dateline) stands in for it
        earlier = [e for e in earlier if not e.relative]
    if earlier:
        # the report's own opening date ("On 5 May 2022, ...") before a date mentioned in passing
        opening = [e for e in earlier if _opens_sentence(text, e, sentences)]
        r = _reading((opening or earlier)[-1], text, usable)
        r.reason = "date stated earlier in the report"
        return r
    if published_at is not None:
        return DateReading(published_at, 1, published_at - dt.timedelta(days=1), published_at, 2,
                           reason="publication date")
    return _unknown(dates)


def _said_on(e: DateExpr, text: str) -> bool:
    """The day something was said ("a monitor said Friday"), not the day it happened."""
    return bool(_REPORTING.search(text[max(0, e.start_char - 60):e.start_char]))


def _told_next(usable: list[DateExpr], text: str, sentences: list[Span] | None, s1: int,
               own: tuple[int, int] | None) -> DateExpr | None:
    """A lead without a day of its own ("Air strikes killed 12 civilians in Aleppo, a monitor said.") takes the day
    its next NEXT_SENTENCES sentences tell ("The strikes hit the market on Tuesday morning."): a day, not the day
    something was said, not the article's own date."""
    if not sentences:
        return None
    i = bisect.bisect_left(sentences, s1, key=lambda s: s.start)
    for sent in sentences[i:i + NEXT_SENTENCES]:
        days = [e for e in usable if sent.start <= e.start_char < sent.end and e.day is not None
                and e.date_prec == 1 and not (own and own[0] <= e.start_char < own[1])
                and not _REPORTING.search(text[max(0, e.start_char - 60):e.start_char])
                and not _FUTURE_WORDS.search(text[max(0, e.start_char - 40):e.start_char])]
        if days:
            return days[0]
    return None


NEXT_SENTENCES = 2


def _opens_sentence(text: str, e: DateExpr, sentences: list[Span] | None) -> bool:
    sent = _sentence_at(sentences, e.start_char)
    s0 = sent.start if sent else _sentence_bounds(text, e.start_char)[0]
    return bool(_OPENING.match(text[s0:e.start_char]))


def _sentence_at(sentences: list[Span] | None, pos: int) -> Span | None:
    """The sentence holding `pos` (sentences in text order, not overlapping), by bisection; None outside them."""
    if not sentences:
        return None
    i = bisect.bisect_right(sentences, pos, key=lambda s: s.start) - 1
    return sentences[i] if i >= 0 and sentences[i].start <= pos < sentences[i].end else None


def _is_appendix(e: DateExpr, others: list[DateExpr]) -> bool:
    return e.kind.startswith("range") and any(o is not e and 0 <= e.start_char - o.end_char <= 4 and o.day
                                              for o in others)


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    a = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos))
    b = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
    return (0 if a < 0 else a + 1), (min(b) + 1 if b else len(text))


def _unknown(dates: list[DateExpr]) -> DateReading:
    """No usable date: the event happened no earlier than the latest period the text mentions as past."""
    past = [e for e in dates if e.start is not None and e.flag in ("", "background")]
    r = DateReading(reason="no date in the text and no publication date")
    if past:
        latest = max(past, key=lambda e: e.start)
        r.date_start = latest.start
        r.span = None
        r.warning = (f"no publication date and no event date; the text mentions {latest.text!r} as past, so the "
                     f"event is dated no earlier than {latest.start.isoformat()}")
    else:
        r.warning = "no publication date and no date in the text: event date unknown"
    unresolved = [e.text for e in dates if e.flag == "unresolved"]
    if unresolved:
        r.warning += f" (relative words {', '.join(repr(u) for u in unresolved[:3])} need a publication date)"
    return r


def _as_date(value) -> dt.date | None:
    """A publication date as a date: dates as they are, 'YYYY-MM-DD...' strings parsed, anything else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


@stage("dates", requires=("clean", "readable", "sentences", "published_at", "events"), assigns=("events.date",))
class DateEvents(Stage):
    """Fill each event's date fields: event_date, time_precision, date_start, date_end, date_prec."""

    def __call__(self, doc: Document) -> Document:
        if not doc.events:
            return doc
        published = _as_date(doc.published_at)
        own = None if published else article_date(doc.clean)
        reference = published or (own.day if own else None)
        dates = find_dates(doc.readable, reference)
        if own is not None and any(e.relative and e.flag == "" for e in dates):
            a, b = doc.to_original(*own.span)
            doc.warn("date-from-article", f"no publication date: relative dates are read against the article's own "
                                          f"date {doc.text[a:b]!r} ({own.how}), {own.day.isoformat()}", a, b)
        for e in dates:
            if e.flag == "invalid":
                a, b = doc.to_original(e.start_char, e.end_char)
                doc.warn("date-invalid", f"{e.text!r} is not a valid date; ignored", a, b)
            elif e.flag == "future" and (published is None or (e.start - published).days > 366):
                a, b = doc.to_original(e.start_char, e.end_char)
                doc.warn("date-future", f"{e.text!r} lies far in the future; not used as an event date", a, b)
        for ev in doc.events:
            r = resolve_date(doc.clean, reference, ev.anchor, doc.sentences, dates,
                             own.span if own and own.dateline else None)
            ev.event_date = r.event_date.isoformat() if r.event_date else None
            ev.time_precision = r.time_precision
            ev.date_start = r.date_start.isoformat() if r.date_start else None
            ev.date_end = r.date_end.isoformat() if r.date_end else None
            ev.date_prec = r.date_prec
            if r.span:
                ev.add_evidence(doc.evidence("event_date", *r.span))
                if r.reason:
                    ev.inferred["event_date"] = r.reason
            elif r.reason:
                ev.inferred["event_date"] = r.reason
            if r.warning:
                doc.warn("date-unknown", r.warning)
        return doc
