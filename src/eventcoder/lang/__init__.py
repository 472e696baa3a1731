"""Per-language vocabulary: the word lists the coder's regexes and rules are built from, as data.

`eventcoder/lang/<code>/<name>.txt` holds one list: one entry a line (an entry may be several words), `#` starts a
comment, blank lines are skipped. A list is written once and every module that needs it reads it here:

    from eventcoder.lang import words, alternation
    UNITS = words("units")                       # ('city', 'town', 'village', ...)
    UNIT_RE = re.compile(rf"\\b(?:{alternation('units')})\\b", re.I)

A list whose entries carry a value (a number word and its number, a month and its number) is written
"entry<TAB>value" a line and read with `pairs(name)`.

A missing list is an error (`DataError`) that names the file, never an empty list.
To add a language: create `lang/<code>/` with the same file names (see lang/en/README.md for what each holds).
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..resources import DataError

DEFAULT = "en"


def _lines(name: str, lang: str) -> list[str]:
    """The non-blank lines of a list with comments taken off, stripped."""
    path = resources.files("eventcoder").joinpath("lang", lang, f"{name}.txt")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"no word list {name!r} for language {lang!r} (eventcoder/lang/{lang}/{name}.txt): {exc}; "
                        f"reinstall eventcoder, or add the file when adding a language") from exc
    out = []
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            out.append(entry)
    return out


@lru_cache(maxsize=None)
def words(name: str, lang: str = DEFAULT) -> tuple[str, ...]:
    """The entries of `lang/<lang>/<name>.txt`, in file order, without duplicates (of a pairs list: the entries
    without their values)."""
    return tuple(dict.fromkeys(line.split("\t", 1)[0].strip() for line in _lines(name, lang)))


@lru_cache(maxsize=None)
def pairs(name: str, lang: str = DEFAULT) -> tuple[tuple[str, str], ...]:
    """The (entry, value) pairs of a list written "entry<TAB>value" a line, in file order.

    An entry may be listed once only, and every line needs exactly one value: anything else is a `DataError`
    naming the file and the line, so a typo never silently drops or doubles a word."""
    out: dict[str, str] = {}
    for line in _lines(name, lang):
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != 2 or not all(cells):
            raise DataError(f"eventcoder/lang/{lang}/{name}.txt: {line!r} is not 'entry<TAB>value'; fix the line")
        if cells[0] in out:
            raise DataError(f"eventcoder/lang/{lang}/{name}.txt: {cells[0]!r} is listed twice; keep one line")
        out[cells[0]] = cells[1]
    return tuple(out.items())


def word_set(name: str, lang: str = DEFAULT) -> frozenset[str]:
    """The entries of a list, lower-cased, as a set (for membership tests)."""
    return frozenset(w.lower() for w in words(name, lang))


def alternation(*names: str, lang: str = DEFAULT) -> str:
    """A regex alternation of the entries of one or more lists, longest first, escaped (spaces match any run of
    whitespace). Wrap it yourself: rf"\\b(?:{alternation('units')})\\b"."""
    entries = sorted({w for n in names for w in words(n, lang)}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in entries)


def any_of(*names: str, lang: str = DEFAULT) -> str:
    """The entries of one or more lists in file order, escaped and joined with `|` (no reordering: use it where a
    regex's alternation order matters, or to keep a rebuilt regex exactly as it was). Wrap it yourself."""
    return "|".join(re.escape(w) for name in names for w in words(name, lang))


def languages() -> list[str]:
    """The languages with a vocabulary folder."""
    root = resources.files("eventcoder").joinpath("lang")
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))
