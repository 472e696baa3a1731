"""Where documents came from, in the store: the raw page each fetched document was read from (`pages`), and what
`eventcoder watch` remembers of each feed (`feeds`: ETag and Last-Modified for conditional requests;
`feed_entries`: the entries already coded, by entry id, with their canonical URL and document). Documents are also
found by their canonical URL (`documents.url`), so an article reached from two feeds is coded once."""
from __future__ import annotations

from ..model import Document
from .sql_rows import utc_now


class SourceTables:
    """Mixed into `SQLStore`: needs `db` (execute with `?` placeholders), `dialect` and `writing()`."""

    def _save_page(self, doc: Document) -> None:
        """Keep the raw page of `doc` (inside the caller's transaction)."""
        if doc.raw_html is None:
            return
        self.db.execute(self.dialect.upsert("pages", ("doc_id", "url", "content", "fetched_at"), "doc_id"),
                        (doc.id, doc.url or doc.origin or "", doc.raw_html, utc_now()))

    def page(self, doc_id: str) -> bytes | None:
        """The raw page a document was read from, as fetched (None for documents not read from the web)."""
        row = self.db.execute("SELECT content FROM pages WHERE doc_id=?", (doc_id,)).fetchone()
        return bytes(row[0]) if row else None

    def has_url(self, url: str) -> bool:
        """Whether a document with this canonical URL is stored."""
        return self.db.execute("SELECT 1 FROM documents WHERE url=? LIMIT 1", (url,)).fetchone() is not None

    def feed_state(self, url: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) the feed last answered with, for a conditional request."""
        row = self.db.execute("SELECT etag, last_modified FROM feeds WHERE url=?", (url,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def set_feed_state(self, url: str, etag: str | None, last_modified: str | None) -> None:
        with self.writing() as db:
            db.execute(self.dialect.upsert("feeds", ("url", "etag", "last_modified", "checked_at"), "url"),
                       (url, etag, last_modified, utc_now()))

    def seen_entries(self, feed_url: str) -> set[str]:
        """The keys of the feed's entries already coded."""
        return {r[0] for r in self.db.execute("SELECT entry_key FROM feed_entries WHERE feed_url=?", (feed_url,))}

    def remember_entry(self, feed_url: str, key: str, url: str | None, doc_id: str | None) -> None:
        with self.writing() as db:
            db.execute(self.dialect.upsert("feed_entries", ("feed_url", "entry_key", "url", "doc_id", "seen_at"),
                                           "feed_url, entry_key"), (feed_url, key, url, doc_id, utc_now()))
