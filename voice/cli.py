"""The ``aftercare`` console script: one sub-command per module in ``voice.commands``.

Every user-facing failure is an ``AftercareError`` and ends as one line on stderr with a
non-zero exit; the sub-command modules never print tracebacks for bad input.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from voice import __version__
from voice.commands import COMMANDS
from voice.errors import AftercareError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aftercare",
        description="Offline voice check-in after a lumbar puncture (spinal tap).",
    )
    parser.add_argument("--version", action="version", version=f"aftercare {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        module = importlib.import_module(f"voice.commands.{name}")
        command = sub.add_parser(
            module.NAME, help=module.HELP, description=module.HELP
        )
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except AftercareError as err:
        if not err.reported:
            print(f"aftercare: error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("aftercare: stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
