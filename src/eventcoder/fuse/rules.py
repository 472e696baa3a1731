"""The rules of sameness as data: data/fusion_rules.json (or a user's file of the same shape, `--rules FILE`).

`load_rules(path=None)` -> FusionRules; a missing key or a value of the wrong kind is a FusionRulesError naming the
key and the file, never a silent default.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import EventcoderError
from ..lang import alternation
from ..resources import data_json


class FusionRulesError(EventcoderError):
    """A fusion rules file is unreadable or lacks a rule."""


@dataclass(frozen=True)
class FusionRules:
    tolerance_days: int
    max_range_days: int
    same_point_km: float
    coarse_precisions: frozenset[int]
    compatible_sub_events: frozenset[frozenset[str]]
    conflict_when_both_name: int
    update_words: re.Pattern
    disputed_ratio: float
    disputed_margin: int
    origin: str

    def sub_events_agree(self, a: str | None, b: str | None) -> bool:
        return a == b or frozenset((a, b)) in self.compatible_sub_events

    def tolls_disputed(self, low: int, high: int) -> bool:
        return high - low > self.disputed_margin and high > self.disputed_ratio * low


def load_rules(path: str | Path | None = None) -> FusionRules:
    if path is None:
        raw, origin = data_json("fusion_rules.json"), "eventcoder/data/fusion_rules.json"
    else:
        origin = str(path)
        try:
            raw = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise FusionRulesError(f"cannot read fusion rules {origin}: {exc}; give a JSON file shaped like "
                                   f"eventcoder/data/fusion_rules.json") from None
    get = _getter(raw, origin)
    pairs = get("types", "compatible_sub_events", list)
    if not all(isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in pairs):
        raise FusionRulesError(f"{origin}: types.compatible_sub_events must be a list of [sub-event type, sub-event "
                               f"type] pairs")
    return FusionRules(
        tolerance_days=get("date", "tolerance_days", int), max_range_days=get("date", "max_range_days", int),
        same_point_km=float(get("place", "same_point_km", (int, float))),
        coarse_precisions=frozenset(get("place", "coarse_precisions", list)),
        compatible_sub_events=frozenset(frozenset(p) for p in pairs),
        conflict_when_both_name=get("actors", "conflict_when_both_name", int),
        update_words=re.compile(rf"\b(?:{alternation(get('tolls', 'update_words', str))})\b", re.IGNORECASE),
        disputed_ratio=float(get("tolls", "disputed_ratio", (int, float))),
        disputed_margin=get("tolls", "disputed_margin", int), origin=origin)


def _getter(raw, origin: str):
    def get(section: str, key: str, kind):
        try:
            value = raw[section][key]
        except (KeyError, TypeError):
            raise FusionRulesError(f"{origin}: no rule {section}.{key}; see eventcoder/data/fusion_rules.json for "
                                   f"every rule and what it means") from None
        if not isinstance(value, kind) or isinstance(value, bool):
            raise FusionRulesError(f"{origin}: {section}.{key} is {value!r}, not a {getattr(kind, '__name__', kind)}")
        return value
    return get
