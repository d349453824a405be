"""A Home Assistant voice satellite as the check-in's microphone and speaker (Wyoming).

The check-in connects to the satellite as Home Assistant does (``describe``, then
``run-satellite``); the satellite then streams its microphone as ``audio-chunk`` events.
A satellite is a transport, nothing more: its audio goes into the same ``Listener`` as
the local microphone's, through the same end-of-turn rule (``microphone.take_answer``),
and prompts are the same pyttsx3/espeak-ng renderings the local speaker plays.

Turn-taking: each turn's prompts go out as one Wyoming audio stream (``audio-start``,
chunks, ``audio-stop``), as Home Assistant sends one spoken response, starting as soon
as the first prompt is ready. Before listening the stream is ended and the check-in
waits until the satellite has played it: its ``played`` event, or (older satellites,
such as wyoming-satellite 1.0.0, send none) the audio's length plus a margin, as Home
Assistant does. Microphone audio that arrives meanwhile is dropped (muted), so the
check-in never hears its own prompt.

Only what the satellite needs goes over the network: prompt audio out, microphone
audio in. No transcript or prompt text is sent (the Wyoming link is not encrypted).
Everything is done with the ``wyoming`` library's events; none of the protocol is
written here.
"""

from __future__ import annotations

import contextlib
import io
import queue
import socket
import threading
import time
import wave
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from wyoming.audio import AudioChunk, AudioChunkConverter, AudioStart, AudioStop
from wyoming.event import Event, read_event, write_event
from wyoming.info import Describe, Info
from wyoming.ping import Ping, Pong
from wyoming.satellite import PauseSatellite, RunSatellite
from wyoming.snd import Played

from voice.audio import SAMPLE_RATE
from voice.dialog import Ask, Heard
from voice.errors import AftercareError, AudioError

CONNECT_TIMEOUT = 5.0  # seconds to connect and to get the satellite's description
SAMPLES_PER_CHUNK = 1024  # prompt audio per event, as Home Assistant sends it
PLAYED_MARGIN = 0.5  # seconds past the audio's length before "played" is assumed


class SatelliteError(AftercareError):
    """The satellite cannot be reached, or it is not a satellite."""


class SatelliteLost(SatelliteError):
    """The connection ended during a check-in."""


@dataclass(frozen=True)
class SatelliteInfo:
    name: str
    area: str | None
    description: str | None


def parse_uri(uri: str) -> tuple[str, int]:
    """``tcp://HOST:PORT`` -> (host, port); anything else is a one-line error."""
    parts = urlsplit(uri)
    try:
        port = parts.port
    except ValueError:
        port = None
    if parts.scheme != "tcp" or not parts.hostname or port is None:
        raise SatelliteError(f"{uri!r}: expected a satellite address like tcp://HOST:10700")
    return parts.hostname, port


def _connect(uri: str) -> socket.socket:
    host, port = parse_uri(uri)
    try:
        return socket.create_connection((host, port), timeout=CONNECT_TIMEOUT)
    except OSError as err:
        reason = err.strerror or str(err) or type(err).__name__
        raise SatelliteError(f"no satellite answers at {uri} ({reason})") from None


def _describe(uri: str, sock: socket.socket, reader: Any, writer: Any) -> SatelliteInfo:
    """Ask what is at the other end; only a satellite will do."""
    sock.settimeout(CONNECT_TIMEOUT)
    try:
        write_event(Describe().event(), writer)
        while True:
            event = read_event(reader)
            if event is None:
                raise SatelliteError(f"{uri} closed the connection without describing itself")
            if Info.is_type(event.type):
                break
    except OSError as err:  # including the timeout
        raise SatelliteError(f"{uri} does not answer as a Wyoming service "
                             f"({err.strerror or type(err).__name__})") from None
    finally:
        with contextlib.suppress(OSError):
            sock.settimeout(None)
    satellite = Info.from_event(event).satellite
    if satellite is None:
        raise SatelliteError(f"{uri} is a Wyoming service but not a satellite")
    return SatelliteInfo(satellite.name, satellite.area, satellite.description)


def describe(uri: str) -> SatelliteInfo:
    """What answers at ``uri`` (for ``aftercare doctor --satellite``)."""
    sock = _connect(uri)
    with sock, sock.makefile("rb") as reader, sock.makefile("wb") as writer:
        return _describe(uri, sock, reader, writer)


class _Blocks(queue.Queue):
    """Microphone blocks for ``take_answer``; ``None`` in the queue means the link is
    gone, which ends the answer with ``SatelliteLost`` instead of a silent wait."""

    def __init__(self, link: SatelliteLink) -> None:
        super().__init__()
        self.link = link

    def get(self, block: bool = True, timeout: float | None = None) -> bytes:
        item = super().get(block, timeout)
        if item is None:
            self.put(None)  # every later read fails the same way
            raise self.link.lost_error()
        return item


