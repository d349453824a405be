"""Numbers said as words, as the recogniser writes them (voice/numbers.py)."""

import pytest

from voice.numbers import find_numbers


def values(text: str) -> list[float]:
    return [n.value for n in find_numbers(tuple(text.split()))]


@pytest.mark.parametrize(("text", "want"), [
    ("a hundred and one point five", [101.5]),
    # The article dropped or misheard: "hundred" alone still starts at one hundred.
    ("hundred and one point five fahrenheit", [101.5]),
    ("about or hundred one point five fahrenheit", [101.5]),
    ("hundred", [100]),
    ("one oh two", [102]),
    ("two hundred and three", [203]),
    ("thirty eight point six", [38.6]),
])
def test_numbers_in_words(text: str, want: list[float]) -> None:
    assert values(text) == want
