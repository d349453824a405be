"""Shared fixtures: one loaded recogniser and a caching speech renderer per session.

Nothing here is mocked: ``recognizer`` is vosk with the real model and ``render`` is
pyttsx3/espeak-ng. If either is missing the fixtures fail loudly (a ModelError or
SpeechError naming the fix); they never skip, since a skipped speech test is a test
that silently stopped testing anything.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from voice import models
from voice.asr import Recognizer
from voice.audio import Audio, read_wav
from voice.decoders import DecoderPool
from voice.protocol import Protocol, load_protocol
from voice.tts import Speaker

ROOT = Path(__file__).resolve().parent.parent

# Two espeak-ng voices (female variants of US English) at 130 words per minute: the
# pair with which the small vosk model hears the most of the round-trip phrases
# free-form (12 of 16 exactly; see tests/test_roundtrip.py for the rest). The product's
# default (no variant, 160 wpm) is heard worse free-form but exactly with a grammar.
VOICES = ("en-us+f3", "en-us+f2")
TEST_RATE = 130

Render = Callable[..., Path]


@pytest.fixture(scope="session")
def protocol() -> Protocol:
    """The bundled protocol (test files that need another one define their own)."""
    return load_protocol()


@pytest.fixture(scope="session")
def recognizer() -> Recognizer:
    """The real vosk model, loaded once for the whole test session; new decoders for
    every answer, so no test depends on what the tests before it heard."""
    return Recognizer(decoders=DecoderPool(max_idle=0))


@pytest.fixture(scope="session")
def one_best(recognizer: Recognizer) -> Recognizer:
    """The same model without the n-best decoder: identical text, words and word
    confidences (``alternatives`` is empty), in about half the time."""
    return Recognizer(alternatives=0, decoders=DecoderPool(max_idle=0))


@pytest.fixture(scope="session")
def render(tmp_path_factory: pytest.TempPathFactory) -> Render:
    """``render(text, voice="en-us+f3", rate=130) -> Path`` of a 22,050 Hz WAV made by
    espeak-ng, rendered once per session (rendering is deterministic, so caching by
    text, voice and rate loses nothing)."""
    folder = tmp_path_factory.mktemp("speech")
    cache: dict[tuple[str, str | None, int], Path] = {}

    def _render(text: str, voice: str | None = VOICES[0], rate: int = TEST_RATE) -> Path:
        key = (text, voice, rate)
        if key not in cache:
            slug = re.sub(r"[^a-z0-9]+", "_", f"{text}_{voice}_{rate}".lower())[:60]
            path = folder / f"{len(cache):03d}_{slug}.wav"
            cache[key] = Speaker(voice=voice, rate=rate).render(text, path)
        return cache[key]

    return _render


@pytest.fixture(scope="session")
def hear(render: Render) -> Callable[..., Audio]:
    """``hear(text, voice, rate) -> Audio``: rendered speech as the recogniser gets it."""
    cache: dict[tuple, Audio] = {}

    def _hear(text: str, voice: str | None = VOICES[0], rate: int = TEST_RATE) -> Audio:
        key = (text, voice, rate)
        if key not in cache:
            cache[key] = read_wav(render(text, voice, rate))
        return cache[key]

    return _hear


@pytest.fixture(scope="session")
def corrupt_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the model with one byte changed in am/final.mdl (other files are
    symlinks to the real ones, so this is cheap)."""
    source = models.model_path()
    copy = tmp_path_factory.mktemp("corrupt") / source.name
    for file in sorted(p for p in source.rglob("*") if p.is_file()):
        target = copy / file.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        if file.relative_to(source).as_posix() == "am/final.mdl":
            data = bytearray(file.read_bytes())
            data[len(data) // 2] ^= 0x01
            target.write_bytes(bytes(data))
        else:
            target.symlink_to(file)
    return copy


@pytest.fixture(scope="session")
def aftercare() -> Callable[..., subprocess.CompletedProcess]:
    """Run the real CLI in a subprocess: ``aftercare("transcribe", "x.wav", env={...})``.
    Speech output is forced to the text fallback unless the caller's env says otherwise,
    so no test plays sound on a machine that has a speaker."""

    def _run(*args: str, env: dict[str, str] | None = None, timeout: float = 120,
             stdin: str | None = None) -> subprocess.CompletedProcess:
        full_env = {**os.environ, "AFTERCARE_AUDIO_OUTPUT": "none", **(env or {})}
        full_env = {k: v for k, v in full_env.items() if v is not None}
        return subprocess.run(
            [sys.executable, "-m", "voice", *args], capture_output=True, text=True,
            env=full_env, cwd=ROOT, timeout=timeout, input=stdin,
        )

    return _run


@pytest.fixture(scope="session")
def kill_checkin() -> Callable[[int], None]:
    """Run a ``check --jsonl`` in a subprocess (environment as it is), answer "no" to
    each question until the ``asks``-th one is asked, then kill -9 it: a check-in that
    died mid-way, its answers so far stored."""

    def _run(asks: int = 3) -> None:
        proc = subprocess.Popen([sys.executable, "-m", "voice", "check", "--jsonl"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                env=os.environ)
        asked = 0
        for line in proc.stdout:
            if json.loads(line)["type"] == "ask":
                asked += 1
                if asked == asks:
                    break
                proc.stdin.write(json.dumps({"text": "no"}) + "\n")
                proc.stdin.flush()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()

    return _run
