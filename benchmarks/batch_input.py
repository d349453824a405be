"""Write N answers (default 10,000) for timing ``aftercare interpret --batch``.

Deterministic: the written test set's answers, combined in pairs and with fillers so
that lines are not all identical (the normaliser caches repeated lines).

    .venv/bin/python benchmarks/batch_input.py benchmarks/out/batch.txt [N]
    /usr/bin/time -v .venv/bin/aftercare interpret --batch benchmarks/out/batch.txt >/dev/null
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILLERS = ["", "um ", "well ", "yeah ", "so ", "to be honest ", "i guess "]
TAILS = ["", " today", " since yesterday", " this morning", " at the moment", " i think"]


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "benchmarks/out/batch.txt"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    texts = [line.split("\t")[1] for line in
             (ROOT / "tests/data/utterances.tsv").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    rng = random.Random(20260101)
    lines = []
    for _ in range(n):
        text = rng.choice(FILLERS) + rng.choice(texts) + rng.choice(TAILS)
        if rng.random() < 0.3:
            text += " and " + rng.choice(texts)
        lines.append(text)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {n} lines to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
