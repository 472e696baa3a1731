"""Stage AttributeSources: who reported each event (ACLED `source`, `source_scale`) and the words that say so.

`find_attributions(text)` reads every attribution in a text as an `Attribution`: a known outlet, agency, monitor
or official body from the shipped lexicon `data/news_sources.json` ("according to SOHR", "state media said",
"the Britain-based monitor said"), or a person with a role ("activist Ali Paz told ...", "said Baz"), or a bare
role ("activists said", "a military source told").  `merge_people` makes one source of one person spelt two ways
("Paz"/"Baz": same surname up to one letter).  Names that fall on damaged text (a `mojibake-unrepaired` warning,
or text that still looks like mojibake) are never used as source names.

The stage gives each event the attributions of its own sentence, else of the sentences next to it, plus the
outlet the document came with (`doc.source`).  `source` is ';'-joined in that order; `source_scale` is ACLED's
scale when every named source has a known scale ("Other-International", "National", ...).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ftfy.badness import is_bad

from ..lang import alternation, words
from ..model import Document
from ..resources import data_json
from ..spanset import Disjoint, Taken
from ..stage import Stage, stage

_VERBS = (r"said|says|say|told|tells|reported|reports|report|claimed|claims|announced|announces|stated|states|"
          r"added|adds|confirmed|confirms|documented|documents|quoted|cited|posted|published|tweeted|wrote|"
          r"estimated|estimates|counted|recorded|put the (?:death )?toll|reporting|saying|according to")
_VERB_RE = re.compile(rf"\b(?:{_VERBS})\b", re.IGNORECASE)
_PARTICLES = "|".join(re.escape(w) if w.endswith("-") else re.escape(w) + r"\s+"
                      for w in words("person_name_particles"))
_NAME = rf"[A-Z][\w'’-]+(?:\s+(?:{_PARTICLES})?[A-Z][\w'’-]+){{0,3}}"
_BAD_CHARS = re.compile(r"[\u0080-\u00bf\u00c2\u00c3\u00e2\u00f0\ufffd]|Ã.|Â.|â€")


@dataclass(frozen=True)
class Attribution:
    """One reporting source in the text: `name` as coded, `kind` (monitor, agency, activist, official...),
    ACLED `scale` when known, and the clean-text span of the words that name it."""
    name: str
    kind: str
    scale: str | None
    start: int
    end: int
    surname: str = ""


def lexicon() -> dict:
    """The shipped source lexicon (`data/news_sources.json`): sources with aliases, kinds and scales; roles."""
    return data_json("news_sources.json")


@lru_cache(maxsize=1)
def _alias_patterns() -> tuple[re.Pattern, re.Pattern, dict[str, dict]]:
    by_alias: dict[str, dict] = {}
    exact, folded = [], []
    for src in lexicon()["sources"]:
        for a in src["aliases"]:
            key = a if a.isupper() or re.fullmatch(r"[A-Z.]+", a) else a.lower()
            by_alias[key] = src
            (exact if key == a and a.upper() == a else folded).append(a)
    def rx(names, flags):
        body = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
        return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])(?!\s+[Pp]hoto)", flags)
    return rx(exact, 0), rx(folded, re.IGNORECASE), by_alias


@lru_cache(maxsize=1)
def _role_re() -> tuple[re.Pattern, dict[str, str]]:
    role_kind = {r: k for k, rs in lexicon()["roles"].items() for r in rs}
    body = "|".join(re.escape(r) for r in sorted(role_kind, key=len, reverse=True))
    return re.compile(rf"\b(?:{body})\b", re.IGNORECASE), role_kind


def looks_damaged(name: str) -> bool:
    """True for names that still carry mojibake ('°®Âþµº') or replacement characters."""
    if not name or _BAD_CHARS.search(name):
        return True
    return bool(is_bad(name))           # ftfy >= 6.1 (a declared dependency) has ftfy.badness.is_bad


def _near_verb(text: str, a: int, b: int) -> bool:
    """An attribution verb within the same clause, a few words either side of text[a:b]."""
    left = text[max(0, a - 60):a]
    right = text[b:b + 60]
    left = re.split(r"[.;!?]\s", left)[-1]
    right = re.split(r"[.;!?]\s", right)[0]
    return bool(re.search(rf"\b(?:{_VERBS})\s+(?:the\s+|by\s+the\s+|by\s+)?(?:[\w-]+\s+){{0,3}}$", left, re.IGNORECASE)
                or re.match(rf"^[\s,)'’\"]*(?:[\w-]+\s+){{0,4}}?(?:{_VERBS})\b", right, re.IGNORECASE)
                or re.search(r"\b(?:according to|cited by|quoted by|via|told)\s+(?:the\s+)?$", left, re.IGNORECASE))


def find_attributions(text: str, start: int = 0, end: int | None = None,
                      entities: list | None = None) -> list[Attribution]:
    """Every attribution in text[start:end], in text order (clean offsets).  Never raises.

    `entities` (spans with a spaCy label, e.g. `doc.entities`) sharpen the reading of people: a name must then
    be tagged PERSON unless a role introduces it, and is never a place or an organisation's name."""
    end = len(text) if end is None else end
    out: list[Attribution] = []
    taken = Taken(start, end)
    exact, folded, by_alias = _alias_patterns()
    for rx in (exact, folded):
        for m in rx.finditer(text, start, end):
            if taken.overlaps(m.start(), m.end()):
                continue
            key = m.group(0) if m.group(0) in by_alias else m.group(0).lower()
            src = by_alias.get(key)
            if src is None or not _near_verb(text, m.start(), m.end()):
                continue
            out.append(Attribution(src["name"], src["kind"], src.get("scale"), m.start(), m.end()))
            taken.add(m.start(), m.end())
    out += _people(text, start, end, taken, entities)
    out.sort(key=lambda x: x.start)
    return out


