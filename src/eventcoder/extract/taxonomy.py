"""The ACLED event taxonomy as data (`eventcoder/data/taxonomy.json`), with lookups the coder and exporters use.

Contract:
- `taxonomy()` returns the loaded `Taxonomy` (cached); it never touches the network.
- `Taxonomy.event_type_of(sub)`, `.disorder_type_of(sub)`, `.definition(sub)`, `.cameo(sub)`, `.plover(sub)`
  raise `KeyError` with a helpful message for an unknown sub-event type; `.normalize_sub(name)` accepts
  ACLED's alternative spellings and case/punctuation differences and returns the canonical name (or None).
- Per-sub-event-type behaviour is data too (the keys are described in the file's `sub_event_type_keys`):
  `.priority(sub)` (smaller wins a tie), `.family(name)` (the sub-event types of a family such as "explosive",
  "violent", "protest"), `.in_family(sub, name)`, `.default_actor1(sub)`, `.default_actor2(sub)`,
  `.civilian_victims(sub)`, `.deaths(sub)`, `.flag(sub, key)`, `.actor1_fallbacks(sub)`, `.reason(sub)`.
  These take canonical names only and raise `KeyError` naming the known ones for any other label.
- `Taxonomy(data)` validates at load and raises `TaxonomyError` saying what to fix: every sub-event type has a
  unique integer priority, families that are declared, and known values for the keys above.  Adding a sub-event
  type is a data edit here (plus lexicon cues for its words).
- `interaction_code(inter1, inter2)` and `interaction_label(code)` follow ACLED's two-digit convention.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def _key(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", (s or "").lower())


class TaxonomyError(ValueError):
    """taxonomy.json is not usable; the message names the sub-event type and the key to fix."""


CIVILIAN_VICTIMS = ("always", "when named", "never")
DEATHS = ("possible", "none by definition", "not expected")
ACTOR1_FALLBACKS = ("armed actor named before", "default", "government, protesters or rioters named",
                    "civilians named")
FLAGS = ("same_actor_both_sides", "actor2_only_if_joint", "air_force_unit")


@dataclass(frozen=True)
class SubEventType:
    event_type: str
    sub_event_type: str
    disorder_type: str
    definition: str
    cameo: str | None
    plover: str | None
    priority: int
    families: tuple[str, ...]
    default_actor1: str | None
    default_actor2: str | None
    civilian_victims: str
    deaths: str
    same_actor_both_sides: bool = False
    actor1_fallbacks: tuple[str, ...] = ()
    actor2_only_if_joint: bool = False
    air_force_unit: bool = False
    reason: str | None = None


_REQUIRED = ("event_type", "sub_event_type", "disorder_type", "definition", "cameo", "plover", "priority",
             "families", "default_actor1", "default_actor2", "civilian_victims", "deaths")
_OPTIONAL = ("same_actor_both_sides", "actor1_fallbacks", "actor2_only_if_joint", "air_force_unit", "reason")


def _sub_event_type(r: dict, families: dict) -> SubEventType:
    """One entry of `sub_event_types`, checked (TaxonomyError names the entry and what to fix)."""
    name = r.get("sub_event_type", "?")
    where = f"taxonomy.json: sub-event type {name!r}"
    missing = [k for k in _REQUIRED if k not in r]
    if missing:
        raise TaxonomyError(f"{where} has no {', '.join(repr(k) for k in missing)}; every sub-event type needs "
                            f"{', '.join(_REQUIRED)} (see `sub_event_type_keys`)")
    unknown = sorted(set(r) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        raise TaxonomyError(f"{where}: unknown key(s) {', '.join(map(repr, unknown))}; known: "
                            f"{', '.join(_REQUIRED + _OPTIONAL)}")
    if not isinstance(r["priority"], int) or isinstance(r["priority"], bool):
        raise TaxonomyError(f"{where}: 'priority' must be an integer (smaller wins a tie), not {r['priority']!r}")
    for key, allowed in (("civilian_victims", CIVILIAN_VICTIMS), ("deaths", DEATHS)):
        if r[key] not in allowed:
            raise TaxonomyError(f"{where}: {key!r} must be one of {', '.join(map(repr, allowed))}, not {r[key]!r}")
    bad = [f for f in r["families"] if f not in families]
    if bad:
        raise TaxonomyError(f"{where}: undeclared families {', '.join(map(repr, bad))}; declare them under "
                            f"'families' (known: {', '.join(families)})")
    bad = [f for f in r.get("actor1_fallbacks", ()) if f not in ACTOR1_FALLBACKS]
    if bad:
        raise TaxonomyError(f"{where}: unknown actor1_fallbacks {', '.join(map(repr, bad))}; known: "
                            f"{', '.join(map(repr, ACTOR1_FALLBACKS))}")
    if "default" in r.get("actor1_fallbacks", ()) and r["default_actor1"] is None:
        raise TaxonomyError(f"{where}: actor1_fallbacks names 'default' but default_actor1 is null")
    return SubEventType(**{**r, "families": tuple(r["families"]),
                           "actor1_fallbacks": tuple(r.get("actor1_fallbacks", ()))})


def _check_priorities(subs: dict[str, SubEventType]) -> None:
    seen: dict[int, str] = {}
    for s in subs.values():
        if s.priority in seen:
            raise TaxonomyError(f"taxonomy.json: {s.sub_event_type!r} and {seen[s.priority]!r} share priority "
                                f"{s.priority}; priorities decide ties and must be unique")
        seen[s.priority] = s.sub_event_type


class Taxonomy:
    def __init__(self, data: dict):
        self.data = data
        self.families: dict[str, str] = dict(data.get("families", {}))
        self.subs: dict[str, SubEventType] = {}
        for r in data["sub_event_types"]:
            sub = _sub_event_type(r, self.families)
            if sub.sub_event_type in self.subs:
                raise TaxonomyError(f"taxonomy.json: sub-event type {sub.sub_event_type!r} is listed twice")
            self.subs[sub.sub_event_type] = sub
        _check_priorities(self.subs)
        self.by_priority: list[str] = sorted(self.subs, key=lambda n: self.subs[n].priority)
        self._families = {f: frozenset(n for n in self.by_priority if f in self.subs[n].families)
                          for f in self.families}
        self.inter_codes: dict[int, str] = {int(k): v for k, v in data["inter_codes"].items()}
        self.disorder_types: list[str] = list(data["disorder_types"])
        self._by_key = {_key(n): n for n in self.subs}
        for alias, canon in data.get("sub_event_type_aliases", {}).items():
            self._by_key[_key(alias)] = canon
        self._disorder_alias = {_key(a): c for a, c in data.get("disorder_type_aliases", {}).items()}

    # --- lookups --------------------------------------------------------------------------------------------
    @property
    def event_types(self) -> list[str]:
        return list(dict.fromkeys(s.event_type for s in self.subs.values()))

    @property
    def sub_event_types(self) -> list[str]:
        return list(self.subs)

    def subs_of(self, event_type: str) -> list[str]:
        return [s.sub_event_type for s in self.subs.values() if s.event_type == event_type]

    def normalize_sub(self, name: str | None) -> str | None:
        return self._by_key.get(_key(name or ""))

    def normalize_disorder(self, name: str | None) -> str | None:
        k = _key(name or "")
        for d in self.disorder_types:
            if _key(d) == k:
                return d
        return self._disorder_alias.get(k)

    def _get(self, sub: str) -> SubEventType:
        canon = self.normalize_sub(sub)
        if canon is None:
            raise KeyError(f"unknown ACLED sub-event type {sub!r}; known: {', '.join(self.subs)}")
        return self.subs[canon]

    def event_type_of(self, sub: str) -> str:
        return self._get(sub).event_type

    def disorder_type_of(self, sub: str) -> str:
        return self._get(sub).disorder_type

    def definition(self, sub: str) -> str:
        return self._get(sub).definition

    def cameo(self, sub: str) -> str | None:
        return self._get(sub).cameo

    def plover(self, sub: str) -> str | None:
        return self._get(sub).plover

    # --- behaviour per sub-event type (canonical names only) --------------------------------------------------
    def _exact(self, sub: str) -> SubEventType:
        try:
            return self.subs[sub]
        except KeyError:
            raise KeyError(f"{sub!r} is not a sub-event type of taxonomy.json (known: {', '.join(self.subs)}); "
                           f"add it there with its priority and families, or fix the label (a lexicon section "
                           f"or a trained model's class)") from None

    def priority(self, sub: str) -> int:
        """Smaller wins a tie between sub-event types of equal score."""
        return self._exact(sub).priority

    def family(self, name: str) -> frozenset[str]:
        """The sub-event types of a family declared in taxonomy.json ("explosive", "violent", "protest", ...)."""
        try:
            return self._families[name]
        except KeyError:
            raise KeyError(f"no family {name!r} in taxonomy.json (declared: {', '.join(self.families)})") from None

    def in_family(self, sub: str, name: str) -> bool:
        """Whether `sub` belongs to family `name` (both must be known)."""
        return name in self._exact(sub).families and sub in self.family(name)

    def default_actor1(self, sub: str) -> str | None:
        return self._exact(sub).default_actor1

    def default_actor2(self, sub: str) -> str | None:
        return self._exact(sub).default_actor2

    def civilian_victims(self, sub: str) -> str:
        """'always', 'when named' (when its sentence names civilians) or 'never'."""
        return self._exact(sub).civilian_victims

    def deaths(self, sub: str) -> str:
        """'possible', 'none by definition' or 'not expected'."""
        return self._exact(sub).deaths

    def flag(self, sub: str, key: str) -> bool:
        """An optional true/false key (`FLAGS`) of a sub-event type."""
        if key not in FLAGS:
            raise KeyError(f"{key!r} is not a flag of taxonomy.json sub-event types (known: {', '.join(FLAGS)})")
        return getattr(self._exact(sub), key)

    def actor1_fallbacks(self, sub: str) -> tuple[str, ...]:
        return self._exact(sub).actor1_fallbacks

    def reason(self, sub: str) -> str | None:
        return self._exact(sub).reason


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    """The shipped taxonomy (read once from the package data)."""
    text = resources.files("eventcoder").joinpath("data/taxonomy.json").read_text(encoding="utf-8")
    return Taxonomy(json.loads(text))


def interaction_code(inter1: int | None, inter2: int | None) -> int:
    """ACLED's interaction code: the two inter codes, smaller first; a lone actor gives `<code>0`."""
    a, b = sorted((int(inter1 or 0), int(inter2 or 0)))
    return int(f"{b}0") if a == 0 else int(f"{a}{b}")


def interaction_label(code: int) -> str:
    """Words for an interaction code, e.g. 17 -> 'State Forces versus Civilians', 60 -> 'Sole Protesters'."""
    names = taxonomy().inter_codes
    s = f"{int(code):02d}"
    a, b = int(s[0]), int(s[1])
    if a not in names or b not in names:
        raise KeyError(f"unknown interaction code {code!r}: both digits must be ACLED inter codes 0-8")
    if b == 0:
        return f"Sole {names[a]}"
    if a == b:
        return f"{names[a]} versus {names[b]} (internal)"
    return f"{names[a]} versus {names[b]}"
