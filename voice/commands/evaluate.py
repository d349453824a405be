"""``aftercare eval MANIFEST``: accuracy of the spoken check-in on labelled recordings.

Every clip goes through the check-in's own path: a fresh ``CheckIn`` is sent to the
clip's question (``goto``), the audio is recognised by ``listen`` with that question's
grammar, and the dialog hears it; the scores come from what the dialog did next (see
voice.evaluate). The same free-form transcript also feeds a naive baseline (plain
rapidfuzz ratio, no grammar, no negation) so the table shows what the design buys.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from voice.evaluate import (
    Baseline,
    Clip,
    Expected,
    Outcome,
    Summary,
    dialog_outcome,
    question_type,
    read_manifest,
    red_flags,
    score,
    summarise,
)
from voice.protocol import Protocol, load_protocol

NAME = "eval"
HELP = "measure answer accuracy, red-flag recall and re-prompts on a labelled WAV manifest"
SYSTEMS = ("ours", "baseline")
GROUPS: dict[str, Callable[[Protocol], Callable[[Clip], str]]] = {
    "all": lambda p: lambda c: "all",
    "type": question_type,
    "question": lambda p: lambda c: c.question,
    "snr": lambda p: lambda c: c.snr_bucket,
    "noise": lambda p: lambda c: c.condition if c.snr is None else f"{c.condition} {c.snr:g} dB",
    "speaker": lambda p: lambda c: c.speaker,
    "rate": lambda p: lambda c: c.extra.get("rate", "?") + " wpm",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("manifest", type=Path, help="TSV: path, transcript, speaker, "
                        "sample_rate, and question + expected (or use --question)")
    parser.add_argument("--question", help="the question every clip answers (manifests "
                        "without question/expected columns: digits as a scale, yes/no words "
                        "as yes/no; other words are skipped)")
    parser.add_argument("--root", type=Path, help="folder the paths are relative to "
                        "(default: the manifest's folder)")
    parser.add_argument("--by", default="type,snr", help="comma-separated groupings: "
                        + ", ".join(GROUPS) + " (default: type,snr)")
    parser.add_argument("--limit", type=int, help="only the first N clips")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="worker processes (default: one per CPU)")
    parser.add_argument("--json", type=Path, help="also write every clip's result here")


def run(args: argparse.Namespace) -> int:
    protocol = load_protocol()
    clips, skipped = read_manifest(args.manifest, protocol, args.question, args.root)
    if args.limit:
        clips = clips[: args.limit]
    unknown = [g for g in args.by.split(",") if g not in GROUPS]
    if unknown:
        print(f"aftercare: error: unknown grouping {unknown[0]!r} (known: {', '.join(GROUPS)})",
              file=sys.stderr)
        return 2
    started = time.perf_counter()
    records = evaluate(clips, jobs=args.jobs)
    seconds = time.perf_counter() - started
    print(f"{len(records)} clips from {args.manifest} ({skipped} rows skipped: no answer to "
          f"the question) in {seconds:.0f} s\n")
    for name in args.by.split(","):
        print(f"By {name}:\n")
        print(markdown_table(group(records, protocol, GROUPS[name](protocol)), name))
        print()
    misses = red_flag_misses(records, protocol)
    print(f"Red-flag misses (ours): {len(misses)}")
    for line in misses:
        print(f"- {line}")
    if args.json:
        args.json.write_text(json.dumps([r.to_dict() for r in records], indent=1) + "\n",
                             encoding="utf-8")
    return 0


# -- running clips -----------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """One clip through both systems."""

    clip: Clip
    ours: Outcome
    baseline: Outcome
    free: str  # the plain free-form transcript
    confidence: float
    seconds: float  # listen() + dialog.hear()
    error: str | None = None

    def outcome(self, system: str) -> Outcome:
        return self.ours if system == "ours" else self.baseline

    def to_dict(self) -> dict[str, Any]:
        c = self.clip
        return {"path": str(c.path), "transcript": c.transcript, "speaker": c.speaker,
                "question": c.question, "expected": str(c.expected), "condition": c.condition,
                "snr": c.snr, "extra": dict(c.extra), "free": self.free,
                "confidence": self.confidence, "seconds": round(self.seconds, 4),
                "error": self.error, "ours": self.ours.to_dict(),
                "baseline": self.baseline.to_dict()}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Record:
        """A record written by ``to_dict`` (re-reporting without re-running clips)."""
        clip = Clip(Path(d["path"]), d["transcript"], d["speaker"], d["question"],
                    Expected.parse(d["expected"]), d["condition"], d["snr"],
                    extra=d.get("extra") or {})
        return cls(clip, Outcome.from_dict(d["ours"]), Outcome.from_dict(d["baseline"]),
                   d["free"], d["confidence"], d["seconds"], d.get("error"))


class ClipRunner:
    """Holds the recogniser and protocol (loaded once per process)."""

    def __init__(self, protocol: Protocol | None = None, recognizer: Any = None) -> None:
        from voice.asr import Recognizer  # loads the model: only when clips are run
        from voice.decoders import DecoderPool

        self.protocol = protocol or load_protocol()
        # As the check-in hears its first answer: new decoders for every clip, so that
        # no figure depends on the order of the clips or the number of workers.
        self.recognizer = recognizer or Recognizer(alternatives=0,
                                                   decoders=DecoderPool(max_idle=0))
        self.baseline = Baseline(self.protocol)

    def __call__(self, clip: Clip) -> Record:
        from voice.audio import read_wav
        from voice.dialog import Ask, CheckIn
        from voice.errors import AftercareError
        from voice.listen import listen

        question = self.protocol.question(clip.question)
        try:
            audio = read_wav(clip.path)
        except AftercareError as err:
            empty = Outcome("", "none")
            return Record(clip, empty, empty, "", 0.0, 0.0, str(err))
        dialog = CheckIn(self.protocol)
        ask = [e for e in dialog.goto(question.id) if isinstance(e, Ask)][-1]
        started = time.perf_counter()
        heard, free = listen(self.recognizer, audio, ask.grammar, ask.narrow)
        events = dialog.hear(heard)
        seconds = time.perf_counter() - started
        decided = dialog.decision.meaning.text if dialog.decision else heard.text
        pending = dialog.reading_back
        ours = dialog_outcome(question, decided, events, dialog.findings, self.protocol,
                              pending)
        base = self.baseline.outcome(question, free.text)
        return Record(clip, ours, base, free.text, heard.confidence, seconds)


_runner: ClipRunner | None = None


def _init_worker() -> None:
    global _runner
    _runner = ClipRunner()


def _run_one(clip: Clip) -> Record:
    assert _runner is not None
    return _runner(clip)


def evaluate(clips: Sequence[Clip], jobs: int = 1,
             progress: Callable[[int, int], None] | None = None) -> list[Record]:
    """Run every clip (in ``jobs`` processes, results in manifest order)."""
    records: list[Record] = []
    if jobs <= 1 or len(clips) < 20:
        runner = ClipRunner()
        for clip in clips:
            records.append(runner(clip))
            if progress:
                progress(len(records), len(clips))
        return records
    with multiprocessing.get_context("fork").Pool(jobs, initializer=_init_worker) as pool:
        for record in pool.imap(_run_one, clips, chunksize=8):
            records.append(record)
            if progress:
                progress(len(records), len(clips))
    return records


# -- reporting -----------------------------------------------------------------------------


def group(records: Iterable[Record], protocol: Protocol,
          key: Callable[[Clip], str]) -> dict[str, dict[str, Summary]]:
    """group name -> system -> Summary (clips that could not be read are left out)."""
    flags = red_flags(protocol)
    ok = [r for r in records if r.error is None]
    out: dict[str, dict[str, Summary]] = {}
    for system in SYSTEMS:
        scored = [(r.clip, score(r.clip, r.outcome(system), flags)) for r in ok]
        for name, summary in summarise(scored, key).items():
            out.setdefault(name, {})[system] = summary
    return out


def pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def markdown_table(groups: dict[str, dict[str, Summary]], title: str = "group") -> str:
    head = (f"| {title} | system | clips | answer accuracy | wrong answer | re-prompt | "
            "confirm | red-flag recall (missed/n) | false red flag | WER |")
    lines = [head, "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for name, systems in groups.items():
        for system, s in systems.items():
            recall = "—" if not s.red_flags else f"{pct(s.recall)} ({s.missed}/{s.red_flags})"
            lines.append(
                f"| {name} | {system} | {s.clips} | {pct(s.accuracy)} | {pct(s.wrong_rate)} "
                f"| {pct(s.reprompt_rate)} "
                f"| {pct(s.confirm_rate) if system == 'ours' else '—'} | {recall} "
                f"| {pct(s.false_flag_rate)} | {pct(s.wer)} |")
    return "\n".join(lines)


def red_flag_misses(records: Iterable[Record], protocol: Protocol,
                    system: str = "ours") -> list[str]:
    """One line per red-flag clip the system missed: clip, SNR, heard, what it did."""
    flags = red_flags(protocol)
    lines = []
    for r in records:
        if r.error is not None:
            continue
        o = r.outcome(system)
        if score(r.clip, o, flags).red_flag != "missed":
            continue
        lines.append(f"{r.clip.path.name} ({r.clip.condition} {r.clip.snr_bucket}, "
                     f"{r.clip.question}): said {r.clip.transcript!r}, heard {o.heard!r} "
                     f"(free-form {r.free!r}, confidence {r.confidence:.2f}); "
                     f"{o.action} {o.value!r}, next: {o.said!r}")
    return lines
