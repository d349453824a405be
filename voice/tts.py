"""Speaking: pyttsx3 (espeak-ng) renders speech; ``aplay`` plays it; text when it can't.

Every utterance is synthesised by pyttsx3 in a short-lived child process
(``python -m voice.tts``), for three reasons found while building this:

- the espeak driver of pyttsx3 2.99 hangs or repeats itself when one engine is reused
  in a loop (issues 126, 131, 219; e.g. a ``runAndWait`` with nothing queued never
  returns, and a ``say`` after ``save_to_file`` writes to the old file);
- espeak-ng keeps pitch-flutter state between utterances, so the same text rendered
  twice in one process gives different samples. A fresh process per utterance makes
  ``render`` byte-for-byte reproducible, which fixtures and tests rely on;
- a child process can be killed, so ``stop`` works mid-sentence.

On a busy machine about one render in fifty came out at pyttsx3's default 200 words a
minute instead of the rate asked for (a prompt 20% short, then replayed from the cache
all session); ``_apply_settings`` says why and how the child avoids it.

The child costs about 0.1-0.2 s per utterance, so ``prepare`` renders the prompts a
check-in will say (``CheckIn.prompts()``) ahead, in a background thread; ``say`` then
plays the prepared WAV at once. Nothing spoken is ever written to disk: the child hands
the WAV back on a pipe, prompts are kept in memory and played through ``aplay``'s
stdin, so a killed process leaves no file behind (the summary and the emergency message
name the patient's symptoms). pyttsx3 would play through ``aplay`` with
``os.system`` and only print an error when that fails; we run ``aplay`` ourselves so a
failure is noticed: the speaker then says once, on stderr, that audio output is
unavailable and prints every utterance instead, so nothing said is lost.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import os
import re
import shutil
import subprocess
import sys
import threading
import wave
import weakref
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TextIO

from voice.errors import SpeechError

DEFAULT_RATE = 160  # words per minute; older listeners prefer 150-200, pyttsx3 says 200
MIN_RATE, MAX_RATE = 80, 400
RENDER_RATE = 22050  # pyttsx3's espeak driver always writes 22,050 Hz mono 16-bit
RENDER_TIMEOUT = 60.0
# Set to "none" (or off/0/text) to force the text fallback, e.g. on a machine that has
# a sound card but should stay quiet (CI, tests, a shared office).
OUTPUT_ENV = "AFTERCARE_AUDIO_OUTPUT"

_notice_lock = threading.Lock()
_notice_given = False


@dataclass(frozen=True)
class VoiceInfo:
    id: str  # espeak-ng identifier, e.g. "gmw/en-us"; variants add "+f3" etc.
    name: str  # e.g. "English (America)"
    language: str  # e.g. "en-us"
    gender: str | None


@cache
def all_voices() -> tuple[VoiceInfo, ...]:
    """Every espeak-ng voice, as pyttsx3 lists it (no synthesis happens here)."""
    try:
        import pyttsx3

        engine = pyttsx3.init()
        listed = engine.getProperty("voices")
    except Exception as err:  # OSError (no libespeak-ng), RuntimeError (init failed)
        raise SpeechError(
            f"the speech engine could not start ({err}); install espeak-ng "
            "(sudo apt-get install espeak-ng)"
        ) from None
    return tuple(
        VoiceInfo(
            id=v.id,
            name=v.name,
            language=(v.languages[0] if v.languages else "").lower(),
            gender=v.gender,
        )
        for v in listed
    )


def voices() -> tuple[VoiceInfo, ...]:
    """The English voices, by identifier."""
    english = (v for v in all_voices() if v.language.startswith("en"))
    return tuple(sorted(english, key=lambda v: v.id))


def resolve_voice(name: str | None) -> str | None:
    """The espeak-ng identifier for a voice given as an id ("gmw/en-us"), its short form
    or language ("en-us", "en-gb", "en"), or its name ("English (America)"), with an
    optional espeak variant ("en-us+f3"). pyttsx3 ignores unknown voices silently, so
    an unknown name is an error here."""
    if name is None:
        return None
    base, _, variant = name.strip().partition("+")
    wanted = base.lower()
    for voice in all_voices():
        short = voice.id.rsplit("/", 1)[-1]
        if wanted in (voice.id, short, voice.language, voice.name.lower()):
            if variant and not re.fullmatch(r"[A-Za-z0-9_-]+", variant):
                break
            return voice.id + (f"+{variant}" if variant else "")
    examples = ", ".join(v.id.rsplit("/", 1)[-1] for v in voices()[:6])
    raise SpeechError(f"unknown voice {name!r}; try one of: {examples} (variants: en-us+f3)")


def clamp_rate(rate: float) -> int:
    return int(min(max(round(rate), MIN_RATE), MAX_RATE))


# -- audio output ------------------------------------------------------------------------


def audio_output_problem() -> str | None:
    """Why speech cannot be played here, or None when it probably can."""
    if os.environ.get(OUTPUT_ENV, "").strip().lower() in ("none", "off", "0", "text"):
        return f"audio output turned off by ${OUTPUT_ENV}"
    if shutil.which("aplay") is None:
        return "aplay is not installed (sudo apt-get install alsa-utils)"
    if _sound_cards() or _sound_server():
        return None
    return "no sound card found"


def audio_output_available() -> bool:
    return audio_output_problem() is None


def _sound_cards() -> bool:
    cards = Path("/proc/asound/cards")
    with contextlib.suppress(OSError):
        if re.search(r"^\s*\d+\s+\[", cards.read_text(), re.MULTILINE):
            return True
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        listed = subprocess.run(["aplay", "-l"], capture_output=True, text=True, timeout=5)
        return bool(re.search(r"^card \d+:", listed.stdout, re.MULTILINE))
    return False


def _sound_server() -> bool:
    """A PulseAudio/PipeWire server that aplay's default ALSA device can route to."""
    if os.environ.get("PULSE_SERVER"):
        return True
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    return bool(runtime) and any(
        (Path(runtime) / p).exists() for p in ("pulse/native", "pipewire-0")
    )


