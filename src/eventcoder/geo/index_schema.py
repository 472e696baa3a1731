"""The gazetteer index's tables, and the writer that fills them in bulk.

`SCHEMA_VERSION` is part of the index file name (see `gazetteer.default_index_path`): change it whenever the tables
change, so that an old index is rebuilt instead of misread.  `IndexPlace` is one place as the build collects it;
`IndexWriter.add` gives it the next place id and files its name and alternate names under their lookup keys.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Iterable

from . import names as N

SCHEMA_VERSION = 4   # 4: names(pid) index, for per-country name scans

SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE places (
    pid INTEGER PRIMARY KEY,
    geonameid TEXT,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,          -- country | admin1 | admin2 | place | facility | region
    feature_code TEXT,
    cc TEXT,                     -- ISO alpha-2
    admin1 TEXT,
    admin2 TEXT,
    lat REAL,
    lon REAL,
    population INTEGER,
    source TEXT
);
CREATE TABLE names (key TEXT NOT NULL, loose TEXT NOT NULL, pid INTEGER NOT NULL, main INTEGER NOT NULL);
"""
INDEXES = """
CREATE INDEX names_key ON names(key);
CREATE INDEX names_loose ON names(loose);
CREATE INDEX names_pid ON names(pid);
CREATE INDEX places_geonameid ON places(geonameid);
CREATE INDEX places_admin ON places(cc, kind, admin1);
"""


@dataclass
class IndexPlace:
    """One row of `places`, with the alternate names to file under it."""
    name: str
    kind: str
    feature_code: str
    cc: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int
    source: str
    geonameid: str | None = None
    alt: tuple[str, ...] = ()


class IndexWriter:
    """Collects places and names, then writes them in bulk (`flush`); place ids count up from 1 in `add` order."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.next_pid = 1
        self.place_rows: list[tuple] = []
        self.name_rows: list[tuple] = []

    def add(self, p: IndexPlace) -> int:
        pid = self.next_pid
        self.next_pid += 1
        self.place_rows.append((pid, p.geonameid, p.name, p.kind, p.feature_code, p.cc, p.admin1, p.admin2,
                                p.lat, p.lon, p.population, p.source))
        self.add_names(pid, [p.name], main=True)
        self.add_names(pid, p.alt, main=False)
        return pid

    def add_names(self, pid: int, names: Iterable[str], *, main: bool) -> None:
        """File `names` under place `pid` by key (too long, numeric, too short or repeated keys are skipped)."""
        seen = set()
        for n in names:
            if not n or len(n) > 80 or n.isdigit():
                continue
            k = N.key(n)
            if not k or k in seen or len(k) < 2:
                continue
            seen.add(k)
            self.name_rows.append((k, N.loose_of_key(k), pid, int(main)))

    def flush(self) -> None:
        self.conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", self.place_rows)
        self.conn.executemany("INSERT INTO names VALUES (?,?,?,?)", self.name_rows)
        self.place_rows.clear()
        self.name_rows.clear()
