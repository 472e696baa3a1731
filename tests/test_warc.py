"""Web archives (.warc, .warc.gz) written by warcio in the test: HTML responses coded as documents with their target
URI and date, other records passed over, truncated and oversized records reported while the rest goes on, and the
archive streamed record by record."""
from __future__ import annotations

import io
import json
import sqlite3
import tracemalloc

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventcoder.cli import cli
from eventcoder.errors import InputError
from eventcoder.fetch.canonical import url_document_id
from eventcoder.ingest.options import ReadOptions
from eventcoder.ingest.warc import read_warc
from local_web import EXAMPLE, NAIROBI, article_html

ADRA_PAGE = article_html(EXAMPLE.read_text(encoding="utf-8"), "Regime recruits Adra prison detainees", "2024-03-02")
UNDATED = NAIROBI.replace("On 3 May 2023, police", "Police")
NAIROBI_PAGE = article_html(UNDATED, "Police fire on protesters in Nairobi")      # no date of its own


def write_warc(path, records, gz: bool) -> None:
    """records: (uri, status, content type, body bytes, record type)."""
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=gz)
        for uri, status, ctype, body, kind in records:
            if kind == "response":
                http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
                rec = w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http,
                                           warc_headers_dict={"WARC-Date": "2023-05-05T10:00:00Z"})
            else:
                rec = w.create_warc_record(uri, kind, payload=io.BytesIO(body), warc_content_type=ctype)
            w.write_record(rec)


CRAWL = [
    ("https://news.example.com/2024/adra?utm_source=x", "200 OK", "text/html; charset=utf-8", ADRA_PAGE.encode(),
     "response"),
    ("https://news.example.com/logo.png", "200 OK", "image/png", b"\x89PNG" + b"\0" * 500, "response"),
    ("https://news.example.com/old", "301 Moved Permanently", "text/html", b"<p>moved</p>", "response"),
    ("https://news.example.com/nairobi", "200 OK", "text/html", NAIROBI_PAGE.encode(), "response"),
    ("https://news.example.com/nairobi", "-", "application/http; msgtype=request", b"GET /nairobi HTTP/1.1\r\n\r\n",
     "request"),
]


@pytest.mark.parametrize("gz", [True, False])
def test_html_responses_become_documents_with_uri_and_date(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, CRAWL, gz)
    docs = list(read_warc(path))
    assert [d.url for d in docs] == ["https://news.example.com/2024/adra", "https://news.example.com/nairobi"]
    assert [d.id for d in docs] == [url_document_id(d.url) for d in docs]
    adra, nairobi = docs
    assert str(adra.published_at) == "2024-03-02" and not any(w.kind == "date-from-capture" for w in adra.warnings)
    assert str(nairobi.published_at) == "2023-05-05"
    assert [w.kind for w in nairobi.warnings] == ["date-from-capture"]
    assert adra.raw_html == ADRA_PAGE.encode() and "Adra" in adra.text


@pytest.mark.parametrize("gz", [True, False])
def test_a_truncated_archive_reports_the_cut_and_keeps_what_came_before(tmp_path, gz):
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    write_warc(path, CRAWL[:1] + CRAWL[3:4], gz)
    data = path.read_bytes()
    path.write_bytes(data[:len(data) - 300])
    items = list(read_warc(path))
    assert [type(i).__name__ for i in items] == ["Document", "InputError"]
    assert "truncated" in str(items[1])


def test_a_record_over_the_size_limit_is_reported_and_the_next_is_read(tmp_path):
    from eventcoder.fetch.options import FetchOptions
    big = article_html("Filler. " * 5000, "Big page")
    path = tmp_path / "big.warc.gz"
    write_warc(path, [("https://x.example/big", "200 OK", "text/html", big.encode(), "response"), CRAWL[3]], True)
    items = list(read_warc(path, ReadOptions(fetch=FetchOptions(max_bytes=20_000))))
    assert isinstance(items[0], InputError) and "larger than 0.02 MB" in str(items[0])
    assert items[1].url == "https://news.example.com/nairobi"


def test_not_a_warc_file_is_reported(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_text("this is not an archive at all\n")
    (item,) = list(read_warc(path))
    assert isinstance(item, InputError) and "is not a web archive (a WARC file starts with 'WARC/')" in str(item)
    path.write_bytes(b"\x1f\x8b\x08garbage")
    (item,) = list(read_warc(path))
    assert "is not a readable gzip file" in str(item)


def test_an_archive_without_pages_says_so(tmp_path):
    path = tmp_path / "img.warc"
    write_warc(path, [CRAWL[1], CRAWL[4]], False)
    (item,) = list(read_warc(path))
    assert str(item) == f"{path}: the archive holds no HTML page (2 record(s): requests, metadata, other content " \
                        "types or non-200 responses)"


def test_a_large_archive_is_streamed_in_constant_memory(tmp_path):
    path = tmp_path / "many.warc.gz"
    noise = [(f"https://x.example/img{i}.jpg", "200 OK", "image/jpeg", bytes(range(256)) * 400, "response")
             for i in range(300)]                                     # 300 records of 100 kB: 30 MB decoded
    write_warc(path, noise + [CRAWL[3]], True)
    tracemalloc.start()
    try:
        docs = list(read_warc(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [d.url for d in docs] == ["https://news.example.com/nairobi"]
    assert peak < 8_000_000


def test_code_a_warc_stores_and_fuses_its_pages(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, CRAWL, True)
    db = tmp_path / "ev.db"
    r = CliRunner().invoke(cli, ["code", str(path), "--db", str(db), "-q", "--json"])
    assert r.exit_code == 0, r.stderr
    assert {json.loads(line)["doc_id"] for line in r.stdout.splitlines()} == \
        {url_document_id("https://news.example.com/2024/adra"), url_document_id("https://news.example.com/nairobi")}
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM pages").fetchone()[0] == 2
    assert con.execute("SELECT count(*) FROM fused_events").fetchone()[0] >= 2
