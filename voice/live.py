"""The live conversation, whatever carries the audio: PCM blocks with capture times in,
answers out. The local microphone (voice/microphone.py) feeds it; a network satellite
can feed it the same way.

- **One input for the whole check-in.** Blocks arrive all the time; what the speaker
  plays is kept out by the ``Gate``: from the moment a prompt is queued until its last
  sample can have come back through the room (its end + the measured echo delay + a
  tail). The echo delay is measured on the prompts themselves (envelope
  cross-correlation of what was played with what the input heard), so a Bluetooth
  speaker 0.5-0.8 s late is muted for as long as it echoes; until measured, 1 s.
- **End of turn** from the words and the silence (voice/turn.py, voice/vad.py), not from
  vosk's endpoint.
- **Late corrections.** For ``CORRECTION_WINDOW`` after an answer ended, until the next
  prompt has been played, new speech (that cannot be the prompt's echo) continues that
  answer: the speaker is stopped, the answer is decoded again with what followed, and
  the session re-decides (``Continued``).
- **Decoders for the next question are built while its prompt plays** (``listen`` is
  called as soon as the prompt is queued), and the understanding's similarity model is
  loaded while the greeting plays, so the first answer is not decided cold.
- **The decode is finished during the end-of-turn wait, not after it.** Once the patient
  has been quiet for ``FINISH_AHEAD``, the answer's audio is closed and its final decode
  (the trailing pad and vosk's final results, the costly part) runs in the background
  while the silence goes on; the turn rule then reads the final words (vosk's partial
  result shows a word only ~0.4 s after it ends, too late to wait for). At the
  end-of-turn decision the result is ready, so the next prompt starts at once. If the
  patient speaks again first, the answer is reopened: new decoders are fed everything
  heard, exactly as if it had never been closed. The audio an answer's decoders got ends
  where it was closed; that is what is kept for ``--replay``, so a replay decodes the
  same chunks.
- **Noise is never an answer**: an answer needs ``Timing.min_speech`` of voice.
- Each answer's audio (exactly what its decoders got) can be written to a folder:
  ``aftercare check --replay`` of that folder reproduces the live decisions.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol as Interface

import numpy as np

from voice import similarity, turn
from voice.asr import Recognition, Recognizer
from voice.audio import SAMPLE_RATE, Audio, write_wav
from voice.dialog import Ask, Heard
from voice.errors import AudioError
from voice.listen import Listener
from voice.protocol import Protocol, Question
from voice.session import Continued
from voice.vad import VoiceTracker

CORRECTION_WINDOW = 2.5  # s after an answer ends in which more speech continues it
ECHO_UNKNOWN = 1.0  # s: assumed echo delay until one is measured
ECHO_MAX = 1.5  # s: the longest echo delay looked for
ECHO_TAIL = 0.2  # s muted after the echo of a prompt's last sample
ECHO_MATCH = 0.8  # envelope correlation that counts as the prompt heard again
STALL_TIMEOUT = 3.0  # s without a block: the input has stopped
FINISH_AHEAD = 0.2  # s of silence after which an answer's decode is finished ahead
DEBUG = bool(os.environ.get("AFTERCARE_DEBUG_LIVE"))


@dataclass(frozen=True)
class Block:
    """PCM (16 kHz mono int16) and the capture time of its first sample, in
    ``time.monotonic()`` seconds."""

    pcm: bytes
    start: float

    @property
    def end(self) -> float:
        return self.start + len(self.pcm) / 2 / SAMPLE_RATE


class Source(Interface):
    def get(self, timeout: float) -> Block | None:
        """The next block, or None when none came within ``timeout`` seconds."""


# -- what the speaker plays ---------------------------------------------------------


@dataclass
class _Playback:
    queued: float
    start: float | None = None
    end: float | None = None
    pcm: np.ndarray | None = None  # 16 kHz, for measuring the echo
    cut: bool = False  # stopped before its end
    measured: bool = False  # its echo was looked for (or it is not to be)


class Gate:
    """When the input may hear the speaker: told by the output when each prompt is
    queued, starts and ends; measures the echo delay from the input's blocks."""

    def __init__(self, echo: float | None = None) -> None:
        """``echo``: a fixed echo delay, never measured, for an output whose playback
        time is not known here (a network satellite): its prompts' echo is then covered
        from the moment each is queued until ``echo`` + ``ECHO_TAIL`` after it ended."""
        self.fixed = echo is not None
        self.echo: float = ECHO_UNKNOWN if echo is None else echo  # playback -> input
        self.echo_heard: bool | None = True if self.fixed else None  # None until measured
        self._played: deque[_Playback] = deque(maxlen=64)
        self._heard: deque[Block] = deque(maxlen=int(30 * 50))  # ~30 s of 20 ms blocks
        self._lock = threading.Lock()

    # the output's side
    def queued(self, measure: bool = True) -> _Playback:
        """A prompt is about to play. ``measure``: look for its echo (not after a
        question, when the patient's answer would be heard with it)."""
        playback = _Playback(queued=time.monotonic(), measured=self.fixed or not measure)
        with self._lock:
            self._played.append(playback)
        return playback

    def started(self, playback: _Playback, pcm: np.ndarray | None) -> None:
        playback.pcm, playback.start = pcm, time.monotonic()

    def ended(self, playback: _Playback, cut: bool = False) -> None:
        playback.cut, playback.end = cut, time.monotonic()

    # the input's side
    def muted(self, block: Block) -> bool:
        """The speaker may be heard in ``block`` (or is about to play)."""
        with self._lock:
            return any(self._overlaps(p, block, p.queued) for p in self._played)

    def echo_reaches(self, block: Block) -> bool:
        """A prompt's own sound may be in ``block``. Before the echo delay has passed
        since a prompt started, the input hears only the room (and the patient)."""
        if self.echo_heard is False:
            return False
        with self._lock:
            return any(self._overlaps(p, block, p.queued if self.fixed else
                                      (p.start or p.queued) + self.echo - 0.05)
                       for p in self._played)

    def prompt_over(self, block: Block, since: float) -> bool:
        """A prompt queued after ``since`` has been played and its echo has passed."""
        with self._lock:
            return any(p.queued >= since and p.end is not None
                       and block.start > p.end + self.echo + ECHO_TAIL for p in self._played)

    def _overlaps(self, p: _Playback, block: Block, begin: float) -> bool:
        end = p.end + self.echo + ECHO_TAIL if p.end is not None else float("inf")
        return block.end > begin and block.start < end

    def observe(self, block: Block) -> None:
        """Keep what the input heard; measure the echo of prompts played in full."""
        self._heard.append(block)
        with self._lock:
            done = [p for p in self._played if not p.measured and p.end is not None
                    and block.start > p.end + ECHO_MAX]
            for p in done:
                p.measured = True
        for p in done:
            if p.cut or p.pcm is None or p.start is None:
                continue
            # Timed from when the sound really started: the player ends when its last
            # sample has been played, and the first can start late (a cold device).
            delay = echo_delay(p.pcm, p.end - len(p.pcm) / SAMPLE_RATE, list(self._heard))
            if delay is None:
                if self.echo_heard is None:
                    self.echo_heard, self.echo = False, 0.0
            else:
                # Never shorter than an echo already heard: the room does not change.
                self.echo = max(delay, self.echo if self.echo_heard else 0.0)
                self.echo_heard = True


