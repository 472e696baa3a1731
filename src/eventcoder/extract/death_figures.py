"""Reading death figures from text: which number counts the dead, whose deaths, how sure, and civilians.

`death_mentions(text, start, end)` finds every stated death figure in a span ("at least 5 soldiers were killed",
"killing twenty-five", "a civilian was shot dead", "dozens dead"), each a `DeathMention` with its clean offsets,
whether it is a *part* of a figure already given ("including 3 children"), a *cumulative* background toll ("the
war has killed 400,000 since 2011", never attributed to an event), *mixed* ("killed and wounded": at most this many
dead), *additional* ("another 3") or a coder's *override* ("fatalities coded as 3").

A number is a death figure when a death cue claims it (`_classify`): a transitive cue right before it ("killed
12", "the toll rose to 70") or a cue a few words after it ("12 soldiers were killed").  Injured, wounded,
missing, arrested and displaced people, dates, numbers inside names ("Brigade 93") and counts of killers ("150
troops killed two civilians") are not death figures.
"""
from __future__ import annotations

import re

from .death_lexicon import (ACTIVE_BEFORE, BACKGROUND, CUE, CUMULATIVE, MIXED, MIXED_BEFORE, MONTHS, NUMBERISH,
                            PART_BEFORE, PART_INTRO, WEEKDAYS, clause_bounds, names_civilians, words)
from .death_mention import DeathMention
from .numbers import Quantity, find_quantities
from .unnumbered_deaths import coder_statements, singular_mentions

_YEARISH = re.compile(r"^(?:19|20)\d\d$")
_MONTH_BEFORE = re.compile(rf"\b(?:{MONTHS})\.?\s*$", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"^\s*(?:of\s+)?(?:{MONTHS})\b", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"(?<![.!?]\s)\b[A-Z][\w-]*\s+$")
_NOT_NAME_BEFORE = re.compile(rf"\b(?:At|On|In|Some|About|Around|Over|Nearly|Almost|Up|Just|{WEEKDAYS}|"
                              r"Yesterday|Today)\s+$")
# words after an active death verb that show it has no object of its own ("10 killed in ..."): anything else
# after "killed" is its object, and a figure before the verb is the killers ("150 troops killed two civilians")
_NO_OBJECT = {"in", "on", "at", "by", "and", "or", "when", "after", "during", "while", "near", "as", "following",
              "with", "over", "since", "last", "this", "yesterday", "today", "overnight", "early", "late", "earlier",
              "outright", "instantly", "immediately", "inside", "into", "across", "around", "along", "outside",
              "from", "before", "amid", "within", "between", "to", "so", "for", "because", "due", "were", "was",
              "are", "is", "have", "has", "had", "this", "later", "recently",
              "there", "here", "too", "also", "among", "including", "per", "under", "against", "until"}
_ROSE_TO = re.compile(r"\b(?:rose|risen|rises|rise|climbed|climbs|reached|reaches|jumped|increased|stands|stood|hit)"
                      r"\s+(?:to|at)\s+$", re.IGNORECASE)
_EVENT_DAY = re.compile(rf"\b(?:today|yesterday|overnight|on (?:{WEEKDAYS})|attack|strike|blast|bombing|massacre)\b",
                        re.IGNORECASE)
_ADDITIONAL = re.compile(r"\b(?:another|additional|additionally|in addition|as well|further|also|"
                         r"more\b(?!\s+than)|others?\b(?!\s+(?:sources?|reports?|media)))\b", re.IGNORECASE)
_GAP_MAX_WORDS = 8     # words allowed between a figure and the verb it is the subject of
BIG_TOLL = 1000        # tolls from here up are the war's, not an event's, unless the clause names a day or an attack


def death_mentions(text: str, start: int = 0, end: int | None = None) -> list[DeathMention]:
    """Every death figure stated in text[start:end] (clean offsets), sorted by start.  Never raises on odd input."""
    end = len(text) if end is None else end
    out, taken, parts_pending = _numbered_mentions(text, start, end)
    out += _parts(text, out, parts_pending, start, end)
    out += singular_mentions(text, start, end, taken)
    out += coder_statements(text, start, end)
    out.sort(key=lambda m: m.start)
    return out


