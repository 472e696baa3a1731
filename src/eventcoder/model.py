"""The data model: one `Document` flows through the stages; each stage adds typed annotations to it.

Offsets
-------
`Document.text` is the text exactly as the user gave it and never changes.  Repair produces `Document.clean`
together with a map from every clean character back to the original span it came from.  Stages work on
`clean`; anything that leaves the program (an `Evidence`, a `PlaceMention`) is converted with
`Document.to_original`, so emitted offsets always index the original text exactly.
"""
from __future__ import annotations

import bisect
import functools
import datetime as dt
import hashlib
from dataclasses import MISSING, asdict, dataclass, field, fields
from typing import Any, Sequence

from .version import __version__


@dataclass(frozen=True)
class Evidence:
    """The words a field was read from: offsets into the *original* text (end exclusive)."""
    field: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class DocWarning:
    """Something a careful reader should know about a document (damage, a skipped part, a missing date).

    `kind` is a stable machine-readable code (`mojibake-unrepaired`, `duplicate-paragraphs`, ...);
    `start`/`end`, when set, are offsets into the original text."""
    kind: str
    message: str
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(frozen=True)
class Span:
    """A span of the clean text, with a label (sentence, entity, ...)."""
    start: int
    end: int
    label: str = ""


@dataclass
class PlaceMention:
    """A toponym (or demonym, facility) in the clean text, resolved to a gazetteer entry when possible."""
    start: int
    end: int
    text: str
    kind: str = "place"            # place | demonym | facility | region | country
    latitude: float | None = None
    longitude: float | None = None
    name: str | None = None        # the gazetteer's name for it
    country_code: str | None = None  # ISO alpha-2
    admin1: str | None = None
    admin2: str | None = None
    feature_code: str | None = None
    geonameid: int | str | None = None
    population: int | None = None
    score: float = 0.0


