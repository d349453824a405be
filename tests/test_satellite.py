"""`aftercare satellite` against the real wyoming-satellite program on 127.0.0.1.

The peer is wyoming-satellite from PyPI, installed by scripts/setup into .venv-satellite
(it pins an older wyoming than ours) and run with a --mic-command that speaks recorded
answers only after the satellite has played each prompt stream, and a --snd-command that
captures the prompts (tests/satellite_peer/). Nothing stands in for the satellite, the
recogniser or the speech engine.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from voice.audio import from_samples, read_wav
from voice.commands.doctor import check_satellite
from voice.dialog import Ask, CheckIn
from voice.errors import AftercareError
from voice.live import Block, Ears, Gate
from voice.protocol import load_protocol
from voice.satellite import SATELLITE_ECHO, SatelliteError, SatelliteLink, describe
from voice.session import Continued
from voice.store import History

ROOT = Path(__file__).resolve().parent.parent
SATELLITE_PYTHON = ROOT / ".venv-satellite" / "bin" / "python"
PEER = ROOT / "tests" / "satellite_peer"
SCENARIO = ROOT / "tests" / "fixtures" / "scenarios" / "no_symptoms"
PROMPT_RATE = 22050  # the satellite's --snd-command-rate default


@dataclass
class Peer:
    uri: str
    folder: Path
    process: subprocess.Popen

    @property
    def played(self) -> list[tuple[float, float]]:
        """(first byte, end of playing) of each prompt stream, in order."""
        log = self.folder / "snd" / "played.log"
        lines = log.read_text().splitlines() if log.exists() else []
        return [(float(a), float(b)) for _, a, b in (line.split() for line in lines)]

    @property
    def answer_ends(self) -> list[float]:
        log = self.folder / "answers.log"
        lines = log.read_text().splitlines() if log.exists() else []
        return [float(line.split()[1]) for line in lines]

    def prompt(self, number: int):
        pcm = (self.folder / "snd" / f"prompt-{number:03d}.raw").read_bytes()
        return from_samples(np.frombuffer(pcm, dtype=np.int16), PROMPT_RATE, "prompt")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # the satellite and its commands
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def satellite(tmp_path) -> Iterator:
    """``satellite(answers) -> Peer``: a running wyoming-satellite whose microphone
    will speak ``answers`` (WAV files), one after each prompt stream it has played."""
    assert SATELLITE_PYTHON.exists(), \
        "wyoming-satellite is not installed: run ./scripts/setup (it makes .venv-satellite)"
    peers: list[Peer] = []

    def start(answers: list[Path]) -> Peer:
        folder = tmp_path / f"satellite{len(peers)}"
        (folder / "snd").mkdir(parents=True)
        plan = []
        for i, wav in enumerate(answers):  # the microphone gives raw 16 kHz mono PCM
            raw = folder / f"answer-{i:02d}.raw"
            raw.write_bytes(read_wav(wav).pcm)
            plan.append(str(raw))
        (folder / "plan.json").write_text(json.dumps(plan))
        uri = f"tcp://127.0.0.1:{_free_port()}"
        mic = (f"{sys.executable} {PEER / 'mic_command.py'} --plan {folder / 'plan.json'} "
               f"--played {folder / 'snd' / 'played.log'} "
               f"--answers-log {folder / 'answers.log'}")
        snd = f"{sys.executable} {PEER / 'snd_command.py'} --dir {folder / 'snd'}"
        log = (folder / "satellite.log").open("w")
        process = subprocess.Popen(
            [str(SATELLITE_PYTHON), "-m", "wyoming_satellite", "--uri", uri,
             "--name", "bedroom test satellite", "--no-zeroconf",
             "--mic-command", mic, "--snd-command", snd],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        peer = Peer(uri, folder, process)
        peers.append(peer)
        deadline = time.monotonic() + 60
        while True:  # up when it describes itself
            try:
                describe(uri)
                return peer
            except AftercareError:
                assert process.poll() is None, (folder / "satellite.log").read_text()
                assert time.monotonic() < deadline, "wyoming-satellite did not start"
                time.sleep(0.2)

    yield start
    for peer in peers:
        peer.stop()


def aftercare(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "voice", *args], capture_output=True,
                          text=True, timeout=600, env={**os.environ, **env})


def _words(text: str) -> set[str]:
    return set("".join(c if c.isalpha() or c == "'" else " " for c in text.lower()).split())


def test_checkin_over_wyoming_equals_replay(satellite, tmp_path, recognizer):
    answers = sorted(SCENARIO.glob("*.wav"))
    env = {"AFTERCARE_HOME": str(tmp_path / "home"), "AFTERCARE_AUDIO_OUTPUT": "none"}
    replay = aftercare("check", "--replay", str(SCENARIO), "--jsonl", "--no-history",
                       "--result", str(tmp_path / "replay.json"), env=env)
    assert replay.returncode == 0, replay.stderr
    asks = [m["text"] for m in map(json.loads, replay.stdout.splitlines())
            if m["type"] == "ask"]
    assert len(asks) == len(answers)

    peer = satellite(answers)
    assert check_satellite(peer.uri).ok  # what `aftercare doctor --satellite` says
    start = time.monotonic()
    done = aftercare("satellite", "--uri", peer.uri, "--result",
                     str(tmp_path / "satellite.json"), env=env)
    wall = time.monotonic() - start
    assert done.returncode == 0, done.stderr

    # The same check-in as the replay of the same answers.
    expected = json.loads((tmp_path / "replay.json").read_text())
    got = json.loads((tmp_path / "satellite.json").read_text())
    for key in ("disposition", "reasons", "symptoms", "unanswered", "completed", "spoken"):
        assert got[key] == expected[key], key
    assert {q: (a["value"], a["transcript"]) for q, a in got["answers"].items()} == \
        {q: (a["value"], a["transcript"]) for q, a in expected["answers"].items()}
    stored = History(tmp_path / "home" / "history.sqlite3").all()[-1]
    assert (stored.status, stored.disposition) == ("finished", expected["disposition"])
    assert {a.question: a.value for a in stored.answers} == \
        {q: a["value"] for q, a in expected["answers"].items()}

    # One prompt stream per turn and the closing one; every answer came after its
    # prompt had been played, and every next prompt after the answer's speech (a
    # recording's trailing silence may be talked over: the patient has stopped).
    played, ends = peer.played, peer.answer_ends
    assert len(played) == len(asks) + 1 and len(ends) == len(answers)
    gaps = [played[i + 1][0] - end for i, end in enumerate(ends)]
    assert all(end > played[i][1] for i, end in enumerate(ends))
    assert all(gap > 0 for gap in gaps)

    # The captured prompt audio is the spoken questions: each of the first turns'
    # recordings is heard closest to its own question.
    for turn in (1, 2, 3):
        heard = _words(recognizer.recognize(peer.prompt(turn)).text)
        overlap = [len(heard & _words(a)) / len(heard | _words(a)) for a in asks]
        assert max(range(len(asks)), key=overlap.__getitem__) == turn, (heard, overlap)
        assert overlap[turn] >= 0.5, (heard, asks[turn])

    q = statistics.quantiles(gaps, n=20, method="inclusive")  # within the data
    print(f"\nsatellite check-in: {len(answers)} answers, wall time {wall:.1f} s; turn gap "
          f"(end of answer -> first prompt audio) p50 {statistics.median(gaps):.2f} s, "
          f"p95 {q[18]:.2f} s, max {max(gaps):.2f} s")


def test_lost_connection_keeps_the_answers(satellite, tmp_path):
    peer = satellite(sorted(SCENARIO.glob("*.wav")))
    env = {"AFTERCARE_HOME": str(tmp_path / "home"), "AFTERCARE_AUDIO_OUTPUT": "none"}
    process = subprocess.Popen(
        [sys.executable, "-m", "voice", "satellite", "--uri", peer.uri],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, **env})
    deadline = time.monotonic() + 120
    while len(peer.played) < 2:  # the second question has been played: one answer in
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    peer.stop()  # the satellite goes away mid-check-in
    out, err = process.communicate(timeout=60)
    assert process.returncode != 0
    assert len(err.strip().splitlines()) == 2, err  # "connected to ..." and the error
    assert err.strip().splitlines()[-1].startswith("aftercare: error: lost the satellite")
    assert "kept in the history" in err and "Traceback" not in err
    record = History(tmp_path / "home" / "history.sqlite3").all()[-1]
    # Ended like any input that fails mid-check-in: stored as stopped, not "in progress"
    # (which would tell a later check-in, falsely, that one is still running).
    assert record.status == "stopped"
    assert [(a.question, a.value) for a in record.answers] == [("fever", "no")]


def test_doctor_says_when_no_satellite_answers():
    check = check_satellite(f"tcp://127.0.0.1:{_free_port()}")
    assert not check.ok and "no satellite answers" in check.detail


def test_a_satellite_held_by_another_server_is_refused_in_one_line(satellite):
    peer = satellite([])
    held = SatelliteLink(peer.uri)  # as Home Assistant holds a paired satellite
    try:
        with pytest.raises(SatelliteError, match="is Home Assistant connected to it"):
            SatelliteLink(peer.uri)
    finally:
        held.close()


class _Stream:
    """A satellite's microphone from memory: 20 ms blocks on a clock of their own
    (ahead of the real one, so each listen's start never drops them)."""

    def __init__(self, samples: np.ndarray) -> None:
        pcm = np.clip(samples, -32768, 32767).astype("<i2").tobytes()
        self.blocks = [pcm[i : i + 640] for i in range(0, len(pcm), 640)]
        self.base = time.monotonic() + 30.0
        self.taken = 0

    def at(self, seconds: float) -> float:
        return self.base + seconds

    def get(self, timeout: float) -> Block | None:
        if self.taken >= len(self.blocks):
            return None
        self.taken += 1
        return Block(self.blocks[self.taken - 1], self.at((self.taken - 1) * 0.02))


@pytest.mark.parametrize("satellite_gate", [True, False])
def test_the_satellites_prompt_echo_never_continues_an_answer(one_best, hear, satellite_gate):
    """"no", then the next question played by the satellite and heard by its own
    microphone 1.2 s later (inside the correction window), then "yes". The satellite's
    gate covers the prompt from when it is sent: the echo is neither a late correction
    nor the answer. Control: a gate that waits for an echo delay before covering (the
    local speaker's, unmeasured) takes the echo for more of "no"."""
    protocol = load_protocol()
    dialog = CheckIn(protocol)
    fever, numbness = ([e for e in dialog.goto(q) if isinstance(e, Ask)][0]
                       for q in ("fever", "leg_numbness"))
    no, prompt, yes = hear("no"), hear(numbness.text), hear("yes")
    parts = [np.zeros(8000), no.samples, np.zeros(19200), prompt.samples, np.zeros(8000),
             yes.samples, np.zeros(48000)]
    samples = np.concatenate([p.astype(np.float64) for p in parts])
    source = _Stream(samples + np.random.default_rng(5).normal(0, 33, len(samples)))
    gate = Gate(echo=SATELLITE_ECHO) if satellite_gate else Gate()
    ears = Ears(one_best, protocol, source, gate)
    assert ears.listen(fever).text == "no"

    echo_from = (8000 + len(no.samples) + 19200) / 16000  # seconds into the stream
    playback = gate.queued(measure=False)  # as SatelliteOutput.speak, on the stream's clock
    playback.queued = playback.start = source.at(echo_from)
    playback.end = source.at(echo_from + prompt.duration)
    second = ears.listen(numbness)
    if satellite_gate:
        assert not isinstance(second, Continued) and second.text == "yes"
    else:
        assert isinstance(second, Continued)
