"""Real words at the pain question, decision only: digits right and non-number words
given a score, per part of the fixed split (benchmarks/split.py).

Every clip of the Speech Commands sets, AudioMNIST and a fixed FSDD sample (takes
0..``--fsdd-takes``-1 of every digit and speaker) is heard once at the pain question
(``listen`` with the prompt's grammars, as the check-in does) and its passes are saved
in benchmarks/out/pain-passes.pkl; ``decide`` is then run on the saved passes, so a
change to the decision rule is measured in seconds. The whole check-in (red-flag
scan, confirmations) is measured by ``run_all.py``; this is a development tool.

    .venv/bin/python -m benchmarks.pain_words --shared ../shared/data --part dev
"""

from __future__ import annotations

import argparse
import csv
import pickle
from collections import Counter
from pathlib import Path

from benchmarks import split
from voice.decide import decide
from voice.evaluate import DIGITS, YES_NO
from voice.protocol import load_protocol

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "benchmarks" / "out" / "pain-passes.pkl"
SETS = ("speech_commands", "speech_commands_v2_samples", "audiomnist_zero_sample", "fsdd")


def hear_all(shared: Path, fsdd_takes: int) -> list[dict]:
    from voice.asr import Recognizer
    from voice.audio import read_wav
    from voice.decoders import DecoderPool
    from voice.dialog import Ask, CheckIn
    from voice.listen import listen

    protocol = load_protocol()
    ask = [e for e in CheckIn(protocol).goto("pain_score") if isinstance(e, Ask)][-1]
    recognizer = Recognizer(alternatives=0, decoders=DecoderPool(max_idle=0))  # clip by clip
    heard = []
    for set_dir in SETS:
        with (shared / set_dir / "manifest.tsv").open(newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        if set_dir == "fsdd":
            rows = [r for r in rows if int(Path(r["path"]).stem.rsplit("_", 1)[-1]) < fsdd_takes]
        for row in rows:
            path = shared / set_dir / row["path"]
            passes = listen(recognizer, read_wav(path), ask.grammar, ask.narrow)[0].passes
            heard.append({"set": set_dir, "word": row["transcript"], "passes": passes,
                          "part": split.part(set_dir, row["speaker"], path)})
    return heard


def score(heard: list[dict], part: str) -> str:
    protocol = load_protocol()
    question = protocol.question("pain_score")
    n: Counter = Counter()
    for clip in (c for c in heard if c["part"] == part and c["word"] not in YES_NO):
        d = decide(clip["passes"], protocol, question)
        value = d.meaning.value if d.action in ("answer", "confirm") else None
        family = "FSDD" if clip["set"] == "fsdd" else "Speech Commands + AudioMNIST"
        if clip["word"] in DIGITS:
            n[family, "digits"] += 1
            n[family, "right"] += value == DIGITS.index(clip["word"])
            n[family, "read back"] += d.action == "confirm"
            n[family, "wrong"] += d.action == "answer" and value != DIGITS.index(clip["word"])
        else:
            n[family, "words"] += 1
            n[family, "scored"] += d.action == "answer" and isinstance(value, int | float)
    lines = [f"part: {part}"]
    for family in sorted({f for f, _ in n}):
        if n[family, "digits"]:
            k = n[family, "digits"]
            lines.append(f"{family}: digits {k}, right {n[family, 'right'] / k:.1%} (a read-back "
                         f"of the right value counts), read back {n[family, 'read back'] / k:.1%}"
                         f", wrong taken {n[family, 'wrong']}")
        if n[family, "words"]:
            k = n[family, "words"]
            lines.append(f"{family}: non-number words {k}, given a score "
                         f"{n[family, 'scored'] / k:.1%} ({n[family, 'scored']})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--part", choices=(split.DEV, split.HELD_OUT), default=split.DEV)
    parser.add_argument("--fsdd-takes", type=int, default=10)
    parser.add_argument("--rehear", action="store_true", help="hear the clips again")
    args = parser.parse_args(argv)
    if args.rehear or not CACHE.exists():
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        CACHE.write_bytes(pickle.dumps(hear_all(args.shared, args.fsdd_takes)))
    print(score(pickle.loads(CACHE.read_bytes()), args.part))


if __name__ == "__main__":
    main()
