"""Toponym detection: which spans of the clean text name places (or peoples, for demonyms).

Sources of candidate spans, in order of trust:
1. spaCy entities labelled GPE, LOC, FAC (places) and NORP (demonyms, when they name a country's people);
2. gazetteer-driven matching: runs of capitalised proper-noun tokens (up to five) whose normalised form is a
   name in the gazetteer.  Precision guards: a span must be tagged as a proper noun by the parser (or sit in a
   parenthesised location list such as "(Oyam, Northern)"), and a single common word needs spaCy's agreement.

Returns `Candidate`s (clean offsets, text, how it was found); resolution happens in `resolve.py`.
"""
from __future__ import annotations

import json
import re
from collections import Counter, OrderedDict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from . import names as N
from .supplement import supplement_table
from .countries import is_demonym, lookup_country

PLACE_LABELS = {"GPE", "LOC", "FAC"}
MAX_TOKENS = 5

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
    focus_cc: str | None = None     # set when only the report's focus country made the span a place: resolution
                                    # may then read it with the transliteration fallback, inside that country only


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
    groups = group_name_spans(text)    # "Ahrar al-Sham", "Hayat Tahrir al-Sham": never places

    def in_group(a: int, b: int) -> bool:
        return any(a < e and b > s for s, e in groups)
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
            if not any(ch.isalpha() for ch in span_text) or len(span_text) > 120 or in_group(a, b):
                continue
            a, b = _with_direction(text, a, b, gazetteer)
            span_text = text[a:b]
            if _known(gazetteer, span_text):
                out.append(Candidate(a, b, span_text, "ner", label))
                taken.append((a, b))
            else:   # "1935 Orchard St., Alexandria": let the gazetteer path look inside; keep as a fallback
                weak.append(Candidate(a, b, span_text, "ner", label))
        elif label == "PERSON":
            if _locative_context(ent) or _place_like_person(ent, gazetteer, ents):
                continue   # the small model often calls places persons: "shelled Adra", "an Alexandria man"
            blocked.append((ent.start_char, ent.end_char))
            surnames.update(_surnames(ent, gazetteer))
        elif label in ("ORG", "FAC", "EVENT"):
            orgs.append((ent.start_char, ent.end_char))

    deferred: list[tuple[int, int, str]] = []   # (start, end, how): places only in the report's focus country
    if nlp is not None:
        for a, b, how in _proper_runs(nlp, text):
            if not free(a, b) or in_group(a, b):
                continue
            a2, b2 = _with_direction(text, a, b, gazetteer)
            if (a2, b2) != (a, b) and free(a2, b2):
                out.append(Candidate(a2, b2, text[a2:b2], how))   # "the eastern Ghouta"
                taken.append((a2, b2))
                continue
            span = text[a:b]
            k = N.key(span)
            if not k or k in surnames:
                continue
            if k in _NEVER and not (how == "list" and _names_region(gazetteer, k)):
                continue   # but "(Oyam, Northern)", "(Baydhaba, Bay)": a region in a location list
            if text[b:b + 1] == "." and " " not in span and len(k) <= 4:
                if not (text[max(0, a - 2):a] == ", " and text[a:b + 1] in admin1_abbreviations()):
                    continue   # abbreviations: "Sen.", "Gen.", "Jan." (but "Alexandria, Va.")
                out.append(Candidate(a, b + 1, text[a:b + 1], "list"))
                taken.append((a, b + 1))
                continue
            country = lookup_country(span)
            if country is not None and is_demonym(span):
                out.append(Candidate(a, b, span, "demonym", "", country.alpha2))
                taken.append((a, b))
                continue
            if how != "list" and any(s <= a and b <= e for s, e in blocked):
                continue
            if country is not None and country_word(span):
                out.append(Candidate(a, b, span, how))
                taken.append((a, b))
                continue
            if span.isupper() and len(k) <= 4:
                continue   # acronyms: "NGO", "MON", "PLA"
            if _continues(text, b):
                continue   # "Bab" of "Bab al-Nairab": part of a longer name the gazetteer lacks
            readings = gazetteer.by_key(k)
            if not readings:
                if not span.isupper():
                    deferred.append((a, b, how))
                continue
            strong = any(r.kind in ("country", "admin1") or (r.population or 0) >= 10_000 for r in readings)
            org = next(((s, e) for s, e in orgs if s <= a and b <= e), None)
            if org is not None and how != "list":
                # "Alexandria Police", "University of Georgia" yes; "Chamber of Commerce", "United Way" no
                lead = text[org[0]:a].strip().lower()
                if not strong or not (lead in ("", "the") or text[max(0, a - 3):a].lower() == "of "):
                    org_a, org_b = _trim(text, *org)
                    if org_b == b and re.fullmatch(r"(?i)(the\s+)?((al|el|ad|ar|as|ash|az|an|at)[-\s])?",
                                                   text[org_a:a]):
                        deferred.append((a, b, how))   # the whole ORG is the name: "Marea", "Ghouta"
                    continue
            elif " " not in k and not strong and how != "list" and not _locative_before(text, a):
                deferred.append((a, b, how))
                continue
            out.append(Candidate(a, b, span, how))
            taken.append((a, b))
    if deferred:
        focus = focus_country(doc, out, gazetteer)
        if focus is not None:
            for a, b, how in deferred:
                if not free(a, b):
                    continue
                span = text[a:b]
                k = N.key(span)
                if common_words(nlp, span) or k in _CONFLICT_WORDS:
                    continue    # "Counter attack...", "Syrian Coast": English words, whatever a village is called
                exact = [r for r in gazetteer.by_key(k) if r.cc == focus]
                if exact or _skeleton_ok(span) and skeleton_lookup(gazetteer, focus, span):
                    out.append(Candidate(a, b, span, how, focus_cc=focus))
                    taken.append((a, b))
    for c in weak:
        if free(c.start, c.end) and not in_group(c.start, c.end):
            out.append(c)
    out.sort(key=lambda c: c.start)
    return out