def _numbered_mentions(text: str, start: int, end: int):
    """The figures a death cue claims, the spans of those figures, and the numbers no death cue claimed (which
    may still be parts of a figure: "12 killed, including 3 children")."""
    out: list[DeathMention] = []
    taken: list[tuple[int, int]] = []
    parts_pending: list[Quantity] = []
    for q in find_quantities(text, start, end):
        if q.best is None or _is_date_number(text, q):
            continue
        if re.search(r"\bno\s+$", text[max(start, q.start - 4):q.start], re.IGNORECASE):
            continue          # "no one was killed": handled as an explicit zero
        if _in_name(text, q, start):
            continue          # a number inside a name: "Barrio 18", "Brigade 93", "Route 5"
        if re.search(r"\bby\s+$", text[max(start, q.start - 4):q.start], re.IGNORECASE):
            continue          # "dragged out by four armed individuals": the figure counts the perpetrators
        kind, c0, c1 = _classify(text, q.start, q.end, start, end)
        if kind is None and out and out[-1].start < q.start:
            prev = out[-1]
            between = text[prev.end:q.start]
            if (CUE.match(text, prev.start) and re.search(r"\band\s+(?:another\s+)?$", between)
                    and len(words(between)) <= 10
                    and not re.search(r"[.;:]", between) and not CUE.search(between)):
                kind, c0, c1 = "death", prev.start, prev.end     # "killing 5 soldiers and 3 civilians"
        if kind != "death":
            parts_pending.append(q)
            continue
        if c0 >= q.end and _has_object(text, c0, c1):
            continue          # "150 troops killed two civilians": the figure counts the killers
        out.append(_mention(text, q.start, q.end, q.low if q.low is not None else q.best, q.best, q.high,
                            c0, c1, start, end, vague=q.vague))
        taken.append((q.start, q.end))
    return out, taken, parts_pending


def _is_date_number(text: str, q: Quantity) -> bool:
    """Whether a number is a year or a day of a month ("2011", "March 3", "3 of March")."""
    if _YEARISH.match(q.text.strip()):
        return True
    if q.best is not None and q.best <= 31 and q.qualifier in ("", "about"):
        if _MONTH_BEFORE.search(text[max(0, q.start - 12):q.start]) or _MONTH_AFTER.search(text[q.end:q.end + 14]):
            return True
    return False


def _in_name(text: str, q: Quantity, start: int) -> bool:
    """Digits right after a capitalised word ("Barrio 18 shot...") name something, unless a death verb follows
    at once ("Idlib 13 Killed", a headline)."""
    before = text[max(start, q.start - 20):q.start]
    return bool(re.match(r"\d", q.text) and not CUE.match(text, q.end + 1) and _NAME_BEFORE.search(before)
                and not _NOT_NAME_BEFORE.search(before))


def _next_cue(text: str, pos: int, stop: int) -> re.Match | None:
    """The first cue after a figure, if only a few words (no clause break, no other figure) separate them."""
    m = CUE.search(text, pos, stop)
    if not m:
        return None
    between = text[pos:m.start()]
    gap = _GAP_MAX_WORDS + (6 if re.search(r",\s*including|\(", between) else 0)
    if len(words(between)) > gap or re.search(r"[.;:!?\"“”]", between):
        return None
    if "including" not in between and "(" not in between:
        for n in NUMBERISH.finditer(between):
            if not re.search(r"(?:\band|,)\s+$", between[:n.start()]):
                return None           # another figure with its own verb in between
    return m


def _classify(text: str, q_start: int, q_end: int, start: int, end: int):
    """Which cue a figure belongs to: ('death'|'other'|None, cue_start, cue_end)."""
    cl_a, cl_b = clause_bounds(text, q_start, start, end)
    prev = ACTIVE_BEFORE.search(text, max(cl_a, q_start - 70), q_start)     # "killing at least 5"
    soon = CUE.search(text, q_end, min(cl_b, q_end + 40))
    if soon and soon.group("other") and len(words(text[q_end:soon.start()])) <= 2 \
            and not re.search(r"\band\b|,", text[q_end:soon.start()]):
        return "other", soon.start(), soon.end()      # "killed 58 others injured": 58 are injured
    if prev is not None and not re.search(r"\band\b", text[prev.start():q_start]):
        return "death", prev.start(), prev.end()
    rose = _ROSE_TO.search(text[max(cl_a, q_start - 30):q_start])
    if rose and re.search(r"\btoll\b|\bdead\b|\bdeaths\b|\bkilled\b", text[cl_a:q_start], re.IGNORECASE):
        a = max(cl_a, q_start - 30) + rose.start()
        return "death", a, a + len(rose.group(0).rstrip())
    nxt = _next_cue(text, q_end, cl_b)
    if nxt is None:
        return None, 0, 0
    return ("death" if nxt.group("death") else "other"), nxt.start(), nxt.end()


