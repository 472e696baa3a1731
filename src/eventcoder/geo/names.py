"""Place-name normalisation that survives transliteration.

`key(name)` is the exact lookup key: case, diacritics, apostrophes, hyphens and spacing folded, and Arabic
articles/particles (al-, el-, ad-, ez-, az-, ...) dropped, so "Deir ez-Zor", "Deir Ez-Zor" and "Dayr az Zawr"
become "deir zor" / "dayr zawr", and "Ḩamāh" becomes "hamah".

`loose(name)` is a coarser key for transliteration variants: vowels (after the first letter), doubled letters
and a final "h" are dropped, so "Deir Ezzor", "Dayr az Zawr" and "Deir Az-Zour" all give "dr zr", "Hama" and
"Ḩamāh" give "hm", and "Dar'a"/"Deraa"/"Daraa" give "dr" while "Adra" keeps its initial vowel ("adr").
Loose keys collide far more often, so callers use them only when the exact key finds nothing.

`skeleton(name)` is coarser still, for Arabic-origin names written every which way: the consonants only (a leading
vowel and the glued article too: "Der-Ezor" and "Dayr az Zawr" both give "drzr", "Ithriyah" and "Athriya" give
"thr"), q/k, kh/k, sh/s, th/t, dh/d and ou/u merged, ta marbuta dropped before a following word ("Maarat al-Numan"
= "Maara al-Nu'man"), word breaks ignored ("Kafr Nabl" = "Kafranbel" less its vowels).  It collides often, so
`resolve.py` uses it only as a last resort and only for places in the report's focus country, never abroad.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..lang import word_set

# Arabic article and particles as transliterated in English; a hyphen or space separates them from the noun.
PARTICLES = word_set("arabic_articles") | word_set("arabic_articles_more") | word_set("arabic_particles_more")
_APOSTROPHES = "'’‘`´ʼʻʿʾ′"
_SUN = "tdszrnl"   # sun letters: "al-" assimilates ("az-Zor", "ezzor", "ash-Sham")
_MAX_LEN = 200
_TRANS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae",
                        "œ": "oe", "ħ": "h", "ŧ": "t"})


def _marks_table() -> dict[int, None]:
    table = {ord(a): None for a in _APOSTROPHES}
    for cp in range(0x300, 0x10000):
        if unicodedata.category(chr(cp)) in ("Mn", "Me"):
            table[cp] = None
    return table


_DROP = _marks_table()
_NON_ALNUM = re.compile(r"[\W_]+")
_ASCII_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case, strip diacritics, drop apostrophes; other punctuation becomes a space."""
    if not text:
        return ""
    text = text[:_MAX_LEN]
    if text.isascii():
        text = text.lower().translate(_DROP).replace("&", " and ")
        return _ASCII_NON_ALNUM.sub(" ", text).strip()
    text = unicodedata.normalize("NFKD", text).lower().translate(_TRANS).translate(_DROP)
    text = text.replace("&", " and ")
    return _NON_ALNUM.sub(" ", text).strip()


def _strip_particles(tokens: list[str]) -> list[str]:
    out: list[str] = []
    for i, tok in enumerate(tokens):
        if tok in PARTICLES and i + 1 < len(tokens):
            continue   # a particle before another word ("deir ez zor", "al bab")
        out.append(tok)
    return out or tokens


@lru_cache(maxsize=200_000)
def key(name: str) -> str:
    """Exact lookup key (see module docstring)."""
    tokens = fold(name).split()
    if not tokens:
        return ""
    if tokens[0] == "the" and len(tokens) > 1:
        tokens = tokens[1:]
    return " ".join(_strip_particles(tokens))


_DIGRAPHS = re.compile(r"ou|kh|gh|sh|ph|q|c")
_DIGRAPH_MAP = {"ou": "u", "kh": "k", "gh": "g", "sh": "s", "ph": "f", "q": "k", "c": "k"}
_VOWELS = re.compile(r"[aeiouyw]")
_DOUBLE = re.compile(r"(.)\1+")


def _loose_token(tok: str) -> str:
    # a particle glued to the noun by assimilation: "ezzor" -> "zor", "assafira" -> "safira"
    if len(tok) > 4 and tok[0] in "aeu" and tok[1] == tok[2] and tok[1] in _SUN:
        tok = tok[2:]
    head, rest = tok[0], tok[1:]
    if head in "qc":
        head = "k"
    rest = _VOWELS.sub("", _DIGRAPHS.sub(lambda m: _DIGRAPH_MAP[m.group()], rest))
    if rest.endswith("h"):
        rest = rest[:-1]
    return _DOUBLE.sub(r"\1", head + rest)


def loose_of_key(k: str) -> str:
    """`loose` for a string that is already a `key`."""
    if k.isascii():
        return " ".join(_loose_token(t) for t in k.split())
    return k


def loose(name: str) -> str:
    """Coarse transliteration-insensitive key (see module docstring)."""
    return loose_of_key(key(name))


_SKEL_MAP = {**_DIGRAPH_MAP, "th": "t", "dh": "d"}    # `loose`'s digraphs, and th/dh merged too
_SKEL_DIGRAPHS = re.compile("|".join(_SKEL_MAP))


@lru_cache(maxsize=200_000)
def skeleton_of_key(k: str) -> str:
    """`skeleton` for a string that is already a `key` ("" for non-Latin keys); cached, as a focus country's
    skeleton index is rebuilt from the same names whenever that country comes back into focus."""
    if not k or not k.isascii():
        return ""
    toks = k.split()
    out = []
    for i, tok in enumerate(toks):
        if i + 1 < len(toks) and len(tok) > 3 and tok.endswith(("at", "et")):
            tok = tok[:-1]        # ta marbuta in a construct: "maarat", "madinat", "qalaat"
        tok = _SKEL_DIGRAPHS.sub(lambda m: _SKEL_MAP[m.group()], tok)
        if tok.endswith("h") and len(tok) > 2:
            tok = tok[:-1]
        out.append(_VOWELS.sub("", tok))
    return _DOUBLE.sub(r"\1", "".join(out))


def skeleton(name: str) -> str:
    """Consonant skeleton of a name (see module docstring)."""
    return skeleton_of_key(key(name))


def is_latin(text: str) -> bool:
    """True when every letter of `text` is a Latin letter (after stripping diacritics)."""
    return all(("a" <= c <= "z") for c in fold(text) if c.isalpha())
