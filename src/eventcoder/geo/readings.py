"""A mention's gazetteer readings: the places its words may name, before the context chooses one.

Tried in order: the mention with the word before or after it that makes it a region ("rural Damascus", "Damascus
countryside"); a country's name; a written admin1 abbreviation ("La.", "Va."); the exact key; the name without
its unit words ("Aleppo city", "the town of Marea"; lists in `lang/en/unit_suffix_words*.txt`,
`unit_prefix_words.txt`); the transliteration-loose key.  Returns (readings, loose?).
"""
from __future__ import annotations

import re

from ..lang import alternation
from . import names as N
from .countries import country_word, is_demonym, lookup_country
from .gazetteer import Gazetteer, Place
from .supplement import admin1_abbreviations

UNIT_SUFFIX = re.compile(rf"(?i)[\s-]+({alternation('unit_suffix_words', 'unit_suffix_words_more')})$")
_PREFIX = re.compile(rf"(?i)^({alternation('unit_prefix_words')})\s+of\s+")


def mention_readings(gaz: Gazetteer, text: str, before: str = "", after: str = "",
              dotted: bool = False) -> tuple[list[Place], bool]:
    """Gazetteer readings of a mention; `before`/`after` are the words around it ("rural Damascus",
    "Damascus countryside" name the region around Damascus, which may have an entry of its own)."""
    for extended in ((before + " " + text) if before else None, (text + " " + after) if after else None):
        if extended:
            rs = [r for r in gaz.lookup(extended) if r.kind in ("admin1", "admin2", "region")]
            if rs:
                return rs, False
    return plain_readings(gaz, text, dotted)


def plain_readings(gaz: Gazetteer, text: str, dotted: bool = False) -> tuple[list[Place], bool]:
    country = lookup_country(text)
    if country is not None and not is_demonym(text) and country_word(text):
        cp = gaz.country(country.alpha2)
        if cp is not None and (len(text) > 3 or text.isupper() or "." in text):
            return [cp] + [r for r in gaz.lookup(text) if r.kind == "admin1" and r.cc != cp.cc], False
    # "Kan." is Kansas only with its dot: a bare "Kan" (Burmese "Thar Du Kan"), "Miss" or "Ill" is not
    abbrev = admin1_abbreviations()
    ab = abbrev.get(text) or (abbrev.get(text + ".") if dotted else None)
    if ab and (len(text) > 2 or "." in text):
        a1 = gaz.admin1(*ab)
        if a1 is not None:
            return [a1], False
    rs = gaz.lookup(text)
    if rs:
        ccs = {r.cc for r in rs}
        if len(ccs) == 1 and all(r.kind in ("admin1", "admin2") for r in rs):
            # "Deir Ezzor": the region's alias matched exactly; the town of that name is a reading too
            seen = {r.pid for r in rs}
            rs = rs + [r for r in gaz.lookup(text, loose=True) if r.cc in ccs and r.pid not in seen
                       and r.kind == "place"]
        return rs, False
    stripped = _PREFIX.sub("", UNIT_SUFFIX.sub("", text.strip()))
    if stripped != text and stripped:
        rs = gaz.lookup(stripped)
        if rs:
            return rs, False
    lk = N.loose(stripped or text)
    if len(lk.replace(" ", "")) >= 3:
        return gaz.lookup(stripped or text, loose=True), True
    return [], False
