"""``aftercare export --fhir``: check-ins as a FHIR R4 Bundle for the clinic's record."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from voice.errors import AftercareError
from voice.protocol import load_protocol
from voice.store import History

NAME = "export"
HELP = "export check-ins as FHIR (a Questionnaire and one QuestionnaireResponse each)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--fhir", action="store_true", required=True,
                        help="FHIR R4 JSON: a transaction Bundle (the only format)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--checkin", type=int, metavar="N", help="check-in #N only")
    which.add_argument("--all", action="store_true", help="every check-in (the default)")
    parser.add_argument("--out", type=Path, metavar="FILE",
                        help="write to FILE (owner-only) instead of standard output")
    parser.add_argument("--subject", metavar="REFERENCE",
                        help="the clinic's reference for the patient, e.g. Patient/123; "
                             "nothing identifies the patient otherwise")


def run(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from voice import fhir

    if args.subject is not None and not args.subject.strip():
        raise AftercareError("--subject: empty reference")
    records = History().all()
    if args.checkin is not None:
        records = [r for r in records if r.id == args.checkin]
        if not records:
            raise AftercareError(f"no check-in #{args.checkin} (see 'aftercare history')")
    protocol = load_protocol()
    try:
        text = fhir.validated(fhir.bundle(records, protocol, args.subject)) + "\n"
    except ValidationError as err:  # a bug, but said in one line: nothing is written
        first = err.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise AftercareError(f"export is not valid FHIR ({where}: {first['msg']})") from None
    if args.out is None:
        sys.stdout.write(text)
    else:
        _write_private(args.out, text)
        print(f"aftercare: wrote {len(records)} check-in(s) to {args.out}", file=sys.stderr)
    return 0


def _write_private(path: Path, text: str) -> None:
    """Health data: the file is created owner-only, whatever the umask."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(path, 0o600)
    except OSError as err:
        raise AftercareError(f"cannot write {path}: {err.strerror}") from None
