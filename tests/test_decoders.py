"""Kept decoders (voice/decoders.py), with the real model on the recorded fixtures: they
hear these answers as new decoders do (same words, confidences, n-best lists and word
times) whatever came before, and the same answers in the same order always give
byte-identical results."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voice.asr import Recognizer, file_framer
from voice.audio import read_wav
from voice.decoders import RETIRE_SECONDS, DecoderPool

SCENARIO = Path(__file__).parent / "fixtures" / "scenarios" / "back_soreness"
GRAMMAR = ("yes", "no", "i don't know", "stop", "a bit better", "worse")


@pytest.fixture(scope="module")
def clips():
    return [read_wav(path) for path in sorted(SCENARIO.glob("*.wav"))]


@pytest.fixture(scope="module")
def new_each_time() -> Recognizer:
    return Recognizer(decoders=DecoderPool(max_idle=0))  # keeps nothing


def hear_all(recognizer: Recognizer, clips) -> list[tuple[dict, dict]]:
    return [(recognizer.recognize(a).to_dict(), recognizer.recognize(a, GRAMMAR).to_dict())
            for a in clips]


def test_kept_decoders_hear_these_answers_as_new_ones_do_in_any_order(clips,
                                                                     new_each_time):
    expected = hear_all(new_each_time, clips)
    pool = DecoderPool()
    kept = Recognizer(decoders=pool)
    assert hear_all(kept, clips) == expected
    assert hear_all(kept, clips[::-1])[::-1] == expected
    assert hear_all(kept, clips[1::2] + clips[::2]) == expected[1::2] + expected[::2]
    # ...and they really were kept: free-form 1-best and n-best, grammar 1-best and n-best
    assert len(pool._idle) == 4
    assert all(0 < d.start == d.fed for d in pool._idle)


def test_an_answer_that_ends_in_a_pause_leaves_nothing_to_the_next(clips, new_each_time):
    """vosk continues the speaker's feature pipeline after an utterance read at an
    endpoint; the pool finalises it, or the next answer would be heard differently."""
    kept = Recognizer(decoders=DecoderPool())
    ends_at_endpoint = []
    for audio in clips:
        framer, pcm = file_framer(audio)
        stream = kept.stream()
        ended = [stream.accept(chunk) for chunk in (*framer.push(pcm), *framer.close())]
        stream.result()
        ends_at_endpoint.append(ended[-1])
    assert any(ends_at_endpoint[:-1])  # the case under test is in the fixtures
    for before, after in zip(clips, clips[1:], strict=False):
        kept.recognize(before)
        assert kept.recognize(after) == new_each_time.recognize(after)


def test_the_same_answers_in_the_same_order_give_byte_identical_results(clips):
    """What --replay and testers rely on: a check-in (one Recognizer, its own pool)
    heard twice gives the same JSON, answer by answer."""
    runs = [[json.dumps(r) for pair in hear_all(Recognizer(decoders=DecoderPool()), clips)
             for r in pair] for _ in range(2)]
    assert runs[0] == runs[1]


def test_word_times_count_from_the_start_of_each_answer(clips):
    kept = Recognizer(alternatives=0, decoders=DecoderPool())
    first = kept.recognize(clips[0])
    for audio in clips[1:5]:
        kept.recognize(audio)
    again = kept.recognize(clips[0])
    assert again.words == first.words and first.words[0].start < 1.0


def test_a_worn_decoder_is_retired_and_the_pool_is_bounded(recognizer):
    pool = DecoderPool(max_idle=2)
    decoders = [pool.take(recognizer.model, None, 0) for _ in range(3)]
    for decoder in decoders:
        pool.give_back(decoder)
    assert list(pool._idle) == decoders[1:]  # the least recently returned went first
    assert pool.take(recognizer.model, None, 0) is decoders[2]
    assert pool.take(recognizer.model, ["yes", "[unk]"], 0) not in decoders
    worn = pool.take(recognizer.model, None, 0)
    worn.fed = int(RETIRE_SECONDS * 16000)
    pool.give_back(worn)
    assert worn not in pool._idle
