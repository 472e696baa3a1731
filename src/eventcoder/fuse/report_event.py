"""One coded event as fusion reads it: its report, its days, its place, its dyad and the block it is compared in.

`read_event(record, index, rules)` checks the fields fusion needs (a contract line from `extract` or another coder:
`doc_id` and `event_type` at least) and says in `alone` why an event can never be fused (no date, a range too long,
no admin1): "never on missing values alone".
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass

from ..errors import EventcoderError
from .rules import FusionRules


class FusionInputError(EventcoderError):
    """A coded event fusion cannot read."""


@dataclass
class ReportEvent:
    index: int                      # position in the input (ties are broken by it: output is deterministic)
    raw: str                        # the coded event as JSON: parsed again only to merge (memory stays small)
    doc_id: str
    event_id: str                   # the coded event's id (its report's id and position when it has none)
    sub_event_type: str | None
    location: str | None
    start: dt.date | None
    end: dt.date | None
    block: tuple | None             # (country, admin1, event type); None: never fused
    alone: str | None               # why it is never fused
    place: str                      # the location, normalised ("" when none)
    coarse: bool                    # placed only at its admin1
    point: tuple[float, float] | None
    actors: frozenset[str]
    published: str | None           # the report's publication date (ISO), when known
    record: dict | None = None      # the whole coded event, while its cluster is merged (`loaded`)
    outlet: str | None = None       # the outlet that published the report (its document's `source`)

    @property
    def key(self) -> tuple[str, str]:
        """What orders events where order matters (ties): their report and id, never their arrival, so fusion gives
        the same groups and fields in any order of input."""
        return (self.doc_id, self.event_id)

    @property
    def label(self) -> str:
        day = self.start.isoformat() if self.start else "no date"
        return f"{self.doc_id} ({self.location or 'no place'}, {day})"


def read_event(record: dict, index: int, rules: FusionRules) -> ReportEvent:
    if not isinstance(record, dict) or not record.get("doc_id"):
        raise FusionInputError(f"event {index + 1}: not a coded event (it needs at least a doc_id, as "
                               f"`eventcoder extract` writes them)")
    start, end = _days(record, index)
    place = normalised(record.get("location"))
    alone = None
    if not record.get("event_type"):
        alone = "it has no event type"
    elif start is None:
        alone = "it has no date"
    elif (end - start).days + 1 > rules.max_range_days:
        alone = f"its dates span {(end - start).days + 1} days (more than {rules.max_range_days})"
    elif not record.get("admin1"):
        alone = "it is placed no finer than its country"
    country = record.get("iso") or normalised(record.get("country"))
    block = None if alone else (country, normalised(record.get("admin1")), record["event_type"])
    lat, lon = record.get("latitude"), record.get("longitude")
    point = (float(lat), float(lon)) if isinstance(lat, (int, float)) and isinstance(lon, (int, float)) else None
    coarse = record.get("geo_precision") in rules.coarse_precisions
    actors = frozenset(a for a in (actor_key(record.get("actor1")), actor_key(record.get("actor2"))) if a)
    return ReportEvent(index, json.dumps(record, ensure_ascii=False), str(record["doc_id"]),
                       str(record.get("id") or f"{record['doc_id']}#{index}"), record.get("sub_event_type"), record.get("location"), start, end, block, alone, place, coarse,
                       point, actors, record.get("published_at"))


def attach_reports(events: list[ReportEvent], meta: dict[str, tuple[str | None, str | None]]) -> None:
    """Give each event its report's outlet and publication date (`meta`: doc id -> (outlet, published)); a date
    the coded event carries itself stays."""
    for e in events:
        e.outlet, published = meta.get(e.doc_id, (None, None))
        e.published = e.published or published


@contextmanager
def loaded(members: list[ReportEvent]):
    """The members' whole coded events (`record`) for the time their cluster is merged."""
    try:
        for m in members:
            m.record = json.loads(m.raw)
        yield members
    finally:
        for m in members:
            m.record = None


def _days(record: dict, index: int) -> tuple[dt.date | None, dt.date | None]:
    start = _date(record.get("date_start") or record.get("event_date"), "date_start", index)
    end = _date(record.get("date_end") or record.get("event_date"), "date_end", index) or start
    if start is None:
        return None, None
    if end < start:
        raise FusionInputError(f"event {index + 1} ({record.get('doc_id')}): date_end {end} is before date_start "
                               f"{start}")
    return start, end


def _date(value, name: str, index: int) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise FusionInputError(f"event {index + 1}: {name} {value!r} is not a YYYY-MM-DD date") from None


_NOT_WORD = re.compile(r"[\W_]+")
_BRACKETS = re.compile(r"\s*\([^)]*\)")


def normalised(name) -> str:
    """A name compared case-, accent- and punctuation-insensitively ("Deir ez-Zor" = "deir ez zor")."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", text.casefold()).strip()


def actor_key(name) -> str:
    """An actor compared without its period label or country qualifier: 'Military Forces of Syria (2000-2024)' and
    'Military Forces of Syria' are one actor."""
    return normalised(_BRACKETS.sub("", str(name))) if name else ""
