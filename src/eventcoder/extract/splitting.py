"""One event per attacked place and per event clause (the second half of DetectEvents).

Contract:
- `split_places(doc, lexicon, inc, lead)`: when the lead sentence of an incident names several places, each in its
  own clause ("raids on Anadan in the northern countryside of Aleppo and airstrikes target al-Bab city"), each place
  other than the one the locator picks for the lead event gets its own event, typed by its clause's cues (or the
  clause before it when it has none: "casualties in X and Y").  A place that only says where the previous one lies
  ("... countryside of Aleppo"), an origin ("from X"), a namesake abroad and a place within SPLIT_KM of one already
  used are not split off.  Such an event carries `doc.notes_of(ev).place_hint` (the PlaceMention) and an anchor
  that covers its trigger and its place; one with cues of its own also `actor_scope` (its clause).
- `split_clauses(doc, lexicon, inc, lead, placed)`: a clause of the lead sentence with its own trigger
  (`clauses.event_clauses`) is an event of its own even at a place already taken; its place is its own or, for
  anaphora ("the city", "in it"), the last place named before it.  Such an event carries `clause_of` (the lead
  event); every event of a sentence with several event clauses gets `actor_scope` (its clause).
The lead event is left as it is; only occurred events are emitted.
"""
from __future__ import annotations

import re

from ..lang import any_of
from ..geo.dateline import in_dateline
from ..geo.locate import street_level
from ..model import Document, Event
from .clauses import decide_span, event_clauses, is_origin, own_scope
from .factuality import judge
from .incidents import Incident, Reading
from .lexicon import NOTE_TAG, Lexicon
from .nearby import SPLIT_KM, km
from .new_event import civilian_hint, confidence_of, new_event
from .rules import Decision, toll_of_harm
from .taxonomy import taxonomy

# A place right after another one that only says where the first lies ("Anadan in the northern countryside of
# Aleppo", "Tafas, Daraa", "al-Salhin neighborhood in Aleppo city") is context, not a second attacked place.
_CONTAINER_GAP = re.compile(r"(?i)^[\s,(\-]*((\w+\s+){0,2})?((in|of|at|near|within|inside)\s+)?(the\s+)?"
                            rf"(([\w-]+\s+){{0,2}}({any_of('container_area_words')})\s+(of\s+)?(the\s+)?)?"
                            rf"(({any_of('container_seat_words')})\s+(of\s+)?)?$")
_CONJUNCTION = re.compile(r"(?i)\b(and|or|while|but|as|after|before|then|amid|following)\b|[;:]")
_TOLL = re.compile(r"(?i)\b(casualt\w*|kill\w*|martyr\w*|dies|died|death\w*|losses|dead|bodies|massacre\w*|"
                   r"execut\w*|injur\w*|wound\w*|loses? (his|her|their) li\w+)")


def _toll_of_lead(d: Decision, lead: Event) -> Decision:
    """A place or clause of an explosion's sentence that only tells who was killed or wounded there ("an air
    strike hit X and killed 38 civilians in Y") is that explosion there, not an attack on civilians."""
    if d.label != "Attack" or not lead.sub_event_type or not taxonomy().in_family(lead.sub_event_type, "explosive"):
        return d
    attack = [m for m in d.evidence if m.section == "Attack"]
    if attack and not toll_of_harm(attack):      # no cue of its own: named with the place before it
        return d
    return Decision(lead.sub_event_type, d.score, d.evidence, d.reasons + [
        f"the toll of the {lead.sub_event_type} its sentence tells"], d.scores)


# --- one event per attacked place ---------------------------------------------------------------------------------
def _targets(doc: Document, r: Reading) -> list:
    """The sentence's places that could each be an event's place: not a container of the place before it,
    not an origin ("fighters from X"), not a country, not a square or street ("Cavour square"), not the dateline's
    ("KABUL (Reuters) -": where the story was written), each more than SPLIT_KM from the ones before."""
    dateline = doc.geography.dateline
    mentions = sorted((p for p in doc.places if r.start <= p.start < r.end and p.kind not in ("demonym", "country")
                       and p.latitude is not None and not in_dateline(dateline, p.start)
                       and not street_level(doc.clean, p)), key=lambda p: p.start)
    out, prev = [], None
    for p in mentions:
        gap = doc.clean[prev.end:p.start] if prev is not None else ""
        prev = p
        if gap and len(gap) <= 50 and not _CONJUNCTION.search(gap) and _CONTAINER_GAP.match(gap):
            continue
        if is_origin(doc, p, r.start):
            continue
        if any(km(p, q) <= SPLIT_KM for q in out):
            continue
        out.append(p)
    return out


def _home_country(doc: Document, targets: list, lead_place) -> list:
    """The targets in the report's main country (`doc.geography`; a namesake abroad, "Der-Ezor" read as Győr, is
    not a second place), else in the lead place's."""
    main = doc.geography.main_country or (lead_place.country_code if lead_place is not None else None)
    if main:
        targets = [p for p in targets if p.country_code in (None, main)]
    return targets


