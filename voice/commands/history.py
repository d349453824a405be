"""``aftercare history``: past check-ins from the local database, and deleting them.

Listing opens the database read-only (it works on a read-only folder and creates or
changes nothing); ``--delete N`` / ``--delete all`` erase records for good.
"""

from __future__ import annotations

import argparse
import json

from voice.errors import AftercareError
from voice.store import CheckinRecord, History, default_path

NAME = "history"
HELP = "list past check-ins (stored only on this machine), or delete them"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="one JSON object per check-in")
    form.add_argument("--speak", action="store_true",
                      help="also read the trend across check-ins aloud (printed too)")
    parser.add_argument("--delete", metavar="N", nargs="?", const="", type=_which,
                        help="erase check-in number N (as listed); with --all, every one")
    parser.add_argument("--all", action="store_true", help="with --delete: every check-in")


def _which(text: str) -> int | str:
    if text in ("all", ""):
        return text
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a check-in number or 'all', not {text!r}")\
            from None
    if number < 1:
        raise argparse.ArgumentTypeError("check-in numbers start at 1")
    return number


def run(args: argparse.Namespace) -> int:
    if args.all and args.delete not in ("", "all"):
        raise AftercareError("--all goes with --delete alone: aftercare history --delete --all")
    if args.delete is not None:
        if args.delete == "" and not args.all:
            raise AftercareError("--delete needs a check-in number, or --all")
        return _delete("all" if args.all else args.delete)
    if not default_path().exists():
        records = []
    else:
        history = History(readonly=True)
        try:
            records = history.all()
        finally:
            history.close()
    for record in records:
        if args.json:
            print(json.dumps(record.to_dict(), ensure_ascii=False))
        else:
            damaged = " (damaged values)" if record.damaged or any(
                a.damaged for a in record.answers) else ""
            print(f"#{record.id} {record.started_at} {record.status:<11} "
                  f"{record.disposition or '-':<10} {len(record.answers)} answers{damaged}")
    if not records and not args.json:
        print("no check-ins yet")
    if args.speak:
        _speak_trend(records)
    return 0


def _delete(which: int | str) -> int:
    if not default_path().exists():
        raise AftercareError("no check-ins to delete")
    history = History()
    try:
        gone = history.delete(None if which == "all" else int(which))
    finally:
        history.close()
    if which != "all" and not gone:
        raise AftercareError(f"no check-in #{which}")
    print(f"deleted {gone} check-in{'s' if gone != 1 else ''}")
    return 0


def _speak_trend(records: list[CheckinRecord]) -> None:
    """For patients who cannot read the screen; printed too (and only printed where no
    audio output works, after one notice)."""
    from voice.protocol import load_protocol
    from voice.trend import trend_sentences
    from voice.tts import Speaker

    speaker = Speaker(print_when_silent=False)
    for sentence in trend_sentences(records, load_protocol()):
        print(sentence, flush=True)
        speaker.say(sentence)
