"""The scorers, one per kind of gold; each returns an `Evaluation` (metrics in a fixed order, per-class tables).

- acled: one gold event per document; the document's primary prediction (highest confidence, the earlier line on
  ties) is compared field by field.
- case: one label per snippet, "none" when no event should be coded.
- fakes: governorate of the primary event, deaths summed over the document's events.
- ucdp: several gold events per document, matched one-to-one to predictions by distance (10 km).
- toponyms: gold place mentions matched to predicted spans that overlap at least half of each.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..lang import words
from .metrics import ClassScore, f1, km, norm, per_class, share, to_float, to_int


@dataclass
class Evaluation:
    kind: str
    metrics: dict[str, float | int | None]
    classes: dict[str, list[ClassScore]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    headline: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"kind": self.kind, "metrics": self.metrics, "notes": self.notes,
                "classes": {name: [vars(c) for c in rows] for name, rows in self.classes.items()}}


# Arabic articles dropped from place names before comparing them (lang/en/arabic_articles.txt)
_ARTICLES = re.compile(r"\b(" + "|".join(words("arabic_articles")) + r")\b")

def by_doc(preds: list[dict]) -> dict[str, list[dict]]:
    out = defaultdict(list)
    for p in preds:
        out[str(p.get("doc_id"))].append(p)
    return out


def primary(events: list[dict] | None) -> dict | None:
    if not events:
        return None
    best = max(range(len(events)), key=lambda i: (to_float(events[i].get("confidence")) or 0.0, -i))
    return events[best]


def deaths(e: dict) -> int | None:
    v = to_int(e.get("fatalities_best"))
    return v if v is not None else to_int(e.get("fatalities"))


def evidence_exact(preds: list[dict], texts: dict[str, str]) -> float | None:
    """Share of evidence spans whose text is exactly the document's text at their offsets (None: no texts)."""
    if not texts:
        return None
    ok = n = 0
    for p in preds:
        t = texts.get(str(p.get("doc_id")))
        for e in p.get("evidence") or []:
            if not isinstance(e, dict):
                continue
            n += 1
            a, b = to_int(e.get("start")), to_int(e.get("end"))
            ok += (t is not None and a is not None and b is not None and 0 <= a <= b <= len(t)
                   and t[a:b] == e.get("text"))
    return ok / n if n else None


def score_acled(gold: list[dict], preds: list[dict]) -> Evaluation:
    docs = by_doc(preds)
    prim = {str(g["doc_id"]): primary(docs.get(str(g["doc_id"]))) or {} for g in gold}
    get = lambda g, k: prim[str(g["doc_id"])].get(k)  # noqa: E731
    m: dict = {"documents": len(gold), "coverage": share(bool(prim[str(g["doc_id"])]) for g in gold)}
    classes = {}
    for fld in ("event_type", "sub_event_type", "disorder_type"):
        fix = (lambda v: norm(v).replace("demostrations", "demonstrations")) if fld == "disorder_type" else norm
        rows, summary = per_class([(fix(g.get(fld)), fix(get(g, fld)) or "none") for g in gold if g.get(fld)])
        classes[fld] = rows
        m[f"{fld}_accuracy"] = summary["accuracy"]
        if fld != "disorder_type":
            m[f"{fld}_macro_f1"] = summary["macro_f1"]
    tp = fp = fn = 0
    inter_ok = []
    for g in gold:
        ga = {norm(g.get("actor1")), norm(g.get("actor2"))} - {""}
        pa = {norm(get(g, "actor1")), norm(get(g, "actor2"))} - {""}
        tp, fp, fn = tp + len(ga & pa), fp + len(pa - ga), fn + len(ga - pa)
        inter_ok.append(sorted(to_int(g.get(k)) or 0 for k in ("inter1", "inter2")) ==
                        sorted(to_int(get(g, k)) or 0 for k in ("inter1", "inter2")))
    prec, rec = (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)
    m.update(actors_precision=prec, actors_recall=rec, actors_f1=f1(prec, rec), inter_pair_accuracy=share(inter_ok))

    def same_country(g):
        iso = to_int(get(g, "iso"))
        if iso is not None and to_int(g.get("iso")) is not None:
            return iso == to_int(g.get("iso"))
        return norm(g.get("country")) == norm(get(g, "country"))
    m["country_accuracy"] = share(same_country(g) for g in gold)
    for fld in ("admin1", "admin2", "location"):
        m[f"{fld}_accuracy"] = share(norm(g[fld]) == norm(get(g, fld)) for g in gold if g.get(fld))
    dists = [km(g.get("latitude"), g.get("longitude"), get(g, "latitude"), get(g, "longitude")) for g in gold]
    m["location_within_10km"] = share(d <= 10 for d in dists)
    m["location_within_50km"] = share(d <= 50 for d in dists)
    for fld in ("geo_precision", "time_precision"):
        m[f"{fld}_accuracy"] = share(to_int(g.get(fld)) == to_int(get(g, fld)) for g in gold)
    m["event_date_accuracy"] = share(str(g.get("event_date") or "")[:10] == str(get(g, "event_date") or "")[:10]
                                     for g in gold)
    gf = [(to_int(g.get("fatalities")) or 0, to_int(get(g, "fatalities"))) for g in gold]
    m["fatalities_accuracy"] = share(a == b for a, b in gf)   # unknown (null) is not 0
    m["fatalities_accuracy_nonzero"] = share(a == b for a, b in gf if a > 0)
    m["fatalities_mae"] = sum(abs(a - (b or 0)) for a, b in gf) / len(gf) if gf else 0.0
    return Evaluation("acled", m, classes, headline=("sub_event_type_accuracy", "event_type_accuracy",
                                                     "actors_f1", "location_within_50km", "event_date_accuracy",
                                                     "fatalities_accuracy"))


