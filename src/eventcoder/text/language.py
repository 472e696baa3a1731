"""Language gate: the coder reads English; other languages are skipped with a warning rather than mis-coded."""
from __future__ import annotations

import re

from ..model import Document
from ..pipeline import Stage

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ENGLISH = frozenset("""the of and to in a is was were on at by for with from that this have has had been are
    as it its an be he she they their his her who which said after killed people police forces near during
    over against into two three more than not or but also up out least""".split())


def guess_language(text: str) -> tuple[str | None, float]:
    """('en', share of English function words) or (None, ...) when the text is too short to tell, or ('und', ...).

    A cheap, dependency-free check: English running text has many function words; headlines are short, so short
    texts written in Latin script pass."""
    words = _WORD.findall(text[:5000])
    if not words:
        return "und", 0.0
    latin = sum(1 for w in words if w.isascii()) / len(words)
    share = sum(1 for w in words if w.lower() in _ENGLISH) / len(words)
    if latin < 0.5:
        return "und", share
    if len(words) < 12:
        return "en", share
    return ("en" if share >= 0.08 else "und"), share


class LanguageGate(Stage):
    name = "language"
    requires = ("clean",)
    assigns = ("language",)

    def __call__(self, doc: Document) -> Document:
        lang, share = guess_language(doc.clean)
        if doc.language and doc.language.lower()[:2] != "en":
            lang = doc.language
        if lang != "en":
            doc.skipped = "not English"
            doc.warn("not-english", f"skipped: the text does not read as English (function-word share {share:.2f}); "
                                    "eventcoder codes English reports")
        doc.language = doc.language or lang
        return doc
