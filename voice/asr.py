"""Hearing: vosk (Kaldi) over 16 kHz mono PCM, free-form or constrained to a phrase list.

Two decoders run side by side over the same chunks, because vosk cannot give both in
one: with ``SetMaxAlternatives(n)`` it returns an n-best list without word confidences,
without it a minimum-Bayes-risk 1-best with per-word confidences (lattice posteriors).
So ``Recognition.text``/``words``/``confidence`` come from the 1-best decoder and
``alternatives`` from the n-best one. vosk's n-best "confidence" is a log-likelihood
(minus the path cost); we turn the list into posteriors with a softmax so it reads as
0..1. The two usually agree on the best text, but not always (MBR versus Viterbi).

Same audio, same result: Kaldi dithers its features (the model's mfcc.conf keeps the
default --dither=1) with noise from libc's global ``rand()``, so the same audio decoded
twice in one process gives different words now and then (vosk issues 868 and 895; a
fresh process always gives its first answer). We reseed ``rand()`` before every chunk,
for each decoder, from the chunk's index: the noise then depends only on the audio, the
1-best decoder hears the same with or without the n-best one, and decoding holds a
lock so that two threads cannot interleave their noise.

Audio is padded with half a second of silence at each end (tightly trimmed clips, like
rendered prompts, lose their first word without it) and cut into CHUNK_FRAMES chunks by
one ``Framer``, whether it comes from a file or live from a microphone: the chunk
boundaries, and so the dither seeds, do not depend on how the audio arrives. In whole
files long stretches of digital silence are shortened first (10 minutes of nothing
decodes in well under a second); word times are mapped back to the original audio.
"""

from __future__ import annotations

import ctypes
import json
import math
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from voice import models
from voice.audio import SAMPLE_RATE, Audio, original_time, squeeze_silence
from voice.decoders import Decoder, DecoderPool
from voice.errors import AudioError, ModelError

UNK = "[unk]"
CHUNK_FRAMES = 4000
PAD_SECONDS = 0.5
DEFAULT_ALTERNATIVES = 3
_PAD = bytes(2 * int(PAD_SECONDS * SAMPLE_RATE))
_CHUNK_BYTES = 2 * CHUNK_FRAMES

_lock = threading.Lock()
_models: dict[Path, object] = {}
_decode_lock = threading.RLock()


def _libc_srand():
    try:
        return ctypes.CDLL(None).srand
    except (OSError, AttributeError):  # not a POSIX libc: nothing to reseed
        return lambda seed: None


_srand = _libc_srand()


def load_model(path: Path | str | None = None):
    """The vosk ``Model`` for ``path`` (default: ``models.model_path()``), loaded once
    per process and shared. A copy of the default model is checked against its SHA-256
    list first: a corrupted file can crash Kaldi or, worse, mishear quietly."""
    folder = Path(path) if path is not None else models.model_path()
    with _lock:
        if folder in _models:
            return _models[folder]
        if not folder.is_dir():
            raise ModelError(
                f"model folder {folder} does not exist; check ${models.ENV_VAR} "
                "or run 'aftercare models fetch'"
            )
        if is_default_model(folder):
            report = models.verify(folder)
            if not report.ok:
                raise ModelError(
                    f"{report.problems[0]}; run 'aftercare models fetch' or check "
                    f"${models.ENV_VAR}"
                )
        from vosk import Model, SetLogLevel

        SetLogLevel(-1)  # Kaldi logs to stderr; our errors are one line
        try:
            model = Model(str(folder))
        except Exception as err:  # vosk raises a bare Exception("Failed to create a model")
            raise ModelError(
                f"vosk could not load the model in {folder} ({err}); "
                f"run 'aftercare models verify' or check ${models.ENV_VAR}"
            ) from None
        _models[folder] = model
        return model


def is_default_model(folder: Path) -> bool:
    """True when ``folder`` has every file of the model whose checksums we ship. Another
    model (e.g. a bigger one in $VOSK_MODEL_PATH) has other files and is not checked."""
    try:
        names = models.expected_checksums()
    except OSError:
        return False
    return all((folder / name).is_file() for name in names)


