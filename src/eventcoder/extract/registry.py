"""The actor registry: ACLED-style actor names, their inter codes, the words that name them, and when they apply.

The shipped registry (`data/actors.tsv`) is written from public knowledge of ACLED's conventions; users extend it
with a file of their own in the same format (their entries take precedence).  Format, one actor a line, tab-separated:

    name  inter  kind  country  aliases  valid_from  valid_to  note

`name` may be a template: `{country}` (ACLED country name), `{years}` (government period, "2000-2024" /
"2019-", from `data/governments.tsv`), `{admin1}`/`{admin2}`/`{admin3}` (the event's administrative units),
`{group}` (an ethnic group).  `country` is an ISO alpha-2 code, `*` (a template for any country) or blank
(international).  Aliases are `|`-separated; an acronym ("IS", "HTS", "FAMa") matches with that case, other aliases
in any case; a leading `~` restricts an alias to events in the actor's own country; the alias `@default` makes a
country-bound entry the default actor of its kind in its country.  Lines starting with `#` and blank lines are ignored.  A malformed line raises `RegistryError`
naming the file and line.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..spanset import Taken

KINDS = ("military", "police", "government", "rebel", "militia", "identity", "ethnic", "rioters", "protesters",
         "civilians", "unidentified", "gang", "external", "assoc")
STATE_KINDS = ("military", "police", "government")
ARMED_KINDS = ("military", "police", "rebel", "militia", "identity", "unidentified", "gang", "external")
GROUP_KINDS = ("rebel", "militia", "identity")    # armed non-state groups a report can name ("JNIM", "the Taliban")
_PLACEHOLDERS = {"country", "years", "admin1", "admin2", "admin3", "group"}


class RegistryError(ValueError):
    """A registry file is malformed; the message names the file and line and says what to fix."""


@dataclass(frozen=True)
class Alias:
    text: str
    case_sensitive: bool
    home_only: bool        # counts only in events in the actor's own country


@dataclass(frozen=True)
class ActorEntry:
    """One actor (or actor template) of the registry."""
    name: str
    inter: int
    kind: str
    country: str           # ISO alpha-2, "*" (any country: a template) or "" (international)
    aliases: tuple[Alias, ...]
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    note: str = ""
    origin: str = ""       # file:line it came from

    @property
    def is_template(self) -> bool:
        return self.country == "*"

    def valid_on(self, when: dt.date | None) -> bool:
        """Whether the name applies on `when` (None = unknown date: every entry may apply)."""
        if when is None:
            return True
        if self.valid_from and when < self.valid_from:
            return False
        if self.valid_to and when >= self.valid_to:
            return False
        return True


@dataclass(frozen=True)
class AliasMatch:
    """A span of text naming one or more registry entries (all the entries that share that alias)."""
    start: int
    end: int
    text: str
    entries: tuple[tuple[ActorEntry, Alias], ...]


def _parse_date(cell: str, *, end: bool = False) -> dt.date | None:
    cell = cell.strip()
    if not cell:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", cell)
    if not m:
        raise ValueError(f"date {cell!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if mo is None:
            return dt.date(y + 1, 1, 1) if end else dt.date(y, 1, 1)
        if d is None:
            return dt.date(y, int(mo), 1)
        return dt.date(y, int(mo), int(d))
    except ValueError as e:
        raise ValueError(f"date {cell!r} is not a valid date ({e})") from None


def _acronym_like(text: str) -> bool:
    """Acronyms ("IS", "HTS", "FAMa", "PDFs") match case-sensitively; names and words in any case."""
    letters = [ch for ch in text if ch.isalpha()]
    uppers = sum(ch.isupper() for ch in letters)
    if uppers >= 2 and uppers * 2 >= len(letters):
        return True
    return len(letters) <= 3 and uppers >= 1


def _parse_aliases(cell: str) -> tuple[Alias, ...]:
    out = []
    for raw in cell.split("|"):
        raw = raw.strip()
        home = raw.startswith("~")
        text = raw.lstrip("~").strip()
        if not text:
            continue
        out.append(Alias(text, case_sensitive=_acronym_like(text), home_only=home))
    return tuple(out)


def parse_registry(text: str, origin: str = "<registry>") -> list[ActorEntry]:
    """Entries of a registry file's text; raises RegistryError naming `origin` and the line on a bad line."""
    entries = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{origin}:{lineno}"
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < 5:
            raise RegistryError(f"{where}: expected at least 5 tab-separated columns (name, inter, kind, country, "
                                f"aliases), found {len(cells)}; separate columns with tabs")
        cells += [""] * (8 - len(cells))
        name, inter, kind, country, aliases, v_from, v_to, note = cells[:8]
        if not name:
            raise RegistryError(f"{where}: the name column is empty")
        unknown = set(re.findall(r"\{(\w+)\}", name)) - _PLACEHOLDERS
        if unknown:
            raise RegistryError(f"{where}: unknown placeholder {{{sorted(unknown)[0]}}} in {name!r}; "
                                f"use {{country}}, {{years}}, {{admin1}}, {{admin2}}, {{admin3}} or {{group}}")
        if not re.fullmatch(r"[0-8]", inter):
            raise RegistryError(f"{where}: inter code {inter!r} is not one of 1..8")
        if kind not in KINDS:
            raise RegistryError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
        if country not in ("", "*") and not re.fullmatch(r"[A-Za-z]{2}", country):
            raise RegistryError(f"{where}: country {country!r} is not an ISO alpha-2 code, '*' or blank")
        if "{country}" in name and country != "*" and not country:
            raise RegistryError(f"{where}: {name!r} uses {{country}} but the country column is blank")
        try:
            valid_from, valid_to = _parse_date(v_from), _parse_date(v_to, end=True)
        except ValueError as e:
            raise RegistryError(f"{where}: {e}") from None
        if valid_from and valid_to and valid_to <= valid_from:
            raise RegistryError(f"{where}: valid_to {v_to} is not after valid_from {v_from}")
        alias_list = _parse_aliases(aliases)
        if not alias_list and kind != "ethnic":
            raise RegistryError(f"{where}: no aliases for {name!r}; list the words that name it, separated by '|'")
        entries.append(ActorEntry(name, int(inter), kind, country.upper() if country != "*" else "*", alias_list,
                                  valid_from, valid_to, note, where))
    return entries


