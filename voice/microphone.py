"""The local microphone: one PortAudio input stream for the whole check-in, feeding the
live conversation (voice/live.py) with 20 ms blocks stamped with their capture time.

PortAudio's thread queues the blocks, so none is lost while the decoders are busy. A
device that stops delivering audio is reported within ``live.STALL_TIMEOUT`` seconds;
the stream is then closed from a helper thread with a time limit, because a PortAudio
stop or close on a stalled device can block for minutes.
"""

from __future__ import annotations

import queue
import threading
import time
from pathlib import Path
from typing import Any

from voice.audio import SAMPLE_RATE, Audio
from voice.dialog import Ask, Heard
from voice.errors import AudioError
from voice.listen import Listener
from voice.live import STALL_TIMEOUT, Block, Ears, Gate
from voice.session import Continued

BLOCK = SAMPLE_RATE // 50  # frames per block: 20 ms, so the end of a turn is not late
CLOSE_TIMEOUT = 2.0  # seconds allowed to close the stream
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


class Microphone:
    """The default input device, recording from construction until ``close``."""

    def __init__(self, block: int = BLOCK) -> None:
        sd = _sounddevice()
        self._blocks: queue.Queue[Block] = queue.Queue()
        self._closed = False
        try:
            self._stream = sd.RawInputStream(samplerate=SAMPLE_RATE, channels=1,
                                             dtype="int16", blocksize=block,
                                             callback=self._callback)
            self._stream.start()
        except sd.PortAudioError as err:
            raise AudioError(f"microphone failed: {err}") from err

    def _callback(self, data: Any, frames: int, times: Any, status: Any) -> None:
        # The capture time of the block's first sample, on the monotonic clock: now,
        # less how long ago the converter took it (PortAudio's stream clock).
        age = max(times.currentTime - times.inputBufferAdcTime, 0.0) if times else 0.0
        self._blocks.put(Block(bytes(data), time.monotonic() - age - frames / SAMPLE_RATE))

    def get(self, timeout: float) -> Block | None:
        try:
            return self._blocks.get(timeout=timeout)
        except queue.Empty:
            return None

    def close(self) -> None:
        """Stop recording without ever hanging the caller (once; later calls return)."""
        if self._closed:
            return
        self._closed = True
        closer = threading.Thread(target=self._close, daemon=True, name="aftercare-mic-close")
        closer.start()
        closer.join(CLOSE_TIMEOUT)

    def _close(self) -> None:
        try:
            self._stream.abort()  # abort, not stop: stop waits for queued buffers
            self._stream.close()
        except Exception:  # closing a failed device: nothing more to do
            pass


def capture(recognizer: Any, seconds: float = MAX_ANSWER, until_silence: bool = True) -> Audio:
    """Record from the default microphone until vosk hears the end of an utterance (or
    ``seconds`` of audio); for ``aftercare record``."""
    mic = Microphone()
    listener = Listener(recognizer) if until_silence else None
    chunks: list[bytes] = []
    recorded = 0.0
    try:
        while recorded < seconds:
            block = mic.get(STALL_TIMEOUT)
            if block is None:
                raise AudioError("the microphone stopped delivering audio")
            chunks.append(block.pcm)
            recorded += len(block.pcm) / 2 / SAMPLE_RATE
            if listener is not None and listener.accept(block.pcm) and listener.heard:
                break
    finally:
        mic.close()
    return Audio(b"".join(chunks), "microphone")


class MicInput:
    """Answers from the microphone: one stream for the whole check-in (see live.py).
    ``gate`` is shared with the output that plays the prompts; ``capture`` is a folder
    where each answer's audio is written (for replaying a live run)."""

    corrections = True  # answers may be continued (Session keeps the dialog before each)

    def __init__(self, gate: Gate, stop_speaking: Any = None,
                 capture: Path | None = None) -> None:
        from voice.asr import Recognizer
        from voice.protocol import load_protocol

        if not microphone_available():
            raise AudioError("no microphone found; use --text to type answers or --replay WAV")
        recognizer = Recognizer(alternatives=0)  # the dialog needs no n-best
        self.microphone = Microphone()  # on now: the echo is measured on the greeting
        self.ears = Ears(recognizer, load_protocol(), self.microphone, gate,
                         stop_speaking or (lambda: None), capture=capture)

    def listen(self, ask: Ask) -> Heard | Continued | None:
        try:
            return self.ears.listen(ask)
        except AudioError:
            self.microphone.close()
            raise

    def close(self) -> None:
        self.microphone.close()
