"""From audio to a ``Heard``: the one recognition path every mode uses.

Where the prompt constrains the answer, the audio is decoded three times: with the
question's wide grammar (its answers, meta requests and emergency phrases), with its
narrow grammar (the answer words alone: a real "five" is not heard as "bye"), and
free-form (so that "I can't feel my legs" said out of turn is not forced into a
grammar). Every pass goes to the dialog as evidence (``Heard.passes``: words, confidence
and, for the grammar passes, an n-best list with posteriors), and voice/decide.py makes
one decision from all of them; the dialog scans all of them for red flags. Grammar
decoding is cheap, so the three passes together cost little more than a plain
free-form decode (docs/benchmarks.md).

All passes decode while the answer is spoken: a ``Listener`` is fed the audio as it
arrives, so only the last chunk and the trailing pad are left to decode once the
patient stops. A whole file goes through the same ``Listener`` in one push, so live and
replayed audio are framed, decoded and timed alike.
"""

from __future__ import annotations

from collections.abc import Sequence

from voice.asr import UNK, Framer, Recognition, Recognizer, file_framer
from voice.audio import Audio
from voice.decide import Pass
from voice.dialog import Heard

GRAMMAR_ALTERNATIVES = 5  # n-best entries a grammar pass gives the decision
PASS_NAMES = ("wide", "narrow")


def as_pass(name: str, r: Recognition) -> Pass:
    """One recognition as decision evidence ([unk] removed from every text)."""
    return Pass(name, _clean(r.text), r.confidence,
                tuple((_clean(a.text), a.confidence) for a in r.alternatives))


def heard_from(primary: Recognition, *others: Recognition,
               names: tuple[str, ...] = ()) -> Heard:
    """Join the wide grammar pass (``primary``) and the other passes (narrow grammar,
    free-form: the order in which they stand in for it) into one ``Heard``.

    When passes hear the same words, independent decodes agree: the answer is as sure
    as the surest of them. (A grammar word's own confidence is low whenever the grammar
    holds a similar-sounding word, even if nothing else was said.) When the primary pass
    heard only unknown words, the first other pass that heard words takes its place.
    """
    evidence = tuple(as_pass(name, r) for name, r in zip(names, (primary, *others),
                                                              strict=True)) if names else ()
    passes = [r for r in (primary, *others) if _clean(r.text)]
    if not passes:
        return Heard("", round(primary.confidence, 3), (), evidence)
    if passes[0] is not primary:
        primary = passes[0]
    text = _clean(primary.text)
    confidence = max(r.confidence for r in passes if _clean(r.text) == text)
    alternatives = tuple(dict.fromkeys(_clean(r.text) for r in passes if _clean(r.text) != text))
    return Heard(text, round(confidence, 3), alternatives, evidence)


class Listener:
    """One answer, decoded as it arrives: the free-form pass and (with grammars) the
    wide and narrow grammar passes, each a vosk stream fed the same chunks. Made before
    the patient speaks (the decoders and the lead pad take a while); ``accept`` the
    audio in pieces of any size; ``finish`` once."""

    def __init__(self, recognizer: Recognizer, grammar: Sequence[str] | None = None,
                 narrow: Sequence[str] | None = None, framer: Framer | None = None) -> None:
        self._framer = framer or Framer()
        self._free = recognizer.stream()
        self._grammars = [recognizer.stream(g, GRAMMAR_ALTERNATIVES)
                          for g in (grammar, narrow) if g] if grammar else []
        self._decode(self._framer.push(b""))  # the lead pad

    def accept(self, pcm: bytes) -> bool:
        """Decode 16 kHz mono int16 ``pcm``; True when the free-form pass reached vosk's
        endpoint (a pause) in it."""
        return self._decode(self._framer.push(pcm))

    @property
    def heard(self) -> bool:
        """Words were heard in an utterance that has ended: with ``accept``'s True, the
        end of an answer."""
        return self._free.heard

    def so_far(self) -> str:
        """The words heard so far, by the wide grammar pass (free-form without one)."""
        return (self._grammars[0] if self._grammars else self._free).so_far()

    def finish(self) -> tuple[Heard, Recognition]:
        """The Heard for the dialog and the free-form result (as ``listen`` gives)."""
        self._decode(self._framer.close())
        free = self._framer.shift(self._free.result())
        grammars = [self._framer.shift(stream.result()) for stream in self._grammars]
        names = (*PASS_NAMES[:len(grammars)], "free")
        return heard_from(*grammars, free, names=names), free

    def _decode(self, chunks: list[bytes]) -> bool:
        ended = False
        for chunk in chunks:
            ended |= self._free.accept(chunk)
            for stream in self._grammars:
                stream.accept(chunk)
        return ended


def listen(
    recognizer: Recognizer, audio: Audio, grammar: Sequence[str] | None = None,
    narrow: Sequence[str] | None = None,
) -> tuple[Heard, Recognition]:
    """Recognise one answer; returns the Heard for the dialog and the free-form result."""
    framer, pcm = file_framer(audio)
    listener = Listener(recognizer, grammar, narrow, framer)
    listener.accept(pcm)
    return listener.finish()


def _clean(text: str) -> str:
    return " ".join(word for word in text.split() if word != UNK)
