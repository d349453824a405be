"""The trend across check-ins, as sentences to read aloud ("Your pain was 6 on Monday,
4 today"), for patients who cannot read the screen. Pure: records in, sentences out.

A number-valued question gets a sentence when ``intents/messages.yaml`` has a message
``trend_<question id>`` with a ``{values}`` field, so adding one is a data change.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from voice.protocol import Protocol
from voice.store import CheckinRecord

NUMERIC = ("scale", "temperature")


def when(at: datetime, now: datetime) -> str:
    """How a listener names a day: today, yesterday, on Monday (this past week), on
    12 November (earlier)."""
    days = (now.date() - at.date()).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if 1 < days < 7:
        return f"on {at:%A}"
    return f"on {at.day} {at:%B}"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def trend_sentences(records: Sequence[CheckinRecord], protocol: Protocol,
                    now: datetime | None = None) -> list[str]:
    """One sentence per number-valued question with a ``trend_`` message and answers,
    oldest first; times are read in local time."""
    now = now or datetime.now().astimezone()
    sentences = []
    for question in protocol.questions:
        key = f"trend_{question.id}"
        if question.answer not in NUMERIC or key not in protocol.messages:
            continue
        points: list[tuple[str, str]] = []
        for record in records:
            values = [a.value for a in record.answers if a.question == question.id
                      and isinstance(a.value, int | float) and not isinstance(a.value, bool)]
            if values:
                at = datetime.fromisoformat(record.started_at).astimezone(now.tzinfo)
                points.append((_number(values[-1]), when(at, now)))
        if points:
            sentences.append(protocol.message(key, values=_join(_label(points))))
    if not sentences:
        sentences.append(protocol.message("trend_nothing", count=len(records)))
    return sentences


def _label(points: list[tuple[str, str]]) -> list[str]:
    """"6 on Monday"; a day named twice in a row is said once ("6, 5 and 4 today")."""
    out = []
    for i, (value, day) in enumerate(points):
        repeated = i + 1 < len(points) and points[i + 1][1] == day
        out.append(value if repeated else f"{value} {day}")
    return out


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]

