"""End-to-end check-ins: rendered speech → real vosk → dialog → result and speech.

The scenario fixtures were rendered by pyttsx3/espeak-ng (scripts/make_fixtures) and
are recognised here by the real model, through the same path as the microphone.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml

from voice.dialog import CheckIn, Settings
from voice.protocol import load_protocol
from voice.session import AudioInput, JsonlOutput, Session, TextInput, replay_files

FIXTURES = Path(__file__).parent / "fixtures"
SPEC = yaml.safe_load((FIXTURES / "scenarios.yaml").read_text())
SCENARIOS = SPEC["scenarios"]


@pytest.fixture(scope="module")
def protocol():
    return load_protocol()


def replay(protocol, folder: Path, settings: Settings | None = None) -> tuple[dict, list]:
    out = io.StringIO()
    session = Session(CheckIn(protocol, settings), AudioInput(replay_files([str(folder)])),
                      JsonlOutput(out))
    result = session.run()
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    return result, lines


def spoken_text(result: dict) -> str:
    return " ".join(result["spoken"]).lower()


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_scenario(protocol, name):
    expect = SCENARIOS[name]["expect"]
    result, lines = replay(protocol, FIXTURES / "scenarios" / name)

    assert result["disposition"] == expect["disposition"], result["reasons"]
    for symptom, status in expect.get("symptoms", {}).items():
        assert result["symptoms"].get(symptom, {}).get("status") == status, (symptom, result)
    if "unanswered" in expect:
        assert result["unanswered"] == expect["unanswered"]
    text = spoken_text(result)
    for phrase in expect.get("spoken", []):
        assert phrase.lower() in text, phrase
    # The JSON-lines stream ends with the result, and every line has a type.
    assert lines[-1]["type"] == "result"
    assert {line["type"] for line in lines} <= {"say", "ask", "heard", "result"}


@pytest.mark.parametrize("name", ["fever", "leg_numbness", "emergency_off_topic"])
def test_emergency_is_said_first(protocol, name):
    """The emergency message comes straight after the answer that revealed it."""
    _, lines = replay(protocol, FIXTURES / "scenarios" / name)
    first = next(i for i, line in enumerate(lines)
                 if line["type"] in ("say", "ask") and "911" in line["text"])
    assert lines[first - 1]["type"] == "heard"


def test_emergency_number_is_configurable(protocol):
    result, _ = replay(protocol, FIXTURES / "scenarios" / "fever",
                       Settings(emergency_number="112"))
    assert "112" in spoken_text(result) and "911" not in spoken_text(result)


def test_replay_is_byte_identical(protocol):
    folder = FIXTURES / "scenarios" / "severe_worsening_pain"
    first, _ = replay(protocol, folder)
    second, _ = replay(protocol, folder)
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)


def _decisions(result: dict) -> dict:
    return {
        "disposition": result["disposition"],
        "symptoms": {k: v["status"] for k, v in result["symptoms"].items()},
        "answers": {k: v["value"] for k, v in result["answers"].items()},
        "unanswered": result["unanswered"],
        "spoken": result["spoken"],
    }


def test_text_jsonl_and_replay_agree(protocol):
    """The same answers typed, sent as JSON lines, or spoken give the same result."""
    name = "back_soreness"
    answers = SCENARIOS[name]["answers"]
    typed = Session(CheckIn(protocol), TextInput(io.StringIO("\n".join(answers) + "\n")),
                    JsonlOutput(io.StringIO())).run()
    from voice.session import JsonlInput

    as_json = "".join(json.dumps({"text": a}) + "\n" for a in answers)
    jsonl = Session(CheckIn(protocol), JsonlInput(io.StringIO(as_json)),
                    JsonlOutput(io.StringIO())).run()
    assert json.dumps(typed) == json.dumps(jsonl)

    spoken, _ = replay(protocol, FIXTURES / "scenarios" / name)
    assert _decisions(spoken) == _decisions(typed)

    wavs = sorted((FIXTURES / "scenarios" / name).glob("*.wav"))
    wav_lines = "".join(json.dumps({"wav": str(w)}) + "\n" for w in wavs)
    jsonl_wav = Session(CheckIn(protocol), JsonlInput(io.StringIO(wav_lines)),
                        JsonlOutput(io.StringIO())).run()
    assert json.dumps(jsonl_wav) == json.dumps(spoken)
