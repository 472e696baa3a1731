"""File suffixes: which reader a file goes to, and which files a folder walk picks up without a `--glob`.

Read by `readers` (the dispatch), `folders` (the walk) and `count` (the progress estimate); this module imports
nothing of the package, so every one of them can import it.
"""
from __future__ import annotations

JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv", ".tsv")
TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom")
WARC_SUFFIXES = (".warc", ".warc.gz")      # matched against the end of the name (".warc.gz" has two dots)
KNOWN_SUFFIXES = JSONL_SUFFIXES + CSV_SUFFIXES + TEXT_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES + (".warc",)


def has_suffix(path, suffixes: tuple[str, ...]) -> bool:
    """Whether the file name ends with one of `suffixes` (any case)."""
    return str(path).lower().endswith(suffixes)


def is_known(path) -> bool:
    """Whether a folder walk reads this file without a --glob."""
    return has_suffix(path, KNOWN_SUFFIXES + WARC_SUFFIXES)
