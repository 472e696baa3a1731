"""Countries: ACLED-style English names, ISO codes, and the words that point to a country.

`lookup_country` accepts a country's name (ACLED's, ISO's, common variants), its alpha-2 or alpha-3 code, or a
demonym/adjective ("Syrian", "Congolese", "Burkinabe"), case-insensitively, and returns a `Country` or None.

Sources: pycountry (ISO 3166-1 names and codes) plus `data/geo/countries.tsv`, a shipped table written from
public knowledge: ACLED's English short names where they differ from ISO's, common variants, and demonyms.
Kosovo (XK) is not in ISO 3166-1; ACLED codes it with iso 0, and so do we.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from ..lang import word_set
from ..resources import data_text
from .names import fold


@dataclass(frozen=True)
class Country:
    name: str       # ACLED-style English short name ("Syria", "Democratic Republic of Congo")
    alpha2: str
    alpha3: str
    iso: int        # ISO 3166-1 numeric, as ACLED's `iso` column (0 for Kosovo)


def _key(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key ("Côte d'Ivoire" -> "cote d ivoire")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("&", " and ")
    out = "".join(ch if ch.isalnum() else " " for ch in text)
    out = " ".join(out.split())
    if out.startswith("the "):
        out = out[4:]
    return out


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split(";") if p.strip()]


@dataclass(frozen=True)
class _Row:
    name: str
    variants: tuple[str, ...]
    demonyms: tuple[str, ...]


def _table() -> dict[str, _Row]:
    rows: dict[str, _Row] = {}
    text = data_text("geo", "countries.tsv")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = (line.split("\t") + [""] * 5)[:5]
        a2, name, variants, demonyms, _source = cells
        rows[a2.strip().upper()] = _Row(name.strip(), tuple(_split(variants)), tuple(_split(demonyms)))
    return rows


@dataclass
class _Index:
    countries: list[Country]
    by_alpha2: dict[str, Country]
    by_name: dict[str, Country]          # names, variants, codes
    by_demonym: dict[str, Country]


@lru_cache(maxsize=1)
def _index() -> _Index:
    table = _table()
    countries: list[Country] = []
    names: dict[str, Country] = {}
    demonyms: dict[str, Country] = {}
    extra = {"XK": ("XKX", 0)}
    entries = [(c.alpha_2, c.alpha_3, int(c.numeric), c) for c in pycountry.countries]
    entries += [(a2, a3, num, None) for a2, (a3, num) in extra.items()]
    for a2, a3, num, pc in entries:
        row = table.get(a2)
        iso_names = []
        if pc is not None:
            iso_names = [getattr(pc, "common_name", None), pc.name, getattr(pc, "official_name", None)]
        name = row.name if row and row.name else next(n for n in iso_names if n)
        country = Country(name, a2, a3, num)
        countries.append(country)
        for n in [name, *iso_names, *(row.variants if row else ())]:
            if n:
                names.setdefault(_key(n), country)
        for d in (row.demonyms if row else ()):
            demonyms.setdefault(_key(d), country)
    # Codes last, so that a name that happens to equal some code ("Chad" vs none) keeps its meaning.
    for c in countries:
        names.setdefault(_key(c.alpha2), c)
        names.setdefault(_key(c.alpha3), c)
    countries.sort(key=lambda c: c.name)
    return _Index(countries, {c.alpha2: c for c in countries}, names, demonyms)


@lru_cache(maxsize=50_000)
def lookup_country(text: str) -> Country | None:
    """The country a name, variant, ISO code or demonym stands for; None if it stands for none."""
    if not text or len(text) > 80:
        return None
    key = _key(text)
    if not key:
        return None
    idx = _index()
    return idx.by_name.get(key) or idx.by_demonym.get(key) or _plural(idx.by_demonym, key)


def _plural(demonyms: dict[str, Country], key: str) -> Country | None:
    if key.endswith("s") and len(key) > 4:
        return demonyms.get(key[:-1])
    return None


@lru_cache(maxsize=50_000)
def is_demonym(text: str) -> bool:
    """True when `text` is a demonym/adjective ("Syrian") rather than the country's name."""
    key = _key(text or "")
    idx = _index()
    return bool(key) and key not in idx.by_name and (key in idx.by_demonym or _plural(idx.by_demonym, key) is not None)


def all_countries() -> list[Country]:
    """Every country and territory (ISO 3166-1 plus Kosovo), sorted by name."""
    return list(_index().countries)


def country_by_alpha2(code: str) -> Country | None:
    """The country with this ISO alpha-2 code (case-insensitive), or None."""
    return _index().by_alpha2.get((code or "").strip().upper())


def country_from_hint(text: str) -> Country | None:
    """The country a user's hint names: an ISO 3166-1 alpha-2, alpha-3 or numeric code, or a name; else None."""
    t = (text or "").strip()
    if t.isdigit():
        return country_by_iso(int(t))
    return country_by_alpha2(t) if len(t) == 2 else lookup_country(t)


def country_by_iso(iso: int) -> Country | None:
    """The country with this ISO 3166-1 numeric code (0 = Kosovo, as ACLED), or None."""
    for c in _index().countries:
        if c.iso == iso:
            return c
    return None


def country_names() -> dict[str, Country]:
    """Normalised name/variant key -> Country (codes included); for matchers that scan text."""
    return dict(_index().by_name)


def demonym_names() -> dict[str, Country]:
    """Normalised demonym key -> Country; for matchers that scan text."""
    return dict(_index().by_demonym)


_CODES_USED_AS_NAMES = word_set("country_codes_as_names")


def country_word(text: str) -> bool:
    """Country names yes; ISO codes only where news uses them as names ("US", "UK", "DRC"), not "FO", "CGT"."""
    bare = fold(text).replace(" ", "")
    return len(bare) > 3 or bare in _CODES_USED_AS_NAMES
