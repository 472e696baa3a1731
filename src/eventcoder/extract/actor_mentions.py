"""Actor mentions in a stretch of an event's report, each named for the event and given its role in its clause.

Contract: `mentions_in(doc, ev, span, matches, registry, home, when)` returns the `Actor`s named in the clean-text
`span` (start, end), ordered by where they start, each with a clean-text span, the parse token heading it and its
role (`actor_roles.role_of`; civilians harmed are "victim"); two named groups joined by "or" are one actor
(`actor_either`).  Three kinds of mention:
1. registry aliases (`matches` from `Registry.find`), resolved by `actor_resolve.resolve_match`; a generic noun right
   after a named group belongs to it ("JNIM militants"), a former soldier is a civilian, a generic state force
   qualified by country words is those countries' force ("Russian and Syrian jets");
2. groups the registry lacks that name themselves as armed ("the Yangon Federal Army (YFA)"), coded inter 3;
3. state forces named only by a country word on a force, attack or target noun ("a Turkish drone strike") or a
   country that is the subject of an attack verb ("Israel struck ...").
A state's forces outside the event's country `home` get inter 8.
"""
from __future__ import annotations

import re

from ..model import Document, Event
from .actor_either import join_alternatives
from .actor_names import Actor, admins_of, countries, country_actor, generic
from .actor_resolve import resolve_match
from .actor_roles import char_span, is_victim, role_of, span_root
from .actor_words import ATTACK_NOUNS, ATTACK_VERBS, FORCE_NOUNS, GROUP_NOUNS, POLICE_NOUNS, STATE_WORDS, TARGET_NOUNS
from .registry import STATE_KINDS, Registry

# A name the registry lacks but that names itself an armed group: capitalised words ending in a group noun,
# optionally followed by its acronym in brackets.  Coded as a political militia (inter 3), ACLED's default.
UNKNOWN_GROUP = re.compile(
    r"(?P<name>[A-Z][\w'’.-]*\s+(?:(?:[A-Z][\w'’.-]*|of|the|and|for|de|del|al|el)\s+){0,5}?"
    r"(?:Army|Force|Forces|Front|Brigade|Brigades|Militia|Guerrillas?|Battalion|Legion|Corps|Boys|Movement|"
    r"Resistance|Commandos?|Defenders|Mujahideen|Cartel|Gang|Tigers|Lions|Warriors)"
    r"(?:\s+(?:Force|Forces|Group|Army|Front))?)\b"
    r"(?:\s*\((?P<acro>[A-Z][A-Za-z0-9/-]{1,12})\))?")
NOT_ARMED_WORDS = {"party", "union", "league", "observatory", "ministry", "committee", "council", "association",
                   "national", "air", "navy", "police", "security", "united", "nations", "red", "cross", "crescent",
                   "peace", "women", "students", "workers", "democratic", "republican", "special"}


FORMER = re.compile(r"\b(former|retired|ex-?|demobili[sz]ed)\s+(\w+\s+){0,3}$", re.I)


def mentions_in(doc: Document, ev: Event, span, matches, registry: Registry, home, when) -> list[Actor]:
    """Actors named in the clean-text `span` (start, end), each with its role in its clause."""
    out, covered = _registry_mentions(doc, ev, span, matches, registry, home, when)
    out += _unknown_groups(doc, span, covered, home)
    out = _drop_owned(doc, out)
    out += _country_forces(doc, span, covered, registry, home, when)
    out = sorted(out, key=lambda a: (a.start if a.start is not None else 10**9))
    return join_alternatives(doc, out, registry, when)


