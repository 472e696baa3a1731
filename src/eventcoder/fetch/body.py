"""Reading a response body within limits: at most `max_bytes` once decoded (a gzip or deflate body is decompressed
here, a bounded piece at a time, so a decompression bomb is refused after `max_bytes` without ever holding more), and
within the total time limit (a server that sends one byte a second is cut off at the deadline, not at each read)."""
from __future__ import annotations

import time
import zlib
from typing import Iterable

from .addresses import FetchError

ACCEPT_ENCODING = "gzip, deflate"     # the codings decoded here: nothing else is asked for


class _Decoder:
    """Incremental gzip/deflate decoding that yields at most `room` bytes per step."""

    def __init__(self, coding: str):
        self.coding = coding
        self._d = self._new()

    def _new(self):
        if self.coding == "gzip":
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        return zlib.decompressobj()

    def feed(self, data: bytes, room: int) -> tuple[bytes, bool]:
        """(decoded bytes, whether more than `room` bytes were waiting)."""
        out = bytearray()
        while data and len(out) <= room:
            try:
                out += self._d.decompress(data, room + 1 - len(out))
            except zlib.error:
                if self.coding == "deflate" and not out and not self._d.unused_data:   # raw deflate, no header
                    self.coding, self._d = "raw-deflate", zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise
            if self._d.unconsumed_tail:
                data = self._d.unconsumed_tail
            elif self._d.eof and self._d.unused_data:     # a second gzip member
                data, self._d = self._d.unused_data, self._new()
            else:
                data = b""
        return bytes(out), len(out) > room


def read_body(url: str, chunks: Iterable[bytes], coding: str, max_bytes: int, deadline: float,
              timeout: float) -> bytes:
    """The decoded body from raw `chunks` (FetchError naming `url` when it is too large or too slow)."""
    coding = (coding or "identity").strip().lower()
    if coding not in ("identity", "gzip", "x-gzip", "deflate"):
        raise FetchError(url, f"the server sent the body in the {coding!r} encoding, which eventcoder did not ask for "
                              "and cannot read")
    decoder = _Decoder("gzip" if coding == "x-gzip" else coding) if coding != "identity" else None
    out, raw = bytearray(), 0
    try:
        for chunk in chunks:
            raw += len(chunk)
            if time.monotonic() > deadline:
                raise FetchError(url, f"the server took longer than the time limit ({timeout:g} s) to send the "
                                      f"page ({raw} bytes received); try again later or raise --timeout")
            if decoder is None:
                out += chunk
                over = len(out) > max_bytes
            else:
                data, over = decoder.feed(chunk, max_bytes - len(out))
                out += data
            if over or len(out) > max_bytes:
                raise FetchError(url, _too_large(max_bytes, raw, decoder is not None))
    except zlib.error as exc:
        raise FetchError(url, f"the {coding} body is damaged ({exc})") from None
    return bytes(out)


def _too_large(max_bytes: int, raw: int, compressed: bool) -> str:
    limit = f"{max_bytes / 1e6:g} MB"
    if compressed and raw * 20 < max_bytes:
        return (f"refused: a decompression bomb ({raw / 1e3:.0f} kB compressed decode to more than {limit}, the "
                "limit of one page)")
    return f"the response is larger than {limit}, the limit of one page (--max-bytes raises it)"