def _notice(problem: str) -> None:
    """Tell the user once per process that speech is printed instead of played."""
    global _notice_given
    with _notice_lock:
        if _notice_given:
            return
        _notice_given = True
    print(f"aftercare: audio output unavailable ({problem}); printing speech as text",
          file=sys.stderr, flush=True)


# -- the speaker ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Take:
    """One rendering: the text and every setting that changes its samples."""

    text: str
    voice: str | None
    rate: int
    volume: str  # as passed to the child ("0.800"), so equal keys render equal bytes


def _settings(take: _Take) -> tuple[str | None, int, str]:
    return take.voice, take.rate, take.volume


class Speaker:
    """Speaks text aloud, renders it to WAV, or prints it when there is no audio output.

    ``rate`` (words per minute, clamped to 80-400), ``volume`` (0..1) and ``voice`` can
    be changed between utterances ("slower", "faster").
    """

    def __init__(self, rate: float = DEFAULT_RATE, volume: float = 1.0,
                 voice: str | None = None, print_when_silent: bool = True,
                 out: TextIO | None = None) -> None:
        self.rate = rate
        self.volume = volume
        self.voice = voice
        self.print_when_silent = print_when_silent
        self.out = out  # where printed speech goes; None means sys.stdout at the time
        self._problem: str | None = None
        self._checked = False
        self._player: subprocess.Popen | None = None
        self._stopped = False  # the player was stopped by stop()
        self._lock = threading.Lock()
        self._prompts: _Prompts | None = None  # made by the first prepare()

    @property
    def rate(self) -> int:
        return self._rate

    @rate.setter
    def rate(self, value: float) -> None:
        self._rate = clamp_rate(value)

    @property
    def volume(self) -> float:
        return self._volume

    @volume.setter
    def volume(self, value: float) -> None:
        self._volume = min(max(float(value), 0.0), 1.0)

    @property
    def voice(self) -> str | None:
        return self._voice

    @voice.setter
    def voice(self, value: str | None) -> None:
        self._voice = resolve_voice(value)

    def voices(self) -> tuple[VoiceInfo, ...]:
        return voices()

    @property
    def can_play(self) -> bool:
        if not self._checked:
            self._problem, self._checked = audio_output_problem(), True
        return self._problem is None

    def say(self, text: str) -> bool:
        """Speak ``text``; True if it was played aloud. Without audio output the text is
        printed (after one notice on stderr), unless ``print_when_silent`` is off (then
        the caller prints it; the notice is still given)."""
        text = " ".join(text.split())
        if not text:
            return False
        if self.can_play:
            wav = self.prepared(text)
            if self._play(wav if wav is not None else _render_bytes(self._take(text))):
                return True
        # Said once even when the caller prints the text itself, so the user knows why
        # the device is silent.
        _notice(self._problem or "unknown problem")
        if self.print_when_silent:
            print(text, file=self.out or sys.stdout, flush=True)
        return False

    def prepare(self, texts: Iterable[str], force: bool = False) -> None:
        """Render ``texts`` at the current voice, rate and volume in the background, for
        ``say``. Only where speech can be played (``say`` renders nothing otherwise),
        unless ``force`` (benchmarks and tests)."""
        if not (force or self.can_play):
            return
        if self._prompts is None:
            self._prompts = _Prompts()
            weakref.finalize(self, self._prompts.close)  # at exit at the latest
        self._prompts.add(self._take(text) for text in texts)

    def prepared(self, text: str) -> bytes | None:
        """The prepared WAV (bytes) of ``text`` at the current settings: waits for its
        render if it is under way, renders it now if its turn has not come yet; None
        when it was not prepared (or its render failed)."""
        return self._prompts.get(self._take(text)) if self._prompts else None

    def wav(self, text: str) -> bytes:
        """``text`` as WAV bytes at the current settings: the prepared take, else
        rendered now (in memory: nothing is written to disk)."""
        wav = self.prepared(text)
        return wav if wav is not None else _render_bytes(self._take(text))

    def _take(self, text: str) -> _Take:
        return _Take(" ".join(text.split()), self.voice, self.rate, f"{self.volume:.3f}")

    def play(self, wav: str | Path) -> bool:
        """Play a WAV file (a replayed answer); False when there is no audio output."""
        return self.can_play and self._play(Path(wav))

    def _play(self, wav: bytes | Path) -> bool:
        """Play a WAV file, or WAV bytes through aplay's stdin (no file)."""
        source = "-" if isinstance(wav, bytes) else str(wav)
        with self._lock:
            self._player = subprocess.Popen(
                ["aplay", "-q", source], stdin=subprocess.PIPE if source == "-" else None,
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            _, err = self._player.communicate(wav if isinstance(wav, bytes) else None)
        except BrokenPipeError:  # stopped by stop() before it read everything
            err = b""
            self._player.wait()
        code = self._player.returncode
        with self._lock:
            stopped, self._player, self._stopped = self._stopped, None, False
        if code < 0 or stopped:  # stopped by stop() (aplay exits 1 on SIGTERM): it played
            return True
        if code != 0:
            lines = err.decode(errors="replace").strip().splitlines()
            self._problem = f"aplay failed: {lines[-1] if lines else f'exit {code}'}"
            return False
        return True

    def stop(self) -> None:
        """Cut off whatever is being played (safe to call from another thread)."""
        with self._lock:
            if self._player is not None and self._player.poll() is None:
                self._stopped = True
                self._player.terminate()

    def render(self, text: str, path: str | Path) -> Path:
        """Write ``text`` as speech to ``path``: a 22,050 Hz mono 16-bit WAV. The same
        text, voice, rate and volume always give the same bytes."""
        return _render(self._take(text), Path(path))


def _render(take: _Take, path: Path) -> Path:
    """``take`` as a WAV at ``path``, rendered in a fresh child process."""
    if not take.text:
        raise SpeechError("nothing to say: the text is empty")
    if not path.parent.is_dir():
        raise SpeechError(f"cannot write {path}: folder {path.parent} does not exist")
    path.write_bytes(_render_bytes(take))
    return path


def _render_bytes(take: _Take) -> bytes:
    """``take`` as WAV bytes, rendered in a fresh child process that hands them back on
    its stdout (nothing is written to disk)."""
    if not take.text:
        raise SpeechError("nothing to say: the text is empty")
    command = [
        sys.executable, "-m", "voice.tts", "--out", "-",
        "--rate", str(take.rate), "--volume", take.volume,
    ]
    if take.voice:
        command += ["--voice", take.voice]
    try:
        done = subprocess.run(command, input=take.text.encode("utf-8"), capture_output=True,
                              timeout=RENDER_TIMEOUT, env=_child_env())
    except subprocess.TimeoutExpired:
        raise SpeechError(f"speech synthesis hung for {RENDER_TIMEOUT:.0f} s") from None
    if done.returncode != 0 or not done.stdout.startswith(b"RIFF"):
        lines = done.stderr.decode(errors="replace").strip().splitlines()
        failure = lines[-1] if lines else f"exit status {done.returncode}"
        raise SpeechError(f"speech synthesis failed: {failure}")
    return done.stdout


class _Prompts:
    """Prepared prompts: WAV bytes in memory, rendered one at a time by a background
    thread that ends when nothing is left; a Future per take."""

    def __init__(self) -> None:
        self._rendered: dict[_Take, Future[bytes]] = {}
        self._todo: deque[tuple[_Take, int]] = deque()
        self._names = itertools.count(1)  # never reused: dropped takes free no names
        self._worker: threading.Thread | None = None
        self._lock = threading.Lock()

    def add(self, takes: Iterable[_Take]) -> None:
        """Queue ``takes`` ahead of what is still queued. Queued takes at other settings
        are dropped (a rate the patient has just changed, say: they would never be
        played)."""
        takes = [take for take in takes if take.text]
        settings = {_settings(take) for take in takes}
        with self._lock:
            kept: deque[tuple[_Take, int]] = deque()
            for item in self._todo:
                if _settings(item[0]) in settings:
                    kept.append(item)
                else:
                    self._rendered.pop(item[0], None)
            self._todo.clear()
            for take in takes:
                if take not in self._rendered:
                    self._rendered[take] = Future()
                    self._todo.append((take, next(self._names)))
            self._todo.extend(kept)
            if self._todo and self._worker is None:
                self._worker = threading.Thread(target=self._work, daemon=True,
                                                name="aftercare-prompts")
                self._worker.start()

    def get(self, take: _Take) -> bytes | None:
        with self._lock:
            future = self._rendered.get(take)
            waiting = next((item for item in self._todo if item[0] == take), None)
            if waiting is not None:  # still queued: render it here rather than wait
                self._todo.remove(waiting)
        if future is None:
            return None
        if waiting is not None:
            self._render(*waiting)
        return None if future.exception() is not None else future.result()

    def close(self) -> None:
        """Drop what is queued and let the render under way finish."""
        with self._lock:
            self._todo.clear()
            worker = self._worker
        if worker is not None:
            worker.join()

    def _work(self) -> None:
        while True:
            with self._lock:
                if not self._todo:
                    self._worker = None
                    return
                take, path = self._todo.popleft()
            self._render(take, path)

    def _render(self, take: _Take, number: int) -> None:
        future = self._rendered[take]
        try:
            future.set_result(_render_bytes(take))
        except Exception as err:  # SpeechError, OSError: say() renders it on demand
            future.set_exception(err)


def _child_env() -> dict[str, str]:
    """The child must import this package even when run from another directory."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env


# -- the child process ---------------------------------------------------------------------


def _synthesise(text: str, voice: str | None, rate: int, volume: float) -> bytes:
    """One utterance with a fresh pyttsx3 engine, as WAV bytes (the driver writes the
    WAV into memory); runs in the child process only."""
    import pyttsx3

    try:
        engine = pyttsx3.init()
    except Exception as err:
        raise SpeechError(f"espeak-ng could not start ({err}); install espeak-ng") from None
    _apply_settings(engine, voice, rate, volume)
    # The espeak driver starts espeak-ng in asynchronous (RETRIEVAL) mode and its loop
    # returns about 10 ms after starting, usually before a long utterance is written:
    # wait for the driver's own "finished-utterance" (sent after the WAV is saved).
    finished = threading.Event()
    engine.connect("finished-utterance", lambda **_: finished.set())
    # The driver prints "Audio saved to ..." on stdout; stdout may be a JSON stream.
    out = io.BytesIO()
    with contextlib.redirect_stdout(io.StringIO()):
        engine.save_to_file(text, out)  # wave.open takes a file object too
        engine.runAndWait()
        if not finished.wait(RENDER_TIMEOUT):
            raise SpeechError("espeak-ng did not finish the utterance")
    data = out.getvalue()
    try:
        with wave.open(io.BytesIO(data), "rb") as written:
            frames = written.getnframes()
    except (OSError, wave.Error, EOFError):
        frames = 0
    if frames == 0:
        raise SpeechError("espeak-ng produced no audio")
    return data


def _apply_settings(engine: Any, voice: str | None, rate: int, volume: float) -> None:
    """Give espeak-ng the voice, rate and volume, and wait until it has applied them.

    pyttsx3 would queue ``setProperty`` until ``runAndWait``, which hands them to
    espeak-ng's command thread and at once calls the driver's ``stop()``. When that
    thread is still busy (about one render in seven here), ``stop()`` cancels it and
    the command it takes next is dropped: the rate, on a busy machine, so the prompt
    came out at the driver's default 200 words a minute. Set directly and
    synchronised, nothing is pending when ``stop()`` looks, and the settings are
    checked before anything is said."""
    from pyttsx3.drivers import _espeak

    driver = engine.proxy._driver  # pyttsx3's own queue is what races, so bypass it
    # espeak-ng must be idle first: changing its voice while its command thread is
    # still synthesising crashed the process (SIGSEGV in SetVoiceByName).
    _espeak.Synchronize()
    try:
        if voice:
            driver.setProperty("voice", voice)
        driver.setProperty("rate", rate)
        driver.setProperty("volume", volume)
    except ValueError:  # the driver's answer to a voice espeak-ng does not have
        raise SpeechError(f"espeak-ng does not know voice {voice!r}") from None
    _espeak.Synchronize()
    if voice and driver.getProperty("voice") != voice.lower():
        raise SpeechError(f"espeak-ng does not know voice {voice!r}")
    wanted = {_espeak.RATE: rate, _espeak.VOLUME: int(round(volume * 100, 2))}
    current = _current_parameter()
    applied = {name: current(name, 1) for name in wanted}
    if applied != wanted:
        raise SpeechError(f"espeak-ng did not apply the speech settings ({applied})")


@cache
def _current_parameter() -> Callable[[int, int], int]:
    """espeak_GetParameter(parameter, current): pyttsx3 declares it with one argument,
    so the "current, not default" flag would be whatever is left in a register."""
    import ctypes

    from pyttsx3.drivers import _espeak

    get = _espeak.dll.espeak_GetParameter
    get.argtypes, get.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return get


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m voice.tts",
                                     description="render stdin as speech (internal)")
    parser.add_argument("--out", required=True, help="a WAV file, or - for stdout")
    parser.add_argument("--voice")
    parser.add_argument("--rate", type=int, default=DEFAULT_RATE)
    parser.add_argument("--volume", type=float, default=1.0)
    args = parser.parse_args(argv)
    # The WAV goes to the real stdout; anything else printed there goes to stderr.
    wav_out = os.dup(1)
    os.dup2(2, 1)
    try:
        data = _synthesise(sys.stdin.read(), args.voice, args.rate, args.volume)
        if args.out == "-":
            with os.fdopen(wav_out, "wb") as out:
                out.write(data)
        else:
            Path(args.out).write_bytes(data)
    except (SpeechError, OSError, RuntimeError) as err:
        print(str(err), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
