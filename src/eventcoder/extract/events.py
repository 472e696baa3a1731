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
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Document, Event
from ..pipeline import Stage
from .factuality import judge
from .lexicon import Cue, CueMatch, Lexicon, load_lexicon
from .rules import PROTEST_FAMILY, Decision, decide
from .taxonomy import taxonomy

MAX_WINDOW = 1500          # a longer "sentence" (a table, a run-on paste) is read in windows of this many chars
_CIVILIAN_RE = re.compile(r"\b(civilians?|villagers?|residents?|farmers?|women|children|child|worshippers?|"
                          r"passengers?|students?|teachers?|journalists?|displaced|hospital|school|market|"
                          r"homes?|houses?|residential)\b", re.I)


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


def _shift(matches: list[CueMatch], by: int) -> list[CueMatch]:
    return [CueMatch(m.cue, m.start + by, m.end + by, m.text) for m in matches]


def _read(doc: Document, lex: Lexicon, a: int, b: int, first: bool) -> Reading:
    text = doc.clean[a:b]                        # cues are case-insensitive: ALL-CAPS headlines read the same
    matches = _shift(lex.match(text), a)
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
        for r in readings:
            d = r.decision
            if not d.label or r.factuality == "background":
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

    # --- the stage ------------------------------------------------------------------------------------------
    def __call__(self, doc: Document) -> Document:
        doc.events = []
        readings = [_read(doc, self.lexicon, a, b, i == 0) for i, (a, b) in enumerate(_windows(doc))]
        tax = taxonomy()
        incidents = self._incidents(doc, readings)
        if not incidents and self.model is not None:
            incidents = self._model_only(doc, readings)
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
            sent = doc.clean[inc.head.start:inc.head.end]
            ev.civilian_hint = bool(d.label in ("Attack", "Sexual violence", "Abduction/forced disappearance")
                                    or (ev.event_type == "Explosions/Remote violence" and _CIVILIAN_RE.search(sent)))
            doc.events.append(ev)
        return doc