class SatelliteLink:
    """One connection to a satellite, held for a whole check-in. A reader thread takes
    the satellite's events: microphone audio (queued only while listening), ``played``,
    ``ping``; the check-in's thread writes prompt audio."""

    def __init__(self, uri: str) -> None:
        self.uri = uri
        self._sock = _connect(uri)
        self._reader = self._sock.makefile("rb")
        self._writer = self._sock.makefile("wb")
        self._write_lock = threading.Lock()
        try:
            self.info = _describe(uri, self._sock, self._reader, self._writer)
        except SatelliteError:
            self._sock.close()
            raise
        self.blocks = _Blocks(self)
        self._to_pcm = AudioChunkConverter(rate=SAMPLE_RATE, width=2, channels=1)
        self._listening = threading.Event()
        self._played = threading.Condition()  # counts the satellite's "played" events
        self._played_count = 0
        self._streams = 0  # prompt streams sent
        self._streaming = threading.Event()  # its first microphone audio came
        self._lost: str | None = None
        self._stream: AudioStart | None = None  # the prompt stream being sent
        self._stream_started = 0.0
        self._stream_seconds = 0.0
        self._convert: AudioChunkConverter | None = None
        threading.Thread(target=self._read, daemon=True, name="aftercare-satellite").start()
        self._send(RunSatellite().event())
        # Before the check-in starts: a satellite that refuses us (it serves one server
        # at a time) or waits for a wake word would otherwise fail at the first answer.
        if not self._streaming.wait(CONNECT_TIMEOUT) or self._lost:
            reason = (f"{uri} closed the connection (a satellite serves one server at a "
                      "time: is Home Assistant connected to it?)") if self._lost else (
                f"{uri} sends no microphone audio: a satellite serves one server at a "
                "time (is Home Assistant connected to it?) and must run without a wake "
                "word or --vad")
            self.close()
            raise SatelliteError(reason)

    # -- the satellite's side ----------------------------------------------------

    def _read(self) -> None:
        why = "the satellite closed the connection"
        try:
            while (event := read_event(self._reader)) is not None:
                self._handle(event)
        except (OSError, ValueError) as err:  # reset, or a broken event
            why = str(err) or type(err).__name__
        self._lost = self._lost or why
        with self._played:  # nobody waits for a satellite that is gone
            self._played.notify_all()
        self._streaming.set()
        self.blocks.put(None)

    def _handle(self, event: Event) -> None:
        if AudioChunk.is_type(event.type):
            self._streaming.set()
            if self._listening.is_set():
                self.blocks.put(self._to_pcm.convert(AudioChunk.from_event(event)).audio)
        elif Played.is_type(event.type):
            with self._played:
                self._played_count += 1
                self._played.notify_all()
        elif Ping.is_type(event.type):
            self._send(Pong(text=Ping.from_event(event).text).event(), quiet=True)
        # run-pipeline, the microphone's own audio-start/stop, streaming-*, error (a
        # satellite reports its own failures there; its microphone may go on): nothing

    def lost_error(self) -> SatelliteLost:
        return SatelliteLost(f"lost the satellite at {self.uri}: {self._lost}")

    def _send(self, event: Event, quiet: bool = False) -> None:
        try:
            with self._write_lock:
                write_event(event, self._writer)
        except (OSError, ValueError) as err:  # ValueError: written after close
            self._lost = self._lost or (err.strerror if isinstance(err, OSError) and
                                        err.strerror else "the connection broke")
            if not quiet:
                raise self.lost_error() from None

    # -- prompts ---------------------------------------------------------------------

    def play(self, wav: bytes) -> None:
        """Send a rendered prompt (WAV bytes), opening the turn's audio stream if
        needed."""
        if self._lost:
            raise self.lost_error()
        with wave.open(io.BytesIO(wav), "rb") as audio:
            if self._stream is None:
                self._stream = AudioStart(rate=audio.getframerate(),
                                          width=audio.getsampwidth(),
                                          channels=audio.getnchannels(), timestamp=0)
                self._convert = AudioChunkConverter(self._stream.rate, self._stream.width,
                                                    self._stream.channels)
                self._streams += 1
                self._stream_started = time.monotonic()
                self._stream_seconds = 0.0
                self._send(self._stream.event())
            while frames := audio.readframes(SAMPLES_PER_CHUNK):
                chunk = AudioChunk(rate=audio.getframerate(), width=audio.getsampwidth(),
                                   channels=audio.getnchannels(), audio=frames,
                                   timestamp=int(self._stream_seconds * 1000))
                assert self._convert is not None
                chunk = self._convert.convert(chunk)
                self._send(chunk.event())
                self._stream_seconds += chunk.seconds

    def finish_prompt(self) -> None:
        """End the turn's audio stream and return once the satellite has played it."""
        if self._stream is None:
            return
        self._stream = None
        self._send(AudioStop(timestamp=int(self._stream_seconds * 1000)).event())
        deadline = self._stream_started + self._stream_seconds + PLAYED_MARGIN
        with self._played:  # counted, so a late "played" is not taken for this stream's
            self._played.wait_for(lambda: self._played_count >= self._streams or
                                  self._lost is not None,
                                  max(0.0, deadline - time.monotonic()))
        if self._lost:
            raise self.lost_error()

    # -- listening -------------------------------------------------------------------

    @contextlib.contextmanager
    def listening(self) -> Iterator[_Blocks]:
        """Microphone audio reaches ``blocks`` only inside this context."""
        if self._lost:
            raise self.lost_error()
        with contextlib.suppress(queue.Empty):
            while True:  # what was queued before is stale
                if self.blocks.get_nowait() is None:
                    raise self.lost_error()
        self._listening.set()
        try:
            yield self.blocks
        finally:
            self._listening.clear()

    def close(self) -> None:
        """Stop the satellite streaming to us, and hang up."""
        if not self._lost:
            with contextlib.suppress(AftercareError):
                self._send(PauseSatellite().event(), quiet=True)
        self._lost = self._lost or "closed"
        with contextlib.suppress(OSError):
            # Wakes the reader thread with end-of-file first: closing a buffered reader
            # that another thread is reading from would wait for that read.
            self._sock.shutdown(socket.SHUT_RDWR)
        for closing in (self._writer, self._reader, self._sock):
            with contextlib.suppress(OSError, ValueError):
                closing.close()