_PERSON_PATTERNS = [
    # activist Ali Paz told ... / the activist, Ali Paz, said
    re.compile(rf"(?P<role>\b[a-z][\w -]{{2,30}}?)\s*,?\s+(?P<name>{_NAME})\s*,?\s+(?:{_VERBS})\b"),
    # said activist Ali Paz / said Baz / according to Ali Paz
    re.compile(rf"\b(?:said|says|told|added|according to)\s+(?:the\s+)?(?P<role>[a-z][\w -]{{2,30}}?\s+)?(?P<name>{_NAME})"),
    # Ali Paz, an activist in Idlib, said
    re.compile(rf"(?P<name>{_NAME}),\s+(?:an?\s+|the\s+)?(?P<role>[a-z][\w -]{{2,40}}?),\s+(?:{_VERBS})\b"),
]
# words that open a sentence or a date, not a person's name (case-sensitive: month names are capitalised in lang/en)
_NOT_PERSON = re.compile(r"^(?:The|A|An|He|She|They|It|We|I|This|That|These|Those|On|In|At|But|And|Meanwhile|"
                         rf"{alternation('weekdays')}|{alternation('months')}|Syria|Syrian|Russia|Russian|Iran|"
                         r"Turkey|Turkish|Israel|US|U\.S\.|Reuters|AFP)\b")
_BARE_ROLE = re.compile(rf"\b(?P<who>(?:(?:local|opposition|media|military|security|medical|police|army|government|"
                        rf"rebel|field|reliable|hospital)\s+)?(?:activists?|witness(?:es)?|residents?|officials?|medics?|"
                        rf"doctors?)|(?:local|opposition|media|military|security|medical|police|army|government|rebel|"
                        rf"field|reliable|hospital)\s+sources?)\s+(?:{_VERBS})\b", re.IGNORECASE)


_NOT_NAME_WORDS = re.compile(r"\b(?:Road|Street|Mosque|Hospital|Square|Front|Operation|Tags|State|Army|Forces?|"
                             r"Brigade|Battalion|Council|Ministry|Command|Committee|Agency|News|Media|Center|Centre|"
                             r"Network|Observatory|Coalition|Group|Regional|Humanitarian|Province|City|Town|Syrias?|"
                             r"Based|based|Qaeda|Daesh|ISIS|ISIL|IS)\b")


