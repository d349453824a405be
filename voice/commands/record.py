"""``aftercare record OUT.wav``: record a test fixture from the microphone."""

from __future__ import annotations

import argparse
import sys
import wave
from pathlib import Path

from voice.audio import SAMPLE_RATE
from voice.errors import AudioError

NAME = "record"
HELP = "record one spoken answer from the microphone to a 16 kHz mono WAV fixture"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", type=Path, metavar="OUT.wav")
    parser.add_argument("--seconds", type=float, default=10.0,
                        help="longest recording; it stops earlier at the end of speech")


def run(args: argparse.Namespace) -> int:
    from voice.asr import Recognizer
    from voice.microphone import capture, microphone_available

    if not microphone_available():
        raise AudioError("no microphone found; connect one, or render fixtures with "
                         "'aftercare say TEXT --out FILE.wav'")
    print("recording: speak now", file=sys.stderr, flush=True)
    audio = capture(Recognizer(), seconds=args.seconds)
    with wave.open(str(args.out), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(audio.pcm)
    print(f"wrote {args.out} ({audio.duration:.1f} s)", file=sys.stderr)
    return 0
