"""Stages: the small steps a `Document` flows through, each registered by name with the contract it keeps.

A stage is a class with `__call__(doc) -> doc` (and optionally `batch(docs)` for a list of documents), registered
with the `@stage` decorator:

    @stage("sources", requires=("clean", "events", "events.location"), assigns=("events.source",))
    class AttributeSources(Stage):
        def __call__(self, doc): ...

`requires` names everything the stage reads and `assigns` everything it writes, as contract names:
- a `Document` attribute: `clean`, `nlp`, `sentences`, `entities`, `places`, `geography`, `events`, `title`, ...;
- `events.<field>`: a field of every `Event` (`events.country`), or a group of fields (`events.actors`, see
  `model.EVENT_FIELD_GROUPS`);
- `notes.<field>`: a working note about an event (`model.EventNotes`, read with `doc.notes_of(ev)`); notes are
  optional (an event nobody left a note about has empty notes), so requiring one never breaks a chain;
- an optional annotation (`OPTIONAL_NAMES`: `relevance`): a stage may require it whether or not the pipeline has a
  stage that assigns it; without one it stays None (`parse` reads `relevance` when a `relevance` stage ran before
  it, and parses everything when none did). When a stage does assign it, it must come before every stage that
  requires it.
Names are checked against the real attributes when a stage is registered (`ContractError`), and the chain is
checked when a pipeline is built (`pipeline.Pipeline`): a stage may only require what the input or an earlier stage
assigns. `pipeline.Pipeline(..., audit=True)` also records what each stage really reads, so a stage that reads
something it does not declare is caught by the tests.

The registry maps names to stage classes; `pipeline.build_pipeline(["repair", ..., "finalize"])` builds a pipeline
from names, and a user adds or replaces a stage by registering it under a new or an existing name
(`replace=True`). This module imports no stage: stage modules import it.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from .errors import EventcoderError
from .model import EVENT_FIELD_GROUPS, Document, Event, EventNotes


class ContractError(EventcoderError):
    """A stage declares a contract name that is not a real attribute, or a pipeline's chain is broken."""


class Stage:
    """Base class of a pipeline stage. `@stage` sets `name`, `requires` and `assigns`; subclasses implement
    `__call__(doc) -> doc` (and may implement `batch(docs)`, which must leave each document as `__call__` would)."""
    name: str = "stage"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    def __call__(self, doc: Document) -> Document:  # pragma: no cover - interface
        raise NotImplementedError(f"stage {self.name!r} ({type(self).__name__}) does not implement __call__")

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"


@dataclass(frozen=True)
class StageSpec:
    """A registered stage: its name, the class (or factory) that makes it, and its contract."""
    name: str
    factory: Callable[..., Stage]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    @property
    def summary(self) -> str:
        """The first sentence of the stage's docstring (what `eventcoder info` shows)."""
        text = " ".join((self.factory.__doc__ or "").split("\n\n")[0].split())
        first = text.find(". ")
        return text[:first + 1] if first >= 0 else text

    @property
    def where(self) -> str:
        return f"{self.factory.__module__}.{self.factory.__qualname__}"


_REGISTRY: dict[str, StageSpec] = {}

# Document attributes the input itself gives (what a pipeline starts with)
INPUT_NAMES = ("id", "text", "title", "url", "source", "published_at", "origin", "warnings", "focus_country")
# Document annotations a stage may require without any stage assigning them: None when no stage did
OPTIONAL_NAMES = frozenset({"relevance"})


def optional(name: str) -> bool:
    """True for a contract name a chain need not assign: working notes (`notes.*`) and `OPTIONAL_NAMES`."""
    return name.startswith("notes.") or name in OPTIONAL_NAMES


@lru_cache(maxsize=None)
def document_names() -> frozenset[str]:
    """The contract names of `Document` annotations: its public instance attributes."""
    probe = Document("probe", "")
    return frozenset(k for k in vars(probe) if not k.startswith("_")) | {"clean"}


@lru_cache(maxsize=None)
def event_names() -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(Event)) | {"interaction"}


@lru_cache(maxsize=None)
def note_names() -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(EventNotes))


def expand(name: str) -> set[str]:
    """A contract name with its field groups spelled out: `events.actors` -> {events.actors, events.actor1, ...}."""
    head, _, rest = name.partition(".")
    out = {name}
    if head == "events" and rest in EVENT_FIELD_GROUPS:
        out.update(f"events.{f}" for f in EVENT_FIELD_GROUPS[rest])
    return out


def check_name(name: str, where: str) -> None:
    """Raise ContractError unless `name` is a real Document attribute, Event field (or group) or EventNotes field."""
    head, dot, rest = name.partition(".")
    if not dot:
        if name not in document_names():
            raise ContractError(f"{where}: {name!r} is not a Document attribute "
                                f"(known: {', '.join(sorted(document_names()))})")
        return
    if head == "events":
        if rest not in event_names() and rest not in EVENT_FIELD_GROUPS:
            raise ContractError(f"{where}: {name!r}: Event has no field or field group {rest!r} "
                                f"(groups: {', '.join(sorted(EVENT_FIELD_GROUPS))})")
    elif head == "notes":
        if rest not in note_names():
            raise ContractError(f"{where}: {name!r}: EventNotes has no field {rest!r} "
                                f"(known: {', '.join(sorted(note_names()))})")
    else:
        raise ContractError(f"{where}: {name!r}: a contract name is a Document attribute, events.<field> or "
                            f"notes.<field>")


def stage(name: str, *, requires: tuple[str, ...] | list[str] = (), assigns: tuple[str, ...] | list[str] = (),
          replace: bool = False):
    """Class decorator: register a `Stage` subclass under `name` with its contract (checked here)."""
    def register_class(cls):
        register(name, cls, requires=requires, assigns=assigns, replace=replace)
        cls.name, cls.requires, cls.assigns = name, tuple(requires), tuple(assigns)
        return cls
    return register_class


def register(name: str, factory: Callable[..., Stage], *, requires=(), assigns=(), replace: bool = False) -> StageSpec:
    """Register a stage factory under `name`. Registering a taken name is an error unless `replace` is true."""
    where = f"stage {name!r} ({getattr(factory, '__qualname__', factory)})"
    for n in tuple(requires) + tuple(assigns):
        check_name(n, where)
    spec = StageSpec(name, factory, tuple(requires), tuple(assigns))
    old = _REGISTRY.get(name)
    if old is not None and not replace and old.where != spec.where:
        raise ContractError(f"a stage named {name!r} is already registered ({old.where}); pass replace=True to "
                            f"replace it, or choose another name")
    _REGISTRY[name] = spec
    return spec


def registered() -> dict[str, StageSpec]:
    """Every registered stage, by name (import `eventcoder.pipeline` first to register the built-in ones)."""
    return dict(_REGISTRY)


def spec_of(name: str) -> StageSpec:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise ContractError(f"no stage named {name!r}; registered: {', '.join(sorted(_REGISTRY)) or 'none'}") \
            from None