def _registry_mentions(doc: Document, ev: Event, span, matches, registry: Registry, home, when):
    """Registry aliases in the span, resolved for the event; returns the actors and the spans they cover."""
    start, end = span
    admin1 = admins_of(ev)
    out: list[Actor] = []
    covered: list[tuple[int, int]] = []
    c = countries()
    named_ends: list[tuple[int, Actor]] = []
    for m in matches:
        if m.start < start or m.end > end:
            continue
        root = span_root(doc, m.start, m.end)
        admins = dict(admin1)
        before = re.search(r"([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+$", doc.clean[max(0, m.start - 30):m.start])
        if before and before.group(1) not in ("The", "A", "An", "Local", "Joint", "Combined"):
            admins["admin3"] = before.group(1)   # "the Myeik PDF": local units are named after their township
        actor = resolve_match(doc, m, root, registry, home, when, admins)
        if actor is None:
            continue
        main, assoc = actor
        if main is None:
            continue
        # "JNIM militants", "Fulani herders": the generic noun after a named group belongs to it
        prev = next((a for e, a in named_ends if 0 <= m.start - e <= 2), None)
        if prev is not None and prev.kind == "external" and main.kind in STATE_KINDS and main.alpha2 and \
                (home is None or main.alpha2 != home.alpha2) and "(" in prev.name:
            # "ATMIS KDF troops": a mission's national contingent -> "ATMIS: ... (2022-) (Kenya)"
            contingent = c.country_by_alpha2(main.alpha2)
            if contingent is not None:
                prev.name = f"{prev.name} ({contingent.name})"
            prev.end = m.end
            covered.append((m.start, m.end))
            continue
        if prev is not None and (m.text.lower() in GROUP_NOUNS or main.kind in ("unidentified", "civilians", "rebel",
                                                                                  "gang", "identity", "militia")):
            if all(e.kind != "assoc" for e, _ in m.entries) or m.text.lower() in GROUP_NOUNS:
                prev.end = m.end
                covered.append((m.start, m.end))
                continue
        if main.kind in STATE_KINDS and root is not None and _former(doc, m.start, root):
            # "a former member of the police", "a retired soldier": a civilian now
            civ = generic(registry, "civilians", home, when)
            if civ is not None:
                main = civ
        main.start, main.end = m.start, m.end
        main.tok_i = root.i if root is not None else None
        main.role = role_of(root) if root is not None else "other"
        if main.kind == "civilians":
            main.role = "victim" if (root is not None and is_victim(root)) else main.role
        main.assoc = assoc
        split = _split_coordinated(main, root, registry, home, when, admin1)
        out.extend(split)
        covered.append((m.start, m.end))
        if not any(e.is_template for e, _ in m.entries) or main.kind in ("identity", "rebel", "militia") or any(
                e.kind == "ethnic" for e, _ in m.entries):
            named_ends.append((m.end, split[0]))
    return out, covered


def _former(doc: Document, start: int, root) -> bool:
    """Whether a state-force mention names former members ("a former member of the Afghan police")."""
    if FORMER.search(doc.clean[max(0, start - 40):start]):
        return True
    return any(ch.lower_ in ("former", "retired", "ex") for ch in root.children) or (
        root.dep_ == "pobj" and root.head.lower_ == "of" and
        any(ch.lower_ in ("former", "retired", "ex") for ch in root.head.head.children))


def _unknown_groups(doc: Document, span, covered, home) -> list[Actor]:
    """Groups the registry does not know, named as such ("the Yangon Federal Army (YFA)")."""
    start, end = span
    c = countries()
    out: list[Actor] = []
    for m in UNKNOWN_GROUP.finditer(doc.clean, start, end):
        name, acro, name_start = m.group("name"), m.group("acro"), m.start("name")
        lead = re.match(r"(?:The|A|An|On|In|At|By|And)\s+", name)
        if lead:
            name, name_start = name[lead.end():], name_start + lead.end()
        if any(a < m.end("name") and name_start < b for a, b in covered):
            continue
        words = name.split()
        if len(words) < 2:
            continue
        if len(words) <= 2 and c.lookup_country(words[0]):
            continue    # "Kenyan Army": a state's forces under another name
        if any(w.lower() in NOT_ARMED_WORDS for w in words):
            continue
        root = span_root(doc, name_start, m.end("name"))
        a = Actor(f"{acro}: {name}" if acro else name, 3, "militia", name_start, m.end("name"),
                  role_of(root) if root is not None else "other", alpha2=home.alpha2 if home else None,
                  tok_i=root.i if root is not None else None)
        out.append(a)
        covered.append((m.start(), m.end()))
    return out


def _drop_owned(doc: Document, out: list[Actor]) -> list[Actor]:
    """Drop a generic noun whose "of" complement names a group ("fighters of the factions": the factions)."""
    named_toks = {a.tok_i for a in out if a.tok_i is not None}
    if doc.nlp is not None and named_toks:
        def owned(a: Actor) -> bool:
            if a.kind not in ("unidentified", "gang") or a.tok_i is None:
                return False
            for prep in doc.nlp[a.tok_i].children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    if any(p.i in named_toks for p in prep.children if p.dep_ == "pobj"):
                        return True
            return False
        out = [a for a in out if not owned(a)]
    return out


