"""Deaths across the reports of one event, as ACLED and UCDP count them.

Only a toll a report gives words for counts (an evidence span for `fatalities`): a report silent on deaths does not
vote 0. Within one source (the event's `source`, else its report), the latest report supersedes the earlier: its
publication date, else an update word in its toll's words ("the toll rose to 28"). Across sources: ACLED's
`fatalities` is the lowest credible figure; UCDP's low/best/high span the sources (best: their median); tolls that
disagree beyond the rules' margin are `disputed`, naming each report's figure.
"""
from __future__ import annotations

from dataclasses import dataclass

from .report_event import ReportEvent, normalised
from .rules import FusionRules


@dataclass
class Tolls:
    values: dict                     # fatalities, fatalities_low, fatalities_best, fatalities_high
    given_by: list[ReportEvent]      # the reports whose tolls were used
    disputed: list[dict] | None      # [{"value", "reports"}] when the sources disagree
    superseded: list[str]            # "report: N, superseded by report: M"


def toll_words(ev: ReportEvent) -> str:
    return " ".join(e.get("text", "") for e in ev.record.get("evidence") or () if e.get("field") == "fatalities")


def fuse_tolls(members: list[ReportEvent], rules: FusionRules) -> Tolls:
    told = [m for m in members if isinstance(m.record.get("fatalities"), int) and toll_words(m)]
    if not told:
        quiet = [m.record.get("fatalities") for m in members if isinstance(m.record.get("fatalities"), int)]
        n = min(quiet) if quiet else None
        return Tolls(dict(fatalities=n, fatalities_low=n, fatalities_best=n, fatalities_high=n), [], None, [])
    by_source: dict[str, list[ReportEvent]] = {}
    for m in told:
        by_source.setdefault(normalised(m.record.get("source")) or m.doc_id, []).append(m)
    latest, superseded = [], []
    for reports in by_source.values():
        ordered = sorted(reports, key=lambda m: (m.published or "", bool(rules.update_words.search(toll_words(m))),
                                                 m.key))
        latest.append(ordered[-1])
        superseded += [f"{m.doc_id}: {m.record['fatalities']}, superseded by {ordered[-1].doc_id}: "
                       f"{ordered[-1].record['fatalities']}" for m in ordered[:-1]
                       if m.record["fatalities"] != ordered[-1].record["fatalities"]]
    figures = sorted(m.record["fatalities"] for m in latest)
    low = min(_field(m, "fatalities_low") for m in latest)
    high = max(_field(m, "fatalities_high") for m in latest)
    best = sorted(_field(m, "fatalities_best") for m in latest)[(len(latest) - 1) // 2]
    values = dict(fatalities=figures[0], fatalities_low=min(low, figures[0]), fatalities_best=best,
                  fatalities_high=max(high, figures[-1]))
    disputed = None
    if rules.tolls_disputed(figures[0], figures[-1]):
        per: dict[int, list[str]] = {}
        for m in latest:
            per.setdefault(m.record["fatalities"], []).append(m.doc_id)
        disputed = [{"value": v, "reports": sorted(d)} for v, d in sorted(per.items())]
    return Tolls(values, sorted(latest, key=lambda m: m.record["fatalities"]), disputed, superseded)


def _field(m: ReportEvent, name: str) -> int:
    v = m.record.get(name)
    return v if isinstance(v, int) else m.record["fatalities"]
