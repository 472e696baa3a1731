"""`eventcoder train`: fit the linear event model on a user's own coded events (an ACLED-style CSV export).

Contract: `train_model(csv_path, out_path, *, epochs=60, l2=1e-4, min_count=2) -> dict` reads the CSV (columns
`sub_event_type` and `notes` required; `event_type` optional and checked against the taxonomy), fits a
multinomial logistic regression over `classifier.features`, writes the model to `out_path` (load it with
`classifier.load_model`, use it with `DetectEvents(model=out_path)` / `--model`) and returns a summary
(rows used, rows skipped and why, classes, training accuracy).  Errors (`TrainError`) say what to fix.
"""
from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import numpy as np

from .classifier import LinearModel, features
from .taxonomy import taxonomy


class TrainError(ValueError):
    """The training file cannot be used; the message says what to fix."""


def read_gold(csv_path: str | Path) -> tuple[list[str], list[str], Counter]:
    """(texts, sub-event labels, skipped-reason counts) from an ACLED-style CSV."""
    p = Path(csv_path)
    if not p.exists():
        raise TrainError(f"{p} does not exist; pass an ACLED CSV export with columns sub_event_type and notes")
    tax = taxonomy()
    texts, labels, skipped = [], [], Counter()
    with open(p, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        cols = set(reader.fieldnames or [])
        missing = {"sub_event_type", "notes"} - cols
        if missing:
            raise TrainError(f"{p} lacks the column(s) {', '.join(sorted(missing))}; an ACLED export has "
                             f"event_type, sub_event_type and notes (found: {', '.join(sorted(cols)) or 'none'})")
        for row in reader:
            text = (row.get("notes") or "").strip()
            sub = tax.normalize_sub(row.get("sub_event_type"))
            if not text:
                skipped["empty notes"] += 1
                continue
            if sub is None:
                skipped[f"unknown sub_event_type {row.get('sub_event_type')!r}"] += 1
                continue
            if row.get("event_type") and row["event_type"].strip().lower() != tax.event_type_of(sub).lower():
                skipped["event_type does not match sub_event_type"] += 1
                continue
            texts.append(text)
            labels.append(sub)
    if len(set(labels)) < 2:
        raise TrainError(f"{p} has {len(labels)} usable rows in {len(set(labels))} class(es); training needs at "
                         "least two sub-event types")
    return texts, labels, skipped


def fit(X: list[np.ndarray], y: np.ndarray, n_feat: int, n_cls: int, *, epochs: int, l2: float,
        lr: float = 0.5, seed: int = 0) -> np.ndarray:
    """Mini-batch gradient descent on softmax cross-entropy with L2; X holds each row's feature indices."""
    rng = np.random.default_rng(seed)
    W = np.zeros((n_feat, n_cls), dtype=np.float32)
    counts = np.bincount(y, minlength=n_cls).astype(np.float32)
    cw = (len(y) / (n_cls * np.maximum(counts, 1))) ** 0.5       # soften the class imbalance
    n = len(X)
    batch = 64
    for ep in range(epochs):
        order = rng.permutation(n)
        step = lr / (1 + 0.05 * ep)
        for b0 in range(0, n, batch):
            rows = order[b0:b0 + batch]
            idx = np.concatenate([X[r] for r in rows])
            seg = np.repeat(np.arange(len(rows)), [len(X[r]) for r in rows])
            z = np.zeros((len(rows), n_cls), dtype=np.float32)
            np.add.at(z, seg, W[idx])
            z -= z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            p[np.arange(len(rows)), y[rows]] -= 1.0
            p *= cw[y[rows]][:, None]
            g = np.zeros_like(W)
            np.add.at(g, idx, p[seg])
            W -= step * (g / len(rows) + l2 * W)
    return W


def train_model(csv_path: str | Path, out_path: str | Path, *, epochs: int = 30, l2: float = 1e-4,
                min_count: int = 2) -> dict:
    texts, labels, skipped = read_gold(csv_path)
    feats = [features(t) for t in texts]
    df = Counter(f for fs in feats for f in fs)
    vocab = sorted(f for f, c in df.items() if c >= min_count or f.startswith(("rule=", "cue=", "<bias>")))
    index = {f: i for i, f in enumerate(vocab)}
    classes = sorted(set(labels))
    cidx = {c: i for i, c in enumerate(classes)}
    X = [np.array([index[f] for f in fs if f in index], dtype=np.int64) for fs in feats]
    y = np.array([cidx[l] for l in labels], dtype=np.int64)
    W = fit(X, y, len(vocab), len(classes), epochs=epochs, l2=l2)
    model = LinearModel(vocab, classes, W, {"trained_on": str(csv_path), "rows": len(texts)})
    Path(out_path).parent.mkdir(parents=True, exist_ok=True)
    model.save(out_path)
    pred = [int(np.argmax(W[x].sum(axis=0))) if len(x) else 0 for x in X]
    acc = float(np.mean(np.array(pred) == y))
    return {"rows": len(texts), "skipped": dict(skipped), "classes": classes, "features": len(vocab),
            "train_accuracy": round(acc, 4), "model": str(out_path)}
