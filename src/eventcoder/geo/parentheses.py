"""Location lists in parentheses: the names in "(Oyam, Northern)" and "Algeciras (Cadiz)" lie in one country.

`constrain_parentheses(text, mentions)` narrows each mention's `readings` (and clears `loose`) where a
parenthesised list, or the name before it and the names in it, settle on one country.  Mentions are
`resolve`'s: objects with `cand` (start, end, demonym_of), `readings` and `loose`.
"""
from __future__ import annotations

import re
from collections import Counter

from . import names as N
from .mention import Mention


def constrain_parentheses(text: str, mentions: list[Mention]) -> None:
    """"(Oyam, Northern)", "(Colombo, Western)": regions listed in one parenthesis, the last one the widest, must
    lie in one country.  The last name's admin1/admin2 readings give the candidate countries; each earlier name
    votes for those where it has a reading inside that admin1.  When one country wins, every name of the group
    keeps only its readings in that country (the last one only its region readings)."""
    for m0, m1 in _paren_spans(text):
        group = [m for m in mentions if m0 < m.cand.start and m.cand.end <= m1 and not m.cand.demonym_of]
        if len(group) >= 2 and group[-1].readings:
            _constrain_list(group)
        _last_name_a_region(text, m0, m1, group, mentions)
        _constrain_pair(text, m0, group, mentions)


def _last_name_a_region(text: str, m0: int, m1: int, group: list[Mention], mentions: list[Mention]) -> None:
    """"Kuchiri (Paikoro, Niger)", "(Atlanta, Georgia)", "(Koutougou, Soum)": the last name of a list of two or more
    is its widest unit; when it names a country or town and another country's admin1 or admin2 (Nigeria's Niger
    state, Burkina Faso's Soum province, Senegal's town of Soum), the region wins when an earlier name of the list
    (or the name before the parenthesis) lies in it, or when none has a reading in that country; a name read only
    loosely ("Shiroro" as "Sirolo") or unknown to the gazetteer says nothing."""
    if not group or text[m0 + 1:m1 - 1].count(",") < 1:
        return
    last = group[-1]
    if not re.fullmatch(r"[\s.]*", text[last.cand.end:m1 - 1]) or "," not in text[m0:last.cand.start]:
        return
    countries = {r.cc for r in last.readings if r.kind not in ("admin1", "admin2")}
    regions = [r for r in last.readings if r.kind in ("admin1", "admin2") and r.cc not in countries]
    if not countries or not regions:
        return
    head = next((m for m in reversed(mentions) if m.cand.end <= m0), None)
    earlier = group[:-1]
    if head is not None and re.fullmatch(r"[\s\w'’-]{0,40}", text[head.cand.end:m0]):
        earlier = [head] + earlier
    earlier = [m for m in earlier if not m.loose and not m.cand.demonym_of]
    inside = {c.cc for c in regions for m in earlier for r in m.readings
              if r.cc == c.cc and r.admin1 and N.key(r.admin1) == N.key(c.admin1 or c.name)}
    if not inside and any(r.cc in countries for m in earlier for r in m.readings):
        return
    if len({c.cc for c in regions}) > 1 and len(inside) != 1:
        return    # two countries have a region of that name and nothing says which
    keep = inside or {c.cc for c in regions}
    last.readings, last.loose = [r for r in regions if r.cc in keep], False


def _constrain_pair(text: str, m0: int, group: list[Mention], mentions: list[Mention]) -> bool:
    """"Algeciras (Cadiz)": the name before a parenthesis and the names in it share a country; a country in
    which every one of them has a reading wins over those where only some do.  True when it constrained."""
    head = next((m for m in reversed(mentions) if m.cand.end <= m0), None)
    if head is None or head.cand.demonym_of or not head.readings or \
            not re.fullmatch(r"[\s\w'’-]{0,40}", text[head.cand.end:m0]):
        return False
    members = [m for m in [head] + group if m.readings]
    if len(members) < 2:
        return False
    votes = Counter(cc for m in members for cc in {r.cc for r in m.readings})
    ranked = votes.most_common(2)
    if ranked[0][1] < len(members) or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return False
    cc = ranked[0][0]
    for m in members:
        m.readings, m.loose = [r for r in m.readings if r.cc == cc], False
    return True


def _constrain_list(group: list[Mention]) -> None:
    last = group[-1]
    regions = [r for r in last.readings if r.kind in ("admin1", "admin2")]
    votes: Counter = Counter()
    for m in group[:-1]:
        ok = {c.cc for c in regions for r in m.readings if r.cc == c.cc and r.pid != c.pid and
              (c.kind == "admin2" or (r.admin1 and N.key(r.admin1) == N.key(c.admin1 or c.name)))}
        votes.update(ok)
    if not votes:
        return
    ranked = votes.most_common(2)
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return
    cc = ranked[0][0]
    for m in group[:-1]:
        kept = [r for r in m.readings if r.cc == cc]
        if kept:
            m.readings, m.loose = kept, False
    last.readings, last.loose = [r for r in regions if r.cc == cc], False


def _paren_spans(text: str) -> list[tuple[int, int]]:
    return [(mo.start(), mo.end()) for mo in re.finditer(r"\([^()]{2,120}\)", text)]
