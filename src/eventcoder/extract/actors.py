"""Stage CodeActors: who acted in each event (ACLED actor1/actor2, assoc actors, inter codes, civilian targeting).

How an event's actors are found:
1. Mentions: registry aliases in the event's sentence (or its own clause, `event.actor_scope`, set by DetectEvents
   when a sentence reports several events) (named groups such as "Hizballah", generic words such as
   "soldiers", "gunmen", "protesters"), plus state forces named by a country word that qualifies a force or attack
   noun ("Russian warplanes", "a Turkish drone strike", "forces of Ukraine") or a country that is the subject of an
   attack verb ("Israel struck ...").
2. Names: each mention becomes an ACLED-style name for the event's country and date (`Military Forces of Syria
   (2000-2024)`, `Islamic State (Syria)`, `Civilians (Mexico)`); a state's forces outside their country get inter 8.
3. Roles from the dependency parse: the subject or "by"-agent of the report is a perpetrator, objects and
   "against/on/at" targets are victims or the other side; civilians count only as victims (killed, shot, abducted).
4. Event type decides the pattern: Protests -> Protesters (X) [+ police on intervention]; Riots -> Rioters (X)
   [+ victims or police]; Violence against civilians -> perpetrator + Civilians (X) with civilian targeting;
   Battles -> two armed sides; Explosions/Remote violence -> the attacker [+ its target]; Strategic developments by
   sub-event type.  A missing side is filled with the convention's default and marked in `event.inferred`.
   An Attack whose named target is armed is an Armed clash (`armed_target`); a convention of the event's period
   may recode it first (`conventions`, taxonomy.json `period_conventions`).

The stage lives here; its parts live in small modules: `actor_context` (the event's country and date),
`actor_mentions` (actors named around the event, with `actor_resolve` for registry matches and `actor_roles` for
roles from the parse), `actor_names` (ACLED-style names), `actor_choice` (picking among mentions) and `war_context`
(default sides in wars with known sides and fronts).  Here, `_Scene` gathers what is known around one event and one
function per event type (`SIDES_BY_EVENT_TYPE`) chooses its two sides; `code_event` applies the conventions common
to all types and writes the fields.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from ..model import Document, Event
from ..stage import Stage, stage
from .actor_choice import charged, dedupe, pick_armed, refine
from .actor_context import event_country, event_date
from .actor_coref import refer_back
from .actor_mentions import mentions_in
from .actor_names import Actor, admins_of, generic
from .actor_roles import span_root
from .armed_target import attack_on_armed
from .conventions import apply_period_conventions
from .same_sides import merge_same_sides
from .registry import STATE_KINDS, Registry
from .taxonomy import taxonomy
from .war_context import AERIAL_WORDS, war_context

EARLIER_REACH = 1500   # characters before an event's sentence where a group named earlier is looked for
CLASH_WORDS = re.compile(r"\b(clash\w*|fought|fight\w*|between|each other|rival\w*|brawl\w*|scuffle\w*)\b", re.I)

# Per sub-event type, taxonomy.json says which actor kind fills a side the report does not name
# (`default_actor1`, `default_actor2`), where a strategic development's actor comes from (`actor1_fallbacks`) and
# whether one actor may stand on both sides (`same_actor_both_sides`).


def _default_actor1(sub: str) -> str:
    """The actor kind that attacks or fights in a `sub` event when the report names none."""
    kind = taxonomy().default_actor1(sub)
    if kind is None:
        raise ValueError(f"taxonomy.json: {sub!r} has no default_actor1, but its event type needs a default side; "
                         f"set one (an actor kind such as 'unidentified' or 'military')")
    return kind


@stage("actors", requires=("clean", "readable", "nlp", "sentences", "places", "published_at", "geography",
                         "events", "events.location", "notes.actor_scope", "notes.clause_of"),
       assigns=("events.actors",))
class CodeActors(Stage):
    """Fill actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2 and civilian_targeting of each event.

    `registry`: None for the shipped registry, a path to a user registry file (used in front of the shipped one),
    or a `Registry`."""

    def __init__(self, registry: Registry | str | Path | None = None):
        if registry is None:
            self.registry = Registry.shipped()
        elif isinstance(registry, Registry):
            self.registry = registry
        else:
            self.registry = Registry.shipped().extended(registry)

    def __call__(self, doc: Document) -> Document:
        if not doc.events:
            return doc
        matches = self.registry.find(doc.readable)
        for ev in doc.events:
            code_event(doc, ev, matches, self.registry)
        merge_same_sides(doc)
        return doc


def _sentences_near(doc: Document, sent, after: bool, n: int = 3) -> tuple[int, int] | None:
    """The clean-text span of the `n` sentences after `sent` (where a report often names the other side) or, with
    `after` false, before it; None when there are none."""
    if sent is None:
        return None
    if after:
        near = [x for x in doc.sentences if x.start >= sent.end][:n]
    else:
        near = [x for x in doc.sentences if x.end <= sent.start][-n:]
    return (near[0].start, near[-1].end) if near else None


class _Scene:
    """What is known around one event before its sides are chosen: the actors named in its sentence (`found`) and
    in the three sentences after it (`later`), its country and date, and the defaults of a war it belongs to."""

    def __init__(self, doc: Document, ev: Event, matches, registry: Registry):
        self.doc, self.ev, self.matches, self.registry = doc, ev, matches, registry
        self.home = event_country(doc, ev, matches)
        self.when = event_date(doc, ev)
        self.admins = admins_of(ev)
        self.sent = sent = doc.sentence_of(ev.anchor[0])
        scope = (sent.start, sent.end) if sent else (max(0, ev.anchor[0] - 300),
                                                     min(len(doc.clean), ev.anchor[1] + 300))
        own = doc.notes_of(ev).actor_scope   # DetectEvents: the event's own clause of a multi-clause sentence
        if own is not None:
            scope = own
        self.trig = span_root(doc, ev.anchor[0], ev.anchor[1]) if ev.anchor[1] > ev.anchor[0] else None
        earlier = self.actors_in((max(0, scope[0] - EARLIER_REACH), scope[0])) if scope[0] > 0 else []
        self.found = found = refer_back(doc, self.actors_in(scope), earlier)
        later_span = _sentences_near(doc, sent, after=True)
        self.later = later = refer_back(doc, self.actors_in(later_span), earlier + found)
        self.armed = [a for a in found if a.armed]
        self.victims = [a for a in found if a.kind == "civilians" and a.role == "victim"]
        self.later_victims = [a for a in later if a.kind == "civilians" and a.role == "victim"]
        self.state = [a for a in self.armed if a.kind in ("military", "police")]
        self.text = doc.clean[scope[0]:scope[1]]
        self.context = self.text + " " + (doc.clean[later_span[0]:later_span[1]] if later_span else "")
        where = " ".join(x for x in (ev.location, ev.admin2, ev.admin3) if x)
        self.war, self.local, self.front, self.local_why = war_context(registry, self.home, self.when, where,
                                                                       found + later, self.context)

    def actors_in(self, span) -> list[Actor]:
        """The actors named in a clean-text span (one per name); [] for no span."""
        if not span:
            return []
        return dedupe(mentions_in(self.doc, self.ev, span, self.matches, self.registry, self.home, self.when))

    def assoc_of(self, kinds) -> list[str]:
        """The assoc names of the actors of `kinds` named in the event's sentence."""
        return [n for a in self.found if a.kind in kinds for n in a.assoc]

    def pick(self, pool, exclude=frozenset(), partner=None) -> Actor | None:
        """`actor_choice.pick_armed`, nearest the event's trigger."""
        return pick_armed(pool, exclude, partner, self.trig)

    def default(self, kind: str) -> Actor | None:
        """The generic actor of `kind` for the event's country and date."""
        return generic(self.registry, kind, self.home, self.when, admins=self.admins)

    def other_side(self, a1: Actor) -> Actor | None:
        """The opponent of `a1` when the sentence names none: a war's other side, a group named later, a default."""
        local, front, war = self.local, self.front, self.war
        if local is not None:   # a third party's fight: its opponent is another group named, or the front's other
            named = self.pick([a for a in self.found + self.later if a.armed and a.role not in ("speaker", "modifier")],
                              {a1.name}, a1)
            if named is None and front is not None:
                named = next((f for f in front if f.name != a1.name), None)
            return named
        if war is not None:
            if a1.name == war[0].name:
                return war[1]
            if a1.name == war[1].name:
                return war[0]
        pool = self.pick([a for a in self.later if a.armed], {a1.name}, a1)
        if pool is not None:
            return pool
        if war is not None:
            # in a war, the unnamed opponent of the state is the war's opponent side and vice versa; a named group
            # that is neither side (one that fights everyone, e.g. the Islamic State in Syria) has no default
            if a1.kind in STATE_KINDS:
                return war[1]
            return war[0] if a1.kind in ("rebel", "unidentified") and (a1.name == war[1].name or a1.start is None
                                                                         or a1.kind == "unidentified") else None
        return self.default("unidentified" if a1.kind in STATE_KINDS else "military")


