"""Stage CountFatalities: how many people died in each event (ACLED `fatalities`, UCDP low/best/high, civilians).

The reading is done by plain functions over text, so they can be tested without a pipeline:

- `death_mentions(text, start, end)` finds every stated death figure in a span ("at least 5 soldiers were killed",
  "killing twenty-five", "a civilian was shot dead", "dozens dead"), each a `DeathMention` with its clean offsets,
  whether it is a *part* of a figure already given ("including 3 children") and whether it is a *cumulative*
  background toll ("the war has killed 400,000 since 2011"), which is never attributed to an event.
- `combine(mentions)` turns an event's mentions into one `FatalityReading` without double counting: parts are not
  added to their total, a toll repeated in a later sentence is taken once (max), and only figures introduced as
  additional ("another", "also") are added.
- `parse_fatalities(text, start, end)` = combine(death_mentions(...)).

Injured, wounded, missing, arrested and displaced people are never counted as dead; "killed and wounded" figures
(casualties that mix both) are counted only as a lower bound of 0 with the figure as the high estimate.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..model import Document
from ..pipeline import Stage
from .numbers import Quantity, conventions, find_quantities, words_to_int

DEATH = (r"kill(?:ed|s|ing)?|dead|died|dies|die|deaths?|fatalit(?:y|ies)|bodies|corpses|slain|"
         r"perish(?:ed|es)?|martyr(?:ed|s)?|executed|execute[sd]?|massacred|beheaded|lynched|"
         r"lost (?:their|his|her) li(?:ves|fe)|los(?:t|ing) (?:their|his|her) li(?:ves|fe)|lives|"
         r"claimed the li(?:ves|fe) of|death toll|toll")
OTHER = (r"injur(?:ed|ies|y|ing)|wound(?:ed|s|ing)?|hurt|missing|arrest(?:ed|s|ing)?|detain(?:ed|s|ing)?|"
         r"kidnap(?:ped|s|ping)?|abduct(?:ed|s|ing)?|displaced|rescued|evacuated|captured|hostages?|"
         r"sick|treated|hospitali[sz]ed|survived|fled|protest(?:ers|ed|ing)?|gathered|"
         r"participat(?:ed|ing)|took part|marched|demonstrat(?:ors|ed)|attended|"
         r"locations|vehicles|houses|homes|shells|rounds|rockets|missiles|mortars?|(?:air)?strikes|raids|"
         r"times|buildings|villages|towns|cases|km|kilomet(?:er|re)s|meters|metres|hours|days|weeks|months|years|minutes|seconds")
_CUE_RE = re.compile(rf"\b(?:(?P<death>{DEATH})|(?P<other>{OTHER}))\b", re.IGNORECASE)
# a transitive death cue that takes its figure after it: "killing 5", "killed at least 12", "toll rose to 70"
_ACTIVE_BEFORE = re.compile(
    r"(?:kill(?:ed|s|ing|ings)?|execut(?:ed|ing|es)|massacr(?:ed|ing)|claim(?:ed|ing) the li(?:ves|fe) of|"
    r"(?:death )?toll(?: has| had)?(?: rose| rises| risen| climbed| climbs| reached| reaches| stands| stood| jumped|"
    r" increased| went up)?(?: to| at| of)?|(?:death )?toll (?:is|was)|"
    r"(?:bodies|corpses|remains) of|(?:the )?deaths? of|(?:the )?killings? of|lives of|"
    r"(?:shot|beat(?:en)?|stabbed|hacked|burn(?:ed|t)|stoned|tortured|clubbed|lynched) (?:to death|dead)|"
    r"lynched|beheaded|slaughtered)\s+(?:(?:a total of|the|an estimated|some|another|other)\s+)?$",
    re.IGNORECASE)
_PART_BEFORE = re.compile(r"(?:including|includes|included|among them|among whom|of whom|of them|of which|"
                          r"among the dead(?: were)?|among those killed(?: were)?|the dead include[ds]?)\s*:?\s*$",
                          re.IGNORECASE)
_MIXED = re.compile(r"^\s*(?:and|or|&|/)\s*(?:injur|wound|hurt)|^\s+or\s+injur", re.IGNORECASE)
_MIXED_BEFORE = re.compile(r"(?:injur(?:ed|ing)|wound(?:ed|ing)|hurt)\s+(?:and|or|&|/)\s*$", re.IGNORECASE)
_CUMULATIVE = re.compile(
    r"\b(?:since|so far this|to date|in total|overall|total death toll|"
    r"the (?:civil )?war|the conflict|the uprising|the revolution|(?:civil|six|five|four|seven|eight)-?\s?year|"
    r"\w+[’']?s (?:civil )?war|(?:civil|brutal|bloody|long) (?:war|conflict)|war (?:has|have|had) (?:killed|claimed)|"
    r"(?:this|last|past) (?:year|month)|per (?:day|month|year)|a year|each year|every (?:day|month|year)|"
    r"in recent (?:months|years|weeks)|over the (?:past|last)|since then|(?:years?|months|decades?) ago|"
    r"earlier this (?:year|month)|last (?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december))\b", re.IGNORECASE)
_CIVILIAN = re.compile(r"\b(?:civilians?|children|child|kids?|women|woman|girls?|boys?|babies|baby|infants?|"
                       r"residents?|villagers?|worshippers|students|farmers|shepherds?|families|family|"
                       r"citizens?|pupils|teachers|doctors|nurses|patients|passengers|journalists?|"
                       r"refugees|displaced people|elderly|men and women|people)\b", re.IGNORECASE)
_NOT_CIVILIAN = re.compile(r"\b(?:soldiers?|troops|fighters?|militants?|militiam[ae]n|rebels?|police(?:men)?|"
                           r"officers?|insurgents?|jihadists?|gunmen|members|personnel|combatants|terrorists)\b",
                           re.IGNORECASE)
_SINGLE_BEFORE = re.compile(
    r"\b(?:an?|one)\s+(?:[\w'-]+\s+){0,3}$"
    r"|\b(?:an?|one|the|his|her|their)\s+(?:[\w'-]+\s+){0,5}?(?:was|has been|had been|is|got)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE)
# words after an active death verb that show it has no object of its own ("10 killed in ..."): anything else
# after "killed" is its object, and a figure before the verb is the killers ("150 troops killed two civilians")
_NO_OBJECT = {"in", "on", "at", "by", "and", "or", "when", "after", "during", "while", "near", "as", "following",
              "with", "over", "since", "last", "this", "yesterday", "today", "overnight", "early", "late", "earlier",
              "outright", "instantly", "immediately", "inside", "into", "across", "around", "along", "outside",
              "from", "before", "amid", "within", "between", "to", "so", "for", "because", "due", "were", "was",
              "are", "is", "have", "has", "had", "this", "later", "recently",
              "there", "here", "too", "also", "among", "including", "per", "under", "against", "until"}
_BACKGROUND = re.compile(
    r"\b(?:who|whom|whose)\s+(?:\w+\s+){0,2}$|\bin which\s+(?:[\w'-]+\s+){0,6}$|"
    r"\b(?:over|against|after|following|investigat\w*|condemn\w*|protest\w*|denounc\w*|for) (?:the )?"
    r"(?:death|killing|murder|deaths|killings|assassination) of\b[^.;]{0,40}$|"
    r"\b(?:tribute|justice for|mourn\w*|funeral|commemorat\w*|anniversary|memory of|accused of|suspected of|"
    r"charged with|convicted of|sentenced for|responsible for|for the (?:killing|murder|death)|over the "
    r"(?:killing|murder|death))\b[^.;]{0,60}$",
    re.IGNORECASE)
_UPDATE = re.compile(r"\b(?:rose|risen|rises|climbed|climbs|increased|jumped|mounted|reached|updated|now)\b",
                     re.IGNORECASE)
_PRONOUN_OBJ = re.compile(r"^\s+(?:him|her)\b", re.IGNORECASE)
_PRONOUN_SUBJ = re.compile(r"\b(?:he|she)\s+(?:was|had been|has been|is)\s+(?:\w+\s+){0,3}$|\b(?:he|she)\s+$",
                           re.IGNORECASE)
_PLURAL_PASSIVE = re.compile(r"\b(\w+s)\s+(?:\w+\s+)?(?:were|have been|had been|are)\s+(?:\w+\s+)?$", re.IGNORECASE)
_NONE = re.compile(r"\b(?:no one|nobody|no (?:one|people|persons?|lives|deaths?|fatalities|casualties|"
                   r"civilians?|soldiers?)|none)\b", re.IGNORECASE)
_CODED_AS = re.compile(r"\b(?:fatalit(?:y|ies)|deaths?|casualties)\b[^.;]{0,60}?\bcoded\s+as\s+(\d+)"
                       r"|\bcoded\s+(\d+)\s+fatalit",
                       re.IGNORECASE)
_YEARISH = re.compile(r"^(?:19|20)\d\d$")
_MONTHS = r"january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|" \
          r"jun|jul|aug|sep|sept|oct|nov|dec"
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s*$", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"^\s*(?:of\s+)?(?:{_MONTHS})\b", re.IGNORECASE)
_GAP_MAX_WORDS = 8     # words allowed between a figure and the verb it is the subject of
BIG_TOLL = 1000        # tolls from here up are the war's, not an event's, unless the clause names a day or an attack
ADD_WINDOW = 300       # characters after a counted figure within which more figures can add to it


@dataclass(frozen=True)
class DeathMention:
    """One stated death figure: the figure's span and the cue's span (clean offsets)."""
    start: int
    end: int
    low: int
    best: int
    high: int | None
    civilians: int | None = None
    part: bool = False          # a part of a figure given just before ("including 3 children")
    cumulative: bool = False    # a background toll, not this event's
    mixed: bool = False         # "killed and wounded": deaths are at most this figure
    additional: bool = False    # introduced as more deaths ("another 3", "also killed")
    vague: bool = False
    override: bool = False      # a coder's own statement ("fatalities coded as 3")


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


def _words(s: str) -> list[str]:
    return re.findall(r"[\w'-]+", s)


def _is_date_number(text: str, q: Quantity) -> bool:
    if _YEARISH.match(q.text.strip()):
        return True
    if q.best is not None and q.best <= 31 and q.qualifier in ("", "about"):
        if _MONTH_BEFORE.search(text[max(0, q.start - 12):q.start]) or _MONTH_AFTER.search(text[q.end:q.end + 14]):
            return True
    return False


def _clause_bounds(text: str, pos: int, start: int, end: int) -> tuple[int, int]:
    a = max(text.rfind(".", start, pos), text.rfind(";", start, pos), text.rfind("\n", start, pos))
    a = start if a < 0 else a + 1
    b_candidates = [i for i in (text.find(".", pos, end), text.find(";", pos, end), text.find("\n", pos, end))
                    if i >= 0]
    return a, (min(b_candidates) if b_candidates else end)


_NUMBERISH = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
                        r"forty|fifty|hundred|dozens?|scores|several)\b", re.IGNORECASE)


def _next_cue(text: str, pos: int, stop: int) -> re.Match | None:
    """The first cue after a figure, if only a few words (no clause break, no other figure) separate them."""
    m = _CUE_RE.search(text, pos, stop)
    if not m:
        return None
    between = text[pos:m.start()]
    gap = _GAP_MAX_WORDS + (6 if re.search(r",\s*including|\(", between) else 0)
    if len(_words(between)) > gap or re.search(r"[.;:!?\"“”]", between):
        return None
    if "including" not in between and "(" not in between:
        for n in _NUMBERISH.finditer(between):
            if not re.search(r"(?:\band|,)\s+$", between[:n.start()]):
                return None           # another figure with its own verb in between
    return m


def _prev_cue(text: str, pos: int, start: int) -> re.Match | None:
    """A transitive death cue right before a figure ("killing at least 5")."""
    return _ACTIVE_BEFORE.search(text, start, pos)


def _classify(text: str, q_start: int, q_end: int, start: int, end: int):
    """Which cue a figure belongs to: ('death'|'other'|None, cue_start, cue_end)."""
    cl_a, cl_b = _clause_bounds(text, q_start, start, end)
    prev = _prev_cue(text, q_start, max(cl_a, q_start - 70))
    soon = _CUE_RE.search(text, q_end, min(cl_b, q_end + 40))
    if soon and soon.group("other") and len(_words(text[q_end:soon.start()])) <= 2 \
            and not re.search(r"\band\b|,", text[q_end:soon.start()]):
        return "other", soon.start(), soon.end()      # "killed 58 others injured": 58 are injured
    if prev is not None and not re.search(r"\band\b", text[prev.start():q_start]):
        return "death", prev.start(), prev.end()
    rose = re.search(r"\b(?:rose|risen|rises|rise|climbed|climbs|reached|reaches|jumped|increased|stands|stood|hit)"
                     r"\s+(?:to|at)\s+$", text[max(cl_a, q_start - 30):q_start], re.IGNORECASE)
    if rose and re.search(r"\btoll\b|\bdead\b|\bdeaths\b|\bkilled\b", text[cl_a:q_start], re.IGNORECASE):
        a = max(cl_a, q_start - 30) + rose.start()
        return "death", a, a + len(rose.group(0).rstrip())
    nxt = _next_cue(text, q_end, cl_b)
    if nxt is None:
        return None, 0, 0
    return ("death" if nxt.group("death") else "other"), nxt.start(), nxt.end()


def death_mentions(text: str, start: int = 0, end: int | None = None) -> list[DeathMention]:
    """Every death figure stated in text[start:end] (clean offsets).  Never raises on odd input."""
    end = len(text) if end is None else end
    out: list[DeathMention] = []
    taken: list[tuple[int, int]] = []
    parts_pending: list[Quantity] = []
    for q in find_quantities(text, start, end):
        if q.best is None or _is_date_number(text, q):
            continue
        if re.search(r"\bno\s+$", text[max(start, q.start - 4):q.start], re.IGNORECASE):
            continue          # "no one was killed": handled as an explicit zero below
        if _in_name(text, q, start):
            continue          # a number inside a name: "Barrio 18", "Brigade 93", "Route 5"
        if re.search(r"\bby\s+$", text[max(start, q.start - 4):q.start], re.IGNORECASE):
            continue          # "dragged out by four armed individuals": the figure counts the perpetrators
        kind, c0, c1 = _classify(text, q.start, q.end, start, end)
        if kind is None and out and out[-1].start < q.start:
            prev = out[-1]
            between = text[prev.end:q.start]
            if (_CUE_RE.match(text, prev.start) and re.search(r"\band\s+(?:another\s+)?$", between)
                    and len(_words(between)) <= 10
                    and not re.search(r"[.;:]", between) and not _CUE_RE.search(between)):
                kind, c0, c1 = "death", prev.start, prev.end
        if kind != "death":
            parts_pending.append(q)
            continue
        if c0 >= q.end and _has_object(text, c0, c1):
            continue          # "150 troops killed two civilians": the figure counts the killers
        out.append(_mention(text, q.start, q.end, q.low if q.low is not None else q.best, q.best, q.high,
                            c0, c1, start, end, vague=q.vague))
        taken.append((q.start, q.end))
    out += _parts(text, out, parts_pending, start, end)
    out += _singular_mentions(text, start, end, taken)
    out += _coded_as(text, start, end)
    out.sort(key=lambda m: m.start)
    return out


_NAME_BEFORE = re.compile(r"(?<![.!?]\s)\b[A-Z][\w-]*\s+$")
_NOT_NAME_BEFORE = re.compile(r"\b(?:At|On|In|Some|About|Around|Over|Nearly|Almost|Up|Just|Monday|Tuesday|Wednesday|"
                              r"Thursday|Friday|Saturday|Sunday|Yesterday|Today)\s+$")


def _in_name(text: str, q: Quantity, start: int) -> bool:
    """Digits right after a capitalised word ("Barrio 18 shot...") name something, unless a death verb follows
    at once ("Idlib 13 Killed", a headline)."""
    before = text[max(start, q.start - 20):q.start]
    return bool(re.match(r"\d", q.text) and not _CUE_RE.match(text, q.end + 1) and _NAME_BEFORE.search(before)
                and not _NOT_NAME_BEFORE.search(before))


def _has_object(text: str, c0: int, c1: int) -> bool:
    """Whether an active death verb at text[c0:c1] takes an object ("killed two civilians")."""
    if not re.match(r"kill(?:ed|s|ing)?$|execut(?:ed|es|ing)$|massacr(?:ed|es|ing)$", text[c0:c1], re.IGNORECASE):
        return False
    nxt = re.match(r"\s+([\w'-]+)", text[c1:c1 + 30])
    if not nxt:
        return False
    if re.match(r"(?:were|was|are|is)\b", text[max(0, c0 - 12):c0].split()[-1] if text[max(0, c0 - 12):c0].split() else ""):
        return False
    return nxt.group(1).lower() not in _NO_OBJECT


def _mention(text, q0, q1, low, best, high, c0, c1, start, end, vague=False) -> DeathMention:
    a, b = min(q0, c0), max(q1, c1)
    cl_a, cl_b = _clause_bounds(text, q0, start, end)
    before = text[max(cl_a, q0 - 60):q0]
    part = bool(_PART_BEFORE.search(before)) or bool(re.search(r"\b(?:including|among them|of whom)\s+(?:\S+\s+){0,2}$",
                                                                before, re.IGNORECASE))
    if re.match(r"^\s*(?:[\w'-]+\s+){0,3}?(?:were|are|was)\s+(?:also\s+)?among\s+(?:the\s+)?(?:dead|killed|victims|fatalities)",
                text[q1:q1 + 60], re.IGNORECASE) or re.match(r"^\s*(?:others?\s+)?(?:of|among)\s+(?:the|those)\s+"
                                                              r"(?:dead|killed|victims|fatalities)", text[q1:q1 + 40], re.I):
        part = True
    inc = re.search(r"\b(?:including|among them|among whom|of whom|of them)\b", text[max(cl_a, q0 - 80):q0], re.I)
    if inc and _NUMBERISH.search(text[max(cl_a, q0 - 120):max(cl_a, q0 - 80) + inc.start()]):
        part = True
    cue_after = text[c1:c1 + 25]
    cue_before = text[max(cl_a, c0 - 25):c0]
    mixed = bool(_MIXED.search(cue_after)) or bool(_MIXED_BEFORE.search(cue_before))
    ctx = text[max(cl_a, a - 40):min(cl_b, b + 60)]
    cumulative = bool(_CUMULATIVE.search(ctx)) or bool(_BACKGROUND.search(text[cl_a:a]))
    if best >= BIG_TOLL and not re.search(r"\b(?:today|yesterday|overnight|on (?:monday|tuesday|wednesday|thursday|"
                                         r"friday|saturday|sunday)|attack|strike|blast|bombing|massacre)\b",
                                         text[cl_a:cl_b], re.IGNORECASE):
        cumulative = True      # tolls in the thousands without a day or an attack in the clause are the war's
    additional = bool(re.search(r"\b(?:another|additional|additionally|in addition|as well|further|also|"
                                r"more\b(?!\s+than)|others?\b(?!\s+(?:sources?|reports?|media)))\b",
                                text[max(cl_a, a - 30):min(cl_b, b + 15)], re.IGNORECASE))
    noun = " ".join(_words(text[q1:min(cl_b, q1 + 40)])[:3])     # the words naming who died
    civ = best if (_CIVILIAN.search(noun) and not _NOT_CIVILIAN.search(noun)
                   and not re.match(r"people\b", noun, re.IGNORECASE)) else None
    if mixed:
        low, best, high = 0, 0, max(high or best, best)
    return DeathMention(a, b, low, best, high, civ, part, cumulative, mixed, additional, vague)


def _parts(text: str, found: list[DeathMention], pending: list[Quantity], start: int, end: int):
    """Figures introduced as parts of a death figure just before them: 'killed 12, including 3 children'."""
    out = []
    for q in pending:
        before = text[max(start, q.start - 40):q.start]
        if not re.search(r"(?:including|among them|among whom|of whom|of them)\s+(?:\S+\s+){0,1}$", before, re.I):
            continue
        owner = [m for m in found if m.end <= q.start and not re.search(r"[.;\n]", text[m.end:q.start])]
        if not owner:
            continue
        noun = " ".join(_words(text[q.end:q.end + 30])[:2])
        civ = q.best if _CIVILIAN.search(noun) and not _NOT_CIVILIAN.search(noun) else None
        out.append(DeathMention(q.start, q.end, q.low or 0, q.best, q.high, civ, part=True))
    return out


def _singular_mentions(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> list[DeathMention]:
    """'a soldier was killed', 'killing a civilian', 'shot him dead', 'he died', 'civilians were killed'."""
    out = []
    for m in _CUE_RE.finditer(text, start, end):
        if not m.group("death") or any(a <= m.start() < b + 40 and a <= m.start() for a, b in taken
                                      if m.start() - b < 60 and m.start() >= a):
            continue
        cl_a, cl_b = _clause_bounds(text, m.start(), start, end)
        if any(cl_a <= a < cl_b for a, _ in taken):
            continue
        before, after = text[cl_a:m.start()], text[m.end():cl_b]
        word = m.group(0).lower()
        if word in ("toll", "death toll", "lives", "deaths", "death", "fatalities", "fatality", "bodies"):
            if word not in ("death", "fatality") and not re.match(r"^\s+of\s+(?:an?|one)\b", after, re.I):
                continue
        if _BACKGROUND.search(before):
            continue
        if _NONE.search(before[-40:]) or _NONE.search(after[:30]):
            out.append(DeathMention(m.start(), m.end(), 0, 0, 0))
            continue
        s = _SINGLE_BEFORE.search(before[-60:])
        transitive = word.startswith(("kill", "execut", "massacr", "behead", "lynch")) or (
            word in ("dead", "death") and re.search(r"\b(?:shot|stabbed|beat(?:en)?|hacked|burn(?:ed|t)|stoned|"
                                                    r"tortured|clubbed)\s+(?:to\s+)?$", before))
        obj = re.match(r"^\s+(?:an?|one)\s+(?:[\w'-]+\s+){0,2}?[\w'-]+", after) if transitive else None
        if obj is None and transitive:
            the = re.match(r"^\s+the\s+(?:[\w'-]+\s+){0,3}?([\w'-]+)(?=\s+(?:of|at|in|on|and|near|who|from|after|"
                           r"during|while|inside|outside)\b|\s*[,.;(]|\s*$)", after)
            if the and not re.search(r"(?:s|men|people|children|police|forces|troops|personnel)$", the.group(1), re.I):
                obj = the
        if (s and len(_words(before[-60:][s.start():])) <= 10 and not re.search(r",", before[-60:][s.start():])
                and not re.search(r"\band\b", re.sub(r"\b(?:shot|stabbed|beaten|tortured|attacked) and\b", "",
                                                      before[-60:][s.start():]))) \
                or obj or _PRONOUN_OBJ.match(after) or _PRONOUN_SUBJ.search(before[-30:]):
            if _MIXED.search(after[:25]):
                out.append(DeathMention(m.start(), m.end(), 0, 0, 1, mixed=True))
                continue
            zone = (after[:40] if obj else before[-40:])
            civ = 1 if _CIVILIAN.search(zone) and not _NOT_CIVILIAN.search(zone) else None
            n = 2 if re.search(r"\b(?:an?|one)\s+(?:[\w'-]+\s+){0,3}and\s+(?:an?|one)\s+(?:[\w'-]+\s+){0,3}"
                               r"(?:were|have been|had been)\s+(?:\w+\s+)?$", before[-80:], re.I) else 1
            out.append(DeathMention(m.start(), m.end(), n, n, n, civ, cumulative=bool(_CUMULATIVE.search(
                text[cl_a:cl_b])), additional=bool(re.search(r"\b(?:another|also)\b", text[cl_a:cl_b], re.I))))
            continue
        p = _PLURAL_PASSIVE.search(before[-50:])
        if p and word.startswith(("kill", "execut", "massacr", "slain")) and not _MIXED.search(after[:25]) \
                and p.group(1).lower() not in ("this", "was", "has", "is", "its", "his", "as", "us"):
            conv = conventions()["unquantified_plural"]
            civ = conv["best"] if _CIVILIAN.search(p.group(1)) and not _NOT_CIVILIAN.search(p.group(1)) else None
            out.append(DeathMention(m.start(), m.end(), conv["low"], conv["best"], conv["high"], civ, vague=True,
                                    cumulative=bool(_CUMULATIVE.search(text[cl_a:cl_b]))))
    return out


_EXPLICIT_ZERO = re.compile(r"\b(?:there (?:were|was) no|no (?:reported|known)?\s*)(?:fatalities|casualties|deaths|"
                            r"one (?:was |were )?killed|injuries or deaths)\b|\bno(?: one|body) (?:was |were )?"
                            r"(?:killed|hurt|died)\b|\bwithout (?:any )?(?:casualties|fatalities)\b", re.IGNORECASE)


_STANDALONE = re.compile(r"(?:^|(?<=[.)\]])\s+|\()(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                         r"(?:total\s+)?fatalit(?:y|ies)\s*(?:\.|\)|$)", re.IGNORECASE)
_CODED_TO = re.compile(r"\bfatalities (?:are |were |is )?coded to (?:the )?([^()]+?) event", re.IGNORECASE)


def _coded_as(text: str, start: int, end: int) -> list[DeathMention]:
    """A coder's own statement in a note: 'Unknown fatalities coded as 3', 'There were no fatalities' (overrides);
    'fatalities coded to X event' where X is not this note's place means none are coded here."""
    out = []
    for m in _CODED_TO.finditer(text, start, end):
        name = m.group(1).strip()
        if text.count(name) <= 1:
            out.append(DeathMention(m.start(), m.end(), 0, 0, 0, override=True))
    for m in _STANDALONE.finditer(text, start, end):
        v = int(m.group(1)) if m.group(1).isdigit() else words_to_int(m.group(1))
        out.append(DeathMention(m.start(1), m.end(), v, v, v, override=True))
    out += [DeathMention(m.start(), m.end(), 0, 0, 0, override=True) for m in _EXPLICIT_ZERO.finditer(text, start, end)]
    for m in _CODED_AS.finditer(text, start, end):
        v = int(m.group(1) or m.group(2))
        out.append(DeathMention(m.start(), m.end(), v, v, v, override=True))
    return out


