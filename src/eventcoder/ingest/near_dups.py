"""Near-duplicate reports (syndicated copies, re-posts, one wire story in ten outlets): MinHash signatures over
word shingles, and LSH bands to find the stored reports a new one may copy, without comparing it with all of them.

`signature(text)` -> a datasketch MinHash of the text's SHINGLE-word shingles (lower-cased words; a title or a
byline that differs changes a few shingles only); `bands(sig)` -> the (band, hash) keys a store indexes; two reports
whose signatures agree on one band are candidates, and a candidate is a copy when the estimated Jaccard similarity
of their shingles is at least COPY_SIMILARITY (a copy with its own dateline and byline stays above it; two outlets'
own reports of one strike share far fewer shingles). BANDS x ROWS = NUM_PERM: with 32 bands of 4 rows, pairs above
about 0.45 similarity become candidates, so copies are not missed.
"""
from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash

NUM_PERM, BANDS, ROWS = 128, 32, 4
SHINGLE = 5
COPY_SIMILARITY = 0.7
SEED = 1                                   # fixed: signatures stored by one run are compared by the next
_WORD = re.compile(r"\w+")


def signature(text: str) -> MinHash:
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    sig = MinHash(num_perm=NUM_PERM, seed=SEED)
    sig.update_batch([s.encode("utf-8") for s in shingles if s])
    return sig


def bands(sig: MinHash) -> list[tuple[int, str]]:
    values = sig.hashvalues
    return [(b, hashlib.sha1(values[b * ROWS:(b + 1) * ROWS].tobytes()).hexdigest()[:16]) for b in range(BANDS)]


def to_bytes(sig: MinHash) -> bytes:
    return sig.hashvalues.astype(np.uint64).tobytes()


def similarity(sig: MinHash, stored: bytes) -> float:
    """The estimated Jaccard similarity of `sig` and a signature stored with `to_bytes`."""
    other = np.frombuffer(stored, dtype=np.uint64)
    return float(np.count_nonzero(sig.hashvalues.astype(np.uint64) == other)) / NUM_PERM


def worth_checking(text: str) -> bool:
    """Very short texts (a headline, a one-line note) are left alone: two notes of one line may share most words
    and still tell of two events."""
    return len(_WORD.findall(text)) >= 4 * SHINGLE