class _Sides(NamedTuple):
    """The two sides chosen for an event, why each was inferred (None: named), and extra assoc names of side 1."""
    a1: Actor | None
    a2: Actor | None = None
    why1: str | None = None
    why2: str | None = None
    assoc1: tuple[str, ...] = ()


def _protest_sides(s: _Scene, sub: str) -> _Sides:
    """Protesters (X), and the authorities that intervened."""
    a2 = why2 = None
    a1 = next((a for a in s.found if a.kind == "protesters"), None) or s.default("protesters")
    why1 = "the demonstrators of a protest event"
    kind2 = taxonomy().default_actor2(sub)
    if kind2 is not None:     # a protest intervened in: the police (or other state forces) that intervened
        acting = [a for a in s.state if a.role not in ("modifier", "speaker")]
        a2 = next((a for a in acting if a.kind == kind2), None) or next(iter(acting), None) or s.default(kind2)
        why2 = "authorities that intervened in the protest"
    return _Sides(a1, a2, why1, why2, tuple(s.assoc_of(("protesters", "civilians"))))


def _riot_sides(s: _Scene, sub: str) -> _Sides:
    """Rioters (X), and the forces they fought or the victims of mob violence."""
    a2 = why2 = None
    a1 = next((a for a in s.found if a.kind == "rioters"), None) or s.default("rioters")
    why1 = "the participants of a riot"
    engaged = [a for a in s.state if a.role in ("agent", "side", "patient")]
    later_state = [a for a in s.later if a.kind in ("military", "police") and a.role in ("side", "patient")]
    if engaged or later_state:
        a2 = (engaged or later_state)[0]
    elif s.victims:
        a2 = s.victims[0]
    elif taxonomy().default_actor2(sub) is not None:     # mob violence: its victims
        if CLASH_WORDS.search(s.text) and not s.later_victims:
            a2, why2 = a1, "two groups of rioters"
        else:
            a2 = (s.later_victims or [None])[0] or s.default(taxonomy().default_actor2(sub))
            why2 = "the victims of mob violence"
    return _Sides(a1, a2, why1, why2, tuple(s.assoc_of(("rioters",))))


