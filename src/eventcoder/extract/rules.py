"""The rule coder: from the cue matches of one sentence (or one incident) to an ACLED sub-event type, with reasons.

Contract: `decide(matches, extra_mods=())` takes `CueMatch`es (from `Lexicon.match`) and returns a `Decision`:
the sub-event type (or None when nothing ACLED codes is reported), its score, the cue matches that decided it
(the evidence) and human-readable reasons.  Modifier matches (`mod:*`) from other sentences of the same incident
may be passed in `extra_mods` (a protest dispersed in the next sentence is still a protest with intervention).
Outcome cues (lexicon weight written "2~": casualties, human losses) count only when the other event cues of the
matches add up to less than MIN_SCORE; a decision made from them alone has `outcome_only` set.

How: the matches become a `Scores` state, and the rules of `RULES` are tried in order; the first that decides
wins (the last always decides).  Which label wins a tie and which labels belong together (explosive, violent,
protest, yields_to_violence) is data in taxonomy.json (`priority`, `families`); a label that is no sub-event type
of the taxonomy raises KeyError.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

from .. import lang
from .lexicon import CueMatch
from .taxonomy import taxonomy

MIN_SCORE = 2.0
_BY_HAND = re.compile(rf"\b(?:{lang.alternation('harm_by_hand')})", re.I)
_KILLED = re.compile(rf"\b(?:{lang.alternation('kill_stems')})", re.I)


@dataclass
class Decision:
    label: str | None
    score: float = 0.0
    evidence: list[CueMatch] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)
    none_reason: str | None = None
    outcome_only: bool = False

    @property
    def anchor(self) -> CueMatch | None:
        return max(self.evidence, key=lambda m: (m.weight, -m.start)) if self.evidence else None


def _rank(label: str) -> int:
    """The label's tie-break rank (smaller wins); KeyError for a label the taxonomy does not know."""
    return taxonomy().priority(label)


def _family(name: str) -> frozenset[str]:
    return taxonomy().family(name)


def _territory_side(by: dict[str, list[CueMatch]], capture: CueMatch) -> str:
    """Who took the place: the state (government regains) or anyone else (non-state overtakes)."""
    before = [m for m in by.get("actor:state", []) + by.get("actor:nonstate", []) if m.start < capture.start]
    if before:
        nearest = max(before, key=lambda m: m.start)
        return "state" if nearest.section == "actor:state" else "nonstate"
    return "state" if capture.text.lower().startswith(("re", "liberat", "regain")) else "nonstate"


def _quote(ms: list[CueMatch]) -> str:
    return ", ".join(repr(m.text) for m in ms)


class Scores:
    """What the cue matches of a span say: matches by section (`by`), summed weights (`score`; `events` for
    sub-event types only), modifier weights and matches (`mods`, `mod_ev`) and the strongest out-of-scope reason."""

    def __init__(self, matches: list[CueMatch], extra_mods) -> None:
        told: dict[str, float] = defaultdict(float)
        for m in matches:
            if ":" not in m.section and not m.cue.outcome:
                told[m.section] += m.weight
        if max(told.values(), default=0.0) >= MIN_SCORE:
            # outcome cues ("casualties", "human losses") only decide when nothing says what happened
            matches = [m for m in matches if not m.cue.outcome]
        self.by: dict[str, list[CueMatch]] = defaultdict(list)
        self.score: dict[str, float] = defaultdict(float)
        for m in matches:
            self.by[m.section].append(m)
            self.score[m.section] += m.weight
        self.mods: dict[str, float] = defaultdict(float)
        self.mod_ev: dict[str, list[CueMatch]] = defaultdict(list)
        for m in list(matches) + list(extra_mods):
            if m.section.startswith("mod:"):
                self.mods[m.section[4:]] += m.weight
                self.mod_ev[m.section[4:]].append(m)
        self.events = {k: v for k, v in self.score.items() if ":" not in k}
        self.none_score, self.none_reason = 0.0, None
        for k, v in self.score.items():
            if k.startswith("none:") and v > self.none_score:
                self.none_score, self.none_reason = v, k[5:]

    def get(self, label: str) -> float:
        return self.events.get(label, 0.0)

    def top(self, labels) -> float:
        return max([self.events.get(l, 0) for l in labels] or [0])

    def strongest(self, labels) -> str | None:
        """The label of `labels` with the highest score; a tie goes to the taxonomy's priority."""
        cands = [(self.events.get(l, 0), -_rank(l), l) for l in labels if self.events.get(l, 0) > 0]
        return max(cands)[2] if cands else None

    @cached_property
    def other_violent(self) -> float:
        """The strongest explosive, sexual-violence or abduction score (violence that no crowd commits)."""
        return self.top(_family("explosive") | {"Sexual violence", "Abduction/forced disappearance"})

    def done(self, label: str, why: str, ev: list[CueMatch] | None = None, extra: list[CueMatch] = ()) -> Decision:
        """A decision for `label` (evidence: `ev`, by default the label's own matches, then `extra`)."""
        ev = list(ev if ev is not None else self.by.get(label, []))
        d = Decision(label, self.events.get(label, 0.0) or sum(m.weight for m in ev), ev + list(extra), [why],
                     dict(self.score))
        d.outcome_only = all(m.cue.outcome for m in self.by.get(label, [])) and bool(self.by.get(label))
        return d

    def out_of_scope(self) -> Decision:
        """No event: the report tells of something ACLED does not code (crime, disaster, diplomacy)."""
        return Decision(None, 0.0, self.by.get("none:" + self.none_reason, []),
                        [f"reports {self.none_reason}, which ACLED does not code"], dict(self.score), self.none_reason)


