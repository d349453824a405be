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
import csv
import json
import os
import random
import shlex
import sys
import time
from dataclasses import asdict, replace
from datetime import date
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import corpus, report, speed, split, spoken_sentences
from voice.commands.evaluate import Record, evaluate
from voice.evaluate import DIGITS, YES_NO, Clip, Expected, read_manifest
from voice.protocol import load_protocol

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
DOC = ROOT / "docs" / "benchmarks.md"
ASR_DOC = ROOT / "docs" / "benchmarks-asr.md"
SEED = 5

# (title, manifest under --shared, question the clips answer); "others:" before the
# question: the words that are no answer to it (non-number words at the pain question).
REAL_SETS = (
    ("FSDD spoken digits as pain scores (8 kHz)", "fsdd/manifest.tsv", "pain_score"),
    ("Speech Commands digits as pain scores", "speech_commands/manifest.tsv", "pain_score"),
    ("Speech Commands v2 samples, digits as pain scores",
     "speech_commands_v2_samples/manifest.tsv", "pain_score"),
    ("AudioMNIST \"zero\" as a pain score (48 kHz)", "audiomnist_zero_sample/manifest.tsv",
     "pain_score"),
    ("Speech Commands yes/no at a red-flag question (fever)", "speech_commands/manifest.tsv",
     "fever"),
    ("Speech Commands v2 samples, yes/no at a red-flag question (fever)",
     "speech_commands_v2_samples/manifest.tsv", "fever"),
    ("Speech Commands yes/no at an ordinary question (back_pain)",
     "speech_commands/manifest.tsv", "back_pain"),
    ("Speech Commands, non-number words at the pain question",
     "speech_commands/manifest.tsv", "others:pain_score"),
    ("Speech Commands v2 samples, non-number words at the pain question",
     "speech_commands_v2_samples/manifest.tsv", "others:pain_score"),
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


def run_or_load(clips: list[Clip], name: str, args: argparse.Namespace,
                label: str) -> list[Record]:
    """Evaluate the clips, or (--reuse-eval) read the records an earlier run saved."""
    path = OUT / name
    if args.reuse_eval and path.exists():
        log(f"eval: reusing {path.relative_to(ROOT)}")
        return [Record.from_dict(d) for d in json.loads(path.read_text())]
    records = evaluate(clips, jobs=args.jobs, progress=progress(label))
    save(records, name)
    return records


def with_part(clip: Clip, set_dir: str) -> Clip:
    """The clip tagged dev or held-out (benchmarks/split.py)."""
    return replace(clip, extra={**clip.extra, "part": split.part(set_dir, clip.speaker,
                                                                 clip.path)})


def non_answers(path: Path, protocol, question: str) -> tuple[list[Clip], int]:
    """The clips of a real set whose word is no answer to ``question`` (not a digit, not
    yes/no): nothing should be taken from them. Labelled with no value."""
    with path.open(newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    answers = set(DIGITS) | set(YES_NO)
    clips = [Clip(path.parent / row["path"], row["transcript"], row["speaker"], question,
                  Expected()) for row in rows if row["transcript"] not in answers]
    return clips, len(rows) - len(clips)


def per_speaker(clips: list[Clip], limit: int) -> list[Clip]:
    """At most ``limit`` clips per speaker, spread evenly over the words (seeded)."""
    if limit <= 0:
        return clips
    rng = random.Random(SEED)
    by_speaker: dict[str, dict[str, list[Clip]]] = {}
    for c in clips:
        by_speaker.setdefault(c.speaker, {}).setdefault(c.transcript, []).append(c)
    kept: set[int] = set()
    for words in by_speaker.values():
        pools = [rng.sample(v, len(v)) for _, v in sorted(words.items())]
        chosen: list[Clip] = []
        while len(chosen) < limit and any(pools):
            for pool in pools:
                if pool and len(chosen) < limit:
                    chosen.append(pool.pop())
        kept.update(id(c) for c in chosen)
    return [c for c in clips if id(c) in kept]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, help="the shared real recordings "
                        "(../shared/data); left out of the report when not given")
    parser.add_argument("--per-condition", type=int, default=50,
                        help="synthetic clips per noise type and SNR (default 50)")
    parser.add_argument("--per-speaker", type=int, default=50,
                        help="real clips per speaker and set at most (a seeded sample, "
                        "even over the words); 0 for all")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeats", type=int, default=3, help="speed runs (median)")
    parser.add_argument("--reuse-corpus", action="store_true",
                        help="do not regenerate the corpus (it is deterministic anyway)")
    parser.add_argument("--speed-clips", type=int, default=20,
                        help="corpus clips timed for RTF and latency (default 20)")
    parser.add_argument("--sample", type=int, help="evaluate only a seeded sample of N "
                        "synthetic clips (quick trial runs)")
    parser.add_argument("--reuse-eval", action="store_true",
                        help="report the accuracy results saved in benchmarks/out by an "
                        "earlier run instead of evaluating again (e.g. to re-measure speed "
                        "alone on a quiet machine)")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--reuse-speed", action="store_true",
                        help="report the speed figures saved by an earlier run")
    parser.add_argument("--no-sentences", action="store_true",
                        help="leave out the spoken written sentences (interpret --wav and "
                        "--jsonl check-in)")
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
    if args.sample:
        clips = sorted(random.Random(SEED).sample(clips, min(args.sample, len(clips))),
                       key=clips.index)
    n_clean = sum(c.snr is None for c in clips)
    corpus_note = (f"{len(clips)} clips: {n_clean} clean = {len(corpus.load_answers())} answers "
                   f"x {len(corpus.VOICES)} voices ({', '.join(v for v, _ in corpus.VOICES)}) "
                   f"x {len(corpus.RATES)} rates ({', '.join(map(str, corpus.RATES))} wpm); "
                   f"{len(clips) - n_clean} noisy = {len(corpus.NOISES)} noises x "
                   f"{len(corpus.SNRS)} SNRs x {args.per_condition}")
    log(f"eval: synthetic corpus, {len(clips)} clips, {args.jobs} workers")
    synthetic = run_or_load(clips, "eval-synthetic.json", args, "synthetic")

    real: list[report.RealSet] = []
    if args.shared:
        for title, rel, question in REAL_SETS:
            path = args.shared / rel
            if not path.exists():
                log(f"eval: {path} missing, skipped")
                continue
            others = question.startswith("others:")
            question = question.removeprefix("others:")
            if others:
                real_clips, skipped = non_answers(path, protocol, question)
            else:
                real_clips, skipped = read_manifest(path, protocol, question)
            real_clips = [with_part(c, rel.split("/")[0]) for c in real_clips]
            total = len(real_clips)
            real_clips = per_speaker(real_clips, args.per_speaker)
            if len(real_clips) < total:
                title = f"{title}, seeded sample of {args.per_speaker} per speaker"
            log(f"eval: {title}, {len(real_clips)} clips")
            name = f"eval-{path.parent.name}-{'others-' if others else ''}{question}.json"
            records = run_or_load(real_clips, name, args, question)
            shown = Path("../shared/data") / rel if args.shared.resolve() == (
                ROOT.parent / "shared" / "data").resolve() else path
            real.append(report.RealSet(title, question,
                                       f"aftercare eval {shown} --question {question}"
                                       + (" (words that are no answer)" if others else ""),
                                       records, skipped, others))

    spoken: list[spoken_sentences.Result] | None = None
    saved = OUT / "sentences.json"
    if args.reuse_eval and saved.exists() and not args.no_sentences:
        log(f"sentences: reusing {saved.relative_to(ROOT)}")
        spoken = [spoken_sentences.Result(**{**d, "sentence": spoken_sentences.Sentence(
            d["sentence"]["question"], d["sentence"]["text"], tuple(d["sentence"]["flags"]))})
            for d in json.loads(saved.read_text())]
    elif not args.no_sentences:
        log("sentences: tests/data/utterances.tsv red flags, spoken, via interpret --wav "
            "and a --jsonl check-in")
        spoken = spoken_sentences.run(jobs=args.jobs, progress=progress("sentences"))
        (OUT / "sentences.json").write_text(json.dumps(
            [asdict(r) for r in spoken], indent=1) + "\n")

    measured = None
    if args.reuse_speed and (OUT / "speed.json").exists():
        log("speed: reusing benchmarks/out/speed.json")
        measured = speed.Speed(**json.loads((OUT / "speed.json").read_text()))
    elif not args.no_speed:
        log("speed: model load, RTF, latency, TTS, matcher, peak RSS")
        measured = speed.measure(manifest, args.repeats, args.speed_clips, log=log)
        (OUT / "speed.json").write_text(json.dumps(asdict(measured), indent=1) + "\n")

    seconds = time.perf_counter() - started
    doc = report.render(
        date=date.today().isoformat(), command=command,
        eval_command="aftercare eval benchmarks/out/corpus/manifest.tsv",
        protocol=protocol, synthetic=synthetic, real=real, speed=measured, spoken=spoken,
        corpus_note=corpus_note, seconds=seconds,
        asr_doc=ASR_DOC if ASR_DOC.exists() else None)
    args.doc.parent.mkdir(parents=True, exist_ok=True)
    args.doc.write_text(doc, encoding="utf-8")
    log(f"wrote {args.doc} ({seconds / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
