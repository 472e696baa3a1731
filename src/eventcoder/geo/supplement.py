"""The project's curated supplement to the gazetteer: the `data/geo/*.tsv` tables (facts with their source).

Read through `eventcoder.resources`, so a missing or unreadable table is a `DataError` naming the file.
`supplement_fingerprint()` is part of the index file name: any change to a shipped table rebuilds the index.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache

from ..resources import data_bytes, data_names, data_tsv


def supplement_table(name: str) -> list[dict]:
    """Rows of the shipped table `data/geo/<name>` as dicts (header line first; `#` lines are comments)."""
    return data_tsv("geo", name)


def supplement_tables(prefix: str) -> list[str]:
    """Names of the shipped `data/geo/<prefix>*.tsv` tables, sorted (the build must not depend on directory order)."""
    return data_names("geo", prefix=prefix, suffix=".tsv")


def supplement_place_files() -> list[str]:
    """The supplement's place tables: `places.tsv` plus any `places_*.tsv` (one file per region keeps them
    reviewable), all with the same columns."""
    return supplement_tables("places")


def supplement_fingerprint() -> str:
    """Ten hex digits of the SHA-1 over the name and bytes of every `data/geo/*.tsv` and `*.json`, by name."""
    h = hashlib.sha1()
    for name in data_names("geo"):
        if name.endswith((".tsv", ".json")):
            h.update(name.encode())
            h.update(data_bytes("geo", name))
    return h.hexdigest()[:10]


@lru_cache(maxsize=1)
def admin1_abbreviations() -> dict[str, tuple[str, str]]:
    """Written abbreviation of a first-level unit ("La.", "Va.") -> (country, admin1), from admin1_abbrev.tsv."""
    out = {}
    for r in supplement_table("admin1_abbrev.tsv"):
        for a in r["abbreviations"].split(";"):
            a = a.strip()
            if a:
                out[a] = (r["country"], r["admin1"])
    return out