# Armed groups whose names contain place words: "Ahrar al-Sham", "Jabhat Fateh al-Sham", "Hay'at Tahrir al-Sham",
# "Faylaq al-Rahman", "Jaysh al-Islam", "Liwa al-Quds", "Islamic State of Iraq and al-Sham / the Levant".
_GROUP_HEAD = (r"Ahrar|Jabhat|Jabhet|Jebhat|Jabha|Fateh|Fatah|Tahrir|Hay['’]?at|Hayyaat|Hayat|Haiat|Jaysh|Jaish|Jeish|"
               r"Jish|Faylaq|Failaq|Feilaq|Liwa['’]?a?|Lewaa|Suqour|Suqur|Harakat|Ansar|Jund|Junud|"
               r"Kata['’]?ib|Kataeb|Hurras|Tajammu['’]?|Jama['’]?at|Thuwar|Saraya|Usud|Fursan|Ajnad|Muhajirin|"
               r"Nour|Nur|Asa['’]?ib|Shuhada|Ahfad|Alwiya|Ahl")
_GROUP_NAME = re.compile(r"\b(?:" + _GROUP_HEAD + r")(?:\s+(?:[A-Z][\w'’]*))?[\s_-]+(?:(?:al|el|ash|as|an|ad|at|ar|az|"
                         r"ud|ed)[\s_-]+)?(?:[A-Z][\w'’]*)(?:[\s_-]+(?:al|el|ash|as|ad|ar|az|an)[\s_-]+[A-Z][\w'’]*)*")
_GROUP_SUFFIX = re.compile(r"\b(?:al[-\s])?(?:Rahman|Sham|Nusra|Zenki|Zinki|Aqsa)\s+(?:Corps|Legion|Front|Movement|"
                           r"Brigades?|Battalions?|Army)\b|\bIraq and (?:the |al[-\s]|ash[-\s])(?:Levant|Sham)\b")


def group_name_spans(text: str) -> list[tuple[int, int]]:
    """Spans of armed-group names that contain place words (their "al-Sham" is not Damascus)."""
    out = []
    for m in _GROUP_NAME.finditer(text):
        words = re.split(r"[\s_-]+", m.group())
        if len(words) >= 2 and words[0][:1].isupper():
            out.append((m.start(), m.end()))
    for m in _GROUP_SUFFIX.finditer(text):
        if m.group().startswith("Iraq"):
            out.append((m.start() + 5, m.end()))   # "Iraq" itself stays a place
        else:
            out.append((m.start(), m.end()))
    return out


_DIRECTION = re.compile(r"(?i)\b(eastern|western|northern|southern|east|west|north|south)\s+$")


def _with_direction(text: str, a: int, b: int, gazetteer) -> tuple[int, int]:
    """"the eastern Ghouta", "Eastern Qalamoun": take the direction word in when the gazetteer names the region
    with it (else "eastern" describes the part of the place and stays out)."""
    m = _DIRECTION.search(text[max(0, a - 12):a])
    if m:
        a2 = a - len(m.group())
        if gazetteer.has_key(N.key(text[a2:b])):
            return a2, b
    return a, b


# national monitors and agencies: a report from them is about their country unless it says otherwise
_SOURCE_COUNTRY = {"sohr": "SY", "syrian observatory for human rights": "SY", "syriahr": "SY", "snhr": "SY",
                   "syrian network for human rights": "SY", "sana": "SY", "syrian arab news agency": "SY",
                   "enab baladi": "SY", "syria direct": "SY", "step news": "SY", "smart news": "SY",
                   "raqqa is being slaughtered silently": "SY", "deir ezzor 24": "SY", "orient news": "SY"}


