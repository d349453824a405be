"""Numbers said as words ("a hundred and one", "thirty eight point five", "one oh one").

Works on normalised tokens (voice.normalize turns typed digits into words first), so
recogniser output and typed text are parsed by the same code.
"""

from __future__ import annotations

from dataclasses import dataclass

_UNITS = {w: i for i, w in enumerate(
    ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"))}
_TEENS = {w: i + 10 for i, w in enumerate(
    ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
     "eighteen", "nineteen"))}
_TENS = {w: (i + 2) * 10 for i, w in enumerate(
    ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"))}
_DIGITS = {**_UNITS, "oh": 0, "o": 0}
_DECIMAL = ("point", "comma")  # "thirty eight comma two": the comma of many languages
# Sounds of a pause (and a repair) inside a decimal, said while reading a thermometer:
# "thirty seven POINT UM nine", "thirty eight point SORRY point seven".
_HESITATIONS = frozenset({"um", "umm", "uh", "uhh", "er", "erm", "ah", "eh", "sorry"})
# A whole body temperature in Celsius and one digit joined by "and" is a reading with a
# decimal ("thirty eight AND four" is 38.4, as "treinta y ocho y cuatro" would be); no
# pain score or Fahrenheit reading is in this range.
_CELSIUS_WHOLE = range(34, 43)
WORDS = frozenset({*_UNITS, *_TEENS, *_TENS, "hundred", "thousand", "point", "half", "oh"})


@dataclass(frozen=True)
class Number:
    start: int  # first token
    end: int  # one past the last token
    value: float


def _below_hundred(tokens: tuple[str, ...], i: int) -> tuple[int, int] | None:
    """Parse 0..99 at ``i``: (value, next index)."""
    if i >= len(tokens):
        return None
    word = tokens[i]
    if word in _TENS:
        value = _TENS[word]
        unit = _unit(tokens[i + 1]) if i + 1 < len(tokens) else None
        if unit:
            return value + unit, i + 2
        return value, i + 1
    if word in _TEENS:
        return _TEENS[word], i + 1
    if word in _UNITS:
        return _UNITS[word], i + 1
    return None


def _unit(word: str) -> int | None:
    """A unit after a tens word, 1..9; also its plural: "high thirty EIGHTS" is a
    reading in the thirty-eights."""
    if word.endswith("s") and word[:-1] in _UNITS:
        word = word[:-1]
    value = _UNITS.get(word, 0)
    return value or None  # "thirty zero" is no number


def _integer(tokens: tuple[str, ...], i: int) -> tuple[int, int] | None:
    """Parse an integer below 10,000 at ``i``, e.g. "a hundred and one", "one oh one"."""
    n = len(tokens)
    # "a hundred": the article stands for one; so does nothing, when the recogniser
    # drops or mishears the article ("hundred and one", "or hundred one point five").
    if tokens[i] == "a" and i + 1 < n and tokens[i + 1] == "hundred":
        head: tuple[int, int] | None = (1, i + 1)
    elif tokens[i] == "hundred":
        head = (1, i)
    else:
        head = _below_hundred(tokens, i)
    if head is None:
        return None
    value, j = head
    if j < n and tokens[j] == "hundred" and value < 100:
        value *= 100
        j += 1
        k = j + 1 if j < n and tokens[j] in ("and", "an", "n") else j
        rest = _below_hundred(tokens, k) if k < n else None
        if rest is not None:
            value += rest[0]
            j = rest[1]
        return value, j
    # "one oh one", "one oh two": temperatures read digit by digit.
    if value == 1 and j + 1 < n and tokens[j] in ("oh", "o", "zero") and tokens[j + 1] in _UNITS:
        return 100 + _UNITS[tokens[j + 1]], j + 2
    return value, j


def _past_hesitations(tokens: tuple[str, ...], i: int) -> int:
    while i < len(tokens) and tokens[i] in _HESITATIONS:
        i += 1
    return i


def _decimal_digits(tokens: tuple[str, ...], j: int) -> int | None:
    """Where the digits of a decimal start when its point is said at ``j`` (after any
    pause, and once more after a repair: "point, sorry, point seven"), or None."""
    k = _past_hesitations(tokens, j)
    if k >= len(tokens) or tokens[k] not in _DECIMAL:
        return None
    k = _past_hesitations(tokens, k + 1)
    if k < len(tokens) and tokens[k] in _DECIMAL:
        k = _past_hesitations(tokens, k + 1)
    return k if k < len(tokens) and tokens[k] in _DIGITS else None


def find_numbers(tokens: tuple[str, ...]) -> list[Number]:
    """Every number in ``tokens``, left to right, with decimals and "and a half"."""
    found: list[Number] = []
    i, n = 0, len(tokens)
    while i < n:
        parsed = _integer(tokens, i) if tokens[i] in WORDS or tokens[i] == "a" else None
        if parsed is None:
            if tokens[i] == "half" and not (i and tokens[i - 1] == "and"):
                found.append(Number(i, i + 1, 0.5))
            i += 1
            continue
        value: float = parsed[0]
        j = parsed[1]
        if (start := _decimal_digits(tokens, j)) is not None:
            digits = ""
            j = start
            while j < n and tokens[j] in _DIGITS:
                digits += str(_DIGITS[tokens[j]])
                j += 1
            value = float(f"{int(value)}.{digits}")
        elif tokens[j:j + 3] == ("and", "a", "half") or tokens[j:j + 2] == ("and", "half"):
            value += 0.5
            j += 3 if tokens[j + 1] == "a" else 2
        elif (value in _CELSIUS_WHOLE and tokens[j:j + 1] == ("and",) and j + 1 < n
              and tokens[j + 1] in _UNITS
              and tokens[j + 2:j + 3] not in (("hundred",), ("point",))):
            value = float(f"{int(value)}.{_UNITS[tokens[j + 1]]}")
            j += 2
        found.append(Number(i, j, value))
        i = j
    return found
