"""Folders: every readable file below a directory, recursively, in a stable (sorted) order.

This module only walks paths; what each file holds is read by `readers.read_file` (`readers.read_folder` joins
the two).

Without a glob, files with a known suffix are read (.txt, .text, .html, .htm, .jsonl, .ndjson, .csv, .tsv, .rss,
.atom, .warc, .warc.gz) and others
(images, .DS_Store, ...) are passed over. With `glob` (e.g. "*.html", "2024/**/*.txt"), every file whose path
relative to the folder, or whose name, matches is read, whatever its suffix. Hidden files and folders (".git") are
passed over. Symbolic links to folders are followed once: a link back into a folder already being walked (a loop) is
reported and not followed. A folder or file that cannot be read is reported with its path; the walk goes on.
"""
from __future__ import annotations

import fnmatch
import os
from pathlib import Path, PurePosixPath
from typing import Iterator

from ..errors import InputError
from .suffixes import is_known


def _matches(rel: str, pattern: str) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(rel, pattern) or PurePosixPath(rel).match(pattern)


def walk_files(root: Path, pattern: str | None = None) -> Iterator[Path | InputError]:
    """The files to read below `root` (or InputErrors for what cannot be walked), depth-first, sorted by name."""
    def walk(folder: Path, seen: frozenset) -> Iterator[Path | InputError]:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield InputError(str(folder), f"folder cannot be read ({exc.strerror or exc}); skipped")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()          # follows links
                is_file = entry.is_file()
            except OSError as exc:
                yield InputError(str(path), f"cannot be read ({exc.strerror or exc})")
                continue
            if is_dir:
                try:
                    st = os.stat(path)
                except OSError as exc:
                    yield InputError(str(path), f"cannot be read ({exc.strerror or exc})")
                    continue
                key = (st.st_dev, st.st_ino)
                if key in seen:
                    yield InputError(str(path), "a symbolic link back into a folder already being read (a loop); "
                                                "not followed")
                    continue
                yield from walk(path, seen | {key})
            elif is_file:
                rel = path.relative_to(root).as_posix()
                if pattern is None and not is_known(path.name):
                    continue
                if pattern is not None and not _matches(rel, pattern):
                    continue
                yield path
            elif entry.is_symlink():
                if pattern is None or _matches(path.relative_to(root).as_posix(), pattern):
                    yield InputError(str(path), "a broken symbolic link; skipped")
            # sockets, FIFOs and devices are passed over

    try:
        st = os.stat(root)
    except OSError as exc:
        yield InputError(str(root), f"cannot be read ({exc.strerror or exc})")
        return
    yield from walk(root, frozenset({(st.st_dev, st.st_ino)}))

