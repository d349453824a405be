"""Live microphone input: capture one answer, then hear it like any WAV.

The captured audio goes through exactly the same ``listen`` path as a replayed
fixture, so a recording of a live answer replays to the same result. End of speech
is vosk's own endpoint detection; a long silence gives "nothing heard" and the
dialog re-prompts.
"""

from __future__ import annotations

import time
from typing import Any

from voice.audio import SAMPLE_RATE, Audio
from voice.dialog import Ask, Heard
from voice.errors import AudioError

BLOCK = 4000  # frames per read: a quarter of a second
SILENCE_TIMEOUT = 10.0  # seconds before a silence re-prompt; longer than Alexa's 8 s
MAX_ANSWER = 30.0  # seconds; nobody answers a check-in question for longer


def _sounddevice() -> Any:
    try:
        import sounddevice
    except (ImportError, OSError) as err:  # OSError: PortAudio library missing
        raise AudioError(f"no microphone support here ({err}); use --text or --replay") from err
    return sounddevice


def microphone_available() -> bool:
    try:
        sd = _sounddevice()
        return any(d["max_input_channels"] > 0 for d in sd.query_devices())
    except Exception:  # any PortAudio failure means: no usable microphone
        return False


def capture(recognizer: Any, seconds: float = MAX_ANSWER, until_silence: bool = True) -> Audio:
    """Record from the default microphone until vosk hears the end of an utterance."""
    sd = _sounddevice()
    endpoint = recognizer.stream() if until_silence else None
    chunks: list[bytes] = []
    started = time.monotonic()
    try:
        with sd.RawInputStream(samplerate=SAMPLE_RATE, channels=1, dtype="int16",
                               blocksize=BLOCK) as stream:
            while time.monotonic() - started < seconds:
                data, _overflowed = stream.read(BLOCK)
                chunk = bytes(data)
                chunks.append(chunk)
                if endpoint is not None and endpoint.accept(chunk):
                    if endpoint.result().text:
                        break
                    if time.monotonic() - started > SILENCE_TIMEOUT:
                        break
    except sd.PortAudioError as err:
        raise AudioError(f"microphone failed: {err}") from err
    return Audio(b"".join(chunks), "microphone")


class MicInput:
    def __init__(self) -> None:
        from voice.asr import Recognizer

        if not microphone_available():
            raise AudioError("no microphone found; use --text to type answers or --replay WAV")
        self.recognizer = Recognizer(alternatives=0)  # the dialog needs no n-best

    def listen(self, ask: Ask) -> Heard | None:
        from voice.listen import listen

        heard, _ = listen(self.recognizer, capture(self.recognizer), ask.grammar)
        return heard