def combine(mentions: list[DeathMention], text: str = "", prefer: int | None = None) -> FatalityReading:
    """One reading from an event's mentions: parts not added, repeats taken once, additions summed.

    The first-stated figure is the base that later ones restate, update or add to; `prefer` (a toll stated in
    the title) makes the first figure equal to it the base instead."""
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
    groups: list[list[DeathMention]] = []   # a group = one sentence-like run of coordinated figures
    for m in usable:
        if m.part:
            if groups:
                groups[-1].append(m)
                continue
            m = replace(m, part=False)
        gap = text[groups[-1][-1].end:m.start] if groups and text else ""
        if groups and m.start < groups[-1][-1].end:
            groups[-1].append(m)          # two figures sharing one cue: "Three soldiers and fourteen civilians were killed"
        elif (groups and text and not re.search(r"[.;\n]", gap) and len(_words(gap)) <= 10
                and re.search(r"\band\b|,|\bwhile\b|\bas well as\b|\bplus\b|\bwhereas\b|\bbesides\b", gap)):
            groups[-1].append(m)
        else:
            groups.append([m])
    totals = []
    for g in groups:
        whole = [m for m in g if not m.part]
        low = sum(m.low for m in whole)
        best = sum(m.best for m in whole)
        high = None if any(m.high is None for m in whole) else sum(m.high for m in whole)
        civ_whole = [m.civilians for m in whole if m.civilians is not None]
        civ_part = [m.civilians for m in g if m.part and m.civilians is not None]
        civ = sum(civ_whole) if civ_whole else (sum(civ_part) if civ_part else None)
        if civ is not None:
            civ = min(civ, best) if best else civ
        totals.append((low, best, high, civ, g))
    if prefer:
        first = next((k for k, t in enumerate(totals) if t[1] == prefer), 0)
        totals.insert(0, totals.pop(first))
    # later groups: added when introduced as additional, replacing when an update, otherwise a restatement
    low, best, high, civ, g0 = totals[0]
    spans = [(m.start, m.end) for m in g0]
    # later figures that together stay within the first total are its breakdown ("16 killed ... 10 in X ...
    # six others in Y"), not more deaths
    later = [t for t in totals[1:] if t[1] < best or any(m.additional for m in t[4] if not m.part)]
    if len(later) >= 2 and sum(t[1] for t in later) <= best and not any(
            text and _UPDATE.search(text[max(0, min(m.start for m in t[4]) - 40):max(m.end for m in t[4]) + 10])
            for t in later):
        totals = [totals[0]] + [t for t in totals[1:] if t not in later]
    last_end = max(m.end for m in g0)
    for lw, bs, hi, cv, g in totals[1:]:
        if text and min(m.start for m in g) - last_end > ADD_WINDOW:
            continue           # far down the report: another incident, not more (or updated) deaths in this one
        if any(m.additional for m in g if not m.part):
            last_end = max(last_end, max(m.end for m in g))
            low, best = low + lw, best + bs
            high = None if high is None or hi is None else high + hi
            civ = (civ or 0) + cv if cv is not None else civ
            spans += [(m.start, m.end) for m in g]
        elif text and _UPDATE.search(text[min(m.start for m in g) - 40:max(m.end for m in g) + 10]):
            low, best, high, civ = lw, bs, hi, cv if cv is not None else civ      # an updated toll replaces
            spans = [(m.start, m.end) for m in g]
        else:      # a restatement: ACLED keeps the lowest credible figure, the best estimate the highest
            low = min(low, lw) if lw else low     # (the best estimate stays the first-stated figure)
    r.low, r.best, r.high, r.civilians, r.spans = low, best, high, civ, spans
    r.fatalities = low
    return r


