"""Writing the input files the tests feed to the command line."""
from __future__ import annotations

import json
from pathlib import Path


def write_jsonl(path: Path, rows) -> Path:
    """`rows` (dicts) as a JSONL file, one a line; returns the path."""
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path
