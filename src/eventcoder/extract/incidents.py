"""Reading a report sentence by sentence and grouping the sentences into incidents (the first half of DetectEvents).

Contract:
- `windows(doc)`: the clean-text spans read one at a time: the parser's sentences, a headline cut mid-clause
  rejoined, and a span longer than MAX_WINDOW cut into windows. Only the sentences are read (a partial parse, see
  `text/nlp.py`, leaves text outside them unread): two sentences are rejoined only when nothing but whitespace lies
  between them, and the whole text is one span only for a document the parser never saw (`doc.nlp` None).
- `read_window(doc, lexicon, a, b, first)`: a `Reading` of one span: its cue matches, the rules' `Decision` (an
  ACLED note's opening tag decides on the first span) and the factuality of its trigger.
- `purpose_next(doc, readings)`: a weak act of protest followed by a sentence that says what the crowd demanded
  is decided with that sentence's protest cues (readings are updated in place).
- `tolls_of_explosions(readings)`: a sentence that only tells of people killed or wounded, after an explosion or an
  armed clash with no other act of armed violence told between, is decided as that act (its toll, not an attack on
  civilians).
- `group_incidents(doc, readings)` (after `tolls_of_explosions`): `Incident`s: sentences of one event type (and
  factuality) at the same places are one incident; a strong trigger of another type, of another sub-event type
  (one ACLED unit each: an air strike and a shelling of one town are two) or at another place opens a new one (a
  territory cue of weight 2 is strong enough); what happens at a demonstration belongs to it; an outcome-only
  sentence is an incident only when the report has none.  Occurred incidents come first.
- `war_context_dropped(doc, incidents)`: in a report of armed violence, what its later sentences tell as the war's
  side effects or context (taxonomy families `side_of_war`, `context_of_war`) is no event of its own.
- `protest_label(inc)`: a demonstration's sub-event type, with the modifiers (and riot cues) of the sentences
  that follow it in the incident's context.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..model import Document
from .clauses import match_span
from .factuality import in_passing, judge, told_as_act
from .lexicon import CueMatch, Lexicon
from .rules import Decision, decide, toll_of_harm
from .taxonomy import taxonomy

MAX_WINDOW = 1500          # a longer "sentence" (a table, a run-on paste) is read in windows of this many chars
_SENTENCE_END = re.compile(r"[.!?:;\"'”’)\]…]\s*$")


@dataclass
class Reading:
    """One sentence (or window) and what the rules made of it."""
    start: int
    end: int
    matches: list[CueMatch]
    decision: Decision
    factuality: str = "occurred"
    fact_reason: str = ""


@dataclass
class Incident:
    readings: list[Reading] = field(default_factory=list)
    context: list[Reading] = field(default_factory=list)   # every sentence up to the next incident

    @property
    def head(self) -> Reading:
        return self.readings[0]


def muted(r: Reading) -> Reading:
    """A reading whose sentence the relevance reading found no event in: it keeps its cues (context for the
    sentences around it) but decides nothing."""
    return Reading(r.start, r.end, r.matches, Decision(None, 0.0, [], ["no event in its conflict sense here "
                                                                        "(the relevance reading)"], r.decision.scores),
                   r.factuality, r.fact_reason)


def _protests() -> frozenset[str]:
    return taxonomy().family("protest")


def windows(doc: Document) -> list[tuple[int, int]]:
    spans = [(s.start, s.end) for s in doc.sentences] if doc.nlp is not None else [(0, len(doc.clean))]
    joined: list[tuple[int, int]] = []
    for a, b in spans:       # the parser cuts headlines mid-clause ("... and Shells target | Aleppo"): rejoin
        gap = doc.clean[joined[-1][1]:a] if joined else ""
        if joined and not _SENTENCE_END.search(doc.clean[joined[-1][0]:joined[-1][1]]) \
                and not gap.strip() and "\n" not in gap and b - joined[-1][0] <= MAX_WINDOW:
            joined[-1] = (joined[-1][0], b)
        else:
            joined.append((a, b))
    return [w for a, b in joined for w in cut_long(doc.clean, a, b)]


def cut_long(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Span a..b of `text` as windows of at most MAX_WINDOW characters, cut at a space in each window's second half
    (or hard at MAX_WINDOW); blank windows are dropped."""
    out = []
    while b - a > MAX_WINDOW:
        cut = text.rfind(" ", a + MAX_WINDOW // 2, a + MAX_WINDOW)
        cut = cut if cut > a else a + MAX_WINDOW
        out.append((a, cut))
        a = cut
    if text[a:b].strip():
        out.append((a, b))
    return out


def decide_tagged(matches: list[CueMatch], tag: CueMatch | None) -> Decision:
    """The rules' decision over `matches` (`tag`, a note's opening tag, among them); a tag names the kind of event
    the note reports, so when the rules choose otherwise the tag decides."""
    d = decide(matches)
    if tag is not None and d.label != tag.section:
        d = Decision(tag.section, tag.weight, [tag], [f"the report is tagged {tag.text!r}"], d.scores)
    return d


def read_window(doc: Document, lex: Lexicon, a: int, b: int, first: bool) -> Reading:
    text = doc.clean[a:b]                        # cues are case-insensitive: ALL-CAPS headlines read the same
    matches = match_span(doc, lex, a, b)
    tag = lex.note_tag(text, a) if first else None
    if tag is not None:
        matches.append(tag)
    d = decide_tagged(matches, tag)
    r = Reading(a, b, matches, d)
    if d.label and d.anchor is not None:
        r.factuality, r.fact_reason = judge(doc, d.anchor.start, d.anchor.end)
        if r.factuality == "planned" and d.label in _protests():
            _protest_took_place(doc, r)
    return r


def _protest_took_place(doc: Document, r: Reading) -> None:
    """"gathered ... to protest against the protocol, calling for a vote in the upcoming elections": the future is
    the purpose's; a past-tense act of the same protest says it took place."""
    d = r.decision
    for m in d.evidence:
        if m is not d.anchor and m.weight >= 2 and told_as_act(doc, m.start, m.end) \
                and judge(doc, m.start, m.end)[0] == "occurred":
            r.factuality, r.fact_reason = "occurred", f"{m.text!r} reports the protest in the past tense"
            break


def purpose_next(doc: Document, readings: list[Reading]) -> None:
    """A sentence whose only cues are an act of protest too weak alone ("residents blocked the highway"), followed
    by one that says what they demanded ("They demanded ..."), reports a demonstration: the two sentences' protest
    cues decide the first one together."""
    for r, nxt in zip(readings, readings[1:]):
        d = r.decision
        if d.label or d.none_reason or d.scores.get("Peaceful protest", 0) < 2:
            continue
        support = [m for m in nxt.matches if m.section == "Peaceful protest"]
        if not support or nxt.decision.label not in (None, "Peaceful protest"):
            continue
        again = decide(r.matches + support)
        if again.label not in _protests():
            continue
        again.reasons.append("the next sentence says what the crowd demanded or denounced")
        r.decision = again
        r.matches = r.matches + support
        anchor = [m for m in again.evidence if r.start <= m.start < r.end] or [again.anchor]
        a = max(anchor, key=lambda m: (m.weight, -m.start))
        r.factuality, r.fact_reason = judge(doc, a.start, a.end)


def tolls_of_explosions(readings: list[Reading]) -> None:
    """A sentence that only tells that people were killed or wounded ("Dozens of people were also wounded", "nine
    civilians were killed in Qaterji", "He said at least 31 people were killed"), after an air strike, shelling or
    bombing, is that explosion's toll when the last act of armed violence told before it (at any distance: quotes
    and details follow the lead) is that explosion: it is decided as the explosion (readings are updated in
    place), so it joins that incident, or at another place is an explosion there, never an attack on civilians.
    After an armed clash it is that clash's toll in the same way (people killed in the fighting); after a change
    of territory it is left as it is."""
    tax = taxonomy()
    last: Reading | None = None
    for r in readings:
        d = r.decision
        if not d.label:
            continue
        if (d.label == "Attack" and last is not None and r.factuality == last.factuality == "occurred"
                and toll_of_harm([m for m in r.matches if m.section == "Attack"],
                                [m for m in r.matches if m.section.startswith("actor:")])):
            boom = last.decision
            r.decision = Decision(boom.label, d.score, d.evidence, d.reasons + [
                f"the toll of the {boom.label} told before it ({boom.anchor.text if boom.anchor else ''!r})"],
                d.scores)
            continue
        if r.factuality == "occurred" and tax.in_family(d.label, "armed") and not tax.in_family(d.label, "harm"):
            last = r if tax.in_family(d.label, "explosive") or d.label == "Armed clash" else None


class _PlaceNames:
    """The place names each sentence names (demonyms and countries aside), and each incident's together: worked
    out once per sentence and kept up to date per incident, so grouping costs no pass over all places per pair."""

    def __init__(self, doc: Document):
        places = sorted((p for p in doc.places if p.kind != "demonym" and p.kind != "country"), key=lambda p: p.start)
        self._starts = [p.start for p in places]
        self._names = [(p.name or p.text).lower() for p in places]
        self._of_incident: dict[int, set[str]] = {}

    def of(self, r: Reading) -> set[str]:
        lo = bisect.bisect_left(self._starts, r.start)
        hi = bisect.bisect_left(self._starts, r.end, lo)
        return set(self._names[lo:hi])

    def add(self, inc: Incident, r: Reading) -> None:
        """`r` joins `inc` (call once per reading an incident gets, its head included)."""
        self._of_incident.setdefault(id(inc), set()).update(self.of(r))

    def placeless_lead(self, inc: Incident, r: Reading) -> bool:
        """Is the incident one sentence that names no place ("Air strikes kill 20 fighters"), so that the next
        sentence telling the same act names where it happened?"""
        return len(inc.readings) == 1 and not self._of_incident.get(id(inc)) and inc.head is not r

    def elsewhere(self, r: Reading, inc: Incident) -> bool:
        """Does sentence `r` name places, none of which the incident's sentences name?"""
        mine = self.of(r)
        return bool(mine) and not (mine & self._of_incident.get(id(inc), set()))


def _at_demonstration(r: Reading, incidents: list[Incident]) -> bool:
    """What happened at the demonstration just told: police, arrests, violence."""
    tax = taxonomy()
    return (r.factuality == "occurred" and bool(incidents)
            and incidents[-1].head.decision.label in tax.family("protest")
            and (r.decision.label in tax.family("protest") | tax.family("protest_aftermath")
                 or any(m.section.startswith("mod:") and m.weight >= 3 for m in r.matches)))


def group_incidents(doc: Document, readings: list[Reading]) -> list[Incident]:
    tax = taxonomy()
    tolls_of_explosions(readings)
    incidents: list[Incident] = []
    names = _PlaceNames(doc)
    fallback: Reading | None = None
    for r in readings:
        d = r.decision
        if not d.label or r.factuality == "background":
            continue
        if d.outcome_only:       # "casualties in X": an event only when nothing else in the report is one
            if fallback is None and r.factuality == "occurred":
                fallback = r
            continue
        etype = tax.event_type_of(d.label)
        same = [inc for inc in incidents if tax.event_type_of(inc.head.decision.label) == etype
                and inc.head.factuality == r.factuality]
        firm = d.score >= 3 or (d.score >= 2 and tax.in_family(d.label, "territory"))
        if same and firm and not d.outcome_only:
            # the same kind at another place, or another sub-event type told firmly: another (one ACLED unit each)
            same = [inc for inc in same if (not names.elsewhere(r, inc) or names.placeless_lead(inc, r))
                    and inc.head.decision.label == d.label]
        if same:
            joined = same[-1]
        elif not incidents or ((firm or r.factuality != "occurred")
                               and not _at_demonstration(r, incidents)):
            joined = Incident([])
            incidents.append(joined)
        else:
            joined = incidents[-1]
        joined.readings.append(r)
        names.add(joined, r)
    if not incidents and fallback is not None:
        incidents.append(Incident([fallback]))
    _add_context(incidents, readings)
    # an occurred incident leads; planned/threatened ones follow it
    incidents.sort(key=lambda inc: inc.head.factuality != "occurred")
    return war_context_dropped(doc, incidents)


def war_context_dropped(doc: Document, incidents: list[Incident]) -> list[Incident]:
    """In a report of armed violence, what is told after the report's first incident as the war's side effects
    (damage, troop movements: family `side_of_war`) is no event of its own, nor is fighting only mentioned in
    passing ("to escape the battles", "amid fierce clashes"), and a truce, talks or a protest (family
    `context_of_war`) is one only when its trigger is told as a past act ("protesters rallied", "a truce was agreed"),
    not as a thing mentioned ("despite the truce", "calls for talks")."""
    tax = taxonomy()
    armed = tax.family("armed")
    if not any(inc.head.decision.label in armed and inc.head.factuality == "occurred" for inc in incidents):
        return incidents
    side, context = tax.family("side_of_war"), tax.family("context_of_war")

    def kept(inc: Incident) -> bool:
        d = inc.head.decision
        if d.label in side:
            return False
        if d.label == "Armed clash" and all(in_passing(doc, m.start, m.end) for m in inc.head.matches
                                            if m.section == d.label):
            return False
        return d.label not in context or any(m.section == d.label and told_as_act(doc, m.start, m.end)
                                             for m in inc.head.matches)
    return incidents[:1] + [inc for inc in incidents[1:] if kept(inc)]


def _add_context(incidents: list[Incident], readings: list[Reading]) -> None:
    """Each incident's context: the sentences after its head up to the next incident's head."""
    pos = {id(r): i for i, r in enumerate(readings)}
    starts = sorted(pos[id(inc.head)] for inc in incidents)
    for inc in incidents:
        i = pos[id(inc.head)]
        k = bisect.bisect_right(starts, i)
        inc.context = readings[i + 1:starts[k] if k < len(starts) else len(readings)]


def protest_label(inc: Incident) -> Decision:
    head = inc.head.decision
    if head.label in _protests() and inc.context:
        mods = [m for r in inc.context for m in r.matches if m.section.startswith("mod:")]
        riot = [m for r in inc.context for m in r.matches if m.section == "Violent demonstration"]
        again = decide(inc.head.matches + riot, mods)
        if again.label in _protests():
            return again
    return head
