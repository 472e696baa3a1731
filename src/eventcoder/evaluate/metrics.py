"""Metric building blocks: lenient value readers, label normalisation, distance, per-class precision/recall.

Definitions follow the shared benchmark's scorer so the numbers agree with it: labels and names are compared after
case-folding, dropping accents, bracketed year ranges ("(2000-)") and punctuation; numbers may come as strings.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ..geo.distance import distance_km


def to_float(x) -> float | None:
    if isinstance(x, bool) or x is None:
        return None
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def to_int(x) -> int | None:
    v = to_float(x)
    return int(v) if v is not None else None


_YEARS = re.compile(r"\(\s*\d{4}\s*-\s*\d{0,4}\s*\)")
_PUNCT = re.compile(r"[^\w\s]")


def norm(s) -> str:
    """'Military Forces of Syria (2000-)' -> 'military forces of syria'; None -> ''."""
    if s is None:
        return ""
    s = unicodedata.normalize("NFKD", str(s))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = _PUNCT.sub(" ", _YEARS.sub(" ", s))
    s = re.sub(r"\bprotestors\b", "protesters", s)
    return " ".join(s.split())


def km(a_lat, a_lon, b_lat, b_lon) -> float:
    """Great-circle distance in km; infinite when a coordinate is missing."""
    vals = [to_float(x) for x in (a_lat, a_lon, b_lat, b_lon)]
    if None in vals:
        return math.inf
    return distance_km(*vals)


def share(flags) -> float:
    flags = list(flags)
    return sum(bool(f) for f in flags) / len(flags) if flags else 0.0


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ClassScore:
    label: str
    precision: float
    recall: float
    f1: float
    support: int        # gold examples
    predicted: int      # predictions of this label


def per_class(pairs: list[tuple[str, str]]) -> tuple[list[ClassScore], dict]:
    """Per gold label: precision, recall, F1, support; and accuracy, macro-F1, weighted-F1 over the gold labels.

    `pairs` are (gold, predicted) labels; a missing prediction should be passed as "none"."""
    support = Counter(g for g, _ in pairs)
    predicted = Counter(p for _, p in pairs)
    scores = []
    for lab in sorted(support):
        tp = sum(1 for g, p in pairs if g == lab and p == lab)
        prec = tp / predicted[lab] if predicted[lab] else 0.0
        rec = tp / support[lab]
        scores.append(ClassScore(lab, prec, rec, f1(prec, rec), support[lab], predicted[lab]))
    n = len(pairs)
    summary = {"accuracy": share(g == p for g, p in pairs),
               "macro_f1": sum(s.f1 for s in scores) / len(scores) if scores else 0.0,
               "weighted_f1": sum(s.f1 * s.support for s in scores) / n if n else 0.0}
    return scores, summary
