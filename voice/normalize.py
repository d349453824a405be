"""Text normalisation shared by answers and protocol phrases.

Both sides go through the same function, so a phrase written "do not have" in
intents/ matches a recogniser's "don't have" and a typed "dont have". The result looks
like vosk output: lowercase words, no punctuation, numbers as words, contractions
with apostrophes ("i'm", "can't"). Sentence punctuation in typed text becomes a
boundary token "." so that negation does not reach across sentences.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from voice.variants import REWRITES

BREAK = "."

_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")

# Multi-word and spelling variants mapped to one canonical form (applied to words).
_REWRITE: dict[tuple[str, ...], tuple[str, ...]] = {
    tuple(k.split()): tuple(v.split()) for k, v in REWRITES.items()}
_REWRITE_MAX = max(len(k) for k in _REWRITE)
_REWRITE_FIRST = {k[0] for k in _REWRITE}


def number_words(n: int) -> str:
    """0 <= n < 1,000,000 as words, the way it is said ("one hundred one")."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f" {_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {number_words(rest)}" if rest else "")
    if n < 1_000_000:
        thousands, rest = divmod(n, 1000)
        return f"{number_words(thousands)} thousand" + (f" {number_words(rest)}" if rest else "")
    return " ".join(_ONES[int(d)] for d in str(n))


def _spell_number(match: re.Match[str]) -> str:
    whole, _, frac = match.group(0).partition(".")
    words = number_words(int(whole))
    if frac:
        words += " point " + " ".join(_ONES[int(d)] for d in frac)
    return f" {words} "


_DEGREES = re.compile(r"°\s*([cf])\b|℃|℉")
_OUT_OF = re.compile(r"(\d)\s*/\s*(\d)")
# "Fiveish", "7ish": the number, roughly ("five-ish" already splits at the hyphen).
_ISH = re.compile(r"\b(\d+|" + "|".join(w for w in (*_ONES, *_TENS, "hundred") if w) + r")ish\b")
_RANGE = re.compile(r"(\d)\s*[-–]\s*(\d)")
_DECIMAL_COMMA = re.compile(r"(\d),(\d{1,2})\b(?!,)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_BREAKS = re.compile(r"[.!?;:\n]+")
_OTHER = re.compile(r"[^a-z' .]+")
_QUOTE = re.compile(r"(?<![a-z])'|'(?![a-z])")


def _degrees(match: re.Match[str]) -> str:
    unit = match.group(1) or ("c" if match.group(0) == "℃" else "f")
    return " degrees celsius " if unit == "c" else " degrees fahrenheit "


# "'s" words kept whole (they are canonical tokens in phrases and answers).
_KEEP_S = frozenset({"it's", "that's", "there's", "he's", "she's", "what's", "let's",
                     "here's", "who's", "where's", "how's", "one's", "everything's",
                     "nothing's", "something's"})


def _contraction(word: str) -> tuple[str, ...]:
    """"plaster's" -> "plaster", "temp's" -> "temp" (then "temperature"): a noun's
    "'s" (is, has, or a possessive) hides the word from phrases and cues. Dropped, not
    read as "is": an inserted word makes new fuzzy matches ("my name's feel am" would
    become "is feel am", close to "i feel warm")."""
    if word.endswith("'s") and len(word) > 3 and word not in _KEEP_S:
        return (word[:-2],)
    return (word,)


def _rewrite(words: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        if words[i] in _REWRITE_FIRST:
            for size in range(min(_REWRITE_MAX, len(words) - i), 0, -1):
                key = tuple(words[i:i + size])
                if key in _REWRITE:
                    out.extend(_REWRITE[key])
                    i += size
                    break
            else:
                out.append(words[i])
                i += 1
        else:
            out.append(words[i])
            i += 1
    return out


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[str, ...]:
    """Normalised words of ``text``, with ``"."`` where a typed sentence ended."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    text = _DEGREES.sub(_degrees, text)
    text = _OUT_OF.sub(r"\1 out of \2", text)
    text = _RANGE.sub(r"\1 or \2", text)
    text = _DECIMAL_COMMA.sub(r"\1.\2", text)
    text = _ISH.sub(r"\1 ish", text)
    text = _NUMBER.sub(_spell_number, text)
    text = _BREAKS.sub(" . ", text)
    text = _OTHER.sub(" ", text)
    text = _QUOTE.sub(" ", text)
    words = _rewrite([w for word in text.split() for w in _contraction(word)])
    out: list[str] = []
    for word in words:
        if word == BREAK and (not out or out[-1] == BREAK):
            continue
        out.append(word)
    while out and out[-1] == BREAK:
        out.pop()
    return tuple(out)


def normalise(text: str) -> str:
    """The answer as the recogniser would have written it: words only, one space apart."""
    return " ".join(t for t in tokens(text) if t != BREAK)