def _violence_against_civilians_sides(s: _Scene, sub: str) -> _Sides:
    """The perpetrator (named, a war's attacker, a third party or unidentified) and the civilians harmed."""
    a2 = why1 = why2 = None
    war = s.war
    a1 = s.pick([a for a in s.armed if a.role != "patient" and not charged(s.doc, a)])
    if a1 is None and war is not None and AERIAL_WORDS.search(s.context):
        a1, why1 = war[0], "bombardment in a war, attacker not named: the war's main attacker"
    if a1 is None and s.local is not None:
        a1, why1 = s.local, s.local_why
    if a1 is None:
        a1, why1 = s.default("unidentified"), "perpetrator not named: an unidentified armed group"
    a2 = (s.victims or [None])[0]
    if a2 is None:   # no civilian named as a victim: a named group whose members were hit is the other side
        a2 = next((a for a in s.armed if a.role == "patient" and a.name != a1.name), None)
    if a2 is None:
        a2, why2 = s.default("civilians"), "the victims of violence against civilians"
    return _Sides(a1, a2, why1, why2)


def _battle_sides(s: _Scene, sub: str) -> _Sides:
    """Two armed sides; a side not named is the war's, the third party's or the convention's default."""
    why1 = why2 = None
    armed, war = s.armed, s.war
    a1 = s.pick(armed)
    opposite = [a for a in armed if a.role in ("side", "patient")] if a1 is not None and a1.role == "agent" else []
    a2 = s.pick(opposite, {a1.name}, a1) if opposite else None
    if a2 is None:
        a2 = s.pick(armed, {a1.name} if a1 else set(), a1)
    if a2 is None and a1 is not None and a1.role == "side" and CLASH_WORDS.search(s.text):
        a2 = a1      # "clashes between unidentified armed men": the same kind of actor on both sides
    if a1 is None:
        a1, why1 = (war[0] if war else s.local or s.default(_default_actor1(sub))), \
            "armed side not named"
    if a2 is None and a1 is not None:
        a2, why2 = s.other_side(a1), "opposing side not named"
        if a2 is not None and a2.name == a1.name:
            a2 = None
    return _Sides(a1, a2, why1, why2)


