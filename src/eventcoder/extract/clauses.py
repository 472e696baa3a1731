"""Event clauses: the parts of one sentence that each report an event of their own.

Contract: `event_clauses(doc, lexicon, start, end)` cuts the clean text `start`..`end` (one sentence or headline)
at clause joints (", and", ";", "and", "while", "amid", "whereas", "but") and returns the `Clause`s that report an
event of their own, in text order.  A part opens a new clause only when it has its own strong trigger (a cue
decision of score >= 3 that is not outcome-only: "clashes", "shells target", "ISIS detonate bombs", "executes") and
the clause before it has one too; any other part belongs to the clause before it:
- "8 casualties in the aerial bombardment at Aleppo city, and violent clashes north of the city" -> 2 clauses;
- "air and artillery strikes on X", "killed and injured", "clashes and shelling on X", "fired Grad missiles and
  122mm mortars at X" stay one clause: a part that reports the same event type as the clause before it without a
  subject and verb of its own is part of it, and so is a part after a bare "and" when the part before has
  neither a place nor a verb of its own; a clause needs a place or a verb before the next
  one can open ("Looting: On 20 May 2022, ...");
- a part that opens with a place ("..., Kharkiv region as a result of which ...", "and its suburbs with shells",
  "and other areas") says where the clause before it happened;
- "30 killed in X and clashes in the city": the casualties have no trigger, so the clause is the clashes' (a
  killing or a toll counts as a trigger only with an active verb with a subject);
- a part that goes on with the subject of the clause before it ("shells target X and kill 8 people") is that
  clause's unless it reports another kind of event ("ISIS detonate bombs and arrest 15 children").
Each clause carries its decision (`rules.decide` over its own cues), its own place (`place`: the first place named
in it that is not an origin "from X"; None for anaphora such as "the city", "north of the city", "in it", "there":
the caller takes the last place of the clause before it, `last_place`), and `shares_subject` when it opens with a
verb that has no subject of its own ("... ISIS detonate bombs and arrest 15 children": the arrests are ISIS's).
`own_scope` gives the words whose actors are those of an event reported in part of a sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Document, PlaceMention
from .lexicon import CueMatch, Lexicon
from .rules import Decision, decide
from .taxonomy import taxonomy

# where a sentence may hold a second clause
_JOINT = re.compile(r"(?i)\s*[,;]\s*(?:(?:and|while|amid|whereas|but)\b)?\s*|\s+(?:and|while|amid|whereas|but)\s+")
_ORIGIN = re.compile(r"(?i)\bfrom\s+(the\s+)?([\w-]+\s+){0,3}$")
_FINITE = ("VB", "VBZ", "VBP", "VBD")      # verb tags that open a clause with the subject of the one before
# "killed and wounded", "dead or missing": one outcome, not a second clause
_OUTCOME_AFTER = re.compile(r"(?i)(wounded|injured|hurt|missing|maimed|disabled|injuries)\b")
# words of a toll
_DEATH = re.compile(r"(?i)\b(kill|dead|death|died|dies|wound|injur|shot|martyr|casualt)")
# a verb that says what an act did ("... and kill 8 people", "... and leave casualties"): the same event
_HARM = re.compile(r"(?i)(kill|injur|wound|leav|left|caus|claim|hurt|destroy)\w*\b")
# a part that opens with a place ("... Damascus and its suburbs with shells") lists where the clause before it
# happened
_PLACE_HEAD = re.compile(r"(?i)(its|their|the|other|several|many|some)\s+([\w-]+\s+){0,2}?(suburbs?|countryside|"
                         r"outskirts|vicinity|surroundings|environs|neighbou?rhoods?|areas?|districts?|villages?|"
                         r"towns?|city|cities)\b(?!\s+(witness|see|saw)\w*\b)")
# words of aspect that the parser reads as verbs ("Continued clashes", "renewed shelling")
_ASPECT = {"continued", "continuing", "continues", "continue", "renewed", "intensified", "escalated", "repeated",
           "resumed", "ongoing"}
STRONG = 3.0               # the score a part's own cues must reach to report an event of its own


@dataclass
class Clause:
    start: int
    end: int
    decision: Decision
    place: PlaceMention | None = None
    last_place: PlaceMention | None = None
    shares_subject: bool = False


def match_span(doc: Document, lexicon: Lexicon, a: int, b: int) -> list[CueMatch]:
    """The lexicon's cues in clean text `a`..`b`, with offsets into the clean text."""
    return [CueMatch(m.cue, m.start + a, m.end + a, m.text) for m in lexicon.match(doc.clean[a:b])]


