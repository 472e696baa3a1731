"""One loader for all package data (`eventcoder/data/...`): text, JSON, TSV tables and word lists.

Every module that reads a shipped file goes through here, so a missing or unreadable file is one clear error
(`DataError`, naming the file and what to do) and never an empty list that silently changes the output.

- `data_text("geo", "countries.tsv")` -> str; `data_json("taxonomy.json")` -> object;
- `data_tsv("geo", "admin1.tsv")` -> list of dicts (header line first; lines starting with # are comments);
- `data_names("geo", prefix="places", suffix=".tsv")` -> the sorted file names of a data folder;
- `data_bytes(...)` -> bytes (for fingerprints).
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from .errors import EventcoderError


class DataError(EventcoderError):
    """A shipped data file is missing or unreadable: the installation is broken."""


def _path(parts: tuple[str, ...]):
    return resources.files("eventcoder").joinpath("data", *parts)


def data_bytes(*parts: str) -> bytes:
    try:
        return _path(parts).read_bytes()
    except OSError as exc:
        raise DataError(f"the package data file data/{'/'.join(parts)} cannot be read ({exc}); "
                        f"reinstall eventcoder (pip install --force-reinstall eventcoder)") from exc


def data_text(*parts: str) -> str:
    return data_bytes(*parts).decode("utf-8")


@lru_cache(maxsize=None)
def data_json(*parts: str):
    try:
        return json.loads(data_text(*parts))
    except ValueError as exc:
        raise DataError(f"the package data file data/{'/'.join(parts)} is not valid JSON: {exc}") from exc


def parse_tsv(text: str) -> list[dict]:
    """Rows of a TSV text as dicts (header line first; blank lines and lines starting with # are skipped)."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    if not lines:
        return []
    header = lines[0].split("\t")
    rows = []
    for ln in lines[1:]:
        cells = ln.split("\t")
        rows.append({h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)})
    return rows


def data_tsv(*parts: str) -> list[dict]:
    return parse_tsv(data_text(*parts))


def data_names(*parts: str, prefix: str = "", suffix: str = "") -> list[str]:
    """The sorted names of the files in a data folder (sorted: nothing may depend on directory order)."""
    folder = _path(parts)
    if not folder.is_dir():
        raise DataError(f"the package data folder data/{'/'.join(parts)} is missing; reinstall eventcoder")
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(prefix) and p.name.endswith(suffix))
