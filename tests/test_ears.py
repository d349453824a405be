"""The live conversation fed from memory: the same ``Ears`` the microphone drives (and a
network satellite can), given 20 ms blocks of real rendered speech and real vosk, with
no audio devices. Deterministic companions of tests/test_live.py."""

from __future__ import annotations

import time

import numpy as np
import pytest

from voice.audio import SAMPLE_RATE
from voice.dialog import Ask, CheckIn
from voice.errors import AudioError
from voice.live import Block, Ears, Gate
from voice.protocol import load_protocol
from voice.session import Continued
from voice.turn import Timing

BLOCK = 320


class Feed:
    """Blocks of a prepared stream, stamped as they are taken; None at the end (as a
    stalled input gives)."""

    def __init__(self, samples: np.ndarray) -> None:
        pcm = np.clip(samples, -32768, 32767).astype("<i2").tobytes()
        self.blocks = [pcm[i : i + 2 * BLOCK] for i in range(0, len(pcm), 2 * BLOCK)]
        self.taken = 0

    def get(self, timeout: float) -> Block | None:
        if self.taken >= len(self.blocks):
            return None
        self.taken += 1
        return Block(self.blocks[self.taken - 1], time.monotonic() + 1.0)

    @property
    def seconds(self) -> float:
        return self.taken * BLOCK / SAMPLE_RATE


@pytest.fixture(scope="module")
def protocol():
    return load_protocol()


def ask_for(protocol, question_id: str) -> Ask:
    dialog = CheckIn(protocol)
    return [e for e in dialog.goto(question_id) if isinstance(e, Ask)][0]


def stream(hear, *parts) -> np.ndarray:
    """Rendered phrases and pauses (floats, seconds) at a -60 dBFS noise floor."""
    pieces = []
    for part in parts:
        if isinstance(part, str):
            pieces.append(hear(part).samples.astype(np.float64))
        else:
            pieces.append(np.zeros(int(part * SAMPLE_RATE)))
    samples = np.concatenate(pieces)
    return samples + np.random.default_rng(5).normal(0, 33, len(samples))


def ears(recognizer, protocol, feed) -> Ears:
    return Ears(recognizer, protocol, feed, Gate())


def test_a_complete_short_answer_ends_the_turn_quickly(one_best, protocol, hear):
    """Point 2: the turn ends ~0.4 s after "no", not vosk's ~1.3 s endpoint."""
    spoken = hear("no")
    feed = Feed(stream(hear, 0.5, "no", 3.0))
    heard = ears(one_best, protocol, feed).listen(ask_for(protocol, "fever"))
    assert heard.text == "no"
    after_speech = feed.seconds - 0.5 - spoken.duration
    assert after_speech <= Timing().complete + 0.45  # rendered trailing silence included


def test_an_incomplete_answer_waits_through_a_pause(one_best, protocol, hear):
    """Point 1: "it is about [1.0 s] five" was cut three times running."""
    feed = Feed(stream(hear, 0.5, "it is about", 1.0, "five", 3.0))
    heard = ears(one_best, protocol, feed).listen(ask_for(protocol, "pain_score"))
    assert not isinstance(heard, Continued)
    assert heard.text.split()[-1] == "five" and len(heard.text.split()) > 1  # one answer


def test_speech_after_the_end_of_turn_continues_the_answer(one_best, protocol, hear):
    """Point 1: "no [1.2 s] actually yes, I have a fever": the second listen gives the
    whole answer as a continuation of the first."""
    feed = Feed(stream(hear, 0.5, "no", 1.2, "actually yes, I have a fever", 3.0))
    e = ears(one_best, protocol, feed)
    first = e.listen(ask_for(protocol, "fever"))
    assert first.text == "no"
    second = e.listen(ask_for(protocol, "leg_numbness"))
    assert isinstance(second, Continued)
    assert "fever" in second.heard.text


def test_noise_alone_is_nothing_heard_at_the_documented_time(one_best, protocol):
    """Point 3: 15 s at a -60 dBFS floor: "nothing heard" after 10 s, no invented word."""
    feed = Feed(np.random.default_rng(9).normal(0, 33, 15 * SAMPLE_RATE))
    heard = ears(one_best, protocol, feed).listen(ask_for(protocol, "fever"))
    assert heard.text == ""
    assert feed.seconds == pytest.approx(Timing().nothing, abs=0.05)


def test_an_input_that_stops_is_an_error_not_a_hang(one_best, protocol, hear):
    """Point 4, without a device: a source that delivers nothing more."""
    feed = Feed(stream(hear, 0.3))
    with pytest.raises(AudioError, match="stopped delivering audio"):
        ears(one_best, protocol, feed).listen(ask_for(protocol, "fever"))


def test_speech_after_the_early_close_reopens_the_answer_and_replays_alike(
        one_best, protocol, hear, tmp_path):
    """The decode of a complete answer is finished ahead, during the end-of-turn wait;
    when the patient goes on within that wait ("no [0.3 s] not really"), the answer is
    reopened: one answer, and its kept audio replays to the same decision."""
    from virtual_audio import trimmed

    from voice.audio import Audio, read_wav
    from voice.listen import listen

    def said(text: str) -> Audio:
        return Audio(trimmed(hear(text).samples.astype(np.float64)).astype("<i2").tobytes(),
                     text)

    feed = Feed(stream(said, 0.5, "no", 0.3, "not really", 3.0))
    ask = ask_for(protocol, "fever")
    e = Ears(one_best, protocol, feed, Gate(), capture=tmp_path)
    heard = e.listen(ask)
    assert not isinstance(heard, Continued)
    assert heard.text.split()[0] == "no" and "really" in heard.text
    assert e.log[-1]["reopened"] >= 1 and e.log[-1]["finished_ahead"]
    again, _ = listen(one_best, read_wav(tmp_path / "01.wav"), ask.grammar, ask.narrow)
    assert (again.text, again.confidence, again.passes) == (
        heard.text, heard.confidence, heard.passes)
