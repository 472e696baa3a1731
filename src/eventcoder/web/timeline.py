"""The timeline's bars: events per day by type, stacked, as SVG geometry the template draws. Over a long span the
bars count weeks (from Monday) or months instead, and the page says which."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

WIDTH, HEIGHT = 960, 260          # the chart area, in SVG units
DAYS_PER_BAR = (("day", 120), ("week", 840))     # a span of up to N days is drawn per day, then per week; else month


@dataclass
class Bar:
    x: float
    width: float
    label: str                         # the bar's first day
    total: int
    parts: list[tuple[str, int, float, float]]     # (event type, events, y, height)


def _bin(day: dt.date, unit: str) -> dt.date:
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day


def _next(day: dt.date, unit: str) -> dt.date:
    if unit == "week":
        return day + dt.timedelta(days=7)
    if unit == "month":
        return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return day + dt.timedelta(days=1)


def bars(counts: list[tuple[str, str, int]]) -> tuple[list[Bar], str, list[str]]:
    """(the bars, the unit each counts: day, week or month, the event types drawn) of (day, type, events) rows."""
    rows = []
    for day, kind, n in counts:
        try:
            rows.append((dt.date.fromisoformat(day), kind, n))
        except ValueError:
            continue                    # a partial date ("2024-03") has no day to stand on
    if not rows:
        return [], "day", []
    first, last = min(r[0] for r in rows), max(r[0] for r in rows)
    span = (last - first).days + 1
    unit = next((u for u, limit in DAYS_PER_BAR if span <= limit), "month")
    per: dict[dt.date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for day, kind, n in rows:
        per[_bin(day, unit)][kind] += n
    slots, d = [], _bin(first, unit)
    while d <= last:
        slots.append(d)
        d = _next(d, unit)
    top = max(sum(v.values()) for v in per.values())
    step = WIDTH / len(slots)
    types = sorted({r[1] for r in rows})
    out = []
    for i, slot in enumerate(slots):
        y, parts = float(HEIGHT), []
        for kind in types:
            n = per.get(slot, {}).get(kind, 0)
            if n:
                h = HEIGHT * n / top
                y -= h
                parts.append((kind, n, round(y, 2), round(h, 2)))
        out.append(Bar(round(i * step, 2), round(max(step * 0.85, 0.5), 2), slot.isoformat(),
                       sum(p[1] for p in parts), parts))
    return out, unit, types
