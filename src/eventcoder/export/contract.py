"""The prediction contract (see the benchmark README): events and place mentions as JSON-ready dicts."""
from __future__ import annotations

from ..model import Document, Event


def event_record(ev: Event, explain: bool = False) -> dict:
    rec = ev.to_contract()
    if explain:
        rec["explanation"] = list(ev.explanation)
    return rec


def place_records(doc: Document) -> list[dict]:
    """One record per place mention, offsets into the original text; one mention per span."""
    out, seen = [], set()
    for p in sorted(doc.places, key=lambda p: (p.start, p.end)):
        a, b = doc.to_original(p.start, p.end)
        if (a, b) in seen or b <= a:
            continue
        seen.add((a, b))
        out.append({"doc_id": doc.id, "start": a, "end": b, "text": doc.text[a:b], "kind": p.kind,
                    "name": p.name, "latitude": p.latitude, "longitude": p.longitude,
                    "country_code": p.country_code, "admin1": p.admin1, "feature_code": p.feature_code,
                    "geonameid": p.geonameid})
    return out
