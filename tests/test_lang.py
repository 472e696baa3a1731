"""Word lists: one entry a line, `#` comments; "entry<TAB>value" lists read with pairs()."""
import pytest

from eventcoder import lang
from eventcoder.extract.numbers import UNITS, number_words, words_to_int
from eventcoder.extract.temporal import MONTHS, WEEKDAYS
from eventcoder.resources import DataError


def test_pairs_list_gives_values_and_words_gives_its_entries():
    assert dict(lang.pairs("months"))["September"] == "9"
    assert lang.words("months")[:2] == ("January", "February")
    assert "Sept" in lang.words("month_abbreviations") and "May" not in lang.words("month_abbreviations")


def test_number_words_by_range_and_tables_built_from_the_lists():
    assert number_words(2, 4) == ("two", "three", "four")
    assert UNITS["a"] == UNITS["an"] == 1 and words_to_int("fourty-two") == 42
    assert (MONTHS["sept"], MONTHS["may"], WEEKDAYS["monday"], WEEKDAYS["tues"]) == (9, 5, 0, 1)


def test_a_malformed_pairs_line_or_a_missing_list_is_an_error_naming_the_file(monkeypatch):
    monkeypatch.setattr(lang, "_lines", lambda name, code: ["one\t1", "two"])
    with pytest.raises(DataError, match=r"lang/en/broken_test_list\.txt: 'two' is not"):
        lang.pairs("broken_test_list")
    monkeypatch.undo()
    with pytest.raises(DataError, match="no word list 'no_such_list'"):
        lang.words("no_such_list")
