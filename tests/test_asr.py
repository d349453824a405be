"""asr.py against the real model: results, determinism, grammars, streams, silence."""

from __future__ import annotations

import json

import numpy as np
import pytest

from voice.asr import UNK, Recognition, Recognizer, file_framer
from voice.audio import SAMPLE_RATE, Audio, squeeze_silence
from voice.errors import ModelError

YES_NO = ("yes", "no", "i'm not sure")


def silence(seconds: float) -> bytes:
    return bytes(2 * int(seconds * SAMPLE_RATE))


def test_the_model_is_loaded_once_and_shared(recognizer):
    assert Recognizer().model is recognizer.model


def test_same_audio_gives_byte_identical_json(recognizer, hear):
    """Kaldi dithers with libc rand(); without reseeding, repeats in one process differ."""
    audio = hear("i have a fever")
    runs = [recognizer.recognize(audio) for _ in range(3)]
    runs += [recognizer.recognize(audio, grammar=YES_NO)]  # other decodes in between
    runs += [recognizer.recognize(audio)]
    dumps = {json.dumps(r.to_dict()) for r in runs if not r.grammar}
    assert len(dumps) == 1


def test_one_best_is_the_same_with_or_without_alternatives(recognizer, one_best, hear):
    audio = hear("my legs feel numb")
    full, plain = recognizer.recognize(audio).to_dict(), one_best.recognize(audio).to_dict()
    assert plain["alternatives"] == [] and full["alternatives"]
    del full["alternatives"], plain["alternatives"]
    assert full == plain


def test_result_shape_and_rounding(recognizer, hear):
    heard = recognizer.recognize(hear("repeat that please"))
    data = heard.to_dict()
    assert list(data) == ["text", "confidence", "grammar", "words", "alternatives"]
    assert list(data["words"][0]) == ["word", "confidence", "start", "end"]
    assert heard.text == "repeat that please" and heard.heard
    floats = [heard.confidence] + [v for w in heard.words for v in (w.confidence, w.start, w.end)]
    floats += [a.confidence for a in heard.alternatives]
    assert all(round(f, 3) == f for f in floats)
    assert all(0.0 <= w.confidence <= 1.0 for w in heard.words)
    assert heard.confidence == round(sum(w.confidence for w in heard.words) / 3, 3)
    # Word times are in the original audio (the recogniser pads internally).
    assert 0.0 <= heard.words[0].start < heard.words[1].start < heard.words[2].end
    assert heard.words[-1].end <= hear("repeat that please").duration
    assert sum(a.confidence for a in heard.alternatives) == pytest.approx(1.0, abs=0.01)
    assert [a.confidence for a in heard.alternatives] == sorted(
        (a.confidence for a in heard.alternatives), reverse=True)


def test_grammar_phrases_keep_known_words_and_add_unk(recognizer):
    phrases = ["Yes!", "no", "yes", "  Not   really ", "zyxxq blorft", "I'm not sure", UNK]
    assert recognizer.grammar_phrases(phrases) == ["yes", "no", "not really", "i'm not sure",
                                                   UNK]
    assert recognizer.unknown_words(phrases) == ["zyxxq", "blorft"]
    assert recognizer.knows("fever") and not recognizer.knows("zyxxq")


def test_a_grammar_the_model_cannot_hear_is_an_error(recognizer, hear):
    with pytest.raises(ModelError, match="zyxxq"):
        recognizer.recognize(hear("yes"), grammar=["zyxxq"])


def test_speech_outside_the_grammar_is_unk(recognizer, hear):
    heard = recognizer.recognize(hear("repeat that please"), grammar=YES_NO)
    assert heard.grammar and set(heard.text.split()) <= {UNK, "yes", "no"}
    assert UNK in heard.text.split()


def test_stream_returns_at_each_pause_and_joins(recognizer, hear):
    yes, no = hear("yes"), hear("no")
    audio = Audio(silence(0.5) + yes.pcm + silence(1.5) + no.pcm + silence(1.5), "two")
    stream = recognizer.stream(grammar=YES_NO)
    endpoints = sum(stream.accept(chunk) for chunk in audio.chunks(4000))
    result = stream.result()
    assert endpoints == 2
    assert result.text == "yes no"
    assert [w.text for w in result.words] == ["yes", "no"]
    # A stream can be used again after result(): it starts afresh.
    for chunk in Audio(silence(0.5) + no.pcm + silence(0.5), "again").chunks():
        stream.accept(chunk)
    assert stream.result().text == "no"


def test_ten_minutes_of_silence_is_squeezed_and_empty(recognizer):
    # What makes it quick, asserted without a clock (speed is benchmarked, not timed
    # in tests: the machine is shared): the decoder is fed about a second, not ten
    # minutes, and times still map back onto the whole file.
    audio = Audio(silence(600), "silence")
    framer, pcm = file_framer(audio)
    assert len(pcm) <= 2 * SAMPLE_RATE * 2  # at most two seconds of int16 samples
    framer.push(pcm)
    assert framer.duration == pytest.approx(600.0)
    assert recognizer.recognize(audio) == Recognition("", 0.0, (), (), False)


def test_speech_after_long_silence_keeps_its_time(recognizer, hear):
    yes = hear("yes")
    heard = recognizer.recognize(Audio(silence(30) + yes.pcm, "late yes"))
    assert heard.text == "yes"
    assert 29.9 <= heard.words[0].start < 30.0 + yes.duration  # 30 ms frame resolution


def test_noise_is_not_skipped_as_silence():
    """Only digital silence is shortened; a real (noisy) quiet room is decoded in full."""
    noise = np.random.default_rng(1).normal(0, 100, 10 * SAMPLE_RATE).astype("<i2").tobytes()
    assert squeeze_silence(noise).pcm == noise
