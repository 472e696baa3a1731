"""The other names of administrative units and countries that the index files them under.

- ISO 3166-2 subdivision names (pycountry) matched to GeoNames' admin1 names on the transliteration-loose key or
  without generic words (`lang/en/admin_name_generic_words.txt`: "Oblast", "State of", "Muhafazat");
- short variants without those words ("Kharkiv Oblast" -> "Kharkiv");
- a country's names and variants from `countries.py`.
"""
from __future__ import annotations

from collections import defaultdict

from ..lang import word_set
from . import names as N
from .countries import country_names

_GENERIC = word_set("admin_name_generic_words")


def strip_generic(k: str) -> str:
    """A name key without its generic unit words ("kharkiv oblast" -> "kharkiv")."""
    return " ".join(t for t in k.split() if t not in _GENERIC)


def pycountry_subdivisions() -> dict[str, list[tuple[str, str, str]]]:
    """Country code -> (name, loose key, key without generic words) of its ISO 3166-2 first-level subdivisions."""
    import pycountry
    out: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for s in pycountry.subdivisions:
        if getattr(s, "parent_code", None):
            continue
        out[s.country_code].append((s.name, N.loose(s.name), strip_generic(N.key(s.name))))
    return out


def match_subdivisions(subdivs: list[tuple[str, str, str]], a1: str) -> list[str]:
    """ISO 3166-2 names of the same unit (matched on the transliteration-loose key or without generic words)."""
    k, lk, bare = N.key(a1), N.loose(a1), strip_generic(N.key(a1))
    return [name for name, sl, sb in subdivs if (sl == lk or sb == bare) and N.key(name) != k]


def unit_variants(name: str) -> list[str]:
    """"Oblast' Kharkiv" / "Kharkiv Oblast" -> "Kharkiv"; "State of Kachin" -> "Kachin" (admin1 and admin2)."""
    bare = strip_generic(N.fold(name))
    return [bare] if bare and bare != N.key(name) and len(bare) > 3 else []


def country_alt_names(country) -> list[str]:
    """The name keys (longer than three letters: no codes) that stand for `country`."""
    return [k for k, c in country_names().items() if c.alpha2 == country.alpha2 and len(k) > 3]
