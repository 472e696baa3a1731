"""The relevance reading, made before the parse: does a report tell of an event ACLED codes, and in which sentences?

Contract:
- `read_relevance(text, lexicon)` -> `model.Relevance`: the text is cut into sentences by punctuation and line
  breaks (no parse); each sentence's trigger cues (the event lexicon, matched once over the whole text) are decided
  by the rules, and the decision counts only in its conflict sense: a sentence about sports, disease, accidents,
  fires, courts or business (for a protest: only sports, games, culture) needs an armed actor, a weapon or a crowd
  of its own; in a brief report (a note, a headline, a dispatch) the lead's event counts as it is; an act of violence needs
  an armed actor, a weapon or a typical victim; a demonstration needs a crowd; an arrest needs a political target; a
  strategic development needs an armed actor. The sentence's score is the rules' score when its sense holds, else 0;
  the document's score is its best sentence's. `parse` is all of a brief or a conflict report (its places, dates and
  actors may be anywhere in it); in any other report, the sentences that scored with a neighbour on each side and
  the report's first sentence (where datelines are), merged.
- Word classes are data: `lang/en/relevance_*.txt`.
Linear in the text's length: each cue and word class is one scan of the text; sentences are found by bisection.
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from functools import lru_cache

from ..lang import words
from ..model import Document, Relevance
from ..stage import Stage, stage
from ..text.nlp import MAX_CHARS
from .incidents import cut_long, decide_tagged
from .lexicon import Lexicon, load_lexicon
from .registry import Registry
from .taxonomy import taxonomy

DEFAULT_THRESHOLD = 2.0   # the rules' MIN_SCORE: a sentence must report an event as firmly as the coder needs
CLASSES = {"armed": "relevance_armed_actors", "police": "relevance_police_agents", "weapon": "relevance_weapons",
           "crowd": "relevance_crowds", "political": "relevance_political_targets", "victim": "relevance_victims",
           "combat": "relevance_combat", "other": "relevance_other_domains", "pastime": "relevance_pastimes",
           "sports": "relevance_sports", "armed_suspect": "relevance_armed_suspects", "fiction": "relevance_fiction"}
# registry kinds whose named actors (not the generic templates) count as armed actors or as crowds
REGISTRY_CLASS = {"military": "armed", "rebel": "armed", "militia": "armed", "identity": "armed",
                  "protesters": "crowd", "rioters": "crowd"}
# a report this short (in sentences) is a brief, a note or a headline: its lead sentences are its news, and an event
# they report counts without further signs; in a longer article the same words need the signs of `NEEDS`
BRIEF_SENTENCES = 4
STRONG_IN_CONTEXT = 2      # a report with this many sentences of events in their conflict sense is a conflict report
WEAK_SCORE = 1.0           # what a decision without its signs scores outside a conflict context (below the default)
# what makes a decision count in its conflict sense, per kind of event (the first class found names the reason)
NEEDS = {"crowd": ("crowd", "political", "armed", "police"),
         "arrest": ("political", "armed"),
         "violence": ("armed", "weapon", "police", "combat", "victim"),
         "destruction": ("armed", "crowd", "political", "weapon"),
         "strategic": ("armed",)}
WHY = {"armed": "an armed actor", "police": "the police using force", "weapon": "a weapon of war",
       "crowd": "a crowd", "political": "a political actor or target", "victim": "a typical victim",
       "combat": "words of combat"}
_YEAR = re.compile(r"(?<![\w/.-])(1[89]\d\d|20\d\d)(?![\w/-])")
_AGO = re.compile(r"(?i)\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|\w+teen|twenty|thirty|forty|fifty|"
                  r"sixty|seventy|a hundred|several|many)\s+(?:years|decades)\s+ago\b")
BACKGROUND_YEARS = 2      # a sentence whose years all lie this far before the report's latest year is its history
_BREAK = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\s*\n\s*")


@lru_cache(maxsize=None)
def class_pattern(name: str) -> re.Pattern:
    """One word class (`CLASSES`) as a case-insensitive whole-word regex built from its list."""
    return re.compile(r"(?<![\w-])(?:" + "|".join(words(CLASSES[name])) + r")(?![\w-])", re.IGNORECASE)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences by punctuation and line breaks; a longer run is cut into windows as DetectEvents cuts it
    (`incidents.cut_long`)."""
    spans, a = [], 0
    for m in _BREAK.finditer(text):
        spans.extend(cut_long(text, a, m.start()))
        a = m.end()
    spans.extend(cut_long(text, a, len(text)))
    return spans


def _bucket(spans, starts, matches):
    """Group (start, end, item) by the sentence holding them whole."""
    out = defaultdict(list)
    for s, e, item in matches:
        i = bisect.bisect_right(starts, s) - 1
        if i >= 0 and e <= spans[i][1]:
            out[i].append(item)
    return out


