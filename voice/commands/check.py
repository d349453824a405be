"""``aftercare check``: the spoken check-in, in any of its modes."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable
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
    not_saved,
    replay_files,
    report_error,
)
from voice.stopping import end_on_stop_signals
from voice.store import History, StorageError
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
    add_session_arguments(parser)


def add_session_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of every spoken check-in (``check``, ``satellite``)."""
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
        return JsonlInput(_stdin()), _output(args, speaker)
    if args.text:
        return TextInput(_stdin()), _output(args, speaker)
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


def _stdin():
    """stdin as bytes where it can be (``voice.lines`` checks the UTF-8 itself)."""
    return getattr(sys.stdin, "buffer", sys.stdin)


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


def check_result_path(path: Path) -> None:
    """Refuse a --result path that could not be written, before the check-in starts."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise AftercareError(f"--result {path}: is a folder")
    if not folder.is_dir():
        raise AftercareError(f"--result {path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise AftercareError(f"--result {path}: folder {folder} is not writable")


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` owner-only (0600), replacing it in one step."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise AftercareError(f"--result {path}: {err.strerror or err}") from None


def _history(args: argparse.Namespace) -> tuple[History | None, Settings]:
    """The history and what it says about earlier check-ins; when it cannot be used,
    none, after one notice (care first: the check-in runs anyway)."""
    settings = Settings(emergency_number=args.emergency_number, rate=args.rate)
    if args.no_history:
        return None, settings
    history = None
    try:
        history = History()
        unfinished = history.take_unfinished()
        previous = history.previous_answers()
    except StorageError as err:
        _notice(not_saved(err))
        return None, settings
    return history, Settings(emergency_number=args.emergency_number, rate=args.rate,
                             previous=previous, resumed=unfinished is not None)


def run(args: argparse.Namespace) -> int:
    end_on_stop_signals()  # SIGTERM/SIGHUP end the check-in like Ctrl-C
    if args.result:
        check_result_path(args.result)
    speaker = _speaker(args)
    answers, output = _io(args, speaker)  # replayed files are checked here, first
    try:
        return run_session(args, answers, output)
    finally:
        close = getattr(answers, "close", None)
        if close is not None:
            close()


def run_session(args: argparse.Namespace, source: Input, output: Output,
                report: Callable[[AftercareError], None] = report_error) -> int:
    """One check-in between ``source`` and ``output``, with the history and options of
    ``add_session_arguments``: care first (the check-in runs when the history cannot be
    written), and the result file written however the check-in ends."""
    protocol = load_protocol()
    history, settings = _history(args)
    session = Session(CheckIn(protocol, settings), source, output, history, notify=_notice,
                      report=report)
    try:
        session.run()
    finally:  # the result of a check-in ended by bad input is written too
        if args.result and session.result is not None:
            write_private(args.result,
                          json.dumps(session.result, indent=2, ensure_ascii=False) + "\n")
    return 0
