"""The test satellite's ``--snd-command``: captures one prompt stream per run.

wyoming-satellite starts it at a stream's first event and closes its stdin at
``audio-stop`` (raw 22,050 Hz mono 16-bit PCM in between). It keeps the audio as
``prompt-NNN.raw``, takes as long as a speaker would to play it, and then appends
``NNN first_byte_time end_time`` (monotonic) to ``played.log``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

RATE = 22050


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", type=Path, required=True)
    args = parser.parse_args()
    number = len(list(args.dir.glob("prompt-*.raw")))  # runs one at a time
    path = args.dir / f"prompt-{number:03d}.raw"
    first = None
    size = 0
    with path.open("wb") as out:
        while data := sys.stdin.buffer.read1(65536):
            if first is None:
                first = time.monotonic()
            out.write(data)
            size += len(data)
    first = first if first is not None else time.monotonic()
    time.sleep(max(0.0, first + size / 2 / RATE - time.monotonic()))  # "playing"
    with (args.dir / "played.log").open("a") as log:
        log.write(f"{number} {first:.4f} {time.monotonic():.4f}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