def source_country(source: str | None) -> str | None:
    """Country of a national monitor or agency named as the report's source ("SOHR", "SANA")."""
    if not source:
        return None
    s = N.fold(source)
    if s in _SOURCE_COUNTRY:
        return _SOURCE_COUNTRY[s]
    for name, cc in _SOURCE_COUNTRY.items():
        if " " in name and name in s:
            return cc
    return None


def focus_country(doc, cands: list[Candidate], gazetteer) -> str | None:
    """The country a report is clearly about, from what it names unambiguously: country names (1), demonyms
    (0.5), towns and regions whose strong readings lie in one country (1), a national monitor as its source (2).
    None unless one country has at least half of the votes."""
    votes: Counter = Counter()
    cc = source_country(getattr(doc, "source", None))
    if cc:
        votes[cc] += 2.0
    for c in cands:
        if c.demonym_of:
            votes[c.demonym_of] += 0.5
            continue
        country = lookup_country(c.text)
        if country is not None and country_word(c.text):
            votes[country.alpha2] += 1.0
            continue
        rs = gazetteer.by_key(N.key(c.text))
        ccs = {r.cc for r in rs if r.kind in ("admin1", "admin2", "facility", "region") or (r.population or 0) >= 10_000
               or "supplement" in (r.source or "")}
        if len(ccs) == 1:
            votes[ccs.pop()] += 1.0
    if not votes:
        return None
    top, n = votes.most_common(1)[0]
    return top if n >= 1.0 and n / sum(votes.values()) >= 0.5 else None


_VOCAB: dict = {}


def _english_words(nlp_doc) -> frozenset:
    """The parser model's own vocabulary as shipped (its strings.json: frequent English words, not "Harasta");
    the live string store grows with every text parsed, so it cannot serve."""
    key = id(nlp_doc.vocab)
    if key not in _VOCAB:
        words: frozenset = frozenset()
        try:
            from ..text.nlp import load_spacy
            model_path = getattr(load_spacy(), "path", None)
            if model_path is not None:
                with open(model_path / "vocab" / "strings.json", encoding="utf-8") as fh:
                    words = frozenset(w for w in json.load(fh) if w.islower() and w.isalpha())
        except (OSError, ValueError, ImportError, RuntimeError):
            pass
        _VOCAB[key] = words
    return _VOCAB[key]


# words of conflict reporting that are no places but sound like villages to the fallback ("Sarin" / "Suran")
_CONFLICT_WORDS = frozenset("sarin chlorine nusra qaeda qaida daesh isis isil shabiha mukhabarat jihad mujahideen "
                            "mujahedeen sharia shura hisba amir emir sheikh imam mufti wilayat wilaya caliphate "
                            "khilafa hezbollah hizballah peshmerga asayish fatah tahrir ahrar jaysh jaish faylaq "
                            "liwa ansar jund saraya".split())


def common_words(nlp_doc, text: str) -> bool:
    """True when every word of `text` is an ordinary English word (its lower-case form is in the parser model's
    shipped vocabulary, which knows frequent English words but not "Harasta" or "Maskanah")."""
    if nlp_doc is None:
        return False
    strings = _english_words(nlp_doc)
    words = [w for w in re.split(r"[\s\-'’]+", text) if w and w.lower() not in _ARTICLES]
    return bool(words) and all(w.lower() in strings for w in words)


def _skeleton_ok(text: str) -> bool:
    """Only names that look like transliterations get the skeleton fallback: one to four capitalised words, no
    digits, long enough to carry three consonants."""
    words = re.split(r"[\s-]+", text.strip())
    return 1 <= len(words) <= 4 and not any(ch.isdigit() for ch in text) and len(N.key(text).replace(" ", "")) >= 5


_SKELETONS: "OrderedDict[tuple, dict]" = OrderedDict()   # (gazetteer, country) -> skeleton -> {pid: [keys]}
_SKELETON_MAX_NAMES = 25_000
_SKELETON_COUNTRIES = 64
# the skeleton alone is too coarse ("Sarin" / "Suran", "Qaedas" / "Qadsayya", "Nusra" / "an-Nasirah"): the spelling
# must also be close to one of the place's names (rapidfuzz ratio; true variants score 73-96, these 57-67)
_SKELETON_MIN_RATIO = 70


