"""Typed answers for tests: one answer through ``understand``, or a whole check-in
through the pure dialog."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from voice.dialog import Ask, CheckIn, Event, Finished, Heard, Say
from voice.protocol import Protocol, load_protocol
from voice.understand import Understanding, understand

INTENTS = Path(__file__).resolve().parent.parent / "intents"


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


def helped_and_asked_again(log: list[Event], protocol: Protocol, question: str) -> bool:
    """Whether the check-in said question ``question``'s help and then asked it again:
    the words around its help are that question, both times."""
    said = [e.text for e in log if isinstance(e, Ask | Say)]
    asked = protocol.question(question)
    at = said.index(asked.help)
    return said[at - 1] == said[at + 1] == asked.text


def meaning(protocol: Protocol, text: str, question: str | None = None) -> Understanding:
    """``text`` understood on its own, or as the answer to question id ``question``."""
    return understand(text, protocol, protocol.question(question) if question else None)


def status(u: Understanding, symptom: str) -> str | None:
    """The status ``u`` gives ``symptom``, None if it says nothing of it."""
    return next((f.status for f in u.symptoms if f.symptom == symptom), None)


def protocol_with(folder: Path, name: str, entry: str, replace: bool = False) -> Protocol:
    """The project's protocol copied to ``folder`` with ``entry`` appended to the
    intents file ``name`` (what a clinician's one-line edit does), or standing for
    the whole file when ``replace``."""
    for path in INTENTS.iterdir():
        shutil.copy(path, folder / path.name)
    with (folder / name).open("w" if replace else "a") as f:
        f.write(entry)
    return load_protocol(folder)


def check_blind_set(protocol: Protocol, name: str, cases: int,
                    floors: tuple[float, int, int, int, float], false_concerns: int) -> None:
    """A blind answer set (tests/data/<name>_answers.tsv) scores at least ``floors``:
    disposition accuracy, emergencies found, at most red flags said reported absent,
    at most of those read as a "no", question-relative accuracy."""
    from benchmarks.fresh_eval import evaluate, load_cases  # the scorer the docs quote

    disposition, found, absent, read, relative = floors
    f = evaluate(protocol, load_cases(INTENTS.parent / "tests" / "data" / f"{name}_answers.tsv"))[
        "held-out"].figures()
    assert f["cases"] == cases and f["disposition_accuracy"] >= disposition
    assert round(f["emergency_recall"] * f["emergencies"]) >= found
    assert f["red_flags_reported_absent"] <= absent and f["red_flags_read_as_absent"] <= read
    assert f["question_relative_accuracy"] >= relative
    assert f["false_concerns"] <= false_concerns
