"""The rule coder: from the cue matches of one sentence (or one incident) to an ACLED sub-event type, with reasons.

Contract: `decide(matches, extra_mods=())` takes `CueMatch`es (from `Lexicon.match`) and returns a `Decision`:
the sub-event type (or None when nothing ACLED codes is reported), its score, the cue matches that decided it
(the evidence) and human-readable reasons.  Modifier matches (`mod:*`) from other sentences of the same incident
may be passed in `extra_mods` (a protest dispersed in the next sentence is still a protest with intervention).
Outcome cues (lexicon weight written "2~": casualties, human losses) count only when the other event cues of the
matches add up to less than MIN_SCORE; a decision made from them alone has `outcome_only` set.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .lexicon import CueMatch

# Which label wins a tie, and which labels a specific weapon or outcome overrides.
PRIORITY = [
    "Chemical weapon", "Suicide bomb", "Grenade", "Air/drone strike", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Sexual violence", "Abduction/forced disappearance",
    "Non-state actor overtakes territory", "Government regains territory", "Armed clash", "Attack",
    "Mob violence", "Violent demonstration", "Excessive force against protesters", "Protest with intervention",
    "Peaceful protest", "Agreement", "Disrupted weapons use", "Headquarters or base established",
    "Non-violent transfer of territory", "Looting/property destruction", "Arrests", "Change to group/activity",
    "Other",
]
EXPLOSIVE = PRIORITY[:6]
VIOLENT = EXPLOSIVE + ["Sexual violence", "Abduction/forced disappearance", "Armed clash", "Attack",
                       "Mob violence", "Non-state actor overtakes territory", "Government regains territory"]
PROTEST_FAMILY = {"Peaceful protest", "Protest with intervention", "Excessive force against protesters",
                  "Violent demonstration"}
MIN_SCORE = 2.0


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
    return PRIORITY.index(label) if label in PRIORITY else len(PRIORITY)


def _territory_side(by: dict[str, list[CueMatch]], capture: CueMatch) -> str:
    """Who took the place: the state (government regains) or anyone else (non-state overtakes)."""
    before = [m for m in by.get("actor:state", []) + by.get("actor:nonstate", []) if m.start < capture.start]
    if before:
        nearest = max(before, key=lambda m: m.start)
        return "state" if nearest.section == "actor:state" else "nonstate"
    return "state" if capture.text.lower().startswith(("re", "liberat", "regain")) else "nonstate"


def decide(matches: list[CueMatch], extra_mods: tuple[CueMatch, ...] | list[CueMatch] = ()) -> Decision:
    by: dict[str, list[CueMatch]] = defaultdict(list)
    score: dict[str, float] = defaultdict(float)
    told: dict[str, float] = defaultdict(float)
    for m in matches:
        if ":" not in m.section and not m.cue.outcome:
            told[m.section] += m.weight
    if max(told.values(), default=0.0) >= MIN_SCORE:
        # outcome cues ("casualties", "human losses") only decide when nothing says what happened
        matches = [m for m in matches if not m.cue.outcome]
    for m in matches:
        by[m.section].append(m)
        score[m.section] += m.weight
    mods: dict[str, float] = defaultdict(float)
    mod_ev: dict[str, list[CueMatch]] = defaultdict(list)
    for m in list(matches) + list(extra_mods):
        if m.section.startswith("mod:"):
            mods[m.section[4:]] += m.weight
            mod_ev[m.section[4:]].append(m)
    events = {k: v for k, v in score.items() if ":" not in k}
    none_score, none_reason = 0.0, None
    for k, v in score.items():
        if k.startswith("none:") and v > none_score:
            none_score, none_reason = v, k[5:]

    def done(label: str, why: str, ev: list[CueMatch] | None = None, extra: list[CueMatch] = ()) -> Decision:
        ev = list(ev if ev is not None else by.get(label, []))
        d = Decision(label, events.get(label, 0.0) or sum(m.weight for m in ev), ev + list(extra), [why],
                     dict(score))
        d.outcome_only = all(m.cue.outcome for m in by.get(label, [])) and bool(by.get(label))
        return d

    def strongest(labels) -> str | None:
        cands = [(events.get(l, 0), -_rank(l), l) for l in labels if events.get(l, 0) > 0]
        return max(cands)[2] if cands else None

    # 1. A demonstration frames everything else in its sentence: its outcome decides the sub-event type.
    protest = events.get("Peaceful protest", 0.0)
    riot = events.get("Violent demonstration", 0.0)
    mob = events.get("Mob violence", 0.0)
    strong_protest = protest >= 4 or any(m.weight >= 3 for m in by.get("Peaceful protest", []))
    other_violent = max([events.get(l, 0) for l in EXPLOSIVE + ["Sexual violence", "Abduction/forced disappearance"]]
                        or [0])
    boom_score = max([events.get(l, 0) for l in EXPLOSIVE] or [0])
    if strong_protest and boom_score < 3 and protest + riot >= mob:
        frame = by.get("Peaceful protest", []) + by.get("Violent demonstration", [])
        if riot >= 3 or mods["violence"] >= 3:
            return done("Violent demonstration", "a demonstration in which the crowd turned violent "
                        f"({', '.join(repr(m.text) for m in mod_ev['violence'][:2] or by['Violent demonstration'][:1])})",
                        frame, mod_ev["violence"][:2])
        if mods["force"] >= 3:
            return done("Excessive force against protesters", "lethal or serious force used against a demonstration "
                        f"({', '.join(repr(m.text) for m in mod_ev['force'][:2])})", frame, mod_ev["force"][:2])
        if mods["intervention"] >= 3:
            return done("Protest with intervention", "authorities intervened in a demonstration "
                        f"({', '.join(repr(m.text) for m in mod_ev['intervention'][:2])})", frame,
                        mod_ev["intervention"][:2])
        return done("Peaceful protest", "a demonstration with no report of violence or intervention", frame)
    first_act = min((m.start for m in by.get("Peaceful protest", [])), default=0)
    armed_subject = any(m.start < first_act for m in by.get("actor:state", []) + by.get("actor:nonstate", []))
    if (protest >= 2 and mods["violence"] >= 3 and mob <= protest and none_score < 3 and not armed_subject
            and max([events.get(l, 0) for l in VIOLENT] or [0]) < 3):
        # a crowd's act of protest (a blockade, a gathering) in which it burned or threw things; soldiers or
        # militants who occupy and vandalise a place are not a crowd
        return done("Violent demonstration", "a crowd that gathered or blocked a place turned violent "
                    f"({', '.join(repr(m.text) for m in mod_ev['violence'][:2])})",
                    by.get("Peaceful protest", []), mod_ev["violence"][:2])
    if any(m.weight >= 3 for m in by.get("Mob violence", [])) and other_violent < 3:
        return done("Mob violence", "a crowd, not an organised armed group, used violence")
    if riot >= 3:
        return done("Mob violence", "rioters, with no demonstration reported, used violence",
                    by.get("Violent demonstration", []))

    # 2. Named outcomes that ACLED codes before the violence that led to them.
    if events.get("Non-violent transfer of territory", 0) >= 3 and events.get("Armed clash", 0) < 3:
        return done("Non-violent transfer of territory", "territory changed hands without fighting")
    capture = by.get("Non-state actor overtakes territory", []) + by.get("Government regains territory", [])
    if capture and max(events.get("Non-state actor overtakes territory", 0),
                       events.get("Government regains territory", 0)) >= 2:
        m = max(capture, key=lambda c: c.weight)
        side = _territory_side(by, m)
        label = "Government regains territory" if side == "state" else "Non-state actor overtakes territory"
        actor = [a for a in by.get("actor:" + side, []) if a.start < m.start][-1:]
        return done(label, f"{'state forces' if side == 'state' else 'a non-state or foreign actor'} took control "
                    f"of territory ({m.text!r})", [m], actor)
    if events.get("Agreement", 0) >= 3 and other_violent < 3:
        return done("Agreement", "an agreement, ceasefire, surrender or exchange between actors")
    if events.get("Disrupted weapons use", 0) >= 3:
        return done("Disrupted weapons use", "weapons or explosives were seized, defused or intercepted before use")

    # 3. The weapon decides within political violence.
    top_violent = max([events.get(l, 0) for l in VIOLENT] or [0])
    top_other = max([v for l, v in events.items() if l not in VIOLENT] or [0])
    has_agent = bool(by.get("actor:state") or by.get("actor:nonstate"))
    if none_score >= 3 and ((none_score > top_violent and none_score >= top_other) or not has_agent):
        return Decision(None, 0.0, by.get("none:" + none_reason, []),
                        [f"reports {none_reason}, which ACLED does not code"], dict(score), none_reason)
    boom = strongest(EXPLOSIVE)
    fought = any(m.weight >= 3 for m in by.get("Armed clash", []))
    if boom == "Shelling/artillery/missile attack" and fought and events.get("Armed clash", 0) >= events[boom] - 1:
        return done("Armed clash", "armed groups fought each other; the artillery was part of the fighting")
    if boom and events[boom] >= 3:
        return done(boom, f"the weapon named decides: {boom}")
    if events.get("Sexual violence", 0) >= 3:
        return done("Sexual violence", "sexual violence reported")
    if events.get("Headquarters or base established", 0) >= 3:
        return done("Headquarters or base established", "a base or headquarters was set up")

    best = strongest([l for l in events if l not in PROTEST_FAMILY])
    if best is None or events[best] < MIN_SCORE:
        if none_reason:
            return Decision(None, 0.0, by.get("none:" + none_reason, []),
                            [f"reports {none_reason}, which ACLED does not code"], dict(score), none_reason)
        return Decision(None, 0.0, [], ["no event trigger"], dict(score))
    if best in ("Looting/property destruction", "Arrests", "Change to group/activity", "Other"):
        violent = strongest([l for l in VIOLENT if events.get(l, 0) >= 2])
        if violent and events[violent] >= events[best] - 1 and best != "Looting/property destruction":
            best = violent
        elif violent and best == "Looting/property destruction" and events[violent] >= 3:
            best = violent
    if none_score > events[best] or (none_score == events[best] and best not in VIOLENT):
        return Decision(None, 0.0, by.get("none:" + none_reason, []),
                        [f"reports {none_reason}, which ACLED does not code"], dict(score), none_reason)
    why = {"Armed clash": "armed groups fought each other",
           "Attack": "an armed actor attacked people who were not fighting",
           "Abduction/forced disappearance": "people were abducted or disappeared",
           "Arrests": "security forces arrested people",
           "Looting/property destruction": "property was looted, seized or destroyed",
           "Change to group/activity": "a group changed its activity (recruitment, deployment, defection...)",
           "Other": "a strategic development ACLED files under Other"}.get(best, best)
    return done(best, why)
