"""Repair keeps offsets exact: every clean span maps back to the original words it came from."""
from eventcoder.model import Document
from eventcoder.text.repair import repair, find_unrepairable


def repaired(text):
    return repair(Document("t", text))


def test_html_entities_unescaped_and_evidence_points_at_the_entity():
    doc = repaired("&#8220;Even before midnight&#8221;: 44 casualties in Aleppo &amp; Idlib")
    assert doc.clean == "“Even before midnight”: 44 casualties in Aleppo & Idlib"
    a = doc.clean.index("Aleppo")
    ev = doc.evidence("location", a, a + len("Aleppo"))
    assert ev.text == "Aleppo" and doc.text[ev.start:ev.end] == "Aleppo"
    q = doc.evidence("quote", 0, 5)           # “Even -> the entity and the word in the original
    assert q.text == "&#8220;Even"
    assert any(w.kind == "html-entities" for w in doc.warnings)


def test_mojibake_repaired_with_offsets_kept():
    doc = repaired("The regimeâ€™s forces shelled Douma on Monday.")
    assert doc.clean == "The regime’s forces shelled Douma on Monday."
    a = doc.clean.index("Douma")
    assert doc.evidence("location", a, a + 5).text == "Douma"
    apos = doc.clean.index("’")
    assert doc.evidence("x", apos, apos + 1).text == "â€™"
    assert any(w.kind == "encoding-repaired" for w in doc.warnings)


def test_curly_quotes_are_kept_as_written():
    doc = repaired("He said “we will return” to the town.")
    assert doc.clean == doc.text


def test_unrepairable_mojibake_is_flagged_not_guessed():
    text = "an activist told \u00b0\u00ae\u00c2\u00fe\u00b5\u00ba on Tuesday."
    doc = repaired(text)
    assert doc.clean == text                  # left as it is
    w = [w for w in doc.warnings if w.kind == "mojibake-unrepaired"]
    assert len(w) == 1
    assert text[w[0].start:w[0].end] == "\u00b0\u00ae\u00c2\u00fe\u00b5\u00ba"
    assert "gbk" in w[0].message


def test_real_accented_words_are_not_flagged():
    assert find_unrepairable("Zaïre, São Paulo, Ḩamāh, Société Générale, naïve café") == []


def test_repeated_paragraphs_dropped_and_offsets_point_at_the_first_copy():
    body = ("Gunmen attacked a checkpoint near the town of Marib, killing three soldiers.\n"
            "Local officials blamed the Houthis for the attack on the checkpoint.\n")
    doc = repaired("Headline about Marib\n" + body + body.rstrip("\n"))
    assert doc.clean.count("Gunmen attacked") == 1
    assert doc.clean.count("Local officials") == 1
    a = doc.clean.index("Houthis")
    ev = doc.evidence("actor1", a, a + 7)
    assert ev.text == "Houthis" and ev.start < len("Headline about Marib\n" + body)
    assert any(w.kind == "duplicate-paragraphs" and "2 repeated" in w.message for w in doc.warnings)


def test_clean_text_of_a_clean_document_is_the_original():
    text = "On 3 May 2022, police dispersed protesters in Nairobi."
    doc = repaired(text)
    assert doc.clean == text and doc.warnings == []
    assert doc.to_original(3, 8) == (3, 8)
