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
          "lincoln", "jackson", "franklin", "madison", "hamilton", "clay", "marion", "union", "liberty",
          "independence", "unity", "hope", "providence", "officer", "commissioner", "secretary", "leader", "sen",
          "rep", "gov", "gen", "col", "maj", "capt", "lt", "sgt", "rev", "jan", "feb", "mar", "apr", "jun", "jul",
          "aug", "sep", "sept", "oct", "nov", "dec", "democrat", "democrats", "republican", "republicans",
          "principal", "vice", "section", "patrol", "act", "man", "earth", "no", "ii", "iii", "christian",
          "arab", "arabs", "muslim", "muslims", "jewish", "jews", "catholic", "passover", "titan", "rodeo",
          "grove", "lane", "rose", "north", "chief", "judge", "justice", "mayor", "sheriff", "deputy", "director",
          "manager", "coach", "pastor", "father", "sister", "brother", "king", "queen", "prince", "lord", "sir",
          "senator", "governor", "general", "colonel", "captain", "sergeant", "professor", "doctor", "team",
          "club", "company", "group", "association", "society", "foundation", "institute", "agency", "service",
          "services", "bank", "market", "hall", "park", "square", "bridge", "station", "house", "home", "tower",
          "northeast", "northwest", "southeast", "southwest", "central", "metro", "grand", "big", "area",
          "college", "way", "war", "main", "commerce", "energy", "chamber", "olympic", "law", "trail", "spring",
          "human", "air", "garden", "congress", "bureau", "wilderness", "ridge", "forest", "academy", "white house",
          "hamas", "hezbollah", "taliban", "fm", "am", "tv", "pm", "eastern", "western", "northern", "southern",
          "the", "in", "at", "on", "near", "from", "to", "of", "and", "or", "greater", "rural", "downtown"}
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
    blocked: list[tuple[int, int]] = []      # PERSON... spans: the gazetteer path does not look inside
    weak: list[Candidate] = []
    orgs: list[tuple[int, int]] = []         # ORG spans: only strong place names at their start or after "of"
    surnames: set[str] = set()               # names of persons: "Ripley" alone later is the man, not the town
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
            continue   # other NORP ("Aleppo" mislabelled) is left to the gazetteer path
        if label in PLACE_LABELS:
            if not any(ch.isalpha() for ch in span_text) or len(span_text) > 120:
                continue
            if _known(gazetteer, span_text):
                out.append(Candidate(a, b, span_text, "ner", label))
                taken.append((a, b))
            else:   # "1935 Orchard St., Alexandria": let the gazetteer path look inside; keep as a fallback
                weak.append(Candidate(a, b, span_text, "ner", label))
        elif label == "PERSON":
            if label == "PERSON" and (_locative_context(ent) or _place_like_person(ent, gazetteer, ents)):
                continue   # the small model often calls places persons: "shelled Adra", "an Alexandria man"
            blocked.append((ent.start_char, ent.end_char))
            if label == "PERSON":
                surnames.update(N.key(t.text) for t in ent if t.pos_ == "PROPN")
        elif label in ("ORG", "FAC", "EVENT"):
            orgs.append((ent.start_char, ent.end_char))

    if nlp is not None:
        for a, b, how in _proper_runs(nlp, text):
            if not free(a, b):
                continue
            inside_block = any(s <= a and b <= e for s, e in blocked)
            k = N.key(text[a:b])
            if not k or k in surnames:
                continue
            if k in _NEVER and not (how == "list" and _names_region(gazetteer, k)):
                continue   # but "(Oyam, Northern)", "(Baydhaba, Bay)": a region in a location list
            if text[b:b + 1] == "." and " " not in text[a:b] and len(k) <= 4:
                from .resolve import _abbrev
                if not (text[max(0, a - 2):a] == ", " and text[a:b + 1] in _abbrev()):
                    continue   # abbreviations: "Sen.", "Gen.", "Jan." (but "Alexandria, Va.")
                out.append(Candidate(a, b + 1, text[a:b + 1], "list"))
                taken.append((a, b + 1))
                continue
            c = lookup_country(text[a:b])
            if c is not None and is_demonym(text[a:b]):
                out.append(Candidate(a, b, text[a:b], "demonym", "", c.alpha2))
                taken.append((a, b))
                continue
            if inside_block and how != "list":
                continue
            country = lookup_country(text[a:b])
            if country is not None and _country_word(text[a:b]):
                out.append(Candidate(a, b, text[a:b], how))
                taken.append((a, b))
                continue
            if text[a:b].isupper() and len(k) <= 4:
                continue   # acronyms: "NGO", "MON", "PLA"
            if _continues(text, b):
                continue   # "Bab" of "Bab al-Nairab": part of a longer name the gazetteer lacks
            readings = gazetteer.by_key(k)
            if not readings:
                continue
            strong = any(r.kind in ("country", "admin1") or (r.population or 0) >= 10_000 for r in readings)
            org = next(((s, e) for s, e in orgs if s <= a and b <= e), None)
            if org is not None and how != "list":
                # "Alexandria Police", "University of Georgia" yes; "Chamber of Commerce", "United Way" no
                lead = text[org[0]:a].strip().lower()
                if not strong or not (lead in ("", "the") or text[max(0, a - 3):a].lower() == "of "):
                    continue
            elif " " not in k and not strong and how != "list" and not _locative_before(text, a):
                continue
            out.append(Candidate(a, b, text[a:b], how))
            taken.append((a, b))
    for c in weak:
        if free(c.start, c.end):
            out.append(c)
    out.sort(key=lambda c: c.start)
    return out


