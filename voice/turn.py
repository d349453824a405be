"""End of turn: has the patient finished answering? Pure: fed what has been heard so
far at this question and how long the patient has been quiet, it says "finished",
"listen" (keep listening) or "nothing" (nothing was said in the time allowed).

A fixed silence cannot serve both kinds of patient: long enough for a tired patient who
pauses in the middle of "it is about ... five" is far too long after a plain "no". So the
wait depends on the words: when what was heard already makes a complete answer in the
question's terms ("no", "four", "getting better") and does not end in a word that says
more is coming (intents/turns.yaml: "and", "um", "wait", "actually", a hedge), the turn
ends after ``Timing.complete`` of silence; otherwise after ``Timing.incomplete``. This
is the idea of the end-of-turn models of voice-agent frameworks (LiveKit's turn
detector, Pipecat's smart-turn), done with the grammar we already decode. A late
correction after a short wait is still caught (voice/live.py), so the short wait can
stay short. Figures and how they were chosen: docs/benchmarks-live.md.

Transport-independent: nothing here knows where the audio came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from voice.protocol import Protocol, Question
from voice.understand import understand
from voice.yamlsrc import compose

FINISHED, LISTEN, NOTHING = "finished", "listen", "nothing"
INTENTS = Path(__file__).resolve().parent.parent / "intents"
TURNS = "turns.yaml"


@dataclass(frozen=True)
class Timing:
    complete: float = 0.4  # silence after a complete answer
    incomplete: float = 2.2  # silence after an incomplete or continuing one
    nothing: float = 10.0  # no speech at all for this long: "nothing heard" (documented)
    min_speech: float = 0.12  # voiced seconds before anything counts as speech, not noise
    longest: float = 30.0  # nobody answers a check-in question for longer


@dataclass(frozen=True)
class SoFar:
    """What the turn rule is fed, at one moment of one answer."""

    text: str  # the words so far (the question's grammar pass, else free-form)
    speech: float  # seconds of voice so far (voice-activity detector)
    silence: float  # seconds since the last voice (0 while speaking)
    waited: float  # seconds since listening began


def load_continuing(directory: Path = INTENTS) -> frozenset[str]:
    """The words and phrases after which the patient probably goes on (``turns.yaml`` of
    the protocol's directory; broken files are ``file:line:`` errors like the rest)."""
    src, root = compose(directory / TURNS, f"intents/{TURNS}")
    top = src.mapping(root, TURNS, required=("continuing",), allowed=("continuing",))
    words = src.strings(top["continuing"], "continuing")
    return frozenset(" ".join(w.lower().split()) for w in words)


def complete(text: str, question: Question | None, protocol: Protocol,
             continuing: frozenset[str]) -> bool:
    """True when ``text`` is a whole answer to ``question`` (or, free-form, any words)
    that does not end in a word saying more is coming."""
    words = [w for w in text.lower().split() if w != "[unk]"]
    if not words:
        return False
    if words[-1] in continuing or " ".join(words[-2:]) in continuing:
        return False
    if question is None:
        return True
    meaning = understand(" ".join(words), protocol, question)
    return meaning.value is not None or meaning.meta is not None or any(
        f.status != "absent" for f in meaning.symptoms)


def decide(heard: SoFar, is_complete: bool, timing: Timing | None = None) -> str:
    """FINISHED, LISTEN or NOTHING for the answer as heard so far."""
    timing = timing or Timing()
    if heard.speech < timing.min_speech:
        return NOTHING if heard.waited >= timing.nothing else LISTEN
    if heard.waited >= timing.longest:
        return FINISHED
    wait = timing.complete if is_complete else timing.incomplete
    return FINISHED if heard.silence >= wait else LISTEN