@dataclass(frozen=True)
class Word:
    text: str
    confidence: float  # 0..1, the word's lattice posterior
    start: float  # seconds from the start of the audio
    end: float

    def to_dict(self) -> dict:
        return {"word": self.text, "confidence": self.confidence,
                "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Alternative:
    text: str
    confidence: float  # 0..1, share of the n-best list's probability mass

    def to_dict(self) -> dict:
        return {"text": self.text, "confidence": self.confidence}


@dataclass(frozen=True)
class Recognition:
    """What was heard. ``text`` is "" when nothing was; ``"[unk]"`` in it (grammar mode)
    means speech that matched no phrase. Floats are rounded to 3 decimals when made, so
    the same audio gives equal objects and byte-identical JSON."""

    text: str
    confidence: float  # mean word confidence; 0.0 when nothing heard
    words: tuple[Word, ...]
    alternatives: tuple[Alternative, ...]
    grammar: bool

    @property
    def heard(self) -> bool:
        return bool(self.text)

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "confidence": self.confidence,
            "grammar": self.grammar,
            "words": [word.to_dict() for word in self.words],
            "alternatives": [alt.to_dict() for alt in self.alternatives],
        }


def _r(value: float) -> float:
    return round(float(value), 3) + 0.0  # + 0.0 turns -0.0 into 0.0


def normalise_phrase(phrase: str) -> str:
    """Lower case, single spaces, no punctuation except apostrophes (vocabulary form)."""
    if phrase.strip() == UNK:
        return UNK
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", phrase.lower().replace("’", "'")).split())


class Recognizer:
    """vosk behind one small interface. ``Recognizer()`` is cheap after the first: the
    model is loaded once per process and shared. Each recogniser keeps its own decoders
    between answers (one per check-in: a check-in's answers may depend, rarely, on what
    it heard before, but never on another check-in); ``DecoderPool(max_idle=0)`` gives
    new decoders for every answer."""

    def __init__(self, model_path: Path | str | None = None,
                 alternatives: int = DEFAULT_ALTERNATIVES,
                 decoders: DecoderPool | None = None) -> None:
        self.model = load_model(model_path)
        self.alternatives = alternatives
        self.decoders = decoders if decoders is not None else DecoderPool()

    # -- vocabulary ------------------------------------------------------------------

    def knows(self, word: str) -> bool:
        return self.model.vosk_model_find_word(word) != -1

    def unknown_words(self, phrases: Iterable[str]) -> list[str]:
        """Words in ``phrases`` that the model cannot recognise, in first-seen order."""
        seen: dict[str, None] = {}
        for phrase in phrases:
            for word in normalise_phrase(phrase).split():
                if word != UNK and not self.knows(word):
                    seen.setdefault(word)
        return list(seen)

    def grammar_phrases(self, phrases: Iterable[str]) -> list[str]:
        """The phrases (normalised, deduplicated, in order) whose words are all in the
        model's vocabulary, plus ``"[unk]"`` so that speech outside the list comes back
        as "[unk]" instead of being forced onto the nearest phrase."""
        kept: dict[str, None] = {}
        for phrase in phrases:
            text = normalise_phrase(phrase)
            if text and text != UNK and all(self.knows(w) for w in text.split()):
                kept.setdefault(text)
        return [*kept, UNK]

    # -- recognition -----------------------------------------------------------------

    def stream(self, grammar: Sequence[str] | None = None,
               alternatives: int | None = None) -> Stream:
        """A live decoder: feed PCM chunks with ``accept``; ``result`` when done.
        ``alternatives`` overrides the recogniser's n-best size for this stream."""
        return Stream(self, grammar, alternatives)

    def recognize(self, audio: Audio, grammar: Sequence[str] | None = None) -> Recognition:
        """Everything heard in ``audio`` (a whole answer or file)."""
        framer, pcm = file_framer(audio)
        stream = self.stream(grammar)
        for chunk in (*framer.push(pcm), *framer.close()):
            stream.accept(chunk)
        return framer.shift(stream.result())


