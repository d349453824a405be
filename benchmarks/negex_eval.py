"""Negation accuracy on the NegEx annotation set, beside NegEx's published figures.

Each line of the corpus names one condition in one clinical sentence and says whether
it is Negated or Affirmed. We find the condition in the normalised sentence and ask
voice.negation (with the triggers in intents/negation.yaml) whether a negation scope
covers it. Not a unit test: it needs the corpus, which the repository does not ship.

    .venv/bin/python benchmarks/negex_eval.py /path/to/negex/Annotations-1-120.txt
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from voice.negation import scopes
from voice.normalize import BREAK, tokens
from voice.protocol import load_protocol

PUBLISHED = {"accuracy": 0.977, "precision": 0.933, "recall": 0.959}  # GenNegEx v1.2


def rows(path: Path) -> list[tuple[str, str, bool]]:
    """(concept, sentence, negated) from either upstream file layout."""
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        header = next(reader)
        if len(header) < 4:
            raise SystemExit(f"negex_eval: {path}: expected at least 4 tab-separated columns")
        concept_col, sentence_col, status_col = 1, 2, 3  # same in both upstream files
        out = []
        for row in reader:
            if len(row) <= status_col:
                continue
            status = row[status_col].strip().lower()
            if status not in ("negated", "affirmed"):
                continue
            out.append((row[concept_col], row[sentence_col], status == "negated"))
    return out


def locate(concept: tuple[str, ...], words: tuple[str, ...]) -> tuple[int, int] | None:
    n = len(concept)
    for i in range(len(words) - n + 1):
        if words[i:i + n] == concept:
            return i, i + n
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="Annotations-1-120.txt (or the rs… file)")
    args = parser.parse_args()
    if not args.corpus.is_file():
        print(f"negex_eval: {args.corpus}: no such file", file=sys.stderr)
        return 2
    rules = load_protocol().lexicon.negation
    tp = fp = tn = fn = missing = 0
    data = rows(args.corpus)
    for concept, sentence, negated in data:
        words = tokens(sentence.strip('"'))
        target = tuple(w for w in tokens(concept) if w != BREAK)
        span = locate(target, words) if target else None
        if span is None:
            missing += 1  # counted as "affirmed" (no negation found)
            predicted = False
        else:
            predicted = scopes(words, [span], rules)[0].negated
        if predicted and negated:
            tp += 1
        elif predicted:
            fp += 1
        elif negated:
            fn += 1
        else:
            tn += 1
    total = tp + fp + tn + fn
    ours = {"accuracy": (tp + tn) / total,
            "precision": tp / (tp + fp) if tp + fp else 0.0,
            "recall": tp / (tp + fn) if tp + fn else 0.0}
    print(f"corpus: {args.corpus.name}: {total} sentences, {tp + fn} negated, "
          f"{fp + tn} affirmed ({missing} where the concept was not found verbatim)")
    print(f"{'':10} {'ours':>8} {'NegEx':>8}")
    for key, value in ours.items():
        print(f"{key:10} {value:8.3f} {PUBLISHED[key]:8.3f}")
    print(f"confusion: tp={tp} fp={fp} tn={tn} fn={fn}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
