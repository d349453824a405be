#!/usr/bin/env python3
"""Speech recognition speed on the round-trip clips: model load time and real-time factor.

For each of the 16 round-trip phrases (rendered by espeak-ng, as in tests/test_roundtrip.py)
the clip is decoded several times in each mode and the median is kept:

- plain vosk: one KaldiRecognizer, 4000-frame chunks, no padding (the baseline);
- free-form: ``Recognizer(alternatives=0).recognize`` (padding, silence check, reseeding);
- free-form + n-best: the default ``Recognizer()``, which runs a second decoder;
- grammar: ``recognize(audio, grammar=phrases)`` (what listen.py adds per question).

RTF is decode time divided by audio duration (lower is faster; 0.1 = ten times faster
than real time). Model load is measured in fresh processes (the model is cached per
process): the SHA-256 check of the model files and vosk's own load, separately.

Usage: .venv/bin/python benchmarks/asr_speed.py [--runs 5] [--out docs/benchmarks-asr.md]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from voice import models  # noqa: E402
from voice.asr import Recognizer, load_model  # noqa: E402
from voice.audio import read_wav  # noqa: E402
from voice.tts import Speaker  # noqa: E402

PHRASES = ("yes", "no", "zero", "one", "two", "three", "four", "five", "six", "seven",
           "eight", "nine", "ten", "i have a fever", "my legs feel numb", "repeat that please")
VOICE, RATE = "en-us+f3", 130

LOAD_PROBE = """
import json, sys, time
from pathlib import Path
from voice import models
path = models.model_path()
t0 = time.perf_counter(); models.verify(path); t1 = time.perf_counter()
from vosk import Model, SetLogLevel
SetLogLevel(-1)
t2 = time.perf_counter(); Model(str(path)); t3 = time.perf_counter()
print(json.dumps({"verify": t1 - t0, "load": t3 - t2}))
"""


def model_load(runs: int) -> dict[str, float]:
    samples = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", LOAD_PROBE], capture_output=True,
                              text=True, cwd=ROOT, check=True)
        samples.append(json.loads(done.stdout))
    return {key: statistics.median(s[key] for s in samples) for key in ("verify", "load")}


def plain_vosk(model, pcm: bytes) -> str:
    from vosk import KaldiRecognizer

    recognizer = KaldiRecognizer(model, 16000)
    for start in range(0, len(pcm), 8000):
        recognizer.AcceptWaveform(pcm[start : start + 8000])
    return json.loads(recognizer.FinalResult())["text"]


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="repetitions per measurement")
    parser.add_argument("--out", type=Path, help="also write a Markdown report here")
    args = parser.parse_args()

    loads = model_load(args.runs)
    speaker = Speaker(voice=VOICE, rate=RATE)
    with tempfile.TemporaryDirectory() as tmp:
        renders, clips = [], []
        for i, text in enumerate(PHRASES):
            start = time.perf_counter()
            path = speaker.render(text, Path(tmp) / f"{i:02d}.wav")
            renders.append(time.perf_counter() - start)
            clips.append((text, read_wav(path)))

    model = load_model()
    one_best, with_nbest = Recognizer(alternatives=0), Recognizer()
    modes = {
        "plain vosk (baseline)": lambda a: plain_vosk(model, a.pcm),
        "free-form": lambda a: one_best.recognize(a),
        "free-form + 3-best": lambda a: with_nbest.recognize(a),
        "grammar": lambda a: one_best.recognize(a, grammar=PHRASES),
    }
    rows = []
    for text, audio in clips:
        times = {mode: median_time(lambda f=fn, a=audio: f(a), args.runs)
                 for mode, fn in modes.items()}
        rows.append((text, audio.duration, times))

    total_audio = sum(duration for _, duration, _ in rows)
    totals = {mode: sum(times[mode] for *_, times in rows) for mode in modes}
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, vosk model {models.MODEL_NAME}; "
        f"voice {VOICE} at {RATE} wpm; median of {args.runs} runs; load average "
        f"{os.getloadavg()[0]:.1f} at the end (other work on the machine inflates times).",
        "",
        "| measurement | value |",
        "|---|---|",
        f"| model load, vosk `Model()` (fresh process) | {loads['load']:.2f} s |",
        f"| model SHA-256 check before the first load | {loads['verify']:.2f} s |",
        f"| speech render (`Speaker.render`, per clip) | {statistics.median(renders):.2f} s |",
        f"| audio decoded | {len(rows)} clips, {total_audio:.1f} s |",
        "",
        "| mode | decode time (all clips) | RTF | vs plain vosk |",
        "|---|---|---|---|",
    ]
    base = totals["plain vosk (baseline)"]
    for mode, took in totals.items():
        lines.append(f"| {mode} | {took:.2f} s | {took / total_audio:.3f} | {took / base:.2f}x |")
    lines += ["", "| clip | seconds | " + " | ".join(modes) + " |",
              "|---|---|" + "---|" * len(modes)]
    for text, duration, times in rows:
        cells = " | ".join(f"{times[m]:.2f}" for m in modes)
        lines.append(f"| {text} | {duration:.2f} | {cells} |")
    report = "\n".join(lines)
    print(report)
    if args.out:
        args.out.write_text(
            "# ASR speed (benchmarks/asr_speed.py)\n\n" + report + "\n\n"
            "Decode times include the recogniser's half second of padding at each end and,\n"
            "for free-form, building the decoder's lookahead graph for each new\n"
            "recogniser, which dominates on clips this short: longer audio decodes at a\n"
            "lower RTF. The n-best decoder is a second full decode (vosk cannot give word\n"
            "confidences and alternatives from one), so the check-in uses\n"
            "`Recognizer(alternatives=0)`.\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
