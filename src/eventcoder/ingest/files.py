"""Reading one file safely: size limit, empty and binary files, archives, undecodable bytes.

Every check fails with an `InputError` naming the file and saying what to do, so a bad file is reported and the
batch goes on. Nothing here decompresses archives (so there is no zip or gzip bomb to defuse): an archive is
reported with the advice to unpack it first.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

MAX_FILE_BYTES = 10 * 1024 * 1024     # a single-document file (text, HTML) larger than this is refused
MAX_RECORD_CHARS = 10 * 1024 * 1024   # one JSONL line or CSV cell larger than this is refused
SNIFF_BYTES = 8192

# magic numbers of formats people drop into a folder of articles by mistake
_MAGIC = [
    (b"\x1f\x8b", "a gzip archive", "unpack it first (gunzip)"),
    (b"PK\x03\x04", "a zip archive (or a .docx/.xlsx/.odt document)", "unpack it, or save the document as text"),
    (b"BZh", "a bzip2 archive", "unpack it first (bunzip2)"),
    (b"\xfd7zXZ\x00", "an xz archive", "unpack it first (unxz)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-zip archive", "unpack it first"),
    (b"%PDF", "a PDF", "convert it to text first (e.g. pdftotext)"),
    (b"\x89PNG", "a PNG image", "leave images out (use --glob to pick the files to read)"),
    (b"\xff\xd8\xff", "a JPEG image", "leave images out (use --glob to pick the files to read)"),
    (b"GIF8", "a GIF image", "leave images out (use --glob to pick the files to read)"),
    (b"SQLite format 3\x00", "a SQLite database", "use `eventcoder export` to get events out of a database"),
]
_UTF_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


@dataclass
class Decoded:
    """Text decoded from bytes, with a note when some bytes were not valid UTF-8."""
    text: str
    bad_bytes: int = 0
    first_bad: int | None = None   # byte offset of the first undecodable byte
    legacy: str | None = None      # the single-byte encoding used when the bytes were not UTF-8 at all

    def warning(self) -> str | None:
        if self.legacy:
            return (f"the bytes are not UTF-8; read as {self.legacy} (check the accented letters, or save the file "
                    "as UTF-8)")
        if not self.bad_bytes:
            return None
        return (f"{self.bad_bytes} byte(s) were not valid UTF-8 (the first at byte {self.first_bad}) and were "
                "replaced with U+FFFD; save the file as UTF-8 for a clean reading")


def decode(data: bytes) -> Decoded:
    """UTF-8 (a BOM is dropped). Bytes with no valid UTF-8 in them are read as Windows-1252; otherwise undecodable
    bytes become U+FFFD and are counted. Never fatal; `Decoded.warning()` says what happened."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        first = exc.start
    text = data.decode("utf-8", errors="replace")
    if not any(ord(c) > 127 and c != "\ufffd" for c in text):
        # no valid multi-byte UTF-8 at all: a legacy single-byte file (Windows-1252 is the common one)
        try:
            return Decoded(data.decode("cp1252"), legacy="Windows-1252")
        except UnicodeDecodeError:
            return Decoded(data.decode("latin-1"), legacy="Latin-1")
    # count the bad bytes: each maximal undecodable run became one or more U+FFFD
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    return Decoded(text, max(bad, 1), first)


def sniff_binary(head: bytes) -> str | None:
    """Why `head` (the first bytes of a file) is not text, or None when it looks like text."""
    for magic, what, advice in _MAGIC:
        if head.startswith(magic):
            return f"is {what}, not text; {advice}"
    if head.startswith(_UTF_BOMS[1:]):
        return "is UTF-16 text; save it as UTF-8"
    if b"\x00" in head:
        return "looks like a binary file (it contains NUL bytes); eventcoder reads text, HTML, JSONL and CSV"
    return None


def read_bytes(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a single-document file after the size, emptiness and binary checks (InputError otherwise)."""
    name = str(path)
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror or exc})") from None
    if size > max_bytes:
        raise InputError(name, f"is {size / 1e6:.1f} MB; a single document may be at most {max_bytes / 1e6:.0f} MB "
                               "(split it into smaller files, or into one JSONL line per article)")
    try:
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror or exc})") from None
    check_bytes(data, name)
    return data


def check_bytes(data: bytes, name: str) -> None:
    if not data.strip():
        raise InputError(name, "the file is empty")
    why = sniff_binary(data[:SNIFF_BYTES])
    if why:
        raise InputError(name, why)
