"""The ACLED event taxonomy as data (`eventcoder/data/taxonomy.json`), with lookups the coder and exporters use.

Contract:
- `taxonomy()` returns the loaded `Taxonomy` (cached); it never touches the network.
- `Taxonomy.event_type_of(sub)`, `.disorder_type_of(sub)`, `.definition(sub)`, `.cameo(sub)`, `.plover(sub)`
  raise `KeyError` with a helpful message for an unknown sub-event type; `.normalize_sub(name)` accepts
  ACLED's alternative spellings and case/punctuation differences and returns the canonical name (or None).
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


@dataclass(frozen=True)
class SubEventType:
    event_type: str
    sub_event_type: str
    disorder_type: str
    definition: str
    cameo: str | None
    plover: str | None


class Taxonomy:
    def __init__(self, data: dict):
        self.data = data
        self.subs: dict[str, SubEventType] = {r["sub_event_type"]: SubEventType(**r) for r in data["sub_event_types"]}
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
