"""Huge inputs: a document of megabytes on one line is coded, and the work of the text-wide matchers grows linearly
with the text (counted in Python lines run, never timed). Texts from `big_text.py`, written for these tests."""
from __future__ import annotations

import datetime as dt
import random
import sys

from big_text import big_text

from eventcoder.extract.death_figures import death_mentions
from eventcoder.extract.death_lexicon import clause_bounds
from eventcoder.extract.registry import Registry
from eventcoder.extract.sources import find_attributions
from eventcoder.extract.temporal import find_dates
from eventcoder.model import Document
from eventcoder.pipeline import default_pipeline
from eventcoder.spanset import Disjoint, Taken


def lines_run(fn, *args) -> int:
    """How many Python lines `fn(*args)` runs (generator expressions count a line per item)."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    sys.settrace(lambda frame, event, arg: local)
    try:
        fn(*args)
    finally:
        sys.settrace(None)
    return count


def test_a_two_megabyte_single_line_document_is_coded():
    text = big_text(2_000_000)
    assert "\n" not in text and len(text) >= 2_000_000
    (doc,) = list(default_pipeline().run([Document("big", text, published_at=dt.date(2023, 5, 4))]))
    assert doc.error is None and "truncated" in {w.kind for w in doc.warnings}
    assert doc.events
    for ev in doc.events:
        for e in ev.evidence:
            assert text[e.start:e.end] == e.text


def test_text_wide_matchers_grow_linearly():
    small, large = big_text(30_000), big_text(60_000)
    registry = Registry.shipped()
    for name, fn in [("registry.find", registry.find), ("find_dates", find_dates),
                     ("find_attributions", find_attributions), ("death_mentions", death_mentions)]:
        fn(small[:2000])     # warm: patterns compiled, tables loaded
        a, b = lines_run(fn, small), lines_run(fn, large)
        assert b < 2.3 * a, f"{name}: {a} lines for {len(small)} characters, {b} for {len(large)}"


def test_clause_bounds_agree_with_a_scan():
    rng = random.Random(7)
    text = "".join(rng.choice("ab .;\n") for _ in range(400))
    for _ in range(500):
        start = rng.randrange(0, 400)
        end = rng.randrange(start, 401)
        pos = rng.randrange(0, 401)
        a = max(text.rfind(c, start, pos) for c in ".;\n")
        b = [i for i in (text.find(c, pos, end) for c in ".;\n") if i >= 0]
        assert clause_bounds(text, pos, start, end) == (start if a < 0 else a + 1, min(b) if b else end)


def test_span_sets_answer_as_a_pass_over_all_spans_would():
    rng = random.Random(11)
    for _ in range(200):
        held: list[tuple[int, int]] = []
        taken = Taken(0, 60)
        for _ in range(15):
            a = rng.randrange(0, 60)
            b = rng.randrange(a, min(60, a + 8) + 1)
            brute = any(s < b and a < e for s, e in held)
            assert taken.overlaps(a, b) == brute, (held, a, b)
            if rng.random() < 0.7:
                held.append((a, b))
                taken.add(a, b)
        disjoint, pos = [], 0
        while pos < 60:
            a = pos + rng.randrange(0, 4)
            b = a + rng.randrange(0, 5)
            disjoint.append((a, b))
            pos = b
        index = Disjoint(disjoint)
        for _ in range(10):
            a = rng.randrange(0, 70)
            b = rng.randrange(a, 71)
            got = [index.items[i] for i in index.overlapping(a, b)]
            assert got == [(s, e) for s, e in index.items if s < b and a < e], (disjoint, a, b)
