"""Saved web pages: the article's main text, title, publication date and source from the page itself.

trafilatura finds the main text and reads the page's metadata (title, date, site name, canonical URL). When it cannot
be imported, finds nothing or cannot parse the markup, a small standard-library extractor takes over (paragraph text
without scripts, styles and navigation), and the document says so in a warning (naming the parse error, if any).
Markup so damaged that the standard-library parser stops is read up to the damage, and a warning says so. Any other
exception is a bug: that page becomes an InputError naming it (the rest of the batch goes on), never a silent
fallback. The document's `text` is the extracted main text: evidence offsets index it, not
the HTML.
"""
from __future__ import annotations

import html as htmllib
import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from ..errors import InputError
from ..model import Document, document_id
from .publication_date import parse_date


@dataclass
class Page:
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    extractor: str = "trafilatura"
    fallback_reason: str | None = None   # why trafilatura's reading was not used, when it failed on the markup
    damage: str | None = None            # where the simple extractor stopped on damaged markup


def looks_like_html(head: str) -> bool:
    h = head.lstrip()[:512].lower()
    return h.startswith(("<!doctype html", "<html", "<?xml")) or bool(re.search(r"<(html|head|body|p|div)\b", h))


def _with_trafilatura(markup: str) -> tuple[Page | None, str | None]:
    """trafilatura's reading of the page, or (None, why not) where the simple extractor must take over: `why` is
    None when trafilatura is not installed or found no text, else the parse error it raised."""
    try:
        import trafilatura  # noqa: PLC0415 - heavy import, only for HTML input
        from lxml.etree import LxmlError  # noqa: PLC0415 - trafilatura's parser; installed with it
    except ImportError:
        return None, None
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    try:
        res = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False)
    except (ValueError, TypeError, LxmlError) as exc:   # markup it cannot parse
        return None, f"trafilatura could not parse the page: {type(exc).__name__}: {exc}"
    if res is None:
        return None, None
    d = res if isinstance(res, dict) else res.as_dict()
    text = (d.get("text") or "").strip()
    if not text:
        return None, None
    return Page(text, title=d.get("title") or None, date=d.get("date") or None,
                source=d.get("sitename") or d.get("hostname") or None, url=d.get("url") or None), None


class _TextParser(HTMLParser):
    """Text of the block elements outside script/style/nav/header/footer; <title> and a few <meta> tags."""
    SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "svg", "template", "iframe"}
    BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "article", "section", "blockquote"}
    META = {"og:title": "title", "og:site_name": "source", "article:published_time": "date", "date": "date",
            "pubdate": "date", "publish-date": "date", "dc.date": "date", "og:url": "url"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth_skip = 0
        self.in_title = False
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.depth_skip += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            a = dict(attrs)
            key = (a.get("property") or a.get("name") or "").lower()
            if key in self.META and a.get("content"):
                self.meta.setdefault(self.META[key], a["content"])
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.depth_skip:
            self.depth_skip -= 1
        elif tag == "title":
            self.in_title = False
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title_parts.append(data)
        elif not self.depth_skip:
            self.parts.append(data)


def _with_stdlib(markup: str, fallback_reason: str | None = None) -> Page:
    p = _TextParser()
    damage = None
    try:
        p.feed(markup)
        p.close()
    except AssertionError as exc:   # html.parser's way of refusing a damaged declaration or marked section
        damage = str(exc)
    lines = [" ".join(line.split()) for line in "".join(p.parts).split("\n")]
    text = "\n".join(line for line in lines if line)
    title = " ".join("".join(p.title_parts).split()) or p.meta.get("title")
    return Page(htmllib.unescape(text), title=title or None, date=p.meta.get("date"), source=p.meta.get("source"),
                url=p.meta.get("url"), extractor="stdlib", fallback_reason=fallback_reason, damage=damage)


def extract_page(markup: str) -> Page:
    """The main text and metadata of a page; falls back to the standard-library extractor (the Page says why)."""
    page, why = _with_trafilatura(markup)
    return page or _with_stdlib(markup, why)


def document_from_html(markup: str, origin: str, *, doc_id: str | None = None) -> Document:
    """A Document from one HTML page (InputError when the page has no text worth coding, or the extractors failed
    in a way they should not: the error names the exception, so it can be reported)."""
    try:
        page = extract_page(markup)
    except Exception as exc:  # noqa: BLE001 - an extractor bug: this page fails visibly, the batch goes on
        raise InputError(origin, f"the HTML extractors failed on this page ({type(exc).__name__}: {exc}); this is "
                                 f"a bug in eventcoder or trafilatura: please report it with the page") from exc
    if len(page.text.split()) < 3:
        raise InputError(origin, "no article text found in the page (only scripts, styles, navigation or markup); "
                                 "check that it is the saved article and not an index page")
    doc = Document(doc_id or document_id(page.text), page.text, title=page.title, url=page.url, source=page.source,
                   published_at=parse_date(page.date), origin=origin)
    if page.extractor != "trafilatura":
        why = page.fallback_reason or "trafilatura found none or is not installed"
        doc.warn("html-simple-extraction", f"the main text was taken with the simple extractor ({why}); "
                                           "menus or captions may be included")
    if page.damage:
        doc.warn("html-damaged-markup", f"the page's markup is damaged ({page.damage}); the text after the damage "
                                        "was left out: check the saved page")
    return doc


def fragment_text(markup: str) -> str:
    """The text of an HTML fragment (a feed entry's summary): block elements as lines; markup, scripts and styles
    dropped."""
    return _with_stdlib(markup).text
