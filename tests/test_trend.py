"""`aftercare history --speak`: the trend across check-ins, read aloud."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta

from voice.protocol import load_protocol
from voice.store import CheckinRecord, StoredAnswer
from voice.trend import trend_sentences, when

NOW = datetime(2026, 11, 25, 18, 0).astimezone()  # a Wednesday


def record(days_ago: float, *answers: tuple[str, object]) -> CheckinRecord:
    at = (NOW - timedelta(days=days_ago)).isoformat()
    return CheckinRecord(1, at, at, "finished", "self-care",
                         tuple(StoredAnswer(q, v, str(v), 1.0) for q, v in answers))


def test_pain_trend_names_the_days():
    records = [record(2, ("pain_score", 6)), record(1, ("fever", "no")),
               record(0.1, ("pain_score", 5), ("pain_score", 4))]  # re-asked: the last
    assert trend_sentences(records, load_protocol(), NOW) == [
        "Your pain was 6 on Monday and 4 today."]


def test_same_day_is_named_once_and_temperatures_read_as_said():
    records = [record(9, ("temperature", 38.5)), record(0.2, ("pain_score", 3)),
               record(0.1, ("pain_score", 2))]
    assert trend_sentences(records, load_protocol(), NOW) == [
        "Your temperature was 38.5 on 16 November.", "Your pain was 3 and 2 today."]


def test_no_scores_says_so():
    assert trend_sentences([record(0, ("fever", "no"))], load_protocol(), NOW) == [
        "Check-ins so far: 1. None of them has a score to compare yet."]
    assert when(NOW - timedelta(days=1), NOW) == "yesterday"


def test_history_speak_prints_when_no_audio(tmp_path):
    env = {**os.environ, "AFTERCARE_HOME": str(tmp_path), "AFTERCARE_AUDIO_OUTPUT": "none"}
    run = [sys.executable, "-m", "voice"]
    answers = ["no"] * 4 + ["yes", "6", "better", "no"] + ["no"] * 4
    day = datetime.now().astimezone().date()
    done = subprocess.run([*run, "check", "--text"], input="\n".join(answers) + "\n",
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    spoken = subprocess.run([*run, "history", "--speak"], capture_output=True, text=True,
                            env=env, timeout=120)
    assert spoken.returncode == 0, spoken.stderr
    # A run across midnight names the check-in's day "yesterday" (local time).
    said = {"Your pain was 6 today."} if datetime.now().astimezone().date() == day \
        else {"Your pain was 6 today.", "Your pain was 6 yesterday."}
    assert spoken.stdout.splitlines()[-1] in said
    assert "audio output unavailable" in spoken.stderr
