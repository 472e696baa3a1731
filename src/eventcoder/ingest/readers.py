"""Readers: files and streams in, `Document`s (or `InputError`s naming the file and line) out.

Each reader yields, per input record, either a `Document` or an `InputError`; a bad record never stops the batch.
`read_inputs` picks the reader by file suffix (see `READERS`); `-` reads standard input.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import sys
from pathlib import Path
from typing import Callable, Iterable, Iterator, TextIO

from ..errors import InputError
from ..model import Document, document_id

Item = Document | InputError


def parse_date(value) -> dt.date | None:
    """A publication date from 'YYYY-MM-DD' (a longer ISO timestamp is cut to its date); None if unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def document_from_record(rec: dict, origin: str) -> Document:
    """A Document from a contract record {"id", "text", "title"?, "published_at"?, "source"?, "url"?, "language"?}.

    Raises InputError when `text` is missing or not a string."""
    text = rec.get("text")
    if not isinstance(text, str):
        raise InputError(origin, "record has no 'text' string" + (f" (id {rec.get('id')!r})" if "id" in rec else ""))
    doc = Document(str(rec["id"]) if rec.get("id") not in (None, "") else document_id(text), text,
                   title=rec.get("title") or None, url=rec.get("url") or None, source=rec.get("source") or None,
                   published_at=parse_date(rec.get("published_at")), language=rec.get("language") or None,
                   origin=origin)
    if rec.get("published_at") and doc.published_at is None:
        doc.warn("bad-date", f"published_at {rec.get('published_at')!r} is not a YYYY-MM-DD date; ignored")
    return doc


def read_jsonl(stream: TextIO, name: str) -> Iterator[Item]:
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        origin = f"{name}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(origin, f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(rec, dict):
            yield InputError(origin, f"a JSON {type(rec).__name__} where an object was expected")
            continue
        try:
            yield document_from_record(rec, origin)
        except InputError as exc:
            yield exc


def read_text(stream: TextIO, name: str) -> Iterator[Item]:
    text = stream.read()
    if not text.strip():
        yield InputError(name, "the file is empty")
        return
    yield Document(document_id(text), text, origin=name)


def _open_text(path: Path) -> TextIO:
    """Open as UTF-8; undecodable bytes become U+FFFD (the repair stage reports them) instead of failing."""
    return open(path, encoding="utf-8", errors="replace", newline="")


READERS: dict[str, Callable[[TextIO, str], Iterator[Item]]] = {
    ".jsonl": read_jsonl, ".ndjson": read_jsonl, ".txt": read_text, ".text": read_text,
}


def read_path(path: Path) -> Iterator[Item]:
    if not path.exists():
        yield InputError(str(path), "no such file or directory")
        return
    if path.is_dir():
        from .folders import read_folder  # noqa: PLC0415 - folders are optional to the simple path
        yield from read_folder(path)
        return
    reader = READERS.get(path.suffix.lower(), read_text)
    try:
        with _open_text(path) as f:
            yield from reader(f, str(path))
    except OSError as exc:
        yield InputError(str(path), f"cannot be read ({exc.strerror or exc})")


def read_stdin(stream: TextIO | None = None) -> Iterator[Item]:
    stream = stream or io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    data = stream.read()
    head = data.lstrip()[:1]
    if head == "{":
        yield from read_jsonl(io.StringIO(data), "<stdin>")
    else:
        yield from read_text(io.StringIO(data), "<stdin>")


def read_inputs(paths: Iterable[str]) -> Iterator[Item]:
    for p in paths:
        if p == "-":
            yield from read_stdin()
        else:
            yield from read_path(Path(os.path.expanduser(p)))