Rule = Callable[[Scores], "Decision | None"]


# --- 1. A demonstration frames everything else in its sentence: its outcome decides the sub-event type. ----------
def protest_outcome(s: Scores) -> Decision | None:
    """A strong demonstration (and no strong explosive): turned violent, met with force, intervened in, or peaceful."""
    protest, riot, mob = s.get("Peaceful protest"), s.get("Violent demonstration"), s.get("Mob violence")
    strong_protest = protest >= 4 or any(m.weight >= 3 for m in s.by.get("Peaceful protest", []))
    if not (strong_protest and s.top(_family("explosive")) < 3 and protest + riot >= mob):
        return None
    frame = s.by.get("Peaceful protest", []) + s.by.get("Violent demonstration", [])
    mods, mod_ev = s.mods, s.mod_ev
    if riot >= 3 or mods["violence"] >= 3:
        return s.done("Violent demonstration", "a demonstration in which the crowd turned violent "
                      f"({_quote(mod_ev['violence'][:2] or s.by['Violent demonstration'][:1])})",
                      frame, mod_ev["violence"][:2])
    if mods["force"] >= 3:
        return s.done("Excessive force against protesters", "lethal or serious force used against a demonstration "
                      f"({_quote(mod_ev['force'][:2])})", frame, mod_ev["force"][:2])
    if mods["intervention"] >= 3:
        return s.done("Protest with intervention", "authorities intervened in a demonstration "
                      f"({_quote(mod_ev['intervention'][:2])})", frame, mod_ev["intervention"][:2])
    return s.done("Peaceful protest", "a demonstration with no report of violence or intervention", frame)


def crowd_turned_violent(s: Scores) -> Decision | None:
    """A crowd's act of protest (a blockade, a gathering) in which it burned or threw things; soldiers or militants
    who occupy and vandalise a place are not a crowd."""
    protest = s.get("Peaceful protest")
    first_act = min((m.start for m in s.by.get("Peaceful protest", [])), default=0)
    armed_subject = any(m.start < first_act for m in s.by.get("actor:state", []) + s.by.get("actor:nonstate", []))
    if (protest >= 2 and s.mods["violence"] >= 3 and s.get("Mob violence") <= protest and s.none_score < 3
            and not armed_subject and s.top(_family("violent")) < 3):
        return s.done("Violent demonstration", "a crowd that gathered or blocked a place turned violent "
                      f"({_quote(s.mod_ev['violence'][:2])})",
                      s.by.get("Peaceful protest", []), s.mod_ev["violence"][:2])
    return None


def mob_violence(s: Scores) -> Decision | None:
    """A crowd, not an organised armed group, used violence (or rioters with no demonstration reported)."""
    if any(m.weight >= 3 for m in s.by.get("Mob violence", [])) and s.other_violent < 3:
        return s.done("Mob violence", "a crowd, not an organised armed group, used violence")
    if s.get("Violent demonstration") >= 3:
        return s.done("Mob violence", "rioters, with no demonstration reported, used violence",
                      s.by.get("Violent demonstration", []))
    return None


