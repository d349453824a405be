"""`aftercare check` as a program: history, kills, permissions, bad input, the demo."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from voice.store import History

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "tests" / "fixtures" / "scenarios"


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("AFTERCARE_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


def aftercare(*args: str, stdin: str = "", timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "voice", *args], input=stdin,
                          capture_output=True, text=True, timeout=timeout, env=os.environ)


def test_history_is_owner_only_and_kept(home):
    done = aftercare("check", "--text", stdin="no\n" * 9)
    assert done.returncode == 0, done.stderr
    db = home / "history.sqlite3"
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    listed = aftercare("history", "--json")
    records = [json.loads(line) for line in listed.stdout.splitlines()]
    assert records[-1]["status"] == "finished" and records[-1]["disposition"] == "none"
    assert [a["question"] for a in records[-1]["answers"]][:2] == ["fever", "leg_numbness"]


def test_killed_checkin_keeps_answers_and_is_noticed(home, kill_checkin):
    kill_checkin(3)
    record = History(home / "history.sqlite3").all()[-1]
    assert record.status == "in_progress"
    assert [(a.question, a.value) for a in record.answers] == [
        ("fever", "no"), ("leg_numbness", "no")]

    fresh = aftercare("check", "--text", stdin="stop\n")
    assert "was not finished" in fresh.stdout


def test_pain_higher_than_last_time_counts_as_worsening(home):
    # back pain yes, score 3, better, relief no; then a second check-in with score 5.
    first = ["no"] * 4 + ["yes", "3", "better", "no"] + ["no"] * 4
    second = ["no"] * 4 + ["yes", "5", "better", "no"] + ["no"] * 4
    assert aftercare("check", "--text", stdin="\n".join(first) + "\n").returncode == 0
    done = aftercare("check", "--text", "--result", str(home.parent / "r.json"),
                     stdin="\n".join(second) + "\n")
    assert done.returncode == 0, done.stderr
    result = json.loads((home.parent / "r.json").read_text())
    assert result["symptoms"]["severe_worsening_pain"]["status"] == "present"
    assert result["disposition"] == "urgent"


def test_bad_replay_file_is_refused_before_the_first_question(home, tmp_path):
    """Issue 12 point 10: every replayed file's format is checked before the check-in
    starts, so a bad third file is not found after two answers."""
    answers = tmp_path / "answers"
    answers.mkdir()
    for i, src in enumerate(sorted((SCENARIOS / "no_symptoms").glob("*.wav"))[:2], 1):
        (answers / f"{i:02d}.wav").write_bytes(src.read_bytes())
    (answers / "03.wav").write_text("this is not audio")
    done = aftercare("check", "--replay", str(answers))
    assert done.returncode != 0
    assert "Traceback" not in done.stderr and "assistant:" not in done.stdout
    errors = [line for line in done.stderr.splitlines() if "error" in line]
    assert errors == [f"aftercare: error: {answers / '03.wav'}: not a WAV file (looks like "
                      "text); convert it to PCM WAV, e.g. 'ffmpeg -i IN -ar 16000 -ac 1 OUT.wav'"]
    assert not (home / "history.sqlite3").exists()


def test_bad_input_mid_checkin_keeps_session_and_closes_it_with_care(home, tmp_path):
    """A bad message after two answers: the answers stay, the check-in is closed as
    stopped (not left "in progress"), its closing advice is given, then one error line."""
    bad = tmp_path / "bad.wav"
    bad.write_text("this is not audio")
    lines = [json.dumps({"text": "no"}), json.dumps({"text": "no"}), json.dumps({"wav": str(bad)})]
    done = aftercare("check", "--jsonl", stdin="\n".join(lines) + "\n")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith(f"aftercare: error: {bad}: not a WAV")
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert out[-1]["type"] == "result" and out[-1]["disposition"] == "urgent"
    assert out[-1]["unanswered"]  # the red flags never asked are reported, not assumed
    record = History(home / "history.sqlite3").all()[-1]
    assert [a.question for a in record.answers] == ["fever", "leg_numbness"]
    assert record.status == "stopped" and record.disposition == "urgent"
    again = aftercare("check", "--text", stdin="stop\n")
    assert "was not finished" not in again.stdout


def test_missing_replay_path_is_one_line(home):
    done = aftercare("check", "--replay", "/no/such/answers")
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [
        "aftercare: error: /no/such/answers: no such file or folder"]


def test_demo_plays_end_to_end_without_devices(home):
    """This machine has no microphone or sound card: the demo replays and prints."""
    done = aftercare("check")
    assert done.returncode == 0, done.stderr
    assert "no microphone found" in done.stderr
    assert done.stderr.count("audio output unavailable") == 1
    assert "assistant: Hello" in done.stdout
    assert "patient: " in done.stdout
    assert "result: self-care" in done.stdout
