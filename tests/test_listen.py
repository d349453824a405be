"""listen.py: an answer decoded as it arrives (the microphone) gives what the whole file
gives (replay), byte for byte, however the audio is cut into pieces."""

from __future__ import annotations

import itertools

import pytest
from conftest import ROOT

from voice.asr import CHUNK_FRAMES, PAD_SECONDS, Framer
from voice.audio import SAMPLE_RATE, Audio, read_wav
from voice.listen import Listener, listen

ANSWER = ROOT / "tests" / "fixtures" / "scenarios" / "back_soreness" / "06.wav"  # "about a three"
PAIN = ("about a three", "three", "a three", "yes", "no", "better", "worse")


def pieces(pcm: bytes, frames: list[int]) -> list[bytes]:
    """``pcm`` cut into pieces of the given sizes, in turn, as a sound card might."""
    out, start = [], 0
    for size in itertools.cycle(frames):
        if start >= len(pcm):
            return out
        out.append(pcm[start : start + 2 * size])
        start += 2 * size
    return out


def test_framer_cuts_the_same_chunks_however_the_audio_arrives():
    """Each chunk's index seeds the dither: the boundaries must not move."""
    pcm = bytes(range(256)) * 97  # 24,832 bytes: not a whole number of chunks
    pad = bytes(2 * int(PAD_SECONDS * SAMPLE_RATE))
    expected = list(Audio(pad + pcm + pad, "x").chunks(CHUNK_FRAMES))
    for sizes in ([CHUNK_FRAMES], [1], [999, 4001, 7], [len(pcm)]):
        framer = Framer()
        got = [c for piece in pieces(pcm, sizes) for c in framer.push(piece)]
        assert got + framer.close() == expected, sizes
        assert framer.duration == len(pcm) / 2 / SAMPLE_RATE


@pytest.mark.parametrize("grammar", [None, PAIN])
@pytest.mark.parametrize("frames", [[CHUNK_FRAMES], [1000, 4000, 2500, 7000]])
def test_a_listener_fed_piece_by_piece_hears_what_listen_hears(one_best, grammar, frames):
    audio = read_wav(ANSWER)
    listener = Listener(one_best, grammar)
    for piece in pieces(audio.pcm, frames):
        listener.accept(piece)
    heard, free = listener.finish()
    assert (heard, free) == listen(one_best, audio, grammar)
    assert repr(heard) == repr(listen(one_best, audio, grammar)[0])
    assert heard.text == ("about a three" if grammar else free.text) and free.words


def _heard(text: str, confidence: float):
    from voice.asr import Recognition

    return Recognition(text, confidence, (), (), grammar=True)


def test_passes_stand_in_for_each_other_in_order():
    """Wide grammar first, then the narrow grammar, then free-form."""
    from voice.listen import heard_from

    wide, narrow, free = _heard("say", 0.7), _heard("six", 0.6), _heard("sick", 0.9)
    assert heard_from(wide, narrow, free).text == "say"
    assert heard_from(wide, narrow, free).alternatives == ("six", "sick")
    unknown = _heard("[unk]", 0.4)
    taken = heard_from(unknown, narrow, free)
    assert (taken.text, taken.confidence, taken.alternatives) == ("six", 0.6, ("sick",))
    agreed = heard_from(_heard("no", 0.5), _heard("no", 0.8), _heard("now", 0.9))
    assert (agreed.text, agreed.confidence, agreed.alternatives) == ("no", 0.8, ("now",))
    assert heard_from(unknown, _heard("", 0.0), _heard("", 0.0)).text == ""


def test_a_question_with_a_narrow_grammar_decodes_three_passes():
    from voice.asr import Recognizer
    from voice.dialog import Ask, CheckIn
    from voice.protocol import load_protocol

    ask = [e for e in CheckIn(load_protocol()).goto("pain_score") if isinstance(e, Ask)][-1]
    listener = Listener(Recognizer(alternatives=0), ask.grammar, ask.narrow)
    assert len(listener._grammars) == 2
    listener.accept(read_wav(ANSWER).pcm)
    heard, free = listener.finish()
    assert "three" in heard.text.split()
