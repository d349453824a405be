"""``aftercare history``: past check-ins from the local database."""

from __future__ import annotations

import argparse
import json

from voice.store import CheckinRecord, History

NAME = "history"
HELP = "list past check-ins (stored only on this machine)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="one JSON object per check-in")
    form.add_argument("--speak", action="store_true",
                        help="also read the trend across check-ins aloud (printed too)")


def run(args: argparse.Namespace) -> int:
    records = History().all()
    for record in records:
        if args.json:
            print(json.dumps(record.to_dict(), ensure_ascii=False))
        else:
            print(f"#{record.id} {record.started_at} {record.status:<11} "
                  f"{record.disposition or '-':<10} {len(record.answers)} answers")
    if not records and not args.json:
        print("no check-ins yet")
    if args.speak:
        _speak_trend(records)
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
