"""Event records for export: stored rows and prediction files turned into contract dicts, and the filters.

A contract dict is what `Event.to_contract()` gives (see the benchmark README): `id`, `doc_id`, ACLED's fields, the
UCDP-style extras, `factuality`, `confidence`, `coder_version`, `evidence`, `inferred` (`model.contract_fields()`).
"""
from __future__ import annotations

import json
from typing import Iterable, Iterator

from ..errors import InputError
from ..model import contract_fields

CONTRACT_KEYS = contract_fields()


def contract_from_row(row: dict) -> dict:
    """A stored event row (with its evidence) as a contract dict, keys in contract order."""
    out = {k: row.get(k) for k in CONTRACT_KEYS}
    out["evidence"] = list(row.get("evidence") or [])
    out["inferred"] = dict(row.get("inferred") or {})
    return out


def read_events_jsonl(stream, name: str) -> Iterator[dict | InputError]:
    """Events from a JSONL prediction file (what `eventcoder extract` writes); bad lines become InputErrors."""
    for lineno, line in enumerate(stream, 1):
        if isinstance(line, bytes):
            line = line.decode("utf-8", "replace")
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"{name}:{lineno}", f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(rec, dict):
            yield InputError(f"{name}:{lineno}", f"a JSON {type(rec).__name__} where an event object was expected")
            continue
        yield rec


def _lower(v) -> str:
    return str(v or "").strip().lower()


def matches(ev: dict, *, country: str | None = None, since: str | None = None, until: str | None = None,
            event_type: str | None = None) -> bool:
    """The export filters: country name (any case), event_date within [since, until], event or sub-event type."""
    if country and _lower(ev.get("country")) != country.strip().lower():
        return False
    date = str(ev.get("event_date") or "")[:10]
    if (since or until) and not date:
        return False
    if since and date < since:
        return False
    if until and date > until:
        return False
    if event_type and event_type.strip().lower() not in (_lower(ev.get("event_type")), _lower(ev.get("sub_event_type"))):
        return False
    return True


def filter_events(events: Iterable[dict], **filters) -> Iterator[dict]:
    return (ev for ev in events if matches(ev, **filters))
