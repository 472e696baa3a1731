"""Readers: files and streams in, `Document`s (or `InputError`s naming the file and line) out.

Each reader yields, per input record, either a `Document` or an `InputError`; a bad record never stops the batch.
`read_inputs` picks the reader by file suffix: `.jsonl`/`.ndjson` (one `{"id", "text"|"html", ...}` object a line),
`.html`/`.htm` (a saved page: main text and metadata), `.csv`/`.tsv` (one row a document, `ReadOptions.text_column`),
`.rss`/`.atom` (a feed: one document per entry, `feeds.py`), `.warc`/`.warc.gz` (a web archive: one document per HTML
page, `warc.py`), anything else as one plain-text document. A folder is walked recursively (`folders.py` finds the
files, `read_folder` reads them); `-` reads standard input; an http(s) URL is fetched (`web.py`: a page, or a feed's
entries). This is the one place that picks a reader; `suffixes.py` names the suffixes.
Every document records where it came from in `origin` (`path`, `path:line`).

Metadata precedence: a record's own `published_at`/`source`, else the value the user gave (`ReadOptions`), else what
the page's metadata says (HTML).
"""
from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from ..errors import InputError
from ..model import Document, document_id
from .csv_in import read_csv
from .files import MAX_RECORD_CHARS, SNIFF_BYTES, check_bytes, decode, read_bytes, sniff_binary
from .folders import walk_files
from .html import document_from_html, looks_like_html
from .options import ReadOptions, apply_defaults as _apply_defaults
from .publication_date import parse_date
from .suffixes import CSV_SUFFIXES, FEED_SUFFIXES, HTML_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES, WARC_SUFFIXES, has_suffix
from .warc import read_warc
from .web import LazyFetcher, is_url, read_feed_bytes, read_url

Item = Document | InputError


def document_from_record(rec: dict, origin: str) -> Document:
    """A Document from a contract record {"id", "text", "title"?, "published_at"?, "source"?, "url"?, "language"?}.

    A record with `html` instead of `text` is read as a saved page. Raises InputError when neither is a string."""
    text = rec.get("text")
    if not isinstance(text, str) and isinstance(rec.get("html"), str):
        doc = document_from_html(rec["html"], origin, doc_id=str(rec["id"]) if rec.get("id") else None)
        for k in ("title", "url", "source", "language"):
            if rec.get(k):
                setattr(doc, k, rec[k])
        doc.published_at = parse_date(rec.get("published_at")) or doc.published_at
        return doc
    if not isinstance(text, str):
        raise InputError(origin, "record has no 'text' string" + (f" (id {rec.get('id')!r})" if "id" in rec else ""))
    doc = Document(str(rec["id"]) if rec.get("id") not in (None, "") else document_id(text), text,
                   title=rec.get("title") or None, url=rec.get("url") or None, source=rec.get("source") or None,
                   published_at=parse_date(rec.get("published_at")), language=rec.get("language") or None,
                   origin=origin)
    if rec.get("published_at") and doc.published_at is None:
        doc.warn("bad-date", f"published_at {rec.get('published_at')!r} is not a YYYY-MM-DD date; ignored")
    return doc


def _lines(stream) -> Iterator[bytes]:
    """Lines of a binary or text stream, as bytes."""
    for line in stream:
        yield line.encode("utf-8", "surrogatepass") if isinstance(line, str) else line


