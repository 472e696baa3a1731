"""Writing an index atomically: work on a temporary file beside the target, rename it over the target only when
everything succeeded. A crash, a bad input or a kill leaves the old index as it was."""
from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


@contextmanager
def atomic_database(target: Path, copy_from: Path | None = None) -> Iterator[sqlite3.Connection]:
    """A connection to a temporary SQLite file (a copy of `copy_from`, or empty) that replaces `target` when the
    block ends without an exception, after a commit; on any exception the temporary file is removed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    if tmp.exists():
        tmp.unlink()
    if copy_from is not None:
        shutil.copyfile(copy_from, tmp)
    conn = None
    try:
        conn = sqlite3.connect(tmp)
        yield conn
        conn.commit()
        conn.close()
        os.replace(tmp, target)
    except BaseException:
        if conn is not None:
            try:
                conn.close()
            except sqlite3.Error:
                pass
        if tmp.exists():
            tmp.unlink()
        raise