def _place_decision(doc: Document, lexicon: Lexicon, r: Reading, targets: list, i: int, prev_end: int,
                    prev_d: Decision | None) -> tuple[Decision, bool]:
    """The decision for the i-th target from the words before it (for the first, a trigger right after it; for a
    later one with no cues, the decision of the place before it), and whether its trigger follows it."""
    p = targets[i]
    d = decide_span(doc, lexicon, prev_end, p.end)
    if not d.label and i == 0:
        nxt = targets[1].start if len(targets) > 1 else r.end
        after = decide_span(doc, lexicon, p.end, nxt)
        if after.label and not _CONJUNCTION.search(doc.clean[p.end:after.anchor.start]):
            return after, True
    if not d.label and d.none_reason is None and i > 0 and prev_d is not None:
        d = Decision(prev_d.label, prev_d.score, [], [f"named with the place before it; "
                                                     f"{prev_d.reasons[0] if prev_d.reasons else ''}"])
    return d, False


def split_places(doc: Document, lexicon: Lexicon, inc: Incident, lead: Event) -> list[Event]:
    """Extra events for the other places a sentence of the incident names as attacked or fought over (see the
    module docstring): its lead sentence and each later sentence of it (a round-up of places hit the same way)."""
    lead_place = doc.geography.place_of(doc, lead)[0]
    placed = [lead_place] if lead_place is not None and lead_place.latitude is not None else []
    out: list[Event] = []
    for r in inc.readings:
        if r.factuality == "occurred":
            out.extend(_split_sentence(doc, lexicon, r, lead, lead_place, placed, len(out)))
    return out


def _split_sentence(doc: Document, lexicon: Lexicon, r: Reading, lead: Event, lead_place, placed: list,
                    before: int) -> list[Event]:
    """The events of one sentence's places other than those already `placed` (which it extends)."""
    targets = _targets(doc, r)
    if len(targets) < 2:
        return []
    targets = _home_country(doc, targets, lead_place)
    out: list[Event] = []
    prev_end, prev_d = r.start, None
    for i, p in enumerate(targets):
        d, trigger_after = _place_decision(doc, lexicon, r, targets, i, prev_end, prev_d)
        d = _toll_of_lead(d, lead)
        clause = (prev_end, p.end) if not trigger_after else (p.start, d.anchor.end)
        prev_end = p.end
        prev_d = d if d.label else None
        if not d.label or any(km(p, q) <= SPLIT_KM for q in placed):
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
        conf = round(max(0.05, min(confidence_of(d.score, 1), lead.confidence - 0.05 * (before + len(out) + 1))), 4)
        ev = new_event(doc, d, span, fact, conf, once_per_span=False,
                       inferred_why="named in one list with the place before it")
        doc.notes_of(ev).place_hint = p
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


# --- one event per event clause -----------------------------------------------------------------------------------
def split_clauses(doc: Document, lexicon: Lexicon, inc: Incident, lead: Event, placed: list[Event]) -> list[Event]:
    """Extra events for the clauses of the incident's sentence that report an event of their own at a place
    already taken ("8 casualties in the aerial bombardment at Aleppo city, and violent clashes north of the
    city"), and the actor scope of every event of a sentence with several event clauses (`actor_scope`: the
    words of its own clause, so that a clause whose actor is only implied does not take another clause's)."""
    r = inc.head
    if r.factuality != "occurred" or not taxonomy().in_family(lead.sub_event_type, "armed"):
        return []          # a defusal, a looting, a protest frames the other acts its sentence names
    if any(m.cue.source == NOTE_TAG for m in r.matches):
        return []          # an ACLED note tagged with its kind of event ("Abduction: On ...") is one event
    clauses = event_clauses(doc, lexicon, r.start, r.end)
    if len(clauses) < 2:
        return []
    lead_place = doc.geography.place_of(doc, lead)[0]
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
        d = _toll_of_lead(c.decision, lead)
        if owners or d.anchor is None:
            continue
        fact, why = judge(doc, d.anchor.start, d.anchor.end)
        if fact != "occurred":
            continue
        conf = round(max(0.05, min(confidence_of(d.score, 1),
                                   lead.confidence - 0.05 * (len(placed) + len(out) + 1))), 4)
        ev = new_event(doc, d, (d.anchor.start, d.anchor.end), fact, conf)
        doc.notes_of(ev).actor_scope = scope
        doc.notes_of(ev).clause_of = lead
        if place is not None and place.latitude is not None:
            doc.notes_of(ev).place_hint = place
        where = (f"its place {c.place.text!r}" if c.place is not None else
                 f"the place of the clause before it ({place.text!r})" if place is not None else "no place")
        ev.explanation.append(f"one event per event clause: {doc.clean[c.start:c.end]!r} reports an event of "
                              f"its own in a sentence that reports several; {where}")
        ev.explanation.append(f"factuality {fact}: {why}")
        doc.notes_of(ev).civilian_hint = civilian_hint(ev, doc.clean[c.start:c.end])
        out.append(ev)
    return out
