"""The gazetteer: a read-only view of the SQLite index, and where the default index lives.

`default_gazetteer()` opens the shipped index, building it on first use into
`platformdirs.user_data_dir("eventcoder")` (or `$EVENTCODER_DATA_DIR`).  The file name carries the package
version, schema version and a fingerprint of the supplement data, so a new version rebuilds instead of reading a
stale index.  `eventcoder gazetteer import` writes a `gazetteer-imported.sqlite` there, which then takes precedence.
"""
from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import names as N
from .index_schema import SCHEMA_VERSION
from .supplement import supplement_fingerprint

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Place:
    pid: int
    geonameid: str | None
    name: str
    kind: str               # country | admin1 | admin2 | place | facility | region
    feature_code: str | None
    cc: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int
    source: str | None

    @property
    def is_admin(self) -> bool:
        return self.kind in ("country", "admin1", "admin2")


class GazetteerError(RuntimeError):
    """The index is missing, unreadable or from another version; the message says what to do."""


def data_dir() -> Path:
    env = os.environ.get("EVENTCODER_DATA_DIR")
    if env:
        return Path(env)
    import platformdirs
    return Path(platformdirs.user_data_dir("eventcoder"))


def default_index_path() -> Path:
    from ..version import __version__
    return data_dir() / f"gazetteer-{__version__}-s{SCHEMA_VERSION}-{supplement_fingerprint()}.sqlite"


def imported_index_path() -> Path:
    return data_dir() / "gazetteer-imported.sqlite"


_lock = threading.Lock()
_default: "Gazetteer | None" = None


def ensure_index(path: Path | None = None, *, log=None) -> Path:
    """The path of a ready index: the imported one if present, else the shipped one (built now if missing)."""
    if path is None:
        imp = imported_index_path()
        if imp.exists() and _readable(imp):
            return imp
        path = default_index_path()
    if not path.exists():
        from .build import build_index
        if log:
            log(f"building the gazetteer index at {path} (once; about a minute)")
        build_index(path, log=log)
        _remove_stale(path)
    return path


def _readable(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        conn.execute("SELECT v FROM meta WHERE k='schema'").fetchone()
        conn.close()
        return True
    except sqlite3.Error:
        return False


def _remove_stale(keep: Path) -> None:
    for p in keep.parent.glob("gazetteer-*.sqlite"):
        if p != keep and p.name != imported_index_path().name:
            try:
                p.unlink()
            except OSError as exc:   # another process may still read it; it is only disk space
                logger.warning("could not remove the stale gazetteer index %s: %s", p, exc)


def default_gazetteer() -> "Gazetteer":
    """The process-wide default gazetteer (built on first use)."""
    global _default
    with _lock:
        if _default is None:
            _default = Gazetteer(ensure_index())
        return _default


_COLS = "pid, geonameid, name, kind, feature_code, cc, admin1, admin2, lat, lon, population, source"


class Gazetteer:
    """Look-ups over one index file (read-only; safe to share across stages of one process)."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        if not self.path.exists():
            raise GazetteerError(f"no gazetteer index at {self.path}: run `eventcoder gazetteer build`")
        try:
            self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self.meta = dict(self._conn.execute("SELECT k, v FROM meta").fetchall())
        except sqlite3.Error as exc:
            raise GazetteerError(f"the gazetteer index {self.path} is unreadable ({exc}): delete it and run "
                                 "`eventcoder gazetteer build`") from exc
        self._by_key = lru_cache(maxsize=50_000)(self._by_key_uncached)
        self._by_loose = lru_cache(maxsize=20_000)(self._by_loose_uncached)
        self._admin1 = lru_cache(maxsize=5_000)(self._admin1_uncached)
        self._country = lru_cache(maxsize=500)(self._country_uncached)

    # --- look-ups ----------------------------------------------------------------------------------------
    def lookup(self, name: str, *, loose: bool = False) -> list[Place]:
        """Places whose name or alternate name has the same key as `name` (or loose key, if `loose`)."""
        k = N.loose(name) if loose else N.key(name)
        if not k:
            return []
        return list(self._by_loose(k) if loose else self._by_key(k))

    def has_key(self, key: str) -> bool:
        return bool(self._by_key(key))

    def by_key(self, key: str) -> list[Place]:
        return list(self._by_key(key))

    def _by_key_uncached(self, k: str) -> tuple[Place, ...]:
        rows = self._conn.execute(f"SELECT DISTINCT {_COLS} FROM places WHERE pid IN "
                                  "(SELECT pid FROM names WHERE key = ?)", (k,)).fetchall()
        return tuple(Place(*r) for r in rows)

    def _by_loose_uncached(self, k: str) -> tuple[Place, ...]:
        rows = self._conn.execute(f"SELECT DISTINCT {_COLS} FROM places WHERE pid IN "
                                  "(SELECT pid FROM names WHERE loose = ?) LIMIT 200", (k,)).fetchall()
        return tuple(Place(*r) for r in rows)

    def names_in_country(self, cc: str, limit: int = -1) -> list[tuple[str, int]]:
        """(name key, pid) of the towns, facilities and regions in country `cc`, at most `limit` of them (for the
        transliteration fallback in `toponyms.py`, which indexes one focus country at a time)."""
        return self._conn.execute("SELECT n.key, n.pid FROM names n JOIN places p ON p.pid = n.pid WHERE p.cc = ? "
                                  "AND p.kind IN ('place', 'facility', 'region', 'admin1', 'admin2') LIMIT ?",
                                  (cc, limit)).fetchall()

    def country(self, cc: str) -> Place | None:
        """The country entry (reference point) for an ISO alpha-2 code."""
        return self._country((cc or "").upper())

    def _country_uncached(self, cc: str) -> Place | None:
        r = self._conn.execute(f"SELECT {_COLS} FROM places WHERE kind='country' AND cc=?", (cc,)).fetchone()
        return Place(*r) if r else None

    def admin1(self, cc: str, name: str) -> Place | None:
        """The admin1 entry named `name` in country `cc`."""
        return self._admin1(cc, name)

    def _admin1_uncached(self, cc: str, name: str) -> Place | None:
        r = self._conn.execute(f"SELECT {_COLS} FROM places WHERE kind='admin1' AND cc=? AND admin1=?",
                               (cc, name)).fetchone()
        return Place(*r) if r else None

    def admin2(self, cc: str, admin1: str, name: str) -> Place | None:
        r = self._conn.execute(f"SELECT {_COLS} FROM places WHERE kind='admin2' AND cc=? AND admin1=? AND "
                               "admin2=?", (cc, admin1, name)).fetchone()
        return Place(*r) if r else None

    def info(self) -> dict:
        n_places = self._conn.execute("SELECT COUNT(*) FROM places").fetchone()[0]
        n_names = self._conn.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        out = {"path": str(self.path), "places": n_places, "names": n_names, **self.meta}
        for k in ("stats", "imports"):
            if k in out:
                try:
                    out[k] = json.loads(out[k])
                except ValueError:   # not JSON (an index written by hand): shown as stored
                    logger.warning("the gazetteer index's meta %r is not JSON; shown as stored", k)
        return out

    def close(self) -> None:
        self._conn.close()
