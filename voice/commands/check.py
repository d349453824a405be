"""``aftercare check``: the spoken check-in, in any of its modes."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from voice.dialog import CheckIn, Settings
from voice.errors import AftercareError
from voice.protocol import load_protocol
from voice.session import (
    AudioInput,
    ConsoleOutput,
    Input,
    JsonlInput,
    JsonlOutput,
    Output,
    Session,
    TextInput,
    replay_files,
)
from voice.store import History
from voice.tts import Speaker

NAME = "check"
HELP = "run a check-in: microphone and speaker, --text, --replay WAV_OR_DIR..., or --jsonl"
DEMO = Path(__file__).resolve().parents[2] / "demo" / "answers"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--text", action="store_true", help="type answers; questions are printed")
    mode.add_argument("--replay", nargs="+", metavar="WAV_OR_DIR",
                      help="answers from recorded WAV files, in order")
    mode.add_argument("--demo", action="store_true", help="replay the bundled demo answers")
    parser.add_argument("--jsonl", action="store_true",
                        help="machine interface: JSON lines out; JSON lines in unless --replay")
    parser.add_argument("--voice", help="speech voice id (see 'aftercare doctor')")
    parser.add_argument("--rate", type=int, default=160, help="speaking rate, words/minute")
    parser.add_argument("--emergency-number", default="911")
    parser.add_argument("--result", type=Path, metavar="FILE",
                        help="also write the final result JSON to FILE")
    parser.add_argument("--no-history", action="store_true",
                        help="do not store this check-in in the history database")
    parser.add_argument("--keep-audio", type=Path, metavar="DIR",
                        help="microphone: write each answer's audio to DIR as 01.wav, "
                        "02.wav, ... (--replay DIR gives the same result; holds the "
                        "patient's voice)")


def _notice(text: str) -> None:
    print(f"aftercare: {text}", file=sys.stderr, flush=True)


def _io(args: argparse.Namespace, speaker: Speaker | None) -> tuple[Input, Output]:
    play = speaker.play if speaker is not None and not args.jsonl else None
    if args.replay or args.demo:
        return AudioInput(replay_files(args.replay or [str(DEMO)]), play), _output(args, speaker)
    if args.jsonl:
        return JsonlInput(sys.stdin), _output(args, speaker)
    if args.text:
        return TextInput(sys.stdin), _output(args, speaker)
    from voice.microphone import MicInput, microphone_available

    if microphone_available():
        from voice.live import Gate
        from voice.playback import LiveOutput

        if args.keep_audio is not None and not args.keep_audio.is_dir():
            raise AftercareError(f"{args.keep_audio}: no such folder")
        gate = Gate()
        output = LiveOutput(speaker, gate, sys.stdout)
        return MicInput(gate, output.stop, args.keep_audio), output
    _notice("no microphone found: playing the bundled demo check-in instead "
            "(use --text to type your answers)")
    return AudioInput(replay_files([str(DEMO)]), play), _output(args, speaker)


def _speaker(args: argparse.Namespace) -> Speaker | None:
    if args.jsonl:
        return None  # the machine interface speaks nothing
    try:
        return Speaker(rate=args.rate, voice=args.voice, print_when_silent=False)
    except AftercareError as err:
        _notice(f"speech output unavailable ({err}); printing instead")
        return None


def _output(args: argparse.Namespace, speaker: Speaker | None) -> Output:
    return JsonlOutput(sys.stdout) if args.jsonl else ConsoleOutput(speaker, sys.stdout)


def run(args: argparse.Namespace) -> int:
    protocol = load_protocol()
    history = None if args.no_history else History()
    unfinished = history.take_unfinished() if history else None
    previous = history.previous_answers() if history else {}
    settings = Settings(
        emergency_number=args.emergency_number, rate=args.rate,
        previous=previous, resumed=unfinished is not None,
    )
    speaker = _speaker(args)
    answers, output = _io(args, speaker)
    try:
        result = Session(CheckIn(protocol, settings), answers, output, history).run()
    finally:
        close = getattr(answers, "close", None)
        if close is not None:
            close()
    if args.result:
        args.result.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0
