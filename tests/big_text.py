"""Huge single-line documents for the linear-time tests (and for profiling: `python3 tests/big_text.py 10 > big.jsonl`
writes a 10 MB one as a JSONL document). Sentences written for these tests: conflict and non-conflict reporting,
with place names, numbers, dates, named groups and quotes, varied by a counter so no two are the same."""
from __future__ import annotations

import json
import sys

SENTENCES = [
    "On {d} May 2023, police fired live rounds at protesters in Nairobi, killing {n} people, witnesses said.",
    "The city council of Mombasa met on Monday to discuss a budget of {n} million shillings for schools.",
    "Gunmen attacked a village near Maiduguri on {day}, killing {n} civilians, the Borno state police said.",
    "Warplanes bombed Kafr Nabl and shells targeted Homs city, killing {n} civilians, activists reported.",
    "Al-Shabaab fighters ambushed a convoy of Kenyan troops near Mandera on {d} June, a spokesman told Reuters.",
    "Residents of Aleppo said the market reopened after {n} days and prices of bread rose by {d} percent.",
    "Clashes broke out north of Idlib between regime forces and rebels of Hayat Tahrir al-Sham on {day}.",
    "\"We will not leave,\" said Ahmed, a farmer from Daraa who lost {n} goats in the floods last year.",
    "Hundreds of students marched in Kampala on {d} March 2022 to protest fuel prices, and {n} were arrested.",
    "The weather was mild and sunny for most of the week, and the ministry of health reported {n} new cases.",
    "An explosive device hit a bus in Kabul's Dasht-e-Barchi district, wounding {n} passengers, officials said.",
    "Troops of the 4th Division shelled Talbiseh and the surrounding farms after {n} rockets hit the base.",
]
DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def big_text(chars: int) -> str:
    """A single-line text of at least `chars` characters (no newline), made of the sentences above, varied."""
    parts: list[str] = []
    size, i = 0, 0
    while size < chars:
        s = SENTENCES[i % len(SENTENCES)].format(d=1 + i % 28, n=2 + (i * 7) % 97, day=DAYS[i % 7])
        parts.append(s)
        size += len(s) + 1
        i += 1
    return " ".join(parts)


if __name__ == "__main__":
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    print(json.dumps({"id": f"big-{megabytes:g}mb", "text": big_text(int(megabytes * 1_000_000)),
                      "published_at": "2023-05-04"}))