def _remote_violence_sides(s: _Scene, sub: str) -> _Sides:
    """The attacker (named or the default of the weapon) and its target: a group hit, civilians harmed."""
    a2 = why1 = why2 = None
    armed, war = s.armed, s.war
    a1 = s.pick([a for a in armed if a.role != "patient"])
    if a1 is None:
        kind = _default_actor1(sub)
        if war is not None and (kind == "military" or AERIAL_WORDS.search(s.context)):
            a1, why1 = war[0], "attacker not named: the main attacker of the war"
        elif s.local is not None:
            a1, why1 = s.local, s.local_why
        else:
            a1, why1 = s.default(kind), "attacker not named"
    others = [a for a in armed if (a1 is None or a.name != a1.name) and a.role not in ("speaker", "modifier")]
    if a1 is not None and a1.kind in STATE_KINDS:
        others = [a for a in others if not (a.kind in STATE_KINDS and a.alpha2 == a1.alpha2)]
    target = next((a for a in others if a.role in ("patient", "side")), None)
    if target is not None:
        a2 = target
    elif s.victims or s.later_victims:
        a2 = (s.victims or s.later_victims)[0]
    elif others:
        a2 = others[0]
    elif war is not None and a1 is not None and why1 is None and a1.name == war[1].name:
        a2, why2 = war[0], "a non-state group's bombardment in a war: the state's side"
    return _Sides(a1, a2, why1, why2)


# a change to a group that involves a second group: mergers, alliances, defections, allegiance
_JOINT_CHANGE = re.compile(r"\b(merg\w*|join(ed|s|ing)?|defect\w*|allian\w*|allied|unit(e|ed|es|ing)|integrat\w*|"
                           r"absorb\w*|coalition|pledg\w* allegiance|swore allegiance|handed over|hand(s)? over)\b", re.I)


def _armed_named_before(s: _Scene, sub: str) -> tuple[Actor | None, str | None]:
    nearby = s.actors_in(_sentences_near(s.doc, s.sent, after=False))
    a1 = s.pick([a for a in nearby[::-1] if a.armed and a.role == "agent"])
    return a1, ("named in the sentences before" if a1 else None)


def _default_of(s: _Scene, sub: str) -> tuple[Actor | None, str | None]:
    return s.default(taxonomy().default_actor1(sub)), "actor not named"


def _unarmed_named(s: _Scene, sub: str) -> tuple[Actor | None, str | None]:
    return next((a for a in s.found if a.kind in ("government", "protesters", "rioters")), None), None


def _civilians_named(s: _Scene, sub: str) -> tuple[Actor | None, str | None]:
    """Displacement, evacuations: the civilians concerned."""
    return next((a for a in s.found if a.kind == "civilians" and a.role not in ("speaker", "modifier")), None), None


# taxonomy.json `actor1_fallbacks`: where a strategic development's actor 1 comes from when no armed actor is named
# (a source's reason, when it has one, is kept even when it finds no actor)
ACTOR1_SOURCES = {
    "armed actor named before": _armed_named_before,
    "default": _default_of,
    "government, protesters or rioters named": _unarmed_named,
    "civilians named": _civilians_named,
}


def _strategic_sides(s: _Scene, sub: str) -> _Sides:
    """The actor of a strategic development by sub-event type, and an armed group or civilians concerned."""
    a2 = why1 = why2 = None
    armed = s.armed
    tax = taxonomy()
    a1 = s.pick(armed)
    for source in tax.actor1_fallbacks(sub):
        if a1 is not None:
            break
        a1, why = ACTOR1_SOURCES[source](s, sub)
        why1 = why if why is not None else why1
    other = s.pick(armed, {a1.name} if a1 else set(), a1)
    if other is not None and tax.flag(sub, "actor2_only_if_joint") and not _JOINT_CHANGE.search(s.text):
        other = None   # a group named only as who the changed group will fight ("... against X") takes no part
    kind2 = tax.default_actor2(sub)
    if other is not None:
        a2 = other
    elif kind2 is not None:
        named = s.victims if kind2 == "civilians" else []
        a2 = (named or [None])[0] or s.default(kind2)
        why2 = "those affected"
    return _Sides(a1, a2, why1, why2)


