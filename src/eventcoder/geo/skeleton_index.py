"""The transliteration fallback: places of one country whose name has the same consonant skeleton as a spelling.

`skeleton_ok(text)` says whether a spelling may use it at all; `skeleton_lookup(gazetteer, cc, text)` finds the
places.  The per-country skeleton index is built from the gazetteer on first use and kept for the 64 most recently
used countries (a worldwide batch would otherwise rebuild them).
"""
from __future__ import annotations

import re
from collections import OrderedDict

from rapidfuzz import fuzz

from . import names as N

_SKELETONS: "OrderedDict[tuple, dict]" = OrderedDict()   # (gazetteer, country) -> skeleton -> {pid: [keys]}
_SKELETON_MAX_NAMES = 25_000
_SKELETON_COUNTRIES = 64
# the skeleton alone is too coarse ("Sarin" / "Suran", "Qaedas" / "Qadsayya", "Nusra" / "an-Nasirah"): the spelling
# must also be close to one of the place's names (rapidfuzz ratio; true variants score 73-96, these 57-67)
_SKELETON_MIN_RATIO = 70


def skeleton_ok(text: str) -> bool:
    """Only names that look like transliterations get the skeleton fallback: one to four capitalised words, no
    digits, long enough to carry three consonants."""
    words = re.split(r"[\s-]+", text.strip())
    return 1 <= len(words) <= 4 and not any(ch.isdigit() for ch in text) and len(N.key(text).replace(" ", "")) >= 5


def _country_index(gazetteer, cc: str) -> dict:
    ck = (str(gazetteer.path), cc)     # the index file: a freed gazetteer's id() may come back for another
    idx = _SKELETONS.get(ck)
    if idx is None:
        idx = {}
        rows = gazetteer.names_in_country(cc, _SKELETON_MAX_NAMES + 1)
        if len(rows) > _SKELETON_MAX_NAMES:
            rows = []      # a country with that many names has too many near-homophones for the fallback
        for k, pid in rows:
            idx.setdefault(N.skeleton_of_key(k), {}).setdefault(pid, []).append(k)
        _SKELETONS[ck] = idx
        while len(_SKELETONS) > _SKELETON_COUNTRIES:
            _SKELETONS.popitem(last=False)
    else:
        _SKELETONS.move_to_end(ck)
    return idx


def skeleton_lookup(gazetteer, cc: str, text: str) -> list:
    """Places of country `cc` whose name has the same consonant skeleton as `text` (names.skeleton) and a close
    spelling."""
    sk = N.skeleton(text)
    if len(sk) < 3:
        return []
    idx = _country_index(gazetteer, cc)
    k = N.key(text).replace(" ", "")
    out = []
    for pid, keys in idx.get(sk, {}).items():
        if max(fuzz.ratio(k, other.replace(" ", "")) for other in keys) >= _SKELETON_MIN_RATIO:
            out.extend(r for r in gazetteer.by_key(keys[0]) if r.pid == pid)
    return out