# --- 2. Named outcomes that ACLED codes before the violence that led to them. -------------------------------------
def peaceful_transfer(s: Scores) -> Decision | None:
    if s.get("Non-violent transfer of territory") >= 3 and s.get("Armed clash") < 3:
        return s.done("Non-violent transfer of territory", "territory changed hands without fighting")
    return None


def territory_side(s: Scores) -> Decision | None:
    """Territory taken: by the state (government regains) or by anyone else (non-state overtakes)."""
    capture = s.by.get("Non-state actor overtakes territory", []) + s.by.get("Government regains territory", [])
    if not capture or max(s.get("Non-state actor overtakes territory"), s.get("Government regains territory")) < 2:
        return None
    m = max(capture, key=lambda c: c.weight)
    side = _territory_side(s.by, m)
    label = "Government regains territory" if side == "state" else "Non-state actor overtakes territory"
    actor = [a for a in s.by.get("actor:" + side, []) if a.start < m.start][-1:]
    return s.done(label, f"{'state forces' if side == 'state' else 'a non-state or foreign actor'} took control "
                  f"of territory ({m.text!r})", [m], actor)


def told_firmly(label: str, reason: str, unless: Rule | None = None) -> Rule:
    """A rule: `label` wins when its cues add up to 3 (a cue that reports it on its own), unless `unless` holds."""
    def rule(s: Scores) -> Decision | None:
        if s.get(label) >= 3 and not (unless and unless(s)):
            return s.done(label, reason)
        return None
    return rule


def _fights(s: Scores) -> list[CueMatch]:
    """The cues of armed men killed in a fight, told beside a seizure ("killed six militants and seized their arms");
    an operation or a raid that only found the arms is no fight."""
    return [m for m in s.by.get("Armed clash", []) if m.weight >= 2 and not m.cue.outcome and _KILLED.search(m.text)]


def _fighting_told(s: Scores) -> bool:
    return bool(_fights(s))


agreement = told_firmly("Agreement", "an agreement, ceasefire, surrender or exchange between actors",
                        unless=lambda s: s.other_violent >= 3)
disrupted_weapons = told_firmly("Disrupted weapons use",
                                "weapons or explosives were seized, defused or intercepted before use",
                                unless=_fighting_told)


def seizure_after_fight(s: Scores) -> Decision | None:
    """Arms seized where a fight is told: ACLED codes the fight; the arms taken are its aftermath."""
    fight = _fights(s)
    if s.get("Disrupted weapons use") >= 3 and fight and s.top(_family("explosive")) < 3:
        return s.done("Armed clash", f"armed men fought or were killed ({fight[0].text!r}); the arms seized are "
                      "the fight's aftermath", fight)
    return None


# --- 3. The weapon decides within political violence. ------------------------------------------------------------
def out_of_scope_first(s: Scores) -> Decision | None:
    """A strong out-of-scope cue beats weaker violence, or any violence with no armed agent named."""
    violent = _family("violent")
    top_violent = s.top(violent)
    top_other = max([v for l, v in s.events.items() if l not in violent] or [0])
    has_agent = bool(s.by.get("actor:state") or s.by.get("actor:nonstate"))
    if s.none_score >= 3 and ((s.none_score > top_violent and s.none_score >= top_other) or not has_agent):
        return s.out_of_scope()
    return None


def artillery_in_fighting(s: Scores) -> Decision | None:
    boom = s.strongest(_family("explosive"))
    fought = any(m.weight >= 3 for m in s.by.get("Armed clash", []))
    if boom == "Shelling/artillery/missile attack" and fought and s.get("Armed clash") >= s.events[boom] - 1:
        return s.done("Armed clash", "armed groups fought each other; the artillery was part of the fighting")
    return None


def weapon_named(s: Scores) -> Decision | None:
    boom = s.strongest(_family("explosive"))
    if boom and s.events[boom] >= 3:
        return s.done(boom, f"the weapon named decides: {boom}")
    return None


def toll_of_harm(attack: list[CueMatch], agents: list[CueMatch] = ()) -> bool:
    """Whether attack cues tell only that people were killed or wounded (no shooting, execution, beating or other
    harm done by hand, gun or blade, and no gunmen among the `agents`: lang/en/harm_by_hand.txt), so that a
    weapon told with them is what did it."""
    return bool(attack) and not any(_BY_HAND.search(m.text) for m in [*attack, *agents])


