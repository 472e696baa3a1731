"""`Fetcher`: one polite, safe HTTP client for a batch of URLs (httpx underneath).

Per request: only http and https; the host resolved and every address checked (`addresses.py`) before connecting,
and the connection made to the checked address (the name is not resolved twice; TLS still checks the certificate
against the name); redirects followed here, each hop checked the same way, at most `max_redirects`; robots.txt
honoured for every hop; the body read within `max_bytes` decoded bytes (`body.py`), and the whole exchange, headers
included, within `timeout` seconds (`deadline.py`);
each host asked at most `rate` times a second; a User-Agent that names eventcoder and its version. Every refusal or
failure is a `FetchError` naming the URL and saying why, so the batch reports it and goes on.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

from .addresses import FetchError, checked_address
from .body import ACCEPT_ENCODING, read_body
from .deadline import deadline as request_deadline, transport
from .options import FetchOptions
from .robots import Robots

REDIRECTS = (301, 302, 303, 307, 308)
ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5"


@dataclass
class Fetched:
    """A response: the URL asked for, the URL it came from after redirects, its status, headers and decoded body."""
    requested: str
    url: str
    status: int
    headers: httpx.Headers
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            k, _, v = part.partition("=")
            if k.strip().lower() == "charset" and v.strip():
                return v.strip().strip('"\'')
        return None


class Fetcher:
    """Fetch URLs within `FetchOptions` (see the module docstring). Use as a context manager, or call `close()`."""

    def __init__(self, opts: FetchOptions | None = None):
        self.opts = opts or FetchOptions()
        self._client = httpx.Client(follow_redirects=False, trust_env=False, transport=transport())
        self._last: dict[str, float] = {}
        self.robots = Robots(self._robots_txt)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, headers: dict[str, str] | None = None) -> Fetched:
        """The response to GET `url` after redirects; a 304 (to conditional `headers`) comes back as it is, any
        other status outside 2xx is a FetchError."""
        got = self._follow(url, headers or {}, self.opts.max_bytes, robots=True)
        if got.status != 304 and not 200 <= got.status < 300:
            where = f" (redirected to {got.url})" if got.url != url else ""
            raise FetchError(url, f"the server answered HTTP {got.status}{where}")
        return got

    def _robots_txt(self, url: str, max_bytes: int) -> tuple[int, bytes]:
        got = self._follow(url, {}, max_bytes, robots=False)
        return got.status, got.body

    def _follow(self, url: str, headers: dict[str, str], max_bytes: int, robots: bool) -> Fetched:
        deadline = time.monotonic() + self.opts.timeout
        current = url
        for _ in range(self.opts.max_redirects + 1):
            target = self._check(url, current)
            ip = checked_address(url, target.host, target.port or (443 if target.scheme == "https" else 80),
                                 self.opts.allow_private, self.opts.allowed_networks)
            if robots:
                why = self.robots.allowed(str(target))
                if why:
                    raise FetchError(url, why + (f" (redirected to {current})" if current != url else ""))
            got = self._request(url, target, ip, headers, max_bytes, deadline)
            location = got.headers.get("location")
            if got.status not in REDIRECTS or not location:
                return Fetched(url, str(target), got.status, got.headers, got.body)
            current = urljoin(str(target), location.strip())
        raise FetchError(url, f"more than {self.opts.max_redirects} redirects (the last to {current}); the page "
                              "cannot be reached")

    def _check(self, url: str, current: str) -> httpx.URL:
        try:
            target = httpx.URL(current)
        except (httpx.InvalidURL, ValueError) as exc:
            raise FetchError(url, f"{current!r} is not a valid URL ({exc})") from None
        if target.scheme not in ("http", "https"):
            hop = "" if current == url else f" (a redirect to {current})"
            raise FetchError(url, f"refused: only http and https URLs are fetched, not {target.scheme or 'no'}:"
                                  f"{hop}")
        if not target.host:
            raise FetchError(url, f"{current!r} names no host")
        return target

    def _wait_turn(self, host: str) -> None:
        """At most `rate` requests a second to one host."""
        if self.opts.rate <= 0:
            return
        now = time.monotonic()
        wait = self._last.get(host, -1e9) + 1.0 / self.opts.rate - now
        if wait > 0:
            time.sleep(wait)
        self._last[host] = time.monotonic()

    def _request(self, url: str, target: httpx.URL, ip, headers: dict[str, str], max_bytes: int,
                 deadline: float) -> Fetched:
        """One GET of `target`, connecting to `ip` (the address checked for its host)."""
        host = target.host
        self._wait_turn(host)
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchError(url, f"the time limit ({self.opts.timeout:g} s) ran out before {target} was asked")
        send = {"Host": target.netloc.decode("ascii"), "User-Agent": self.opts.user_agent, "Accept": ACCEPT,
                "Accept-Encoding": ACCEPT_ENCODING, **headers}
        ext = {"sni_hostname": host} if target.scheme == "https" else {}
        try:
            with request_deadline(deadline), self._client.stream(
                    "GET", target.copy_with(host=str(ip)), headers=send, extensions=ext,
                    timeout=httpx.Timeout(min(self.opts.read_timeout, left))) as resp:
                if resp.status_code in REDIRECTS or resp.status_code == 304:
                    body = b""
                else:
                    self._check_length(url, resp, max_bytes)
                    body = read_body(url, resp.iter_raw(), resp.headers.get("content-encoding", ""), max_bytes,
                                     deadline, self.opts.timeout)
                return Fetched(url, str(target), resp.status_code, resp.headers, body)
        except httpx.TimeoutException:
            if time.monotonic() >= deadline - 0.05:
                raise FetchError(url, f"the server took longer than the time limit ({self.opts.timeout:g} s) to "
                                      "answer; try again later or raise --timeout") from None
            raise FetchError(url, f"{target.host} sent nothing for {self.opts.read_timeout:g} s; try again "
                                  "later") from None
        except httpx.HTTPError as exc:
            raise FetchError(url, f"{target.host} could not be reached ({type(exc).__name__}: {exc})") from None

    @staticmethod
    def _check_length(url: str, resp: httpx.Response, max_bytes: int) -> None:
        length = resp.headers.get("content-length", "")
        coding = resp.headers.get("content-encoding", "identity").strip().lower()
        if length.isdigit() and coding == "identity" and int(length) > max_bytes:
            raise FetchError(url, f"the response is {int(length) / 1e6:.1f} MB, larger than {max_bytes / 1e6:g} MB, "
                                  "the limit of one page (--max-bytes raises it)")
