"""Date expressions in English news text, resolved against a reference (publication) date.

`find_dates(text, reference)` returns every `DateExpr` in the text: its clean-text span, the range of days it
stands for (`start`..`end`, inclusive), the day ACLED would code (`day`), ACLED's `time_precision` (1 day,
2 week / a few days, 3 month) and UCDP's `date_prec` (1 day, 2 two to six days, 3 a week, 4 a month, 5 a year).

Absolute dates ("23 February 2022", "Feb. 23, 2022", "2017-04-05", "30.04.2017", "July 2015", "in 2013") need no
reference.  Relative ones ("yesterday", "on Monday", "last week", "overnight", "two days ago", "on 5 March"
without a year) need one; without it they are returned with `day=None` (unresolved) so the caller can say why.
Impossible dates ("31 February") are returned with `flag="invalid"`, never raised; dates after the reference
are flagged "future".

Month and weekday names come from the word lists `lang/en/months.txt`, `month_abbreviations.txt`, `weekdays.txt`
and `weekday_abbreviations.txt`; counted units ("two days ago") from `numbers.number_words`.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass

from ..lang import alternation, pairs, words
from ..spanset import Taken
from .numbers import normalize_digits, number_words, words_to_int

# month and weekday names (full and abbreviated, lower-cased) -> month 1..12 / weekday 0 (Monday)..6
MONTHS = {m.lower(): int(i) for m, i in pairs("months") + pairs("month_abbreviations")}
WEEKDAYS = {d.lower(): int(i) for d, i in pairs("weekdays") + pairs("weekday_abbreviations")}
_ARTICLES = words("count_articles")          # "a week ago": one week

_MON = rf"(?:{alternation('months', 'month_abbreviations')})\.?"
_DAY = r"(?:[0-2]?\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)"
_WDAY = rf"(?:{alternation('weekdays', 'weekday_abbreviations')})\.?"
_NUMW = rf"(?:\d+|{'|'.join(number_words(1, 12) + _ARTICLES)})"

# Order matters: longer, more specific patterns first; a span taken by one is not read again.
_PATTERNS: list[tuple[str, str]] = [
    ("range_dmy", rf"\b(?:between\s+|from\s+)?(?P<d1>{_DAY})(?:\s+(?P<m1>{_MON}))?(?:\s+(?P<y1>{_YEAR}))?\s*"
                  rf"(?:-|–|to|and|until|till)\s*(?P<d2>{_DAY})\s+(?P<m2>{_MON}),?(?:\s+(?P<y2>{_YEAR}))?\b"),
    ("range_mdy", rf"\b(?:between\s+|from\s+)?(?P<m1>{_MON})\s+(?P<d1>{_DAY})\s*(?:-|–|to|and|until|till)\s*"
                  rf"(?:(?P<m2>{_MON})\s+)?(?P<d2>{_DAY}),?(?:\s+(?P<y2>{_YEAR}))?\b"),
    ("iso", rf"\b(?P<y>{_YEAR})-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)\b"),
    ("numeric", rf"\b(?P<d>[0-3]?\d)[./-](?P<m>[01]?\d)[./-](?P<y>{_YEAR})\b"),
    ("dmy", rf"\b(?:(?P<wd>{_WDAY}),?\s+)?(?:the\s+)?(?P<d>{_DAY})(?:\s+of)?\s+(?P<m>{_MON}),?(?:\s+(?P<y>{_YEAR}))?\b"),
    ("mdy", rf"\b(?:(?P<wd>{_WDAY}),?\s+)?(?P<m>{_MON})\s+(?P<d>{_DAY})(?!\d)(?:,?\s+(?P<y>{_YEAR}))?\b"),
    ("my", rf"\b(?P<m>{_MON}),?\s+(?P<y>{_YEAR})\b"),
    ("month", rf"\b(?:in|during|early|mid|late|since|last|this|of|on)\s*-?\s*(?P<m>{alternation('months')})\b(?!\s+\d)"),
    ("year", rf"\b(?:in|during|since|of|early|late|mid|through|until|by)\s*-?\s*(?P<y>{_YEAR})\b(?!\s*[-/.]\d)"),
    ("ago", rf"\b(?P<n>{_NUMW})\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b"),
    ("rel", r"\b(?P<w>the day before yesterday|yesterday|today|tonight|this (?:morning|afternoon|evening)|"
            r"earlier (?:today|this week|this month|this year)|last night|overnight|late last night|"
            r"(?:this|last|past|previous) (?:week|weekend|month|year)|over the weekend|at the weekend|"
            r"on the weekend|in the past (?:24|48|72) hours|(?:during|within|in) (?:the )?(?:past |last )?"
            r"(?:24|48|72) hours|over the past (?:two|three|few|2|3) days|recently|days ago|on the same day)\b"),
    ("weekday", rf"\b(?:(?P<pre>last|this|on|early|late|since|next|by|until)\s+)?(?P<wd>{alternation('weekdays')})(?:'s)?"
                r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b"),
    ("dom", r"\b(?:on\s+)?the\s+(?P<d>[0-2]?\d|3[01])(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:day|anniversary|"
            r"brigade|division|regiment|century|floor|time|consecutive|round|week|month))"),
]
_COMPILED = [(k, re.compile(p, re.IGNORECASE)) for k, p in _PATTERNS]


@dataclass(frozen=True)
class DateExpr:
    """One date expression: span in the text, what it means, and how precise it is.

    `day` is the single day ACLED would code (None when the expression cannot be resolved); `start`/`end` the
    range the words support (inclusive).  `relative` is True when the reading depends on the reference date.
    `kind` names the pattern ("dmy", "weekday", "rel", ...).  `flag` is "invalid", "future", "unresolved",
    "background" ("since 2013") or ""."""
    start_char: int
    end_char: int
    text: str
    kind: str
    day: dt.date | None
    start: dt.date | None
    end: dt.date | None
    time_precision: int | None
    date_prec: int | None
    relative: bool = False
    flag: str = ""


def _int_day(s: str) -> int:
    return int(re.match(r"\d+", s).group(0))


def _month(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")]


def safe_date(y: int, m: int, d: int) -> dt.date | None:
    """The date y-m-d, or None where that day does not exist (31 April)."""
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _month_range(y: int, m: int) -> tuple[dt.date, dt.date]:
    return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])


def _mid(a: dt.date, b: dt.date) -> dt.date:
    return a + (b - a) // 2


def _prec_for_range(a: dt.date, b: dt.date) -> tuple[int, int]:
    """(ACLED time_precision, UCDP date_prec) of a range of days."""
    n = (b - a).days + 1
    if n <= 1:
        return 1, 1
    if n <= 6:
        return 2, 2
    if n <= 7:
        return 2, 3
    if n <= 31:
        return 3, 4
    return 3, 5


def _year_for(m: int, d: int, ref: dt.date | None) -> int | None:
    """The year of a day-and-month without a year: the latest one not after the reference date (+1 day)."""
    if ref is None:
        return None
    for y in (ref.year, ref.year - 1):
        day = safe_date(y, m, d)
        if day is not None and day <= ref + dt.timedelta(days=1):
            return y
    return ref.year - 1


def _expr(m: re.Match, kind: str, day, start, end, ref, relative=False, flag="", prec=None) -> DateExpr:
    if flag == "" and start is not None and end is not None and day is None:
        day = _mid(start, end)
    if prec is None:
        prec = _prec_for_range(start, end) if start and end else (None, None)
    if not flag and ref is not None and start is not None and start > ref + dt.timedelta(days=1):
        flag = "future"
    if not flag and ref is None and start is not None and start > dt.date.today() + dt.timedelta(days=366):
        flag = "future"          # a sanity check only: today's date is never coded as an event date
    return DateExpr(m.start(), m.end(), m.group(0), kind, day, start, end, prec[0], prec[1], relative, flag)


def _unresolved(m: re.Match, kind: str, ref: dt.date | None) -> DateExpr:
    """A date that needs the reference date, read without one."""
    return _expr(m, kind, None, None, None, ref, relative=True, flag="unresolved")


def _invalid(m: re.Match, kind: str, ref: dt.date | None) -> DateExpr:
    """A date that cannot be ("31 February", month 13)."""
    return _expr(m, kind, None, None, None, ref, flag="invalid")


def _since(m: re.Match) -> str:
    """"background" for a date that opens with "since" (a time something has lasted since), else ""."""
    return "background" if m.group(0).lower().startswith("since") else ""


def _read_day(kind: str, m: re.Match, ref: dt.date | None) -> DateExpr:
    """One day: "2017-04-05", "30.04.2017", "23 February 2022", "Feb. 23" (a missing year from the reference)."""
    g = m.groupdict()
    if kind in ("iso", "numeric"):
        mo, d = int(g["m"]), int(g["d"])
        if kind == "numeric" and mo > 12 >= d:
            mo, d = d, mo                     # 04/23/2017: month first
        if not 1 <= mo <= 12:
            return _invalid(m, kind, ref)
    else:
        mo, d = _month(g["m"]), _int_day(g["d"])
    y = int(g["y"]) if g.get("y") else _year_for(mo, d, ref)
    if y is None:
        return _unresolved(m, kind, ref)
    day = safe_date(y, mo, d)
    if day is None:
        return _invalid(m, kind, ref)
    return _expr(m, kind, day, day, day, ref, relative=not g.get("y"))


def _read_range(kind: str, m: re.Match, ref: dt.date | None) -> DateExpr:
    """A range of days: "9-11 February 2022", "between Feb 9 and 11" (a year-end crossing goes back a year)."""
    g = m.groupdict()
    m2 = _month(g["m2"]) if g.get("m2") else None
    m1 = _month(g["m1"]) if g.get("m1") else m2
    m2 = m2 or m1
    d1, d2 = _int_day(g["d1"]), _int_day(g["d2"])
    y2 = int(g["y2"]) if g.get("y2") else (int(g["y1"]) if g.get("y1") else _year_for(m2, d2, ref))
    if y2 is None:
        return _unresolved(m, kind, ref)
    y1 = int(g["y1"]) if g.get("y1") else (y2 if (m1, d1) <= (m2, d2) else y2 - 1)
    a, b = safe_date(y1, m1, d1), safe_date(y2, m2, d2)
    if a is None or b is None or b < a or (b - a).days > 366:
        return _invalid(m, kind, ref)
    return _expr(m, kind, None, a, b, ref)


def _read_month_year(kind: str, m: re.Match, ref: dt.date | None) -> DateExpr:
    """A month of a year: "July 2015"."""
    a, b = _month_range(int(m.group("y")), _month(m.group("m")))
    return _expr(m, kind, None, a, b, ref, prec=(3, 4))


def _read_month(kind: str, m: re.Match, ref: dt.date | None) -> DateExpr:
    """A month without a year ("in March"): the latest one up to the reference date, cut at the reference."""
    mo = _month(m.group("m"))
    if ref is None:
        return _unresolved(m, kind, ref)
    y = ref.year if mo <= ref.month else ref.year - 1
    a, b = _month_range(y, mo)
    return _expr(m, kind, None, a, min(b, ref) if a <= ref <= b else b, ref, relative=True, flag=_since(m),
                 prec=(3, 4))


def _read_year(kind: str, m: re.Match, ref: dt.date | None) -> DateExpr:
    """A year: "in 2013" ("since 2013" is background)."""
    y = int(m.group("y"))
    return _expr(m, kind, None, dt.date(y, 1, 1), dt.date(y, 12, 31), ref, flag=_since(m), prec=(3, 5))


def _read_ago(kind: str, m: re.Match, ref: dt.date) -> DateExpr | None:
    """"two days ago", "a week ago", "three months ago", "five years ago" (years ago are background)."""
    word = m.group("n").lower()
    n = 1 if word in _ARTICLES else (int(word) if word.isdigit() else words_to_int(word))
    if n is None or n > 1000:
        return None
    unit = m.group("unit").lower().rstrip("s")
    if unit == "day":
        d = ref - dt.timedelta(days=n)
        return _expr(m, kind, d, d, d, ref, relative=True)
    if unit == "week":
        a = ref - dt.timedelta(days=7 * n + 3)
        return _expr(m, kind, None, a, a + dt.timedelta(days=6), ref, relative=True, prec=(2, 3))
    if unit == "month":
        y, mo = divmod(ref.year * 12 + ref.month - 1 - n, 12)
        a, b = _month_range(y, mo + 1)
        return _expr(m, kind, None, a, b, ref, relative=True, prec=(3, 4))
    y = ref.year - n
    return _expr(m, kind, None, dt.date(y, 1, 1), dt.date(y, 12, 31), ref, relative=True, flag="background",
                 prec=(3, 5))


def _read_weekday(kind: str, m: re.Match, ref: dt.date) -> DateExpr | None:
    """"on Monday", "last Friday": the latest such day up to the reference ("next Monday" is not an event date)."""
    pre = (m.group("pre") or "").lower()
    if pre in ("next", "by", "until"):
        return None
    back = (ref.weekday() - WEEKDAYS[m.group("wd").lower()]) % 7
    if pre == "last" and back == 0:
        back = 7
    d = ref - dt.timedelta(days=back)
    return _expr(m, kind, d, d, d, ref, relative=True, flag="background" if pre == "since" else "")


def _read_day_of_month(kind: str, m: re.Match, ref: dt.date) -> DateExpr:
    """"on the 5th": that day of the reference month, else of the month before."""
    d = int(m.group("d"))
    day = safe_date(ref.year, ref.month, d)
    if day is None or day > ref + dt.timedelta(days=1):
        y, mo = (ref.year, ref.month - 1) if ref.month > 1 else (ref.year - 1, 12)
        day = safe_date(y, mo, d)
    if day is None:
        return _invalid(m, kind, ref)
    return _expr(m, kind, day, day, day, ref, relative=True)


def _read_relative_words(kind: str, m: re.Match, ref: dt.date) -> DateExpr | None:
    """"yesterday", "last week", "overnight", "in the past 24 hours", ... (`kind` is "rel")."""
    w = " ".join(m.group("w").lower().split())
    one = dt.timedelta(days=1)
    if w == "the day before yesterday":
        d = ref - 2 * one
        return _expr(m, "rel", d, d, d, ref, relative=True)
    if w in ("yesterday", "last night", "late last night"):
        d = ref - one
        return _expr(m, "rel", d, d, d, ref, relative=True)
    if w == "overnight":
        return _expr(m, "rel", ref - one, ref - one, ref, ref, relative=True, prec=(1, 2))
    if w in ("today", "tonight", "earlier today", "on the same day") or w.startswith("this ") and \
            w.split()[1] in ("morning", "afternoon", "evening"):
        return _expr(m, "rel", ref, ref, ref, ref, relative=True)
    if re.match(r"(?:in|during|within) (?:the )?(?:past |last )?(24|48|72) hours", w):
        n = int(re.search(r"\d+", w).group(0)) // 24
        return _expr(m, "rel", ref, ref - n * one, ref, ref, relative=True, prec=(1 if n == 1 else 2, 2))
    if w.startswith("over the past"):
        return _expr(m, "rel", None, ref - 3 * one, ref, ref, relative=True)
    monday = ref - dt.timedelta(days=ref.weekday())
    if w in ("this week", "earlier this week"):
        return _expr(m, "rel", None, monday, ref, ref, relative=True, prec=(2, 3))
    if w in ("last week", "past week", "previous week"):
        a = monday - 7 * one
        return _expr(m, "rel", None, a, a + 6 * one, ref, relative=True, prec=(2, 3))
    if w in ("last weekend", "over the weekend", "at the weekend", "on the weekend", "this weekend",
             "past weekend", "previous weekend"):
        sat = ref - dt.timedelta(days=(ref.weekday() - 5) % 7 or 7)
        return _expr(m, "rel", sat, sat, min(sat + one, ref), ref, relative=True, prec=(2, 2))
    if w in ("this month", "earlier this month"):
        return _expr(m, "rel", None, ref.replace(day=1), ref, ref, relative=True, prec=(3, 4))
    if w in ("last month", "past month", "previous month"):
        last = ref.replace(day=1) - one
        a, b = _month_range(last.year, last.month)
        return _expr(m, "rel", None, a, b, ref, relative=True, prec=(3, 4), flag="background")
    if w in ("this year", "earlier this year"):
        return _expr(m, "rel", None, dt.date(ref.year, 1, 1), ref, ref, relative=True, prec=(3, 5),
                     flag="background")
    if w in ("last year", "past year", "previous year"):
        return _expr(m, "rel", None, dt.date(ref.year - 1, 1, 1), dt.date(ref.year - 1, 12, 31), ref,
                     relative=True, prec=(3, 5), flag="background")
    if w in ("recently", "days ago"):
        return _expr(m, "rel", None, ref - 7 * one, ref, ref, relative=True, prec=(2, 3))
    return None


# how each pattern kind is read: the first table needs no reference date (a missing year may use it), the
# second cannot be read without one
_READ_ABSOLUTE = {"iso": _read_day, "numeric": _read_day, "dmy": _read_day, "mdy": _read_day,
                  "range_dmy": _read_range, "range_mdy": _read_range, "my": _read_month_year,
                  "month": _read_month, "year": _read_year}
_READ_RELATIVE = {"ago": _read_ago, "rel": _read_relative_words, "weekday": _read_weekday,
                  "dom": _read_day_of_month}


def _read(kind: str, m: re.Match, ref: dt.date | None) -> DateExpr | None:
    """The DateExpr a match of pattern `kind` stands for (None: not a date after all, e.g. "next Monday")."""
    if kind in _READ_ABSOLUTE:
        return _READ_ABSOLUTE[kind](kind, m, ref)
    if ref is None:
        return _unresolved(m, kind, ref)
    read = _READ_RELATIVE.get(kind)
    return read(kind, m, ref) if read else None


_YEARLESS = ("dmy", "mdy", "range_dmy", "range_mdy", "dom", "month")


def find_dates(text: str, reference: dt.date | None = None, start: int = 0, end: int | None = None) -> list[DateExpr]:
    """Every date expression in text[start:end] (clean offsets), in text order.  Never raises.

    Without a reference date, a day and month with no year ("between 9 - 11 February") takes its year from the
    nearest full date stated before it (else after it) in the text."""
    end = len(text) if end is None else end
    norm = normalize_digits(text)
    found = _find(text, norm, reference, start, end)
    if reference is not None:
        return found
    full = [e for e in found if e.day is not None and not e.relative and e.flag in ("", "future")]
    if not full:
        return found
    full_starts = [f.start_char for f in full]     # in text order: the nearest one before by bisection
    out = []
    for e in found:
        if e.kind in _YEARLESS and e.flag == "unresolved":
            i = bisect.bisect_left(full_starts, e.start_char)
            local = (full[i - 1] if i > 0 else full[0]).day + dt.timedelta(days=180)   # within half a year after
            again = _find(text, norm, local, e.start_char, e.end_char)
            if len(again) == 1 and again[0].kind == e.kind:
                e = DateExpr(**{**again[0].__dict__, "flag": "" if again[0].flag == "future" else again[0].flag})
        out.append(e)
    return out


def _find(text: str, norm: str, reference: dt.date | None, start: int, end: int) -> list[DateExpr]:
    """The date expressions in text[start:end]; `norm` is `normalize_digits(text)` (made once per text)."""
    taken = Taken(start, end)
    out: list[DateExpr] = []
    for kind, rx in _COMPILED:
        for m in rx.finditer(norm, start, end):
            if taken.overlaps(m.start(), m.end()):
                continue
            try:
                e = _read(kind, m, reference)
            except (ValueError, KeyError, OverflowError):
                e = DateExpr(m.start(), m.end(), m.group(0), kind, None, None, None, None, None, flag="invalid")
            if e is None:
                continue
            if e.text != text[e.start_char:e.end_char]:
                e = DateExpr(**{**e.__dict__, "text": text[e.start_char:e.end_char]})
            out.append(e)
            taken.add(m.start(), m.end())
    out.sort(key=lambda e: e.start_char)
    return out
