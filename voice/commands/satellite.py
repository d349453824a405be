"""``aftercare satellite``: the check-in through a Home Assistant voice satellite."""

from __future__ import annotations

import argparse
import sys

from voice.commands.check import add_session_arguments, run_session
from voice.errors import AftercareError

NAME = "satellite"
HELP = ("run a check-in through a Wyoming voice satellite (its microphone and speaker), "
        "e.g. --uri tcp://bedroom-pi:10700")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--uri", required=True, metavar="tcp://HOST:PORT",
                        help="the satellite's address (wyoming-satellite --uri)")
    add_session_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from voice.live import Gate
    from voice.satellite import (
        SATELLITE_ECHO,
        SatelliteInput,
        SatelliteLink,
        SatelliteLost,
        SatelliteOutput,
    )
    from voice.session import ConsoleOutput, report_error
    from voice.tts import Speaker

    # Rendering must work (the satellite plays what is rendered here), so a broken
    # speech engine is an error, not a printed fallback.
    speaker = Speaker(rate=args.rate, voice=args.voice, print_when_silent=False)
    link = SatelliteLink(args.uri)
    print(f"aftercare: connected to satellite {link.info.name!r} at {args.uri}",
          file=sys.stderr, flush=True)
    kept = ("not stored (--no-history)" if args.no_history else
            "kept in the history (the check-in is stored as stopped)")

    def said(err: AftercareError) -> AftercareError:
        """A lost satellite's one line says what became of the answers."""
        if not isinstance(err, SatelliteLost):
            return err
        told = AftercareError(f"{err}; the answers so far are {kept}")
        told.reported = err.reported
        return told

    lost: list[AftercareError] = []  # reported already (the closing may lose it again)

    def report(err: AftercareError) -> None:  # as soon as the satellite is lost
        report_error(said(err))
        err.reported = True
        lost.append(err)

    try:
        gate = Gate(echo=SATELLITE_ECHO)  # the live machinery's, as the microphone's
        output = SatelliteOutput(link, speaker, ConsoleOutput(None, sys.stdout), gate)
        return run_session(args, SatelliteInput(link, gate, output.end_prompt), output,
                           report=report)
    except SatelliteLost as err:
        told = said(err)
        told.reported = told.reported or any(isinstance(e, SatelliteLost) for e in lost)
        raise told from None
    finally:
        link.close()
