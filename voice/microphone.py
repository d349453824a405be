"""Live microphone input: each block is decoded as it arrives, while the patient speaks.

Blocks go into the same ``Listener`` a replayed WAV goes through (same padding, chunks
and dither seeds), so a recording of a live answer replays to the same result, and only
the trailing pad is left to decode when the answer ends. End of an answer is vosk's own
endpoint on the free-form pass once words were heard; a long silence gives "nothing
heard" and the dialog re-prompts.
"""

from __future__ import annotations

import contextlib
import queue
from collections.abc import Iterator
from typing import Any

from voice.audio import SAMPLE_RATE, Audio
from voice.dialog import Ask, Heard
from voice.errors import AudioError
from voice.listen import Listener

BLOCK = 4000  # frames per read: a quarter of a second
SILENCE_TIMEOUT = 10.0  # seconds before a silence re-prompt; longer than Alexa's 8 s
MAX_ANSWER = 30.0  # seconds; nobody answers a check-in question for longer
STALL_TIMEOUT = 5.0  # seconds without a block: the device has stopped


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


@contextlib.contextmanager
def _microphone() -> Iterator[queue.Queue[bytes]]:
    """The default microphone, recording while the context lasts. PortAudio's thread
    queues the blocks, so none is lost while the decoders are busy."""
    sd = _sounddevice()
    blocks: queue.Queue[bytes] = queue.Queue()
    try:
        with sd.RawInputStream(samplerate=SAMPLE_RATE, channels=1, dtype="int16",
                               blocksize=BLOCK,
                               callback=lambda data, *_: blocks.put(bytes(data))):
            yield blocks
    except sd.PortAudioError as err:
        raise AudioError(f"microphone failed: {err}") from err


def take_answer(blocks: queue.Queue[bytes], listener: Listener | None,
                seconds: float) -> Audio:
    """Blocks until the answer ends (or ``seconds`` of audio), each fed to ``listener``
    as it arrives; without a listener, ``seconds`` of audio. The one end-of-turn rule of
    every live source (this microphone, a Wyoming satellite)."""
    chunks: list[bytes] = []
    recorded = 0.0  # seconds of audio, not of wall time: decoding may lag behind
    while recorded < seconds:
        try:
            chunk = blocks.get(timeout=STALL_TIMEOUT)
        except queue.Empty:
            raise AudioError("microphone stopped delivering audio") from None
        chunks.append(chunk)
        recorded += len(chunk) / 2 / SAMPLE_RATE
        if listener is not None and listener.accept(chunk) and (
                listener.heard or recorded > SILENCE_TIMEOUT):
            break
    return Audio(b"".join(chunks), "microphone")


def capture(recognizer: Any, seconds: float = MAX_ANSWER, until_silence: bool = True) -> Audio:
    """Record from the default microphone until vosk hears the end of an utterance."""
    with _microphone() as blocks:
        return take_answer(blocks, Listener(recognizer) if until_silence else None, seconds)


class MicInput:
    def __init__(self) -> None:
        from voice.asr import Recognizer

        if not microphone_available():
            raise AudioError("no microphone found; use --text to type answers or --replay WAV")
        self.recognizer = Recognizer(alternatives=0)  # the dialog needs no n-best

    def listen(self, ask: Ask) -> Heard | None:
        with _microphone() as blocks:
            # Made once the microphone is on: the first blocks queue up while the
            # decoders are built and the lead pad is decoded, so no word is lost.
            listener = Listener(self.recognizer, ask.grammar, ask.narrow)
            take_answer(blocks, listener, MAX_ANSWER)
        heard, _ = listener.finish()  # the trailing pad: all that is left to decode
        return heard
