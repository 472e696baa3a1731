"""Deaths stated without a figure, and a coder's own statements of the toll.

- `singular_mentions`: "a soldier was killed", "killing a civilian", "shot him dead", "he died" (one death),
  "civilians were killed" (an unquantified plural, counted by `numbers.conventions()`), "no one was killed" (0).
- `coder_statements`: an ACLED note's own words, which override every other figure: "fatalities coded as 3",
  "3 fatalities.", "There were no fatalities", "fatalities coded to the X event" (none coded here).
"""
from __future__ import annotations

import bisect
import itertools
import re

from .death_lexicon import (BACKGROUND, CUE, CUMULATIVE, MIXED, SMALL_NUMBER, clause_bounds, count_word,
                            names_civilians, words)
from .death_mention import DeathMention
from .numbers import conventions

_SINGLE_BEFORE = re.compile(
    r"\b(?:an?|one)\s+(?:[\w'-]+\s+){0,3}$"
    r"|\b(?:an?|one|the|his|her|their)\s+(?:[\w'-]+\s+){0,5}?(?:was|has been|had been|is|got)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE)
_PRONOUN_OBJ = re.compile(r"^\s+(?:him|her)\b", re.IGNORECASE)
_PRONOUN_SUBJ = re.compile(r"\b(?:he|she)\s+(?:was|had been|has been|is)\s+(?:\w+\s+){0,3}$|\b(?:he|she)\s+$",
                           re.IGNORECASE)
_PLURAL_PASSIVE = re.compile(r"\b(\w+s)\s+(?:\w+\s+)?(?:were|have been|had been|are)\s+(?:\w+\s+)?$", re.IGNORECASE)
_NONE = re.compile(r"\b(?:no one|nobody|no (?:one|people|persons?|lives|deaths?|fatalities|casualties|"
                   r"civilians?|soldiers?)|none)\b", re.IGNORECASE)
# cue words that name a toll rather than a death: counted alone only as "the death of a ..."
_TOLL_WORDS = ("toll", "death toll", "lives", "deaths", "death", "fatalities", "fatality", "bodies")

_EXPLICIT_ZERO = re.compile(r"\b(?:there (?:were|was) no|no (?:reported|known)?\s*)(?:fatalities|casualties|deaths|"
                            r"one (?:was |were )?killed|injuries or deaths)\b|\bno(?: one|body) (?:was |were )?"
                            r"(?:killed|hurt|died)\b|\bwithout (?:any )?(?:casualties|fatalities)\b", re.IGNORECASE)
_STANDALONE = re.compile(rf"(?:^|(?<=[.)\]])\s+|\()(\d+|{SMALL_NUMBER})\s+"
                         r"(?:total\s+)?fatalit(?:y|ies)\s*(?:\.|\)|$)", re.IGNORECASE)
_CODED_TO = re.compile(r"\bfatalities (?:are |were |is )?coded to (?:the )?([^()]+?) event", re.IGNORECASE)
_CODED_AS = re.compile(r"\b(?:fatalit(?:y|ies)|deaths?|casualties)\b[^.;]{0,60}?\bcoded\s+as\s+(\d+)"
                       r"|\bcoded\s+(\d+)\s+fatalit",
                       re.IGNORECASE)


def _single(before: str) -> bool:
    """Whether the words before a death cue name one person as its subject ("a soldier was", "one man")."""
    s = _SINGLE_BEFORE.search(before[-60:])
    return bool(s and len(words(before[-60:][s.start():])) <= 10 and not re.search(r",", before[-60:][s.start():])
                and not re.search(r"\band\b", re.sub(r"\b(?:shot|stabbed|beaten|tortured|attacked) and\b", "",
                                                      before[-60:][s.start():])))


def _single_object(word: str, before: str, after: str) -> re.Match | None:
    """The one person a transitive death cue takes as its object ("killing a civilian", "killed the mayor")."""
    transitive = word.startswith(("kill", "execut", "massacr", "behead", "lynch")) or (
        word in ("dead", "death") and re.search(r"\b(?:shot|stabbed|beat(?:en)?|hacked|burn(?:ed|t)|stoned|"
                                                r"tortured|clubbed)\s+(?:to\s+)?$", before))
    obj = re.match(r"^\s+(?:an?|one)\s+(?:[\w'-]+\s+){0,2}?[\w'-]+", after) if transitive else None
    if obj is None and transitive:
        the = re.match(r"^\s+the\s+(?:[\w'-]+\s+){0,3}?([\w'-]+)(?=\s+(?:of|at|in|on|and|near|who|from|after|"
                       r"during|while|inside|outside)\b|\s*[,.;(]|\s*$)", after)
        if the and not re.search(r"(?:s|men|people|children|police|forces|troops|personnel)$", the.group(1), re.I):
            obj = the
    return obj


class _Figures:
    """The spans of the figures already read, sorted, for questions answered by bisection."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self._starts = [a for a, _ in spans]
        self._reach = list(itertools.accumulate((b for _, b in spans), max))   # the furthest end so far

    def ends_near(self, pos: int, gap: int) -> bool:
        """Is there a figure that starts at or before `pos` and ends less than `gap` characters before it?"""
        i = bisect.bisect_right(self._starts, pos)
        return i > 0 and self._reach[i - 1] + gap > pos

    def starts_in(self, a: int, b: int) -> bool:
        """Does a figure start in `[a, b)`?"""
        i = bisect.bisect_left(self._starts, a)
        return i < len(self._starts) and self._starts[i] < b


def singular_mentions(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> list[DeathMention]:
    """Deaths stated without a figure in text[start:end], in clauses holding no figure already read (`taken`):
    'a soldier was killed', 'killing a civilian', 'shot him dead', 'he died', 'civilians were killed'."""
    out = []
    figures = _Figures(taken)
    for m in CUE.finditer(text, start, end):
        if not m.group("death") or figures.ends_near(m.start(), 40):
            continue
        cl_a, cl_b = clause_bounds(text, m.start(), start, end)
        if figures.starts_in(cl_a, cl_b):
            continue
        before, after = text[cl_a:m.start()], text[m.end():cl_b]
        word = m.group(0).lower()
        if word in _TOLL_WORDS:
            if word not in ("death", "fatality") and not re.match(r"^\s+of\s+(?:an?|one)\b", after, re.I):
                continue
        if BACKGROUND.search(before):
            continue
        if _NONE.search(before[-40:]) or _NONE.search(after[:30]):
            out.append(DeathMention(m.start(), m.end(), 0, 0, 0))
            continue
        obj = _single_object(word, before, after)
        if _single(before) or obj or _PRONOUN_OBJ.match(after) or _PRONOUN_SUBJ.search(before[-30:]):
            if MIXED.search(after[:25]):
                out.append(DeathMention(m.start(), m.end(), 0, 0, 1, mixed=True))
                continue
            civ = 1 if names_civilians(after[:40] if obj else before[-40:]) else None
            n = 2 if re.search(r"\b(?:an?|one)\s+(?:[\w'-]+\s+){0,3}and\s+(?:an?|one)\s+(?:[\w'-]+\s+){0,3}"
                               r"(?:were|have been|had been)\s+(?:\w+\s+)?$", before[-80:], re.I) else 1
            out.append(DeathMention(m.start(), m.end(), n, n, n, civ, cumulative=bool(CUMULATIVE.search(
                text[cl_a:cl_b])), additional=bool(re.search(r"\b(?:another|also)\b", text[cl_a:cl_b], re.I))))
            continue
        p = _PLURAL_PASSIVE.search(before[-50:])
        if p and word.startswith(("kill", "execut", "massacr", "slain")) and not MIXED.search(after[:25]) \
                and p.group(1).lower() not in ("this", "was", "has", "is", "its", "his", "as", "us"):
            conv = conventions()["unquantified_plural"]
            civ = conv["best"] if names_civilians(p.group(1)) else None
            out.append(DeathMention(m.start(), m.end(), conv["low"], conv["best"], conv["high"], civ, vague=True,
                                    cumulative=bool(CUMULATIVE.search(text[cl_a:cl_b]))))
    return out


def coder_statements(text: str, start: int, end: int) -> list[DeathMention]:
    """A coder's own statement in a note, as override mentions: 'Unknown fatalities coded as 3', '3 fatalities.',
    'There were no fatalities'; 'fatalities coded to X event' where X is not named elsewhere in the note means
    none are coded here."""
    out = []
    for m in _CODED_TO.finditer(text, start, end):
        name = m.group(1).strip()
        if text.count(name) <= 1:
            out.append(DeathMention(m.start(), m.end(), 0, 0, 0, override=True))
    for m in _STANDALONE.finditer(text, start, end):
        v = count_word(m.group(1))
        out.append(DeathMention(m.start(1), m.end(), v, v, v, override=True))
    out += [DeathMention(m.start(), m.end(), 0, 0, 0, override=True) for m in _EXPLICIT_ZERO.finditer(text, start, end)]
    for m in _CODED_AS.finditer(text, start, end):
        v = int(m.group(1) or m.group(2))
        out.append(DeathMention(m.start(), m.end(), v, v, v, override=True))
    return out
