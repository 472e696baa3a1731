"""`Mention`: a candidate span with its gazetteer readings and what resolution has decided about it so far."""
from __future__ import annotations

from dataclasses import dataclass, field

from .candidate import Candidate
from .gazetteer import Place


@dataclass
class Mention:
    cand: Candidate
    readings: list[Place]
    loose: bool = False
    regional: bool = False      # the words around it name a region: "X province", "countryside of X"
    at_town: bool = False       # written after "in", "at", "near", "outside": "protested in Toledo"
    container: list[Place] = field(default_factory=list)     # regions named right after it
    inner: list["Mention"] = field(default_factory=list)     # the mentions it is written as the container of
    best: Place | None = None
    weight: float = 0.0     # this mention's vote in the focus
    score: float = 0.0
    margin: float = 0.0