_UNIT_WORDS = re.compile(r"(?i)[\s-]+(city|town|village|district|sub-?county|county|province|governorate|region|"
                         r"municipality|area|countryside|suburbs?|outskirts|camp|neighbou?rhood|state|parish)$")


def _names_region(gazetteer, k: str) -> bool:
    return any(r.kind in ("admin1", "admin2") for r in gazetteer.by_key(k))


def _country_word(text: str) -> bool:
    from .resolve import _country_word as cw
    return cw(text)


def _known(gazetteer, text: str) -> bool:
    if (lookup_country(text) is not None and _country_word(text)) or gazetteer.has_key(N.key(text)):
        return True
    stripped = _UNIT_WORDS.sub("", text)
    return stripped != text and gazetteer.has_key(N.key(stripped))


_LOCATIVE_WORDS = {"in", "near", "at", "from", "outside", "into", "toward", "towards", "around", "across", "on",
                   "against", "targets", "target", "attacked", "attack", "reached", "entering", "via", "to",
                   "shelled", "bombed", "struck", "hit", "targeted", "targeting", "stormed", "raided", "captured",
                   "seized", "entered", "besieged", "village", "town", "city", "of"}


_LOCATIVE_BEFORE = re.compile(r"(?i)\b(in|near|at|from|outside|into|toward|towards|around|across|of|to|"
                              r"village of|town of|city of|shelled|bombed|struck|hit|targeted|targeting|stormed|"
                              r"raided|captured|seized|entered|besieged)\s+$")


def _locative_before(text: str, pos: int) -> bool:
    return bool(_LOCATIVE_BEFORE.search(text[max(0, pos - 25):pos]))


_MODIFIED = {"man", "woman", "men", "women", "boy", "girl", "police", "officer", "officers", "parents", "resident",
             "residents", "area", "county", "city", "grand", "native", "family", "couple", "teen", "student",
             "students", "school", "schools", "fire", "mayor", "council", "authorities", "hospital", "airport"}


def _place_like_person(ent, gazetteer, ents) -> bool:
    """A one-word PERSON that is a well-known place and is used like one: "an Alexandria man", "St., Alexandria,"."""
    if len(ent) != 1:
        return False
    readings = gazetteer.by_key(N.key(ent.text))
    if not any(r.kind in ("country", "admin1") or (r.population or 0) >= 10_000 for r in readings):
        return False
    if any(e.label_ in PLACE_LABELS and e.text == ent.text for e in ents):
        return True
    doc = ent.doc
    nxt = doc[ent.end] if ent.end < len(doc) else None
    prev = doc[ent.start - 1] if ent.start > 0 else None
    if nxt is not None and nxt.lower_ in _MODIFIED:
        return True
    if prev is not None and prev.text in (",", "(") and nxt is not None and nxt.text in (",", ".", ")"):
        return True
    return ent.start == 0 or (prev is not None and prev.is_sent_start and prev.is_punct)


def _locative_context(ent) -> bool:
    """A PERSON entity that reads like a place: after "in/near/shelled..." or before ", Region"/"(Region"."""
    doc = ent.doc
    prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    nxt = doc[ent.end].text if ent.end < len(doc) else ""
    return prev in _LOCATIVE_WORDS or nxt == "("


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


_CONTINUES = re.compile(r"^(-\w|\s+(al|el|ad|ez|az|as|ar|ash|an|at|Al|El)(-\w|\s+[A-Z]))")


def _continues(text: str, end: int) -> bool:
    return bool(_CONTINUES.match(text[end:end + 6]))


def _in_parens(text: str, pos: int) -> bool:
    open_ = text.rfind("(", max(0, pos - 80), pos)
    if open_ < 0:
        return False
    close = text.find(")", open_)
    return close > pos and text.rfind(")", open_, pos) < 0
