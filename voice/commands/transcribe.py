"""``aftercare transcribe WAV... [--json] [--grammar PHRASE...]``: what the recogniser hears.

Silence is valid input: a file with nothing in it prints "(nothing heard)" and still
exits 0 (for a check-in the same result is "no answer"). Unreadable audio is an error.
"""

from __future__ import annotations

import argparse
import json

from voice.asr import DEFAULT_ALTERNATIVES, Recognizer
from voice.audio import read_wav
from voice.decoders import DecoderPool

NAME = "transcribe"
HELP = "show what the speech recogniser hears in WAV files"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("wavs", nargs="+", metavar="WAV", help="PCM WAV files (any rate)")
    parser.add_argument("--json", action="store_true",
                        help="one JSON object per file: words, confidences, alternatives")
    parser.add_argument("--grammar", nargs="+", metavar="PHRASE",
                        help="only listen for these phrases (anything else is [unk])")
    parser.add_argument("--alternatives", type=int, default=DEFAULT_ALTERNATIVES, metavar="N",
                        help=f"n-best alternatives to report (default {DEFAULT_ALTERNATIVES})")


def run(args: argparse.Namespace) -> int:
    recognizer = None
    for wav in args.wavs:
        audio = read_wav(wav)  # bad files fail before the model is loaded
        # Each file is heard on its own: new decoders every time (voice/decoders.py).
        recognizer = recognizer or Recognizer(alternatives=max(args.alternatives, 0),
                                              decoders=DecoderPool(max_idle=0))
        heard = recognizer.recognize(audio, grammar=args.grammar)
        if args.json:
            print(json.dumps({"file": wav, "duration": round(audio.duration, 3),
                              **heard.to_dict()}), flush=True)
        elif heard.heard:
            print(f"{wav}: {heard.text}  (confidence {heard.confidence:.2f})", flush=True)
        else:
            print(f"{wav}: (nothing heard)", flush=True)
    return 0
