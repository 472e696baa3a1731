"""How many documents a set of inputs holds, cheaply, for the progress bar's ETA.

An estimate: JSONL counts non-blank lines, CSV counts lines less the header (a quoted cell spanning lines counts
twice), every other file counts one. Standard input, URLs, feeds and web archives cannot be counted cheaply (None).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from ..errors import InputError
from .folders import walk_files
from .suffixes import CSV_SUFFIXES, FEED_SUFFIXES, JSONL_SUFFIXES, WARC_SUFFIXES, has_suffix


def _count_lines(path: Path) -> int:
    n, last = 0, b"\n"
    try:
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                n += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return 1
    return n + (last != b"\n")


def _count_file(path: Path) -> int:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return _count_lines(path)
    if suffix in CSV_SUFFIXES:
        return max(_count_lines(path) - 1, 0)
    return 1


def count_documents(paths: Iterable[str], opts=None) -> int | None:
    """About how many documents `read_inputs(paths, opts)` will yield; None when an input cannot be counted."""
    total = 0
    for p in paths:
        if p == "-" or "://" in p or has_suffix(p, FEED_SUFFIXES + WARC_SUFFIXES):
            return None
        path = Path(os.path.expanduser(p))
        if path.is_dir():
            files = list(walk_files(path, getattr(opts, "glob", None)))
            if any(not isinstance(f, InputError) and has_suffix(f, FEED_SUFFIXES + WARC_SUFFIXES) for f in files):
                return None
            total += sum(_count_file(f) if not isinstance(f, InputError) else 1 for f in files)
        else:
            total += _count_file(path)
    return total