class Document:
    """A report: the original text, its repaired form with an offset map, metadata, warnings and annotations."""

    def __init__(self, id: str, text: str, *, title: str | None = None, url: str | None = None,
                 source: str | None = None, published_at: dt.date | None = None, language: str | None = None,
                 origin: str | None = None):
        self.id = str(id)
        self.text = text
        self.title = title
        self.url = url
        self.source = source
        self.published_at = published_at
        self.language = language
        self.origin = origin                  # where it came from: path, path:line, url
        self.raw_html: bytes | None = None    # the page as fetched (a URL, a feed's link, a web archive), stored
        self.focus_country: str | None = None  # ISO alpha-2 of the user's --focus-country hint (evidence, no override)
        self.warnings: list[DocWarning] = []
        # set by repair: the clean text and, per clean character, the original span it stands for
        self.clean: str = text
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None
        # annotations set by the stages
        self.sentences: list[Span] = []
        self.entities: list[Span] = []
        self.places: list[PlaceMention] = []
        self.geography: Any = None            # the report's geography as the locator reads it (geo/geography.py)
        self.relevance: Relevance | None = None   # the cheap pre-parse reading: which parts may report an event
        self.events: list[Event] = []
        self.nlp: Any = None                  # the spaCy Doc over `clean` (transient, never stored)
        self.readable: str = text             # `clean` as far as the parse read it (cut at the parse's limit)
        self.event_notes: dict[int, tuple[Event, EventNotes]] = {}   # working notes per event (see notes_of)
        self.skipped: str | None = None       # why the coder skipped this document, if it did
        self.error: str | None = None         # set when a stage failed on this document (the batch goes on)

    # --- offsets -------------------------------------------------------------------------------------------
    def set_clean(self, clean: str, starts: Sequence[int], ends: Sequence[int]) -> None:
        if not (len(clean) == len(starts) == len(ends)):
            raise ValueError("offset map must have one entry per clean character")
        self.clean, self._starts, self._ends = clean, starts, ends
        self.readable = clean

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean-text span to the original-text span it came from."""
        if self._starts is None:
            return start, end
        if end <= start:
            pos = self._starts[start] if start < len(self._starts) else len(self.text)
            return pos, pos
        return self._starts[start], self._ends[end - 1]

    def evidence(self, field: str, start: int, end: int) -> Evidence:
        """Evidence for `field` from a clean-text span; offsets and text refer to the original text."""
        a, b = self.to_original(start, end)
        return Evidence(field, a, b, self.text[a:b])

    def warn(self, kind: str, message: str, start: int | None = None, end: int | None = None) -> None:
        if not any(w.kind == kind and w.message == message for w in self.warnings):
            self.warnings.append(DocWarning(kind, message, start, end))

    def sentence_of(self, pos: int) -> Span | None:
        """The sentence holding clean offset `pos` (sentences are in text order), or None."""
        i = bisect.bisect_right(self.sentences, pos, key=lambda s: s.start) - 1
        if i >= 0 and self.sentences[i].start <= pos < self.sentences[i].end:
            return self.sentences[i]
        return None

    def notes_of(self, event: Event) -> EventNotes:
        """The working notes about one of this document's events (created empty on first use). The entry keeps
        the event alive, so an id() is never reused for another event while its notes exist."""
        entry = self.event_notes.get(id(event))
        if entry is None or entry[0] is not event:
            entry = self.event_notes[id(event)] = (event, EventNotes())
        return entry[1]

    def __repr__(self) -> str:
        return f"Document(id={self.id!r}, {len(self.text)} chars, {len(self.events)} events)"


def output_field(part: str, sql: str | None, default: Any = None, **kw: Any) -> Any:
    """Declare an `Event` field that leaves the program. `part`: "key" (id, doc_id), "acled" (ACLED's fields, declared
    in ACLED's export order), "extra" (the contract's UCDP-style extras), "meta" (factuality, confidence, ...).
    `sql`: its column type in the database (None: not an events column, e.g. the evidence has its own table)."""
    return field(default=default, metadata={"part": part, "sql": sql}, **kw)


# ACLED columns an Event computes instead of storing: name -> (the declared field it follows, SQL type).
COMPUTED_FIELDS = {"interaction": ("inter2", "INTEGER")}


@dataclass
class Event:
    """One coded event: ACLED's fields, the UCDP-style extras, and the evidence behind each filled field.

    The fields declared with `output_field` are the event as it leaves the program, in the contract's order: the JSONL
    contract, the database columns and the ACLED CSV columns are all read from these declarations
    (`contract_fields`, `stored_fields`, `ACLED_FIELDS`, `EXTRA_FIELDS`); add a field here and every output has it
    (the database also needs a migration: `store/migrations.py`)."""
    id: str = output_field("key", "TEXT", "", kw_only=True)
    doc_id: str = output_field("key", "TEXT", MISSING)
    anchor: tuple[int, int]                 # clean-text span of the words that report the event
    # ACLED's fields, in ACLED's export order (`interaction`, computed, follows inter2)
    event_date: str | None = output_field("acled", "TEXT")
    time_precision: int | None = output_field("acled", "INTEGER")
    disorder_type: str | None = output_field("acled", "TEXT")
    event_type: str | None = output_field("acled", "TEXT")
    sub_event_type: str | None = output_field("acled", "TEXT")
    actor1: str | None = output_field("acled", "TEXT")
    assoc_actor_1: str | None = output_field("acled", "TEXT")
    inter1: int = output_field("acled", "INTEGER", 0)
    actor2: str | None = output_field("acled", "TEXT")
    assoc_actor_2: str | None = output_field("acled", "TEXT")
    inter2: int = output_field("acled", "INTEGER", 0)
    civilian_targeting: str | None = output_field("acled", "TEXT")
    iso: int | None = output_field("acled", "INTEGER")
    country: str | None = output_field("acled", "TEXT")
    admin1: str | None = output_field("acled", "TEXT")
    admin2: str | None = output_field("acled", "TEXT")
    admin3: str | None = output_field("acled", "TEXT")
    location: str | None = output_field("acled", "TEXT")
    latitude: float | None = output_field("acled", "REAL")
    longitude: float | None = output_field("acled", "REAL")
    geo_precision: int | None = output_field("acled", "INTEGER")
    source: str | None = output_field("acled", "TEXT")
    source_scale: str | None = output_field("acled", "TEXT")
    notes: str | None = output_field("acled", "TEXT")
    fatalities: int | None = output_field("acled", "INTEGER")
    # the contract's extras (UCDP-style date range and death estimates)
    date_start: str | None = output_field("extra", "TEXT")
    date_end: str | None = output_field("extra", "TEXT")
    date_prec: int | None = output_field("extra", "INTEGER")
    where_prec: int | None = output_field("extra", "INTEGER")
    fatalities_low: int | None = output_field("extra", "INTEGER")
    fatalities_best: int | None = output_field("extra", "INTEGER")
    fatalities_high: int | None = output_field("extra", "INTEGER")
    fatalities_civilians: int | None = output_field("extra", "INTEGER")
    # about the coding
    factuality: str = output_field("meta", "TEXT", "occurred")  # occurred|planned|threatened|denied|hypothetical
    confidence: float = output_field("meta", "REAL", 0.5)
    coder_version: str = output_field("meta", "TEXT", __version__)
    evidence: list[Evidence] = output_field("meta", None, MISSING, default_factory=list)
    inferred: dict[str, str] = output_field("meta", "TEXT", MISSING, default_factory=dict)
    explanation: list[str] = field(default_factory=list)

    @property
    def interaction(self) -> int:
        a, b = sorted((self.inter1 or 0, self.inter2 or 0))
        return int(f"{b}0") if a == 0 else int(f"{a}{b}")

    def add_evidence(self, ev: Evidence) -> None:
        if ev.end > ev.start and ev not in self.evidence:
            self.evidence.append(ev)

    def to_contract(self) -> dict:
        """The event as one line of the prediction contract (`../shared/bench/README.md`): `contract_fields()`."""
        out = {name: getattr(self, name) for name in contract_fields(type(self))}
        out.update(confidence=round(self.confidence, 4), evidence=[e.to_dict() for e in self.evidence],
                   inferred=dict(self.inferred))
        return out


@functools.lru_cache(maxsize=None)
def contract_fields(cls: type = Event) -> tuple[str, ...]:
    """The keys of a contract line, in order: the `output_field`s as declared, computed ones after their field."""
    names: list[str] = []
    for f in fields(cls):
        if "part" in f.metadata:
            names.append(f.name)
            names += [c for c, (after, _) in COMPUTED_FIELDS.items() if after == f.name]
    return tuple(names)


def _part(cls: type, part: str) -> tuple[str, ...]:
    parts = {f.name: f.metadata["part"] for f in fields(cls) if "part" in f.metadata}
    parts.update((c, parts[after]) for c, (after, _) in COMPUTED_FIELDS.items() if after in parts)
    return tuple(n for n in contract_fields(cls) if parts[n] == part)


def stored_fields(cls: type = Event) -> tuple[tuple[str, str], ...]:
    """The events table's columns an event fills, as (name, SQL type), in contract order."""
    sql = {f.name: f.metadata["sql"] for f in fields(cls) if "part" in f.metadata}
    sql.update((c, t) for c, (_, t) in COMPUTED_FIELDS.items())
    return tuple((n, sql[n]) for n in contract_fields(cls) if sql[n])


