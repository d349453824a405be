#!/usr/bin/env python3
"""Speed and memory of the check-in, each figure the median of repeated runs.

- model load: ``Recognizer()`` in a fresh process (the model is cached per process);
- real-time factor of our recognition path (``listen`` with the question's grammars:
  free-form + wide and narrow grammar passes) against plain vosk free-form on the same
  16 kHz PCM in the same process, timed the same way;
- end of an answer's audio -> next prompt's WAV ready (p50/p95), over a replayed
  check-in and corpus clips: streaming with prepared prompts (the live path), and
  decoded after the answer with the prompt rendered on demand (before); see ``Turns``;
- TTS render time per prompt (``Speaker.render`` of every question);
- matcher throughput (``understand`` calls per second);
- peak RSS of a whole replayed check-in (``aftercare check --replay ... --jsonl`` in a
  child process, ``ru_maxrss`` from ``wait4``).

Usage: .venv/bin/python benchmarks/speed.py [--manifest M] [--repeats 3] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
AFTERCARE = ROOT / ".venv" / "bin" / "aftercare"
REPLAY_SCENARIO = ROOT / "tests" / "fixtures" / "scenarios" / "back_soreness"
DEMO = ROOT / "demo" / "answers"
OUT = ROOT / "benchmarks" / "out"
SEED = 7


@dataclass
class Speed:
    machine: dict[str, str] = field(default_factory=dict)
    repeats: int = 0
    model_load_s: float | None = None
    rtf_clips: int = 0
    rtf_audio_s: float = 0.0
    rtf_ours: float | None = None
    rtf_plain_fresh: float | None = None  # a new KaldiRecognizer per clip
    rtf_plain_reused: float | None = None  # one KaldiRecognizer for all clips
    latency_turns: int = 0
    # End of an answer's audio -> next prompt ready: streaming + prepared prompts (live)
    latency_p50_ms: float | None = None
    latency_p95_ms: float | None = None
    latency_max_ms: float | None = None
    latency_prepared_hits: int = 0  # turns whose next prompt was prepared
    # ... and as before streaming: decoded after the answer, prompt rendered on demand
    whole_file_p50_ms: float | None = None
    whole_file_p95_ms: float | None = None
    whole_file_max_ms: float | None = None
    tts_prompts: int = 0
    tts_p50_ms: float | None = None
    tts_p95_ms: float | None = None
    tts_per_audio_s: float | None = None  # render seconds per second of speech
    tts_failures: list[str] = field(default_factory=list)
    matcher_calls_per_s: float | None = None
    replay: str = ""
    replay_command: str = ""
    replay_turns: int = 0
    peak_rss_mb: float | None = None
    replay_wall_s: float | None = None
    notes: list[str] = field(default_factory=list)


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (no interpolation: a reported p95 was really measured)."""
    ordered = sorted(values)
    rank = max(1, int(-(-p * len(ordered) // 100)))
    return ordered[min(rank, len(ordered)) - 1]


def machine() -> dict[str, str]:
    cpu = "unknown"
    mem = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    espeak = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True,
                            check=False).stdout.strip()
    from importlib.metadata import version

    return {"nproc": str(os.cpu_count()), "cpu": cpu, "ram": mem,
            "os": f"{platform.system()} {platform.release()}",
            "python": platform.python_version(), "vosk": version("vosk"),
            "pyttsx3": version("pyttsx3"), "espeak-ng": espeak.split(" Data")[0]}


# -- model load ------------------------------------------------------------------------

_LOAD = """
import time
from voice.asr import Recognizer
t = time.perf_counter()
Recognizer()
print(time.perf_counter() - t)
"""


def model_load(repeats: int) -> float:
    times = []
    for _ in range(repeats):
        out = subprocess.run([str(PYTHON), "-c", _LOAD], capture_output=True, text=True,
                             check=True, cwd=ROOT)
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


# -- recognition ------------------------------------------------------------------------


@dataclass(frozen=True)
class Turn:
    audio: Any  # voice.audio.Audio
    question: str


def corpus_turns(manifest: Path | None, n: int) -> list[Turn]:
    """A seeded sample of corpus clips (clean and noisy) with their questions."""
    if manifest is None or not manifest.exists():
        return []
    from voice.audio import read_wav
    from voice.evaluate import read_manifest
    from voice.protocol import load_protocol

    clips, _ = read_manifest(manifest, load_protocol())
    chosen = random.Random(SEED).sample(clips, min(n, len(clips)))
    return [Turn(read_wav(c.path), c.question) for c in chosen]


def plain_model(recognizer: Any) -> Any:
    """The vosk Model our Recognizer holds, or a separately loaded copy of the same files."""
    for name in ("model", "_model"):
        model = getattr(recognizer, name, None)
        if model is not None and type(model).__name__ == "Model":
            return model
    from vosk import Model

    from voice.models import model_path

    return Model(str(model_path()))


def plain_decode(model: Any, pcm: bytes, recognizer: Any = None) -> str:
    from vosk import KaldiRecognizer

    rec = recognizer or KaldiRecognizer(model, 16000)
    rec.AcceptWaveform(pcm)
    return json.loads(rec.FinalResult()).get("text", "")


@dataclass
class Recognition:
    rtf_ours: float
    rtf_plain_fresh: float
    rtf_plain_reused: float
    latencies: list[float]  # per turn, streaming + prepared prompts; median over repeats
    whole_file: list[float]  # per turn, decoded after the answer, prompt rendered on demand
    prepared_hits: int  # turns whose next prompt was prepared (the rest render on demand)


def next_prompt(events: Sequence[Any]) -> str | None:
    """The first thing said after an answer: where the next prompt starts."""
    from voice.dialog import Ask, Say

    return next((e.text for e in events if isinstance(e, Say | Ask)), None)


class Turns:
    """One answer heard two ways, each timed from the end of the answer's audio to the
    moment the next prompt's WAV exists (``Session`` plays it then).

    Whole file (before streaming): ``listen`` after the answer, ``dialog.hear``, the
    prompt rendered on demand. Streaming (the live path, ``MicInput``): the Listener is
    made first (``MicInput`` makes it once the microphone is on, its blocks queueing;
    on the corpus clips that ~0.2 s head start is caught up during the answer's leading
    silence); the answer's chunks are decoded as fast as they can be, each one timed;
    a single-consumer queue then says when each would have finished had it arrived in
    real time (arrival = its last sample spoken): ``finish_k = max(finish_k-1,
    arrival_k) + proc_k``. The trailing pad, the results, ``dialog.hear`` and the
    prepared prompt (rendered on demand when it was not prepared) come after the last
    chunk's finish.
    """

    def __init__(self, recognizer: Any, protocol: Any, folder: Path) -> None:
        from voice.dialog import CheckIn
        from voice.tts import Speaker

        self.recognizer = recognizer
        self.folder = folder
        # As Session does: every prompt known ahead prepared at the dialog's rate. This
        # machine may have no sound card, where prepare() does nothing: force the renders.
        self.speaker = Speaker()
        prompts = CheckIn(protocol).prompts()
        self.speaker.prepare(prompts, force=True)
        for text in prompts:  # all rendered before anything is timed
            self.speaker.prepared(text)
        self.hits = 0

    def whole_file(self, dialog: Any, ask: Any, audio: Any) -> tuple[float, float, list]:
        """(seconds in ``listen``, latency, events)."""
        from voice.listen import listen

        started = time.perf_counter()
        heard, _ = listen(self.recognizer, audio, ask.grammar, ask.narrow)
        heard_at = time.perf_counter()
        events = dialog.hear(heard)
        text = next_prompt(events)
        if text is not None:
            self.speaker.rate = dialog.rate
            self.speaker.render(text, self.folder / "prompt.wav")
        return heard_at - started, time.perf_counter() - started, events

    def streaming(self, dialog: Any, ask: Any, audio: Any) -> tuple[float, list]:
        """(latency, events)."""
        from voice.asr import CHUNK_FRAMES
        from voice.audio import SAMPLE_RATE
        from voice.listen import Listener

        listener = Listener(self.recognizer, ask.grammar, ask.narrow)  # and its lead pad
        self.speaker.rate = dialog.rate  # as Session does once the question is asked
        self.speaker.prepare(dialog.following(), force=True)
        arrival = finish = 0.0  # seconds from the start of the answer's audio
        for chunk in audio.chunks(CHUNK_FRAMES):
            arrival += len(chunk) / 2 / SAMPLE_RATE
            started = time.perf_counter()
            listener.accept(chunk)
            finish = max(finish, arrival) + time.perf_counter() - started
        started = time.perf_counter()
        heard, _ = listener.finish()
        events = dialog.hear(heard)
        text = next_prompt(events)
        if text is not None:
            self.speaker.rate = dialog.rate
            wav = self.speaker.prepared(text)
            if wav is None:  # not known ahead (the summary): rendered on demand
                self.speaker.render(text, self.folder / "prompt.wav")
            self.hits += wav is not None
        return finish + time.perf_counter() - started - arrival, events


def recognition(turns: list[Turn], replay: Path | None, repeats: int) -> Recognition:
    """Our path vs plain vosk on the same clips in this process, and per-turn latency.

    Each repeat runs the systems over all clips in a shuffled order: our path whole-file
    (its RTF, and the latency before streaming), our path streaming (the latency now;
    see ``Turns``) and plain vosk twice. A whole replayed check-in, both ways, adds its
    turns to the latency figures (each answer heard at the question actually asked).
    """
    from vosk import KaldiRecognizer

    from voice.asr import Recognizer
    from voice.audio import read_wav
    from voice.dialog import Ask, CheckIn
    from voice.listen import listen
    from voice.protocol import load_protocol

    protocol = load_protocol()
    recognizer = Recognizer(alternatives=0)  # as the check-in uses it
    model = plain_model(recognizer)
    audio_s = sum(t.audio.duration for t in turns)
    reused = KaldiRecognizer(model, 16000)
    streamed: dict[int, list[float]] = {}
    whole: dict[int, list[float]] = {}
    tmp = tempfile.TemporaryDirectory()
    timed = Turns(recognizer, protocol, Path(tmp.name))

    def asked(question: str) -> tuple[Any, Any]:
        dialog = CheckIn(protocol)
        return dialog, [e for e in dialog.goto(question) if isinstance(e, Ask)][-1]

    def ours() -> float:
        total = 0.0
        for k, t in enumerate(turns):
            listened, latency, _ = timed.whole_file(*asked(t.question), t.audio)
            whole.setdefault(k, []).append(latency)
            total += listened
        return total

    def streaming() -> float:
        for k, t in enumerate(turns):
            streamed.setdefault(k, []).append(timed.streaming(*asked(t.question), t.audio)[0])
        return 0.0

    def plain(rec: object = None) -> float:
        started = time.perf_counter()
        for t in turns:
            plain_decode(model, t.audio.pcm, rec)
        return time.perf_counter() - started

    runs: dict[str, Callable[[], float]] = {
        "ours": ours, "streaming": streaming, "fresh": plain, "reused": lambda: plain(reused)}
    for t in turns[:2]:  # warm-up: first-use costs are not per-clip costs
        listen(recognizer, t.audio, None)
        plain_decode(model, t.audio.pcm, reused)
    totals: dict[str, list[float]] = {k: [] for k in runs}
    for r in range(repeats):
        order = list(runs)
        random.Random(SEED + r).shuffle(order)  # no system always goes first
        for name in order:
            totals[name].append(runs[name]())
    rtf = {k: statistics.median(v) / audio_s for k, v in totals.items()}

    answers = [read_wav(p) for p in sorted(replay.glob("*.wav"))] if replay else []
    for r in range(repeats if answers else 0):
        ways = [(whole, lambda d, a, audio: timed.whole_file(d, a, audio)[1:]),
                (streamed, timed.streaming)]
        random.Random(SEED + r).shuffle(ways)
        for per_turn, turn in ways:
            dialog = CheckIn(protocol)
            events = dialog.start()
            for k, audio in enumerate(answers, start=len(turns)):
                asks = [e for e in events if isinstance(e, Ask)]
                if not asks or dialog.finished:
                    break
                latency, events = turn(dialog, asks[-1], audio)
                per_turn.setdefault(k, []).append(latency)
    tmp.cleanup()
    hits = timed.hits // repeats if repeats else 0
    return Recognition(rtf["ours"], rtf["fresh"], rtf["reused"],
                       [statistics.median(v) for v in streamed.values()],
                       [statistics.median(v) for v in whole.values()], hits)


def replay_dir() -> Path | None:
    """The back_soreness scenario's answers: the committed fixtures, the demo, or (when
    neither exists yet) rendered here from tests/fixtures/scenarios.yaml with espeak-ng
    in the fixtures' voice and rate."""
    for folder in (REPLAY_SCENARIO, DEMO):
        if folder.is_dir() and any(folder.glob("*.wav")):
            return folder
    spec_file = ROOT / "tests" / "fixtures" / "scenarios.yaml"
    if not spec_file.exists():
        return None
    import numpy as np
    import yaml

    from benchmarks.corpus import Renderer, write_wav

    spec = yaml.safe_load(spec_file.read_text())
    scenario = spec["scenarios"].get(REPLAY_SCENARIO.name)
    if scenario is None:
        return None
    voice = scenario.get("voice", spec["defaults"]["voice"])
    rate = scenario.get("rate", spec["defaults"]["rate"])
    folder = OUT / "replay" / REPLAY_SCENARIO.name
    render = Renderer()
    for old in folder.glob("*.wav"):
        old.unlink()
    for i, text in enumerate(scenario["answers"], start=1):
        samples = np.zeros(24000) if text.startswith("<") else render(text, voice, rate)
        write_wav(folder / f"{i:02d}.wav", samples)
    return folder


# -- speech output, matcher, memory ------------------------------------------------------


def tts_render(repeats: int) -> tuple[int, float, float, float, list[str]]:
    """(prompts, p50 s, p95 s, render s per s of speech, failures) over every question.

    A render that fails (SpeechError) is recorded, not retried: it is a finding.
    """
    from voice.audio import read_wav
    from voice.errors import SpeechError
    from voice.protocol import load_protocol
    from voice.tts import Speaker

    protocol = load_protocol()
    questions = list(protocol.questions)
    speaker = Speaker(rate=160)
    per_prompt: list[list[float]] = [[] for _ in questions]
    spoken: dict[int, float] = {}
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(repeats):
            for i, q in enumerate(questions):
                path = Path(tmp) / f"{i}.wav"
                started = time.perf_counter()
                try:
                    speaker.render(q.text, path)
                except SpeechError as err:
                    failures.append(f"repeat {r + 1}, question {q.id}: {err}")
                    continue
                per_prompt[i].append(time.perf_counter() - started)
                spoken.setdefault(i, read_wav(path).duration)
    med = {i: statistics.median(v) for i, v in enumerate(per_prompt) if v}
    values = list(med.values())
    per_audio = sum(med.values()) / sum(spoken[i] for i in med)
    return len(questions), percentile(values, 50), percentile(values, 95), per_audio, failures


def matcher_throughput(texts: list[tuple[str, str | None]], repeats: int) -> float:
    from voice.protocol import load_protocol
    from voice.understand import understand

    protocol = load_protocol()
    questions = {q.id: q for q in protocol.questions}
    work = [(t, questions.get(q) if q else None) for t, q in texts]
    rates = []
    for _ in range(repeats):
        calls = 0
        started = time.perf_counter()
        while time.perf_counter() - started < 1.0:
            for text, q in work:
                understand(text, protocol, q)
            calls += len(work)
        rates.append(calls / (time.perf_counter() - started))
    return statistics.median(rates)


# The same replay as `aftercare check --replay DIR --jsonl` (session.AudioInput and
# JsonlOutput around one CheckIn), for checkouts where the check command is not wired
# into the CLI yet.
_REPLAY = """
import sys
from voice.dialog import CheckIn
from voice.protocol import load_protocol
from voice.session import AudioInput, JsonlOutput, Session, replay_files
Session(CheckIn(load_protocol()), AudioInput(replay_files(sys.argv[1:])), JsonlOutput()).run()
"""


# Runs argv[1:] and prints its peak RSS (KiB). Started from this small process, the
# measured program's peak is its own: a child forked straight from the benchmark (a
# process holding the models, 400 MiB) carries the benchmark's peak into its ru_maxrss
# (Linux keeps the high-water mark of the address space it had before exec).
_LAUNCH = """
import os, sys
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ)
_, status, usage = os.wait4(pid, 0)
print(usage.ru_maxrss, file=sys.stderr)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def peak_rss(folder: Path, repeats: int) -> tuple[float, float, str]:
    """Median (peak RSS MiB, wall seconds) of a replayed check-in in a child process,
    and the command that was measured."""
    commands = [
        [str(AFTERCARE), "check", "--replay", str(folder), "--no-history", "--jsonl"],
        [str(PYTHON), "-c", _REPLAY, str(folder)],
    ]
    for cmd in commands:
        peaks, walls = [], []
        for _ in range(repeats):
            started = time.perf_counter()
            with tempfile.TemporaryFile() as out:
                child = subprocess.run([str(PYTHON), "-c", _LAUNCH, *cmd],
                                       stdin=subprocess.DEVNULL, stdout=out,
                                       stderr=subprocess.PIPE, text=True, cwd=ROOT)
            if child.returncode != 0:
                break
            walls.append(time.perf_counter() - started)
            peaks.append(int(child.stderr.split()[-1]) / 1024)  # kilobytes on Linux
        if len(peaks) == repeats:
            shown = "aftercare check --replay DIR --no-history --jsonl" if cmd is commands[0] \
                else "python -c <Session(CheckIn, AudioInput, JsonlOutput).run()> DIR"
            return statistics.median(peaks), statistics.median(walls), shown
    raise RuntimeError(f"replaying {folder} failed in every form")


# -- all of it --------------------------------------------------------------------------


def measure(manifest: Path | None, repeats: int, clips: int, log=print) -> Speed:
    s = Speed(machine=machine(), repeats=repeats)
    load = os.getloadavg()[0]
    if load > 0.5:
        # Other work on the machine slows every timing: say so next to the figures.
        s.notes.append(f"1-minute load average {load:.1f} when the speed runs started "
                       f"({os.cpu_count()} CPUs): other processes were competing")
    s.model_load_s = model_load(repeats)
    log(f"speed: model load {s.model_load_s:.2f} s")
    turns = corpus_turns(manifest, clips)
    replay = replay_dir()
    if not turns:
        s.notes.append("no corpus manifest: real-time factor not measured")
    if replay is None:
        s.notes.append("no replay fixtures (tests/fixtures/scenarios/back_soreness, "
                       "demo/answers): peak RSS not measured")
    if turns:
        rec = recognition(turns, replay, repeats)
        s.rtf_clips = len(turns)
        s.rtf_audio_s = sum(t.audio.duration for t in turns)
        s.rtf_ours, s.rtf_plain_fresh, s.rtf_plain_reused = (
            rec.rtf_ours, rec.rtf_plain_fresh, rec.rtf_plain_reused)
        log(f"speed: RTF ours {s.rtf_ours:.3f}, plain fresh {s.rtf_plain_fresh:.3f}, "
            f"plain reused {s.rtf_plain_reused:.3f}")
        lat, whole = rec.latencies, rec.whole_file
        s.latency_turns, s.latency_prepared_hits = len(lat), rec.prepared_hits
        s.latency_p50_ms = 1000 * percentile(lat, 50)
        s.latency_p95_ms = 1000 * percentile(lat, 95)
        s.latency_max_ms = 1000 * max(lat)
        s.whole_file_p50_ms = 1000 * percentile(whole, 50)
        s.whole_file_p95_ms = 1000 * percentile(whole, 95)
        s.whole_file_max_ms = 1000 * max(whole)
        log(f"speed: answer->prompt p50 {s.latency_p50_ms:.0f} ms, p95 {s.latency_p95_ms:.0f} ms "
            f"(whole file: p50 {s.whole_file_p50_ms:.0f} ms, p95 {s.whole_file_p95_ms:.0f} ms)")
    s.tts_prompts, p50, p95, s.tts_per_audio_s, s.tts_failures = tts_render(repeats)
    s.tts_p50_ms, s.tts_p95_ms = 1000 * p50, 1000 * p95
    log(f"speed: TTS render p50 {s.tts_p50_ms:.0f} ms, p95 {s.tts_p95_ms:.0f} ms")
    s.matcher_calls_per_s = matcher_throughput(matcher_texts(manifest), repeats)
    log(f"speed: matcher {s.matcher_calls_per_s:.0f} calls/s")
    if replay is not None:
        s.replay = str(replay.relative_to(ROOT))
        s.replay_turns = len(list(replay.glob("*.wav")))
        s.peak_rss_mb, s.replay_wall_s, s.replay_command = peak_rss(replay, repeats)
        log(f"speed: peak RSS {s.peak_rss_mb:.0f} MiB ({s.replay})")
    return s


def matcher_texts(manifest: Path | None) -> list[tuple[str, str | None]]:
    """The corpus answers at their questions, and each again with no question."""
    from benchmarks.corpus import load_answers

    pairs: list[tuple[str, str | None]] = []
    for a in load_answers():
        pairs += [(a.text, a.question), (a.text, None)]
    return pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", type=Path,
                        default=ROOT / "benchmarks" / "out" / "corpus" / "manifest.tsv")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--clips", type=int, default=20, help="corpus clips for RTF/latency")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    s = measure(args.manifest, args.repeats, args.clips,
                log=lambda line: print(line, file=sys.stderr))
    text = json.dumps(asdict(s), indent=1)
    if args.json:
        args.json.write_text(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