# -- the check-in's input and output ----------------------------------------------------

STALL_TIMEOUT = 5.0  # seconds without a block: the satellite has stopped streaming
SILENCE_TIMEOUT = 10.0  # seconds of audio before "nothing heard"
MAX_ANSWER = 30.0  # seconds; nobody answers a check-in question for longer


def take_answer(blocks: queue.Queue[bytes], listener: Any, seconds: float) -> None:
    """Feed ``listener`` the satellite's blocks until vosk's endpoint ends the answer
    (or ``seconds`` of audio). Not yet the local microphone's end-of-turn rule
    (voice/live.py): see docs/satellite.md."""
    recorded = 0.0  # seconds of audio, not of wall time: decoding may lag behind
    while recorded < seconds:
        try:
            chunk = blocks.get(timeout=STALL_TIMEOUT)
        except queue.Empty:
            raise AudioError("the satellite stopped delivering audio") from None
        if chunk is None:
            raise AudioError("the satellite connection ended")
        recorded += len(chunk) / 2 / SAMPLE_RATE
        if listener.accept(chunk) and (listener.heard or recorded > SILENCE_TIMEOUT):
            return


class SatelliteInput:
    """Answers from the satellite's microphone: the local microphone's path exactly."""

    def __init__(self, link: SatelliteLink) -> None:
        from voice.asr import Recognizer

        self.link = link
        self.recognizer = Recognizer(alternatives=0)  # the dialog needs no n-best

    def listen(self, ask: Ask) -> Heard | None:
        from voice.listen import Listener

        self.link.finish_prompt()  # listen only once the question has been played
        with self.link.listening() as blocks:
            # Made once audio is let through, as the microphone's: blocks queue up
            # while the decoders are built, so no word is lost.
            listener = Listener(self.recognizer, ask.grammar, ask.narrow)
            try:
                take_answer(blocks, listener, MAX_ANSWER)
            except AudioError:
                raise SatelliteLost(f"the satellite at {self.link.uri} stopped "
                                    "streaming audio") from None
        heard, _ = listener.finish()
        return heard


class SatelliteOutput:
    """Prompts rendered by the project's speaker and played by the satellite; both
    sides are printed too, as ``ConsoleOutput`` prints them."""

    def __init__(self, link: SatelliteLink, speaker: Any, console: Any) -> None:
        self.link = link
        self.speaker = speaker  # a Speaker: renders whatever the local sound card
        self.console = console  # a ConsoleOutput without a speaker: prints

    def prepare(self, texts: Sequence[str], rate: int) -> None:
        self.speaker.rate = rate
        self.speaker.prepare(texts, force=True)  # rendered for the satellite

    def speak(self, text: str, rate: int, question: str | None) -> None:
        self.console.speak(text, rate, question)
        self.speaker.rate = rate
        # Prepared, or rendered now (the summary names what was heard): in memory, so
        # nothing the patient said is written to disk.
        self.link.play(self.speaker.wav(text))

    def heard(self, heard: Heard) -> None:
        self.console.heard(heard)

    def result(self, result: dict[str, Any]) -> None:
        self.link.finish_prompt()  # the goodbye is heard before the link closes
        self.console.result(result)