def _people(text: str, start: int, end: int, taken: Taken, entities=None) -> list[Attribution]:
    """People and roles named as sources; `entities` (spaCy's: they do not overlap) as in `find_attributions`."""
    role_rx, role_kind = _role_re()
    out: list[Attribution] = []
    persons = Disjoint((e.start, e.end) for e in entities or [] if e.label == "PERSON")
    others = Disjoint((e.start, e.end) for e in entities or [] if e.label in ("GPE", "LOC", "FAC", "ORG", "NORP"))
    for rx in _PERSON_PATTERNS:
        for m in rx.finditer(text, start, end):
            a, b = m.start("name"), m.end("name")
            name = m.group("name").strip()
            if taken.overlaps(a, b) or _NOT_PERSON.match(name):
                continue
            role_words = (m.groupdict().get("role") or "").strip()
            role = role_rx.search(role_words) if role_words else None
            kind = role_kind.get(role.group(0).lower(), "person") if role else "person"
            if rx is _PERSON_PATTERNS[0] and not role:
                continue          # "the regime Adra said": no role, too weak for a person
            if len(name.split()) == 1 and kind == "person" and not re.search(r"\b(?:said|says|added)\s+$",
                                                                            text[max(0, a - 8):a]):
                continue
            if looks_damaged(name) or _NOT_NAME_WORDS.search(name) or "-" in name.split()[0][-1:]:
                continue
            if entities is not None and entities:
                is_person = bool(persons.overlapping(a, b))
                is_other = any(others.items[i][0] <= a and b <= others.items[i][1] for i in others.overlapping(a, b))
                if is_other or (kind == "person" and not is_person):
                    continue
            span_a = m.start("role") if role and m.start("role") >= 0 and m.start("role") < a else a
            out.append(Attribution(name, kind, None, span_a, max(b, m.end()) if rx is not _PERSON_PATTERNS[1] else b,
                                   surname=name.split()[-1]))
            taken.add(a, b)
    for m in _BARE_ROLE.finditer(text, start, end):
        if taken.overlaps(m.start("who"), m.end("who")):
            continue
        who = " ".join(m.group("who").split())
        kind = role_kind.get(who.split()[-1].lower().rstrip("s"), None) or role_kind.get(who.lower(), "person")
        if "source" in who.lower():
            kind = "official" if re.search(r"military|security|police|army|government", who, re.I) else "person"
        out.append(Attribution(who[0].upper() + who[1:], kind, None, m.start("who"), m.end("who")))
        taken.add(m.start("who"), m.end("who"))
    return out


def _same_person(a: Attribution, b: Attribution) -> bool:
    if not a.surname or not b.surname:
        return False
    x, y = a.surname.lower(), b.surname.lower()
    if x == y:
        return True
    if len(x) < 3 or len(y) < 3 or len(x) != len(y):
        return False
    diff = [(p, q) for p, q in zip(x, y) if p != q]
    # one letter apart, and a letter pair that transliteration confuses (p/b, f/v, k/q/c, t/d, s/z, e/i, o/u)
    pairs = {frozenset(p) for p in ("pb", "fv", "kq", "kc", "qc", "td", "sz", "ei", "ou", "ae", "gj")}
    return len(diff) == 1 and frozenset(diff[0]) in pairs


def merge_people(attrs: list[Attribution]) -> list[Attribution]:
    """One entry per source: the same lexicon source once; one person spelt two ways once (the fuller name,
    the first known role)."""
    out: list[Attribution] = []
    for at in attrs:
        dup = next((i for i, o in enumerate(out) if o.name == at.name or _same_person(o, at)), None)
        if dup is None:
            out.append(at)
            continue
        o = out[dup]
        if len(at.name.split()) > len(o.name.split()) or (o.kind == "person" and at.kind != "person"):
            out[dup] = Attribution(at.name if len(at.name.split()) > len(o.name.split()) else o.name,
                                   o.kind if o.kind != "person" else at.kind, o.scale or at.scale,
                                   o.start, o.end, o.surname or at.surname)
    return out


def label(at: Attribution) -> str:
    """How a source is written in `source`: lexicon names as they are, people with their role."""
    if at.surname and at.kind not in ("person",):
        return f"{at.name} ({at.kind})"
    return at.name


