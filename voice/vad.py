"""Voice activity: is the patient speaking, and for how long have they been quiet?

WebRTC's voice-activity detector (``webrtcvad-wheels``) over 20 ms frames, and below a
fixed level nothing counts as voice, so a quiet room's hiss (a -60 dBFS noise floor)
is never speech whatever the detector thinks. Chosen over vosk's endpointer (which
waits ~1.3 s after the last word and calls noise a word) by measurement:
docs/benchmarks-live.md. Pure arithmetic over PCM: any transport can feed it.
"""

from __future__ import annotations

import numpy as np
import webrtcvad

from voice.audio import SAMPLE_RATE

FRAME = SAMPLE_RATE // 50  # 20 ms, one of the frame sizes webrtcvad takes
FRAME_SECONDS = FRAME / SAMPLE_RATE
AGGRESSIVENESS = 2  # 0-3; 3 drops soft word endings, 0-1 take fan noise for voice
FLOOR_DBFS = -50.0  # quieter frames are never voice (speech at a microphone: -35..-10)
_FLOOR = 32768.0 * 10 ** (FLOOR_DBFS / 20)


class VoiceTracker:
    """Fed PCM in pieces of any size; keeps the seconds of voice heard and the silence
    since the last voiced frame."""

    def __init__(self) -> None:
        self._vad = webrtcvad.Vad(AGGRESSIVENESS)
        self._pending = b""
        self.frames = 0
        self.voiced = 0  # frames
        self.last_voiced = -1  # frame index

    def push(self, pcm: bytes) -> None:
        data = self._pending + pcm
        whole = len(data) // (2 * FRAME) * 2 * FRAME
        for i in range(0, whole, 2 * FRAME):
            if is_voice(self._vad, data[i : i + 2 * FRAME]):
                self.voiced += 1
                self.last_voiced = self.frames
            self.frames += 1
        self._pending = data[whole:]

    @property
    def speech(self) -> float:
        return self.voiced * FRAME_SECONDS

    @property
    def silence(self) -> float:
        return (self.frames - 1 - self.last_voiced) * FRAME_SECONDS

    @property
    def heard(self) -> float:
        return self.frames * FRAME_SECONDS


def is_voice(vad: webrtcvad.Vad, frame: bytes) -> bool:
    samples = np.frombuffer(frame, dtype="<i2").astype(np.float64)
    if np.sqrt(np.mean(samples * samples)) < _FLOOR:
        return False
    return vad.is_speech(frame, SAMPLE_RATE)


def has_voice(pcm: bytes, at_least: float) -> bool:
    """``pcm`` holds at least ``at_least`` seconds of voice."""
    tracker = VoiceTracker()
    tracker.push(pcm)
    return tracker.speech >= at_least
