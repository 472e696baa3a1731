"""Stage CountFatalities: how many people died in each event (ACLED `fatalities`, UCDP low/best/high, civilians).

The stage reads every death figure in a report once (`death_figures.death_mentions`), gives each figure to one
event (`assign_mentions`: a toll restated or updated later in the report stays on the event that holds it first),
and combines each event's figures into its toll (`death_tolls.combine`).  Across a report with several events,
only figures that add up to the report's toll are counted; an event holding only restatements or a breakdown of a
toll counted on another event gets 0.  When an ACLED note says its toll is "split across N events", each event
carries its share.

Injured, wounded, missing, arrested and displaced people are never counted as dead; "killed and wounded" figures
(casualties that mix both) are counted only as a lower bound of 0 with the figure as the high estimate.

`death_mentions`, `parse_fatalities`, `combine`, `DeathMention` and `FatalityReading` are re-exported here for
callers of the former single module.
"""
from __future__ import annotations

import re

from ..model import Document
from ..stage import Stage, stage
from .death_figures import death_mentions
from .death_lexicon import CUE, UPDATE, count_word
from .death_mention import DeathMention
from .death_tolls import FatalityReading, combine, parse_fatalities
from .numbers import find_quantities, number_words
from .taxonomy import taxonomy

__all__ = ["CountFatalities", "DeathMention", "FatalityReading", "assign_mentions", "combine", "death_mentions",
           "parse_fatalities", "title_toll"]


CAUSE_WINDOW = 300    # characters before a death clause in which its cause is looked for


def _can_kill(ev) -> bool:
    """Whether people can die in the event (taxonomy.json `deaths`: "possible"); a death figure goes to such an
    event when the report has one.  An event with no sub-event type is not known to be one."""
    return ev.sub_event_type is not None and taxonomy().deaths(ev.sub_event_type) == "possible"


def _none_by_definition(ev) -> bool:
    """Whether no one dies in the event by definition (taxonomy.json `deaths`: "none by definition")."""
    return ev.sub_event_type is not None and taxonomy().deaths(ev.sub_event_type) == "none by definition"


def _owner(doc: Document, pos: int) -> int | None:
    """Index of the event a figure at `pos` belongs to.  Events in which people can die are preferred when the
    report has any; among them, the nearest event anchored in the same sentence, else the most confident event
    anchored before the figure, else the nearest after it."""
    if not doc.events:
        return None
    sent = doc.sentence_of(pos)

    def dist(i):
        a, b = doc.events[i].anchor
        return 0 if a <= pos < b else min(abs(pos - a), abs(pos - b))
    idx = [i for i, ev in enumerate(doc.events) if _can_kill(ev) and ev.factuality == "occurred"] or \
        [i for i, ev in enumerate(doc.events) if _can_kill(ev)] or list(range(len(doc.events)))
    if sent is not None:
        same = [i for i in range(len(doc.events)) if sent.start <= doc.events[i].anchor[0] < sent.end]
        lethal_same = [i for i in same if i in idx]
        if lethal_same:
            return min(lethal_same, key=dist)
        if same and not any(_can_kill(doc.events[i]) for i in same) and len(idx) == len(doc.events):
            return min(same, key=dist)
    before = [i for i in idx if doc.events[i].anchor[0] <= pos]
    if before:
        # a toll stated on its own belongs to the report's main event: the most confident one before it
        return max(before, key=lambda i: (doc.events[i].confidence, doc.events[i].anchor[0]))
    return min(idx, key=dist)


def assign_mentions(doc: Document, mentions: list[DeathMention]) -> dict[int, list[DeathMention]]:
    """Give each mention to one event (`_owner`), keeping one toll on one event: a figure restated later in the
    report ("22 killed" ... "the strikes, which killed 22") or an updated toll ("the toll rose to 82") joins the
    event that holds the earlier figure, so reports that describe one event in several places count it once."""
    per_event: dict[int, list[DeathMention]] = {}
    last_held: int | None = None           # the event of the last figure held (neither cumulative nor a part)
    first_held: dict[int, int] = {}        # a figure's best value -> the event of the first figure held with it
    for m in mentions:
        i = _owner(doc, m.start)
        if i is None:
            continue
        i = _cause_of(doc, i, m, mentions)
        if not (m.part or m.additional or m.cumulative or m.override) and last_held is not None:
            if m.best > 0 and m.best in first_held:
                i = first_held[m.best]
            elif UPDATE.search(doc.clean[max(0, m.start - 40):m.end + 10]):
                i = last_held
        per_event.setdefault(i, []).append(m)
        if not m.cumulative and not m.part:
            last_held = i
            first_held.setdefault(m.best, i)
    return per_event


def _cause_of(doc: Document, i: int, m: DeathMention, mentions: list[DeathMention]) -> int:
    """An event detected from the death words themselves ("Three civilians were killed") right after an event
    that says what happened ("militants fired at a vehicle") is that event's outcome: its toll goes to the cause."""
    a, b = doc.events[i].anchor
    if not (a < m.end and m.start < b):
        return i
    window = max(0, m.start - CAUSE_WINDOW)
    causes = [j for j, ev in enumerate(doc.events) if j != i and _can_kill(ev) and ev.factuality == "occurred"
              and window <= ev.anchor[0] < a and not any(x.start < ev.anchor[1] and ev.anchor[0] < x.end
                                                           for x in mentions)]
    return max(causes, key=lambda j: (doc.events[j].confidence, doc.events[j].anchor[0])) if causes else i