def _cue_matches(text, spans, starts, lexicon: Lexicon):
    """Per sentence, the first match of each cue in it (as `Lexicon.match` would give on the sentence alone)."""
    per = _bucket(spans, starts, [(m.start, m.end, m) for m in lexicon.find_all(text)])
    for i, ms in per.items():
        seen, first = set(), []
        for m in ms:
            if id(m.cue) not in seen:
                seen.add(id(m.cue))
                first.append(m)
        per[i] = first
    return per


def _classes(text, spans, starts, registry: Registry | None):
    """Per sentence, the word-class matches in it: (start, end, class name); actors the registry knows by a name
    (JNIM, FARDC, the Taliban, Islamic State: an alias written with a capital) count as armed actors or crowds by
    their kind; its generic words ("soldiers", "militants") are the word lists' business."""
    found = [(m.start(), m.end(), (m.start(), m.end(), name)) for name in CLASSES
             for m in class_pattern(name).finditer(text)]
    for m in registry.find(text) if registry is not None else ():
        kinds = {REGISTRY_CLASS.get(e.kind) for e, alias in m.entries
                 if not alias.home_only and alias.text[:1].isupper()}    # a name ("JNIM", "Islamic State")
        for name in kinds - {None}:
            found.append((m.start, m.end, (m.start, m.end, name)))
    return _bucket(spans, starts, found)


def _beside(found, evidence, text: str) -> set[str]:
    """The classes found outside the trigger's own words ("shelled" is no weapon of its own shelling, nor is the
    same word said again: "shelled pistachios ... Shelled Pistachios")."""
    words = {m.text.lower() for m in evidence}
    return {name for a, b, name in found if not any(a < m.end and m.start < b for m in evidence)
            and text[a:b].lower() not in words}


def kind_of(label: str) -> str:
    """The kind of event a sub-event type is, for what its conflict sense needs (`NEEDS`)."""
    tax = taxonomy()
    if tax.in_family(label, "protest") or label == "Mob violence":
        return "crowd"
    if label == "Arrests":
        return "arrest"
    if label == "Looting/property destruction":
        return "destruction"
    if tax.in_family(label, "violent") or tax.in_family(label, "explosive"):
        return "violence"
    return "strategic"


def sense(label: str, cls: set[str], beside: set[str] | None = None) -> str | None:
    """Why a decision counts in its conflict sense given the sentence's word classes, or None when it does not: a
    sentence of another domain (sports, disease, accidents, courts...) needs an armed actor, the police using force,
    a weapon of war or a crowd besides the trigger's own words (`beside`: "shelled pistachios", a "Bomb" nickname);
    otherwise the event's kind needs one of its classes (`NEEDS`), the trigger's words included."""
    beside = cls if beside is None else beside
    kind = kind_of(label)
    if kind != "crowd" and "fiction" in cls:
        return None         # a story told, not an event
    if kind == "crowd":     # a protest's own words name its crowd
        override = cls & {"armed", "police", "weapon", "crowd", "combat"}
    else:                   # the police's sign names their act, which is the trigger too
        override = (beside | (cls & {"police"})) & {"armed", "police", "weapon", "crowd", "combat"}
    if cls & _foreign(kind) and not override:
        return None
    for c in NEEDS[kind]:
        if c in cls:
            return WHY[c]
    return None


def weak_sense(label: str, cls: set[str], context: str) -> str | None:
    """A decision without the signs its kind needs, unless its sentence belongs to another domain: it counts fully
    where the report gives it a conflict context (a brief report, or a report with STRONG_IN_CONTEXT events in their
    conflict sense), else as WEAK_SCORE (below the default threshold: `--relevance-threshold 1` admits it)."""
    if cls & _foreign(kind_of(label)) or (kind_of(label) != "crowd" and "fiction" in cls):
        return None
    return context


def _foreign(kind: str) -> set[str]:
    """The domains whose words make a sentence's trigger mean something else: sports for every kind; culture,
    nature, disease, accidents, courts and business for all but a crowd's acts (people protest about those)."""
    return {"sports"} if kind == "crowd" else {"sports", "pastime", "other"}


