"""``aftercare say TEXT [--out FILE.wav] [--voice V] [--rate N]``: speak or render text.

Without ``--out`` the text is spoken; with no working audio output it is printed on
stdout instead, after one notice on stderr, and the exit status is still 0.
"""

from __future__ import annotations

import argparse
import wave

from voice.tts import DEFAULT_RATE, Speaker

NAME = "say"
HELP = "speak text aloud, or render it to a WAV file with --out"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", nargs="+", metavar="TEXT", help="what to say")
    parser.add_argument("--out", metavar="FILE.wav",
                        help="write a 22,050 Hz mono WAV instead of speaking")
    parser.add_argument(
        "--voice", metavar="V",
        help="espeak-ng voice: en-us, en-gb, en-us+f3, ... ('aftercare doctor' lists them)",
    )
    parser.add_argument("--rate", type=int, default=DEFAULT_RATE, metavar="N",
                        help=f"words per minute, 80-400 (default {DEFAULT_RATE})")
    parser.add_argument("--volume", type=float, default=1.0, metavar="V", help="0.0-1.0")


def run(args: argparse.Namespace) -> int:
    speaker = Speaker(rate=args.rate, volume=args.volume, voice=args.voice)
    text = " ".join(args.text)
    if args.out is None:
        speaker.say(text)
        return 0
    path = speaker.render(text, args.out)
    with wave.open(str(path), "rb") as written:
        seconds = written.getnframes() / written.getframerate()
        rate = written.getframerate()
    print(f"{path}: {seconds:.2f} s, {rate} Hz mono")
    return 0