def _warm(protocol: Protocol) -> None:
    """Load what understanding an answer loads on first use (the similarity model takes
    0.2-0.5 s), while the greeting plays rather than after the first answer."""
    with contextlib.suppress(Exception):  # reported when the dialog itself needs it
        similarity.load_net(protocol)


def echo_delay(played: np.ndarray, start: float, heard: list[Block]) -> float | None:
    """Seconds from ``start`` after which ``played`` (16 kHz) came back in ``heard``,
    or None when it did not (a headset, or a speaker the microphone cannot hear).
    Envelopes of 10 ms frames, normalised cross-correlation over 0..ECHO_MAX."""
    step = SAMPLE_RATE // 100
    n = len(played) // step
    if n < 50 or not heard:
        return None
    env_p = _envelope(played[: n * step], step)
    t0 = heard[0].start
    mic = np.frombuffer(b"".join(b.pcm for b in heard), dtype="<i2")
    offset = int(round((start - t0) * SAMPLE_RATE))
    lags = int(ECHO_MAX * 100)
    if offset < 0 or offset + (n + lags) * step > len(mic):
        return None
    env_m = _envelope(mic[offset : offset + (n + lags) * step], step)
    a = env_p - env_p.mean()
    best, best_lag = 0.0, 0
    for lag in range(lags):
        b = env_m[lag : lag + n]
        b = b - b.mean()
        denom = np.sqrt((a * a).sum() * (b * b).sum())
        score = float((a * b).sum() / denom) if denom > 0 else 0.0
        if score > best:
            best, best_lag = score, lag
    loud = env_m[best_lag : best_lag + n].max() > 3 * max(np.median(env_m), 1.0)
    return best_lag / 100 if best > ECHO_MATCH and loud else None


