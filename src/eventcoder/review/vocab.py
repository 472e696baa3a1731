"""What a reviewer may write in each field of a fused event, read once from the data: event types, sub-event types
and disorder types and the inter codes from `data/taxonomy.json`, the precisions, factuality and civilian targeting
from `data/review_vocabularies.json`, countries from `geo/countries`, places from the gazetteer.

`vocabularies()` gives them as choices (for the web form and for error messages); `check_corrections` (in
`review/fields.py`) checks a correction against them."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..extract.taxonomy import taxonomy
from ..model import contract_fields, stored_fields
from ..resources import data_json

# fields of a fused event a reviewer does not write: its ids, where its words are, the coder's own marks, and
# `interaction`, which follows inter1 and inter2
NOT_REVIEWED = ("id", "doc_id", "evidence", "inferred", "confidence", "coder_version", "interaction")
CODED_VOCABULARIES = ("time_precision", "geo_precision", "date_prec", "where_prec", "factuality",
                      "civilian_targeting")


@dataclass(frozen=True)
class Vocabularies:
    event_types: dict[str, list[str]]            # event type -> its sub-event types, in the taxonomy's order
    disorder_types: list[str]
    inter_codes: dict[int, str]                  # code -> what it stands for
    coded: dict[str, dict]                       # field -> {code: meaning} (precisions, factuality, ...)
    kinds: dict[str, str]                        # reviewable field -> "int", "float" or "text"

    @property
    def sub_event_types(self) -> list[str]:
        return [s for subs in self.event_types.values() for s in subs]

    def choices(self, name: str) -> list[tuple[str, str]] | None:
        """(value, label) pairs a field must take one of, or None when it is free (names, numbers, dates)."""
        if name == "sub_event_type":
            return [(s, f"{t} / {s}") for t, subs in self.event_types.items() for s in subs]
        if name == "event_type":
            return [(t, t) for t in self.event_types]
        if name == "disorder_type":
            return [(d, d) for d in self.disorder_types]
        if name in ("inter1", "inter2"):
            return [(str(k), f"{k} {v}") for k, v in sorted(self.inter_codes.items())]
        if name in self.coded:
            return [(k, f"{k} {v}" if k.isdigit() else v) for k, v in self.coded[name].items()]
        return None


@lru_cache(maxsize=1)
def vocabularies() -> Vocabularies:
    tax = taxonomy()
    data = data_json("review_vocabularies.json")
    missing = [k for k in CODED_VOCABULARIES if k not in data]
    if missing:
        raise KeyError(f"data/review_vocabularies.json has no {', '.join(missing)}; add them (code -> meaning)")
    sql = dict(stored_fields())
    kinds = {n: {"INTEGER": "int", "REAL": "float"}.get(sql.get(n, "TEXT"), "text")
             for n in contract_fields() if n not in NOT_REVIEWED}
    return Vocabularies({t: tax.subs_of(t) for t in tax.event_types}, list(tax.disorder_types),
                        dict(tax.inter_codes), {k: dict(data[k]) for k in CODED_VOCABULARIES}, kinds)


def reviewable_fields() -> list[str]:
    """The fields of a fused event a reviewer can correct, in the contract's order."""
    return list(vocabularies().kinds)
