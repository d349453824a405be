"""Live check-ins through a virtual microphone and speaker (issue 11).

The real ``aftercare check`` runs in a child process with its default microphone and
speaker pointed at a private PulseAudio server (tests/virtual_audio.py); a scripted
patient answers after each prompt is heard, with pauses, corrections, silence, noise
and echo. Prompts at 240 words per minute (the fastest) keep each check-in short. Timings that are
performance targets are measured by benchmarks/live.py, not asserted here; what is
asserted are behaviours (the re-prompt comes at the documented time, give or take).
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest
from virtual_audio import Patient, Pause, Room, Transcript, Turn, pulse_server, trimmed

from voice.audio import read_wav
from voice.protocol import load_protocol
from voice.turn import Timing

ROOT = Path(__file__).resolve().parent.parent
AFTERCARE = ROOT / ".venv" / "bin" / "aftercare"


@pytest.fixture
def server():
    with pulse_server() as started:
        yield started


@pytest.fixture
def say(render):
    """``say(text)``: the patient's voice (espeak-ng en-us+f3, 130 wpm), trimmed so
    that the end of the array is the end of speech."""
    return lambda text: trimmed(read_wav(render(text)).samples.astype(np.float64))


def checkin(server, tmp_path, turns, *args, noise=-60.0, echo=None, timeout=150):
    """One live check-in; returns (CompletedProcess, result dict or None, patient, room,
    the time it ended)."""
    room = Room(server, noise_dbfs=noise, echo=echo)
    try:
        env = dict(server.env, AFTERCARE_HOME=str(tmp_path / "home"),
                   AFTERCARE_DEBUG_LIVE="1")  # decisions on stderr, shown on failure
        result_file = tmp_path / "result.json"
        command = [str(AFTERCARE), "check", "--rate", "240", "--result", str(result_file),
                   *args]
        process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        transcript = Transcript(process, load_protocol())
        patient = Patient(room, turns, transcript)
        stdout, stderr = transcript.wait(timeout)
        ended = time.monotonic()
        done = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
        patient.latencies()
        result = json.loads(result_file.read_text()) if result_file.exists() else None
        assert patient.error is None, patient.error
        return done, result, patient, room, ended
    finally:
        room.close()


def heard_lines(stdout: str) -> list[str]:
    return re.findall(r"^patient: (.*)$", stdout, re.MULTILINE)


def test_a_late_correction_ends_in_the_emergency_message_and_replays_alike(
        server, tmp_path, say, aftercare):
    """Point 1: "No ... [1.5 s] actually yes, I have a fever" was heard as "no" and the
    rest spoken over the next prompt. The continuation stops the speaker and the whole
    answer is decided again; replaying what the microphone captured decides the same."""
    kept = tmp_path / "kept"
    kept.mkdir()
    turns = [Turn([say("no"), Pause(1.5), say("actually yes, I have a fever")]),
             Turn([say("stop")])]
    done, result, patient, _, _ = checkin(server, tmp_path, turns, "--no-history",
                                          "--keep-audio", str(kept))
    assert done.returncode == 0, done.stderr
    assert result["disposition"] == "emergency"
    assert result["symptoms"]["fever"]["status"] == "present"
    assert "immediate attention: a fever" in done.stdout
    assert "fever" not in result["unanswered"]

    # Replaying the captured answers gives the same decisions.
    replayed = tmp_path / "replayed.json"
    again = aftercare("check", "--replay", str(kept), "--no-history", "--result",
                      str(replayed), env={"AFTERCARE_HOME": str(tmp_path / "home2")})
    assert again.returncode == 0, again.stderr
    replay = json.loads(replayed.read_text())
    for key in ("disposition", "symptoms", "answers", "unanswered"):
        assert replay[key] == result[key], key
    live, replayed_lines = heard_lines(done.stdout), heard_lines(again.stdout)
    # Live, the first part was printed before the continuation replaced it, unless the
    # continuation came before the turn was decided (a loaded machine decides late):
    # then it was one answer live too.
    assert live == replayed_lines or any(
        live[:i] + live[i + 1 :] == replayed_lines for i in range(len(live))), (
        done.stdout, again.stdout)


def test_a_pause_inside_an_answer_does_not_cut_it(server, tmp_path, say):
    """Point 1: "no [1.2 s] not really" is one answer (the sweep over 0.3-1.5 s is in
    benchmarks/live.py)."""
    turns = [Turn([say("no"), Pause(1.2), say("not really")]), Turn([say("stop")]),
             Turn([say("yes")])]
    done, result, _, _, _ = checkin(server, tmp_path, turns, "--no-history")
    assert done.returncode == 0, done.stderr
    fever = result["answers"]["fever"]
    assert fever["value"] == "no" and "really" in fever["transcript"]
    assert result["completed"] is False  # stopped at the next question


def test_silence_at_a_noise_floor_reprompts_at_the_documented_time(server, tmp_path, say):
    """Point 3: silence at -60 dBFS gave "nothing heard" after 20-25 s and then a word
    that was never said. Now the re-prompt comes 10 s after the question, and the
    noise is never an answer."""
    turns = [Turn(silent=True), Turn([say("stop")]), Turn([say("yes")])]
    done, result, patient, room, _ = checkin(server, tmp_path, turns, "--no-history")
    assert done.returncode == 0, done.stderr
    lines = heard_lines(done.stdout)
    assert lines[0] == "(nothing heard)"
    assert "Sorry, I didn't hear anything." in done.stdout
    question_end = patient.spoken[0].prompt_end
    reprompt = room.first_sound_after(question_end + 1.0)
    waited = reprompt - question_end
    assert Timing().nothing <= waited <= Timing().nothing + 1.5, waited
    assert "fever" not in result["answers"]


@pytest.mark.parametrize("delay", [0.5, 0.8])
def test_the_speakers_echo_is_never_an_answer(server, tmp_path, say, delay):
    """Point 5: with the speaker heard again 0.5 s and 0.8 s late (a Bluetooth speaker),
    three clear "no"s became "okay know", "foot no". The echo delay is measured on the
    greeting and muted; the patient (who hears the speaker late too) is heard."""
    turns = [Turn([say("no")]), Turn([say("stop")]), Turn([say("yes")])]
    done, result, _, _, _ = checkin(server, tmp_path, turns, "--no-history", echo=delay)
    assert done.returncode == 0, done.stderr
    assert heard_lines(done.stdout) == ["no", "stop", "yes"]
    assert result["answers"]["fever"]["value"] == "no"


def test_a_stalled_microphone_is_one_clear_error_and_keeps_the_answers(
        server, tmp_path, say, aftercare):
    """Point 4: a microphone that stops delivering audio hung the program. Now one
    error line comes within 10 s of the stall (timed here, as the line is read), then
    the check-in still closes with its advice (care first), exits non-zero, and the
    answers given so far are in the history, stored as stopped."""
    turns = [Turn([say("no")]), Turn(stall=True)]
    done, _, patient, _, ended = checkin(server, tmp_path, turns, timeout=120)
    assert done.returncode != 0
    errors = [(t, line) for t, line in patient.transcript.error_times
              if line.startswith("aftercare: error")]
    assert len(errors) == 1 and "microphone stopped delivering audio" in errors[0][1]
    assert "Traceback" not in done.stderr
    stalled_at = patient.spoken[1].speech_end
    error_at = errors[0][0]
    assert error_at - stalled_at < 10, error_at - stalled_at
    # The closing advice follows the error line, and the program then ends, never hangs.
    after = [line for t, line in patient.transcript.lines if t > error_at]
    assert any(line.startswith("assistant: ") for line in after), done.stdout
    assert after[-1].startswith("result: "), done.stdout
    assert ended - stalled_at < 60
    listed = aftercare("history", "--json", env={"AFTERCARE_HOME": str(tmp_path / "home")})
    record = json.loads(listed.stdout.splitlines()[-1])
    assert record["answers"][0]["question"] == "fever", (done.stdout, done.stderr, record)
    assert json.loads(json.dumps(record["answers"][0]["value"])) == "no"
    assert record["status"] == "stopped", record
