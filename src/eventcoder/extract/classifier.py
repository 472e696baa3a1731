"""The trainable part of the event coder: a linear (multinomial logistic) model over words and rule features.

Contract:
- `features(text)` returns the feature strings of a text: lower-cased words and word pairs, plus the rule
  coder's view of it (`rule=<sub-event type>`, `cue=<lexicon section>`), so a trained model starts from what
  the rules know and learns where a user's coding differs.
- `LinearModel.predict(text)` -> (sub-event type, probability, top features that pushed it);
  `LinearModel.save(path)` / `load_model(path)` use one `.npz` file (numpy only, no pickle).
- `LinearModel.relabel_incident(text)` is what DetectEvents calls when run with `model=PATH`.
The model is fitted by `train.train_model`; nothing here touches the network.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np

from .lexicon import load_lexicon
from .rules import decide

_WORD = re.compile(r"[a-z][a-z'-]+|\d+")
FORMAT = "eventcoder-linear-1"


class ModelError(ValueError):
    """A model file is missing or not one `eventcoder train` wrote; the message says what to do."""


def features(text: str) -> list[str]:
    """Word, word-pair and rule features of `text` (deduplicated, order kept)."""
    low = text.lower()
    words = _WORD.findall(low)
    words = ["<num>" if w.isdigit() else w for w in words]
    feats = ["w=" + w for w in words] + ["b=" + a + "_" + b for a, b in zip(words, words[1:])]
    matches = load_lexicon().match(text)
    d = decide(matches)
    feats.append("rule=" + (d.label or "none"))
    feats += ["cue=" + m.section for m in matches]
    feats.append("<bias>")
    return list(dict.fromkeys(feats))


class LinearModel:
    def __init__(self, vocab: list[str], classes: list[str], weights: np.ndarray, meta: dict | None = None):
        self.vocab = {f: i for i, f in enumerate(vocab)}
        self.vocab_list = list(vocab)
        self.classes = list(classes)
        self.W = weights.astype(np.float32)
        self.meta = dict(meta or {})

    def _index(self, text: str) -> np.ndarray:
        return np.array([self.vocab[f] for f in features(text) if f in self.vocab], dtype=np.int64)

    def proba(self, text: str) -> np.ndarray:
        idx = self._index(text)
        z = self.W[idx].sum(axis=0) if len(idx) else np.zeros(len(self.classes), dtype=np.float32)
        z = z - z.max()
        p = np.exp(z)
        return p / p.sum()

    def predict(self, text: str, top: int = 4) -> tuple[str, float, list[str]]:
        idx = self._index(text)
        p = self.proba(text)
        k = int(p.argmax())
        contrib = sorted(((float(self.W[i, k]), self.vocab_list[i]) for i in idx), reverse=True)[:top]
        return self.classes[k], float(p[k]), [f"{name} ({w:+.2f})" for w, name in contrib if w > 0]

    def save(self, path: str | Path) -> None:
        path = Path(path)
        with open(path, "wb") as f:   # a file object keeps numpy from appending ".npz" to the name
            np.savez_compressed(f, vocab=np.array(self.vocab_list), classes=np.array(self.classes), W=self.W,
                                meta=np.array(json.dumps({"format": FORMAT, **self.meta})))


def load_model(path: str | Path) -> LinearModel:
    """Read a model written by `eventcoder train` (`train.train_model`)."""
    p = Path(path)
    if not p.exists():
        raise ModelError(f"model file {p} does not exist; create one with `eventcoder train GOLD.csv -o {p}`")
    try:
        with np.load(p, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            model = LinearModel([str(v) for v in z["vocab"]], [str(c) for c in z["classes"]], z["W"], meta)
    except (OSError, KeyError, ValueError) as e:
        raise ModelError(f"{p} is not an eventcoder model ({e}); create one with `eventcoder train GOLD.csv`") from None
    if meta.get("format") != FORMAT:
        raise ModelError(f"{p} has model format {meta.get('format')!r}, this eventcoder reads {FORMAT!r}; retrain it")
    return model
