"""Factuality of a reported event: did it happen, or is it planned, threatened, denied, hypothetical, background?

Contract: `judge(doc, start, end)` looks at the trigger span `[start, end)` of `doc.clean` (and the spaCy parse in
`doc.nlp` when present) and returns `(factuality, reason)` where factuality is one of
"occurred" | "planned" | "threatened" | "denied" | "hypothetical" | "background" and `reason` is a short sentence
naming the cue ("auxiliary 'will' on 'come'").  "background" covers habitual and long-running states
("Since 2013, fighting has been led by ...", and tolls counted over a period: "more than 300,000 people have been
killed", "have killed 900 civilians since the start of the year"): the coder does not emit those as events.
`told_as_act(doc, start, end)`: are the words a past act or its doer or object ("protesters rallied", "a truce was
agreed"), not a thing only mentioned ("despite the truce")?  `in_passing(doc, start, end)`: are they a noun of a
circumstance ("amid fierce clashes", "to escape the battles")?  `past_tense(doc, start, end)`: a verb in a past tense.
"""
from __future__ import annotations

import re

from ..lang import alternation, word_set
from ..model import Document
from .actor_roles import char_span, span_root

_FUTURE_AUX = {"will", "shall", "'ll"}
_MODAL_AUX = {"would", "could", "might", "may", "should", "must"}
_PLAN_VERBS = {"plan", "intend", "prepare", "aim", "schedule", "propose", "seek", "expect", "hope", "decide",
               "agree", "consider", "want", "wish", "threaten"}
_THREAT_VERBS = {"threaten", "vow", "warn", "pledge", "promise"}
_DENY_VERBS = {"deny", "refute", "dismiss", "reject"}

_PLANNED_RE = re.compile(r"\b(next (week|month|year)|tomorrow|upcoming|in the coming (days|weeks|months)|"
                         r"is (expected|scheduled|set|due|going) to|are (expected|scheduled|set|due|going) to|"
                         r"will (reportedly |soon )?(come into effect|take effect|begin|start))\b", re.I)
_BACKGROUND_RE = re.compile(r"\b(since (19|20)\d\d|for (many |several )?(years|decades)|has long|have long|"
                            r"(central|key|leading|major|prominent) role|historically|routinely|regularly|"
                            r"habitually|continues? to(?! (bomb|shell|escalat|advance|target|attack|strike|fight|clash|"
                            r"pound|raid|storm|kill|bombard|besiege|hit|stage|hold|protest|demonstrat|rally|march|"
                            r"block|picket|occupy)\w*)|continued to be|every (day|week|month|year)|"
                            r"on a (daily|regular) basis|(has|have|had) been (carrying out|conducting|waging|staging|launching) (\w+ ){0,2}"
                            r"(air ?strikes|raids|attacks|strikes|operations|campaigns?|offensives?)|(has|have) included)\b",
                            re.I)
# a toll counted over a period ("have killed 4,000 civilians since it first intervened", "killed at least 130 since
# the end of July", "more than 300,000 people have been killed", "strikes have killed hundreds of civilians"): a
# long-period total, no event of its own
_PERIOD_TOTAL_RE = re.compile(r"\b((kill|dead|died|death|martyr)\w*\b.*\bsince (the|its|their|it|they|last|early|late|"
                              r"mid|(?:" + alternation("months") + r")\b)|(\d{3},\d{3}|\d{1,3}(,\d{3}){2,}|\d{6,}|"
                              r"(hundreds|tens) of thousands) ([\w-]+ ){0,4}(killed|dead|died|deaths|lives)|"
                              r"(has|have) ([\w-]+ ){0,2}(hundreds|thousands) of ([\w-]+ ){0,3}(killed|dead|died)|"
                              r"(has|have) (killed|left dead) ([\w-]+ ){0,2}(hundreds|thousands))\b", re.I)
# ... but not a first or a superlative counted from a date ("the deadliest attack since the truce began"), nor a
# toll of the day with its running total ("13 were killed today, rising to 1050 since the escalation")
_SINCE_NOT_TOTAL_RE = re.compile(r"\b(first|most|\w+est|worst|today|yesterday|tonight|this (morning|evening)|"
                                 r"(?:" + alternation("weekdays") + r"))\b", re.I)
_HYPO_RE = re.compile(r"\b(if|unless|in case|in the event that|possibility of|risk of|fears? of|could lead to)\b", re.I)


def _chain(tok, limit: int = 4):
    """The trigger token, then its syntactic heads up to the clause root (at most `limit` steps)."""
    out = [tok]
    while tok.head is not tok and len(out) <= limit:
        tok = tok.head
        out.append(tok)
    return out


