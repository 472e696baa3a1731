"""The output formats of `eventcoder export --format`: a registry of writers, one per format.

Adding a format is one module in `eventcoder/export/` with a registered writer (and a test):

    @writer("kml", suffix=".kml", description="placemarks for Google Earth")
    def write_kml(events: Iterable[dict], out: TextIO, options: WriteOptions) -> Written: ...

`writers()` imports every module of this package once, so a new module's writers are found without another edit;
the CLI builds `--format`'s choices and help from them. A writer gets contract dicts (`export/records.py`), writes
them to `out` and returns a `Written`: how many it wrote, and how many it had to leave out and why.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Callable, Iterable, TextIO

from ..errors import EventcoderError


@dataclass(frozen=True)
class WriteOptions:
    """What the user asked of the output; each writer uses the options that concern it."""
    acled_only: bool = False          # csv: only ACLED's 31 columns


@dataclass(frozen=True)
class Written:
    count: int
    left_out: int = 0
    left_out_why: str = ""            # e.g. "without coordinates left out (GeoJSON needs a point)"


WriteFn = Callable[[Iterable[dict], TextIO, WriteOptions], Written]


@dataclass(frozen=True)
class WriterSpec:
    name: str                         # the --format value
    suffix: str                       # the usual file suffix, e.g. ".csv"
    description: str                  # one phrase for --help
    write: WriteFn


_WRITERS: dict[str, WriterSpec] = {}
_discovered = False


def writer(name: str, *, suffix: str, description: str) -> Callable[[WriteFn], WriteFn]:
    """Register the decorated function as the writer of format `name`; a name registered twice is an error."""
    def register(fn: WriteFn) -> WriteFn:
        if name in _WRITERS:
            raise EventcoderError(f"two writers for the export format {name!r}: "
                                  f"{_WRITERS[name].write.__module__} and {fn.__module__}")
        _WRITERS[name] = WriterSpec(name, suffix, description, fn)
        return fn
    return register


def _discover() -> None:
    """Import every module of eventcoder.export once, so their writers register themselves."""
    global _discovered
    if _discovered:
        return
    package = importlib.import_module(__package__)
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        importlib.import_module(f"{__package__}.{info.name}")
    _discovered = True


def writers() -> dict[str, WriterSpec]:
    """Every registered format, by name."""
    _discover()
    return dict(_WRITERS)


def get_writer(name: str) -> WriterSpec:
    """The writer of format `name`; an EventcoderError naming the formats there are otherwise."""
    found = writers().get(name)
    if found is None:
        raise EventcoderError(f"unknown export format {name!r}; use one of {', '.join(writers())}")
    return found
