"""Sets of text spans that answer "which of them overlap this span?" without a pass over all of them (a pass per
query made the matchers and the locator quadratic on a huge document).

`Taken`: the greedy "keep a match unless it overlaps one kept before" of the matchers, in time linear in the text
and the matches. Contract: `Taken(start, end)` holds spans `[a, b)` with `start <= a <= b <= end` (the part of a
text a matcher reads; the memory it takes is that part's length); they may overlap one another.
`overlaps(a, b)` is True exactly when some held span `[s, e)` has `s < b and a < e` (for an empty span `[x, x)`:
`s < x < e`, as that test says); `add(a, b)` holds one more span. Both cost O(b - a).
"""
from __future__ import annotations

import bisect


class Taken:
    def __init__(self, start: int, end: int):
        self._at = start
        self._inside = bytearray(end - start + 1)     # 1 where a held span covers the character
        self._interior = bytearray(end - start + 1)   # 1 at a position strictly inside a held span
        self._empty = bytearray(end - start + 1)      # 1 where an empty span is held

    def overlaps(self, a: int, b: int) -> bool:
        a, b = a - self._at, b - self._at
        if b > a:
            return self._inside.find(1, a, b) >= 0 or self._empty.find(1, a + 1, b) >= 0
        return 0 <= a < len(self._interior) and self._interior[a] == 1

    def add(self, a: int, b: int) -> None:
        a, b = a - self._at, b - self._at
        if b > a:
            self._inside[a:b] = b"\x01" * (b - a)
            self._interior[a + 1:b] = b"\x01" * (b - a - 1)
        else:
            self._empty[a] = 1


class Disjoint:
    """Spans that do not overlap one another (`(start, end)` pairs or objects with `.start`/`.end`), sorted by start
    here; `overlapping(a, b)` gives the indexes (into `self.items`, in text order) of those with `start < b and
    a < end`, by bisection: O(log n + the answer)."""

    def __init__(self, items):
        self.items = sorted(items, key=_start)
        self._starts = [_start(x) for x in self.items]
        self._ends = [_end(x) for x in self.items]
        if any(e > s for e, s in zip(self._ends, self._starts[1:])):
            raise ValueError("Disjoint: the spans overlap one another")

    def overlapping(self, a: int, b: int) -> range:
        lo = bisect.bisect_right(self._ends, a)           # the first that ends after a
        hi = bisect.bisect_left(self._starts, b, lo)      # the first that starts at or after b
        return range(lo, max(lo, hi))


def _start(x) -> int:
    return x[0] if isinstance(x, tuple) else x.start


def _end(x) -> int:
    return x[1] if isinstance(x, tuple) else x.end
