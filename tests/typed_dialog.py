"""Typed answers for tests: one answer through ``understand``, or a whole check-in
through the pure dialog."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from voice.dialog import CheckIn, Event, Finished, Heard
from voice.protocol import Protocol
from voice.understand import Understanding, understand


def run_typed(protocol: Protocol, answers: Iterable[str | Heard]) -> tuple[dict[str, Any],
                                                                          list[Event]]:
    """Hear ``answers`` in turn until the check-in finishes (or they run out, which
    ends it); the result and every event."""
    dialog = CheckIn(protocol)
    log = list(dialog.start())
    for answer in answers:
        if dialog.finished:
            break
        log += dialog.hear(answer if isinstance(answer, Heard) else Heard(answer))
    log += dialog.end_of_input()
    return next(e.result for e in log if isinstance(e, Finished)), log


def meaning(protocol: Protocol, text: str, question: str | None = None) -> Understanding:
    """``text`` understood on its own, or as the answer to question id ``question``."""
    return understand(text, protocol, protocol.question(question) if question else None)
