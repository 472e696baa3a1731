"""File suffixes: which reader a file goes to, and which files a folder walk picks up without a `--glob`.

Read by `readers` (the dispatch), `folders` (the walk) and `count` (the progress estimate); this module imports
nothing of the package, so every one of them can import it.
"""
from __future__ import annotations

JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv", ".tsv")
TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
KNOWN_SUFFIXES = JSONL_SUFFIXES + CSV_SUFFIXES + TEXT_SUFFIXES + HTML_SUFFIXES
