"""The project's written sentences, spoken: red flags caught through ``interpret --wav``
and through a ``--jsonl`` check-in, clip by clip.

tests/data/utterances.tsv (written for the project, never tuned on here) holds answers
with the symptom statuses they should give. Every row with a red flag (an emergency or
urgent symptom present or uncertain) is rendered by espeak-ng with several voices and
heard two ways, both real code paths:

- ``interpret --wav`` at the row's question (the free question for a volunteered
  sentence): ``voice.commands.interpret._from_wav``;
- a ``--jsonl`` check-in (``Session`` with ``JsonlInput``/``JsonlOutput``) answered in
  text up to that question, then ``{"wav": ...}``.

Caught: the red flag is recorded present or uncertain, a confirmation of it is asked,
or the emergency message is said. Both figures, and every clip where they differ.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchmarks.corpus import Renderer, write_wav
from voice.protocol import Protocol, Question, load_protocol

ROOT = Path(__file__).resolve().parent.parent
UTTERANCES = ROOT / "tests" / "data" / "utterances.tsv"
# (espeak-ng voice, words per minute): the voice the issue heard the sentences with
# (not a project default), and two others.
VOICES = (("en-us+m3", 150), ("en-gb-scotland", 160), ("en-us+f3", 160))
PRESENT_LIKE = ("present", "uncertain")


@dataclass(frozen=True)
class Sentence:
    question: str  # "" for a volunteered sentence
    text: str
    flags: tuple[str, ...]  # red-flag symptoms expected present or uncertain


@dataclass(frozen=True)
class Result:
    sentence: Sentence
    voice: str
    interpret: bool  # caught through interpret --wav
    checkin: bool  # caught through the --jsonl check-in
    heard: str  # what interpret --wav decided on
    note: str
    baseline: bool  # caught by the naive baseline on the free-form transcript


def sentences(protocol: Protocol, path: Path = UTTERANCES) -> list[Sentence]:
    flags = {s for s, sym in protocol.symptoms.items() if sym.red_flag}
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        question, text, statuses, *_ = line.split("\t") + ["", ""]
        expected = [part.split("=") for part in statuses.split(",") if "=" in part]
        red = tuple(s.strip() for s, st in expected
                    if s.strip() in flags and st.strip() in PRESENT_LIKE)
        if red:
            found.append(Sentence(question.strip(), text.strip(), red))
    return found


def _question(protocol: Protocol, sentence: Sentence) -> Question:
    if sentence.question:
        return protocol.question(sentence.question)
    return next(q for q in protocol.questions if q.answer == "free")


def _typed(q: Question, target: Question) -> str:
    """A typed answer to ``q`` that keeps the check-in on its way to ``target``."""
    if q.answer == "scale":
        return "2"
    if q.answer == "choice":
        return q.choices[0].id
    if q.answer == "temperature":
        return "i don't know"
    wanted = dict(target.ask_if).get(q.id, frozenset())
    # "Not sure" opens a follow-up without raising an emergency (fever -> temperature).
    return "not sure" if "unsure" in wanted else "yes" if "yes" in wanted else "no"


def prefix(protocol: Protocol, target: Question) -> list[str]:
    """Typed answers that bring a fresh check-in to ``target``."""
    from voice.dialog import Ask, CheckIn, Heard

    dialog = CheckIn(protocol)
    events = dialog.start()
    typed: list[str] = []
    for _ in range(len(protocol.questions) + 2):
        ask = [e for e in events if isinstance(e, Ask)][-1]
        if ask.question == target.id:
            return typed
        question = protocol.question(ask.question)
        typed.append(_typed(question, target))
        events = dialog.hear(Heard(typed[-1]))
    raise RuntimeError(f"the check-in never reaches {target.id}")


def caught_in_checkin(protocol: Protocol, target: Question, wav: Path,
                      flags: tuple[str, ...]) -> bool:
    from voice.dialog import CheckIn
    from voice.session import JsonlInput, JsonlOutput, Session

    lines = [json.dumps({"text": t}) for t in prefix(protocol, target)]
    lines.append(json.dumps({"wav": str(wav)}))
    out = io.StringIO()
    Session(CheckIn(protocol), JsonlInput(io.StringIO("\n".join(lines) + "\n")),
            JsonlOutput(out)).run()
    said = [json.loads(line) for line in out.getvalue().splitlines()]
    heard_at = max(i for i, m in enumerate(said)
                   if m.get("type") == "ask" and m.get("question") == target.id)
    after = said[heard_at + 1:]
    emergency = protocol.messages["emergency"].split("{", 1)[0]
    result = next(m for m in said if m.get("type") == "result")
    symptoms = result.get("symptoms", {})
    return any(
        symptoms.get(s, {}).get("status") in PRESENT_LIKE
        or any(m.get("question") == f"confirm:{s}" for m in after)
        for s in flags) or any(m.get("text", "").startswith(emergency) for m in after)


def caught_by_interpret(protocol: Protocol, target: Question, wav: Path,
                        flags: tuple[str, ...]) -> tuple[bool, str, str, bool]:
    from voice.commands.interpret import _from_wav
    from voice.evaluate import Baseline

    result = _from_wav(wav, protocol, target, "911")
    statuses = {f["symptom"]: f["status"] for f in result["symptoms"]}
    caught = any(statuses.get(s) in PRESENT_LIKE or s in result["confirm"] for s in flags) \
        or result["action"] == "emergency"
    baseline = bool(Baseline(protocol).outcome(target, result["free"]).flagged & set(flags))
    return caught, result["transcript"], f"{result['action']}: {result['decision']}", baseline


_state: dict = {}


def _init(folder: str) -> None:
    _state["protocol"] = load_protocol()
    _state["folder"] = Path(folder)
    _state["render"] = Renderer()


def _one(job: tuple[int, Sentence, str, int]) -> Result:
    i, sentence, voice, rate = job
    protocol = _state["protocol"]
    samples = _state["render"](sentence.text, voice, rate)
    pad = np.zeros(int(0.3 * 16000))
    wav = _state["folder"] / f"s{i:03d}_{voice.replace('+', '-')}.wav"
    write_wav(wav, np.concatenate([pad, samples, pad]))
    target = _question(protocol, sentence)
    via_interpret, heard, note, base = caught_by_interpret(protocol, target, wav,
                                                           sentence.flags)
    via_checkin = caught_in_checkin(protocol, target, wav, sentence.flags)
    wav.unlink()
    return Result(sentence, voice, via_interpret, via_checkin, heard, note, base)


def run(jobs: int = 2, limit: int | None = None,
        progress: Callable[[int, int], None] | None = None) -> list[Result]:
    protocol = load_protocol()
    rows = sentences(protocol)[:limit]
    work = [(i, s, v, r) for i, s in enumerate(rows) for v, r in VOICES]
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="sentences-") as folder, \
            multiprocessing.get_context("fork").Pool(
                jobs, initializer=_init, initargs=(folder,)) as pool:
        for result in pool.imap(_one, work, chunksize=4):
            results.append(result)
            if progress:
                progress(len(results), len(work))
    return results


def table(results: list[Result]) -> str:
    lines = ["| voice | red-flag sentences | caught, interpret --wav | caught, --jsonl "
             "check-in | clips where they differ | caught, baseline (free-form + fuzzy) |",
             "|---|--:|--:|--:|--:|--:|"]
    for voice in [v for v, _ in VOICES] + ["all"]:
        chosen = [r for r in results if voice in ("all", r.voice)]
        if not chosen:
            continue
        n = len(chosen)
        a = sum(r.interpret for r in chosen)
        b = sum(r.checkin for r in chosen)
        differ = sum(r.interpret != r.checkin for r in chosen)
        c = sum(r.baseline for r in chosen)
        lines.append(f"| {voice} | {n} | {100 * a / n:.1f}% ({a}) | {100 * b / n:.1f}% ({b}) "
                     f"| {differ} | {100 * c / n:.1f}% ({c}) |")
    missed = [r for r in results if not r.interpret or not r.checkin]
    if missed:
        lines.append(f"\nMissed ({len(missed)}):\n")
        lines += [f"- {r.voice}, at {r.sentence.question or 'anything_else'}: "
                  f"{r.sentence.text!r} (red flag {', '.join(r.sentence.flags)}) heard "
                  f"{r.heard!r}; {r.note}; interpret {'caught' if r.interpret else 'missed'}, "
                  f"check-in {'caught' if r.checkin else 'missed'}" for r in missed]
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    limit = int(sys.argv[1]) if len(sys.argv) > 1 else None
    print(table(run(limit=limit)))
