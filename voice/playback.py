"""Prompts played in the background, in order, while the microphone listens: the live
conversation's output. Each prompt is announced to the ``Gate`` (queued, started,
ended), which keeps it out of what the microphone hears; ``stop`` cuts the speaker off
when the patient goes on with an answer."""

from __future__ import annotations

import sys
import threading
from collections import deque
from collections.abc import Sequence
from typing import Any, TextIO

from voice.audio import read_wav_bytes
from voice.errors import AftercareError
from voice.live import DEBUG, Gate
from voice.session import ConsoleOutput


class LiveOutput(ConsoleOutput):
    def __init__(self, speaker: Any, gate: Gate, stream: TextIO = sys.stdout) -> None:
        super().__init__(speaker, stream)
        self.gate = gate
        self._queue: deque[tuple[str, int, Any]] = deque()
        self._busy = False
        self._current: Any = None  # the playback under way
        self._lock = threading.Condition()
        self._speaker_lock = threading.Lock()
        threading.Thread(target=self._play, daemon=True, name="aftercare-speaker").start()

    def prepare(self, texts: Sequence[str], rate: int) -> None:
        with self._speaker_lock:
            super().prepare(texts, rate)

    def speak(self, text: str, rate: int, question: str | None) -> None:
        print(f"assistant: {text}", file=self.stream, flush=True)
        if self.speaker is None:
            return
        with self._lock:
            self._queue.append((text, rate, self.gate.queued(measure=question is None)))
            self._lock.notify_all()

    def stop(self) -> None:
        """Stop speaking now: what is queued is dropped, what is playing is cut."""
        with self._lock:
            while self._queue:
                self.gate.ended(self._queue.popleft()[2], cut=True)
            if self._current is not None:
                self._current.cut = True
        if self.speaker is not None:
            self.speaker.stop()

    def drain(self) -> None:
        with self._lock:
            self._lock.wait_for(lambda: not self._queue and not self._busy)

    def result(self, result: dict[str, Any]) -> None:
        self.drain()  # the closing words are heard before the program ends
        super().result(result)

    def _play(self) -> None:
        while True:
            with self._lock:
                self._lock.wait_for(lambda: bool(self._queue))
                text, rate, playback = self._queue.popleft()
                self._busy, self._current = True, playback
            try:
                with self._speaker_lock:
                    self.speaker.rate = rate
                    wav = self.speaker.prepared(text)
                pcm = None
                if wav is not None:
                    try:
                        pcm = read_wav_bytes(wav).samples
                    except AftercareError:
                        pcm = None
                with self._lock:  # the next prompt is rendered while this one plays
                    following = self._queue[0] if self._queue else None
                if following is not None and following[1] == rate:
                    threading.Thread(target=self.speaker.prepared, args=(following[0],),
                                     daemon=True).start()
                self.gate.started(playback, pcm)
                if DEBUG:
                    print(f"play: queued {playback.queued:.3f} start {playback.start:.3f} "
                          f"{text[:30]!r}", file=sys.stderr, flush=True)
                if not playback.cut:
                    self.speaker.say(text)
                self.gate.ended(playback, cut=playback.cut)
            except Exception as err:  # never a silent hang: the check-in goes on, printed
                print(f"aftercare: a prompt could not be played ({err})", file=sys.stderr,
                      flush=True)
                self.gate.ended(playback, cut=True)
            finally:
                with self._lock:
                    self._busy, self._current = False, None
                    self._lock.notify_all()
