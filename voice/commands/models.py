"""``aftercare models fetch|verify|path``: obtain and check the vosk model."""

from __future__ import annotations

import argparse
import sys

from voice import models
from voice.errors import ModelError

NAME = "models"
HELP = "obtain (fetch), check (verify) or locate (path) the vosk speech model"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("fetch", "verify", "path"))


def run(args: argparse.Namespace) -> int:
    if args.action == "fetch":
        models.fetch(log=lambda line: print(line, file=sys.stderr))
        return 0
    path = models.model_path()
    if args.action == "path":
        print(path)
        return 0
    report = models.verify(path)
    if not report.ok:
        raise ModelError(f"model at {path} failed verification: {report.problems[0]}")
    print(f"ok: {report.checked} model files match their SHA-256 ({path})")
    return 0
