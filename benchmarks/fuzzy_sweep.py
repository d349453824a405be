"""Choose the fuzzy-match threshold from data, not by guessing.

Runs the written test set (tests/data/utterances.tsv) at each threshold and reports
red-flag recall, false positives (a symptom reported present/uncertain that the
case does not expect) and disposition accuracy. The chosen threshold is the middle
of the widest run of thresholds that keep 100% red-flag recall with the fewest false
positives and the best accuracy (a margin on both sides).

    .venv/bin/python benchmarks/fuzzy_sweep.py [--cases tests/data/utterances.tsv]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from voice.commands.interpret import interpret
from voice.phrases import Fuzzy
from voice.protocol import Protocol, load_protocol

ROOT = Path(__file__).resolve().parent.parent


def cases(path: Path) -> list[tuple[str, str, dict[str, str], str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        question, text, expected, disposition = line.split("\t")
        want = {} if expected == "-" else dict(x.split("=") for x in expected.split(","))
        out.append((question, text, want, disposition))
    return out


def score(protocol: Protocol, data: list) -> dict[str, float]:
    red = {s for s, v in protocol.symptoms.items() if v.red_flag}
    hits = total = fps = correct = 0
    for question, text, want, disposition in data:
        q = protocol.question(question) if question else None
        result = interpret(text, protocol, q)
        got = {f["symptom"]: f["status"] for f in result["symptoms"]}
        for symptom, status in want.items():
            if symptom in red and status != "absent":
                total += 1
                hits += got.get(symptom, "absent") != "absent"
        fps += sum(1 for s, st in got.items() if st != "absent" and s not in want)
        correct += result["disposition"] == disposition
    return {"recall": hits / total, "false_positives": fps, "accuracy": correct / len(data)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=ROOT / "tests/data/utterances.tsv")
    parser.add_argument("--min-chars", type=int, default=None)
    args = parser.parse_args()
    base = load_protocol()
    data = cases(args.cases)
    min_chars = args.min_chars or base.fuzzy.min_chars
    rows = []
    print("threshold  red-flag recall  false positives  disposition accuracy")
    for threshold in range(70, 101):
        r = score(base.with_fuzzy(Fuzzy(threshold, min_chars)), data)
        rows.append((threshold, r))
        print(f"{threshold:9}  {r['recall']:15.3f}  {r['false_positives']:15}  "
              f"{r['accuracy']:20.3f}")
    ok = [(t, r) for t, r in rows if r["recall"] == 1.0]
    if not ok:
        print("no threshold keeps 100% red-flag recall", file=sys.stderr)
        return 1
    best = min((r["false_positives"], -r["accuracy"]) for _, r in ok)
    good = [t for t, r in ok if (r["false_positives"], -r["accuracy"]) == best]
    runs: list[list[int]] = []
    for t in good:
        if runs and t == runs[-1][-1] + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    widest = max(runs, key=len)
    chosen = widest[len(widest) // 2]
    print(f"\nbest: {best[0]} false positives, accuracy {-best[1]:.3f} at thresholds "
          f"{widest[0]}..{widest[-1]}; chosen {chosen} (min_chars {min_chars}); "
          f"intents/answers.yaml has {base.fuzzy.threshold:g}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
