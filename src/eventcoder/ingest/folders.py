"""Folders: every readable file below a directory, in a stable order."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator


def read_folder(root: Path, pattern: str = "*") -> Iterator:
    from .readers import READERS, read_path  # noqa: PLC0415
    for path in sorted(p for p in root.rglob(pattern) if p.is_file() and p.suffix.lower() in READERS):
        yield from read_path(path)
