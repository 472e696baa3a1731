"""DetectEvents: which sentences report an event ACLED codes, of what type, and how sure we are.

Contract (stage "events", requires clean/nlp/sentences, assigns events):
- Each sentence of `doc.clean` is read with the trigger lexicon (`lexicon.py`) and decided by the rules
  (`rules.py`); with `DetectEvents(model=PATH)` a trained linear model (`classifier.py`) re-ranks the sub-event
  type from words plus the same rule scores.
- Sentences that report the same kind of incident are merged into one event; a sentence with its own strong
  trigger of another event type opens a new event.  Nothing is emitted for crime, disasters, diplomacy, or for
  background/habitual statements; planned, threatened, denied and hypothetical events are emitted with that
  `factuality` (Finalize drops them unless asked).
- Every event carries evidence for event_type/sub_event_type (the trigger words), `explanation` lines, and a
  `confidence` in [0, 1]; the first (lead) event of a report gets the highest confidence.
- `event.civilian_hint` (bool) says whether the wording makes civilians the victims; CodeActors owns
  `civilian_targeting` and may use it.
- One event per attacked place: when the lead sentence of an incident names several places, each in its own
  clause ("raids on Anadan in the northern countryside of Aleppo and airstrikes target al-Bab city"), each place
  other than the one the locator picks for the incident gets its own event, typed by its clause's cues.  A place
  that only says where the previous one lies ("... countryside of Aleppo"), an origin ("from X"), a namesake abroad
  and a place within SPLIT_KM of one already used are not split off.  Such an event carries
  `event.place_hint` (the PlaceMention) and an anchor that covers its trigger and its place.
- One event per event clause: a clause of that sentence with its own trigger (`clauses.event_clauses`: "8 casualties
  in the aerial bombardment at Aleppo city, and violent clashes north of the city") is an event of its own even at a
  place already taken; its place is its own or, for anaphora ("the city", "its outskirts", "in it"), the last place
  named before it.  "Air and artillery strikes on X", "killed and wounded", "shells target X and kill 8" stay one
  event.  Such an event carries `event.clause_of` (the incident's lead event).  In a sentence with several event
  clauses, and for a place split off with cues of its own, `event.actor_scope` (start, end) is the clause whose
  words name its actors (CodeActors reads actors there, not in the whole sentence).  After CodeActors,
  `merge_same_sides` drops a clause's event that shares a side with another event within SPLIT_KM (one dyad at
  one place is one event).

LocateEvents (geo/locate.py `choose_place`) honours `event.place_hint` before any ranking.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Document, Event
from ..pipeline import Stage
from ..geo.locate import choose_place
from ..geo.resolve import distance_km
from .clauses import decide_span, event_clauses, is_origin, match_span, own_scope
from .factuality import judge, past_tense
from .lexicon import Cue, CueMatch, Lexicon, load_lexicon
from .rules import Decision, decide
from .taxonomy import taxonomy

PROTEST_FAMILY = taxonomy().family("protest")
MAX_WINDOW = 1500          # a longer "sentence" (a table, a run-on paste) is read in windows of this many chars
_CIVILIAN_RE = re.compile(r"\b(civilians?|villagers?|residents?|farmers?|women|children|child|worshippers?|"
                          r"passengers?|students?|teachers?|journalists?|displaced|hospital|school|market|"
                          r"homes?|houses?|residential)\b", re.I)



def civilian_hint(ev: Event, sentence: str) -> bool:
    """Whether the event's type or wording makes civilians its victims (a hint for CodeActors)."""
    return bool(ev.sub_event_type in ("Attack", "Sexual violence", "Abduction/forced disappearance")
                or (ev.event_type == "Explosions/Remote violence" and _CIVILIAN_RE.search(sentence)))

# A place right after another one that only says where the first lies ("Anadan in the northern countryside of
# Aleppo", "Tafas, Daraa", "al-Salhin neighborhood in Aleppo city") is context, not a second attacked place.
_CONTAINER_GAP = re.compile(r"(?i)^[\s,(\-]*((\w+\s+){0,2})?((in|of|at|near|within|inside)\s+)?(the\s+)?"
                            r"(([\w-]+\s+){0,2}(countryside|outskirts|suburbs|vicinity|province|governorate|region|"
                            r"area|district|city|town|village|neighbou?rhood)\s+(of\s+)?(the\s+)?)?"
                            r"((city|town|village|capital|province|governorate)\s+(of\s+)?)?$")