ACLED_FIELDS = _part(Event, "acled")     # ACLED's fields an event carries, in ACLED's export order
EXTRA_FIELDS = _part(Event, "extra")     # the contract's extra fields, after ACLED's


@dataclass
class Relevance:
    """The cheap reading made before the parse (stage `relevance`): does the report tell of an event ACLED codes,
    and where? `score` is the document's score (the best sentence's); `sentences` the clean-text spans of the
    sentences read, each with its score; `parse` the clean-text spans worth parsing (relevant sentences and their
    neighbours, merged, in order) — the rest of the text is read only by the cheap pass."""
    score: float
    sentences: list[tuple[int, int, float]] = field(default_factory=list)
    parse: list[tuple[int, int]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    threshold: float = 0.0     # the score a sentence needs to be coded (and the report, to be coded at all)


@dataclass
class EventNotes:
    """Working notes about one event that stages pass to later stages; kept on the document
    (`Document.notes_of(event)`), never on the exported `Event`. Contract names: `notes.<field>`."""
    civilian_hint: bool = False                  # the wording makes civilians the victims (DetectEvents)
    place_hint: PlaceMention | None = None       # the place DetectEvents split this event off for (LocateEvents)
    actor_scope: tuple[int, int] | None = None   # the clean-text clause its actors come from (CodeActors)
    clause_of: Event | None = None               # the incident's lead event, when split off by its clause
    title_match: tuple | None = None             # how well its place matches the title's places (geo/title.py)


# Contract names for groups of event fields a stage fills together (`events.actors` = all of these); see stage.py.
EVENT_FIELD_GROUPS: dict[str, tuple[str, ...]] = {
    "actors": ("actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "civilian_targeting"),
    "location": ("country", "iso", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
                 "geo_precision", "where_prec"),
    "date": ("event_date", "time_precision", "date_start", "date_end", "date_prec"),
    "fatalities": ("fatalities", "fatalities_low", "fatalities_best", "fatalities_high", "fatalities_civilians"),
    "source": ("source", "source_scale"),
}
# What every event has from the moment it is detected: requiring `events` lets a stage read these.
EVENT_CORE: tuple[str, ...] = ("doc_id", "anchor", "event_type", "sub_event_type", "disorder_type", "factuality",
                               "confidence", "coder_version", "evidence", "inferred", "explanation", "notes")


def event_id(doc_id: str, anchor_start: int, anchor_end: int, sub_event_type: str | None = None) -> str:
    """A stable event id: the same document and the same anchor words give the same id on every rerun."""
    h = hashlib.sha1(f"{doc_id}\x00{anchor_start}\x00{anchor_end}\x00{sub_event_type or ''}".encode()).hexdigest()
    return "ev-" + h[:16]


def document_id(text: str) -> str:
    """A content-derived id for documents that arrive without one."""
    return "doc-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
