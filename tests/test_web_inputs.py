"""URLs and feeds as inputs of `code` and `extract` (a local web site on 127.0.0.1, --allow-private set): the
article extracted and coded, its canonical URL as its identity, its raw page stored; feeds read safely; every bad
URL or entry reported by itself while the rest goes on."""
from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from eventcoder.cli import cli
from eventcoder.errors import InputError
from eventcoder.fetch.canonical import url_document_id
from eventcoder.ingest.feeds import entry_documents, parse_feed
from eventcoder.ingest.options import ReadOptions
from local_web import EXAMPLE, NAIROBI, article_html, rss

LOCAL = ["--allow-private", "--rate", "0", "--timeout", "5", "-q"]
ADRA = EXAMPLE.read_text(encoding="utf-8")


def run(args):
    return CliRunner().invoke(cli, args)


def events(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.fixture
def news(site):
    """The site with two articles (one reached through a redirect), an index of feeds and robots.txt."""
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.add("/2024/adra", article_html(ADRA, "Regime recruits Adra prison detainees", "2024-03-02"))
    site.add("/2024/nairobi", article_html(NAIROBI, "Police fire on protesters in Nairobi", "2023-05-04",
                                           canonical="/news/nairobi-protest"))
    site.redirect("/short/1", site.url("/2024/adra?utm_source=twitter&utm_medium=social"))
    return site


def test_extract_a_url_codes_the_article_with_its_date(news):
    r = run(["extract", news.url("/short/1"), *LOCAL])
    assert r.exit_code == 0, r.stderr
    evs = events(r.stdout)
    assert evs and {e["doc_id"] for e in evs} == {url_document_id(news.url("/2024/adra"))}
    assert any(e["sub_event_type"] == "Air/drone strike" for e in evs)


def test_code_stores_the_canonical_url_and_the_raw_page(news, tmp_path):
    db = tmp_path / "ev.db"
    r = run(["code", news.url("/2024/nairobi?fbclid=abc"), news.url("/short/1"), "--db", str(db), *LOCAL])
    assert r.exit_code == 0, r.stderr
    con = sqlite3.connect(db)
    rows = dict(con.execute("SELECT url, published_at FROM documents").fetchall())
    assert rows == {news.url("/news/nairobi-protest"): "2023-05-04", news.url("/2024/adra"): "2024-03-02"}
    raw = con.execute("SELECT content FROM pages WHERE url=?", (news.url("/2024/adra"),)).fetchone()[0]
    assert raw == article_html(ADRA, "Regime recruits Adra prison detainees", "2024-03-02").encode()
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] >= 3
    assert con.execute("SELECT count(*) FROM fused_events").fetchone()[0] >= 3


def test_loopback_is_refused_without_allow_private(news):
    r = run(["extract", news.url("/2024/adra"), "-q"])
    assert r.exit_code == 1 and r.stdout == ""
    assert (f"failed: {news.url('/2024/adra')}: refused: 127.0.0.1 is a loopback address (--allow-private fetches "
            "from your own network)") in r.stderr


def test_bad_urls_are_reported_one_by_one_and_the_rest_goes_on(news):
    for i in range(20, 0, -1):
        news.redirect(f"/loop/{i}", news.url(f"/loop/{i - 1}"))
    news.redirect("/to-local", "http://localhost:1/admin")
    news.add("/private/page", article_html(NAIROBI, "hidden"))
    news.slow("/slow")
    news.endless("/huge")
    news.gzip_bomb("/bomb")
    news.add("/picture", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, content_type="image/png")
    bad = ["/loop/20", "/slow", "/huge", "/bomb", "/private/page", "/missing", "/picture"]
    r = run(["extract", *[news.url(p) for p in bad], news.url("/2024/nairobi"), "ftp://example.org/x",
             *LOCAL[:-3], "--timeout", "3", "-q"])
    assert r.exit_code == 1
    assert {e["doc_id"] for e in events(r.stdout)} == {url_document_id(news.url("/news/nairobi-protest"))}
    failed = [line for line in r.stderr.splitlines() if line.startswith("  failed: ")]
    assert len(failed) == len(bad) + 1
    text = "\n".join(failed)
    for what in ("more than 10 redirects", "longer than the time limit (3 s)", "larger than 10.4858 MB",
                 "decompression bomb", "robots.txt", "HTTP 404", "is a PNG image", "only http and https"):
        assert what in text, what