class Framer:
    """The chunks decoders are fed, live or from a file: half a second of silence, the
    audio as it is pushed, half a second of silence, cut into CHUNK_FRAMES chunks however
    the audio arrives; and word times mapped back to the audio. ``cuts`` are the silences
    squeezed out before pushing (see ``file_framer``)."""

    def __init__(self, cuts: tuple[tuple[int, int], ...] = ()) -> None:
        self.cuts = cuts
        self.frames = 0  # pushed so far
        self._pending = bytearray(_PAD)

    def push(self, pcm: bytes) -> list[bytes]:
        """The chunks complete once ``pcm`` is added (the first push also gives the lead
        pad: ``push(b"")`` decodes it before any audio exists)."""
        if len(pcm) % 2:
            raise AudioError("PCM chunk has an odd number of bytes (expected int16 samples)")
        self.frames += len(pcm) // 2
        self._pending += pcm
        return self._take(len(self._pending) // _CHUNK_BYTES * _CHUNK_BYTES)

    def close(self) -> list[bytes]:
        """The rest, with the trailing pad: the last chunk may be short."""
        self._pending += _PAD
        return self._take(len(self._pending))

    def _take(self, size: int) -> list[bytes]:
        chunks = [bytes(self._pending[i : i + _CHUNK_BYTES])
                  for i in range(0, size, _CHUNK_BYTES)]
        del self._pending[:size]
        return chunks

    @property
    def duration(self) -> float:
        """Seconds of original audio pushed (squeezed-out silence included)."""
        return (self.frames + (self.cuts[-1][1] if self.cuts else 0)) / SAMPLE_RATE

    def shift(self, result: Recognition) -> Recognition:
        """Word times in the padded, squeezed audio → times in the original audio."""
        duration = self.duration

        def place(t: float) -> float:
            return _r(min(max(original_time(self.cuts, max(t - PAD_SECONDS, 0.0)), 0.0),
                          duration))

        words = tuple(Word(w.text, w.confidence, place(w.start), place(w.end))
                      for w in result.words)
        return Recognition(result.text, result.confidence, words, result.alternatives,
                           result.grammar)


def file_framer(audio: Audio) -> tuple[Framer, bytes]:
    """A Framer for a whole file and the PCM to push into it: long digital silences
    shortened (their times are mapped back by ``Framer.shift``)."""
    squeezed = squeeze_silence(audio.pcm)
    return Framer(squeezed.cuts), squeezed.pcm


class Stream:
    """Feeds the same chunks to a 1-best decoder (words with confidences) and, when
    alternatives are wanted, an n-best decoder; joins the segments vosk ends at each
    endpoint (a pause) into one Recognition."""

    def __init__(self, recognizer: Recognizer, grammar: Sequence[str] | None,
                 alternatives: int | None = None) -> None:
        self.grammar = recognizer.grammar_phrases(grammar) if grammar is not None else None
        if self.grammar is not None and len(self.grammar) == 1:
            unknown = recognizer.unknown_words(grammar)
            raise ModelError(
                "no grammar phrase can be recognised: the model does not know "
                + (", ".join(repr(w) for w in unknown[:5]) or "any of them")
            )
        self._recognizer = recognizer
        n = recognizer.alternatives if alternatives is None else alternatives
        self._n = max(n, 0)
        self._best: Decoder | None = None
        self._nbest: Decoder | None = None
        self._take()
        self._segments: list[dict] = []
        self._alt_segments: list[list[dict]] = []
        self._chunks = 0  # seeds the dither noise (see the module docstring)

    def _take(self) -> None:
        pool, model = self._recognizer.decoders, self._recognizer.model
        self._best = pool.take(model, self.grammar, 0)
        self._nbest = pool.take(model, self.grammar, self._n) if self._n else None

    def _release(self) -> None:
        """Hand the decoders back, ready for another answer (voice/decoders.py)."""
        decoders = [d for d in (self._best, self._nbest) if d]
        self._best = self._nbest = None
        with _decode_lock:
            for decoder in decoders:
                decoder.finish()
        for decoder in decoders:
            self._recognizer.decoders.give_back(decoder)

    def accept(self, chunk: bytes) -> bool:
        """Decode one chunk of 16 kHz mono int16 PCM; True at the end of an utterance."""
        if len(chunk) % 2:
            raise AudioError("PCM chunk has an odd number of bytes (expected int16 samples)")
        if self._best is None:
            self._take()
        seed = self._chunks = self._chunks + 1
        with _decode_lock:
            try:
                _srand(seed)
                ended = self._best.accept(chunk)
                alt_ended = ended
                if self._nbest:
                    _srand(seed)
                    alt_ended = self._nbest.accept(chunk)
            except Exception as err:  # vosk: bare Exception("Failed to process waveform")
                raise AudioError(f"the recogniser rejected the audio ({err})") from None
            if ended:
                self._segments.append(json.loads(self._best.kaldi.Result()))
            if self._nbest and alt_ended:
                self._alt_segments.append(
                    json.loads(self._nbest.kaldi.Result())["alternatives"])
        return ended

    @property
    def heard(self) -> bool:
        """Words were heard in an utterance that has ended (``accept`` returned True)."""
        return any(segment.get("text") for segment in self._segments)

    def partial(self) -> str:
        """What the current utterance sounds like so far (for live feedback only)."""
        if self._best is None:
            return ""
        return json.loads(self._best.kaldi.PartialResult()).get("partial", "")

    def so_far(self) -> str:
        """Everything heard since the stream started: ended utterances and the partial
        one (for deciding whether the patient has finished)."""
        with _decode_lock:
            partial = self.partial()
        return " ".join(t for t in (*(s.get("text", "") for s in self._segments), partial)
                        if t)

    def result(self) -> Recognition:
        """Everything heard since the stream started (or since the last ``result``).
        The decoders go back to the recogniser's pool, ready for the next answer."""
        if self._best is None:
            self._take()
        best, nbest = self._best, self._nbest
        seed = self._chunks + 1
        with _decode_lock:
            _srand(seed)
            self._segments.append(json.loads(best.kaldi.FinalResult()))
            if nbest:
                _srand(seed)
                self._alt_segments.append(
                    json.loads(nbest.kaldi.FinalResult())["alternatives"])
        segments, alt_segments = self._segments, self._alt_segments
        self._segments, self._alt_segments, self._chunks = [], [], 0
        words = tuple(
            Word(w["word"], _r(w["conf"]), _r(best.seconds(w["start"])),
                 _r(best.seconds(w["end"])))
            for segment in segments for w in segment.get("result", ())
        )
        self._release()
        text = " ".join(s["text"] for s in segments if s.get("text"))
        confidence = _r(sum(w.confidence for w in words) / len(words)) if words else 0.0
        return Recognition(
            text=text,
            confidence=confidence,
            words=words,
            alternatives=_join_alternatives(alt_segments),
            grammar=self.grammar is not None,
        )


def _posteriors(entries: list[dict]) -> list[tuple[str, float]]:
    """(text, probability) for one segment's n-best entries, empty texts dropped."""
    entries = [e for e in entries if e.get("text")]
    if not entries:
        return []
    top = max(e["confidence"] for e in entries)
    weights = [math.exp(e["confidence"] - top) for e in entries]
    total = sum(weights)
    return [(e["text"], w / total) for e, w in zip(entries, weights, strict=True)]


def _join_alternatives(segments: list[list[dict]]) -> tuple[Alternative, ...]:
    """Whole-answer alternatives from per-segment n-best lists: the k-th alternative
    joins each segment's k-th hypothesis (or its best, if it has fewer); its confidence
    is the product of their probabilities. Deduplicated, best first."""
    lists = [p for p in (_posteriors(s) for s in segments) if p]
    if not lists:
        return ()
    found: dict[str, float] = {}
    for k in range(max(len(p) for p in lists)):
        picks = [p[k] if k < len(p) else p[0] for p in lists]
        text = " ".join(t for t, _ in picks)
        found.setdefault(text, math.prod(q for _, q in picks))
    ranked = sorted(found.items(), key=lambda item: -item[1])  # stable: ties keep order
    return tuple(Alternative(text, _r(q)) for text, q in ranked)
