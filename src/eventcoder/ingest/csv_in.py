"""Spreadsheets: one document per CSV row, its text from a chosen column.

An ACLED export reads as it is: its `notes` become the text and `event_id_cnty` the id, so the events coded from it
line up with ACLED's own coding for `eventcoder evaluate`. Only `title`, `published_at`, `source` and `url` columns
are taken as metadata; coded fields (ACLED's `event_date`, actors, ...) are never read as input.
"""
from __future__ import annotations

import csv
import io
import sys
from typing import BinaryIO, Iterator

from ..errors import InputError
from ..model import Document, document_id
from .files import MAX_RECORD_CHARS
from .publication_date import parse_date

TEXT_COLUMNS = ("text", "notes", "body", "content", "article")
ID_COLUMNS = ("id", "doc_id", "event_id_cnty")

csv.field_size_limit(min(sys.maxsize, MAX_RECORD_CHARS))


def _pick(header: list[str], wanted: str | None, defaults: tuple[str, ...]) -> str | None:
    if wanted:
        return wanted if wanted in header else None
    lower = {h.lower(): h for h in header}
    return next((lower[c] for c in defaults if c in lower), None)


def read_csv(stream: BinaryIO, name: str, *, text_column: str | None = None, id_column: str | None = None,
             source: str | None = None, published_at=None) -> Iterator[Document | InputError]:
    """Documents from the rows of a CSV file; a bad row is an InputError naming the file and line."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
    sample = text.read(65536)
    if not sample.strip():
        yield InputError(name, "the file is empty")
        return
    first_line = sample.split("\n", 1)[0]
    delimiter = max(",;\t|", key=first_line.count) if any(c in first_line for c in ",;\t|") else ","
    reader = csv.reader(_chain(sample, text), csv.excel, delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except (csv.Error, StopIteration) as exc:
        yield InputError(name, f"has no readable header row ({exc})")
        return
    tcol = _pick(header, text_column, TEXT_COLUMNS)
    if tcol is None:
        named = f"no column {text_column!r}" if text_column else f"no text column ({', '.join(TEXT_COLUMNS)})"
        yield InputError(name, f"{named}; its columns are: {', '.join(header[:40])}; "
                               "name the one holding the article text with --text-column")
        return
    icol = _pick(header, id_column, ID_COLUMNS)
    if id_column and icol is None:
        yield InputError(name, f"no column {id_column!r}; its columns are: {', '.join(header[:40])}")
        return
    index = {h: i for i, h in enumerate(header)}
    meta = {k: index[k] for k in ("title", "published_at", "source", "url") if k in index}
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError(f"{name}:{reader.line_num}", f"not a readable CSV row ({exc})")
            continue
        origin = f"{name}:{reader.line_num}"
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(header):
            yield InputError(origin, f"has {len(row)} fields where the header has {len(header)}; check the quoting")
            continue
        body = row[index[tcol]]
        if not body.strip():
            yield InputError(origin, f"the {tcol!r} column is empty")
            continue
        get = lambda k: (row[meta[k]].strip() or None) if k in meta else None  # noqa: E731
        did = (row[index[icol]].strip() if icol else "") or document_id(body)
        doc = Document(did, body, title=get("title"), url=get("url"), source=get("source") or source,
                       published_at=parse_date(get("published_at")) or published_at, origin=origin)
        if "\ufffd" in body:
            doc.warn("invalid-utf8", "some bytes of this row were not valid UTF-8 and were replaced with U+FFFD; "
                                     "save the file as UTF-8 for a clean reading")
        yield doc


def _chain(first: str, rest: io.TextIOBase) -> Iterator[str]:
    """Lines of `first` + the rest of the stream (the sample read for sniffing is not lost)."""
    buf = first
    while True:
        chunk = rest.read(65536)
        if not chunk:
            break
        buf += chunk
        *lines, buf = buf.split("\n")
        for line in lines:
            yield line + "\n"
    if buf:
        yield from (line + "\n" for line in buf.split("\n")[:-1])
        last = buf.split("\n")[-1]
        if last:
            yield last
