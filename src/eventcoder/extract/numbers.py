"""Numbers in news text: digits (incl. Arabic-Indic), number words, and vague quantities ("dozens", "at least 5").

`find_quantities(text)` returns every quantity with its clean-text span and a low/best/high reading:

    >>> [q.best for q in find_quantities("at least twenty-five people and dozens of others")]
    [25, 12]

Number words come from the word lists `lang/en/number_words.txt` (word and value) and `count_articles.txt`
("a"/"an" count one); `number_words(low, high)` hands other modules the words of a range of values.
Vague words map to conservative figures through the versioned convention table
`eventcoder/data/fatality_conventions.json` ("tens" -> 10, "dozens" -> 12, "hundreds" -> 100, ...).
Nothing here raises on odd input: an unreadable or absurd figure is returned with `flag` set instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import lang
from ..resources import data_json

# Arabic-Indic (U+0660..) and Eastern Arabic-Indic / Persian (U+06F0..) digits, plus the Arabic thousands separator.
_DIGIT_TABLE = {**{0x0660 + i: str(i) for i in range(10)}, **{0x06F0 + i: str(i) for i in range(10)},
                0x066C: ",", 0x066B: "."}

# A figure above this is not a plausible count of people in one report; it is flagged, not used.
MAX_PLAUSIBLE = 1_000_000

# the cardinal number words and their values, in list order ("zero" .. "billion")
CARDINALS: dict[str, int] = {w: int(v) for w, v in lang.pairs("number_words")}
# a number word is a unit (below 20), a ten (20..90) or a scale (100 and up); "a"/"an" count as the unit one
UNITS = {**{w: v for w, v in CARDINALS.items() if v < 20}, **{a: 1 for a in lang.words("count_articles")}}
TENS = {w: v for w, v in CARDINALS.items() if 20 <= v < 100}
SCALES = {w: v for w, v in CARDINALS.items() if v >= 100}


def number_words(low: int, high: int) -> tuple[str, ...]:
    """The cardinal number words whose value lies in low..high (inclusive), in list order: number_words(1, 3) ->
    ('one', 'two', 'three'). Articles ("a", "an") are not among them."""
    return tuple(w for w, v in CARDINALS.items() if low <= v <= high)


def conventions() -> dict:
    """The convention table (vague words -> figures), loaded once from the shipped JSON file."""
    return data_json("fatality_conventions.json")


def normalize_digits(text: str) -> str:
    """Replace Arabic-Indic digits with ASCII digits; the result has the same length (offsets are kept)."""
    return text.translate(_DIGIT_TABLE)


@dataclass(frozen=True)
class Quantity:
    """A quantity in the text: span (clean offsets), the reading, and how it was qualified.

    `low`/`best`/`high` follow UCDP: "at least 5" -> 5/5/None, "up to 5" -> 0/5/5 with best 5, "5-7" -> 5/5/7,
    "dozens" -> 12/12/None.  `conservative` is ACLED's single figure.  `flag` explains an unusable figure
    ("implausible", "unreadable")."""
    start: int
    end: int
    text: str
    best: int | None
    low: int | None = None
    high: int | None = None
    qualifier: str = ""          # at least | more than | up to | about | range | vague | ""
    vague: bool = False
    flag: str = ""

    @property
    def conservative(self) -> int | None:
        return self.low if self.low is not None else self.best


_WORD_NUM = "|".join(sorted(list(UNITS) + list(TENS) + list(SCALES), key=len, reverse=True))
_NUM_WORD_RE = rf"(?:{_WORD_NUM})"
# a run of number words: "twenty-five", "one hundred and twenty", "three thousand"
_WORDS_RUN = rf"{_NUM_WORD_RE}(?:(?:[\s-]+|\s+and\s+){_NUM_WORD_RE})*"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
_SCALE_WORDS = "|".join(SCALES)
_SCALE_AFTER = rf"(?:\s+(?:{_SCALE_WORDS}))?"


def _vague_words() -> dict[str, dict]:
    return conventions()["vague"]


def _qualifiers() -> dict[str, str]:
    return conventions()["qualifiers"]


def words_to_int(words: str) -> int | None:
    """'twenty-five' -> 25, 'one hundred and twenty' -> 120, 'a dozen' handled by the caller; None if unreadable."""
    toks = [t for t in re.split(r"[\s-]+", words.lower()) if t and t != "and"]
    if not toks:
        return None
    total, cur, seen = 0, 0, False
    for t in toks:
        if t in UNITS:
            if seen and cur % 10 != 0 and t not in ("a", "an"):
                return None       # "five three": two numbers, not one
            cur += UNITS[t]
        elif t in TENS:
            cur += TENS[t]
        elif t in SCALES:
            cur = max(cur, 1) * SCALES[t]
            if SCALES[t] >= 1000:
                total, cur = total + cur, 0
        else:
            return None
        seen = True
    return total + cur


def digits_to_int(s: str) -> int | None:
    """'1,200' -> 1200, '12' -> 12, '1.5 million' -> 1500000; None if unreadable."""
    s = normalize_digits(s).lower().strip()
    m = re.fullmatch(rf"([\d.,]+)\s*({_SCALE_WORDS})?", s)
    if not m:
        return None
    num, scale = m.group(1), m.group(2)
    if len(num) > 24:
        return MAX_PLAUSIBLE * 1000          # absurdly long: read as implausible, not as a number
    try:
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+", num):
            val = float(num.replace(",", ""))
        else:
            val = float(num.replace(",", "."))  if num.count(",") == 1 and "." not in num and scale else \
                float(num.replace(",", ""))
    except (ValueError, OverflowError):
        return None
    if scale:
        val *= SCALES[scale]
    if val != val or val in (float("inf"), float("-inf")):
        return None
    if val != int(val) and not scale:
        return None           # 2.5 people: a measurement, not a count
    return int(val)


def _build_regex() -> re.Pattern:
    quals = sorted(_qualifiers(), key=len, reverse=True)
    qual = "|".join(re.escape(q) for q in quals)
    vague = "|".join(re.escape(v) for v in sorted(_vague_words(), key=len, reverse=True))
    single = rf"(?:(?:{_DIGITS}){_SCALE_AFTER}|{_WORDS_RUN})"
    return re.compile(
        rf"(?<![\w.,-])(?:(?P<qual>{qual})\s+)?"
        rf"(?:(?P<vague>{vague})"
        rf"|between\s+(?P<ba>{single})\s*(?:and|to|-|–)\s*(?P<bb>{single})"
        rf"|(?P<a>{single})(?:\s*(?:-|–|to|or)\s*(?P<b>{single}))?)"
        rf"(?![\w])(?!\.\d)(?!-year|-day|-month|\s*(?:%|percent|per cent|km|kilomet|mm\b|years? old|st\b|nd\b|rd\b|th\b))",
        re.IGNORECASE)


@lru_cache(maxsize=1)
def _regex() -> re.Pattern:
    return _build_regex()


def _read_single(s: str) -> int | None:
    s = s.strip()
    if re.match(r"[\d٠-٩۰-۹]", s):
        return digits_to_int(s)
    return words_to_int(s)


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every quantity in text[start:end], in order, with clean offsets.  Never raises."""
    end = len(text) if end is None else end
    norm = normalize_digits(text[start:end])
    out: list[Quantity] = []
    vague_tab, qual_tab = _vague_words(), _qualifiers()
    for m in _regex().finditer(norm):
        a, b = m.start() + start, m.end() + start
        qual = (m.group("qual") or "").lower()
        kind = qual_tab.get(qual, "") if qual else ""
        if m.group("vague"):
            entry = vague_tab[m.group("vague").lower()]
            out.append(Quantity(a, b, text[a:b], entry["best"], entry.get("low", entry["best"]),
                                entry.get("high"), kind or "vague", True))
            continue
        raw_a, raw_b = m.group("a") or m.group("ba"), m.group("b") or m.group("bb")
        if raw_a.lower() in ("a", "an", "no", "one") and not qual and not raw_b:
            # bare articles are counted by the caller only where a noun follows; keep "one" as a number
            if raw_a.lower() != "one":
                continue
        va = _read_single(raw_a)
        vb = _read_single(raw_b) if raw_b else None
        if va is None:
            out.append(Quantity(a, b, text[a:b], None, flag="unreadable"))
            continue
        if vb is not None and vb <= va:
            vb = None            # "5 or 3": not a range
        if max(va, vb or 0) > MAX_PLAUSIBLE:
            out.append(Quantity(a, b, text[a:b], None, flag="implausible"))
            continue
        if vb is not None:
            out.append(Quantity(a, b, text[a:b], va, va, vb, "range"))
        elif kind == "at least":
            out.append(Quantity(a, b, text[a:b], va, va, None, kind))
        elif kind == "more than":
            out.append(Quantity(a, b, text[a:b], va, va, None, kind))
        elif kind == "up to":
            out.append(Quantity(a, b, text[a:b], va, 0 if va <= 1 else 1, va, kind))
        elif kind == "about":
            out.append(Quantity(a, b, text[a:b], va, va, va, kind))
        elif kind == "less than":
            out.append(Quantity(a, b, text[a:b], max(va - 1, 0), 0, max(va - 1, 0), kind))
        else:
            out.append(Quantity(a, b, text[a:b], va, va, va, kind))
    return out


def parse_quantity(s: str) -> Quantity | None:
    """The single quantity a short string states ('at least 5', 'dozens', 'ثلاثة' is not supported), or None."""
    qs = [q for q in find_quantities(s) if q.best is not None]
    return qs[0] if len(qs) == 1 else None
