"""Where the supplement overrides GeoNames' administrative units of a town.

- `AdminSeats`: a country's second-level units with the position of their seat (`data/geo/admin2_<cc>.tsv`, used
  where GeoNames' first level is outdated, as Nepal's): a town belongs to the unit of the nearest seat.
- `admin1_seats()`: `data/geo/admin1_seats_<cc>.tsv`, the first-level unit of towns GeoNames files under none
  (Paraguay's departments): the unit of the nearest seat.
- `admin1_remap()`: `data/geo/admin1_remap.tsv`, ACLED's admin1 by a town's admin2 (Ireland's counties, Serbia's
  districts) or by the town itself (cities that are units of their own).
"""
from __future__ import annotations

import math
from collections import defaultdict

from . import names as N
from .supplement import supplement_table, supplement_tables


class AdminSeats:
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
        return self.rows[i]["admin1"], self.rows[i].get("admin2")

    def units(self) -> list[dict]:
        """One row per second-level unit (the first row that names it)."""
        seen: set[tuple[str, str]] = set()
        out = []
        for r in self.rows:
            if (r["admin1"], r["admin2"]) not in seen:
                seen.add((r["admin1"], r["admin2"]))
                out.append(r)
        return out


def admin2_seats() -> dict[str, AdminSeats]:
    """Country code -> its seat table, from every `data/geo/admin2_*.tsv` (in file-name order)."""
    by_cc: dict[str, list[dict]] = defaultdict(list)
    for name in supplement_tables("admin2_"):
        for r in supplement_table(name):
            by_cc[r["country"]].append(r)
    return {cc: AdminSeats(rows) for cc, rows in by_cc.items()}


def admin1_seats() -> dict[str, AdminSeats]:
    """Country code -> its first-level seat table (`data/geo/admin1_seats_<cc>.tsv`): for a country whose towns
    GeoNames gives no first-level unit (Paraguay's), a town's admin1 is the unit of the nearest point."""
    by_cc: dict[str, list[dict]] = defaultdict(list)
    for name in supplement_tables("admin1_seats_"):
        for r in supplement_table(name):
            by_cc[r["country"]].append(r)
    return {cc: AdminSeats(rows) for cc, rows in by_cc.items()}


def admin1_remap() -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """(by admin2, by town): (country, key) -> ACLED's admin1, from `data/geo/admin1_remap.tsv`."""
    by_a2: dict[tuple[str, str], str] = {}
    by_town: dict[tuple[str, str], str] = {}
    for r in supplement_table("admin1_remap.tsv"):
        if r.get("town"):
            by_town[(r["country"], N.key(r["town"]))] = r["acled_admin1"]
        elif r.get("admin2"):
            by_a2[(r["country"], N.key(r["admin2"]))] = r["acled_admin1"]
    return by_a2, by_town
