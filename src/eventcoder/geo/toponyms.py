"""Toponym detection: which spans of the clean text name places (or peoples, for demonyms).

Sources of candidate spans, in order of trust:
1. spaCy entities labelled GPE, LOC, FAC (places) and NORP (demonyms, when they name a country's people);
2. gazetteer-driven matching: runs of capitalised proper-noun tokens (up to five) whose normalised form is a
   name in the gazetteer.  Precision guards: a span must be tagged as a proper noun by the parser (or sit in a
   parenthesised location list such as "(Oyam, Northern)"), and a single common word needs spaCy's agreement.

Returns `Candidate`s (clean offsets, text, how it was found); resolution happens in `resolve.py`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import names as N
from .countries import is_demonym, lookup_country

PLACE_LABELS = {"GPE", "LOC", "FAC"}
MAX_TOKENS = 5

# words that begin capitalised runs but are not part of a place name
_LEADING = {"the", "in", "at", "on", "near", "from", "to", "of", "and", "or", "north", "south", "east", "west",
            "northern", "southern", "eastern", "western", "central", "greater", "rural", "downtown"}
# capitalised words that name no place in news text even when a gazetteer lists them
_NEVER = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
          "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
          "god", "allah", "president", "minister", "police", "army", "government", "said", "mr", "mrs", "ms",
          "dr", "news", "reuters", "afp", "ap", "bbc", "cnn", "sohr", "un", "isis", "isil", "is", "al", "el",
          "university", "hospital", "school", "street", "road", "city", "village", "town", "district", "province",
          "governorate", "region", "county", "state", "republic", "kingdom", "islamic", "national", "federal",
          "democratic", "popular", "council", "forces", "force", "front", "party", "movement", "brigade",
          "battalion", "division", "regiment", "office", "department", "ministry", "court", "church", "mosque",
          "center", "centre", "camp", "prison", "airport", "base", "border", "north", "south", "east", "west",
          "christmas", "easter", "ramadan", "eid", "covid", "coronavirus", "ebola", "new", "old", "saint", "st",
          "fort", "mount", "lake", "river", "valley", "bay", "beach", "island", "islands", "sea", "ocean",
          "victoria", "obama", "trump", "bush", "clinton", "assad", "putin", "john", "james", "david", "michael",
          "paul", "mark", "george", "william", "charles", "henry", "robert", "thomas", "mary", "elizabeth",
          "jordan", "chad", "georgia", "israel", "washington", "lincoln", "jackson", "franklin", "madison",
          "hamilton", "clay", "marion", "union", "liberty", "independence", "unity", "hope", "providence"}
# ...but these ambiguous ones are still places when spaCy says so (GPE/LOC); _NEVER only blocks the
# gazetteer-only path.


@dataclass
class Candidate:
    start: int
    end: int
    text: str
    source: str          # "ner" | "gazetteer" | "demonym" | "list"
    label: str = ""      # spaCy label when from NER
    demonym_of: str | None = None   # alpha-2 when the span is a demonym


def _trim(doc_text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the", trailing possessive and punctuation from an entity span."""
    text = doc_text[start:end]
    m = re.match(r"(?i)(the\s+)", text)
    if m and len(text) > m.end():
        start += m.end()
    while end > start and doc_text[end - 1] in ".,;:)('\"’ ":
        end -= 1
    for suffix in ("'s", "’s"):
        if doc_text[start:end].endswith(suffix):
            end -= 2
    return start, end


def find_candidates(doc, gazetteer) -> list[Candidate]:
    """Candidate toponym and demonym spans of `doc` (non-overlapping, in text order)."""
    text = doc.clean
    out: list[Candidate] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    nlp = doc.nlp
    ents = list(nlp.ents) if nlp is not None else []
    blocked: list[tuple[int, int]] = []      # PERSON/ORG... spans: the gazetteer path does not look inside
    for ent in ents:
        label = ent.label_
        a, b = _trim(text, ent.start_char, ent.end_char)
        if b <= a:
            continue
        span_text = text[a:b]
        if label == "NORP" or (label in PLACE_LABELS and is_demonym(span_text)):
            c = lookup_country(span_text)
            if c is not None and is_demonym(span_text):
                out.append(Candidate(a, b, span_text, "demonym", label, c.alpha2))
                taken.append((a, b))
            continue
        if label in PLACE_LABELS:
            if not any(ch.isalpha() for ch in span_text) or len(span_text) > 120:
                continue
            out.append(Candidate(a, b, span_text, "ner", label))
            taken.append((a, b))
        elif label in ("PERSON", "ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"):
            blocked.append((ent.start_char, ent.end_char))

    if nlp is not None:
        for a, b, how in _proper_runs(nlp, text):
            if not free(a, b):
                continue
            inside_block = any(s <= a and b <= e for s, e in blocked)
            k = N.key(text[a:b])
            if not k or k in _NEVER:
                continue
            c = lookup_country(text[a:b])
            if c is not None and is_demonym(text[a:b]) and not inside_block:
                out.append(Candidate(a, b, text[a:b], "demonym", "", c.alpha2))
                taken.append((a, b))
                continue
            if inside_block and how != "list":
                continue
            if gazetteer.has_key(k):
                out.append(Candidate(a, b, text[a:b], how))
                taken.append((a, b))
    out.sort(key=lambda c: c.start)
    return out


def _proper_runs(nlp_doc, text: str):
    """Maximal runs of proper-noun tokens, and within them the longest gazetteer-sized sub-runs.

    Yields (start, end, how); `how` is "list" for tokens inside a parenthesised location list."""
    toks = [t for t in nlp_doc]
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if not _is_name_token(t):
            i += 1
            continue
        j = i
        while j + 1 < n and (_is_name_token(toks[j + 1]) or _is_connector(toks, j + 1)):
            j += 1
        while j > i and not _is_name_token(toks[j]):
            j -= 1
        run = toks[i:j + 1]
        how = "list" if _in_parens(text, t.idx) else "gazetteer"
        # longest sub-runs first, left to right
        k = 0
        while k < len(run):
            if run[k].lower_ in _LEADING and k + 1 < len(run):
                k += 1
                continue
            for m in range(min(len(run), k + MAX_TOKENS), k, -1):
                a, b = run[k].idx, run[m - 1].idx + len(run[m - 1].text)
                if b - a > 1:
                    yield a, b, how
            k += 1
        i = j + 1


def _is_name_token(t) -> bool:
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
    if idx + 1 >= len(toks) or not _is_name_token(toks[idx + 1]):
        return t.text in ("-",) and idx + 1 < len(toks) and _is_name_token(toks[idx + 1])
    return t.lower_ in ("al", "el", "ad", "ez", "az", "as", "ar", "ash", "an", "at", "de", "del", "da", "do",
                        "dos", "das", "di", "du", "des", "la", "le", "les", "-", "al-", "el-", "bin", "ibn", "abu",
                        "and", "of", "upon", "on", "sur", "am", "im", "an der", "y")


def _in_parens(text: str, pos: int) -> bool:
    open_ = text.rfind("(", max(0, pos - 80), pos)
    if open_ < 0:
        return False
    close = text.find(")", open_)
    return close > pos and text.rfind(")", open_, pos) < 0