def read_jsonl(stream, name: str, opts: ReadOptions | None = None) -> Iterator[Item]:
    """One document per JSON object line; a bad line is an InputError naming `name:line`, and the rest goes on."""
    opts = opts or ReadOptions()
    for lineno, raw in enumerate(_lines(stream), 1):
        if not raw.strip():
            continue
        origin = f"{name}:{lineno}"
        if len(raw) > MAX_RECORD_CHARS:
            yield InputError(origin, f"the line is {len(raw) / 1e6:.1f} MB; one document may be at most "
                                     f"{MAX_RECORD_CHARS / 1e6:.0f} MB")
            continue
        dec = decode(raw)
        try:
            rec = json.loads(dec.text)
        except json.JSONDecodeError as exc:
            yield InputError(origin, f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(rec, dict):
            yield InputError(origin, f"a JSON {type(rec).__name__} where an object was expected")
            continue
        try:
            doc = document_from_record(rec, origin)
        except InputError as exc:
            yield exc
            continue
        if dec.warning():
            doc.warn("invalid-utf8", dec.warning())
        yield _apply_defaults(doc, opts)


def _bytes_of(stream) -> bytes:
    data = stream.read()
    return data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data


def _whole(data: bytes, name: str, opts: ReadOptions | None, as_html: bool) -> Iterator[Item]:
    """One document from a whole file or stream, after the checks every file goes through (empty, binary...)."""
    try:
        check_bytes(data, name)
    except InputError as exc:
        yield exc
        return
    make = _html_document if as_html else _text_document
    yield from make(data, name, opts or ReadOptions())


def read_text(stream, name: str, opts: ReadOptions | None = None) -> Iterator[Item]:
    """The whole stream as one plain-text document."""
    return _whole(_bytes_of(stream), name, opts, as_html=False)


def read_html(stream, name: str, opts: ReadOptions | None = None) -> Iterator[Item]:
    """The whole stream as one web page: its main text, title, date and source."""
    return _whole(_bytes_of(stream), name, opts, as_html=True)


def _text_document(data: bytes, name: str, opts: ReadOptions) -> Iterator[Item]:
    dec = decode(data)
    if not dec.text.strip():
        yield InputError(name, "the file is empty")
        return
    doc = Document(document_id(dec.text), dec.text, origin=name)
    if dec.warning():
        doc.warn("invalid-utf8", dec.warning())
    yield _apply_defaults(doc, opts)


def _html_document(data: bytes, name: str, opts: ReadOptions) -> Iterator[Item]:
    dec = decode(data)
    try:
        doc = document_from_html(dec.text, name)
    except InputError as exc:
        yield exc
        return
    if dec.warning():
        doc.warn("invalid-utf8", dec.warning())
    yield _apply_defaults(doc, opts, override=True)


def _check_head(path: Path) -> None:
    """Refuse binary files before a streaming reader (JSONL, CSV) starts on them."""
    try:
        with open(path, "rb") as f:
            head = f.read(SNIFF_BYTES)
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    if not head.strip():
        raise InputError(str(path), "the file is empty")
    why = sniff_binary(head)
    if why:
        raise InputError(str(path), why)


def read_file(path: Path, opts: ReadOptions | None = None, fetcher: LazyFetcher | None = None) -> Iterator[Item]:
    """The documents of one file, by its suffix (see the module docstring); `fetcher` fetches a feed's articles."""
    opts = opts or ReadOptions()
    name, suffix = str(path), path.suffix.lower()
    if has_suffix(path, WARC_SUFFIXES):
        yield from read_warc(path, opts)
        return
    try:
        if suffix in FEED_SUFFIXES:
            yield from _read_feed_file(path, opts, fetcher)
            return
        if suffix in JSONL_SUFFIXES or suffix in CSV_SUFFIXES:
            _check_head(path)
            with open(path, "rb") as f:
                if suffix in JSONL_SUFFIXES:
                    yield from read_jsonl(f, name, opts)
                else:
                    yield from read_csv(f, name, text_column=opts.text_column, id_column=opts.id_column,
                                        source=opts.source, published_at=opts.published_at)
            return
        data = read_bytes(path)
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield InputError(name, f"cannot be read ({exc.strerror or exc})")
        return
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and looks_like_html(data[:2048].decode("utf-8", "replace"))):
        yield from _html_document(data, name, opts)
    else:
        yield from _text_document(data, name, opts)


def _read_feed_file(path: Path, opts: ReadOptions, fetcher: LazyFetcher | None) -> Iterator[Item]:
    """A saved feed: every entry, its linked article fetched (with `fetcher`, else one made for this file)."""
    data = read_bytes(path, opts.fetch.max_bytes if opts.fetch else MAX_FILE_BYTES)
    own = fetcher is None
    fetcher = fetcher or LazyFetcher(opts.fetch)
    try:
        yield from read_feed_bytes(data, str(path), opts, fetcher)
    finally:
        if own:
            fetcher.close()


def read_folder(root: Path, opts: ReadOptions | None = None, fetcher: LazyFetcher | None = None) -> Iterator[Item]:
    """The documents of every file below `root` (which files: `folders.walk_files`); a file that fails is reported,
    and so is a folder that holds no file to read."""
    opts = opts or ReadOptions()
    found = False
    for item in walk_files(root, opts.glob):
        if isinstance(item, InputError):
            yield item
            continue
        found = True
        yield from read_file(item, opts, fetcher)
    if not found:
        what = f"matching {opts.glob!r}" if opts.glob else "with a known suffix (.txt .html .jsonl .csv ...)"
        yield InputError(str(root), f"the folder holds no file {what}")


def read_path(path: Path, opts: ReadOptions | None = None, fetcher: LazyFetcher | None = None) -> Iterator[Item]:
    """A file or a folder (walked recursively)."""
    if not path.exists():
        why = "a broken symbolic link" if path.is_symlink() else "no such file or directory"
        yield InputError(str(path), why)
        return
    if path.is_dir():
        yield from read_folder(path, opts, fetcher)
        return
    yield from read_file(path, opts, fetcher)


def read_stdin(stream: BinaryIO | None = None, opts: ReadOptions | None = None) -> Iterator[Item]:
    """Standard input: JSONL when it starts with '{', HTML when it starts like a page, else one text document."""
    data = _bytes_of(stream or sys.stdin.buffer)
    if data.lstrip()[:1] == b"{":
        yield from read_jsonl(io.BytesIO(data), "<stdin>", opts or ReadOptions())
        return
    yield from _whole(data, "<stdin>", opts, as_html=looks_like_html(data[:2048].decode("utf-8", "replace")))


def read_inputs(paths: Iterable[str], opts: ReadOptions | None = None) -> Iterator[Item]:
    """Every document of every input in order: paths, URLs (fetched; one `Fetcher` for the batch, so the per-host
    rate limit and robots.txt cache span it) and `-` (standard input); with the feed's focus country when given."""
    opts = opts or ReadOptions()
    fetcher = LazyFetcher(opts.fetch)
    try:
        for p in paths:
            if p == "-":
                items = read_stdin(opts=opts)
            elif is_url(p):
                items = read_url(p, opts, fetcher)
            else:
                items = read_path(Path(os.path.expanduser(p)), opts, fetcher)
            for item in items:
                if opts.focus_country and isinstance(item, Document):
                    item.focus_country = opts.focus_country
                yield item
    finally:
        fetcher.close()