def parse_fatalities(text: str, start: int = 0, end: int | None = None) -> FatalityReading:
    """The deaths stated in text[start:end] as one reading (see `combine`)."""
    return combine(death_mentions(text, start, end), text)


# event kinds in which people can die; a death figure goes to one of these when the report has one
_LETHAL_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
_LETHAL_SUBTYPES = {"Excessive force against protesters", "Protest with intervention", "Mob violence",
                    "Violent demonstration"}


def _can_kill(ev) -> bool:
    return ev.event_type in _LETHAL_TYPES or ev.sub_event_type in _LETHAL_SUBTYPES


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
    held: list[tuple[DeathMention, int]] = []
    for m in mentions:
        i = _owner(doc, m.start)
        if i is None:
            continue
        i = _cause_of(doc, i, m, mentions)
        if not (m.part or m.additional or m.cumulative or m.override) and held:
            same = [j for prev, j in held if prev.best == m.best and m.best > 0 and not prev.part]
            if same:
                i = same[0]
            elif _UPDATE.search(doc.clean[max(0, m.start - 40):m.end + 10]):
                i = held[-1][1]
        per_event.setdefault(i, []).append(m)
        if not m.cumulative and not m.part:
            held.append((m, i))
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


CAUSE_WINDOW = 300    # characters before a death clause in which its cause is looked for


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
                    r"(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(?:separate\s+)?(?:events|locations)",
                    re.IGNORECASE)