_CONJUNCTION = re.compile(r"(?i)\b(and|or|while|but|as|after|before|then|amid|following)\b|[;:]")
_TOLL = re.compile(r"(?i)\b(casualt\w*|kill\w*|martyr\w*|dies|died|death\w*|losses|dead|bodies|massacre\w*|"
                   r"execut\w*|injur\w*|wound\w*|loses? (his|her|their) li\w+)")
_SENTENCE_END = re.compile(r"[.!?:;\"'”’)\]…]\s*$")
_VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")
SPLIT_KM = 10.0            # places nearer than this to an event already emitted are the same event's place


def _km(a, b) -> float:
    """Great-circle distance between two things with a latitude and longitude (places, located events)."""
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude)


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


def _windows(doc: Document) -> list[tuple[int, int]]:
    spans = [(s.start, s.end) for s in doc.sentences] or [(0, len(doc.clean))]
    joined: list[tuple[int, int]] = []
    for a, b in spans:       # the parser cuts headlines mid-clause ("... and Shells target | Aleppo"): rejoin
        if joined and not _SENTENCE_END.search(doc.clean[joined[-1][0]:joined[-1][1]]) \
                and "\n" not in doc.clean[joined[-1][1]:a] and b - joined[-1][0] <= MAX_WINDOW:
            joined[-1] = (joined[-1][0], b)
        else:
            joined.append((a, b))
    spans = joined
    out = []
    for a, b in spans:
        while b - a > MAX_WINDOW:
            cut = doc.clean.rfind(" ", a + MAX_WINDOW // 2, a + MAX_WINDOW)
            cut = cut if cut > a else a + MAX_WINDOW
            out.append((a, cut))
            a = cut
        if doc.clean[a:b].strip():
            out.append((a, b))
    return out


def _read(doc: Document, lex: Lexicon, a: int, b: int, first: bool) -> Reading:
    text = doc.clean[a:b]                        # cues are case-insensitive: ALL-CAPS headlines read the same
    matches = match_span(doc, lex, a, b)
    if first:
        pre = lex.prefix(text)
        if pre:
            label, w, end = pre
            cue = Cue(label, w + 1, re.compile(""), "note tag", 0)
            tag_start = a + len(text) - len(text.lstrip())
            matches.append(CueMatch(cue, tag_start, a + end, doc.clean[tag_start:a + end]))
    d = decide(matches)
    if first and matches and matches[-1].cue.source == "note tag" and d.label != matches[-1].section:
        # ACLED-style notes open with a tag naming the kind of development ("Looting: On ..."): it decides
        tag = matches[-1]
        d = Decision(tag.section, tag.weight, [tag], [f"the report is tagged {tag.text!r}"], d.scores)
    r = Reading(a, b, matches, d)
    if d.label and d.anchor is not None:
        r.factuality, r.fact_reason = judge(doc, d.anchor.start, d.anchor.end)
        if r.factuality == "planned" and d.label in PROTEST_FAMILY:
            # "gathered ... to protest against the protocol, calling for a vote in the upcoming elections": the
            # future is the purpose's; a past-tense act of the same protest says it took place
            for m in d.evidence:
                if m is not d.anchor and m.weight >= 2 and past_tense(doc, m.start, m.end) \
                        and judge(doc, m.start, m.end)[0] == "occurred":
                    r.factuality, r.fact_reason = "occurred", f"{m.text!r} reports the protest in the past tense"
                    break
    return r


def _confidence(score: float, rank: int) -> float:
    base = min(0.95, 0.45 + 0.08 * score)
    return round(max(0.05, base - 0.15 * rank), 4)


class DetectEvents(Stage):
    """Fills `doc.events`; see the module docstring for the contract."""
    name = "events"
    requires = ("clean", "nlp", "sentences")
    assigns = ("events",)

    def __init__(self, model: str | None = None, lexicon: str | None = None):
        self.lexicon = load_lexicon(lexicon)
        self.model = None
        if model is not None:
            from .classifier import load_model
            self.model = load_model(model)

    # --- grouping -------------------------------------------------------------------------------------------
    @staticmethod
    def _places(doc: Document, readings: list[Reading]) -> set[str]:
        return {(p.name or p.text).lower() for p in doc.places for r in readings
                if r.start <= p.start < r.end and p.kind != "demonym" and p.kind != "country"}

    def _elsewhere(self, doc: Document, r: Reading, inc: Incident) -> bool:
        """Does sentence `r` name places, none of which the incident's sentences name?"""
        mine = self._places(doc, [r])
        return bool(mine) and not (mine & self._places(doc, inc.readings))

    def _incidents(self, doc: Document, readings: list[Reading]) -> list[Incident]:
        tax = taxonomy()
        incidents: list[Incident] = []
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
            if same and d.score >= 3 and not d.outcome_only:
                here = [inc for inc in same if not self._elsewhere(doc, r, inc)]
                same = here    # the same kind of incident at another place is another event
            if same:
                same[-1].readings.append(r)
                continue
            opens = (d.score >= 3 and not d.outcome_only) or r.factuality != "occurred"
            if r.factuality == "occurred" and incidents and incidents[-1].head.decision.label in PROTEST_FAMILY and (
                    d.label in PROTEST_FAMILY | {"Arrests", "Mob violence"}
                    or any(m.section.startswith("mod:") and m.weight >= 3 for m in r.matches)):
                opens = False          # what happened at the demonstration: police, arrests, violence
            if not incidents or opens:
                incidents.append(Incident([r]))
            else:
                incidents[-1].readings.append(r)
        if not incidents and fallback is not None:
            incidents.append(Incident([fallback]))
        pos = {id(r): i for i, r in enumerate(readings)}
        starts = sorted(pos[id(inc.head)] for inc in incidents)
        for inc in incidents:
            i = pos[id(inc.head)]
            later = [j for j in starts if j > i]
            inc.context = readings[i + 1:later[0] if later else len(readings)]
        # an occurred incident leads; planned/threatened ones follow it
        incidents.sort(key=lambda inc: inc.head.factuality != "occurred")
        return incidents

    def _label(self, doc: Document, inc: Incident) -> Decision:
        head = inc.head.decision
        if head.label in PROTEST_FAMILY and inc.context:
            mods = [m for r in inc.context for m in r.matches if m.section.startswith("mod:")]
            riot = [m for r in inc.context for m in r.matches if m.section == "Violent demonstration"]
            again = decide(inc.head.matches + riot, mods)
            if again.label in PROTEST_FAMILY:
                return again
        return head

    def _model_only(self, doc: Document, readings: list[Reading]) -> list[Incident]:
        """With a trained model, a report the rules found no event in may still hold one: the first sentence with
        an event cue (and no out-of-scope cue) is handed to the model."""
        for i, r in enumerate(readings):
            cues = [m for m in r.matches if ":" not in m.section]
            if cues and r.decision.none_reason is None:
                r.factuality, r.fact_reason = judge(doc, cues[0].start, cues[0].end)
                if r.factuality != "occurred":
                    continue
                r.decision = Decision(None, 0.0, cues[:2], ["the rules found a cue but no event; the model decides"],
                                      r.decision.scores)
                return [Incident([r], readings[i + 1:])]
        return []

    def _relabel(self, doc: Document, inc: Incident, d: Decision) -> Decision:
        """Let the trained model choose the sub-event type from the incident's words and the rules' view."""
        text = doc.clean[inc.head.start:(inc.context[-1].end if inc.context else inc.head.end)]
        label, p, top = self.model.predict(text)
        if d.label is not None and (label == d.label or p < 0.5):
            d.reasons.append(f"the trained model agrees or is unsure ({label}, p={p:.2f})")
            return d
        return Decision(label, max(d.score, 2 + 2 * p), d.evidence,
                        [f"the trained model chose {label} (p={p:.2f}; features {', '.join(top)}) over the rules' "
                         f"{d.label}"], d.scores)

    # --- one event per attacked place ----------------------------------------------------------------------
    @staticmethod
    def _targets(doc: Document, r: Reading) -> list:
        """The sentence's places that could each be an event's place: not a container of the place before it,
        not an origin ("fighters from X"), not a country, each more than SPLIT_KM from the ones before."""
        mentions = sorted((p for p in doc.places if r.start <= p.start < r.end and p.kind not in ("demonym", "country")
                           and p.latitude is not None), key=lambda p: p.start)
        out, prev = [], None
        for p in mentions:
            gap = doc.clean[prev.end:p.start] if prev is not None else ""
            prev = p
            if gap and len(gap) <= 50 and not _CONJUNCTION.search(gap) and _CONTAINER_GAP.match(gap):
                continue
            if is_origin(doc, p, r.start):
                continue
            if any(_km(p, q) <= SPLIT_KM for q in out):
                continue
            out.append(p)
        return out

    def _split(self, doc: Document, inc: Incident, lead: Event) -> list[Event]:
        """Extra events for the other places a sentence names as attacked or fought over ("raids on Anadan ... and
        airstrikes target al-Bab"): one per place, typed by the cues of its own clause (or the clause before it
        when it has none: "casualties in X and Y").  The lead event is left as it is."""
        r = inc.head
        if r.factuality != "occurred":
            return []
        targets = self._targets(doc, r)
        if len(targets) < 2:
            return []
        lead_place = choose_place(doc, lead)[0]
        votes: dict[str, int] = {}
        for p in doc.places:
            if p.country_code:
                votes[p.country_code] = votes.get(p.country_code, 0) + 1
        main = lead_place.country_code if lead_place is not None else None
        if votes and (main is None or votes.get(main, 0) < max(votes.values())):
            main = max(votes, key=votes.get)
        if main:                   # a namesake abroad ("Der-Ezor" read as Győr) is not a second place
            targets = [p for p in targets if p.country_code in (None, main)]
        out: list[Event] = []
        placed = [lead_place] if lead_place is not None and lead_place.latitude is not None else []
        tax = taxonomy()
        prev_end, prev_d = r.start, None
        for i, p in enumerate(targets):
            d = decide_span(doc, self.lexicon, prev_end, p.end)
            trigger_after = False
            if not d.label and i == 0:
                nxt = targets[1].start if len(targets) > 1 else r.end
                after = decide_span(doc, self.lexicon, p.end, nxt)
                if after.label and not _CONJUNCTION.search(doc.clean[p.end:after.anchor.start]):
                    d, trigger_after = after, True
            if not d.label and d.none_reason is None and i > 0 and prev_d is not None:
                d = Decision(prev_d.label, prev_d.score, [], [f"named with the place before it; "
                                                             f"{prev_d.reasons[0] if prev_d.reasons else ''}"])
            clause = (prev_end, p.end) if not trigger_after else (p.start, after.anchor.end)
            prev_end = p.end
            prev_d = d if d.label else None
            if not d.label or any(_km(p, q) <= SPLIT_KM for q in placed):
                continue
            placed.append(p)
            a = d.anchor
            if a is None:
                span = (p.start, p.end)
            else:
                span = (p.start, a.end) if trigger_after else (a.start, p.end)
            fact, why = judge(doc, a.start, a.end) if a is not None else (r.factuality, r.fact_reason)
            if fact != "occurred":
                continue
            ev = Event(doc_id=doc.id, anchor=span)
            ev.sub_event_type = d.label
            ev.event_type = tax.event_type_of(d.label)
            ev.disorder_type = tax.disorder_type_of(d.label)
            ev.factuality = fact
            ev.confidence = round(max(0.05, min(_confidence(d.score, 1), lead.confidence - 0.05 * (len(out) + 1))), 4)
            doc.notes_of(ev).place_hint = p
            for m in d.evidence:
                if m.end > m.start:
                    ev.add_evidence(doc.evidence("sub_event_type", m.start, m.end))
                    if not m.section.startswith("mod:"):
                        ev.add_evidence(doc.evidence("event_type", m.start, m.end))
            if not d.evidence:
                ev.inferred["sub_event_type"] = "named in one list with the place before it"
                ev.inferred["event_type"] = "named in one list with the place before it"
            ev.inferred.setdefault("disorder_type", f"ACLED files {d.label} under {ev.disorder_type}")
            ev.explanation.append(f"{ev.event_type} / {d.label}: {'; '.join(d.reasons)}")
            ev.explanation.append(f"one event per attacked place: {p.text!r} is named in its own clause of a "
                                  f"sentence that reports events at several places")
            ev.explanation.append(f"factuality {fact}: {why}")
            if _TOLL.search(doc.clean[clause[0]:clause[1]]):
                ev.explanation.append("its clause names casualties")
            doc.notes_of(ev).civilian_hint = civilian_hint(ev, doc.clean[r.start:r.end])
            if d.evidence and i > 0:   # its own clause says what happened: the actors are that clause's
                doc.notes_of(ev).actor_scope = own_scope(doc, *clause, r.start)
            out.append(ev)
        return out

    # --- one event per event clause ------------------------------------------------------------------------
    def _clauses(self, doc: Document, inc: Incident, lead: Event, placed: list[Event]) -> list[Event]:
        """Extra events for the clauses of the incident's sentence that report an event of their own at a place
        already taken ("8 casualties in the aerial bombardment at Aleppo city, and violent clashes north of the
        city"), and the actor scope of every event of a sentence with several event clauses (`actor_scope`: the
        words of its own clause, so that a clause whose actor is only implied does not take another clause's)."""
        r = inc.head
        if r.factuality != "occurred" or lead.event_type not in _VIOLENT_TYPES:
            return []          # a defusal, a looting, a protest frames the other acts its sentence names
        if any(m.cue.source == "note tag" for m in r.matches):
            return []          # an ACLED note tagged with its kind of event ("Abduction: On ...") is one event
        clauses = event_clauses(doc, self.lexicon, r.start, r.end)
        if len(clauses) < 2:
            return []
        lead_place = choose_place(doc, lead)[0]
        tax = taxonomy()
        out: list[Event] = []
        prev_place, prev_start = None, r.start
        for c in clauses:
            owners = [e for e in [lead] + placed if c.start <= e.anchor[0] < c.end]
            place = c.place
            if place is None:      # "the city", "north of the city", "in it", "there": the last place before it
                place = lead_place if lead in owners else prev_place
            scope = (prev_start if c.shares_subject else c.start, c.end)
            prev_place, prev_start = c.last_place or place, c.start
            for e in owners:         # a place split off with its own cues keeps its narrower scope
                own = doc.notes_of(e).actor_scope
                if own is None or not (scope[0] <= own[0] and own[1] <= scope[1]):
                    doc.notes_of(e).actor_scope = scope
            d = c.decision
            if owners or d.anchor is None:
                continue
            fact, why = judge(doc, d.anchor.start, d.anchor.end)
            if fact != "occurred":
                continue
            ev = Event(doc_id=doc.id, anchor=(d.anchor.start, d.anchor.end))
            ev.sub_event_type = d.label
            ev.event_type = tax.event_type_of(d.label)
            ev.disorder_type = tax.disorder_type_of(d.label)
            ev.factuality = fact
            ev.confidence = round(max(0.05, min(_confidence(d.score, 1),
                                                lead.confidence - 0.05 * (len(placed) + len(out) + 1))), 4)
            doc.notes_of(ev).actor_scope = scope
            doc.notes_of(ev).clause_of = lead
            if place is not None and place.latitude is not None:
                doc.notes_of(ev).place_hint = place
            seen = set()
            for m in d.evidence:
                if m.end > m.start and (m.start, m.end) not in seen:
                    seen.add((m.start, m.end))
                    ev.add_evidence(doc.evidence("sub_event_type", m.start, m.end))
                    if not m.section.startswith("mod:"):
                        ev.add_evidence(doc.evidence("event_type", m.start, m.end))
            ev.inferred.setdefault("disorder_type", f"ACLED files {d.label} under {ev.disorder_type}")
            ev.explanation.append(f"{ev.event_type} / {d.label}: {'; '.join(d.reasons)}")
            where = (f"its place {c.place.text!r}" if c.place is not None else
                     f"the place of the clause before it ({place.text!r})" if place is not None else "no place")
            ev.explanation.append(f"one event per event clause: {doc.clean[c.start:c.end]!r} reports an event of "
                                  f"its own in a sentence that reports several; {where}")
            ev.explanation.append(f"factuality {fact}: {why}")
            doc.notes_of(ev).civilian_hint = civilian_hint(ev, doc.clean[c.start:c.end])
            out.append(ev)
        return out

    # --- a protest told in two sentences -------------------------------------------------------------------
    @staticmethod
    def _purpose_next(doc: Document, readings: list[Reading]) -> None:
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
            if again.label not in PROTEST_FAMILY:
                continue
            again.reasons.append("the next sentence says what the crowd demanded or denounced")
            r.decision = again
            r.matches = r.matches + support
            anchor = [m for m in again.evidence if r.start <= m.start < r.end] or [again.anchor]
            a = max(anchor, key=lambda m: (m.weight, -m.start))
            r.factuality, r.fact_reason = judge(doc, a.start, a.end)

    # --- the stage ------------------------------------------------------------------------------------------
    def __call__(self, doc: Document) -> Document:
        doc.events = []
        readings = [_read(doc, self.lexicon, a, b, i == 0) for i, (a, b) in enumerate(_windows(doc))]
        self._purpose_next(doc, readings)
        tax = taxonomy()
        incidents = self._incidents(doc, readings)
        if not incidents and self.model is not None:
            incidents = self._model_only(doc, readings)
        extra: list[Event] = []
        for rank, inc in enumerate(incidents):
            d = self._label(doc, inc)
            if self.model is not None:
                d = self._relabel(doc, inc, d)
            anchor = d.anchor or CueMatch(None, inc.head.start, inc.head.end, "")  # type: ignore[arg-type]
            ev = Event(doc_id=doc.id, anchor=(anchor.start, anchor.end))
            ev.sub_event_type = d.label
            ev.event_type = tax.event_type_of(d.label)
            ev.disorder_type = tax.disorder_type_of(d.label)
            ev.factuality = inc.head.factuality
            ev.confidence = _confidence(d.score, rank)
            if doc.events:      # the lead incident stays the report's primary event
                ev.confidence = min(ev.confidence, round(doc.events[0].confidence - 0.05, 4))
            seen = set()
            for m in d.evidence:
                if (m.start, m.end) in seen or m.end <= m.start:
                    continue
                seen.add((m.start, m.end))
                ev.add_evidence(doc.evidence("sub_event_type", m.start, m.end))
                if not m.section.startswith("mod:"):
                    ev.add_evidence(doc.evidence("event_type", m.start, m.end))
            ev.inferred.setdefault("disorder_type", f"ACLED files {d.label} under {ev.disorder_type}")
            cues = ", ".join(f"{m.text!r} ({m.section}, weight {m.weight:g})" for m in d.evidence[:4])
            ev.explanation.append(f"{ev.event_type} / {d.label}: {'; '.join(d.reasons)}")
            if cues:
                ev.explanation.append(f"trigger words: {cues}")
            ev.explanation.append(f"factuality {ev.factuality}: {inc.head.fact_reason}")
            if len(inc.readings) > 1:
                ev.explanation.append(f"{len(inc.readings) - 1} later sentence(s) report the same incident and were "
                                      "merged into it")
            doc.notes_of(ev).civilian_hint = civilian_hint(ev, doc.clean[inc.head.start:inc.head.end])
            doc.events.append(ev)
            placed = self._split(doc, inc, ev)
            extra.extend(placed)
            extra.extend(self._clauses(doc, inc, ev, placed))
        doc.events.extend(extra)
        return doc


def merge_same_sides(doc: Document) -> None:
    """Drop an event split off by its clause (`clause_of`) when another event of the report lies within SPLIT_KM of it
    and shares a side with it: "airstrikes target Aleppo and clashes north of the city" by one state against its
    usual opponent is one event of that dyad at that place; a clause with other sides ("the Islamic State executes a
    young man ... and clashes renewed in the Eastern Ghouta") stays an event of its own."""
    keep = []
    for ev in doc.events:
        if doc.notes_of(ev).clause_of is not None and ev.latitude is not None:
            sides = {ev.actor1, ev.actor2} - {None}
            twin = next((o for o in keep if o.latitude is not None and _km(o, ev) <= SPLIT_KM
                         and sides & ({o.actor1, o.actor2} - {None})), None)
            if twin is not None:
                twin.explanation.append(f"the clause {doc.clean[ev.anchor[0]:ev.anchor[1]]!r} reports the same "
                                        f"sides at the same place: one event")
                continue
        keep.append(ev)
    doc.events = keep