def _elsewhere(ev, events, per_event, counted) -> bool:
    """Whether an event happened at another place than every event that carries a counted toll: then its own
    figures are a separate incident's, not a restatement."""
    holders = [events[j] for j, ms in per_event.items() if any((m.start, m.end) in counted for m in ms)]
    places = {h.location for h in holders if h.location}
    return bool(ev.location and places and ev.location not in places)


def title_toll(title: str | None) -> int | None:
    """The death toll a headline states ("Air strikes kill 22 in Idlib"), if any."""
    if not title:
        return None
    ms = [m for m in death_mentions(title) if not (m.cumulative or m.part or m.mixed) and m.best > 0]
    return ms[0].best if ms else None


_SPLIT = re.compile(r"\b(?:split|spread|divided|distributed)\s+(?:evenly\s+)?(?:among|between|across|over|into)\s+"
                    rf"(?P<n>\d+|{'|'.join(number_words(2, 10))})\s+(?:separate\s+)?(?:events|locations)",
                    re.IGNORECASE)


def _split_count(text: str) -> int:
    """'20 fatalities split across 6 events' (an ACLED note's own words): the number of events sharing a toll."""
    m = _SPLIT.search(text)
    if not m:
        return 1
    n = count_word(m.group("n"))
    return n if n and n > 1 else 1


@stage("fatalities", requires=("clean", "readable", "sentences", "title", "events", "events.location"),
       assigns=("events.fatalities",))
class CountFatalities(Stage):
    """Fill fatalities, fatalities_low/best/high and fatalities_civilians on every event.

    Each death figure in the document is given to exactly one event (see `_owner`), so a toll is never counted
    on two events; an event with no figure gets 0 (ACLED: no reported deaths)."""

    def __init__(self, separate_places: bool = False):
        # False: a report carries one toll; figures that restate, break down or lie far from it are not counted
        # again on other events.  True: an event at another place keeps its own figures even then.
        self.separate_places = separate_places

    def __call__(self, doc: Document) -> Document:
        if not doc.events:
            return doc
        text = doc.readable
        mentions = death_mentions(text)
        self._warn_unusable(doc)
        per_event = assign_mentions(doc, mentions)
        split = _split_count(text)
        # the report as a whole: which figures add up to its toll; an event holding only figures that restate
        # or break down a toll counted on another event carries none of it
        headline = title_toll(doc.title)
        counted = set(combine(mentions, text, prefer=headline).spans) if len(doc.events) > 1 else None
        for i, ev in enumerate(doc.events):
            if _none_by_definition(ev):
                # by definition no one died in a peaceful protest: deaths in its report are its background
                _set_none(ev, ev.sub_event_type.lower())
                continue
            mine = per_event.get(i, [])
            if counted is not None and mine and not any((m.start, m.end) in counted for m in mine) \
                    and not (self.separate_places and _elsewhere(ev, doc.events, per_event, counted)):
                _set_none(ev, "its figures restate a toll counted on another event of the report")
                continue
            r = combine(mine, text, prefer=headline)
            if split > 1 and r.best and not any(m.override for m in per_event.get(i, [])):
                _take_share(r, split)
            ev.fatalities, ev.fatalities_low, ev.fatalities_best = r.fatalities, r.low, r.best
            ev.fatalities_high = r.high
            ev.fatalities_civilians = r.civilians
            if r.spans:
                for a, b in r.spans:
                    ev.add_evidence(doc.evidence("fatalities", a, b))
            else:
                ev.inferred.setdefault("fatalities", "no death reported")
        return doc

    @staticmethod
    def _warn_unusable(doc: Document) -> None:
        """A death figure that cannot be a count ("1,000,000,000 killed") is reported, not coded."""
        for q in find_quantities(doc.readable):
            near = doc.clean[max(0, q.start - 40):q.start] + " " + doc.clean[q.end:q.end + 40]
            if q.flag and any(m.group("death") for m in CUE.finditer(near)):
                a, b = doc.to_original(q.start, q.end)
                doc.warn("fatalities-unusable", f"{q.text[:30]!r} is {q.flag} as a number of deaths; not coded", a, b)


def _set_none(ev, reason: str) -> None:
    """Code an event as carrying no deaths, saying why."""
    ev.fatalities = ev.fatalities_low = ev.fatalities_best = ev.fatalities_high = 0
    ev.inferred["fatalities"] = reason


def _take_share(r: FatalityReading, split: int) -> None:
    """The report says its toll is shared by `split` coded events: `r` becomes one event's share (at least 1 of a
    non-zero figure)."""
    def share(v):
        return None if v is None else max(1, round(v / split)) if v else 0
    r.fatalities, r.low, r.best, r.high = share(r.fatalities), share(r.low), share(r.best), share(r.high)
    r.civilians = share(r.civilians)