def _split_count(text: str) -> int:
    """'20 fatalities split across 6 events' (an ACLED note's own words): the number of events sharing a toll."""
    m = _SPLIT.search(text)
    if not m:
        return 1
    n = int(m.group("n")) if m.group("n").isdigit() else words_to_int(m.group("n"))
    return n if n and n > 1 else 1


class CountFatalities(Stage):
    """Fill fatalities, fatalities_low/best/high and fatalities_civilians on every event.

    Each death figure in the document is given to exactly one event (see `_owner`), so a toll is never counted
    on two events; an event with no figure gets 0 (ACLED: no reported deaths)."""
    name = "fatalities"
    requires = ("events",)
    assigns = ("events.fatalities",)

    def __init__(self, separate_places: bool = False):
        # False: a report carries one toll; figures that restate, break down or lie far from it are not counted
        # again on other events.  True: an event at another place keeps its own figures even then.
        self.separate_places = separate_places

    def __call__(self, doc: Document) -> Document:
        if not doc.events:
            return doc
        text = doc.clean
        mentions = death_mentions(text)
        self._warn_unusable(doc)
        per_event = assign_mentions(doc, mentions)
        split = _split_count(text)
        # the report as a whole: which figures add up to its toll; an event holding only figures that restate
        # or break down a toll counted on another event carries none of it
        headline = title_toll(doc.title)
        counted = set(combine(mentions, text, prefer=headline).spans) if len(doc.events) > 1 else None
        for i, ev in enumerate(doc.events):
            if ev.sub_event_type == "Peaceful protest":
                # by definition no one died in a peaceful protest: deaths in its report are its background
                ev.fatalities = ev.fatalities_low = ev.fatalities_best = ev.fatalities_high = 0
                ev.inferred["fatalities"] = "peaceful protest"
                continue
            mine = per_event.get(i, [])
            if counted is not None and mine and not any((m.start, m.end) in counted for m in mine) \
                    and not (self.separate_places and _elsewhere(ev, doc.events, per_event, counted)):
                ev.fatalities = ev.fatalities_low = ev.fatalities_best = ev.fatalities_high = 0
                ev.inferred["fatalities"] = "its figures restate a toll counted on another event of the report"
                continue
            r = combine(mine, text, prefer=headline)
            if split > 1 and r.best and not any(m.override for m in per_event.get(i, [])):
                # the report says the toll is shared by several coded events: this one carries its share
                share = lambda v: None if v is None else max(1, round(v / split)) if v else 0
                r.fatalities, r.low, r.best, r.high = share(r.fatalities), share(r.low), share(r.best), share(r.high)
                r.civilians = share(r.civilians)
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
        for q in find_quantities(doc.clean):
            near = doc.clean[max(0, q.start - 40):q.start] + " " + doc.clean[q.end:q.end + 40]
            if q.flag and any(m.group("death") for m in _CUE_RE.finditer(near)):
                a, b = doc.to_original(q.start, q.end)
                doc.warn("fatalities-unusable", f"{q.text[:30]!r} is {q.flag} as a number of deaths; not coded", a, b)
