"""URLs in, documents out: a page is fetched (`fetch.client.Fetcher`), its article extracted as for a saved HTML file,
its raw bytes kept (`Document.raw_html`, stored with the document), and its canonical URL made its `url` and its id;
a feed (`--feed`, or a response whose type is RSS or Atom) becomes one document per entry (`feeds.py`). Every
failure is an `InputError` (a `FetchError`) naming the URL, so the batch reports it and goes on."""
from __future__ import annotations

import codecs
import re
from typing import Iterator

from ..errors import InputError
from ..fetch.addresses import FetchError
from ..fetch.canonical import page_canonical, url_document_id
from ..fetch.options import FetchOptions
from ..model import Document
from .feeds import entry_documents, is_feed_type, parse_feed
from .files import check_bytes, decode
from .html import document_from_html, looks_like_html
from .options import ReadOptions, apply_defaults

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")


def is_url(arg: str) -> bool:
    """Whether a command-line input names a URL (any scheme: the fetcher refuses what is not http or https)."""
    return bool(_URL.match(arg))


class LazyFetcher:
    """One `Fetcher` for a batch, made at the first URL (so reading local files needs no HTTP client)."""

    def __init__(self, opts: FetchOptions | None):
        self.opts = opts or FetchOptions()
        self._fetcher = None

    def get(self, url: str, headers: dict[str, str] | None = None):
        if self._fetcher is None:
            try:
                from ..fetch.client import Fetcher  # noqa: PLC0415 - httpx, only when something is fetched
            except ImportError as exc:
                raise FetchError(url, f"fetching URLs needs {exc.name}: pip install 'eventcoder[fetch]'") from None
            self._fetcher = Fetcher(self.opts)
        return self._fetcher.get(url, headers)

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None


def _text_of(raw: bytes, charset: str | None) -> str:
    if charset:
        try:
            codecs.lookup(charset)
            return raw.decode(charset, errors="replace")
        except LookupError:
            pass
    return decode(raw).text


def page_document(raw: bytes, page_url: str, origin: str, *, charset: str | None = None,
                  content_type: str = "text/html") -> Document:
    """The document of a page fetched from `page_url` (its URL after redirects): the article's text and metadata,
    the canonical URL as `url` and id, the raw bytes kept. InputError when the response is not a page."""
    check_bytes(raw, origin)
    if content_type not in TEXT_TYPES:
        raise InputError(origin, f"the response is {content_type}, not a web page or a feed; give the article's URL")
    text = _text_of(raw, charset)
    canonical = page_canonical(text, page_url)
    if content_type == "text/plain" and not looks_like_html(text[:2048]):
        doc = Document(url_document_id(canonical), text, origin=origin)
    else:
        doc = document_from_html(text, origin, doc_id=url_document_id(canonical))
    doc.url = canonical
    doc.raw_html = raw
    return doc


def fetch_page(fetcher: LazyFetcher, url: str, origin: str | None = None) -> Document:
    """The document of the page at `url` (FetchError or InputError when it cannot be fetched or read)."""
    got = fetcher.get(url)
    return page_document(got.body, got.url, origin or url, charset=got.charset, content_type=got.content_type)


def read_url(url: str, opts: ReadOptions, fetcher: LazyFetcher) -> Iterator[Document | InputError]:
    """The documents at `url`: one page, or every entry of a feed (`opts.fetch.feed`, or a feed's content type)."""
    try:
        got = fetcher.get(url)
    except FetchError as exc:
        yield exc
        return
    as_feed = (opts.fetch and opts.fetch.feed) or is_feed_type(got.content_type)
    if not as_feed:
        try:
            doc = page_document(got.body, got.url, url, charset=got.charset, content_type=got.content_type)
        except InputError as exc:
            yield exc
            return
        yield apply_defaults(doc, opts, override=True)
        return
    yield from read_feed_bytes(got.body, url, opts, fetcher, base_url=got.url)


def read_feed_bytes(data: bytes, name: str, opts: ReadOptions, fetcher: LazyFetcher,
                    base_url: str | None = None) -> Iterator[Document | InputError]:
    """Every entry of the feed in `data` as a document (its linked article fetched with `fetcher`)."""
    try:
        check_bytes(data, name)
        feed = parse_feed(data, name, base_url)
    except InputError as exc:
        yield exc
        return
    yield from entry_documents(feed, opts, lambda entry: fetch_page(fetcher, entry.link, entry.origin))