def _has_object(text: str, c0: int, c1: int) -> bool:
    """Whether an active death verb at text[c0:c1] takes an object ("killed two civilians")."""
    if not re.match(r"kill(?:ed|s|ing)?$|execut(?:ed|es|ing)$|massacr(?:ed|es|ing)$", text[c0:c1], re.IGNORECASE):
        return False
    nxt = re.match(r"\s+([\w'-]+)", text[c1:c1 + 30])
    if not nxt:
        return False
    before = text[max(0, c0 - 12):c0].split()
    if re.match(r"(?:were|was|are|is)\b", before[-1] if before else ""):
        return False
    return nxt.group(1).lower() not in _NO_OBJECT


def _is_part(text: str, q0: int, q1: int, cl_a: int) -> bool:
    """Whether the figure at text[q0:q1] is introduced as a part of one given before it ("including 3 children",
    "3 children were among the dead")."""
    before = text[max(cl_a, q0 - 60):q0]
    if PART_BEFORE.search(before) or re.search(r"\b(?:including|among them|of whom)\s+(?:\S+\s+){0,2}$",
                                               before, re.IGNORECASE):
        return True
    if re.match(r"^\s*(?:[\w'-]+\s+){0,3}?(?:were|are|was)\s+(?:also\s+)?among\s+(?:the\s+)?(?:dead|killed|victims|fatalities)",
                text[q1:q1 + 60], re.IGNORECASE) or re.match(r"^\s*(?:others?\s+)?(?:of|among)\s+(?:the|those)\s+"
                                                              r"(?:dead|killed|victims|fatalities)", text[q1:q1 + 40], re.I):
        return True
    inc = re.search(rf"\b(?:{PART_INTRO})\b", text[max(cl_a, q0 - 80):q0], re.I)
    return bool(inc and NUMBERISH.search(text[max(cl_a, q0 - 120):max(cl_a, q0 - 80) + inc.start()]))


def _mention(text, q0, q1, low, best, high, c0, c1, start, end, vague=False) -> DeathMention:
    """The mention of the figure text[q0:q1] claimed by the death cue text[c0:c1], with its flags."""
    a, b = min(q0, c0), max(q1, c1)
    cl_a, cl_b = clause_bounds(text, q0, start, end)
    part = _is_part(text, q0, q1, cl_a)
    mixed = bool(MIXED.search(text[c1:c1 + 25])) or bool(MIXED_BEFORE.search(text[max(cl_a, c0 - 25):c0]))
    ctx = text[max(cl_a, a - 40):min(cl_b, b + 60)]
    cumulative = bool(CUMULATIVE.search(ctx)) or bool(BACKGROUND.search(text[cl_a:a]))
    if best >= BIG_TOLL and not _EVENT_DAY.search(text[cl_a:cl_b]):
        cumulative = True      # tolls in the thousands without a day or an attack in the clause are the war's
    additional = bool(_ADDITIONAL.search(text[max(cl_a, a - 30):min(cl_b, b + 15)]))
    noun = " ".join(words(text[q1:min(cl_b, q1 + 40)])[:3])     # the words naming who died
    civ = best if names_civilians(noun) and not re.match(r"people\b", noun, re.IGNORECASE) else None
    if mixed:
        low, best, high = 0, 0, max(high or best, best)
    return DeathMention(a, b, low, best, high, civ, part, cumulative, mixed, additional, vague)


def _parts(text: str, found: list[DeathMention], pending: list[Quantity], start: int, end: int):
    """Figures introduced as parts of a death figure just before them: 'killed 12, including 3 children'."""
    out = []
    for q in pending:
        before = text[max(start, q.start - 40):q.start]
        if not re.search(rf"(?:{PART_INTRO})\s+(?:\S+\s+){{0,1}}$", before, re.I):
            continue
        owner = [m for m in found if m.end <= q.start and not re.search(r"[.;\n]", text[m.end:q.start])]
        if not owner:
            continue
        noun = " ".join(words(text[q.end:q.end + 30])[:2])
        civ = q.best if names_civilians(noun) else None
        out.append(DeathMention(q.start, q.end, q.low or 0, q.best, q.high, civ, part=True))
    return out
