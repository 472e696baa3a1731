"""The watch loop's cycle: every feed asked with a conditional GET (its stored ETag and Last-Modified), its entries
read safely (`ingest.feeds`), the entries not yet coded (by entry id for this feed, and by canonical URL across all
feeds and runs) coded through the same path as `eventcoder code` (`store.coding.StoreCoding`: stored with their raw
page, fused into the dataset), and remembered. A feed's new ETag is stored only once all its entries were handled,
so a cycle stopped midway asks again next time and passes over what was done."""
from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from typing import Iterator

from ..errors import InputError
from ..fetch.canonical import canonical_url
from ..ingest.feeds import Entry, Feed, entry_document, parse_feed
from ..ingest.files import check_bytes
from ..ingest.options import ReadOptions
from ..ingest.web import LazyFetcher, fetch_page
from ..model import Document
from ..runner import RunSummary, run_batch
from ..store.coding import StoreCoding


@dataclass
class Cycle:
    """What one cycle did: feeds asked, not modified, failed; entries new; the coding summary."""
    number: int
    feeds: int = 0
    not_modified: int = 0
    feed_failures: list[str] = field(default_factory=list)
    new: int = 0
    summary: RunSummary = field(default_factory=RunSummary)
    stopped: bool = False

    @property
    def ok(self) -> bool:
        return not self.feed_failures and self.summary.ok

    def lines(self) -> list[str]:
        s = self.summary
        at = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        head = (f"{at} cycle {self.number}: {self.feeds} feed(s), {self.not_modified} not modified, "
                f"{len(self.feed_failures)} failed; {self.new} new entr{'y' if self.new == 1 else 'ies'}: "
                f"{s.coded} coded, {sum(s.skipped.values())} skipped, {len(s.failed)} failed; {s.events} event(s)"
                + ("; stopped" if self.stopped else ""))
        return [head] + [f"  failed: {m}" for m in self.feed_failures + s.failed]


def read_feed_list(text: str, name: str) -> list[str]:
    """The feed URLs of a feeds file (one a line; blank lines and # comments ignored); InputError on a line that
    is not an http(s) URL."""
    feeds: list[str] = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if not line:
            continue
        if not line.lower().startswith(("http://", "https://")):
            raise InputError(f"{name}:{n}", f"{line!r} is not an http(s) URL; write one feed URL a line")
        if line not in feeds:
            feeds.append(line)
    if not feeds:
        raise InputError(name, "names no feed; write one feed URL a line")
    return feeds


class Watcher:
    """Runs cycles over `feeds` into `store` with `pipeline`; `stop` (set by a signal) ends a cycle between
    documents."""

    def __init__(self, store, feeds: list[str], pipeline, opts: ReadOptions, stop: threading.Event):
        self.store, self.feeds, self.pipeline, self.opts, self.stop = store, feeds, pipeline, opts, stop
        self._entries: dict[str, list[tuple[str, Entry]]] = {}    # doc id -> the (feed, entry) it was read from

    def cycle(self, number: int) -> Cycle:
        cycle = Cycle(number)
        run_id = self.store.start_run(f"watch cycle {number}")
        coding = StoreCoding(self.store, run_id, after=self._remember)
        fetcher = LazyFetcher(self.opts.fetch)
        try:
            for url in self.feeds:
                if self.stop.is_set():
                    break
                self._feed(url, cycle, coding, fetcher)
        finally:
            fetcher.close()
            s = cycle.summary
            self.store.finish_run(run_id, docs_ok=s.coded + sum(s.skipped.values()), docs_failed=len(s.failed),
                                  events=s.events)
        cycle.stopped = self.stop.is_set()
        return cycle

    def _feed(self, url: str, cycle: Cycle, coding: StoreCoding, fetcher: LazyFetcher) -> None:
        cycle.feeds += 1
        etag, modified = self.store.feed_state(url)
        headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", modified)) if v}
        try:
            got = fetcher.get(url, headers)
            if got.status == 304:
                cycle.not_modified += 1
                return
            check_bytes(got.body, url)
            feed = parse_feed(got.body, url, got.url)
        except InputError as exc:
            cycle.feed_failures.append(str(exc))
            return
        new = self._new_entries(url, feed)
        cycle.new += len(new)

        def done(doc: Document) -> bool | str:
            verdict = coding.done(doc)
            if verdict:
                self._remember(doc)
            return verdict
        run_batch(self._items(url, feed, new, fetcher), self.pipeline, coding.save, cycle.summary, done=done)
        self._entries.clear()           # entries whose document failed are asked again next cycle
        if not self.stop.is_set():
            self.store.set_feed_state(url, got.headers.get("etag"), got.headers.get("last-modified"))

    def _new_entries(self, url: str, feed: Feed) -> list[Entry]:
        """The entries not coded yet; an entry whose article is already stored (from another feed) is remembered
        for this feed and passed over."""
        seen, new = self.store.seen_entries(url), []
        for entry in feed.entries:
            if entry.key in seen:
                continue
            seen.add(entry.key)
            link = canonical_url(entry.link) if entry.link else None
            if link and self.store.has_url(link):
                self.store.remember_entry(url, entry.key, link, None)
                continue
            new.append(entry)
        return new

    def _items(self, url: str, feed: Feed, entries: list[Entry], fetcher: LazyFetcher) -> Iterator:
        for entry in entries:
            if self.stop.is_set():
                return
            item = entry_document(feed, entry, self.opts, lambda e: fetch_page(fetcher, e.link, e.origin))
            if isinstance(item, Document):
                item.focus_country = self.opts.focus_country
                self._entries.setdefault(item.id, []).append((url, entry))
            yield item

    def _remember(self, doc: Document) -> None:
        for url, entry in self._entries.pop(doc.id, []):
            self.store.remember_entry(url, entry.key, doc.url, doc.id)
