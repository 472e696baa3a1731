"""ACLED's world regions ("Middle East", "Western Africa", ...) for a country.

The table is `data/acled_regions.tsv`: each of ACLED's regions with the ISO alpha-2 codes of its countries (UN M49
sub-regions with ACLED's departures, written from public knowledge). `acled_region` takes whatever an event carries
-- the ISO numeric code, an alpha-2 code or a country name -- and returns the region, or None when the country is
unknown.
"""
from __future__ import annotations

from functools import lru_cache
from ..resources import data_text
from .countries import country_by_iso, lookup_country


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    text = data_text("acled_regions.tsv")
    out: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("region\t"):
            continue
        region, codes = line.split("\t", 1)
        for code in codes.split():
            out[code.upper()] = region.strip()
    return out


def acled_region(*, iso: int | str | None = None, country: str | None = None) -> str | None:
    """The ACLED region of the country given by `iso` (ISO 3166-1 numeric, 0 = Kosovo) or, failing that, by
    `country` (a name, demonym or ISO code)."""
    found = None
    if iso not in (None, ""):
        try:
            found = country_by_iso(int(iso))
        except (TypeError, ValueError):
            found = None
    if found is None and country:
        found = lookup_country(country)
    return _regions().get(found.alpha2) if found else None