def _envelope(samples: np.ndarray, step: int) -> np.ndarray:
    frames = samples.astype(np.float64).reshape(-1, step)
    return np.sqrt((frames * frames).mean(axis=1))


# -- hearing answers -----------------------------------------------------------------


class _Decoding:
    """An answer's decoders: fed as the audio comes; ``close`` finishes their decode
    (the trailing pad and vosk's final results) in a thread of its own, so that the
    loop reading the input goes on meanwhile; ``result`` waits for it."""

    def __init__(self, listener: Listener) -> None:
        self._listener = listener
        self._result: tuple[Heard, Recognition] | None = None
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None

    @property
    def closed(self) -> bool:
        return self._thread is not None

    def accept(self, pcm: bytes) -> None:
        self._listener.accept(pcm)

    def close(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._finish, daemon=True,
                                            name="aftercare-finish")
            self._thread.start()

    def result(self) -> tuple[Heard, Recognition]:
        self.close()
        assert self._thread is not None
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result

    def words(self) -> str:
        """The final words of the pass the turn rule reads (as ``Listener.so_far``)."""
        heard, free = self.result()
        wide = next((p.text for p in heard.passes if p.name == "wide"), None)
        return wide if wide is not None else free.text

    def _finish(self) -> None:
        try:
            self._result = self._listener.finish()
        except BaseException as err:  # raised to the listening thread by ``result``
            self._error = err


@dataclass
class _Turn:
    """One answer being heard: what its decoders got, its voice activity, its words.
    Once closed, what follows is only listened to for voice (``tail``)."""

    ask: Ask
    decoding: _Decoding
    question: Question | None
    pcm: bytearray = field(default_factory=bytearray)
    voice: VoiceTracker = field(default_factory=VoiceTracker)
    tail: bytearray = field(default_factory=bytearray)
    _closed_voiced: int = -1  # the last voiced frame when it was closed

    def feed(self, pcm: bytes) -> None:
        if self.decoding.closed:
            self.tail += pcm
        else:
            self.pcm += pcm
            self.decoding.accept(pcm)
        self.voice.push(pcm)

    def close(self) -> None:
        """No more audio for the decoders: their decode is finished in the background."""
        if not self.decoding.closed:
            self.decoding.close()
            self._closed_voiced = self.voice.last_voiced

    @property
    def spoke_since_closed(self) -> bool:
        return self.decoding.closed and self.voice.last_voiced != self._closed_voiced

    def so_far(self) -> turn.SoFar:
        return turn.SoFar("", self.voice.speech, self.voice.silence,
                          (len(self.pcm) + len(self.tail)) / 2 / SAMPLE_RATE)


@dataclass
class _Ended:
    """An answer that has ended, which the patient may still go on with."""

    turn: _Turn
    at: float  # capture time of its end of turn
    gap: bytearray = field(default_factory=bytearray)  # what the input heard since
    voice: VoiceTracker = field(default_factory=VoiceTracker)


