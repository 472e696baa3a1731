"""Reports for the review desk's tests, coded by the real pipeline into a real store: the repo's example (a crawled
Syrian report with mojibake and no date), two outlets' reports of one air strike (fused into one event), a
Nigerian attack, a Kenyan protest, and a hostile report whose text, title and URL carry markup and script URLs
that the desk must show as text."""
from __future__ import annotations

import functools
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "adra-prison.txt"

HOSTILE_TEXT = ("<script>document.title='pwned'</script> Gunmen killed four villagers in Maiduguri, Borno State, "
                "on 12 March 2024, police said. <img src=x onerror=\"document.title='pwned'\"> Residents shared "
                "a link <a href=\"javascript:document.title='pwned'\">javascript:alert(1)</a> to the video.")

REPORTS = [
    # (id, text, title, source, published_at, url)
    ("strike-a", "Russian warplanes struck a market in Maarat al-Numan in Idlib province on 3 March 2024, killing "
                 "12 civilians, the Syrian Observatory for Human Rights said.",
     "Air strike on Idlib market kills 12", "AFP", "2024-03-03", "https://example.org/a"),
    ("strike-b", "An air strike by Russian jets hit the market of Maarat al-Numan, Idlib, on Sunday 3 March 2024. "
                 "Local medics said 15 people were killed.",
     "Market strike in Maarat al-Numan", "Reuters", "2024-03-04", "https://example.org/b"),
    ("kenya-protest", "Hundreds of students protested in Nairobi on 5 March 2024 against higher university fees; "
                      "police dispersed them with tear gas.",
     "Students protest fees in Nairobi", "Daily Nation", "2024-03-05", "https://example.org/c"),
    ("hostile", HOSTILE_TEXT, "<script>document.title='pwned'</script>Attack in Borno", "<b onmouseover=x>Wire</b>",
     "2024-03-13", "javascript:document.title='pwned'"),
]


@functools.lru_cache(maxsize=1)
def coded() -> tuple:
    """The reports coded by the real pipeline (once per test session)."""
    import eventcoder
    docs = [eventcoder.code_text(EXAMPLE.read_text(encoding="utf-8"), id="adra-prison")]
    for doc_id, text, title, source, published, url in REPORTS:
        doc = eventcoder.code_text(text, id=doc_id, title=title, source=source, published_at=published)
        doc.url = url
        docs.append(doc)
    return tuple(docs)


def fill(store) -> list[str]:
    """Save the coded reports in `store` (fused as `eventcoder code` fuses them); returns the fused event ids."""
    docs = coded()
    run = store.start_run("tests: desk reports")
    for doc in docs:
        store.save(doc, run)
    store.finish_run(run, docs_ok=len(docs), docs_failed=0, events=sum(len(d.events) for d in docs))
    return [r[0] for r in store.db.execute("SELECT id FROM fused_events ORDER BY id")]
