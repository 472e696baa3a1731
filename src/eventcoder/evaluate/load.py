"""Reading gold and predictions for `evaluate`.

Gold: a benchmark set folder (its `gold.jsonl`, and `docs.jsonl` for the evidence check), a gold JSONL file in one of
the shared benchmark formats, or an ACLED CSV export (each row a document: `event_id_cnty` its id, `notes` its text,
the coded fields the answers). Predictions: the events JSONL `eventcoder extract` writes, an eventcoder CSV export
(`eventcoder export --format csv`, which keeps `doc_id`), or place mentions JSONL (`eventcoder geoparse`).
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EventcoderError

KINDS = ("acled", "case", "fakes", "ucdp", "toponyms")


class EvaluateError(EventcoderError):
    """Gold or predictions could not be read or do not fit together."""


@dataclass
class Gold:
    kind: str
    records: list[dict]
    texts: dict[str, str] = field(default_factory=dict)   # doc_id -> text, when known (evidence check)
    name: str = ""


def _jsonl(path: Path, notes: list[str] | None = None) -> list[dict]:
    out, bad = [], 0
    try:
        f = open(path, encoding="utf-8", errors="replace")
    except OSError as exc:
        raise EvaluateError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    with f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                rec = None
            if isinstance(rec, dict):
                out.append(rec)
            elif notes is None:
                raise EvaluateError(f"{path}:{lineno}: not a JSON object; gold files must be clean")
            else:
                bad += 1
    if bad and notes is not None:
        notes.append(f"{bad} line(s) of {path} skipped: not JSON objects")
    return out


def _csv_rows(path: Path) -> list[dict]:
    csv.field_size_limit(min(sys.maxsize, 10 * 1024 * 1024))
    try:
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
            return list(csv.DictReader(f))
    except OSError as exc:
        raise EvaluateError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except csv.Error as exc:
        raise EvaluateError(f"{path}: not a readable CSV ({exc})") from None


def detect_kind(records: list[dict], hint: str = "") -> str:
    """Which benchmark format gold records are in (by folder name, else by their fields)."""
    hint = hint.lower()
    for prefix, kind in (("acled", "acled"), ("case", "case"), ("fakes", "fakes"), ("ucdp", "ucdp"),
                         ("toponyms", "toponyms")):
        if hint.startswith(prefix):
            return kind
    keys = set().union(*(r.keys() for r in records[:50])) if records else set()
    if {"start", "end", "latitude"} <= keys:
        return "toponyms"
    if "in_scope" in keys:
        return "case"
    if "governorate" in keys or "killed" in keys:
        return "fakes"
    if "type_of_violence" in keys or ("date_start" in keys and "where_prec" in keys):
        return "ucdp"
    if "event_type" in keys or "sub_event_type" in keys:
        return "acled"
    raise EvaluateError("cannot tell what the gold holds: expected a benchmark gold file (acled-notes, case2021, "
                        "fakes-syria, ucdp-syria, toponyms) or an ACLED CSV export")


def _iso_date(value: str | None) -> str | None:
    """ACLED's export tool writes '16 May 2025'; the API and acledR write '2025-05-16'. Both become ISO."""
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value.strip()[:10] if fmt == "%Y-%m-%d" else value.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return value


def acled_csv_gold(path: Path) -> Gold:
    rows = _csv_rows(path)
    if not rows:
        raise EvaluateError(f"{path}: no rows")
    missing = [c for c in ("event_id_cnty", "event_type", "notes") if c not in rows[0]]
    if missing:
        raise EvaluateError(f"{path}: not an ACLED export (no column {', '.join(missing)}); "
                            "a CSV gold must have ACLED's columns")
    records, texts = [], {}
    for r in rows:
        did = (r.get("event_id_cnty") or "").strip()
        if not did:
            continue
        rec = {k: (v if v != "" else None) for k, v in r.items()}
        rec["doc_id"] = did
        rec["event_date"] = _iso_date(rec.get("event_date"))
        records.append(rec)
        texts[did] = r.get("notes") or ""
    return Gold("acled", records, texts, str(path))


def load_gold(path: str | Path, kind: str | None = None) -> Gold:
    """Gold from a set folder, a gold JSONL file or an ACLED CSV export (see the module docstring)."""
    p = Path(path)
    if p.is_dir():
        gold_file, docs_file, hint = p / "gold.jsonl", p / "docs.jsonl", p.name
        if not gold_file.exists():
            raise EvaluateError(f"{p}: no gold.jsonl in this folder; give a benchmark set folder or a gold file")
    elif p.suffix.lower() in (".csv", ".tsv"):
        return acled_csv_gold(p)
    elif p.exists():
        gold_file, docs_file, hint = p, p.with_name("docs.jsonl"), p.parent.name
    else:
        raise EvaluateError(f"{p}: no such file or directory")
    records = _jsonl(gold_file)
    if not records:
        raise EvaluateError(f"{gold_file}: holds no gold records")
    texts = {}
    if docs_file.exists():
        texts = {str(d.get("id")): d.get("text") for d in _jsonl(docs_file, notes=[]) if isinstance(d.get("text"), str)}
    return Gold(kind or detect_kind(records, hint), records, texts, str(p))


def load_predictions(path: str | Path, notes: list[str]) -> list[dict]:
    """Predicted events (or place mentions) as dicts; unreadable lines are skipped and noted."""
    p = Path(path)
    if not p.exists():
        raise EvaluateError(f"{p}: no such file")
    if p.suffix.lower() in (".csv", ".tsv"):
        rows = _csv_rows(p)
        if rows and "doc_id" not in rows[0]:
            raise EvaluateError(f"{p}: no doc_id column; export with `eventcoder export --format csv` "
                                "(without --acled-only) so events can be matched to their documents")
        out = []
        for r in rows:
            rec = {k: (v if v != "" else None) for k, v in r.items()}
            rec.setdefault("id", rec.get("event_id_cnty"))
            out.append(rec)
        return out
    return _jsonl(p, notes)