def _any_sides(s: _Scene, sub: str) -> _Sides:
    """An event of no known type: the most actor-like armed group named."""
    return _Sides(s.pick(s.armed))


SIDES_BY_EVENT_TYPE = {
    "Protests": _protest_sides,
    "Riots": _riot_sides,
    "Violence against civilians": _violence_against_civilians_sides,
    "Battles": _battle_sides,
    "Explosions/Remote violence": _remote_violence_sides,
    "Strategic developments": _strategic_sides,
}


def _same_actor_allowed(sub: str) -> bool:
    """Whether one actor may be both sides of a `sub` event (taxonomy.json `same_actor_both_sides`); an event with
    no sub-event type may not."""
    return bool(sub) and taxonomy().flag(sub, "same_actor_both_sides")


def code_event(doc: Document, ev: Event, matches, registry: Registry) -> None:
    """Fill one event's actor fields (see the module docstring for the rules)."""
    s = _Scene(doc, ev, matches, registry)
    apply_period_conventions(doc, ev, s.when)
    et, sub = ev.event_type or "", ev.sub_event_type or ""
    a1, a2, why1, why2, assoc1 = SIDES_BY_EVENT_TYPE.get(et, _any_sides)(s, sub)
    assoc1 = list(assoc1)
    if a1 is None and a2 is not None:
        a1, a2, why1, why2 = a2, None, why2, None
    if a1 is not None and a2 is not None and a1.name == a2.name and not _same_actor_allowed(sub):
        a2 = None
    if a1 is not None and a1.armed and a1.role == "agent":   # other attackers named with it: its associates
        assoc1 = assoc1 + [a.name for a in s.armed if a.role == "agent" and a.name != a1.name
                           and (a2 is None or a.name != a2.name)]
    a1, a2 = (refine(a, registry, s.home, s.when, sub, s.context) for a in (a1, a2))
    attack_on_armed(doc, ev, a1, a2, any(a.kind == "civilians" and a.role == "victim" for a in s.found))
    _assign(doc, ev, a1, a2, why1, why2, assoc1, s.found)


def _assign(doc: Document, ev: Event, a1: Actor | None, a2: Actor | None, why1, why2, assoc1, found) -> None:
    ev.actor1, ev.inter1 = (a1.name, a1.inter) if a1 else (None, 0)
    ev.actor2, ev.inter2 = (a2.name, a2.inter) if a2 else (None, 0)
    names1 = list(dict.fromkeys((a1.assoc if a1 else []) + list(assoc1)))
    names2 = list(dict.fromkeys(a2.assoc if a2 else []))
    ev.assoc_actor_1 = "; ".join(n for n in names1 if n != ev.actor1) or None
    ev.assoc_actor_2 = "; ".join(n for n in names2 if n != ev.actor2 and n not in names1) or None
    ev.civilian_targeting = "Civilian targeting" if (a2 is not None and a2.inter == 7 and a1 is not None
                                                     and a1.inter not in (5, 6, 7)) else None
    if a1 is not None and a1.inter == 5 and a2 is not None and a2.inter == 7:
        ev.civilian_targeting = "Civilian targeting"
    for fld, a, why in (("actor1", a1, why1), ("actor2", a2, why2)):
        if a is None:
            continue
        if a.start is not None and a.end is not None and a.end > a.start:
            ev.add_evidence(doc.evidence(fld, a.start, a.end))
        else:
            ev.inferred[fld] = why or "default actor for the event type"
    named = {f.name: f for f in found if f.start is not None and f.end is not None and f.end > f.start}
    for fld, names, a in (("assoc_actor_1", names1, a1), ("assoc_actor_2", names2, a2)):
        for n in names:
            if a is not None and n in a.assoc and a.start is not None:   # the same words name both
                ev.add_evidence(doc.evidence(fld, a.start, a.end))
            elif n in named:                                              # named on its own in the sentence
                ev.add_evidence(doc.evidence(fld, named[n].start, named[n].end))
    if a1 is not None or a2 is not None:
        ev.explanation.append("actors: " + " vs ".join(f"{a.name} [{a.inter}, {a.role}]" for a in (a1, a2) if a))
