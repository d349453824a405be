"""vosk decoders kept between the answers of one check-in.

Making a free-form ``KaldiRecognizer`` is cheap, but its first seconds of audio are not:
the decoding graph is composed on the fly (the model's HCLr and Gr), into a cache that
belongs to the recogniser. A new recogniser per answer decodes about six times slower
than one that is kept. A kept one should hear an answer as a new one would, and vosk
carries two things over that we undo:

- **The speaker.** After ``FinalResult`` vosk starts the next answer with a new feature
  pipeline (no i-vector or CMVN history), but when the last chunk of an answer ended an
  utterance (an endpoint, read with ``Result``), ``FinalResult`` does nothing and the
  next answer would continue that pipeline: the speaker's adaptation. ``finish`` then
  feeds a tenth of a second of silence and finalises it, so the next answer starts new.
- **The clock.** Word times count from when the recogniser was made; ``seconds`` counts
  them from the start of the answer. vosk adds that offset in single precision, so a
  decoder is retired after ``RETIRE_SECONDS`` of audio, while the error stays far below
  the millisecond that word times are rounded to.

What we cannot undo is the cache itself, and it can change a result in a near-tie:
all 149 recorded fixture answers were heard identically by kept and new decoders, in
three orders (``tests/test_decoders.py``), but of the 46 synthetic sentences at
"anything else?", one was heard differently by a free-form decoder that had heard 150
other clips first ("the or not all" / "the is all"). So a pool serves one check-in (one
``Recognizer``): the same recordings in the same order give byte-identical results,
which is what ``--replay`` and the tests rely on, and an answer never depends on
another check-in. Tools that hear independent clips (``aftercare eval``, ``transcribe``)
use ``DecoderPool(max_idle=0)``: new decoders for every clip.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from voice.audio import SAMPLE_RATE

RETIRE_SECONDS = 300.0
MAX_IDLE = 48  # idle decoders kept in all (a check-in uses 5 per question)
_FLUSH = bytes(2 * SAMPLE_RATE // 10)

Key = tuple[int, str | None, int]  # the model's id, the grammar's JSON, n-best size


@dataclass(eq=False)
class Decoder:
    """One vosk recogniser, and the samples it has been fed (for the clock)."""

    kaldi: object  # vosk.KaldiRecognizer
    key: Key
    fed: int = 0  # samples since it was made
    start: int = 0  # ``fed`` when this answer began
    at_endpoint: bool = False  # the last chunk ended an utterance (read with Result)

    def accept(self, chunk: bytes) -> bool:
        self.fed += len(chunk) // 2
        self.at_endpoint = bool(self.kaldi.AcceptWaveform(chunk))
        return self.at_endpoint

    def seconds(self, t: float) -> float:
        """A vosk word time → seconds from the start of this answer."""
        return t - self.start / SAMPLE_RATE

    def finish(self) -> None:
        """After ``FinalResult``: leave no feature pipeline for the next answer to
        continue (see the module docstring). Call with the decoding lock held."""
        if self.at_endpoint:
            self.accept(_FLUSH)
            self.kaldi.FinalResult()
        self.at_endpoint = False
        self.start = self.fed

    @property
    def worn(self) -> bool:
        return self.fed >= RETIRE_SECONDS * SAMPLE_RATE


class DecoderPool:
    """Idle decoders by model, grammar and n-best size; the least recently used go
    first when more than ``max_idle`` wait (0: none is kept). Thread-safe."""

    def __init__(self, max_idle: int = MAX_IDLE) -> None:
        self.max_idle = max_idle
        self._idle: OrderedDict[Decoder, None] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, model, grammar: Sequence[str] | None, alternatives: int) -> Decoder:
        """A decoder in the state of a new one: from the pool, or made now."""
        key: Key = (id(model), json.dumps(grammar) if grammar is not None else None,
                    alternatives)
        with self._lock:
            for decoder in reversed(self._idle):
                if decoder.key == key:
                    del self._idle[decoder]
                    return decoder
        return Decoder(_new_kaldi(model, key), key)

    def give_back(self, decoder: Decoder) -> None:
        """Keep ``decoder`` (already ``finish``-ed) for the next answer."""
        if decoder.worn:
            return
        with self._lock:
            self._idle[decoder] = None
            while len(self._idle) > self.max_idle:
                self._idle.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._idle.clear()


def _new_kaldi(model, key: Key):
    from vosk import KaldiRecognizer

    _, grammar, alternatives = key
    args = (model, SAMPLE_RATE) + ((grammar,) if grammar is not None else ())
    kaldi = KaldiRecognizer(*args)
    kaldi.SetWords(alternatives == 0)
    if alternatives:
        kaldi.SetMaxAlternatives(alternatives)
    return kaldi
