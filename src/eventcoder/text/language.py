"""Language gate: the coder reads English; other languages are skipped with a warning rather than mis-coded."""
from __future__ import annotations

import re

from ..model import Document
from ..stage import Stage, stage

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_FUNCTION_WORDS = {
    "en": frozenset("""the of and to in a is was were on at by for with from that this have has had been are
        as it its an be he she they their his her who which said after killed people police forces near during
        over against into two three more than not or but also up out least""".split()),
    "fr": frozenset("le la les des du un une et est dans pour par sur au aux avec qui que ont été sont il elle "
                    "ils ce cette son ses leur selon lors après contre".split()),
    "es": frozenset("el la los las del un una y es en por para con que se su sus fue han sido al como contra "
                    "según tras durante".split()),
    "pt": frozenset("o a os as do da dos das um uma e em por para com que se foi foram seu sua ao pelo pela "
                    "contra segundo após".split()),
    "de": frozenset("der die das und ist im in den dem von zu mit auf für ein eine nicht sich des wurde "
                    "wurden nach bei gegen".split()),
    "it": frozenset("il lo la gli le di del della e è in per con che un una sono stato stati dopo contro "
                    "secondo durante".split()),
    "id": frozenset("yang dan di ke dari ini itu dengan untuk pada adalah dalam tidak oleh akan telah".split()),
}


def guess_language(text: str) -> tuple[str | None, float]:
    """(language code, share of that language's function words among the words); 'und' when undetermined.

    A cheap, dependency-free check: running text in a language is full of its function words.  Short texts and
    texts dense with names (headlines, coders' notes) have few, so English is assumed unless the text is in
    another script or another language's function words outnumber English ones."""
    words = [w.lower() for w in _WORD.findall(text[:5000])]
    if not words:
        return "und", 0.0
    latin = sum(1 for w in words if w.isascii()) / len(words)
    shares = {lang: sum(1 for w in words if w in fw) / len(words) for lang, fw in _FUNCTION_WORDS.items()}
    if latin < 0.5:
        return "und", shares["en"]
    best = max(shares, key=shares.get)
    if best != "en" and shares[best] > shares["en"] + 0.05 and len(words) >= 8:
        return best, shares[best]
    return "en", shares["en"]


@stage("language", requires=("clean",), assigns=("language",))
class LanguageGate(Stage):
    """Set `doc.language` and skip documents that are empty or not in English (with a warning)."""

    def __call__(self, doc: Document) -> Document:
        lang, share = guess_language(doc.clean)
        if doc.language and doc.language.lower()[:2] != "en":
            lang = doc.language
        if lang != "en":
            doc.skipped = "not English"
            doc.warn("not-english", f"skipped: the text reads as {'another script' if lang == 'und' else lang!r} "
                                    f"rather than English; eventcoder codes English reports")
        doc.language = doc.language or lang
        return doc
