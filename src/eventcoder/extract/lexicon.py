"""The event trigger lexicon (`eventcoder/data/event_lexicon.txt`): cue regexes that vote for ACLED sub-event types.

Contract:
- `load_lexicon(path=None)` parses the shipped file (or a user's file of the same format) into a `Lexicon`;
  a malformed line raises `LexiconError` naming the file and line, and so does a section (or a [prefix] target)
  that is neither a sub-event type of taxonomy.json nor a "none:", "mod:" or "actor:" section.
- `Lexicon.match(text)` returns every `CueMatch` in `text` (one per cue line: its first occurrence), each with the
  section it votes for, its weight and the clean-text span relative to `text`.
The file format is documented at the top of the data file; users may extend it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..lang import any_of
from ..resources import DataError
from .required_words import required_literals
from .taxonomy import taxonomy


class LexiconError(ValueError):
    """A lexicon file could not be read; the message names the file, the line and what is wrong."""


@dataclass(frozen=True)
class Cue:
    section: str          # sub-event type, "none:<reason>", "mod:<kind>", "actor:<kind>"
    weight: float
    pattern: re.Pattern
    source: str           # the regex as written
    line: int
    outcome: bool = False  # an outcome cue (casualties) refines an event but never opens a new one
    literals: frozenset[str] | None = None   # a match contains one of these (lower-case); None: no such set


NOTE_TAG = "note tag"   # the `source` of a cue match made from an ACLED-style note tag


# characters that Python's case-insensitive matching folds to ASCII letters but str.lower() does not
_FOLD = str.maketrans({"\u017f": "s", "\u212a": "k", "\u0130": "i"})


def folded(text: str) -> str:
    """`text` lower-cased as the cue prefilter compares it (a cue whose literals are all absent cannot match)."""
    return text.translate(_FOLD).lower()


def could_match(cue: "Cue", low: str) -> bool:
    """False only when `cue` cannot match a text whose `folded` form is `low`."""
    return cue.literals is None or any(lit in low for lit in cue.literals)


@dataclass(frozen=True)
class CueMatch:
    cue: Cue
    start: int
    end: int
    text: str

    @property
    def section(self) -> str:
        return self.cue.section

    @property
    def weight(self) -> float:
        return self.cue.weight


class Lexicon:
    def __init__(self, cues: list[Cue], prefixes: list[tuple[re.Pattern, str, float]]):
        self.cues = cues
        self.prefixes = prefixes

    def match(self, text: str) -> list[CueMatch]:
        out = []
        low = folded(text)
        for cue in self.cues:
            if not could_match(cue, low):
                continue
            m = cue.pattern.search(text)
            if m:
                out.append(CueMatch(cue, m.start(), m.end(), m.group(0)))
        return out

    def find_all(self, text: str) -> list[CueMatch]:
        """Every match of every cue in `text` (not only the first), in cue order; cues whose literal pieces the
        text lacks are skipped (they cannot match)."""
        low = folded(text)
        return [CueMatch(cue, m.start(), m.end(), m.group(0)) for cue in self.cues if could_match(cue, low)
                for m in cue.pattern.finditer(text)]

    def note_tag(self, text: str, offset: int = 0) -> CueMatch | None:
        """The ACLED-style tag opening `text` ("Looting: On ...") as a cue match one stronger than the tag's
        weight (offsets shifted by `offset`), or None."""
        pre = self.prefix(text)
        if pre is None:
            return None
        label, w, end = pre
        start = len(text) - len(text.lstrip())
        return CueMatch(Cue(label, w + 1, re.compile(""), NOTE_TAG, 0), offset + start, offset + end, text[start:end])

    def prefix(self, text: str) -> tuple[str, float, int] | None:
        """An ACLED-style note tag ("Looting: On ...") at the start of `text`: (sub-event type, weight, tag end)."""
        for pat, label, w in self.prefixes:
            m = pat.match(text)
            if m:
                return label, w, m.end(1)
        return None


_LIST = re.compile(r"\{list:(\w+)\}")


def expand_lists(regex: str, where: str) -> str:
    """`{list:NAME}` in a cue stands for the entries of `lang/en/NAME.txt` as alternatives (in file order), so a
    word list the coder keeps elsewhere is not written again in the lexicon."""
    try:
        return _LIST.sub(lambda m: any_of(m.group(1)), regex)
    except DataError as exc:
        raise LexiconError(f"{where}: {exc}") from None


def _compile(regex: str, where: str) -> re.Pattern:
    try:
        return re.compile(r"(?<![\w-])(?:" + regex + r")(?![\w])", re.IGNORECASE)
    except re.error as e:
        raise LexiconError(f"{where}: bad regex {regex!r}: {e}") from None


_OTHER_SECTIONS = ("none:", "mod:", "actor:")


def _check_label(label: str, where: str) -> None:
    """A cue votes for a sub-event type of taxonomy.json (its priority breaks ties): anything else is an error."""
    tax = taxonomy()
    if label not in tax.subs:
        raise LexiconError(f"{where}: {label!r} is not a sub-event type of taxonomy.json; use one of "
                           f"{', '.join(tax.subs)} (or a none:/mod:/actor: section), or add it to taxonomy.json")


def parse_lexicon(text: str, name: str = "<lexicon>") -> Lexicon:
    cues: list[Cue] = []
    prefixes: list[tuple[re.Pattern, str, float]] = []
    section = None
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        where = f"{name}:{no}"
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            if section != "prefix" and not section.startswith(_OTHER_SECTIONS):
                _check_label(section, where)
            continue
        if section is None:
            raise LexiconError(f"{where}: a cue line before any [section] header")
        m = re.match(r"^(\d+(?:\.\d+)?)(~?)\s+(.+)$", line)
        if not m:
            raise LexiconError(f"{where}: expected 'WEIGHT REGEX', got {line!r}")
        weight, outcome, body = float(m.group(1)), bool(m.group(2)), m.group(3).strip()
        if section == "prefix":
            if "=>" not in body:
                raise LexiconError(f"{where}: a [prefix] line needs 'TAG => sub-event type'")
            tag, label = (s.strip() for s in body.split("=>", 1))
            _check_label(label, where)
            prefixes.append((re.compile(r"^\s*(" + tag + r")\s*:", re.IGNORECASE), label, weight))
            continue
        regex = expand_lists(body, where)
        cues.append(Cue(section, weight, _compile(regex, where), body, no, outcome, required_literals(regex)))
    return Lexicon(cues, prefixes)


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The shipped lexicon, or the one at `path` (same format)."""
    if path is None:
        text = resources.files("eventcoder").joinpath("data/event_lexicon.txt").read_text(encoding="utf-8")
        return parse_lexicon(text, "event_lexicon.txt")
    p = Path(path)
    if not p.exists():
        raise LexiconError(f"lexicon file {path} does not exist; pass a file in the event_lexicon.txt format")
    return parse_lexicon(p.read_text(encoding="utf-8"), str(p))
