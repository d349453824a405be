"""``aftercare history``: past check-ins from the local database."""

from __future__ import annotations

import argparse
import json

from voice.store import History

NAME = "history"
HELP = "list past check-ins (stored only on this machine)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="one JSON object per check-in")


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
    return 0
