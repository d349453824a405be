"""The end-of-turn rule, voice activity and the echo measure on their own (pure, no
audio devices): the pieces the live conversation is made of."""

from __future__ import annotations

import numpy as np
import pytest

from voice import turn
from voice.audio import SAMPLE_RATE
from voice.live import Block, Gate, echo_delay
from voice.protocol import load_protocol
from voice.vad import VoiceTracker


@pytest.fixture(scope="module")
def protocol():
    return load_protocol()


@pytest.fixture(scope="module")
def continuing():
    return turn.load_continuing()


@pytest.mark.parametrize("text, question, whole", [
    ("no", "fever", True),
    ("yes i have a fever", "fever", True),
    ("four", "pain_score", True),
    ("getting better", "pain_trend", True),
    ("repeat", "fever", True),
    ("it is about", "pain_score", False),
    ("no wait", "fever", False),
    ("no actually", "fever", False),
    ("um", "fever", False),
    ("and", "fever", False),
    ("i think", "fever", False),
    ("", "fever", False),
    ("[unk]", "fever", False),
    ("banana", "fever", False),
])
def test_complete_answers_in_the_questions_terms(protocol, continuing, text, question, whole):
    q = protocol.question(question)
    assert turn.complete(text, q, protocol, continuing) is whole


def test_waits_short_after_a_complete_answer_long_after_an_incomplete_one():
    t = turn.Timing()
    done = turn.SoFar("no", speech=0.3, silence=t.complete, waited=2.0)
    assert turn.decide(done, True, t) == turn.FINISHED
    assert turn.decide(done, False, t) == turn.LISTEN  # "it is about ..." keeps listening
    pausing = turn.SoFar("it is about", speech=0.8, silence=1.5, waited=3.0)
    assert turn.decide(pausing, False, t) == turn.LISTEN
    gone = turn.SoFar("it is about", speech=0.8, silence=t.incomplete, waited=3.0)
    assert turn.decide(gone, False, t) == turn.FINISHED


def test_nothing_heard_after_the_documented_time_whatever_the_words():
    t = turn.Timing()
    # The recogniser "heard" a word in noise, but there was no voice: not an answer.
    noise = turn.SoFar("high", speech=0.0, silence=9.9, waited=9.9)
    assert turn.decide(noise, True, t) == turn.LISTEN
    assert turn.decide(turn.SoFar("high", 0.04, 10.0, 10.0), True, t) == turn.NOTHING
    assert t.nothing == 10.0


def _noise(dbfs: float, seconds: float, seed: int = 3) -> bytes:
    rms = 32768 * 10 ** (dbfs / 20)
    samples = np.random.default_rng(seed).normal(0, rms, int(seconds * SAMPLE_RATE))
    return np.clip(samples, -32768, 32767).astype("<i2").tobytes()


@pytest.mark.parametrize("dbfs", [-70, -60, -55])
def test_a_quiet_noise_floor_is_never_voice(dbfs):
    tracker = VoiceTracker()
    tracker.push(_noise(dbfs, 15.0))
    assert tracker.speech == 0.0
    assert tracker.silence == pytest.approx(15.0, abs=0.05)


def test_speech_is_voice_and_its_end_is_timed(hear):
    audio = hear("no, I have not had a fever")
    tracker = VoiceTracker()
    tracker.push(audio.pcm)
    tracker.push(bytes(2 * SAMPLE_RATE))  # one second of silence after it
    assert tracker.speech > 0.5
    assert 1.0 <= tracker.silence < 1.6


def test_the_echo_delay_of_a_late_speaker_is_measured(hear):
    prompt = hear("Have you had a fever since the procedure?").samples
    for delay in (0.5, 0.8):
        start = 100.0
        lead = int(delay * SAMPLE_RATE)
        room = np.concatenate([np.zeros(lead), 0.4 * prompt, np.zeros(SAMPLE_RATE * 2)])
        room = room + np.random.default_rng(1).normal(0, 30, len(room))
        pcm = np.clip(room, -32768, 32767).astype("<i2").tobytes()
        blocks = [Block(pcm[i : i + 640], start + i / 2 / SAMPLE_RATE)
                  for i in range(0, len(pcm), 640)]
        assert echo_delay(prompt, start, blocks) == pytest.approx(delay, abs=0.03)
    # A headset: the microphone never hears the prompt.
    quiet = _noise(-60, 6.0)
    blocks = [Block(quiet[i : i + 640], 100.0 + i / 2 / SAMPLE_RATE)
              for i in range(0, len(quiet), 640)]
    assert echo_delay(prompt, 100.0, blocks) is None


def test_the_gate_mutes_a_prompt_and_its_echo():
    gate = Gate()
    gate.echo_heard, gate.echo = True, 0.8
    playback = gate.queued()
    gate.started(playback, None)
    start = playback.start
    gate.ended(playback)
    end = playback.end
    assert gate.muted(Block(bytes(640), start + 0.01))
    assert gate.muted(Block(bytes(640), end + 0.7))  # the echo of its last words
    assert not gate.muted(Block(bytes(640), end + 0.8 + 0.25))
    # Before the echo can arrive, only the room is heard (a late correction).
    assert not gate.echo_reaches(Block(bytes(640), start - 0.1))
