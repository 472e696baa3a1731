"""Reading inputs: every bad input gives a clear message naming the file (and line), and the rest goes on."""
import datetime as dt
import gzip
import io
import json
import os
import zipfile

import pytest

from eventcoder.errors import InputError
from eventcoder.ingest.count import count_documents
from eventcoder.ingest.files import MAX_FILE_BYTES, decode
from eventcoder.ingest.readers import ReadOptions, read_inputs, read_jsonl, read_stdin
from eventcoder.model import Document

ARTICLE = "Soldiers clashed with rebels near the market in Kidal on Monday. Two people were killed, officials said."

PAGE = """<!DOCTYPE html><html><head><title>Clashes near Kidal market - The Daily Sahel</title>
<meta property="og:site_name" content="The Daily Sahel">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<script>var tracking = {"events": "killed 99 people in a script"};</script>
<style>body { color: red; } .killed { display: none }</style></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Clashes near Kidal market</h1>
<p>Soldiers clashed with rebels near the market in Kidal on Monday, witnesses said. Two people were killed and
several others were wounded in the fighting, which lasted for about three hours.</p>
<p>The army said in a statement on Tuesday that it had restored order in the town and arrested four suspects.</p>
</article><footer>Copyright The Daily Sahel</footer><script>trackPage("killed");</script></body></html>"""


def items(*paths, **opts):
    return list(read_inputs([str(p) for p in paths], ReadOptions(**opts)))


def docs_and_errors(found):
    return ([i for i in found if isinstance(i, Document)], [str(i) for i in found if isinstance(i, InputError)])


