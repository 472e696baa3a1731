"""The fused event's fields: each group of fields from the one report that gives it best, every choice traceable.

- type (event/sub-event/disorder type): the reports' majority;
- location: the finest place (smallest geo_precision), then the name most reports give;
- date: the narrowest range, then the finest precision;
- actors: the report naming most actors, then the dyad most reports give;
- fatalities: `tolls.fuse_tolls`; source: the union of the sources the reports cite and the outlets that published
  them (ACLED's `source` lists both).
`provenance` says for each field which report (and event) gave it, with that report's evidence spans (or why it
was inferred there); `disputed` keeps the reports' disagreements visible ({field: [{"value", "reports"}]}).
"""
from __future__ import annotations

import hashlib
from collections import Counter

from ..model import EVENT_FIELD_GROUPS, contract_fields
from .report_event import ReportEvent, normalised
from .rules import FusionRules
from .tolls import fuse_tolls

GROUPS: dict[str, tuple[str, ...]] = {
    "type": ("event_type", "sub_event_type", "disorder_type", "factuality", "notes"),
    **{g: f for g, f in EVENT_FIELD_GROUPS.items() if g != "actors"},
    "actors": EVENT_FIELD_GROUPS["actors"] + ("interaction",),
}
GROUP_OF = {f: g for g, fs in GROUPS.items() for f in fs}
# what each group's disagreement is read on
DISPUTE_KEY = {"type": lambda m: m.record.get("sub_event_type"), "location": lambda m: m.record.get("location"),
               "date": lambda m: m.record.get("event_date"),
               "actors": lambda m: " / ".join(sorted(m.actors)) or None}


def fused_record(members: list[ReportEvent], rules: FusionRules, notes: list[str] | None) -> dict:
    members = sorted(members, key=lambda m: m.key)
    chosen = {"type": _majority(members, lambda m: m.record.get("sub_event_type")),
              "location": _finest_place(members), "date": _narrowest_date(members), "actors": _fullest_dyad(members)}
    tolls = fuse_tolls(members, rules)
    first = members[0]
    out: dict = {}
    for name in contract_fields():
        group = GROUP_OF.get(name)
        out[name] = chosen[group].record.get(name) if group in chosen else first.record.get(name)
    out.update(tolls.values)
    given = tolls.given_by or [first]
    out["fatalities_civilians"] = given[0].record.get("fatalities_civilians")
    out["source"] = _union([m.record.get("source") for m in members] + [m.outlet for m in members])
    out["source_scale"] = _union(m.record.get("source_scale") for m in members)
    out["confidence"] = max(float(m.record.get("confidence") or 0.0) for m in members)
    out["id"] = "fev-" + hashlib.sha1("\x00".join(sorted(m.event_id for m in members)).encode()).hexdigest()[:16]
    givers = {**{g: [m] for g, m in chosen.items()}, "fatalities": given, "source": members}
    out["evidence"], out["inferred"], out["provenance"] = _traced(givers)
    out["reports"] = list(dict.fromkeys(m.doc_id for m in members))
    disputed = {g: d for g in DISPUTE_KEY if (d := _disagreement(members, DISPUTE_KEY[g]))}
    if tolls.disputed:
        disputed["fatalities"] = tolls.disputed
    out["disputed"] = disputed or None
    if notes is not None:
        out["explanation"] = list(notes) + [f"toll update: {s}" for s in tolls.superseded] + _toll_note(tolls)
    return out


def _majority(members, key):
    counts = Counter(key(m) for m in members)
    return min(members, key=lambda m: (-counts[key(m)], m.key))


def _finest_place(members):
    names = Counter(normalised(m.record.get("location")) for m in members)
    return min(members, key=lambda m: (m.record.get("geo_precision") or 9, m.coarse,
                                       -names[normalised(m.record.get("location"))], m.key))


def _narrowest_date(members):
    return min(members, key=lambda m: ((m.end - m.start).days if m.start else 10 ** 6,
                                       m.record.get("time_precision") or 9, m.key))


def _fullest_dyad(members):
    dyads = Counter(m.actors for m in members)
    return min(members, key=lambda m: (-len(m.actors), -dyads[m.actors], m.key))


def _union(values) -> str | None:
    parts = [p.strip() for v in values if v for p in str(v).split(";") if p.strip()]
    return "; ".join(dict.fromkeys(parts)) or None


def _traced(givers: dict[str, list[ReportEvent]]):
    """The evidence spans, inferred reasons and provenance of the fields each group's reports gave."""
    evidence, inferred, provenance = [], {}, {}
    for group, reports in givers.items():
        for m in reports:
            ev_id = m.event_id
            for e in m.record.get("evidence") or ():
                if GROUP_OF.get(e.get("field")) == group:
                    evidence.append({**e, "doc_id": m.doc_id})
                    provenance.setdefault(e["field"], []).append(
                        {"report": m.doc_id, "event": ev_id, "start": e.get("start"), "end": e.get("end"),
                         "text": e.get("text")})
            for f, why in (m.record.get("inferred") or {}).items():
                if GROUP_OF.get(f) == group and f not in provenance:
                    inferred[f] = why
                    provenance[f] = [{"report": m.doc_id, "event": ev_id, "inferred": why}]
    return evidence, inferred, provenance


def _disagreement(members, key) -> list[dict] | None:
    per: dict = {}
    for m in members:
        v = key(m)
        if v not in (None, ""):
            per.setdefault(v, []).append(m.doc_id)
    if len(per) < 2:
        return None
    return [{"value": v, "reports": list(dict.fromkeys(d))} for v, d in per.items()]


def _toll_note(tolls) -> list[str]:
    if not tolls.given_by:
        return ["fatalities: no report gives words for a toll"]
    figures = ", ".join(f"{m.doc_id}: {m.record['fatalities']}" for m in tolls.given_by)
    return [f"fatalities {tolls.values['fatalities']}: the lowest credible toll ({figures}); UCDP low/best/high "
            f"{tolls.values['fatalities_low']}/{tolls.values['fatalities_best']}/{tolls.values['fatalities_high']}"]
