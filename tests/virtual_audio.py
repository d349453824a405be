"""A virtual microphone and speaker for live check-ins, and a scripted patient.

PulseAudio in user mode, private to one test (its own runtime folder, so nothing else on
the machine sees it): a null sink is the speaker (its monitor is what the room hears)
and a pipe source is the microphone. Programs reach it through ALSA's pulse plugin, the
way ``aplay`` and PortAudio do on a desktop. The ``Room`` feeds the pipe every 20 ms
without blocking (a small pipe: audio older than a few blocks is never handed over):
a noise floor, the patient's speech, and optionally the speaker's own sound played back
late (a Bluetooth speaker's echo). The ``Patient`` answers after each prompt is heard.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

RATE = 16000
FRAME = RATE // 50  # 20 ms
F_SETPIPE_SZ = 1031
SPEAKING = 300.0  # RMS over 20 ms above which the speaker is playing (about -40 dBFS)


class AudioServerError(RuntimeError):
    pass


@dataclass
class Server:
    folder: Path
    env: dict[str, str]
    fifo: Path
    process: subprocess.Popen


@contextlib.contextmanager
def pulse_server() -> Iterator[Server]:
    """A private PulseAudio server with a null sink ("speaker") and a pipe source
    ("mic"), stopped and removed afterwards."""
    if shutil.which("pulseaudio") is None or shutil.which("parec") is None:
        raise AudioServerError("pulseaudio/parec missing: run ./scripts/setup as root "
                               "(installs pulseaudio, pulseaudio-utils, libasound2-plugins)")
    folder = Path(tempfile.mkdtemp(prefix="aftercare-pulse-"))
    runtime = folder / "run"
    runtime.mkdir(mode=0o700)
    fifo = runtime / "mic.fifo"
    config = folder / "default.pa"
    config.write_text(
        "load-module module-native-protocol-unix\n"
        f"load-module module-null-sink sink_name=speaker rate={RATE} channels=1\n"
        f"load-module module-pipe-source source_name=mic file={fifo} format=s16le "
        f"rate={RATE} channels=1\n"
        "set-default-sink speaker\nset-default-source mic\n")
    env = dict(os.environ)
    env.update(XDG_RUNTIME_DIR=str(runtime), PULSE_RUNTIME_PATH=str(runtime / "pulse"),
               HOME=str(folder))  # HOME: PulseAudio's cookie and state stay in here
    env.pop("PULSE_SERVER", None)
    env.pop("AFTERCARE_AUDIO_OUTPUT", None)
    # As root PulseAudio warns but runs in user mode; no idle exit, no D-Bus, no
    # autospawn of a second server by clients.
    (folder / "client.conf").write_text("autospawn = no\n")
    env["PULSE_CLIENTCONFIG"] = str(folder / "client.conf")
    process = subprocess.Popen(
        ["pulseaudio", "-n", "-F", str(config), "--daemonize=no", "--exit-idle-time=-1",
         "--use-pid-file=no", "--disallow-exit", "--log-target=stderr"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 15
        while True:
            if process.poll() is not None:
                raise AudioServerError("pulseaudio exited: "
                                       + process.stderr.read().decode()[-300:])
            ok = subprocess.run(["pactl", "list", "short", "sources"], env=env,
                                capture_output=True, text=True).stdout
            if "mic" in ok and fifo.exists():
                break
            if time.monotonic() > deadline:
                raise AudioServerError("pulseaudio did not start within 15 s")
            time.sleep(0.1)
        yield Server(folder, env, fifo, process)
    finally:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(folder, ignore_errors=True)


def dbfs_noise(level_dbfs: float, frames: int, rng: np.random.Generator) -> np.ndarray:
    rms = 32768.0 * 10 ** (level_dbfs / 20)
    return rng.normal(0.0, rms, frames)


@dataclass
class Room:
    """Feeds the microphone pipe every 20 ms and listens to the speaker's monitor.

    ``noise_dbfs``: the noise floor (None: digital silence). ``echo``: seconds after
    which the speaker's sound comes back into the microphone (None: no echo).
    """

    server: Server
    noise_dbfs: float | None = -60.0
    echo: float | None = None
    echo_gain: float = 0.5
    seed: int = 1
    speech: deque = field(default_factory=deque)  # 20 ms frames of the patient's voice
    stalled: bool = False
    spoke_until: float = 0.0  # when the last patient frame was written
    speaker_times: list[tuple[float, float]] = field(default_factory=list)  # (t, rms)
    captured: list[tuple[float, np.ndarray]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._rng = np.random.default_rng(self.seed)
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._echo: deque[tuple[float, np.ndarray]] = deque()
        self._fd = os.open(self.server.fifo, os.O_RDWR | os.O_NONBLOCK)
        with contextlib.suppress(OSError):
            fcntl.fcntl(self._fd, F_SETPIPE_SZ, 4096)  # ~128 ms: no stale audio
        self._monitor = subprocess.Popen(
            ["parec", "-d", "speaker.monitor", "--rate", str(RATE), "--channels=1",
             "--format=s16le", "--raw", "--latency-msec=10"],
            env=self.server.env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._threads = [threading.Thread(target=self._feed, daemon=True),
                         threading.Thread(target=self._listen, daemon=True)]
        for thread in self._threads:
            thread.start()

    def close(self) -> None:
        self._stop.set()
        self._monitor.terminate()
        for thread in self._threads:
            thread.join(2)
        self._monitor.wait(5)
        os.close(self._fd)

    # the patient's side
    def say(self, pcm: np.ndarray) -> None:
        """Queue speech; returns at once (``wait_said`` waits for it to be written)."""
        frames = np.asarray(pcm, dtype=np.float64)
        pad = (-len(frames)) % FRAME
        frames = np.concatenate([frames, np.zeros(pad)]).reshape(-1, FRAME)
        with self._lock:
            self.speech.extend(frames)

    def wait_said(self) -> float:
        while True:
            with self._lock:
                if not self.speech:
                    return self.spoke_until
            time.sleep(0.01)

    # the speaker's side
    def playing_since(self, t: float) -> bool:
        with self._lock:
            return any(when >= t and rms > SPEAKING for when, rms in self.speaker_times)

    def quiet_for(self, seconds: float) -> bool:
        now = time.monotonic()
        with self._lock:
            recent = [rms for when, rms in self.speaker_times if when >= now - seconds]
        return bool(recent) and max(recent) <= SPEAKING

    def first_sound_after(self, t: float) -> float | None:
        with self._lock:
            return next((when for when, rms in self.speaker_times
                         if when >= t and rms > SPEAKING), None)

    def last_sound(self) -> float | None:
        with self._lock:
            return next((when for when, rms in reversed(self.speaker_times)
                         if rms > SPEAKING), None)

    # threads
    def _feed(self) -> None:
        start = time.monotonic()
        n = 0
        while not self._stop.is_set():
            n += 1
            frame = (dbfs_noise(self.noise_dbfs, FRAME, self._rng) if self.noise_dbfs
                     is not None else np.zeros(FRAME))
            now = time.monotonic()
            with self._lock:
                voice = self.speech.popleft() if self.speech else None
                if voice is not None:
                    frame = frame + voice
                    self.spoke_until = now + 0.02
                while self._echo and self._echo[0][0] + (self.echo or 0) <= now:
                    _, played = self._echo.popleft()
                    if self.echo is not None and len(played) == FRAME:
                        frame = frame + self.echo_gain * played
            if not self.stalled:
                data = np.clip(np.rint(frame), -32768, 32767).astype("<i2").tobytes()
                with contextlib.suppress(BlockingIOError):
                    os.write(self._fd, data)
            wait = start + n * 0.02 - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            elif wait < -0.2:  # far behind (a busy machine): do not burst stale audio
                start, n = time.monotonic(), 0

    def _listen(self) -> None:
        stream = self._monitor.stdout
        while not self._stop.is_set():
            data = stream.read(2 * FRAME)
            if not data or len(data) < 2 * FRAME:
                return
            now = time.monotonic()
            samples = np.frombuffer(data, dtype="<i2").astype(np.float64)
            rms = float(np.sqrt(np.mean(samples * samples)))
            with self._lock:
                self.speaker_times.append((now, rms))
                if self.echo is not None:
                    self._echo.append((now, samples))


@dataclass
class Pause:
    seconds: float


@dataclass
class Turn:
    """One answer: speech (arrays of 16 kHz samples) and pauses, said after the prompt.
    ``silent``: say nothing (wait for the next prompt); ``stall``: the microphone stops
    delivering audio instead."""

    parts: list = field(default_factory=list)
    silent: bool = False
    stall: bool = False


class Transcript:
    """The check-in's printed side, read as it runs: (time, line) for each line, and
    whether a line is a question the patient should answer (every turn of the dialog
    ends with one)."""

    def __init__(self, process: subprocess.Popen, protocol) -> None:
        self.process = process
        self.lines: list[tuple[float, str]] = []
        self.errors: list[str] = []
        self.error_times: list[tuple[float, str]] = []  # (when it was read, line)
        m = protocol.message
        self._asks = {q.text for q in protocol.questions}
        self._asks |= {r for q in protocol.questions for r in q.reprompts}
        self._asks |= {m("confirm_stop"), m("emergency_repeat")}
        self._prefix = m("confirm_red_flag", symptom_phrase="\0").split("\0")[0]
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()
        self._errors = threading.Thread(target=self._read_errors, daemon=True)
        self._errors.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            with self._lock:
                self.lines.append((time.monotonic(), line.rstrip("\n")))

    def _read_errors(self) -> None:
        for line in self.process.stderr:
            self.errors.append(line)
            self.error_times.append((time.monotonic(), line.rstrip("\n")))

    def wait(self, timeout: float) -> tuple[str, str]:
        """Wait for the check-in to end (killed after ``timeout``): its stdout, stderr."""
        try:
            self.process.wait(timeout)
        finally:
            self.process.kill()
            self.process.wait()
        self._errors.join(5)
        return self.stdout, "".join(self.errors)

    def asked_since(self, t: float) -> float | None:
        """When a question was last printed (queued to be spoken) after ``t``."""
        with self._lock:
            for when, line in reversed(self.lines):
                if when < t:
                    return None
                text = line.removeprefix("assistant: ")
                if line.startswith("assistant: ") and (
                        text in self._asks or text.startswith(self._prefix)
                        or any(text.endswith(" " + a) for a in self._asks)):
                    return when
        return None

    @property
    def stdout(self) -> str:
        self._thread.join(5)
        with self._lock:
            return "\n".join(line for _, line in self.lines) + "\n"


@dataclass
class Spoken:
    prompt_end: float  # the speaker went quiet
    speech_end: float  # the patient's last sample was written
    next_prompt: float | None = None  # the speaker's next sound


class Patient:
    """Answers each question once it has been printed (queued), played, and the speaker
    has been quiet for ``quiet`` seconds; after ``reaction`` plus the echo delay (the
    patient hears a late speaker late too)."""

    def __init__(self, room: Room, turns: list[Turn], transcript: Transcript,
                 quiet: float = 0.8, reaction: float = 0.2) -> None:
        self.room = room
        self.transcript = transcript
        self.turns = turns
        self.quiet = quiet
        self.reaction = reaction
        self.spoken: list[Spoken] = []
        self.error: BaseException | None = None
        self.done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            since = 0.0
            for turn in self.turns:
                # A question was queued, the speaker has played since, and has gone quiet.
                while (asked := self.transcript.asked_since(since)) is None:
                    if self.transcript.process.poll() is not None:
                        return
                    time.sleep(0.01)
                while not (self.room.playing_since(asked) and self.room.quiet_for(self.quiet)):
                    if self.transcript.process.poll() is not None:
                        return
                    time.sleep(0.01)
                prompt_end = self.room.last_sound() or time.monotonic()
                if turn.stall:
                    self.room.stalled = True
                    self.spoken.append(Spoken(prompt_end, time.monotonic()))
                    continue
                if turn.silent:
                    self.spoken.append(Spoken(prompt_end, prompt_end))
                    since = time.monotonic()
                    continue
                time.sleep(self.reaction + (self.room.echo or 0.0))
                for part in turn.parts:
                    if isinstance(part, Pause):
                        self.room.wait_said()
                        time.sleep(part.seconds)
                    else:
                        self.room.say(part)
                end = self.room.wait_said()
                self.spoken.append(Spoken(prompt_end, end))
                since = end
        except BaseException as err:  # reported by the test
            self.error = err
        finally:
            self.done.set()

    def latencies(self) -> list[float]:
        """End of each answer's speech → the speaker's next sound, seconds."""
        out = []
        for s in self.spoken:
            nxt = self.room.first_sound_after(s.speech_end)
            if nxt is not None:
                s.next_prompt = nxt
                out.append(nxt - s.speech_end)
        return out


def trimmed(samples: np.ndarray, level: float = 200.0) -> np.ndarray:
    """Rendered speech without its leading and trailing silence, so the end of the
    array is the end of speech."""
    loud = np.flatnonzero(np.abs(samples) > level)
    return samples[loud[0] : loud[-1] + 1] if len(loud) else samples[:0]
