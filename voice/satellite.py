"""A Home Assistant voice satellite as the check-in's microphone and speaker (Wyoming).

The check-in connects to the satellite as Home Assistant does (``describe``, then
``run-satellite``); the satellite then streams its microphone as ``audio-chunk`` events.
A satellite is a transport, nothing more: its microphone is a ``live.Source`` (blocks
stamped with their arrival time) read by the same ``live.Ears`` as the local microphone
(end of turn from the words, noise is never an answer, late corrections), and its
speaker is announced to the same ``live.Gate``; prompts are the same pyttsx3/espeak-ng
renderings the local speaker plays.

Turn-taking: each turn's prompts go out as one Wyoming audio stream (``audio-start``,
chunks, ``audio-stop``), as Home Assistant sends one spoken response, starting as soon
as the first prompt is ready. Each prompt is ``queued`` on the gate when it is sent;
before listening the stream is ended, and its prompts are ``ended`` on the gate once
the satellite has played it: its ``played`` event, or (older satellites, such as
wyoming-satellite 1.0.0, send none) the audio's length plus a margin, as Home Assistant
does. The decoders are built meanwhile; microphone audio up to then is muted by the
gate, so the check-in never hears its own prompt.

The echo delay is not measured for a satellite (when it really plays is not known
here): ``SATELLITE_ECHO`` is fixed, the gate covers each prompt from when it is queued,
and "played" already marks its last sample played (see docs/satellite.md).

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
from collections.abc import Callable, Sequence
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
from voice.live import Block, Ears, Gate
from voice.session import Continued

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


class SatelliteLink:
    """One connection to a satellite, held for a whole check-in. A reader thread takes
    the satellite's events: microphone audio (queued as ``Block``s for the whole
    check-in: the link is a ``live.Source``), ``played``, ``ping``; the check-in's
    thread writes prompt audio."""

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
        self._blocks: queue.Queue[Block | None] = queue.Queue()  # None: the link is gone
        self._to_pcm = AudioChunkConverter(rate=SAMPLE_RATE, width=2, channels=1)
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
        self._blocks.put(None)

    def _handle(self, event: Event) -> None:
        if AudioChunk.is_type(event.type):
            self._streaming.set()
            pcm = self._to_pcm.convert(AudioChunk.from_event(event)).audio
            # Stamped on arrival: its first sample was captured a chunk's length before
            # (plus the network, which the gate's tail covers).
            self._blocks.put(Block(pcm, time.monotonic() - len(pcm) / 2 / SAMPLE_RATE))
        elif Played.is_type(event.type):
            with self._played:
                self._played_count += 1
                self._played.notify_all()
        elif Ping.is_type(event.type):
            self._send(Pong(text=Ping.from_event(event).text).event(), quiet=True)
        # run-pipeline, the microphone's own audio-start/stop, streaming-*, error (a
        # satellite reports its own failures there; its microphone may go on): nothing

    @property
    def lost(self) -> bool:
        return self._lost is not None

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

    def end_prompt(self) -> Callable[[], None] | None:
        """End the turn's audio stream (``audio-stop``) now; returns what waits until
        the satellite has played it (None when no stream was open)."""
        if self._stream is None:
            return None
        self._stream = None
        self._send(AudioStop(timestamp=int(self._stream_seconds * 1000)).event())
        deadline = self._stream_started + self._stream_seconds + PLAYED_MARGIN
        streams = self._streams

        def wait() -> None:
            with self._played:  # counted, so a late "played" is not taken for this one
                self._played.wait_for(lambda: self._played_count >= streams or
                                      self._lost is not None,
                                      max(0.0, deadline - time.monotonic()))
            if self._lost:
                raise self.lost_error()

        return wait

    # -- listening (a live.Source) ------------------------------------------------

    def get(self, timeout: float) -> Block | None:
        """The next microphone block, None after ``timeout`` s without one;
        ``SatelliteLost`` once the connection is gone (and on every later call)."""
        try:
            item = self._blocks.get(timeout=timeout)
        except queue.Empty:
            return None
        if item is None:
            self._blocks.put(None)
            raise self.lost_error()
        return item

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

# The echo delay of a satellite, after the gate is told a prompt ended: "played" (or
# the fallback, which waits out the satellite's latency too) comes once its last sample
# has been played, and blocks are stamped on arrival, so only the network and the room
# are left: ``live.ECHO_TAIL`` covers them.
SATELLITE_ECHO = 0.0


class SatelliteInput:
    """Answers from the satellite's microphone: ``live.Ears``, as the local microphone.
    ``end_prompt`` (``SatelliteOutput.end_prompt``) ends the turn's prompt stream before
    listening; the gate then mutes the input until the satellite has played it."""

    corrections = True  # answers may be continued (Session keeps the dialog before each)

    def __init__(self, link: SatelliteLink, gate: Gate,
                 end_prompt: Callable[[], None]) -> None:
        from voice.asr import Recognizer
        from voice.protocol import load_protocol

        self.link = link
        self.end_prompt = end_prompt
        recognizer = Recognizer(alternatives=0)  # the dialog needs no n-best
        # A satellite cannot be cut off mid-prompt (Wyoming has no such event): a late
        # correction is heard only before its next prompt is sent (the gate covers the
        # rest), and that prompt plays on.
        self.ears = Ears(recognizer, load_protocol(), link, gate)

    def listen(self, ask: Ask | None) -> Heard | Continued | None:
        self.end_prompt()  # listened to once the satellite has played it (the gate)
        try:
            return self.ears.listen(ask)
        except AudioError:
            raise SatelliteLost(f"the satellite at {self.link.uri} stopped "
                                "streaming audio") from None


class SatelliteOutput:
    """Prompts rendered by the project's speaker and played by the satellite, each
    announced to ``gate``; both sides are printed too, as ``ConsoleOutput`` prints them."""

    def __init__(self, link: SatelliteLink, speaker: Any, console: Any, gate: Gate) -> None:
        self.link = link
        self.speaker = speaker  # a Speaker: renders whatever the local sound card
        self.console = console  # a ConsoleOutput without a speaker: prints
        self.gate = gate
        self._sent: list[Any] = []  # the open stream's prompts (gate playbacks)
        self._waiter: threading.Thread | None = None

    def prepare(self, texts: Sequence[str], rate: int) -> None:
        self.speaker.rate = rate
        self.speaker.prepare(texts, force=True)  # rendered for the satellite

    def speak(self, text: str, rate: int, question: str | None) -> None:
        self.console.speak(text, rate, question)
        playback = self.gate.queued()  # muted from now: its echo may come at once
        self._sent.append(playback)
        self.speaker.rate = rate
        # Prepared, or rendered now (the summary names what was heard): in memory, so
        # nothing the patient said is written to disk.
        self.link.play(self.speaker.wav(text))
        self.gate.started(playback, None)

    def end_prompt(self) -> None:
        """End the open prompt stream; its prompts end on the gate once the satellite
        has played it (waited for in a thread, so the answer's decoders are built
        meanwhile)."""
        sent, self._sent = self._sent, []
        wait = self.link.end_prompt()
        if wait is None:
            return

        def played() -> None:
            try:
                wait()
            except SatelliteLost:
                pass  # the input reports it: its source fails the same way
            finally:
                for playback in sent:
                    self.gate.ended(playback)

        self._waiter = threading.Thread(target=played, daemon=True,
                                        name="aftercare-satellite-played")
        self._waiter.start()

    def heard(self, heard: Heard) -> None:
        self.console.heard(heard)

    def result(self, result: dict[str, Any]) -> None:
        self.end_prompt()  # the goodbye is heard before the link closes
        if self._waiter is not None:
            self._waiter.join()
        if self.link.lost:
            raise self.link.lost_error()
        self.console.result(result)
