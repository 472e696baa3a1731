"""From an event's death mentions to one toll, without double counting (`combine`).

- a coder's override ("fatalities coded as 3") wins outright;
- figures coordinated in one sentence are summed ("Three soldiers and fourteen civilians were killed");
- parts are not added to their total ("12 killed, including 3 children": 12, of whom 3 civilians);
- the first-stated figure is the base; a later figure is added only when introduced as additional ("another 3",
  "also"), replaces the base when it is an update ("the toll rose to 70") or an exact figure for a vague base
  ("dozens killed" ... "73 killed"), and is otherwise a restatement, which only lowers ACLED's conservative figure;
- later figures that together stay within the base are its breakdown, not more deaths;
- figures more than `ADD_WINDOW` characters after the counted ones belong to another incident.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .death_figures import death_mentions
from .death_lexicon import UPDATE, words
from .death_mention import DeathMention

ADD_WINDOW = 300       # characters after a counted figure within which more figures can add to it
_COORDINATION = re.compile(r"\band\b|,|\bwhile\b|\bas well as\b|\bplus\b|\bwhereas\b|\bbesides\b")


@dataclass
class FatalityReading:
    """The deaths an event carries. `fatalities` is ACLED's conservative figure; low/best/high are UCDP's."""
    fatalities: int = 0
    low: int = 0
    best: int = 0
    high: int | None = 0
    civilians: int | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    stated: bool = False        # a figure (or an explicit "no one") was found


@dataclass
class _Total:
    """The summed figures of one group of mentions."""
    low: int
    best: int
    high: int | None
    civilians: int | None
    mentions: list[DeathMention]

    @property
    def start(self) -> int:
        return min(m.start for m in self.mentions)

    @property
    def end(self) -> int:
        return max(m.end for m in self.mentions)

    @property
    def additional(self) -> bool:
        return any(m.additional for m in self.mentions if not m.part)


def parse_fatalities(text: str, start: int = 0, end: int | None = None) -> FatalityReading:
    """The deaths stated in text[start:end] as one reading (see `combine`)."""
    return combine(death_mentions(text, start, end), text)


def combine(mentions: list[DeathMention], text: str = "", prefer: int | None = None) -> FatalityReading:
    """One reading from an event's mentions: parts not added, repeats taken once, additions summed.

    The first-stated figure is the base that later ones restate, update or add to; `prefer` (a toll stated in
    the title) makes the first figure equal to it the base instead.  Without `text`, mentions are not grouped by
    sentence and nothing counts as an update or as too far away."""
    r = FatalityReading()
    usable = [m for m in mentions if not m.cumulative]
    if not usable:
        return r
    r.stated = True
    overrides = [m for m in usable if m.override]
    if overrides:
        m = overrides[-1]
        r.fatalities = r.low = r.best = m.best
        r.high = m.high
        r.spans.append((m.start, m.end))
        return r
    totals = [_total(g) for g in _sentence_groups(usable, text)]
    if prefer:
        first = next((k for k, t in enumerate(totals) if t.best == prefer), 0)
        totals.insert(0, totals.pop(first))
    base = totals[0]
    low, best, high, civ = base.low, base.best, base.high, base.civilians
    spans = [(m.start, m.end) for m in base.mentions]
    totals = [base] + _without_breakdown(totals[1:], best, text)
    last_end = base.end
    for t in totals[1:]:
        if text and t.start - last_end > ADD_WINDOW:
            continue           # far down the report: another incident, not more (or updated) deaths in this one
        if t.additional:
            last_end = max(last_end, t.end)
            low, best = low + t.low, best + t.best
            high = None if high is None or t.high is None else high + t.high
            civ = (civ or 0) + t.civilians if t.civilians is not None else civ
            spans += [(m.start, m.end) for m in t.mentions]
        elif text and (UPDATE.search(text[max(0, t.start - 40):t.end + 10]) or _made_exact(base, t, best)):
            low, best, high = t.low, t.best, t.high          # an updated toll replaces
            civ = t.civilians if t.civilians is not None else civ
            spans = [(m.start, m.end) for m in t.mentions]
        else:      # a restatement: ACLED keeps the lowest credible figure, the best estimate the highest
            low = min(low, t.low) if t.low else low     # (the best estimate stays the first-stated figure)
    r.low, r.best, r.high, r.civilians, r.spans = low, best, high, civ, spans
    r.fatalities = low
    return r


def _made_exact(base: _Total, t: _Total, best: int) -> bool:
    """Does a later exact figure say what a vague one meant ("Dozens were killed ... at least 73 civilians were
    killed"): the base is vague only and the later figure, exact, is not below it?"""
    return (all(m.vague for m in base.mentions) and not any(m.vague for m in t.mentions)
            and t.best >= best and not t.additional)


def _sentence_groups(usable: list[DeathMention], text: str) -> list[list[DeathMention]]:
    """Mentions grouped into sentence-like runs of coordinated figures; a part joins the group before it."""
    groups: list[list[DeathMention]] = []
    for m in usable:
        if m.part:
            if groups:
                groups[-1].append(m)
                continue
            m = replace(m, part=False)
        gap = text[groups[-1][-1].end:m.start] if groups and text else ""
        if groups and m.start < groups[-1][-1].end:
            groups[-1].append(m)          # two figures sharing one cue: "Three soldiers and fourteen civilians were killed"
        elif (groups and text and not re.search(r"[.;\n]", gap) and len(words(gap)) <= 10
                and _COORDINATION.search(gap)):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _total(g: list[DeathMention]) -> _Total:
    """A group's figures summed, parts left out; civilians from the whole figures, else from the parts, at most
    the total."""
    whole = [m for m in g if not m.part]
    best = sum(m.best for m in whole)
    high = None if any(m.high is None for m in whole) else sum(m.high for m in whole)
    civ_whole = [m.civilians for m in whole if m.civilians is not None]
    civ_part = [m.civilians for m in g if m.part and m.civilians is not None]
    civ = sum(civ_whole) if civ_whole else (sum(civ_part) if civ_part else None)
    if civ is not None:
        civ = min(civ, best) if best else civ
    return _Total(sum(m.low for m in whole), best, high, civ, g)


def _without_breakdown(later: list[_Total], best: int, text: str) -> list[_Total]:
    """Later totals minus those that, together, break down the base total ("16 killed ... 10 in X ... six others
    in Y"): two or more smaller (or additional) figures summing to at most the base, none of them an update."""
    smaller = [t for t in later if t.best < best or t.additional]
    if len(smaller) >= 2 and sum(t.best for t in smaller) <= best and not any(
            text and UPDATE.search(text[max(0, t.start - 40):t.end + 10]) for t in smaller):
        return [t for t in later if t not in smaller]
    return later
