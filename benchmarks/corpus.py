#!/usr/bin/env python3
"""Generate the labelled synthetic spoken corpus: answers x voices x rates, then noise.

Every answer in benchmarks/sentences.yaml is rendered once per espeak-ng voice and
speaking rate (clean) and converted to 16 kHz mono by ``read_wav``. Rendering uses the
espeak-ng command line, the same synthesiser pyttsx3 drives (22,050 Hz, rate in words
per minute): pyttsx3's in-process engine does not give identical samples when one
text is rendered twice in a process, the command line does. A seeded random subset of the clean
clips is then mixed with white noise and with babble (3-5 espeak voices reading
unrelated text at once) at each SNR. Fixed seeds: a rerun writes identical files.

Usage: .venv/bin/python benchmarks/corpus.py [--out benchmarks/out/corpus]
           [--per-condition 100]
Writes OUT/manifest.tsv (path, transcript, speaker, sample_rate, question, expected,
condition, snr, voice, rate) and the WAVs under OUT/clean and OUT/<noise>_<snr>dB.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import noise
from voice.audio import SAMPLE_RATE, read_wav

HERE = Path(__file__).resolve().parent
SENTENCES = HERE / "sentences.yaml"
DEFAULT_OUT = HERE / "out" / "corpus"
SEED = 20240611

# (espeak-ng voice id as pyttsx3 accepts it, who it sounds like)
VOICES: tuple[tuple[str, str], ...] = (
    ("en-us", "US English, male"),
    ("en-us+f3", "US English, female"),
    ("en-gb-scotland", "Scottish English, male"),
    ("en-gb-x-rp+f4", "British (RP) English, female"),
)
RATES = (130, 160, 200)  # words per minute: slow, the check-in default, brisk
NOISES = ("white", "babble")
SNRS = (20, 10, 6, 0)
PAD = (int(0.3 * SAMPLE_RATE), int(0.3 * SAMPLE_RATE))  # noise-only lead-in and tail

# Babble: unrelated talk, as from a television or a visitor in the room.
BABBLE_VOICES = ("en-us", "en-gb", "en-us+f2", "en-gb-x-rp+f5", "en-029", "en-us-nyc+m3",
                 "en-gb-x-gbclan", "en-us+f4")
BABBLE_TEXTS = (
    "Tomorrow will be cloudy in the morning with sunny spells later and a light breeze "
    "from the west, highs around seventeen degrees.",
    "Add the onions to the pan and stir them gently until they turn golden, then pour "
    "in the stock and let it simmer for twenty minutes.",
    "The home side scored twice in the second half and now lead the table by three "
    "points with only four games left to play this season.",
    "Traffic is heavy on the ring road this evening because of roadworks near the "
    "bridge, so allow extra time for your journey home.",
    "In the next hour we will talk to a gardener about roses, and later our reporter "
    "visits the old railway museum in the north of the county.",
    "The council meeting approved the new library budget after a long debate about "
    "parking, opening hours and the price of the coffee shop.",
    "Prices at the market stayed steady this week, with apples and potatoes cheaper "
    "than last month and fresh fish a little dearer.",
    "She opened the letter slowly, read it twice, and then laughed so loudly that the "
    "whole office turned around to look at her.",
)


@dataclass(frozen=True)
class Answer:
    question: str
    text: str
    expected: str


@dataclass(frozen=True)
class Row:
    path: str
    transcript: str
    speaker: str
    question: str
    expected: str
    condition: str
    snr: str
    voice: str
    rate: int


class Renderer:
    """Text -> 16 kHz samples, rendered by espeak-ng (deterministic) and ``read_wav``."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def __call__(self, text: str, voice: str, rate: int) -> np.ndarray:
        # A folder per render, gone when it returns: a worker process ends without
        # running finalizers, so a folder kept on the renderer was left behind (empty).
        with tempfile.TemporaryDirectory(prefix="corpus-") as tmp:
            path = Path(tmp) / "render.wav"
            started = time.perf_counter()
            done = subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w",
                                   str(path), "--", text],
                                  capture_output=True, text=True, check=False)
            self.seconds += time.perf_counter() - started
            if done.returncode != 0 or not path.exists():
                raise SystemExit(f"corpus: espeak-ng failed for voice {voice!r}: "
                                 f"{done.stderr.strip() or done.returncode}")
            pcm = read_wav(path).pcm
        return np.frombuffer(pcm, dtype="<i2").astype(np.float64)


def load_answers(path: Path = SENTENCES) -> list[Answer]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Answer(a["question"], str(a["text"]), str(a["expected"])) for a in data["answers"]]


def write_wav(path: Path, samples: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(noise.to_pcm(samples))


def slug(voice: str) -> str:
    return voice.replace("+", "-")


def generate(out: Path, per_condition: int, log=print) -> list[Row]:
    answers = load_answers()
    render = Renderer()
    rows: list[Row] = []
    clean: list[tuple[Row, np.ndarray]] = []
    for i, answer in enumerate(answers):
        for voice, _ in VOICES:
            for rate in RATES:
                samples = noise.pad(render(answer.text, voice, rate), *PAD)
                name = f"clean/a{i:02d}_{slug(voice)}_{rate}.wav"
                write_wav(out / name, samples)
                row = Row(name, answer.text, voice, answer.question, answer.expected, "clean",
                          "", voice, rate)
                rows.append(row)
                clean.append((row, samples))
    log(f"corpus: {len(clean)} clean clips ({len(answers)} answers x {len(VOICES)} voices x "
        f"{len(RATES)} rates), rendered in {render.seconds:.1f} s")

    tracks = [render(text, voice, 170) for text, voice in
              zip(BABBLE_TEXTS, BABBLE_VOICES, strict=True)]
    pick = np.random.default_rng(SEED)
    for c, kind in enumerate(NOISES):
        for snr in SNRS:
            chosen = sorted(pick.choice(len(clean), size=min(per_condition, len(clean)),
                                        replace=False))
            for j in chosen:
                row, samples = clean[int(j)]
                rng = np.random.default_rng([SEED, c, snr, int(j)])
                n = len(samples)
                sound = noise.white(n, rng) if kind == "white" else noise.babble(tracks, n, rng)
                mixed = noise.mix(samples, sound, snr)
                name = f"{kind}_{snr}dB/{Path(row.path).name}"
                write_wav(out / name, mixed)
                rows.append(Row(name, row.transcript, row.speaker, row.question, row.expected,
                                kind, str(snr), row.voice, row.rate))
    log(f"corpus: {len(rows) - len(clean)} noisy clips ({len(NOISES)} noises x "
        f"{len(SNRS)} SNRs x {per_condition})")
    write_manifest(out / "manifest.tsv", rows)
    return rows


def write_manifest(path: Path, rows: list[Row]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as stream:
        w = csv.writer(stream, delimiter="\t", lineterminator="\n")
        w.writerow(["path", "transcript", "speaker", "sample_rate", "question", "expected",
                    "condition", "snr", "voice", "rate"])
        for r in rows:
            w.writerow([r.path, r.transcript, r.speaker, SAMPLE_RATE, r.question, r.expected,
                        r.condition, r.snr, r.voice, r.rate])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--per-condition", type=int, default=100,
                        help="clips per noise type and SNR (drawn from the clean clips)")
    args = parser.parse_args(argv)
    for old in args.out.glob("*/*.wav"):
        old.unlink()  # a smaller rerun must not leave stale clips behind
    generate(args.out, args.per_condition, log=lambda s: print(s, file=sys.stderr))
    print(args.out / "manifest.tsv")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