def _country_forces(doc: Document, span, covered, registry: Registry, home, when) -> list[Actor]:
    """State forces named by a country word no alias covered ("a Turkish drone strike", "Israel struck")."""
    start, end = span
    c = countries()
    out: list[Actor] = []
    if doc.nlp is not None:
        for tok in char_span(doc, start, end) or []:
            if any(a <= tok.idx < b for a, b in covered):
                continue
            if tok.lower_ in STATE_WORDS and tok.dep_ in ("amod", "compound") and tok.head.lower_ in TARGET_NOUNS:
                a = generic(registry, "military", home, when)
                if a is not None:
                    a.start, a.end, a.role = tok.idx, tok.idx + len(tok.text), role_of(tok)
                    out.append(a)
                continue
            if tok.ent_type_ not in ("NORP", "GPE") and not c.is_demonym(tok.text):
                continue
            country = c.lookup_country(tok.text)
            if country is None:
                continue
            head = tok.head
            kind = None
            if tok.dep_ in ("amod", "compound", "poss", "nmod") and head.lower_ in TARGET_NOUNS:
                kind = "military"
            elif tok.dep_ in ("amod", "compound", "poss", "nmod") and (head.lower_ in ATTACK_NOUNS
                                                                        or head.lower_ in FORCE_NOUNS):
                kind = "police" if head.lower_ in POLICE_NOUNS else "military"
                if head.dep_ in ("compound", "amod") and head.head.lower_ in POLICE_NOUNS:
                    kind = "police"
            elif tok.dep_ == "nsubj" and tok.ent_type_ == "GPE" and head.lemma_.lower() in ATTACK_VERBS:
                kind = "military"
            if kind is None:
                continue
            a = country_actor(registry, kind, country, home, when)
            if a is None:
                continue
            a.start, a.end, a.tok_i = tok.idx, tok.idx + len(tok.text), tok.i
            a.role = role_of(tok)
            if a.role in ("other", "patient") and head.lower_ in ATTACK_NOUNS:
                a.role = "agent"
            out.append(a)
    return out


def _split_coordinated(actor: Actor, root, registry, home, when, admin1) -> list[Actor]:
    """A generic state force qualified by one or more country words becomes that (those) country's force; civilians
    qualified by a nationality ("Ethiopian migrants", "refugees from Ukraine") are that country's civilians."""
    if root is None or actor.kind not in ("military", "police", "civilians") or \
            actor.alpha2 != (home.alpha2 if home else None):
        return [actor]
    named = _qualifying_countries(root)
    if actor.kind == "civilians":
        origin = [c for ch in root.children if ch.dep_ == "prep" and ch.lower_ == "from"
                  for p in ch.children if p.dep_ == "pobj" for c in _country_words(p)]
        named = (named or origin)[:1]
    if not named:
        return [actor]
    out = []
    for country in named:
        a = country_actor(registry, actor.kind, country, home, when)
        if a is None:
            continue
        a.start, a.end, a.role, a.assoc, a.tok_i = actor.start, actor.end, actor.role, actor.assoc, actor.tok_i
        out.append(a)
    return out or [actor]




def _add_new(out: list, items) -> None:
    """Append to `out` those of `items` it does not hold yet."""
    for item in items:
        if item not in out:
            out.append(item)


def _country_words(tok):
    """Countries named by a token and the tokens coordinated with it ("Russian and Ukrainian")."""
    c = countries()
    out = []
    for t in [tok] + [x for x in tok.subtree if x.dep_ == "conj" and x.head == tok]:
        names_place = t.pos_ in ("PROPN", "ADJ", "NOUN") or t.ent_type_ in ("NORP", "GPE")
        found = c.lookup_country(t.text) if names_place else None
        if found and found not in out:
            out.append(found)
    return out


def _qualifying_countries(root):
    """Countries that qualify a force/attack noun: amod/compound/poss children or an "of <country>" complement."""
    out = []
    for ch in root.children:
        if ch.dep_ in ("amod", "compound", "poss", "nmod", "npadvmod") and ch.i < root.i:
            _add_new(out, _country_words(ch))
            for gch in ch.children:  # "Russian air strike": Russian modifies "air"
                if gch.dep_ in ("amod", "compound", "poss") and gch.i < ch.i:
                    _add_new(out, _country_words(gch))
        if ch.dep_ == "prep" and ch.lower_ == "of":
            for pobj in ch.children:
                if pobj.dep_ == "pobj" and pobj.ent_type_ == "GPE":
                    _add_new(out, _country_words(pobj))
    return out