def _alias_key(text: str, case_sensitive: bool) -> str:
    text = re.sub(r"['’`]", "", text)
    text = " ".join(re.split(r"[\s\-]+", text.strip()))
    return text if case_sensitive else text.lower()


def _alias_pattern(text: str) -> str:
    parts = []
    for ch in text:
        if ch in "'’`":
            parts.append("['’`]?")
        elif ch.isspace() or ch == "-":
            parts.append(r"[\s\-]+")
        else:
            parts.append(re.escape(ch))
    return re.sub(r"(\[\\s\\-\]\+)+", r"[\\s\\-]+", "".join(parts))

FOUND_KEPT = 64     # at least a pipeline batch (pipeline.run's batch_size, 32)


@dataclass
class Registry:
    """Actor entries plus a matcher over their aliases.  Earlier entries take precedence (user files first)."""
    entries: list[ActorEntry] = field(default_factory=list)

    def __post_init__(self):
        # find's answers for the texts asked about last (id -> (text, matches)), at most FOUND_KEPT
        self._found: dict[int, tuple[str, list[AliasMatch]]] = {}
        self._by_key: dict[tuple[bool, str], list[tuple[ActorEntry, Alias]]] = {}
        for e in self.entries:
            for a in e.aliases:
                if a.text.startswith("@"):
                    continue
                self._by_key.setdefault((a.case_sensitive, _alias_key(a.text, a.case_sensitive)), []).append((e, a))
        self._patterns = []
        for cs in (True, False):
            alts = sorted({a.text for e in self.entries for a in e.aliases
                           if a.case_sensitive == cs and not a.text.startswith("@")},
                          key=lambda t: (-len(t), t))
            if alts:
                body = "|".join(_alias_pattern(t) for t in alts)
                self._patterns.append((cs, re.compile(rf"(?<![\w])(?:{body})(?![\w])", 0 if cs else re.I)))

    # --- construction ----------------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path) -> "Registry":
        """A registry from one file (only that file's entries)."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as e:
            raise RegistryError(f"cannot read actor registry {path}: {e.strerror or e}") from None
        return cls(parse_registry(text, str(path)))

    @classmethod
    def shipped(cls) -> "Registry":
        return _shipped()

    def extended(self, path: str | Path) -> "Registry":
        """This registry with a user's file in front of it (the user's entries win where both name a word)."""
        return Registry(Registry.load(path).entries + self.entries)

    # --- matching --------------------------------------------------------------------------------------------
    def find(self, text: str) -> list[AliasMatch]:
        """Non-overlapping alias mentions in `text`, longest first where they overlap, in text order (a new list).
        Asking again about the same text object reads the text once: relevance, the country vote and the actors
        stage ask about `doc.clean` of every document of a pipeline batch in turn, so the answers for the last
        FOUND_KEPT texts are kept (texts the batch holds anyway)."""
        kept = self._found.get(id(text))
        if kept is None or kept[0] is not text:
            if len(self._found) >= FOUND_KEPT:
                del self._found[next(iter(self._found))]          # the oldest
            kept = self._found[id(text)] = (text, self._find(text))
        return list(kept[1])

    def _find(self, text: str) -> list[AliasMatch]:
        found = []
        for cs, pat in self._patterns:
            for m in pat.finditer(text):
                entries = self._by_key.get((cs, _alias_key(m.group(0), cs)))
                if entries:
                    found.append(AliasMatch(m.start(), m.end(), m.group(0), tuple(entries)))
        found.sort(key=lambda m: (m.start - m.end, m.start))
        taken, kept = Taken(0, len(text)), []
        for m in found:
            if not taken.overlaps(m.start, m.end):
                taken.add(m.start, m.end)
                kept.append(m)
        return sorted(kept, key=lambda m: m.start)

    def templates(self, kind: str) -> list[ActorEntry]:
        return [e for e in self.entries if e.kind == kind and e.is_template]

    def country_default(self, kind: str, alpha2: str | None) -> list[ActorEntry]:
        """Entries marked `@default` for a kind in a country (they replace the generic template there)."""
        if not alpha2:
            return []
        return [e for e in self.entries if e.kind == kind and e.country == alpha2.upper()
                and any(a.text == "@default" for a in e.aliases)]

    def named(self, name: str) -> ActorEntry | None:
        return next((e for e in self.entries if e.name == name), None)


@lru_cache(maxsize=1)
def _shipped() -> Registry:
    text = resources.files("eventcoder").joinpath("data/actors.tsv").read_text(encoding="utf-8")
    return Registry(parse_registry(text, "eventcoder/data/actors.tsv"))


# --- government periods ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class GovernmentPeriod:
    alpha2: str
    start: dt.date
    end: dt.date | None
    note: str

    @property
    def years(self) -> str:
        return f"{self.start.year}-{self.end.year if self.end else ''}"


@lru_cache(maxsize=1)
def government_periods() -> dict[str, list[GovernmentPeriod]]:
    """Government periods per country (ISO alpha-2), oldest first, from the shipped `data/governments.tsv`."""
    text = resources.files("eventcoder").joinpath("data/governments.tsv").read_text(encoding="utf-8")
    out: dict[str, list[GovernmentPeriod]] = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = (line.split("\t") + [""] * 5)[:5]
        try:
            start, end = _parse_date(cells[2]), _parse_date(cells[3])
        except ValueError as e:
            raise RegistryError(f"eventcoder/data/governments.tsv:{lineno}: {e}") from None
        if start is None:
            raise RegistryError(f"eventcoder/data/governments.tsv:{lineno}: no start date")
        out.setdefault(cells[0].strip().upper(), []).append(GovernmentPeriod(cells[0].strip().upper(), start, end,
                                                                             cells[4].strip()))
    for periods in out.values():
        periods.sort(key=lambda p: p.start)
    return out


def government_years(alpha2: str | None, when: dt.date | None) -> str | None:
    """The "(first-last)" years of the government of `alpha2` in power on `when`; None when the date is unknown or
    falls outside the periods we know (a name with no period is better than a wrong one)."""
    periods = government_periods().get((alpha2 or "").upper())
    if not periods or when is None:
        return None
    chosen = None
    for p in periods:
        if p.start <= when and (p.end is None or when < p.end):
            chosen = p
    return chosen.years if chosen else None