class Ears:
    """Answers from a stream of blocks: ``listen(ask)`` for each question."""

    def __init__(self, recognizer: Recognizer, protocol: Protocol, source: Source,
                 gate: Gate, stop_speaking: Callable[[], None] = lambda: None,
                 timing: turn.Timing | None = None, capture: Path | None = None) -> None:
        self.recognizer = recognizer
        self.protocol = protocol
        self.source = source
        self.gate = gate
        self.stop_speaking = stop_speaking
        self.timing = timing or turn.Timing()
        self.continuing = turn.load_continuing(protocol.directory)
        self.capture = capture
        self._ended: _Ended | None = None
        self._answers = 0
        self.log: list[dict] = []  # one entry per decision, for benchmarks and tests
        threading.Thread(target=_warm, args=(protocol,), daemon=True,
                         name="aftercare-warm").start()

    def listen(self, ask: Ask | None) -> Heard | Continued | None:
        """The answer to ``ask``, or the previous answer continued. With ``ask`` None
        (the check-in is over), only a continuation, or None once that cannot come."""
        opened = time.monotonic()  # the prompt is queued: older blocks are not its answer
        if ask is None and self._ended is None:
            return None
        current = self._turn(ask) if ask is not None else None  # built while it plays
        started = False
        continued = False
        reopened = 0
        while True:
            block = self._next()
            ended = self._ended
            if ended is not None:
                if block.start < ended.at + CORRECTION_WINDOW and not self.gate.prompt_over(
                        block, ended.at):
                    if not self.gate.echo_reaches(block):
                        ended.gap += block.pcm
                        ended.voice.push(block.pcm)
                        if ended.voice.speech >= self.timing.min_speech:
                            self.stop_speaking()
                            current, started, continued = self._resume(ended), True, True
                            self._ended = None
                    continue
                self._ended = None
            if current is None:
                return None
            if continued and self.gate.echo_reaches(block):
                continue  # the cut prompt's echo
            if not started:
                if block.start < opened or self.gate.muted(block):
                    continue
                started = True
                if DEBUG:
                    print(f"live: listening from {block.start:.3f} (now "
                          f"{time.monotonic():.3f})", file=sys.stderr, flush=True)
            current.feed(block.pcm)
            if current.spoke_since_closed:
                current = self._reopen(current)  # spoke again before the end of turn
                reopened += 1
            decision = self._decide(current)
            if decision != turn.LISTEN:
                break
        finishing = time.monotonic()
        ahead = current.decoding.closed
        heard, _ = current.decoding.result()
        if decision == turn.NOTHING or current.voice.speech < self.timing.min_speech:
            heard = Heard("", heard.confidence)  # noise is never an answer
        self._ended = _Ended(current, block.end, bytearray(current.tail)) \
            if decision == turn.FINISHED else None
        self.log.append({"question": current.ask.question, "decision": decision,
                         "text": heard.text, "continued": continued,
                         "decided_at": time.monotonic(), "block_end": block.end,
                         "silence": current.voice.silence,
                         "finished_ahead": ahead, "reopened": reopened,
                         "backlog_s": round(finishing - block.end, 3),
                         "finish_s": round(time.monotonic() - finishing, 3)})
        if DEBUG:
            print(f"live: {self.log[-1]} echo={self.gate.echo} heard={self.gate.echo_heard}",
                  file=sys.stderr, flush=True)
        self._save(current, replace=continued)
        return Continued(heard) if continued else heard

    def _next(self) -> Block:
        block = self.source.get(STALL_TIMEOUT)
        if block is None:
            raise AudioError(f"the microphone stopped delivering audio for "
                             f"{STALL_TIMEOUT:.0f} s; the answers so far are kept")
        self.gate.observe(block)
        return block

    def _turn(self, ask: Ask) -> _Turn:
        return _Turn(ask, _Decoding(Listener(self.recognizer, ask.grammar, ask.narrow)),
                     self._question(ask))

    def _resume(self, ended: _Ended) -> _Turn:
        """The ended answer, decoded again with what followed it."""
        again = self._turn(ended.turn.ask)
        again.feed(bytes(ended.turn.pcm) + bytes(ended.gap))
        return again

    def _reopen(self, closed: _Turn) -> _Turn:
        """A closed answer that goes on: new decoders fed all of it (the same chunks as
        if it had never been closed; the abandoned decode finishes unread)."""
        again = self._turn(closed.ask)
        again.feed(bytes(closed.pcm) + bytes(closed.tail))
        return again

    def _decide(self, current: _Turn) -> str:
        so_far = current.so_far()
        spoke = so_far.speech >= self.timing.min_speech
        if spoke and so_far.silence < min(FINISH_AHEAD, self.timing.complete) \
                and so_far.waited < self.timing.longest:
            return turn.LISTEN  # still speaking: no need to look at the words
        if not spoke:
            return turn.decide(so_far, False, self.timing)  # nothing said: words unneeded
        # Quiet for a moment: probably over. Finish the decode while it stays quiet (the
        # words so far cannot tell yet: vosk shows a word ~0.4 s after it ends).
        current.close()
        if so_far.silence < self.timing.complete and so_far.waited < self.timing.longest:
            return turn.LISTEN
        text = current.decoding.words()  # ready by now, or soon
        complete = turn.complete(text, current.question, self.protocol, self.continuing)
        so_far = turn.SoFar(text, so_far.speech, so_far.silence, so_far.waited)
        return turn.decide(so_far, complete, self.timing)

    def _question(self, ask: Ask) -> Question | None:
        ids = {q.id: q for q in self.protocol.questions}
        if ask.question in ids:
            return ids[ask.question]
        if ask.grammar is None:
            return None  # free-form (after an emergency): any words are an answer
        # Confirmations ("I want to be sure ...", "stop?") take a yes or a no.
        return next(q for q in self.protocol.questions if q.answer == "yesno")

    def _save(self, current: _Turn, replace: bool) -> None:
        if self.capture is None:
            return
        if not replace:
            self._answers += 1
        path = self.capture / f"{self._answers:02d}.wav"
        write_wav(path, Audio(bytes(current.pcm), "microphone"))