def source_scale(attrs: list[Attribution], outlet_scale: str | None = None) -> str | None:
    """ACLED's source_scale from the known scales: one scale as it is, several as 'lowest-highest'."""
    order = lexicon()["scale_order"]
    scales = {a.scale for a in attrs if a.scale}
    scales |= {"Local" for a in attrs if a.kind in ("activist", "witness") and not a.scale}
    if outlet_scale:
        scales.add(outlet_scale)
    if not scales:
        return None
    ranked = sorted(scales, key=order.index)
    return ranked[0] if len(ranked) == 1 else f"{ranked[0]}-{ranked[-1]}"


def _outlet(doc: Document) -> tuple[str | None, str | None]:
    """The document's own outlet and its scale, unless the name is damaged."""
    if not doc.source or looks_damaged(doc.source):
        return None, None
    exact, folded, by_alias = _alias_patterns()
    src = by_alias.get(doc.source) or by_alias.get(doc.source.lower())
    return (src["name"], src.get("scale")) if src else (doc.source.strip(), None)


def _damaged_spans(doc: Document) -> list[tuple[int, int]]:
    return [(w.start, w.end) for w in doc.warnings
            if w.kind == "mojibake-unrepaired" and w.start is not None and w.end is not None]


_QUOTE = re.compile(r"[\"“]([^\"“”]{12,600})[\"”]")


def _quotes_of(doc: Document, at: Attribution) -> list[tuple[int, int]]:
    """The quoted words a source is credited with: quotes in the attribution's sentence, or a quote that ends
    right before it ('"...," said Baz')."""
    sent = doc.sentence_of(at.start)
    lo, hi = (sent.start, sent.end) if sent else (max(0, at.start - 300), min(len(doc.clean), at.end + 300))
    out = []
    for m in _QUOTE.finditer(doc.clean, max(0, lo - 600), hi):
        inside = lo <= m.start() < hi
        just_before = 0 <= at.start - m.end() <= 40
        if inside or just_before:
            out.append((m.start(1), m.end(1)))
    return out


@stage("sources", requires=("clean", "readable", "sentences", "entities", "source", "events"),
       assigns=("events.source",))
class AttributeSources(Stage):
    """Fill event.source (';'-joined), event.source_scale, `source` evidence (who) and `source_quote` evidence
    (what they are quoted as saying)."""

    def __call__(self, doc: Document) -> Document:
        if not doc.events:
            return doc
        damaged = _damaged_spans(doc)
        attrs = []
        for at in find_attributions(doc.readable, entities=doc.entities or None):
            a, b = doc.to_original(at.start, at.end)
            if any(x < b and a < y for x, y in damaged) and looks_damaged(doc.text[a:b]):
                continue
            attrs.append(at)
        outlet, outlet_scale = _outlet(doc)
        for ev in doc.events:
            mine = self._for_event(doc, ev.anchor, attrs)
            people = merge_people(mine)
            names = ([outlet] if outlet else []) + [label(p) for p in people]
            names = list(dict.fromkeys(n for n in names if n))
            if not names:
                continue
            ev.source = "; ".join(names)
            ev.source_scale = source_scale(people, outlet_scale)
            for p in mine:
                ev.add_evidence(doc.evidence("source", p.start, p.end))
                for qa, qb in _quotes_of(doc, p):
                    ev.add_evidence(doc.evidence("source_quote", qa, qb))
            if outlet and not mine:
                ev.inferred["source"] = "the outlet the document came from"
            elif outlet:
                ev.inferred.setdefault("source_outlet", "the outlet the document came from")
            if ev.source_scale and not any(p.scale for p in people) and outlet_scale:
                ev.inferred["source_scale"] = "scale of the document's outlet"
        return doc

    @staticmethod
    def _for_event(doc: Document, anchor: tuple[int, int], attrs: list[Attribution]) -> list[Attribution]:
        sents = doc.sentences
        idx = next((i for i, s in enumerate(sents) if s.start <= anchor[0] < s.end), None)
        if idx is None:
            return [a for a in attrs if abs(a.start - anchor[0]) < 300]
        for lo, hi in ((idx, idx), (idx - 1, idx + 1)):
            lo, hi = max(lo, 0), min(hi, len(sents) - 1)
            mine = [a for a in attrs if sents[lo].start <= a.start < sents[hi].end]
            if mine:
                # one person named in full elsewhere: bring the fuller mention along for merging
                full = [o for o in attrs if o not in mine and any(_same_person(o, m) for m in mine)]
                return sorted(full + mine, key=lambda a: a.start)
        return []