def decide_span(doc: Document, lexicon: Lexicon, a: int, b: int) -> Decision:
    """The rules' decision over the cues of clean text `a`..`b` alone."""
    return decide(match_span(doc, lexicon, a, b))


def _harm(d: Decision) -> bool:
    """A killing or harm (taxonomy.json family "harm"): a clause of it needs an active verb and a subject to be an
    event of its own, and after a bare verb it goes on with the act before it."""
    return d.label is not None and taxonomy().in_family(d.label, "harm")


def strong(d: Decision) -> bool:
    """Whether a decision reports an event on its own (not only its outcome, not something ACLED does not code)."""
    return bool(d.label) and d.score >= STRONG and not d.outcome_only and d.none_reason is None


def _opens(doc: Document, d: Decision, a: int, b: int) -> bool:
    """Whether a part has a trigger of its own: a strong decision, not opening with a place, and for a killing an
    active verb with a subject ("a citizen woman was killed and others were wounded in the fall of shells on X" is
    the shells' toll; "the Islamic State executes a young man" is an event)."""
    if _PLACE_HEAD.match(doc.clean, a) or any(p.start == a for p in doc.places):
        return False         # "... shelled Zolochiv, Kharkiv region as a result of which ...": where it happened
    if not strong(d):
        return False
    toll = all(_DEATH.search(m.text) for m in d.evidence)   # "2 Taliban members were killed": a toll, not an act
    return not (_harm(d) or toll) or _active(doc, a, b)


def _active(doc: Document, a: int, b: int) -> bool:
    """Does the part have an active verb with a subject ("the Islamic State executes a young man"), not only a
    passive toll ("a citizen woman was killed")?"""
    toks = _tokens(doc, a, b)
    for i, t in enumerate(toks):    # headline parses are shaky: a finite verb after a noun of the part will do
        if t.pos_ == "VERB" and (t.tag_ in ("VBZ", "VBP", "VBD") or any(c.dep_ == "nsubj" for c in t.children)) \
                and any(x.pos_ in ("NOUN", "PROPN", "PRON") for x in toks[:i]):
            return True
    return False


def _tokens(doc: Document, a: int, b: int):
    if doc.nlp is None:
        return []
    span = doc.nlp.char_span(a, b, alignment_mode="expand")
    return list(span) if span is not None else []


def _has_verb(doc: Document, a: int, b: int) -> bool:
    """Does the part have a verb of its own (not an aspect word or a participle that qualifies a noun)?"""
    return any((t.pos_ == "VERB" or t.tag_ in ("VBZ", "VBP", "VBD")) and t.dep_ != "amod"
               and t.lower_ not in _ASPECT for t in _tokens(doc, a, b))


def _opens_with_bare_verb(doc: Document, a: int, b: int) -> bool:
    """Does the part open with a finite verb or gerund that has no subject of its own ("and arrest 15 children")?"""
    toks = [t for t in _tokens(doc, a, b) if not t.is_punct]
    if not toks:
        return False
    t = toks[0]
    if t.lower_ in _ASPECT:
        return False
    if t.tag_ == "VBG":      # "and killing a young man"; not "and shelling targets X"
        return t.lower_ not in ("shelling", "bombing", "fighting") and any(c.dep_ == "dobj" for c in t.children)
    return t.tag_ in _FINITE and t.pos_ == "VERB" and not any(c.dep_ in ("nsubj", "nsubjpass", "expl")
                                                              for c in t.children)


def is_origin(doc: Document, p: PlaceMention, start: int) -> bool:
    """Is `p` named as where someone came from ("fighters from X"), looking back no further than `start`?"""
    return bool(_ORIGIN.search(doc.clean[max(start, p.start - 30):p.start]))


