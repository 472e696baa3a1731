"""Roles of actor mentions, read from the spaCy dependency parse of `doc.clean`.

Contract: `role_of(tok)` names the role a noun token plays in its clause -- "agent" (subject, "by"-agent, modifier
of an attack noun), "patient" (object, "against/on/at" target, "held by"), "side" ("with/between"), "speaker"
(subject of say/report), "modifier" (a word that qualifies a noun rather than naming an acting group) or "other".
`is_victim(tok)` says whether a verb or noun of harm governs a (civilian) noun.  `tree_distance` measures how far a
mention is from the event's trigger.  `span_root` is the head token of a clean-text span, None without a parse.
"""
from __future__ import annotations

from .. import lang
from ..model import Document
from .actor_words import (AGENT_PREPS, ATTACK_NOUNS, FORCE_NOUNS, MODIFIED_OK, PATIENT_PREPS, SIDE_PREPS,
                          SPEECH_LEMMAS, TARGET_NOUNS, VICTIM_LEMMAS)


def char_span(doc: Document, start: int, end: int):
    """The parse's span over clean-text `start`..`end`, widened to whole tokens; None without a parse."""
    if doc.nlp is None:
        return None
    return doc.nlp.char_span(start, end, alignment_mode="expand")


def span_root(doc: Document, start: int, end: int):
    """The head token of the parse's span over clean-text `start`..`end`; None without a parse or tokens."""
    s = char_span(doc, start, end)
    return s.root if s is not None and len(s) else None


HEDGES = lang.word_set("hedge_words")


def role_of(tok, depth: int = 0) -> str:
    """The role a noun token plays in its clause: agent, patient, side, speaker or other."""
    while tok.dep_ in ("conj", "appos") and tok.head is not tok:
        tok = tok.head
    if any(ch.dep_ == "relcl" and ch.lemma_.lower() not in SPEECH_LEMMAS for ch in tok.children):
        rel = next(ch for ch in tok.children if ch.dep_ == "relcl")
        if any(c.dep_ in ("nsubj",) and c.lower_ in ("which", "who", "that") for c in rel.children):
            return "agent"
    dep, head = tok.dep_, tok.head
    if head.lemma_.lower() in ("control", "hold", "besiege", "siege") and dep in ("nsubj", "pobj", "npadvmod", "amod",
                                                                              "compound", "agent"):
        return "patient"      # "areas controlled by the rebels", "rebel-held": where the attack fell
    if dep == "pobj" and head.lower_ == "by" and head.head.lemma_.lower() in ("control", "hold", "besiege"):
        return "patient"
    if dep == "nsubj":
        if head.lemma_.lower() in SPEECH_LEMMAS:
            return "speaker"
        return "agent"
    if dep == "dobj" and head.lower_ in HEDGES and not any(c.dep_.startswith("nsubj") for c in head.children):
        # "presumed ISGS militants shot dead a man", parsed as "presumed" taking the group as its object
        return "agent" if tok.i < tok.sent.root.i else "patient"
    if dep in ("nsubjpass", "dobj", "attr", "oprd"):
        return "patient"
    if dep == "pobj":
        p = head.lower_
        if p in AGENT_PREPS:
            return "agent"
        if p in SIDE_PREPS:
            return "side"
        if p == "of" and depth < 2 and head.head is not head:
            owner = head.head
            if owner.lower_ in TARGET_NOUNS or owner.lemma_.lower() in VICTIM_LEMMAS:
                return "patient"
            return role_of(owner, depth + 1)
        if p in PATIENT_PREPS:
            return "patient"
        return "other"
    if dep in ("amod", "compound") and depth == 0 and head.lower_ not in MODIFIED_OK and head.pos_ in ("NOUN", "PROPN"):
        return "modifier"   # "a military coup", "police custody": the word does not name an acting group
    if dep in ("amod", "compound", "poss", "nmod", "npadvmod", "nummod"):
        if head.lower_ in TARGET_NOUNS or head.lemma_.lower() in ("position", "base", "post", "checkpoint"):
            return role_of(head, depth + 1) if depth < 2 else "patient"
        if head.lower_ in ATTACK_NOUNS or head.lower_ in FORCE_NOUNS:
            r = role_of(head, depth + 1) if depth < 2 else "agent"
            return "agent" if r in ("patient", "other", "modifier") and head.lower_ in ATTACK_NOUNS else r
        h = head   # "IS group suicide blast": a chain of modifiers ending in an attack noun
        for _ in range(3):
            if h.dep_ not in ("compound", "amod", "nmod", "poss") or h.head is h:
                break
            h = h.head
            if h.lower_ in ATTACK_NOUNS:
                return "agent"
        return role_of(head, depth + 1) if depth < 2 else "other"
    if dep == "ROOT":
        return "agent" if any(c.dep_ in ("relcl", "acl") for c in tok.children) else "other"
    return "other"


def is_victim(tok) -> bool:
    """A civilian noun is a victim when a verb or noun of harm governs it (killed, shot, the killing of ...)."""
    role = role_of(tok)
    if role in ("speaker", "modifier") and not (role == "modifier" and tok.head.lemma_.lower() in VICTIM_LEMMAS):
        return False
    if any(ch.lower_ in ("no", "without") for ch in list(tok.children) + list(tok.head.children)):
        return False
    t = tok
    for _ in range(4):
        if t.head is t:
            break
        if t.dep_ == "nsubj" and t.head.lemma_.lower() not in ("die", "perish", "sustain", "suffer", "flee", "lose"):
            return False
        t = t.head
        if t.lemma_.lower() in VICTIM_LEMMAS or t.lower_ in VICTIM_LEMMAS:
            return True
    return False


def tree_distance(i: int | None, trig) -> float:
    """Dependency-tree hops between a mention's head token and the event's trigger (smaller = more its actor)."""
    if trig is None or i is None:
        return 50.0
    tok = trig.doc[i]
    for steps, anc in enumerate([tok] + list(tok.ancestors)):
        if anc.i == trig.i:
            return steps
    trig_chain = [trig] + list(trig.ancestors)
    up = {anc.i: steps for steps, anc in enumerate(trig_chain)}
    for steps, anc in enumerate([tok] + list(tok.ancestors)):
        if anc.i in up:   # hops through the lowest common ancestor
            return steps + up[anc.i] + abs(tok.i - trig.i) / 1000
    return 30 + abs(tok.i - trig.i) / 100