def test_html_page_gives_main_text_title_date_and_source(tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    [doc] = items(tmp_path / "page.html")
    assert "Two people were killed" in doc.text
    assert "tracking" not in doc.text and "color: red" not in doc.text and "Home" not in doc.text
    assert doc.title.startswith("Clashes near Kidal market")
    assert doc.published_at == dt.date(2024, 3, 5)
    assert doc.source == "The Daily Sahel"
    assert doc.origin == str(tmp_path / "page.html")


def test_user_given_source_and_date_replace_the_page_metadata(tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    [doc] = items(tmp_path / "page.html", source="Reuters", published_at=dt.date(2024, 3, 6))
    assert (doc.source, doc.published_at) == ("Reuters", dt.date(2024, 3, 6))


def test_html_of_only_scripts_and_styles_is_refused_by_name(tmp_path):
    page = tmp_path / "scripts.html"
    page.write_text("<html><head><script>" + "var x = 'killed';" * 500 + "</script><style>p{color:red}</style>"
                    "</head><body><script>run()</script></body></html>", encoding="utf-8")
    [err] = items(page)
    assert str(err) == (f"{page}: no article text found in the page (only scripts, styles, navigation or markup); "
                        "check that it is the saved article and not an index page")


def test_folder_is_walked_recursively_with_origins_and_a_glob(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "page.html").write_text(PAGE)
    (tmp_path / "sub" / "deeper" / "batch.jsonl").write_text(
        json.dumps({"id": "j1", "text": ARTICLE}) + "\n" + json.dumps({"id": "j2", "text": ARTICLE}) + "\n")
    (tmp_path / "sub" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    docs, errors = docs_and_errors(items(tmp_path))
    assert errors == []
    assert [d.origin for d in docs] == [str(tmp_path / "a.txt"), str(tmp_path / "sub/deeper/batch.jsonl:1"),
                                        str(tmp_path / "sub/deeper/batch.jsonl:2"), str(tmp_path / "sub/page.html")]
    docs, _ = docs_and_errors(items(tmp_path, glob="*.html"))
    assert [d.origin for d in docs] == [str(tmp_path / "sub/page.html")]
    assert count_documents([str(tmp_path)], ReadOptions()) == 4


def test_glob_matching_nothing_is_reported(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    assert [str(e) for e in items(tmp_path, glob="*.md")] == [f"{tmp_path}: the folder holds no file matching '*.md'"]


def test_symlink_loop_and_broken_link_are_reported_and_the_walk_goes_on(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(ARTICLE)
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    os.symlink(tmp_path / "missing.txt", tmp_path / "sub" / "gone.txt")
    docs, errors = docs_and_errors(items(tmp_path))
    assert len(docs) == 1
    assert errors == [f"{tmp_path}/sub/gone.txt: a broken symbolic link; skipped",
                      f"{tmp_path}/sub/loop: a symbolic link back into a folder already being read (a loop); "
                      "not followed"]


def test_unreadable_file_and_folder_are_named(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "locked.txt").write_text(ARTICLE)
    (tmp_path / "closed").mkdir()
    real_open, real_scandir = open, os.scandir

    def fake_open(path, *a, **k):   # root reads everything, so chmod 000 cannot be used to test this
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *a, **k)

    def fake_scandir(path):
        if str(path).endswith("closed"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)
    monkeypatch.setattr("builtins.open", fake_open)
    monkeypatch.setattr(os, "scandir", fake_scandir)
    docs, errors = docs_and_errors(items(tmp_path))
    assert len(docs) == 1
    assert errors == [f"{tmp_path}/closed: folder cannot be read (Permission denied); skipped",
                      f"{tmp_path}/locked.txt: cannot be read (Permission denied)"]


def test_empty_binary_and_archive_files_are_refused_by_name(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text("  \n\n ")
    (tmp_path / "data.txt").write_bytes(b"abc\x00\x01\x02" * 100)
    (tmp_path / "bomb.jsonl").write_bytes(gzip.compress(b"\n" * 10_000_000))   # a gzip bomb is never unpacked
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("big.txt", "x" * 5_000_000)
    (tmp_path / "archive.txt").write_bytes(buf.getvalue())
    (tmp_path / "ok.txt").write_text(ARTICLE)
    docs, errors = docs_and_errors(items(tmp_path))
    assert len(docs) == 1
    assert errors == [
        f"{tmp_path}/archive.txt: is a zip archive (or a .docx/.xlsx/.odt document), not text; unpack it, or save "
        "the document as text",
        f"{tmp_path}/blank.txt: the file is empty",
        f"{tmp_path}/bomb.jsonl: is a gzip archive, not text; unpack it first (gunzip)",
        f"{tmp_path}/data.txt: looks like a binary file (it contains NUL bytes); eventcoder reads text, HTML, JSONL "
        "and CSV",
        f"{tmp_path}/empty.txt: the file is empty",
    ]


def test_a_50_mb_file_is_refused_without_reading_it_and_a_big_jsonl_streams(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(50 * 1000 * 1000)
    [err] = items(big)
    assert str(err) == (f"{big}: is 50.0 MB; a single document may be at most {MAX_FILE_BYTES / 1e6:.0f} MB "
                        "(split it into smaller files, or into one JSONL line per article)")
    lines = tmp_path / "big.jsonl"
    with open(lines, "w") as f:
        f.write(json.dumps({"id": "huge", "text": "word " * 2_200_000}) + "\n")
        f.write(json.dumps({"id": "small", "text": ARTICLE}) + "\n")
    found = items(lines)
    assert str(found[0]) == f"{lines}:1: the line is 11.0 MB; one document may be at most 10 MB"
    assert found[1].id == "small"


def test_invalid_utf8_is_read_with_a_warning(tmp_path):
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes("Caf\u00e9 bombing: ".encode() + b"\xff\xfe broke " + ARTICLE.encode())
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Shelling hit the caf\u00e9 in Gao, killing three.".encode("cp1252"))
    [m, lat] = items(mixed, latin)
    assert "\ufffd" in m.text and m.warnings[0].kind == "invalid-utf8"
    assert m.warnings[0].message.startswith("2 byte(s) were not valid UTF-8 (the first at byte 15)")
    assert lat.text == "Shelling hit the caf\u00e9 in Gao, killing three."
    assert lat.warnings[0].message.startswith("the bytes are not UTF-8; read as Windows-1252")


def test_jsonl_bad_lines_name_the_line_and_the_rest_goes_on():
    data = (json.dumps({"id": "a", "text": ARTICLE}) + "\n" + "[1, 2]\n" + "{not json\n" + '"just a string"\n'
            + json.dumps({"id": "b"}) + "\n\n" + json.dumps({"id": "c", "text": ARTICLE}) + "\n")
    found = list(read_jsonl(io.BytesIO(data.encode()), "in.jsonl"))
    assert [str(i) if isinstance(i, InputError) else i.id for i in found] == [
        "a", "in.jsonl:2: a JSON list where an object was expected",
        "in.jsonl:3: not valid JSON (Expecting property name enclosed in double quotes at column 2)",
        "in.jsonl:4: a JSON str where an object was expected",
        "in.jsonl:5: record has no 'text' string (id 'b')", "c"]
    assert found[-1].origin == "in.jsonl:7"


def test_jsonl_record_may_carry_html_and_defaults_fill_missing_metadata():
    data = (json.dumps({"id": "p", "html": PAGE}) + "\n" +
            json.dumps({"id": "t", "text": ARTICLE, "source": "AFP"}) + "\n")
    p, t = read_jsonl(io.BytesIO(data.encode()), "x.jsonl", ReadOptions(source="Local radio"))
    assert p.id == "p" and "Two people were killed" in p.text and p.source == "The Daily Sahel"
    assert t.source == "AFP"


def test_csv_with_a_chosen_text_column_and_acled_defaults(tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text('ref,report,source\nr1,"Police fired tear gas at protesters, line one.\nLine two.",AFP\n'
                     'r2,,AFP\nr3,"Gunmen attacked a village.",\n', encoding="utf-8")
    found = items(sheet, text_column="report", id_column="ref")
    assert [str(i) if isinstance(i, InputError) else (i.id, i.origin, i.source) for i in found] == [
        ("r1", f"{sheet}:3", "AFP"), f"{sheet}:4: the 'report' column is empty", ("r3", f"{sheet}:5", None)]
    acled = tmp_path / "acled.csv"
    acled.write_text("event_id_cnty,event_date,event_type,notes\nMLI1,2024-01-02,Battles,"
                     "\"On 2 January 2024, soldiers clashed with rebels.\"\n", encoding="utf-8")
    [doc] = items(acled)
    assert (doc.id, doc.text, doc.published_at) == ("MLI1", "On 2 January 2024, soldiers clashed with rebels.", None)


def test_csv_without_the_named_column_says_which_columns_it_has(tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("title,body\nx,Troops shelled the town.\n")
    assert [str(e) for e in items(sheet, text_column="article_text")] == [
        f"{sheet}: no column 'article_text'; its columns are: title, body; "
        "name the one holding the article text with --text-column"]
    sheet.write_text("title,when\nx,2024\n")
    assert [str(e) for e in items(sheet)] == [
        f"{sheet}: no text column (text, notes, body, content, article); its columns are: title, when; "
        "name the one holding the article text with --text-column"]


def test_stdin_reads_jsonl_html_or_text():
    [d] = read_stdin(io.BytesIO(ARTICLE.encode()))
    assert d.origin == "<stdin>" and d.text == ARTICLE
    [h] = read_stdin(io.BytesIO(PAGE.encode()))
    assert h.source == "The Daily Sahel"
    [j] = read_stdin(io.BytesIO((json.dumps({"id": "s", "text": ARTICLE}) + "\n").encode()))
    assert j.origin == "<stdin>:1"
    [e] = read_stdin(io.BytesIO(b""))
    assert str(e) == "<stdin>: the file is empty"


def test_decode_counts_bad_bytes_and_drops_a_bom():
    assert decode(b"\xef\xbb\xbfhello").text == "hello"
    d = decode("na\u00efve ".encode() + b"\xff")
    assert (d.bad_bytes, d.first_bad) == (1, 7)


def test_missing_path_is_reported():
    assert [str(e) for e in items("/nonexistent/eventcoder/x.txt")] == [
        "/nonexistent/eventcoder/x.txt: no such file or directory"]


def test_without_trafilatura_a_simple_extractor_takes_over_and_says_so(tmp_path, monkeypatch):
    import sys
    monkeypatch.setitem(sys.modules, "trafilatura", None)    # import fails as when it is missing or broken
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    [doc] = items(tmp_path / "page.html")
    assert "Two people were killed" in doc.text and "tracking" not in doc.text and "color: red" not in doc.text
    assert "Home" not in doc.text and "Copyright" not in doc.text
    assert (doc.title, doc.source, doc.published_at) == (
        "Clashes near Kidal market - The Daily Sahel", "The Daily Sahel", dt.date(2024, 3, 5))
    assert [w.kind for w in doc.warnings] == ["html-simple-extraction"]


def test_trafilatura_parse_error_and_damaged_markup_are_warnings_not_silence(tmp_path, monkeypatch):
    import eventcoder.ingest.html as html_in

    class Broken:
        @staticmethod
        def bare_extraction(*a, **k):
            raise ValueError("bad markup")

    import sys
    monkeypatch.setitem(sys.modules, "trafilatura", Broken)
    page = PAGE.replace("</article>", "</article><![foo[ x ]]>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    [doc] = items(tmp_path / "page.html")
    assert "Two people were killed" in doc.text
    kinds = {w.kind: w.message for w in doc.warnings}
    assert "ValueError: bad markup" in kinds["html-simple-extraction"]
    assert "foo" in kinds["html-damaged-markup"]
    assert html_in.extract_page(page).extractor == "stdlib"


def test_csv_longer_than_one_read_chunk_keeps_quoted_newlines_and_semicolons():
    import csv as csvmod
    from eventcoder.ingest.csv_in import read_csv
    buf = io.StringIO()
    w = csvmod.writer(buf, lineterminator="\r\n")
    w.writerow(["id", "text"])
    rows = [(str(i), f"Report {i}; " + "x" * (i % 90) + ('\nsecond, "quoted" line' if i % 7 == 0 else ""))
            for i in range(3000)]
    w.writerows(rows)
    got = [(d.id, d.text) for d in read_csv(io.BytesIO(buf.getvalue().encode()), "big.csv")]
    assert got == rows


def test_an_extractor_bug_fails_the_page_visibly_not_the_batch(monkeypatch):
    from eventcoder.errors import InputError
    from eventcoder.ingest import html as html_reader

    def broken(markup):
        raise RuntimeError("extractor exploded")
    monkeypatch.setattr(html_reader, "extract_page", broken)
    with pytest.raises(InputError, match=r"page.html: the HTML extractors failed on this page \(RuntimeError: "
                                         r"extractor exploded\)"):
        html_reader.document_from_html("<html><body><p>Troops shelled the town.</p></body></html>", "page.html")
