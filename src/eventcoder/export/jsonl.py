"""JSON lines out, and resuming an interrupted run that writes to a file.

`ResumableJsonl` writes each document's lines in one piece and then records the document in a progress file beside
the output (`OUT.progress`: the command, then one `"doc_id"<TAB>byte offset` line per finished document). When a run is
killed, the progress file stays; the same command run again finds it, cuts the output back to the end of the last
finished document (a half-written document is redone), passes over the finished documents and appends the rest, so
nothing is lost or doubled. A run that reaches its end removes the progress file; `force=True` starts over.
A progress file that cannot be used (unreadable, or another command's) is not resumed: the run starts over and
`restart_reason` says why, for the caller to show.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable, TextIO

from ..errors import EventcoderError
from .registry import WriteOptions, Written, writer


def write_jsonl(records: Iterable[dict], out: TextIO) -> int:
    n = 0
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


@writer("jsonl", suffix=".jsonl", description="the event contract")
def _write_jsonl(events: Iterable[dict], out: TextIO, options: WriteOptions) -> Written:
    return Written(write_jsonl(events, out))


class ResumableJsonl:
    """An output file that a rerun of the same command continues (see the module docstring)."""

    def __init__(self, path: str | Path, command: str, *, force: bool = False):
        self.path = Path(path)
        self.progress_path = self.path.with_name(self.path.name + ".progress")
        self.command = command
        self.done: set[str] = set()
        self.resumed = False
        self.restart_reason: str | None = None      # why an existing progress file was not resumed
        offset = self._load() if not force else None
        if offset is None:
            self.out = open(self.path, "wb")
            self.progress = open(self.progress_path, "w", encoding="utf-8")
            self.progress.write(json.dumps({"command": command}) + "\n")
            self.progress.flush()
        else:
            self.resumed = True
            with open(self.path, "r+b") as f:
                f.truncate(offset)
            self.out = open(self.path, "ab")
            self.progress = open(self.progress_path, "a", encoding="utf-8")

    def _load(self) -> int | None:
        """The byte offset to resume from, with `done` filled; None when there is nothing to resume."""
        if not (self.progress_path.exists() and self.path.exists()):
            return None
        with open(self.progress_path, encoding="utf-8", errors="replace") as f:
            lines = f.read().split("\n")
        try:
            header = json.loads(lines[0])
        except json.JSONDecodeError:
            header = None
        if not isinstance(header, dict):
            self.restart_reason = f"{self.progress_path} is not a progress file eventcoder wrote; starting over"
            return None
        if header.get("command") != self.command:
            self.restart_reason = (f"{self.progress_path} is from another command (or another version of "
                                   "eventcoder); starting over")
            return None
        offset = 0
        for line in lines[1:-1]:                 # the last piece is "" or a line cut short by the kill
            doc_id, pos = _progress_line(line)
            if doc_id is None:                   # damaged: resume from the last document before it
                break
            self.done.add(doc_id)
            offset = pos
        size = self.path.stat().st_size
        return min(offset, size)

    def is_done(self, doc_id: str) -> bool:
        return doc_id in self.done

    def write_document(self, doc_id: str, records: Iterable[dict]) -> None:
        """Write one document's records, then mark it finished."""
        chunk = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        if chunk:
            self.out.write(chunk.encode("utf-8"))
        self.out.flush()
        self.progress.write(f"{json.dumps(doc_id)}\t{self.out.tell()}\n")
        self.progress.flush()
        self.done.add(doc_id)

    def close(self, finished: bool) -> None:
        """Close the files; a finished run removes the progress file (an unfinished one keeps it for the rerun)."""
        self.out.close()
        self.progress.close()
        if finished:
            try:
                os.remove(self.progress_path)
            except FileNotFoundError:
                pass                             # already gone: nothing to resume, as wanted
            except OSError as exc:
                raise EventcoderError(f"the run finished but {self.progress_path} cannot be removed "
                                      f"({exc.strerror}); delete it, or the same command run again will pass over "
                                      "the documents it lists") from exc


def _progress_line(line: str) -> tuple[str | None, int]:
    """A progress line's document id and byte offset; (None, 0) when the line is damaged."""
    key, _, pos = line.rpartition("\t")
    try:
        doc_id = json.loads(key)
    except json.JSONDecodeError:
        return None, 0
    return (doc_id, int(pos)) if isinstance(doc_id, str) and pos.isdigit() else (None, 0)
