"""The words that tell a death figure from other figures, as compiled patterns, plus small text helpers.

Nothing here decides anything: `death_figures` and `unnumbered_deaths` read figures with these patterns, and
`death_tolls` / `fatalities` combine and assign them.  All patterns work on `doc.clean` text. Month and weekday names, number words and
"numberish" words come from the word lists in `lang/en/` (months, month_abbreviations, weekdays, numberish,
number_words).
"""
from __future__ import annotations

import bisect
import re

from ..lang import alternation
from .numbers import number_words, words_to_int

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
# a cue word near a figure says what it counts: group "death" (people who died) or "other" (anything else)
CUE = re.compile(rf"\b(?:(?P<death>{DEATH})|(?P<other>{OTHER}))\b", re.IGNORECASE)

# regex alternations (wrap them in a group); the names are capitalised, so WEEKDAYS also works case-sensitively
MONTH_NAMES = alternation("months")
MONTHS = alternation("months", "month_abbreviations")
WEEKDAYS = alternation("weekdays")
# words that introduce a part of a figure already given: "killed 12, including 3 children"
PART_INTRO = "including|among them|among whom|of whom|of them"

# a transitive death cue that takes its figure after it: "killing 5", "killed at least 12", "toll rose to 70"
ACTIVE_BEFORE = re.compile(
    r"(?:kill(?:ed|s|ing|ings)?|execut(?:ed|ing|es)|massacr(?:ed|ing)|claim(?:ed|ing) the li(?:ves|fe) of|"
    r"(?:death )?toll(?: has| had)?(?: rose| rises| risen| climbed| climbs| reached| reaches| stands| stood| jumped|"
    r" increased| went up)?(?: to| at| of)?|(?:death )?toll (?:is|was)|"
    r"(?:bodies|corpses|remains) of|(?:the )?deaths? of|(?:the )?killings? of|lives of|"
    r"(?:shot|beat(?:en)?|stabbed|hacked|burn(?:ed|t)|stoned|tortured|clubbed|lynched) (?:to death|dead)|"
    r"lynched|beheaded|slaughtered)\s+(?:(?:a total of|the|an estimated|some|another|other)\s+)?$",
    re.IGNORECASE)
PART_BEFORE = re.compile(r"(?:including|includes|included|among them|among whom|of whom|of them|of which|"
                         r"among the dead(?: were)?|among those killed(?: were)?|the dead include[ds]?)\s*:?\s*$",
                         re.IGNORECASE)
# "killed and wounded": the figure mixes the dead with the injured
MIXED = re.compile(r"^\s*(?:and|or|&|/)\s*(?:injur|wound|hurt)|^\s+or\s+injur", re.IGNORECASE)
MIXED_BEFORE = re.compile(r"(?:injur(?:ed|ing)|wound(?:ed|ing)|hurt)\s+(?:and|or|&|/)\s*$", re.IGNORECASE)
# a toll of a war or a period, not of one event
CUMULATIVE = re.compile(
    r"\b(?:since|so far this|to date|in total|overall|total death toll|"
    r"the (?:civil )?war|the conflict|the uprising|the revolution|(?:civil|six|five|four|seven|eight)-?\s?year|"
    r"\w+[’']?s (?:civil )?war|(?:civil|brutal|bloody|long) (?:war|conflict)|war (?:has|have|had) (?:killed|claimed)|"
    r"(?:this|last|past) (?:year|month)|per (?:day|month|year)|a year|each year|every (?:day|month|year)|"
    r"in recent (?:months|years|weeks)|over the (?:past|last)|since then|(?:years?|months|decades?) ago|"
    rf"earlier this (?:year|month)|last (?:{MONTH_NAMES}))\b", re.IGNORECASE)
CIVILIAN = re.compile(r"\b(?:civilians?|children|child|kids?|women|woman|girls?|boys?|babies|baby|infants?|"
                      r"residents?|villagers?|worshippers|students|farmers|shepherds?|families|family|"
                      r"citizens?|pupils|teachers|doctors|nurses|patients|passengers|journalists?|"
                      r"refugees|displaced people|elderly|men and women|people)\b", re.IGNORECASE)
NOT_CIVILIAN = re.compile(r"\b(?:soldiers?|troops|fighters?|militants?|militiam[ae]n|rebels?|police(?:men)?|"
                          r"officers?|insurgents?|jihadists?|gunmen|members|personnel|combatants|terrorists)\b",
                          re.IGNORECASE)
# a death told of someone else's death: a relative clause, a protest or trial over it, a commemoration
BACKGROUND = re.compile(
    r"\b(?:who|whom|whose)\s+(?:\w+\s+){0,2}$|\bin which\s+(?:[\w'-]+\s+){0,6}$|"
    r"\b(?:over|against|after|following|investigat\w*|condemn\w*|protest\w*|denounc\w*|for) (?:the )?"
    r"(?:death|killing|murder|deaths|killings|assassination) of\b[^.;]{0,40}$|"
    r"\b(?:tribute|justice for|mourn\w*|funeral|commemorat\w*|anniversary|memory of|accused of|suspected of|"
    r"charged with|convicted of|sentenced for|responsible for|for the (?:killing|murder|death)|over the "
    r"(?:killing|murder|death))\b[^.;]{0,60}$",
    re.IGNORECASE)
# a toll that replaces an earlier one: "the toll rose to 82"
UPDATE = re.compile(rf"\b(?:{alternation('toll_update_words')})\b", re.IGNORECASE)
NUMBERISH = re.compile(rf"\d|\b(?:{alternation('numberish')})\b", re.IGNORECASE)
SMALL_NUMBER = "|".join(number_words(1, 10))       # a regex alternation: "one" .. "ten"


def words(s: str) -> list[str]:
    """The words of `s` (letters, digits, apostrophes and hyphens)."""
    return re.findall(r"[\w'-]+", s)


def count_word(s: str) -> int | None:
    """A count written in digits or as a number word ("6", "six")."""
    return int(s) if s.isdigit() else words_to_int(s)


def names_civilians(s: str) -> bool:
    """Whether words naming the dead (`s`) name civilians and not armed people."""
    return bool(CIVILIAN.search(s)) and not NOT_CIVILIAN.search(s)


def clause_bounds(text: str, pos: int, start: int, end: int) -> tuple[int, int]:
    """The clause around `pos` within text[start:end]: from after the last '.', ';' or newline before it to the
    next one after it (clean offsets). The marks' positions are found once per text (the last text asked about is
    kept), then each question is two bisections: no pass over a long clause-less text per figure."""
    marks = _clause_marks(text)
    i = bisect.bisect_left(marks, pos)             # marks[i - 1] < pos <= marks[i]
    a = marks[i - 1] + 1 if i > 0 and marks[i - 1] >= start else start
    b = marks[i] if i < len(marks) and marks[i] < end else end
    return a, b


_CLAUSE_MARK = re.compile(r"[.;\n]")
_MARKS: list = [None, []]    # [the text last asked about, the positions of its clause marks]


def _clause_marks(text: str) -> list[int]:
    if _MARKS[0] is not text:
        _MARKS[:] = [text, [m.start() for m in _CLAUSE_MARK.finditer(text)]]
    return _MARKS[1]