def _from_parse(doc: Document, start: int, end: int) -> tuple[str, str] | None:
    """The factuality the dependency parse shows for the trigger, or None: no parse, no cue, or a span the parse
    cannot align (spaCy's `char_span` gives None then; it does not raise). Any exception is a bug and is raised,
    so the pipeline records the document as failed."""
    tok = span_root(doc, start, end)
    if tok is None:
        return None
    chain = _chain(tok)
    for i, t in enumerate(chain):
        if t.pos_ not in ("VERB", "AUX", "NOUN") and i > 0:
            continue
        for c in t.children:
            low = c.lower_
            if abs(c.i - tok.i) > 8:          # a cue far from the trigger belongs to another clause
                continue
            modal = c.tag_ == "MD" or low == "'ll"   # not "May" in "since 7 May blocked", parsed as an aux
            if modal and c.dep_ in ("aux", "auxpass") and low in _FUTURE_AUX:
                return "planned", f"auxiliary {c.text!r} on {t.text!r}"
            if modal and c.dep_ == "aux" and low in _MODAL_AUX:
                return "hypothetical", f"modal {c.text!r} on {t.text!r}"
            if c.dep_ == "neg" and i <= 1 and t.pos_ in ("VERB", "AUX"):
                return "denied", f"negation {c.text!r} on {t.text!r}"
            if c.dep_ == "mark" and low in ("if", "unless") and t.dep_ == "advcl":
                return "hypothetical", f"condition {c.text!r} on {t.text!r}"
        if i > 0 and t.pos_ == "VERB":
            lem = t.lemma_.lower()
            # a verb of threat or denial governs the event when it has a subject ("the army denied ..."); a
            # participle read as the root ("dismissed employees protested") has none
            said = any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
            if lem in _THREAT_VERBS and said:
                return "threatened", f"{t.text!r} governs the event"
            if lem in _DENY_VERBS and said:
                return "denied", f"{t.text!r} governs the event"
            if lem in _PLAN_VERBS and chain[i - 1].dep_ in ("xcomp", "ccomp") and chain[i - 1].tag_ in ("VB",):
                return "planned", f"{t.text!r} governs the event"
        if t.dep_ == "ROOT":
            break
    return None


def past_tense(doc: Document, start: int, end: int) -> bool:
    """Whether the trigger words are a verb in a past tense ("demonstrated", "have gathered", "was shelled")."""
    sp = char_span(doc, start, end)
    if sp is None:
        return False
    for t in sp:
        if t.tag_ == "VBD":
            return True
        if t.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("has", "have", "had", "was", "were")
                                   for c in t.children):
            return True
    return False


_ACT_VERBS = word_set("context_act_verbs")
_ACT_PATH = {"nsubj", "nsubjpass", "dobj", "compound", "amod", "conj", "ROOT"}


def told_as_act(doc: Document, start: int, end: int) -> bool:
    """Whether the words at start..end are a past act or its doer or object ("protesters rallied", "the two sides
    agreed a truce", "a deal was signed"), not a thing a clause only mentions ("despite the truce", "calls for
    talks"): the first verb above them, reached through subject, object or compound links only, is a verb of
    such an act (lang/en/context_act_verbs.txt) in a past tense."""
    tok = span_root(doc, start, end)
    if tok is None:
        return False
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX"):
            return tok.lemma_.lower() in _ACT_VERBS and past_tense(doc, tok.idx, tok.idx + len(tok.text))
        if tok.dep_ not in _ACT_PATH or tok.head is tok:
            return False
        tok = tok.head
    return False


_PASSING_PREPS = word_set("passing_prepositions")


def in_passing(doc: Document, start: int, end: int) -> bool:
    """Whether the words at start..end are a noun governed by a preposition of circumstance ("amid fierce
    clashes", "after a week of fighting", "to escape the battles": lang/en/passing_prepositions.txt), mentioned
    in passing, not told as an act."""
    tok = span_root(doc, start, end)
    if tok is None:
        return False
    return tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("pobj", "dobj") and tok.head.lower_ in _PASSING_PREPS


def _period_total(clause: str) -> re.Match | None:
    """A toll counted over a period in the trigger's clause (`_PERIOD_TOTAL_RE`), unless that clause counts from a
    date for a first, a superlative or a toll of the day (`_SINCE_NOT_TOTAL_RE`, before "since")."""
    m = _PERIOD_TOTAL_RE.search(clause)
    since = m.group(0).lower().rfind("since") if m else -1
    if since >= 0 and _SINCE_NOT_TOTAL_RE.search(clause, 0, m.start() + since):
        return None
    return m


def judge(doc: Document, start: int, end: int) -> tuple[str, str]:
    """(factuality, reason) for the event whose trigger is `doc.clean[start:end]`."""
    sent = doc.sentence_of(start)
    s0, s1 = (sent.start, sent.end) if sent else (max(0, start - 200), min(len(doc.clean), end + 200))
    text = doc.clean[s0:s1]
    # background cues count in the clause that holds the trigger's last word, or when they open the sentence
    clause_start = max(doc.clean.rfind(c, s0, end) for c in ",;:(")
    clause_end = min([i for i in (doc.clean.find(c, end, s1) for c in ",;:)") if i >= 0] or [s1])
    clause = doc.clean[max(s0, clause_start + 1):clause_end]
    lead = re.match(r"\W*(since (19|20)\d\d|for (many |several )?(years|decades))\b", text, re.I)
    m = _BACKGROUND_RE.search(clause) or lead or _period_total(clause)
    if m:
        return "background", f"background/habitual cue {m.group(0)!r}"
    m = _PLANNED_RE.search(text)
    if m and not past_tense(doc, start, end):   # "demonstrated ... against the upcoming budget" happened
        return "planned", f"future cue {m.group(0)!r}"
    got = _from_parse(doc, start, end)    # None without a parse, or when it does not align with the span
    if got:
        return got
    before = doc.clean[s0:start]
    m = _HYPO_RE.search(before)
    if m:
        return "hypothetical", f"conditional cue {m.group(0)!r} before the trigger"
    return "occurred", "reported as having happened (no future, modal, negation or background cue)"