def score_case(gold: list[dict], preds: list[dict]) -> Evaluation:
    docs = by_doc(preds)
    pairs = []
    for g in gold:
        p = primary(docs.get(str(g["doc_id"]))) or {}
        in_scope = g.get("in_scope") not in (False, "false", "False", "0", 0)
        pairs.append((norm(g.get("sub_event_type")) if in_scope else "none", norm(p.get("sub_event_type")) or "none"))
    rows, summary = per_class(pairs)
    in_scope = [pr for pr in pairs if pr[0] != "none"]
    m = {"documents": len(gold), **summary,
         "in_scope_weighted_f1": per_class(in_scope)[1]["weighted_f1"] if in_scope else 0.0,
         "out_of_scope_rejected": share(p == "none" for g, p in pairs if g == "none")}
    return Evaluation("case", m, {"sub_event_type (none = no event)": rows},
                      headline=("accuracy", "macro_f1", "out_of_scope_rejected"))


def _governorate(s) -> str:
    s = norm(s)
    s = re.sub(r"\b(governorate|province|muhafazat|countryside|rural|rif|reef)\b", " ", s)
    s = _ARTICLES.sub(" ", s)
    s = re.sub(r"(.)\1", r"\1", "".join(s.split()))
    return _GOV_ALIASES.get(s, s)


# transliterations of Syrian governorate names, after _governorate's folding (FA-KES files Rif Dimashq as damascus)
_GOV_ALIASES = {"dimashq": "damascus", "halab": "alepo", "hims": "homs", "hamah": "hama", "hamat": "hama",
                "dara": "daraa", "dera": "daraa", "deraa": "daraa", "ladhiqiyah": "latakia", "latakiya": "latakia",
                "lataqia": "latakia", "tartous": "tartus", "sweida": "suwayda", "suwaida": "suwayda",
                "qunaytirah": "quneitra", "hasaka": "hasakah", "hasakeh": "hasakah", "hasake": "hasakah",
                "raqah": "raqa", "deirezor": "deirezor", "deirzor": "deirezor", "deirezour": "deirezor",
                "deirzour": "deirezor", "dayrzawr": "deirezor", "deirelzor": "deirezor", "idleb": "idlib"}


def score_fakes(gold: list[dict], preds: list[dict]) -> Evaluation:
    docs = by_doc(preds)
    m: dict = {"documents": len(gold)}
    prim = {str(g["doc_id"]): primary(docs.get(str(g["doc_id"]))) for g in gold}
    m["coverage"] = share(prim[str(g["doc_id"])] is not None for g in gold)
    m["governorate_accuracy"] = share(_governorate(g.get("governorate")) ==
                                      _governorate((prim[str(g["doc_id"])] or {}).get("admin1")) for g in gold)
    killed = [(to_int(g.get("killed")) or 0, sum(deaths(e) or 0 for e in docs.get(str(g["doc_id"]), [])))
              for g in gold]
    m["killed_exact"] = share(a == b for a, b in killed)
    m["killed_within_20pct"] = share(abs(a - b) <= max(1, 0.2 * a) for a, b in killed)
    m["killed_mae"] = sum(abs(a - b) for a, b in killed) / len(killed) if killed else 0.0
    return Evaluation("fakes", m, headline=("governorate_accuracy", "killed_within_20pct"))


