"""From audio to a ``Heard``: the one recognition path every mode uses.

Where the prompt constrains the answer, the audio is decoded twice: with the
question's grammar (accurate for "yes", "nope", "about a six") and free-form (so that
"I can't feel my legs" said out of turn is not forced into the grammar). The dialog
takes the answer from the grammar pass and scans both for red flags. Grammar decoding
is cheap, so both passes together cost well under twice a plain free-form decode
(see docs/benchmarks.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from voice.asr import UNK, Recognition, Recognizer
from voice.audio import Audio
from voice.dialog import Heard


def heard_from(primary: Recognition, free: Recognition | None = None) -> Heard:
    """Join the grammar pass (``primary``) and the free-form pass into one ``Heard``.

    When both passes hear the same words, two independent decodes agree: the answer is
    as sure as the surer of the two. (A grammar word's own confidence is low whenever
    the grammar holds a similar-sounding word, even if nothing else was said.)
    """
    text = _clean(primary.text)
    confidence = primary.confidence
    alternatives: tuple[str, ...] = ()
    if free is not None:
        free_text = _clean(free.text)
        if not text:
            # The grammar heard only unknown words: fall back to the free-form words.
            return Heard(free_text, round(free.confidence, 3), ())
        if free_text == text:
            confidence = max(confidence, free.confidence)
        elif free_text:
            alternatives = (free_text,)
    return Heard(text, round(confidence, 3), alternatives)


def listen(
    recognizer: Recognizer, audio: Audio, grammar: Sequence[str] | None = None
) -> tuple[Heard, Recognition]:
    """Recognise one answer; returns the Heard for the dialog and the free-form result."""
    free = recognizer.recognize(audio)
    if not grammar:
        return heard_from(free), free
    constrained = recognizer.recognize(audio, grammar=recognizer.grammar_phrases(grammar))
    return heard_from(constrained, free), free


def _clean(text: str) -> str:
    return " ".join(word for word in text.split() if word != UNK)