def skeleton_lookup(gazetteer, cc: str, text: str) -> list:
    """Places of country `cc` whose name has the same consonant skeleton as `text` (names.skeleton) and a close
    spelling."""
    sk = N.skeleton(text)
    if len(sk) < 3:
        return []
    ck = (id(gazetteer), cc)
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
    k = N.key(text).replace(" ", "")
    out = []
    for pid, keys in idx.get(sk, {}).items():
        if max(fuzz.ratio(k, other.replace(" ", "")) for other in keys) >= _SKELETON_MIN_RATIO:
            out.extend(r for r in gazetteer.by_key(keys[0]) if r.pid == pid)
    return out


_UNIT_WORDS = re.compile(r"(?i)[\s-]+(city|town|village|district|sub-?county|county|province|governorate|region|"
                         r"municipality|area|countryside|suburbs?|outskirts|camp|neighbou?rhood|state|parish)$")


def _names_region(gazetteer, k: str) -> bool:
    return any(r.kind in ("admin1", "admin2") for r in gazetteer.by_key(k))


_CODES_USED_AS_NAMES = {"us", "usa", "uk", "uae", "drc", "car", "dprk", "rok", "ksa", "rsa"}


def country_word(text: str) -> bool:
    """Country names yes; ISO codes only where news uses them as names ("US", "UK", "DRC"), not "FO", "CGT"."""
    bare = N.fold(text).replace(" ", "")
    return len(bare) > 3 or bare in _CODES_USED_AS_NAMES


@lru_cache(maxsize=1)
def admin1_abbreviations() -> dict[str, tuple[str, str]]:
    """Written abbreviation of a first-level unit ("La.", "Va.") -> (country, admin1), from admin1_abbrev.tsv."""
    out = {}
    for r in supplement_table("admin1_abbrev.tsv"):
        for a in r["abbreviations"].split(";"):
            a = a.strip()
            if a:
                out[a] = (r["country"], r["admin1"])
    return out


def _known(gazetteer, text: str) -> bool:
    if (lookup_country(text) is not None and country_word(text)) or gazetteer.has_key(N.key(text)):
        return True
    stripped = _UNIT_WORDS.sub("", text)
    return stripped != text and gazetteer.has_key(N.key(stripped))


_LOCATIVE_WORDS = {"in", "near", "at", "from", "outside", "into", "toward", "towards", "around", "across", "on",
                   "against", "targets", "target", "attacked", "attack", "attacks", "reached", "entering", "via", "to",
                   "bombing", "shelling", "raids", "strikes", "airstrikes", "bombardment", "pounded", "bombarded",
                   "recaptured", "retook", "overran", "besieging",
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
    return prev in _LOCATIVE_WORDS or nxt == "(" or nxt.lower() in _PLACE_NOUNS_AFTER


def _surnames(ent, gazetteer) -> set[str]:
    """Keys of a PERSON's names that later stand for the person alone ("Ripley" after "Sheriff Tom Ripley"). A name
    before the last that is a province or a big city is left out: in "Aleppo Kills 19" the small model's PERSON is a
    headline, and every later "Aleppo" is still the city (a last name, "Jackson", stays a surname)."""
    names = [t for t in ent if t.pos_ == "PROPN"]
    out = set()
    for i, t in enumerate(names):
        if i < len(names) - 1 and gazetteer is not None and any(
                r.kind == "admin1" or (r.population or 0) >= 100_000 for r in gazetteer.lookup(t.text)):
            continue
        out.add(N.key(t.text))
    return out


# "Khan Shaykhun massacre", "Anadan town", "Harasta countryside": a PERSON followed by these is a place
_PLACE_NOUNS_AFTER = {"massacre", "town", "city", "village", "area", "countryside", "neighbourhood", "neighborhood",
                      "district", "province", "governorate", "outskirts", "suburbs", "camp", "crossing", "airbase"}


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
                if not _is_name_token(run[k]) or not _is_name_token(run[m - 1]):
                    continue    # a sub-run neither starts nor ends with a connector: "Der-" of "Der-Ezor"
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


_ARTICLES = ("al", "el", "ad", "ez", "az", "as", "ar", "ash", "an", "at", "ed", "es", "er", "ud", "ul")


def _is_connector(toks, idx: int) -> bool:
    """Lower-case words inside names: "Deir ez-Zor", "Ma'arrat al-Numan", "Rio de Janeiro", "Bosnia and ..."."""
    t = toks[idx]
    if idx + 1 >= len(toks) or not _is_name_token(toks[idx + 1]):
        if t.lower_ in _ARTICLES and idx + 2 < len(toks) and toks[idx + 1].text in ("-", "_") and \
                _is_name_token(toks[idx + 2]) and not t.whitespace_ and not toks[idx + 1].whitespace_:
            return True    # "Khan al-Shih", "Maara al-Nu'man": the article before its hyphen
        return t.text in ("-", "_") and idx + 1 < len(toks) and _is_name_token(toks[idx + 1])
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