def victims_of_explosion(s: Scores) -> Decision | None:
    """People killed or wounded where an air strike, shelling or a bomb is told with them ("five civilians were
    killed as jets struck the town", "raids killed 16 civilians"): ACLED codes the explosion, with the civilians as
    its victims, not an attack on civilians."""
    boom = s.strongest(_family("explosive"))
    attack = s.by.get("Attack", [])
    agents = s.by.get("actor:state", []) + s.by.get("actor:nonstate", [])
    others = [v for l, v in s.events.items() if l != "Attack" and l not in _family("explosive")]
    if boom and s.events[boom] >= 2 and s.get("Attack") >= max(others, default=0) and toll_of_harm(attack, agents):
        return s.done(boom, f"people were killed or wounded by the {boom} told with them ({attack[0].text!r})",
                      extra=attack[:1])
    return None


def abducted_and_killed(s: Scores) -> Decision | None:
    """An abduction told with a killing ("abducted and executed a man"): ACLED codes the killing, an Attack."""
    killed = [m for m in s.by.get("Attack", []) if m.weight >= 2 and _KILLED.search(m.text)]
    if s.get("Abduction/forced disappearance") >= 3 and killed and s.other_violent - s.get(
            "Abduction/forced disappearance") < 3 and s.get("Armed clash") < 3:
        return s.done("Attack", f"the abducted were killed ({killed[0].text!r}): the killing decides", killed)
    return None


sexual_violence = told_firmly("Sexual violence", "sexual violence reported")
base_established = told_firmly("Headquarters or base established", "a base or headquarters was set up")


# --- 4. Otherwise the strongest cues, unless too weak or outweighed by an out-of-scope cue. ----------------------
def _violence_over_development(s: Scores, best: str) -> str:
    """A looting, an arrest, a change to a group or an Other told with violence of near score is that violence."""
    if best not in _family("yields_to_violence"):
        return best
    violent = s.strongest([l for l in _family("violent") if s.get(l) >= 2])
    if violent and s.events[violent] >= s.events[best] - 1 and best != "Looting/property destruction":
        return violent
    if violent and best == "Looting/property destruction" and s.events[violent] >= 3:
        return violent
    return best


def strongest_cues(s: Scores) -> Decision:
    best = s.strongest([l for l in s.events if l not in _family("protest")])
    if best is None or s.events[best] < MIN_SCORE:
        if s.none_reason:
            return s.out_of_scope()
        return Decision(None, 0.0, [], ["no event trigger"], dict(s.score))
    best = _violence_over_development(s, best)
    if s.none_score > s.events[best] or (s.none_score == s.events[best] and best not in _family("violent")):
        return s.out_of_scope()
    return s.done(best, taxonomy().reason(best) or best)


# The rules in the order they are tried; the first to return a Decision decides.
RULES: list[tuple[str, Rule]] = [
    ("protest outcome", protest_outcome),
    ("crowd turned violent", crowd_turned_violent),
    ("mob violence", mob_violence),
    ("peaceful transfer of territory", peaceful_transfer),
    ("territory side", territory_side),
    ("agreement", agreement),
    ("seizure after a fight", seizure_after_fight),
    ("disrupted weapons use", disrupted_weapons),
    ("out of scope first", out_of_scope_first),
    ("artillery in fighting", artillery_in_fighting),
    ("weapon named", weapon_named),
    ("victims of an explosion", victims_of_explosion),
    ("abducted and killed", abducted_and_killed),
    ("sexual violence", sexual_violence),
    ("base established", base_established),
    ("strongest cues", strongest_cues),
]


def _named_precisely(matches: list[CueMatch]) -> list[CueMatch]:
    """A weapon's cue inside a longer cue of another weapon of at least its weight ("car bomb" in "suicide car
    bomb") is that longer weapon's word: the more precise name decides, not the sum of the words it contains."""
    boom = _family("explosive")
    return [m for m in matches if m.section not in boom or not any(
        o.section in boom and o.section != m.section and o.start <= m.start and m.end <= o.end
        and o.end - o.start > m.end - m.start and o.weight >= m.weight for o in matches)]


def decide(matches: list[CueMatch], extra_mods: tuple[CueMatch, ...] | list[CueMatch] = ()) -> Decision:
    """The sub-event type the matches report (see the module docstring)."""
    s = Scores(_named_precisely(matches), extra_mods)
    for _name, rule in RULES:
        d = rule(s)
        if d is not None:
            return d
    raise AssertionError("the last rule of RULES always decides")
