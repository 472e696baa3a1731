"""DetectEvents: which sentences report an event ACLED codes, of what type, and how sure we are.

Contract (stage "events"; `eventcoder info` lists what it requires and assigns):
- Each sentence of `doc.clean` is read with the trigger lexicon (`lexicon.py`) and decided by the rules
  (`rules.py`); with `DetectEvents(model=PATH)` a trained linear model (`classifier.py`) re-ranks the sub-event
  type from words plus the same rule scores.
- Sentences that report the same kind of incident are merged into one event; a sentence with its own strong
  trigger of another event type opens a new event.  Nothing is emitted for crime, disasters, diplomacy, or for
  background/habitual statements; planned, threatened, denied and hypothetical events are emitted with that
  `factuality` (Finalize drops them unless asked).
- Every event carries evidence for event_type/sub_event_type (the trigger words), `explanation` lines, and a
  `confidence` in [0, 1]; the first (lead) event of a report gets the highest confidence.
- `doc.notes_of(event).civilian_hint` (bool) says whether the type or wording makes civilians the victims
  (taxonomy.json `civilian_victims`); CodeActors owns `civilian_targeting` and may use it.
- One event per attacked place: when the lead sentence of an incident names several places, each in its own
  clause ("raids on Anadan in the northern countryside of Aleppo and airstrikes target al-Bab city"), each place
  other than the one the locator picks for the incident gets its own event, typed by its clause's cues.  A place
  that only says where the previous one lies ("... countryside of Aleppo"), an origin ("from X"), a namesake abroad
  and a place within SPLIT_KM of one already used are not split off.  Such an event carries
  `place_hint` (the PlaceMention) and an anchor that covers its trigger and its place.
- One event per event clause: a clause of that sentence with its own trigger (`clauses.event_clauses`: "8 casualties
  in the aerial bombardment at Aleppo city, and violent clashes north of the city") is an event of its own even at a
  place already taken; its place is its own or, for anaphora ("the city", "its outskirts", "in it"), the last place
  named before it.  "Air and artillery strikes on X", "killed and wounded", "shells target X and kill 8" stay one
  event.  Such an event carries `clause_of` (the incident's lead event).  In a sentence with several event
  clauses, and for a place split off with cues of its own, `actor_scope` (start, end) is the clause whose
  words name its actors (CodeActors reads actors there, not in the whole sentence).  After CodeActors,
  `same_sides.merge_same_sides` drops a clause's event that shares a side with another event within SPLIT_KM (one
  dyad at one place is one event).
- Working notes (`place_hint`, `actor_scope`, `clause_of`, `civilian_hint`) are on `doc.notes_of(event)`.

Where the lead event of an incident lies is asked of `doc.geography` (the `geography` stage's annotation);
LocateEvents honours `place_hint` before any ranking.

The stage lives here; its parts live in `incidents` (reading sentences, grouping them into incidents),
`splitting` (one event per attacked place and per event clause), `new_event` (the one Event factory) and
`rules`/`lexicon`/`taxonomy` (what a sentence reports).
"""
from __future__ import annotations

from ..model import Document, Event
from ..stage import Stage, stage
from .factuality import judge
from .incidents import Incident, Reading, group_incidents, muted, protest_label, purpose_next, read_window, windows
from .lexicon import CueMatch, load_lexicon
from .new_event import civilian_hint, confidence_of, new_event
from .relevance import overlaps_relevant
from .rules import Decision
from .splitting import split_clauses, split_places


@stage("events", requires=("clean", "nlp", "sentences", "places", "geography", "relevance"),
       assigns=("events", "notes.civilian_hint", "notes.place_hint", "notes.actor_scope", "notes.clause_of"))
class DetectEvents(Stage):
    """Fill `doc.events`: which sentences report an event ACLED codes, of what type, and how sure we are (see the
    module docstring)."""

    def __init__(self, model: str | None = None, lexicon: str | None = None):
        self.lexicon = load_lexicon(lexicon)
        self.model = None
        if model is not None:
            from .classifier import load_model
            self.model = load_model(model)

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

    def _lead_event(self, doc: Document, inc: Incident, d: Decision, rank: int) -> Event:
        """The event of an incident, from its (re)labelled decision; `rank`: its place among the report's incidents."""
        anchor = d.anchor or CueMatch(None, inc.head.start, inc.head.end, "")  # type: ignore[arg-type]
        conf = confidence_of(d.score, rank)
        if doc.events:      # the lead incident stays the report's primary event
            conf = min(conf, round(doc.events[0].confidence - 0.05, 4))
        ev = new_event(doc, d, (anchor.start, anchor.end), inc.head.factuality, conf)
        cues = ", ".join(f"{m.text!r} ({m.section}, weight {m.weight:g})" for m in d.evidence[:4])
        if cues:
            ev.explanation.append(f"trigger words: {cues}")
        ev.explanation.append(f"factuality {ev.factuality}: {inc.head.fact_reason}")
        if len(inc.readings) > 1:
            ev.explanation.append(f"{len(inc.readings) - 1} later sentence(s) report the same incident and were "
                                  "merged into it")
        doc.notes_of(ev).civilian_hint = civilian_hint(ev, doc.clean[inc.head.start:inc.head.end])
        return ev

    # --- the stage ------------------------------------------------------------------------------------------
    def __call__(self, doc: Document) -> Document:
        doc.events = []
        readings = [read_window(doc, self.lexicon, a, b, i == 0) for i, (a, b) in enumerate(windows(doc))]
        readings = [r if overlaps_relevant(doc.relevance, r.start, r.end) else muted(r) for r in readings]
        purpose_next(doc, readings)
        incidents = group_incidents(doc, readings)
        if not incidents and self.model is not None:
            incidents = self._model_only(doc, readings)
        extra: list[Event] = []
        for rank, inc in enumerate(incidents):
            d = protest_label(inc)
            if self.model is not None:
                d = self._relabel(doc, inc, d)
            ev = self._lead_event(doc, inc, d, rank)
            doc.events.append(ev)
            placed = split_places(doc, self.lexicon, inc, ev)
            extra.extend(placed)
            extra.extend(split_clauses(doc, self.lexicon, inc, ev, placed))
        doc.events.extend(extra)
        return doc
