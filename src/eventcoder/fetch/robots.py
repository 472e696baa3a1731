"""robots.txt, honoured and cached per site (scheme, host and port), as RFC 9309 says: a robots.txt that is missing
(a 4xx answer) allows everything; one that cannot be fetched (a 5xx answer, a network failure) forbids everything,
for now; rules are matched against eventcoder's name."""
from __future__ import annotations

from typing import Callable
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from .addresses import FetchError
from .options import ROBOTS_AGENT

MAX_ROBOTS_BYTES = 512 * 1024         # RFC 9309 asks crawlers to read at least 500 KiB


class Robots:
    """`allowed(url)` -> None when robots.txt lets eventcoder fetch `url`, else why not. `fetch(url, max_bytes)`
    returns (status, body) of the site's robots.txt, following redirects; it raises FetchError on failure."""

    def __init__(self, fetch: Callable[[str, int], tuple[int, bytes]]):
        self._fetch = fetch
        self._sites: dict[str, RobotFileParser | str] = {}

    def allowed(self, url: str) -> str | None:
        parts = urlsplit(url)
        site = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        rules = self._sites.get(site)
        if rules is None:
            rules = self._sites[site] = self._load(site)
        if isinstance(rules, str):
            return rules
        if rules.can_fetch(ROBOTS_AGENT, url):
            return None
        return f"refused: the site's robots.txt ({site}/robots.txt) does not allow eventcoder to fetch this page"

    def _load(self, site: str) -> RobotFileParser | str:
        robots_url = site + "/robots.txt"
        rp = RobotFileParser(robots_url)
        try:
            status, body = self._fetch(robots_url, MAX_ROBOTS_BYTES)
        except FetchError as exc:
            return f"the site's robots.txt could not be fetched ({exc.reason}), so nothing is fetched from the site"
        if 400 <= status < 500:
            rp.allow_all = True
        elif status >= 300:
            return (f"the site's robots.txt answered HTTP {status}, so nothing is fetched from the site for now; "
                    "try again later")
        else:
            rp.parse(body.decode("utf-8", "replace").splitlines())
        return rp
