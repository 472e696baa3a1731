"""A local web site for the fetching tests: a threaded HTTP server on a loopback address, serving what a test puts
on it (pages, feeds, redirects, slow and endless answers), stopped when the test ends, and by itself after a few
minutes whatever happens (so a test that hangs cannot leave it running)."""
from __future__ import annotations

import gzip
import html
import socket
import ssl
import subprocess
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "adra-prison.txt"
LIFETIME_S = 300          # the server stops itself after this, whatever the test does
NAIROBI = ("On 3 May 2023, police fired live rounds at protesters in Nairobi, killing two. The protesters had "
           "gathered outside parliament to oppose a new finance bill.")


def article_html(text: str, title: str, date: str | None = None, canonical: str | None = None) -> str:
    """A news page holding `text` as its article (one <p> a paragraph), with navigation around it."""
    paras = "".join(f"<p>{html.escape(p.strip())}</p>\n" for p in text.split("\n") if p.strip())
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title>{meta}{link}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{html.escape(title)}</h1>"
            f"{paras}</article><footer>Copyright the outlet</footer></body></html>")


def rss(entries: list[dict], title: str = "Test feed") -> bytes:
    """An RSS 2.0 feed; each entry a dict with optional title, link, guid (not a permalink), description,
    pubDate."""
    items = []
    for e in entries:
        parts = [f'<guid isPermaLink="false">{html.escape(v)}</guid>' if k == "guid" else
                 f"<{k}>{html.escape(v)}</{k}>" for k, v in e.items() if v is not None]
        items.append("<item>" + "".join(parts) + "</item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{html.escape(title)}</title>'
            f"<link>http://example.org/</link>{''.join(items)}</channel></rss>").encode()


class Site:
    """Routes: path (with its query) -> a handler(request) that answers; helpers add the usual kinds."""

    def __init__(self, host: str = "127.0.0.1", tls: tuple[str, str] | None = None):
        self.routes: dict[str, Callable] = {}
        self.hits: Counter = Counter()
        self.headers_seen: list[dict] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            timeout = 30

            def do_GET(self):   # noqa: N802 - the http.server name
                site.hits[self.path] += 1
                site.headers_seen.append(dict(self.headers))
                route = site.routes.get(self.path) or site.routes.get(self.path.split("?", 1)[0])
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                try:
                    route(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        server_class = ThreadingHTTPServer
        if ":" in host:
            server_class = type("Server6", (ThreadingHTTPServer,), {"address_family": socket.AF_INET6})
        self.server = server_class((host, 0), Handler)
        self.server.daemon_threads = True
        if tls:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(*tls)
            self.server.socket = ctx.wrap_socket(self.server.socket, server_side=True)
        netloc = f"[{host}]" if ":" in host else host
        self.base = f"{'https' if tls else 'http'}://{netloc}:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._timer = threading.Timer(LIFETIME_S, self.stop)
        self._timer.daemon = True

    def start(self) -> "Site":
        self._thread.start()
        self._timer.start()
        return self

    def stop(self) -> None:
        self._timer.cancel()
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    # --- kinds of answers ----------------------------------------------------------------------------------
    def add(self, path: str, body: bytes | str, status: int = 200, content_type: str = "text/html; charset=utf-8",
            headers: dict | None = None) -> str:
        data = body.encode() if isinstance(body, str) else body

        def answer(req):
            req.send_response(status)
            req.send_header("Content-Type", content_type)
            req.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                req.send_header(k, v)
            req.end_headers()
            req.wfile.write(data)
        self.routes[path] = answer
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        def answer(req):
            req.send_response(status)
            req.send_header("Location", to)
            req.send_header("Content-Length", "0")
            req.end_headers()
        self.routes[path] = answer
        return self.url(path)

    def slow(self, path: str, seconds: int = 60) -> str:
        """A page sent one byte a second (for at most `seconds`)."""
        def answer(req):
            req.send_response(200)
            req.send_header("Content-Type", "text/html")
            req.send_header("Content-Length", str(seconds))
            req.end_headers()
            for _ in range(seconds):
                req.wfile.write(b"x")
                req.wfile.flush()
                time.sleep(1)
        self.routes[path] = answer
        return self.url(path)

    def trickle_headers(self, path: str, seconds: int = 60) -> str:
        """An answer whose headers come one byte a second (for at most `seconds`)."""
        def answer(req):
            req.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for _ in range(seconds):
                req.wfile.write(b"X")
                req.wfile.flush()
                time.sleep(1)
        self.routes[path] = answer
        return self.url(path)

    def endless(self, path: str, limit: int = 1 << 30, announce: bool = False) -> str:
        """A response of `limit` bytes (1 GB), written until the client hangs up; with `announce`, its
        Content-Length says so up front."""
        chunk = b"<p>" + b"x" * 65530 + b"</p>"

        def answer(req):
            req.send_response(200)
            req.send_header("Content-Type", "text/html")
            if announce:
                req.send_header("Content-Length", str(limit))
            req.end_headers()
            sent = 0
            while sent < limit:
                req.wfile.write(chunk)
                sent += len(chunk)
        self.routes[path] = answer
        return self.url(path)

    def gzip_bomb(self, path: str, decoded_mb: int = 64) -> str:
        """A page whose gzip body is tiny and decodes to `decoded_mb` MB of zeros."""
        body = gzip.compress(b"\0" * (decoded_mb << 20), compresslevel=9)
        return self.add(path, body, headers={"Content-Encoding": "gzip"})

    def feed(self, path: str, body: bytes, etag: str) -> str:
        """A feed that answers 304 Not Modified to a request with its current ETag (change it with `feed` again)."""
        def answer(req):
            if req.headers.get("If-None-Match") == etag:
                req.send_response(304)
                req.send_header("ETag", etag)
                req.end_headers()
                return
            req.send_response(200)
            req.send_header("Content-Type", "application/rss+xml")
            req.send_header("Content-Length", str(len(body)))
            req.send_header("ETag", etag)
            req.send_header("Last-Modified", "Mon, 04 Mar 2024 10:00:00 GMT")
            req.end_headers()
            req.wfile.write(body)
        self.routes[path] = answer
        return self.url(path)


def self_signed(folder: Path, name: str = "localhost") -> tuple[str, str]:
    """A certificate for `name` (and its key), made with the openssl command; also the CA to trust."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={name}",
                    "-addext", f"subjectAltName=DNS:{name}", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return str(cert), str(key)
