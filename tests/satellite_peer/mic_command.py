"""The test satellite's ``--mic-command``: raw 16 kHz mono PCM on stdout in real time.

Silence, except that answer N (a raw PCM file from the plan) starts once the satellite
has played its N-th prompt stream (the N-th line ``snd_command.py`` appends to
``played.log``) and a patient's reaction time has passed. The end of each answer's
speech is logged (monotonic clock, shared by all processes) for the turn-gap
measurement: its last voiced sample, not the end of the file (a recording's trailing
silence is not the patient talking, and the satellite may rightly answer during it).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

RATE = 16000
CHUNK = 1024  # samples: the satellite's default --mic-command-samples-per-chunk


def played(log: Path) -> list[float]:
    """End times of the prompt streams played so far."""
    try:
        lines = log.read_text().splitlines()
    except OSError:
        return []
    return [float(line.split()[2]) for line in lines if len(line.split()) == 3]


def speech_seconds(pcm: bytes) -> float:
    """Where the speech of a 16-bit PCM answer ends: its last sample above 2% of its
    peak, in seconds from the start."""
    samples = memoryview(pcm).cast("h")
    peak = max((abs(x) for x in samples), default=0)
    last = max((i for i, x in enumerate(samples) if abs(x) > 0.02 * peak), default=0)
    return (last + 1) / RATE


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plan", type=Path, required=True, help="JSON list of raw PCM files")
    parser.add_argument("--played", type=Path, required=True)
    parser.add_argument("--answers-log", type=Path, required=True)
    parser.add_argument("--reaction", type=float, default=0.8)
    args = parser.parse_args()
    answers = [Path(p).read_bytes() for p in json.loads(args.plan.read_text())]
    spoken = [speech_seconds(a) for a in answers]
    silence = bytes(CHUNK * 2)
    out = sys.stdout.buffer
    nxt = time.monotonic()
    done = 0  # answers given
    current: bytes | None = None
    began = 0.0  # when the current answer's first block is "spoken" (real time)
    while True:
        if current is None and done < len(answers):
            ends = played(args.played)
            if len(ends) > done and time.monotonic() >= ends[done] + args.reaction:
                current, began = answers[done], nxt
        if current is not None:
            block, current = current[:CHUNK * 2], current[CHUNK * 2:]
            block += bytes(CHUNK * 2 - len(block))
            if not current:
                current = None
                done += 1
                with args.answers_log.open("a") as log:
                    log.write(f"{done} {began + spoken[done - 1]:.4f}\n")
        else:
            block = silence
        try:
            out.write(block)
            out.flush()
        except (BrokenPipeError, OSError):
            return 0
        nxt += CHUNK / RATE
        time.sleep(max(0.0, nxt - time.monotonic()))


if __name__ == "__main__":
    raise SystemExit(main())
