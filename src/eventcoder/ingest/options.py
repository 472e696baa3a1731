"""How to read inputs (`ReadOptions`) and the user's defaults for what documents do not say (`apply_defaults`)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..fetch.options import FetchOptions
from ..model import Document


@dataclass
class ReadOptions:
    """How to read inputs: which files in folders, which CSV columns, defaults for missing metadata, and how to
    fetch URLs."""
    glob: str | None = None            # folders: only files whose path (relative to the folder) or name matches
    text_column: str | None = None     # CSV: the column holding the text (default: text, notes, body, ...)
    id_column: str | None = None       # CSV: the column holding the id (default: id, doc_id, event_id_cnty)
    source: str | None = None          # for documents that name no source
    published_at: dt.date | None = None  # for documents that carry no publication date
    focus_country: str | None = None   # ISO alpha-2: the country a feed is about (a hint the coder weighs as evidence)
    fetch: FetchOptions | None = None  # URLs, feeds: limits and permissions (default: FetchOptions())


def apply_defaults(doc: Document, opts: ReadOptions, *, override: bool = False) -> Document:
    """Fill the user's source/date where the document has none (`override`: also replace page metadata)."""
    if opts.source and (override or not doc.source):
        doc.source = opts.source
    if opts.published_at and (override or not doc.published_at):
        doc.published_at = opts.published_at
    return doc
