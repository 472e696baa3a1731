"""RSS and Atom feeds (feedparser): one document per entry, the linked article when it can be fetched, else the
entry's own text (with a warning saying why), with the entry's publication date.

Parsed safely: a feed that declares XML entities in a DOCTYPE (the billion-laughs attack, external entities) is
refused before the parser sees it; the feed is at most `max_bytes` (it comes through the same fetcher or file checks
as a page); an HTML page given as a feed, or bytes with no entry, are reported with what to do. A malformed feed
that feedparser can still read entries from is read, and its documents say so in a warning.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterator

from ..errors import InputError
from ..fetch.canonical import url_document_id
from ..model import Document, document_id
from .html import fragment_text, looks_like_html
from .options import ReadOptions, apply_defaults

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)
_ENTITY = re.compile(rb"<!ENTITY", re.I)
_ALTERNATE = re.compile(r"<link\b[^>]*type=[\"']application/(?:rss|atom)\+xml[\"'][^>]*>", re.I)
_HREF = re.compile(r"href=[\"']([^\"']+)[\"']", re.I)


@dataclass
class Entry:
    """One feed entry: its key (id, else link, else its text's hash), link, date, title and own text."""
    number: int
    key: str
    link: str | None
    published_at: dt.date | None
    title: str | None
    text: str
    origin: str


@dataclass
class Feed:
    url: str
    title: str | None
    entries: list[Entry] = field(default_factory=list)
    warning: str | None = None       # the feed is malformed but entries could be read


def is_feed_type(content_type: str) -> bool:
    return content_type in FEED_TYPES or content_type.endswith(("+rss", "/rss", "rss+xml", "atom+xml"))


def _check_safe(data: bytes, name: str) -> None:
    """Refuse entity declarations (and the HTML page given for a feed) before the XML parser runs."""
    head = data.decode("utf-16") if data.startswith((b"\xff\xfe", b"\xfe\xff")) else None
    raw = head.encode("utf-8", "replace") if head is not None else data
    if _DOCTYPE.search(raw) and _ENTITY.search(raw):
        raise InputError(name, "refused: the feed declares XML entities in its DOCTYPE (a billion-laughs or "
                               "external-entity attack, or a feed no reader should trust); ask its publisher for a "
                               "plain RSS or Atom feed")
    text = raw[:4096].decode("utf-8", "replace")
    if looks_like_html(text) and not re.search(r"<(rss|feed|rdf:RDF)\b", raw[:65536].decode("utf-8", "replace")):
        alt = [m2.group(1) for m in _ALTERNATE.finditer(raw[:200_000].decode("utf-8", "replace"))
               if (m2 := _HREF.search(m.group(0)))]
        hint = f"; the page names its feed(s): {', '.join(alt[:3])}" if alt else \
            "; give the feed's URL (the page's <link rel=\"alternate\" type=\"application/rss+xml\">)"
        raise InputError(name, "is an HTML page, not an RSS or Atom feed" + hint)


def _date(entry) -> dt.date | None:
    t = entry.get("published_parsed") or entry.get("updated_parsed") or entry.get("created_parsed")
    try:
        return dt.date(t.tm_year, t.tm_mon, t.tm_mday) if t else None
    except (ValueError, AttributeError):
        return None


def _entry_text(entry) -> str:
    parts = [c.get("value", "") for c in entry.get("content") or [] if isinstance(c, dict)]
    body = max(parts, key=len) if parts else entry.get("summary") or ""
    return fragment_text(body) if "<" in body else body.strip()


def parse_feed(data: bytes, name: str, base_url: str | None = None) -> Feed:
    """The entries of a feed's bytes (InputError when it is unsafe, HTML, or holds no feed)."""
    try:
        import feedparser  # noqa: PLC0415 - the fetch extra; imported when a feed is read
    except ImportError:
        raise InputError(name, "reading feeds needs feedparser: pip install 'eventcoder[fetch]'") from None
    _check_safe(data, name)
    parsed = feedparser.parse(data, response_headers={"content-location": base_url} if base_url else None,
                              sanitize_html=True, resolve_relative_uris=True)
    bad = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not parsed.get("version") and not parsed.entries:
        why = f" ({type(bad).__name__}: {bad})" if bad else ""
        raise InputError(name, f"is not an RSS or Atom feed: no feed and no entry could be read{why}")
    feed = Feed(name, parsed.feed.get("title") or None)
    if bad is not None:
        feed.warning = f"the feed is malformed ({type(bad).__name__}: {bad}); its entries were read as far as possible"
    for n, e in enumerate(parsed.entries, 1):
        link = (e.get("link") or "").strip() or None
        title = (e.get("title") or "").strip() or None
        text = _entry_text(e)
        key = (e.get("id") or "").strip() or link or document_id(f"{title or ''}\n{text}")
        origin = f"{name} entry {n}" + (f" ({link})" if link else "")
        feed.entries.append(Entry(n, key, link, _date(e), title, text, origin))
    return feed


def entry_own_document(feed: Feed, entry: Entry, opts: ReadOptions, doc_id: str | None = None) -> Document:
    """A document of the entry's own title and text (InputError when it has none)."""
    text = entry.text
    if entry.title and not text.startswith(entry.title):
        text = f"{entry.title}\n\n{text}" if text else entry.title
    if len(text.split()) < 3:
        raise InputError(entry.origin, "the entry has no link to fetch and no text of its own to code")
    doc = Document(doc_id or document_id(text), text, title=entry.title, url=entry.link, source=feed.title,
                   published_at=entry.published_at, origin=entry.origin)
    return apply_defaults(doc, opts)


def entry_documents(feed: Feed, opts: ReadOptions, fetch_page) -> Iterator[Document | InputError]:
    """A document per entry: `fetch_page(entry)` gives the linked article's Document (or raises InputError, and the
    entry's own text is coded with a warning saying why)."""
    for entry in feed.entries:
        yield entry_document(feed, entry, opts, fetch_page)


def entry_document(feed: Feed, entry: Entry, opts: ReadOptions, fetch_page) -> Document | InputError:
    page_error = None
    if entry.link and entry.link.startswith(("http://", "https://")):
        try:
            doc = fetch_page(entry)
        except InputError as exc:
            page_error = exc
        else:
            apply_defaults(doc, opts, override=True)
            doc.published_at = entry.published_at or doc.published_at
            doc.title = doc.title or entry.title
            doc.origin = entry.origin
            return _warned(doc, feed)
    try:
        doc = entry_own_document(feed, entry, opts, doc_id=url_document_id(entry.link) if page_error else None)
    except InputError as exc:
        if page_error is not None:
            return InputError(entry.origin, f"the linked article could not be read ({page_error.reason}) and the "
                                            "entry has no text of its own to code")
        return exc
    if page_error is not None:
        doc.warn("feed-entry-text", f"the linked article could not be read ({page_error.reason}); the entry's own "
                                    "text was coded instead")
    elif entry.link:
        doc.warn("feed-entry-text", f"the entry's link {entry.link!r} is not an http(s) URL; the entry's own text "
                                    "was coded")
    return _warned(doc, feed)


def _warned(doc: Document, feed: Feed) -> Document:
    if feed.warning:
        doc.warn("feed-malformed", feed.warning)
    return doc
