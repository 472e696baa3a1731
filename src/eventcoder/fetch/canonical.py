"""The canonical URL of a fetched page: its identity in the store (the document's `url`, and its id derives from it),
so one article reached from two feeds, with two sets of tracking parameters or through a redirect, is one document.

After redirects, the URL is normalised: scheme and host in lower case, the default port and the fragment dropped,
user and password dropped, an empty path made "/", and the tracking parameters of `data/tracking_params.txt`
(utm_*, fbclid, gclid, ...) removed; the other parameters keep their order. A `<link rel="canonical">` in the page
is honoured when it points to the same site (same host, or one a subdomain of the other): a page cannot claim
another site's identity."""
from __future__ import annotations

import functools
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from ..model import document_id
from ..resources import data_text

DEFAULT_PORTS = {"http": 80, "https": 443}


@functools.lru_cache(maxsize=1)
def tracking_params() -> tuple[frozenset[str], tuple[str, ...]]:
    """(exact names, prefixes) of the tracking parameters."""
    names, prefixes = set(), []
    for line in data_text("tracking_params.txt").splitlines():
        line = line.strip().lower()
        if not line or line.startswith("#"):
            continue
        if line.endswith("*"):
            prefixes.append(line[:-1])
        else:
            names.add(line)
    return frozenset(names), tuple(prefixes)


def is_tracking(name: str) -> bool:
    names, prefixes = tracking_params()
    name = name.lower()
    return name in names or name.startswith(prefixes)


def canonical_url(url: str) -> str:
    """`url` normalised (see the module docstring); a URL that is not http(s) comes back unchanged."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return url
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking(k)]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query, doseq=True), ""))


def _site(host: str) -> str:
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def same_site(a: str, b: str) -> bool:
    """Whether two URLs are on the same site: the same host (www. aside), or one host a subdomain of the other."""
    ha, hb = _site(urlsplit(a).hostname or ""), _site(urlsplit(b).hostname or "")
    if not ha or not hb:
        return False
    return ha == hb or ha.endswith("." + hb) or hb.endswith("." + ha)


class _CanonicalLink(HTMLParser):
    """The href of the first <link rel="canonical"> before the body."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.href: str | None = None
        self.done = False

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        if tag == "body":
            self.done = True
        elif tag == "link":
            a = dict(attrs)
            if "canonical" in (a.get("rel") or "").lower().split() and a.get("href"):
                self.href, self.done = a["href"], True


def page_canonical(markup: str, page_url: str) -> str:
    """The canonical URL of a page fetched from `page_url` (its final URL): the page's own same-site
    `<link rel="canonical">` when it has one, else `page_url`; normalised either way."""
    p = _CanonicalLink()
    head = markup[:200_000]
    try:
        p.feed(head[:head.lower().find("<body") + 6] if "<body" in head.lower() else head)
    except AssertionError:      # html.parser refusing a damaged declaration: no canonical link then
        pass
    if p.href:
        target = urljoin(page_url, p.href.strip())
        if urlsplit(target).scheme in DEFAULT_PORTS and same_site(target, page_url):
            return canonical_url(target)
    return canonical_url(page_url)


def url_document_id(url: str) -> str:
    """The id of the document fetched from `url`: derived from its canonical URL, so every way to reach it agrees."""
    return document_id(canonical_url(url))
