"""Runs of proper-noun tokens in a spaCy parse: where the gazetteer path looks for place names.

`proper_runs(nlp_doc, text)` yields the maximal runs of name tokens (with the lower-case words inside names:
"Deir ez-Zor", "Rio de Janeiro", "Bosnia and ...") and, within them, every sub-run of up to `MAX_TOKENS` tokens,
longest first.  Lower-case connectors come from `lang/en/` (arabic_articles, name_link_words,
name_connector_words_more).
"""
from __future__ import annotations

import re

from ..lang import words

MAX_TOKENS = 5

_ARTICLES = words("arabic_articles")
_ALL_ARTICLES = frozenset(_ARTICLES + words("arabic_articles_more"))   # before a hyphen: "al-", "ed-", "ul-"
_CONNECTORS = frozenset(_ARTICLES + words("name_link_words") + words("name_connector_words_more"))
_CONTINUES = re.compile(r"^(-\w|\s+(" + "|".join(_ARTICLES) + r"|Al|El)(-\w|\s+[A-Z]))")


def proper_runs(nlp_doc, text: str):
    """Maximal runs of proper-noun tokens, and within them the longest gazetteer-sized sub-runs.

    Yields (start, end, how); `how` is "list" for tokens inside a parenthesised location list."""
    toks = [t for t in nlp_doc]
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if not is_name_token(t):
            i += 1
            continue
        j = i
        while j + 1 < n and (is_name_token(toks[j + 1]) or _is_connector(toks, j + 1)):
            j += 1
        while j > i and not is_name_token(toks[j]):
            j -= 1
        run = toks[i:j + 1]
        how = "list" if in_parens(text, t.idx) else "gazetteer"
        # longest sub-runs first, left to right
        k = 0
        while k < len(run):
            for m in range(min(len(run), k + MAX_TOKENS), k, -1):
                if not is_name_token(run[k]) or not is_name_token(run[m - 1]):
                    continue    # a sub-run neither starts nor ends with a connector: "Der-" of "Der-Ezor"
                a, b = run[k].idx, run[m - 1].idx + len(run[m - 1].text)
                if b - a > 1:
                    yield a, b, how
            k += 1
        i = j + 1


def is_name_token(t) -> bool:
    """A capitalised token the parser reads as part of a name (or a word of a script without case)."""
    s = t.text
    if not s or not s[0].isupper() or len(s) > 60:
        if s and s[0].isalpha() and not s.isascii() and not any(c.isupper() for c in s if c.isalpha()) \
                and t.pos_ == "PROPN":
            return True   # scripts without case
        return False
    if t.is_sent_start and t.pos_ != "PROPN":
        return False
    return t.pos_ in ("PROPN", "NOUN", "ADJ", "X") or t.tag_ in ("NNP", "NNPS")


def _is_connector(toks, idx: int) -> bool:
    """Lower-case words inside names: "Deir ez-Zor", "Ma'arrat al-Numan", "Rio de Janeiro", "Bosnia and ..."."""
    t = toks[idx]
    if idx + 1 >= len(toks) or not is_name_token(toks[idx + 1]):
        if t.lower_ in _ALL_ARTICLES and idx + 2 < len(toks) and toks[idx + 1].text in ("-", "_") and \
                is_name_token(toks[idx + 2]) and not t.whitespace_ and not toks[idx + 1].whitespace_:
            return True    # "Khan al-Shih", "Maara al-Nu'man": the article before its hyphen
        return t.text in ("-", "_") and idx + 1 < len(toks) and is_name_token(toks[idx + 1])
    return t.lower_ in _CONNECTORS


def continues(text: str, end: int) -> bool:
    """The name goes on after `end` ("Bab" of "Bab al-Nairab"): a hyphen or an article and another word."""
    return bool(_CONTINUES.match(text[end:end + 6]))


def in_parens(text: str, pos: int) -> bool:
    """`pos` lies inside an open parenthesis of at most 80 characters before it."""
    open_ = text.rfind("(", max(0, pos - 80), pos)
    if open_ < 0:
        return False
    close = text.find(")", open_)
    return close > pos and text.rfind(")", open_, pos) < 0