def _ucdp_type(e: dict) -> int | None:
    inters = {to_int(e.get("inter1")), to_int(e.get("inter2"))} - {None, 0}
    if inters & {1, 8}:
        return 1
    if 7 in inters:
        return 3
    return 2 if inters else None


def _match(gold_events: list[dict], pred_events: list[dict], max_km: float) -> dict[int, int]:
    pairs = sorted((km(g.get("latitude"), g.get("longitude"), p.get("latitude"), p.get("longitude")), i, j)
                   for i, g in enumerate(gold_events) for j, p in enumerate(pred_events))
    used_p, out = set(), {}
    for d, i, j in pairs:
        if d > max_km:
            break
        if i not in out and j not in used_p:
            out[i] = j
            used_p.add(j)
    return out


def score_ucdp(gold: list[dict], preds: list[dict], max_km: float = 10.0) -> Evaluation:
    docs = by_doc(preds)
    gold_by_doc = defaultdict(list)
    for g in gold:
        gold_by_doc[str(g["doc_id"])].append(g)
    found = dated = 0
    types = []
    for d, gs in gold_by_doc.items():
        ps = docs.get(d, [])
        for i, j in _match(gs, ps, max_km).items():
            found += 1
            date = str(ps[j].get("event_date") or "")[:10]
            dated += bool(date) and str(gs[i].get("date_start")) <= date <= str(gs[i].get("date_end"))
            types.append((str(to_int(gs[i].get("type_of_violence"))), str(_ucdp_type(ps[j]))))
    n_pred = len(preds)
    r, p = found / len(gold), (found / n_pred if n_pred else 0.0)
    rows, summary = per_class(types) if types else ([], {"accuracy": 0.0})
    m = {"documents": len(gold_by_doc), "gold_events": len(gold), "predicted_events": n_pred,
         "event_recall_10km": r, "event_precision_10km": p, "event_f1_10km": f1(p, r),
         "found_and_dated": dated / len(gold), "type_of_violence_accuracy_of_found": summary["accuracy"],
         "deaths_exact_per_doc": share(sum(to_int(g.get("best")) or 0 for g in gs) ==
                                       sum(deaths(e) or 0 for e in docs.get(d, [])) for d, gs in gold_by_doc.items())}
    return Evaluation("ucdp", m, {"type_of_violence (1 state, 2 non-state, 3 one-sided)": rows},
                      headline=("event_f1_10km", "found_and_dated"))


def score_toponyms(gold: list[dict], preds: list[dict], max_km: float = 161.0) -> Evaluation:
    gold_by_doc, pred_by_doc = defaultdict(list), defaultdict(dict)
    for g in gold:
        gold_by_doc[str(g["doc_id"])].append(g)
    for p in preds:
        a, b = to_int(p.get("start")), to_int(p.get("end"))
        if a is not None and b is not None and b > a:
            pred_by_doc[str(p.get("doc_id"))].setdefault((a, b), p)
    dists, counted, matched = [], 0, 0
    for d in set(gold_by_doc) | set(pred_by_doc):
        gs, ps = gold_by_doc.get(d, []), list(pred_by_doc.get(d, {}).items())
        cands = []
        for i, g in enumerate(gs):
            ga, gb = to_int(g.get("start")) or 0, to_int(g.get("end")) or 0
            for j, ((a, b), _) in enumerate(ps):
                ov = min(gb, b) - max(ga, a)
                if ov > 0 and ov >= 0.5 * (gb - ga) and ov >= 0.5 * (b - a):
                    cands.append((-ov, i, j))
        used_g, used_p = set(), set()
        for _, i, j in sorted(cands):
            if i in used_g or j in used_p:
                continue
            used_g.add(i)
            used_p.add(j)
            p = ps[j][1]
            dists.append(km(gs[i].get("latitude"), gs[i].get("longitude"), p.get("latitude"), p.get("longitude")))
        for j, (_, p) in enumerate(ps):
            if p.get("kind") == "demonym" and j not in used_p:
                continue
            counted += 1
            matched += j in used_p
    finite = sorted(x for x in dists if math.isfinite(x))
    m = {"toponyms": len(gold), "acc_161km": sum(x <= max_km for x in dists) / len(gold),
         "detected": len(dists) / len(gold), "acc_161km_of_detected": share(x <= max_km for x in dists),
         "median_error_km_of_detected": finite[len(finite) // 2] if finite else None,
         "predicted_mentions": counted, "mention_precision": matched / counted if counted else 0.0}
    return Evaluation("toponyms", m, headline=("acc_161km", "detected", "mention_precision"))


SCORERS = {"acled": score_acled, "case": score_case, "fakes": score_fakes, "ucdp": score_ucdp,
           "toponyms": score_toponyms}
