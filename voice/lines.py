"""The one gate every line of input passes: typed answers and JSON-lines messages.

Bounds and checks, each a clear ``InputError`` (one line, non-zero exit) rather than a
traceback or a slow, huge answer (docs/reliability.md):
- a line is read at most ``MAX_LINE`` bytes (so a 10 MB line is never held whole);
- it must be UTF-8 (from a text stream: no lone surrogates, which is how invalid bytes
  and JSON's ``"\\ud800"`` arrive); invalid text is never echoed into the output;
- a JSON line must parse within those bounds: no nesting deeper than ``MAX_DEPTH``, no
  integer longer than Python converts, an object with a string ``text`` or ``wav``;
- an answer's text is at most ``MAX_ANSWER`` characters.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import IO, Any

from voice.errors import AftercareError

MAX_ANSWER = 2000  # characters of one answer: far beyond any spoken or typed reply
MAX_LINE = 64 * 1024  # bytes of one input line (a JSON message with a long wav path)
MAX_DEPTH = 20  # nesting of a JSON message; ours are flat


class InputError(AftercareError):
    """A line of input that cannot be used."""


@dataclass(frozen=True)
class Message:
    """One JSON-lines message: exactly one of ``text`` or ``wav``."""

    text: str | None = None
    wav: str | None = None


def read_line(stream: IO[Any], where: str = "stdin") -> str | None:
    """The next line without its newline, checked; None at the end of the stream."""
    raw = stream.readline(MAX_LINE + 1)
    if not raw:
        return None
    if len(raw) > MAX_LINE and raw[-1:] not in ("\n", b"\n"):
        raise InputError(f"{where}: a line is longer than the limit of {MAX_LINE} bytes")
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            raise InputError(f"{where}: not valid UTF-8 (byte {err.start + 1} of a line)") \
                from None
    else:
        text = raw
    check_text(text, where)
    return text.rstrip("\r\n")


def check_text(text: str, where: str) -> str:
    """``text`` if it is valid Unicode (encodable as UTF-8); an InputError otherwise."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise InputError(f"{where}: not valid UTF-8 text (character {err.start + 1})") from None
    return text


def answer_text(text: str, where: str = "stdin") -> str:
    """An answer's text, stripped, within ``MAX_ANSWER`` characters."""
    check_text(text, where)
    text = text.strip()
    if len(text) > MAX_ANSWER:
        raise InputError(f"{where}: an answer of {len(text)} characters is longer than the "
                         f"limit of {MAX_ANSWER}")
    return text


def _depth(line: str) -> int:
    """Deepest bracket nesting outside strings (so the parser never recurses far)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in line:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def parse_message(line: str, where: str = "stdin") -> Message:
    """One JSON-lines message, checked."""
    shown = line.strip()[:60]
    if _depth(line) > MAX_DEPTH:
        raise InputError(f"{where}: JSON nested deeper than {MAX_DEPTH} levels")
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as err:  # JSONDecodeError; too many digits
        reason = err.msg if isinstance(err, json.JSONDecodeError) else str(err).split(";")[0]
        raise InputError(f"{where}: not a JSON object ({reason}): {shown!r}") from None
    if not isinstance(obj, dict):
        raise InputError(f'{where}: expected {{"text": ...}} or {{"wav": path}}, got {shown!r}')
    text, wav = obj.get("text"), obj.get("wav")
    if isinstance(text, str) and wav is None:
        return Message(text=answer_text(text, where))
    if isinstance(wav, str) and text is None:
        check_text(wav, where)
        if not wav or "\0" in wav:
            raise InputError(f"{where}: wav must name a file")
        return Message(wav=wav)
    raise InputError(f'{where}: expected {{"text": ...}} or {{"wav": path}}, got {shown!r}')
