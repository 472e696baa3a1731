"""Fusion: one event from many reports (`eventcoder fuse`).

Reports are coded one at a time; a day of news carries the same strike in several of them. `fuse_records(records)`
takes coded events (the prediction contract, one dict each, as `extract` writes them) and returns fused events:
every contract field, plus `reports` (the documents fused), `provenance` (which report's words gave each field) and
`disputed` (fields the reports disagree on, with who says what).

- `rules.py`: the rules of sameness, read from data/fusion_rules.json;
- `report_event.py`: one coded event as fusion reads it (its days, its place, its dyad, its block);
- `sameness.py`: whether two events, or an event and a cluster, are one event, and why not;
- `clusters.py`: blocking by area and type, then a sweep over days: about linear in the number of events;
- `tolls.py`: deaths across reports (ACLED's conservative figure, UCDP's low/best/high, updates, disputes);
- `merge.py`: the fused event's fields, their provenance and disputes;
- `cli.py`: the `fuse` verb.
"""
from __future__ import annotations

from .clusters import FusionResult, fuse_records
from .rules import FusionRules, FusionRulesError, load_rules

__all__ = ["FusionResult", "FusionRules", "FusionRulesError", "fuse_records", "load_rules"]
