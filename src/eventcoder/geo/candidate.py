"""`Candidate`: a span of the clean text that may name a place (or a people, for demonyms), before resolution."""
from __future__ import annotations

from dataclasses import dataclass

PLACE_LABELS = {"GPE", "LOC", "FAC"}     # spaCy entity labels of places


@dataclass
class Candidate:
    start: int
    end: int
    text: str
    source: str          # "ner" | "gazetteer" | "demonym" | "list"
    label: str = ""      # spaCy label when from NER
    demonym_of: str | None = None   # alpha-2 when the span is a demonym
    focus_cc: str | None = None     # set when only the report's focus country made the span a place: resolution
                                    # may then read it with the transliteration fallback, inside that country only
