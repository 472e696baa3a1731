"""Repair: turn the text as crawled into clean text, keeping a map from every clean character back to the original.

What it does, in order, each step recorded in the offset map:
1. HTML entities are unescaped (`&#8220;` -> `“`, `&amp;` -> `&`).
2. Encoding damage that ftfy can undo is repaired (`â€™` -> `’`), line by line; quotes are kept as written.
3. Damage that cannot be undone (text whose bytes were decoded with the wrong codec and lost) is *detected* and
   reported as a `mojibake-unrepaired` warning with the original span; the text is left as it is, never guessed.
4. Repeated paragraphs (crawlers often repeat an article's body) are dropped, with a `duplicate-paragraphs`
   warning naming how many.
"""
from __future__ import annotations

import difflib
import html
import re
from array import array

import ftfy
from ftfy.badness import is_bad

from ..model import Document
from ..stage import Stage, stage

_FTFY = ftfy.TextFixerConfig(unescape_html=False, uncurl_quotes=False, fix_line_breaks=False,
                             normalization="NFC", explain=False)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f\s]{3,}(?:[^\x00-\x7f\s]|\s(?=[^\x00-\x7f\s]))*")
_PARAGRAPH = re.compile(r"[^\n]+")
_CODECS_TO_TRY = ("gbk", "big5", "euc-kr", "shift_jis", "cp1251", "cp1256")


class OffsetText:
    """Clean text under construction, with the original span of every character (as compact integer arrays: a
    list of Python ints costs 36 bytes a character, an array 8)."""

    def __init__(self, text: str):
        self.text = text
        self.starts = array("q", range(len(text)))
        self.ends = array("q", range(1, len(text) + 1))

    def replace(self, pieces: list[tuple[int, int, str]]) -> None:
        """Replace clean spans (non-overlapping, sorted) by new strings; new characters map to the replaced span."""
        out, starts, ends, pos = [], array("q"), array("q"), 0
        for a, b, new in pieces:
            out.append(self.text[pos:a]); starts += self.starts[pos:a]; ends += self.ends[pos:a]
            if new:
                if b > a:
                    s, e = self.starts[a], self.ends[b - 1]
                else:  # pure insertion: anchor on the character before (or after) it
                    s = e = self.ends[a - 1] if a > 0 else (self.starts[0] if self.starts else 0)
                out.append(new); starts += array("q", [s]) * len(new); ends += array("q", [e]) * len(new)
            pos = b
        out.append(self.text[pos:]); starts += self.starts[pos:]; ends += self.ends[pos:]
        self.text, self.starts, self.ends = "".join(out), starts, ends

    def rewrite(self, new_text: str, start: int = 0, end: int | None = None) -> None:
        """Replace text[start:end] by new_text, aligning the two with difflib so unchanged characters keep their map."""
        end = len(self.text) if end is None else end
        old = self.text[start:end]
        if old == new_text:
            return
        pieces = []
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new_text, autojunk=False).get_opcodes():
            if op != "equal":
                pieces.append((start + i1, start + i2, new_text[j1:j2]))
        self.replace(pieces)


def unescape_entities(t: OffsetText) -> int:
    pieces = []
    for m in _ENTITY.finditer(t.text):
        new = html.unescape(m.group())
        if new != m.group():
            pieces.append((m.start(), m.end(), new))
    t.replace(pieces)
    return len(pieces)


def fix_encoding(t: OffsetText) -> int:
    """ftfy, one line at a time (bounded alignment cost); returns the number of lines changed."""
    changed = 0
    for m in reversed(list(_PARAGRAPH.finditer(t.text))):
        line = m.group()
        if line.isascii():
            continue
        fixed = ftfy.fix_text(line, _FTFY)
        if fixed != line:
            t.rewrite(fixed, m.start(), m.end())
            changed += 1
    return changed


def find_unrepairable(text: str) -> list[tuple[int, int, str]]:
    """Spans that still look like mojibake after repair: (start, end, hint) in `text`'s offsets."""
    found = []
    for m in _NON_ASCII_RUN.finditer(text):
        run = m.group()
        latin1 = all(ord(c) < 0x100 for c in run)
        if not (latin1 and is_bad(run)):
            continue
        hints = []
        for codec in _CODECS_TO_TRY:
            try:
                decoded = run.encode("latin-1").decode(codec)
            except (UnicodeDecodeError, UnicodeEncodeError):
                continue
            hints.append(f"{codec}: {decoded}")
        found.append((m.start(), m.end(), "; ".join(hints[:2])))
    return found


def drop_repeated_paragraphs(t: OffsetText, min_chars: int = 40) -> tuple[int, int]:
    """Remove paragraphs that repeat an earlier one (same words, case and spacing aside).

    Returns (paragraphs dropped, characters dropped)."""
    seen: set[str] = set()
    pieces = []
    dropped = chars = 0
    for m in _PARAGRAPH.finditer(t.text):
        key = " ".join(m.group().casefold().split())
        if len(key) < min_chars:
            continue
        if key in seen:
            a, b = m.start(), m.end()
            if b < len(t.text) and t.text[b] == "\n":
                b += 1
            elif a > 0 and t.text[a - 1] == "\n":
                a -= 1
            pieces.append((a, b, ""))
            dropped += 1
            chars += b - a
        else:
            seen.add(key)
    # merge overlapping deletions (a leading newline taken twice)
    merged: list[tuple[int, int, str]] = []
    for a, b, s in pieces:
        if merged and a < merged[-1][1]:
            a = merged[-1][1]
        if b > a:
            merged.append((a, b, s))
    t.replace(merged)
    return dropped, chars


def repair(doc: Document) -> Document:
    t = OffsetText(doc.text)
    n = unescape_entities(t)
    if n:
        doc.warn("html-entities", f"unescaped {n} HTML entities")
    n = fix_encoding(t)
    if n:
        doc.warn("encoding-repaired", f"repaired encoding damage on {n} line(s)")
    for a, b, hint in find_unrepairable(t.text):
        oa, ob = t.starts[a], t.ends[b - 1]
        doc.warn("mojibake-unrepaired",
                 f"text {doc.text[oa:ob]!r} is damaged by a wrong text encoding and cannot be repaired reliably"
                 + (f" (its bytes read as {hint})" if hint else "") + "; it is kept as is and not used as a name",
                 oa, ob)
    dropped, chars = drop_repeated_paragraphs(t)
    if dropped:
        doc.warn("duplicate-paragraphs", f"dropped {dropped} repeated paragraph(s) ({chars} characters)")
    doc.set_clean(t.text, t.starts, t.ends)
    return doc


@stage("repair", requires=(), assigns=("clean", "readable"))
class Repair(Stage):
    """Set `doc.clean`: HTML entities unescaped, encoding damage ftfy can undo repaired, damage it cannot
    flagged, repeated paragraphs dropped; every clean character maps back to the original text."""

    def __call__(self, doc: Document) -> Document:
        if not doc.text or not doc.text.strip():
            doc.skipped = "empty text"
            doc.warn("empty", "the document has no text")
            return doc
        return repair(doc)
