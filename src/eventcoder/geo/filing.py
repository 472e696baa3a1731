"""`filed_under(cc)`: the country and admin1 ACLED files a territory's events under (`data/acled_filing.tsv`:
Hong Kong's are China's, admin1 "Hong Kong"), or None for a country filed as itself."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _filing() -> dict[str, tuple[str, str]]:
    text = resources.files("eventcoder").joinpath("data/acled_filing.tsv").read_text(encoding="utf-8")
    out = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 3:
            raise ValueError(f"data/acled_filing.tsv line {n}: expected 'territory<TAB>country<TAB>admin1'")
        out[cols[0]] = (cols[1], cols[2])
    return out


def filed_under(cc: str | None) -> tuple[str, str] | None:
    """(country ISO alpha-2, admin1) a territory's events are filed under, else None."""
    return _filing().get((cc or "").upper())