def test_a_feed_codes_each_linked_article_or_the_entry_text(news, tmp_path):
    news.add("/feed.xml", rss([
        {"title": "Adra", "link": news.url("/2024/adra?utm_campaign=rss"), "guid": "a-1",
         "pubDate": "Sun, 03 Mar 2024 08:00:00 GMT"},
        {"title": "Protest in Nairobi", "description": f"<p>{NAIROBI}</p>", "guid": "n-1"},
        {"title": "Gone", "link": news.url("/gone"), "description": NAIROBI.replace("two", "three"), "guid": "g-1"},
        {"guid": "empty-1"},
    ]), content_type="application/xml")
    db = tmp_path / "ev.db"
    r = run(["code", news.url("/feed.xml"), "--feed", "--db", str(db), *LOCAL])
    assert r.exit_code == 1
    assert f"failed: {news.url('/feed.xml')} entry 4: the entry has no link to fetch and no text of its own" in r.stderr
    con = sqlite3.connect(db)
    docs = {row[0]: row[1:] for row in con.execute("SELECT url, published_at, warnings FROM documents")}
    adra = docs.pop(news.url("/2024/adra"))
    assert adra[0] == "2024-03-03"                  # the entry's date, over the page's own
    gone = docs.pop(news.url("/gone"))
    assert "the linked article could not be read" in gone[1] and "HTTP 404" in gone[1]
    (own,) = docs.values()                          # the entry without a link: its own text, no date
    assert own[0] is None
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] >= 4


def test_one_article_from_two_feeds_is_one_document(news, tmp_path):
    a = rss([{"title": "Adra", "link": news.url("/2024/adra?utm_source=feed-a"), "guid": "x"}])
    b = rss([{"title": "Adra again", "link": news.url("/short/1"), "guid": "y"}])
    (tmp_path / "a.rss").write_bytes(a)
    news.add("/b.rss", b, content_type="application/rss+xml")       # a feed by its type, without --feed
    db = tmp_path / "ev.db"
    r = run(["code", str(tmp_path / "a.rss"), news.url("/b.rss"), "--db", str(db), *LOCAL])
    assert r.exit_code == 0, r.stderr
    assert "skipped 1: read twice in this run: the same document (the same canonical URL" in r.stderr
    assert sqlite3.connect(db).execute("SELECT url FROM documents").fetchall() == [(news.url("/2024/adra"),)]


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                             for i in range(1, 10))
                  + b']><rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title></item>'
                    b"</channel></rss>")


def test_bad_feeds_are_reported_and_the_rest_goes_on(news):
    news.add("/laughs", BILLION_LAUGHS, content_type="application/rss+xml")
    news.add("/page-as-feed", '<html><head><link rel="alternate" type="application/rss+xml" href="/real.rss">'
                              "</head><body><p>A news site front page</p></body></html>")
    news.add("/garbage", b"<rss><channel><item><title>unclosed &amp; <<< broken", content_type="application/xml")
    news.add("/nothing", b"just some words, not xml", content_type="text/plain")
    news.add("/good", rss([{"title": "Protest", "description": NAIROBI, "guid": "p"}]))
    r = run(["extract", *[news.url(p) for p in ("/laughs", "/page-as-feed", "/garbage", "/nothing", "/good")],
             "--feed", *LOCAL])
    assert r.exit_code == 1
    assert len(events(r.stdout)) >= 1
    assert "/laughs: refused: the feed declares XML entities in its DOCTYPE" in r.stderr
    assert "/page-as-feed: is an HTML page, not an RSS or Atom feed; the page names its feed(s): /real.rss" in r.stderr
    assert "/nothing: is not an RSS or Atom feed" in r.stderr
    assert f"{news.url('/garbage')} entry 1: the entry has no link to fetch and no text of its own" in r.stderr


def test_a_malformed_feed_is_read_as_far_as_it_goes_and_says_so():
    data = (f'<rss version="2.0"><channel><item><title>Protest</title><description>{NAIROBI}</description></item>'
            "<item><title>broken &amp; <<< ").encode()
    feed = parse_feed(data, "bad.rss")
    assert feed.entries[0].text == NAIROBI
    assert feed.warning.startswith("the feed is malformed (SAXParseException: ")
    doc = next(entry_documents(feed, ReadOptions(), fetch_page=None))
    assert [w.kind for w in doc.warnings] == ["feed-malformed"] and doc.text.startswith("Protest\n\nOn 3 May 2023")


def test_a_feed_with_ten_thousand_entries_is_read_whole():
    entries = [{"title": f"Weather bulletin {i}", "guid": f"w-{i}", "description": f"Sunny spells, bulletin {i}."}
               for i in range(10_000)]
    feed = parse_feed(rss(entries), "big.rss")
    assert len(feed.entries) == 10_000 and len({e.key for e in feed.entries}) == 10_000
    assert feed.entries[-1].text == "Sunny spells, bulletin 9999." and feed.entries[-1].published_at is None


def test_entries_without_link_or_date_get_a_key_of_their_own():
    feed = parse_feed(rss([{"title": "No link", "description": "Text one here."},
                           {"title": "No link", "description": "Text two here."}]), "f.rss")
    assert [e.link for e in feed.entries] == [None, None]
    assert len({e.key for e in feed.entries}) == 2


def test_a_billion_laughs_feed_is_refused_before_parsing():
    with pytest.raises(InputError, match="declares XML entities"):
        parse_feed(BILLION_LAUGHS, "lol.rss")