def own_places(doc: Document, a: int, b: int) -> list[PlaceMention]:
    """The places named in clean text `a`..`b` that could be where something happened (not an origin "from X")."""
    out = []
    for p in doc.places:
        if not (a <= p.start < b) or p.kind in ("demonym", "country") or p.latitude is None:
            continue
        if is_origin(doc, p, a):
            continue
        out.append(p)
    return sorted(out, key=lambda p: p.start)


def _parts(doc: Document, start: int, end: int) -> list[tuple[int, int, str]]:
    """The sentence cut at its joints: (start, end, the joint before it)."""
    out, a, joint = [], start, ""
    for m in _JOINT.finditer(doc.clean, start, end):
        if _OUTCOME_AFTER.match(doc.clean, m.end()):
            continue
        if m.start() > a:
            out.append((a, m.start(), joint))
        a, joint = m.end(), m.group(0)
    if end > a:
        out.append((a, end, joint))
    return [(x, y, j) for x, y, j in out if doc.clean[x:y].strip()]


def event_clauses(doc: Document, lexicon: Lexicon, start: int, end: int) -> list[Clause]:
    """The clauses of `start`..`end` that report an event each (see the module docstring)."""
    groups: list[list[tuple[int, int, str]]] = []
    triggered: list[bool] = []
    tax = taxonomy()
    for a, b, joint in _parts(doc, start, end):
        d = decide_span(doc, lexicon, a, b)
        opens = _opens(doc, d, a, b)
        if groups:
            ga, (pa, pb, _) = groups[-1][0][0], groups[-1][-1]
            before = decide_span(doc, lexicon, ga, pb)
            bare_and = joint.strip().lower() == "and" and "," not in joint
            # "fired Grad missiles and 122mm mortars at X", "air strikes and shelling on X": one list of weapons
            same_type = bool(d.label and before.label) and \
                tax.event_type_of(d.label) == tax.event_type_of(before.label)
            one_phrase = (same_type and not _active(doc, a, b)) or \
                (bare_and and not (own_places(doc, pa, pb) or _has_verb(doc, pa, pb)))
            # "Looting: On 20 May 2022, militia looted ...", "Continued clashes, shells ...": no clause yet
            one_phrase = one_phrase or not (own_places(doc, ga, pb) or _has_verb(doc, ga, pb))
            if opens and triggered[-1] and not one_phrase and _opens_with_bare_verb(doc, a, b):
                # "shells target X and kill 8", "warplanes bomb X and renew their strikes": the same act goes on
                one_phrase = _harm(d) or _HARM.match(doc.clean, a) is not None or same_type
            if opens and triggered[-1] and not one_phrase:
                groups.append([(a, b, joint)])
                triggered.append(True)
                continue
            groups[-1].append((a, b, joint))
            triggered[-1] = triggered[-1] or opens
            continue
        groups.append([(a, b, joint)])
        triggered.append(opens)
    out = []
    for g, trig in zip(groups, triggered):
        a, b = g[0][0], g[-1][1]
        d = decide_span(doc, lexicon, a, b)
        if not trig or not strong(d):
            if out:          # a part with no trigger of its own is the clause before it's
                out[-1].end = b
                places = own_places(doc, out[-1].start, b)
                out[-1].last_place = places[-1] if places else out[-1].last_place
            continue
        places = own_places(doc, a, b)
        out.append(Clause(a, b, d, places[0] if places else None, places[-1] if places else None,
                          bool(out) and _opens_with_bare_verb(doc, a, b)))
    return out


def own_scope(doc: Document, a: int, b: int, start: int) -> tuple[int, int]:
    """The words whose actors are those of an event reported in clean text `a`..`b` of a sentence that starts at
    `start`: from its first clause joint to `b`, or from `start` when the part after the joint goes on with the
    subject of the clause before it ("Russian jets bomb X and shell Y")."""
    m = _JOINT.search(doc.clean, a, b)
    if m is None:
        return a, b
    return (start, b) if _opens_with_bare_verb(doc, m.end(), b) else (m.start(), b)
