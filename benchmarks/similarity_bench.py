"""The semantic safety net (voice/similarity.py): cost, and how often it would ask.

- load: the WordLlama model (once per process) and the red-flag phrases embedded;
- cost per answer: one ``Net.closest`` call (embedding + cosine), and ``understand``
  with and without the net's gate reached;
- a threshold sweep: how often an ORDINARY answer (tests/data/ordinary_remarks.txt,
  the fresh set's answers that mention no symptom, the 345-utterance set's answers with
  disposition none) would make the assistant ask about a red flag (false
  confirmations), and how many red-flag answers of the fresh set the net alone would
  point at the right symptom (its recall if every phrase had missed), dev and
  held-out apart. The threshold in intents/similarity.yaml is the lowest whose false
  confirmation rate on the dev part and the ordinary remarks is at most 1% (the target
  is 2%).

    .venv/bin/python benchmarks/similarity_bench.py
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from benchmarks.fresh_eval import load_cases
from voice import similarity
from voice.protocol import load_protocol
from voice.understand import understand

ROOT = Path(__file__).resolve().parent.parent
THRESHOLDS = [0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70]


def _ordinary(protocol) -> dict[str, list[tuple[str, str | None]]]:
    remarks = [(line, "anything_else") for line in
               (ROOT / "tests/data/ordinary_remarks.txt").read_text().splitlines()
               if line.strip() and not line.startswith("#")]
    out: dict[str, list[tuple[str, str | None]]] = {"dev": list(remarks), "held-out": []}
    for c in load_cases():
        if not c.statuses and not c.concern:
            out[c.split].append((c.text, c.question or None))
    for line in (ROOT / "tests/data/utterances.tsv").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            question, text, expected, disposition = line.split("\t")
            if disposition == "none" and expected == "-":
                out["dev"].append((text, question or None))
    return out


def main() -> int:
    t0 = time.perf_counter()
    similarity.model()
    t1 = time.perf_counter()
    protocol = load_protocol()
    net = similarity.load_net(protocol)
    assert net is not None
    t2 = time.perf_counter()
    print(f"model load {1000 * (t1 - t0):.0f} ms; red-flag phrases embedded "
          f"({len(net.labels)}) {1000 * (t2 - t1):.0f} ms")

    examples = sum(len(b.says) for b in net.examples.values())
    ordinary = _ordinary(protocol)
    _examples_rule(net, protocol, ordinary, examples)

    # The phrase rule alone from here: reach its gate at any score (a threshold below
    # every cosine), with no examples consulted.
    key = next(k for k, v in similarity._NETS.items() if v is net)
    similarity._NETS[key] = replace(net, settings=replace(net.settings, threshold=-1.0,
                                                          neighbours=0))
    threshold = net.settings.threshold

    texts = [t for part in ordinary.values() for t, _ in part]
    times = []
    for text in texts * 3:
        start = time.perf_counter()
        net.closest(text)
        times.append(1000 * (time.perf_counter() - start))
    times.sort()
    print(f"Net.closest per answer: mean {statistics.mean(times):.3f} ms, "
          f"p95 {times[int(0.95 * len(times))]:.3f} ms ({len(times)} calls)")

    def understand_ms(pairs: list[tuple[str, str | None]]) -> float:
        start = time.perf_counter()
        for text, q in pairs * 3:
            understand(text, protocol, protocol.question(q) if q else None)
        return 1000 * (time.perf_counter() - start) / (3 * len(pairs))

    scored: dict[str, list[float]] = {}
    for split, pairs in ordinary.items():
        scores = []
        for text, q in pairs:
            u = understand(text, protocol, protocol.question(q) if q else None)
            scores.append(net.closest(u.text)[1] if u.similar else -1.0)
        scored[split] = scores
    all_pairs = [p for part in ordinary.values() for p in part]
    reached = sum(1 for part in scored.values() for s in part if s > -1.0)
    print(f"understand per ordinary answer: {understand_ms(all_pairs):.3f} ms "
          f"(the net's gate reached by {reached}/{len(all_pairs)})")

    recall: dict[str, list[tuple[str, float]]] = {"dev": [], "held-out": []}
    red = {s for s, v in protocol.symptoms.items() if v.disposition == "emergency"}
    for c in load_cases():
        wanted = [s for s, st in c.statuses.items() if s in red and "absent" not in st]
        if wanted:
            symptom, score = net.closest(" ".join(understand(c.text, protocol).text.split()))
            recall[c.split].append((symptom if symptom in wanted else "", score))

    print("\n| threshold | false confirmations, dev + remarks | held-out | "
          "net alone finds the red flag, dev | held-out |")
    print("|---|---|---|---|---|")
    for t in THRESHOLDS:
        cells = []
        for split in ("dev", "held-out"):
            n = len(scored[split])
            k = sum(1 for s in scored[split] if s >= t)
            cells.append(f"{k}/{n} ({k / n:.1%})")
        for split in ("dev", "held-out"):
            n = len(recall[split])
            k = sum(1 for s, score in recall[split] if s and score >= t)
            cells.append(f"{k}/{n}")
        mark = " **(chosen)**" if abs(t - threshold) < 1e-9 else ""
        print(f"| {t:.2f}{mark} | " + " | ".join(cells) + " |")
    return 0


def _examples_rule(net: similarity.Net, protocol, ordinary, examples: int) -> None:
    """The labelled-examples rule at its chosen settings: cost, and how often an
    ordinary answer makes the assistant ask about a red flag through it."""
    start = time.perf_counter()
    similarity._examples(protocol.directory / similarity.EXAMPLES, protocol)
    load = 1000 * (time.perf_counter() - start)
    # Each ordinary answer as if said at three questions that have examples.
    pairs = [(t, q) for part in ordinary.values() for t, _ in part
             for q in list(net.examples)[:3]]
    times = []
    for text, q in pairs:
        start = time.perf_counter()
        net.like(text, q)
        times.append(1000 * (time.perf_counter() - start))
    times.sort()
    print(f"examples rule: {examples} labelled answers embedded in {load:.0f} ms; "
          f"Net.like per answer: mean {statistics.mean(times):.3f} ms, "
          f"p95 {times[int(0.95 * len(times))]:.3f} ms")
    for split, part in ordinary.items():
        asked = [t for t, q in part if understand(
            t, protocol, protocol.question(q) if q else None).similar]
        print(f"  ordinary answers ({split}) after which it asks about a red flag: "
              f"{len(asked)}/{len(part)}" + "".join(f"\n    {t!r}" for t in asked))


if __name__ == "__main__":
    sys.exit(main())
