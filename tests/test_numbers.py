"""Numbers: digits, Arabic-Indic digits, number words, vague quantities, odd input."""
from eventcoder.extract.numbers import conventions, find_quantities, normalize_digits, parse_quantity, words_to_int


def best(text):
    return [q.best for q in find_quantities(text)]


def test_digits_and_words():
    assert best("12 people") == [12]
    assert best("1,200 families") == [1200]
    assert best("twenty-five civilians") == [25]
    assert best("one hundred and twenty soldiers") == [120]
    assert words_to_int("three thousand") == 3000


def test_arabic_indic_digits_keep_offsets():
    text = "قتل ٣٢ شخصا and ۱۵ more"
    assert normalize_digits(text) == "قتل 32 شخصا and 15 more"
    qs = find_quantities(text)
    assert [q.best for q in qs] == [32, 15]
    assert text[qs[0].start:qs[0].end] == "٣٢"


def test_vague_quantities_follow_the_versioned_table():
    table = conventions()
    assert table["version"]
    assert best("tens of people") == [table["vague"]["tens of"]["best"]] == [10]
    assert best("dozens of fighters") == [12]
    assert best("hundreds of families") == [100]
    assert best("a dozen soldiers") == [12]
    assert parse_quantity("scores").vague


def test_qualifiers_and_ranges():
    q = parse_quantity("at least 5")
    assert (q.low, q.best, q.high, q.qualifier) == (5, 5, None, "at least")
    q = parse_quantity("up to 15")
    assert q.high == 15 and q.low < 15
    q = parse_quantity("between 16 and 25")
    assert (q.low, q.best, q.high) == (16, 16, 25)
    q = parse_quantity("5-7")
    assert (q.low, q.high) == (5, 7)
    assert best("5 and 3 others") == [5, 3]


def test_not_counts():
    assert best("the 13th day") == []
    assert best("2.5 km away") == []
    assert best("a 45-year-old man") == []


def test_bad_input_is_flagged_not_raised():
    q = find_quantities("1,000,000,000 killed")[0]
    assert q.best is None and q.flag == "implausible"
    assert find_quantities("") == []
    assert find_quantities("five 3 killed")          # mixed words and digits: read, never a crash
    assert find_quantities("\x00\ufffd٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣ killed")[0].flag == "implausible"