def read_relevance(text: str, lexicon: Lexicon, registry: Registry | None = None, *, neighbours: int = 1,
                   threshold: float = 0.0) -> Relevance:
    spans = sentence_spans(text)
    starts = [a for a, _ in spans]
    cues, classes = _cue_matches(text, spans, starts, lexicon), _classes(text, spans, starts, registry)
    scored, reasons = [], []
    tag = lexicon.note_tag(text[spans[0][0]:spans[0][1]], spans[0][0]) if spans else None
    if tag is not None:     # an ACLED-style note tag ("Property destruction: On ...") decides the first sentence
        cues[0] = cues.get(0, []) + [tag]
    decided = {i: decide_tagged(ms, tag if i == 0 else None) for i, ms in cues.items()}
    decided = {i: d for i, d in decided.items() if d.label and not d.none_reason}
    history = _history(text, spans, starts, decided)
    for i in history:
        del decided[i]
        reasons.append(f"{text[spans[i][0]:spans[i][1]][:60]!r}: {history[i]}, not news")
    strong = {}
    for i, d in decided.items():
        found = classes.get(i, [])
        cls = {c for _, _, c in found}
        if "police" in cls and _armed_suspect(classes, i):
            cls.discard("police")      # the police shot an armed or attacking suspect: a criminal incident
        strong[i] = sense(d.label, cls, _beside(found, d.evidence, text) - ({"police"} - cls))
    if tag is not None and 0 in decided:
        strong[0] = strong[0] or "its note tag"     # a coder's own tag ("Displacement: On ...") says what it is
    context = ("a brief report" if len(spans) <= BRIEF_SENTENCES else
               "a conflict report" if sum(1 for w in strong.values() if w) >= STRONG_IN_CONTEXT else None)
    for i, (a, b) in enumerate(spans):
        score, d = 0.0, decided.get(i)
        if d is not None:
            cls = {c for _, _, c in classes.get(i, [])}
            why = strong[i] or weak_sense(d.label, cls, context or "no sign of its conflict sense")
            if why is not None:
                score = d.score if (strong[i] or context) else WEAK_SCORE
                reasons.append(f"{text[a:b][:60]!r}: {d.label} ({score:g}), with {why}")
        scored.append((a, b, score))
    best = max((s for _, _, s in scored), default=0.0)
    keep = {0} if spans else set()
    if context is not None and best >= threshold:    # a brief or a conflict report: its places, dates and actors
        keep = set(range(len(spans)))                # are anywhere in it, so all of it is parsed
    for i, (_, _, s) in enumerate(scored):
        if s > 0 and s >= threshold:
            keep.update(range(max(0, i - neighbours), min(len(spans), i + neighbours + 1)))
    return Relevance(best, scored, _merge([spans[i] for i in sorted(keep)]), reasons, threshold)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a - out[-1][1] <= 2:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _armed_suspect(classes, i: int) -> bool:
    """Whether sentence i or a neighbour says the person the police faced was armed or attacking."""
    return any(c == "armed_suspect" for j in (i - 1, i, i + 1) for _, _, c in classes.get(j, []))


def _history(text, spans, starts, decided) -> dict[int, str]:
    """The decided sentences that tell of the report's history, not its news: "ten years ago", or years that all lie
    BACKGROUND_YEARS or more before the latest year the report names ("He died in 2008, one of three soldiers
    killed since the invasion in 2003", in a report of 2010)."""
    years = [(m.start(), m.end(), int(m.group(1))) for m in _YEAR.finditer(text)]
    latest = max((y for _, _, y in years), default=None)
    per = _bucket(spans, starts, [(a, b, y) for a, b, y in years])
    out = {}
    for i in decided:
        a, b = spans[i]
        if _AGO.search(text, a, b):
            out[i] = "history (years ago)"
        elif per.get(i) and latest is not None and max(per[i]) <= latest - BACKGROUND_YEARS:
            out[i] = f"history ({max(per[i])}, the report reaches {latest})"
    return out


def overlaps_relevant(relevance: Relevance | None, a: int, b: int) -> bool:
    """Whether clean span a..b overlaps a sentence the relevance reading scored at its threshold (always true without
    a reading). Sentences and parse spans are in text order and do not overlap: found by bisection."""
    if relevance is None:
        return True
    if not relevance.sentences:       # a reading that gives only the spans to parse: those are the relevant parts
        spans = [(x, y, 1.0) for x, y in relevance.parse]
    else:
        spans = relevance.sentences
    i = max(0, bisect.bisect_right(spans, (a, float("inf"), float("inf"))) - 1)
    while i < len(spans) and spans[i][0] < b:
        x, y, s = spans[i]
        if y > a and s > 0 and s >= relevance.threshold:
            return True
        i += 1
    return False


@stage("relevance", requires=("clean",), assigns=("relevance",))
class ReadRelevance(Stage):
    """Read the report cheaply before the parse: set `doc.relevance` and skip a report that tells of no event ACLED
    codes (`not-relevant`, with its score), unless `keep_irrelevant`."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, keep_irrelevant: bool = False, lexicon: str | None = None,
                 registry: Registry | None = None):
        self.threshold, self.keep_irrelevant = threshold, keep_irrelevant
        self.lexicon = load_lexicon(lexicon)
        self.registry = registry or Registry.shipped()

    def __call__(self, doc: Document) -> Document:
        text = doc.clean[:MAX_CHARS]        # no further than the parse reads
        doc.relevance = rel = read_relevance(text, self.lexicon, self.registry, threshold=self.threshold)
        if rel.score < self.threshold and not self.keep_irrelevant:
            doc.skipped = "not relevant"
            doc.warn("not-relevant", f"skipped: no sentence reports an event ACLED codes in its conflict sense "
                                     f"(relevance {rel.score:g} < threshold {self.threshold:g}); use "
                                     f"--keep-irrelevant or a lower --relevance-threshold to code it anyway")
        return doc
