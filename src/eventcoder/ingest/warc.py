"""Web archives (WARC, `.warc` and `.warc.gz`: the Internet Archive's and Common Crawl's format), read record by
record with warcio, so an archive of any size runs in constant memory.

Each HTML response (HTTP 200, an HTML content type) and each HTML resource record becomes a document, like a fetched
page: the article's text and metadata, the canonical form of the record's target URI as its `url` and id, the raw
page kept. The page's own publication date wins; a page without one is dated by the capture date (`WARC-Date`),
with a warning saying so. Other records (requests, metadata, images, scripts, redirects) hold no article and are
passed over. A record over the size limit, or a page with no article, is reported and the next record is read; a
truncated record (a cut download) is reported, and the archive ends there.
"""
from __future__ import annotations

import datetime as dt
import gzip
import zlib
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..model import Document
from .files import MAX_FILE_BYTES
from .options import ReadOptions, apply_defaults
from .web import page_document

_CHUNK = 1 << 16


def _iterator(f):
    """A warcio ArchiveIterator that remembers whether the archive's last gzip member was cut short (warcio itself
    passes over a truncated member in silence)."""
    from warcio.archiveiterator import ArchiveIterator  # noqa: PLC0415 - the fetch extra

    class Checked(ArchiveIterator):
        cut_short = False

        def close(self):
            d = self.reader.decompressor if self.reader else None
            if d is not None and not d.eof and self.reader.num_block_read:
                self.cut_short = True
            super().close()
    return Checked(f)


def _why_not_warc(path: Path) -> str | None:
    """Why the file is not a web archive (it must start with a WARC or ARC header, gzipped or not), or None."""
    with open(path, "rb") as f:
        head = f.read(2)
        f.seek(0)
        if head == b"\x1f\x8b":
            try:
                head = gzip.GzipFile(fileobj=f).read(16)
            except (OSError, EOFError, zlib.error) as exc:
                return f"is not a readable gzip file ({exc})"
        else:
            head = f.read(16)
    if head.startswith((b"WARC/", b"filedesc://")):
        return None
    return "is not a web archive (a WARC file starts with 'WARC/'); give .warc and .warc.gz names to archives only"


def _html_record(record) -> tuple[str, str | None] | None:
    """(content type, charset) of a record that holds an HTML page, else None."""
    if record.rec_type == "response":
        if record.http_headers is None or record.http_headers.get_statuscode() != "200":
            return None
        ctype = record.http_headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        ctype = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    kind = ctype.split(";", 1)[0].strip().lower()
    if kind not in ("text/html", "application/xhtml+xml"):
        return None
    charset = None
    for part in ctype.split(";")[1:]:
        k, _, v = part.partition("=")
        if k.strip().lower() == "charset":
            charset = v.strip().strip("\"'") or None
    return kind, charset


def _payload(record, max_bytes: int) -> tuple[bytes | None, bool]:
    """(the decoded payload, or None when over `max_bytes`; whether the record was cut short). The whole record is
    read through, a bounded piece at a time."""
    stream, out, over = record.content_stream(), bytearray(), False
    while chunk := stream.read(_CHUNK):
        if not over:
            out += chunk
            if len(out) > max_bytes:
                over, out = True, bytearray()
    while record.raw_stream.read(_CHUNK):
        pass
    return (None if over else bytes(out)), record.raw_stream.limit > 0


def _capture_date(record) -> dt.date | None:
    try:
        return dt.date.fromisoformat((record.rec_headers.get_header("WARC-Date") or "")[:10])
    except ValueError:
        return None


def _record_document(record, n: int, name: str, payload: bytes, kind: str, charset: str | None,
                     opts: ReadOptions) -> Document:
    uri = (record.rec_headers.get_header("WARC-Target-URI") or "").strip("<> ")
    if not uri:
        raise InputError(f"{name} record {n}", "the record names no target URI (WARC-Target-URI)")
    doc = page_document(payload, uri, f"{name} record {n} ({uri})", charset=charset, content_type=kind)
    apply_defaults(doc, opts, override=True)
    if doc.published_at is None and (captured := _capture_date(record)):
        doc.published_at = captured
        doc.warn("date-from-capture", f"the page gives no publication date; the archive's capture date "
                                      f"{captured.isoformat()} is used (the article may be older)")
    return doc


def read_warc(path: Path, opts: ReadOptions | None = None) -> Iterator[Document | InputError]:
    """The documents of a web archive, one per HTML page, in archive order (see the module docstring)."""
    opts = opts or ReadOptions()
    name = str(path)
    max_bytes = opts.fetch.max_bytes if opts.fetch else MAX_FILE_BYTES
    try:
        why = _why_not_warc(path)
        if why:
            yield InputError(name, why)
            return
        import warcio  # noqa: F401, PLC0415 - the fetch extra
        f = open(path, "rb")
    except OSError as exc:
        yield InputError(name, f"cannot be read ({exc.strerror or exc})")
        return
    except ImportError:
        yield InputError(name, "reading web archives needs warcio: pip install 'eventcoder[fetch]'")
        return
    with f:
        it, n, pages = _iterator(f), 0, 0
        while True:
            try:
                record = next(it)
            except StopIteration:
                break
            except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on damage: report, stop this file
                yield InputError(f"{name} record {n + 1}", f"the archive cannot be read on from here ({type(exc).__name__}: "
                                                          f"{exc}); is it a WARC file, and complete?")
                return
            n += 1
            html = _html_record(record)
            if html is None:
                continue
            pages += 1
            payload, cut = _payload(record, max_bytes)
            where = f"{name} record {n}"
            if cut:
                yield InputError(where, "the record is truncated (the archive ends inside it); re-download the "
                                        "archive for this page")
                continue
            if payload is None:
                yield InputError(where, f"the page is larger than {max_bytes / 1e6:g} MB, the limit of one page")
                continue
            try:
                yield _record_document(record, n, name, payload, html[0], html[1], opts)
            except InputError as exc:
                yield exc
        if it.cut_short:
            yield InputError(f"{name} record {n + 1}", "the archive is truncated (its last gzip member is cut "
                                                      "short); the records before it were read")
        elif not pages:
            yield InputError(name, f"the archive holds no HTML page ({n} record(s): requests, metadata, other "
                                   "content types or non-200 responses)")
