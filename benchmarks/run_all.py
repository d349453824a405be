#!/usr/bin/env python3
"""Regenerate the corpus, run every benchmark, and write docs/benchmarks.md.

Usage: .venv/bin/python benchmarks/run_all.py --shared ../shared/data

1. benchmarks/corpus.py: the synthetic spoken corpus (benchmarks/out/corpus/);
2. the `aftercare eval` path over it (our dialog and the naive baseline);
3. the same over the real recordings in --shared (FSDD digits and speech-command
   digits as pain scores, speech-command yes/no at a red-flag and an ordinary
   question, LibriSpeech sentences for WER) when that folder exists;
4. benchmarks/speed.py (model load, RTF vs plain vosk, answer->prompt latency, TTS,
   matcher, peak RSS), after the accuracy runs so nothing else competes for the CPUs.
Per-clip results go to benchmarks/out/*.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import time
from dataclasses import asdict
from datetime import date
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import corpus, report, speed
from voice.commands.evaluate import Record, evaluate
from voice.evaluate import read_manifest
from voice.protocol import load_protocol

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
DOC = ROOT / "docs" / "benchmarks.md"
ASR_DOC = ROOT / "docs" / "benchmarks-asr.md"

# (title, manifest under --shared, question the clips answer)
REAL_SETS = (
    ("FSDD spoken digits as pain scores (8 kHz)", "fsdd/manifest.tsv", "pain_score"),
    ("Speech Commands digits as pain scores", "speech_commands/manifest.tsv", "pain_score"),
    ("Speech Commands yes/no at a red-flag question (fever)", "speech_commands/manifest.tsv",
     "fever"),
    ("Speech Commands yes/no at an ordinary question (back_pain)",
     "speech_commands/manifest.tsv", "back_pain"),
    ("LibriSpeech sentences at the free question (WER, false red flags)",
     "librispeech/manifest.tsv", "anything_else"),
)


def log(line: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {line}", file=sys.stderr, flush=True)


def progress(label: str):
    step = {"next": 0.0}

    def show(done: int, total: int) -> None:
        if done / total >= step["next"] or done == total:
            log(f"{label}: {done}/{total}")
            step["next"] += 0.25
    return show


def save(records: list[Record], name: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / name).write_text(json.dumps([r.to_dict() for r in records], indent=1) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, help="the shared real recordings "
                        "(../shared/data); left out of the report when not given")
    parser.add_argument("--per-condition", type=int, default=100,
                        help="synthetic clips per noise type and SNR (default 100)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeats", type=int, default=3, help="speed runs (median)")
    parser.add_argument("--reuse-corpus", action="store_true",
                        help="do not regenerate the corpus (it is deterministic anyway)")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--doc", type=Path, default=DOC)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    command = ".venv/bin/python benchmarks/run_all.py" + "".join(
        f" {shlex.quote(a)}" for a in (argv if argv is not None else sys.argv[1:]))

    protocol = load_protocol()
    corpus_dir = OUT / "corpus"
    manifest = corpus_dir / "manifest.tsv"
    if not (args.reuse_corpus and manifest.exists()):
        corpus.main(["--out", str(corpus_dir), "--per-condition", str(args.per_condition)])
    clips, _ = read_manifest(manifest, protocol)
    n_clean = sum(c.snr is None for c in clips)
    corpus_note = (f"{len(clips)} clips: {n_clean} clean = {len(corpus.load_answers())} answers "
                   f"x {len(corpus.VOICES)} voices ({', '.join(v for v, _ in corpus.VOICES)}) "
                   f"x {len(corpus.RATES)} rates ({', '.join(map(str, corpus.RATES))} wpm); "
                   f"{len(clips) - n_clean} noisy = {len(corpus.NOISES)} noises x "
                   f"{len(corpus.SNRS)} SNRs x {args.per_condition}")
    log(f"eval: synthetic corpus, {len(clips)} clips, {args.jobs} workers")
    synthetic = evaluate(clips, jobs=args.jobs, progress=progress("synthetic"))
    save(synthetic, "eval-synthetic.json")

    real: list[report.RealSet] = []
    if args.shared:
        for title, rel, question in REAL_SETS:
            path = args.shared / rel
            if not path.exists():
                log(f"eval: {path} missing, skipped")
                continue
            real_clips, skipped = read_manifest(path, protocol, question)
            log(f"eval: {title}, {len(real_clips)} clips")
            records = evaluate(real_clips, jobs=args.jobs, progress=progress(question))
            save(records, f"eval-{path.parent.name}-{question}.json")
            shown = Path("../shared/data") / rel if args.shared.resolve() == (
                ROOT.parent / "shared" / "data").resolve() else path
            real.append(report.RealSet(title, question,
                                       f"aftercare eval {shown} --question {question}",
                                       records, skipped))

    measured = None
    if not args.no_speed:
        log("speed: model load, RTF, latency, TTS, matcher, peak RSS")
        measured = speed.measure(manifest, args.repeats, 60, log=log)
        (OUT / "speed.json").write_text(json.dumps(asdict(measured), indent=1) + "\n")

    seconds = time.perf_counter() - started
    doc = report.render(
        date=date.today().isoformat(), command=command,
        eval_command="aftercare eval benchmarks/out/corpus/manifest.tsv",
        protocol=protocol, synthetic=synthetic, real=real, speed=measured,
        corpus_note=corpus_note, seconds=seconds,
        asr_doc=ASR_DOC if ASR_DOC.exists() else None)
    args.doc.parent.mkdir(parents=True, exist_ok=True)
    args.doc.write_text(doc, encoding="utf-8")
    log(f"wrote {args.doc} ({seconds / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
