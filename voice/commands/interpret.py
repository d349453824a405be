"""``aftercare interpret``: what the assistant understands from one answer.

For each input: the normalised text, the answer value for ``--question`` (yes, no,
unsure, a number, a choice id), the symptoms with their status, and the disposition
those symptoms alone imply. ``--batch FILE`` reads one input per line ("-" for stdin;
``wav:PATH`` lines are transcribed first) and writes one JSON line per input, in order.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from voice.errors import AftercareError
from voice.protocol import Protocol, Question, load_protocol
from voice.triage import combine, triage
from voice.understand import ABSENT, UNCERTAIN, Finding, understand

NAME = "interpret"
HELP = "show what one answer means: value, symptoms (present/absent/uncertain), disposition"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", nargs="*", metavar="TEXT", help="the answer (words are joined)")
    parser.add_argument("--question", metavar="ID", help="the question being answered")
    parser.add_argument("--json", action="store_true", help="print JSON")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--batch", metavar="FILE",
                        help="one input per line ('-' for stdin); one JSON line out per input")
    source.add_argument("--wav", nargs="+", metavar="FILE", help="transcribe these WAV files")
    parser.add_argument("--emergency-number", default="911", metavar="NUMBER")
    parser.add_argument("--intents", metavar="DIR", help="protocol directory (default: intents/)")


def interpret(text: str, protocol: Protocol, question: Question | None,
              emergency_number: str = "911") -> dict[str, Any]:
    """The JSON-ready meaning of one answer (stable key order)."""
    meaning = understand(text, protocol, question)
    unanswered = []
    if question is not None and question.red_flag and meaning.meta is None and \
            meaning.value in (None, "unsure") and not any(
                f.symptom == question.symptom and f.status != ABSENT for f in meaning.symptoms):
        unanswered.append(question.id)
    decision = triage(meaning.symptoms, unanswered, protocol, emergency_number=emergency_number,
                      concerns=meaning.concerns)
    return {
        "input": text,
        **meaning.to_dict(),
        "disposition": decision.disposition,
        "reasons": list(decision.reasons),
        "unanswered": list(decision.unanswered),
    }


def run(args: argparse.Namespace) -> int:
    protocol = load_protocol(args.intents)
    question = protocol.question(args.question) if args.question else None
    if args.batch:
        if args.text:
            raise AftercareError("give either TEXT or --batch FILE, not both")
        return _batch(args.batch, protocol, question, args.emergency_number)
    if args.wav:
        if args.text:
            raise AftercareError("give either TEXT or --wav FILE, not both")
        results = [_from_wav(Path(p), protocol, question, args.emergency_number)
                   for p in args.wav]
    else:
        if not args.text:
            raise AftercareError("nothing to interpret: give TEXT, --wav FILE or --batch FILE")
        results = [interpret(" ".join(args.text), protocol, question, args.emergency_number)]
    for result in results:
        if args.json:
            print(json.dumps(result, ensure_ascii=False))
        else:
            _print_human(result, sys.stdout)
    return 0


def _batch(path: str, protocol: Protocol, question: Question | None, number: str) -> int:
    failed = 0
    out = sys.stdout
    for line in _lines(path):
        try:
            if line.startswith("wav:"):
                result = _from_wav(Path(line[4:].strip()), protocol, question, number)
            else:
                result = interpret(line, protocol, question, number)
        except AftercareError as err:
            failed += 1
            result = {"input": line, "error": str(err)}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    out.flush()
    return 1 if failed else 0


def _lines(path: str) -> Iterator[str]:
    if path == "-":
        for line in sys.stdin:
            yield line.rstrip("\r\n")
        return
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                yield line.rstrip("\r\n")
    except FileNotFoundError:
        raise AftercareError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise AftercareError(f"{path}: cannot be read ({err})") from None


def _from_wav(path: Path, protocol: Protocol, question: Question | None,
              number: str) -> dict[str, Any]:
    """Hear and decide the file exactly as the check-in does at this question (the free
    question when none is given): a ``CheckIn`` sent there, ``listen`` with its prompt's
    grammars, ``hear`` (voice/decide.py), and triage of what the check-in then knows."""
    from voice.asr import Recognizer
    from voice.audio import read_wav
    from voice.listen import listen

    q = question or next(q for q in protocol.questions if q.answer == "free")
    audio = read_wav(path)
    outcome = hear_at(protocol, q, lambda ask: listen(
        Recognizer(alternatives=0), audio, ask.grammar, ask.narrow)[0], number)
    return {"wav": str(path), **outcome}


def hear_at(protocol: Protocol, question: Question, hear: Any,
            emergency_number: str = "911") -> dict[str, Any]:
    """One answer at ``question`` through the check-in: ``hear(ask)`` gives the Heard for
    the prompt ``ask``. The result: what was heard and decided, what the check-in does
    next, and the disposition of what it knows then (a red flag it asks to confirm
    counts as uncertain, a red-flag question asked again as unanswered)."""
    from voice.dialog import Answered, Ask, CheckIn, Say, Settings

    dialog = CheckIn(protocol, Settings(emergency_number=emergency_number))
    ask = [e for e in dialog.goto(question.id) if isinstance(e, Ask)][-1]
    heard = hear(ask)
    events = dialog.hear(heard)
    decision = dialog.decision
    meaning = decision.meaning if decision else understand(heard.text, protocol, question)
    asks = [e for e in events if isinstance(e, Ask)]
    answered = next((e for e in events if isinstance(e, Answered)
                     and e.question == question.id), None)
    findings = dict(dialog.findings)
    confirming = [a.question.split(":", 1)[1] for a in asks if a.question.startswith("confirm:")]
    for symptom, words in dialog.awaiting:  # asked now, or waiting to be asked next
        if findings.get(symptom) is None or findings[symptom].status == ABSENT:
            findings[symptom] = Finding(symptom, UNCERTAIN, words)
    emergency = protocol.messages["emergency"].split("{", 1)[0]
    if any(isinstance(e, Say) and e.text.startswith(emergency) for e in events):
        action = "emergency"
    elif answered is not None:
        action = "answered"
    elif confirming or dialog.reading_back is not None:
        action = "confirm"
    elif decision is not None and decision.action == "meta":
        action = "meta"
    else:
        action = "reprompt"
    unanswered = list(dialog.unanswered)
    if action == "reprompt" and question.red_flag and question.id not in unanswered:
        unanswered.append(question.id)
    decision_ = triage(combine({}, findings.values()), unanswered, protocol,
                       emergency_number=emergency_number, concerns=list(dialog.concerns))
    value = answered.value if answered else dialog.reading_back
    if action == "emergency" and value is None and meaning.value is not None:
        value = meaning.value  # the emergency took over before the answer was recorded
    return {
        "transcript": meaning.text, "confidence": decision.support if decision else 1.0,
        "alternatives": [u.text for u in (decision.extra if decision else ()) if u.text],
        "input": meaning.text, **meaning.to_dict(), "value": value,
        "symptoms": [f.to_dict() for f in sorted(findings.values(), key=_order(protocol))],
        "free": next((p.text for p in heard.passes if p.name == "free"), heard.text),
        "action": action, "confirm": confirming,
        "next": next((e.text for e in events if isinstance(e, Say | Ask)), ""),
        "decision": decision.why if decision else "",
        "disposition": decision_.disposition,
        "reasons": list(decision_.reasons),
        "unanswered": list(decision_.unanswered),
    }


def _order(protocol: Protocol) -> Any:
    ids = list(protocol.symptoms)
    return lambda f: ids.index(f.symptom) if f.symptom in ids else len(ids)


def _print_human(result: dict[str, Any], out: TextIO) -> None:
    if "wav" in result:
        print(f"transcript: {result['transcript']} (confidence {result['confidence']:.2f})",
              file=out)
    print(f"heard: {result['text'] or '(nothing)'}", file=out)
    if result["meta"]:
        print(f"request: {result['meta']}", file=out)
    value = "unknown" if result["value"] is None else result["value"]
    hedge = " (hedged)" if result["hedged"] else ""
    print(f"answer: {value}{hedge}", file=out)
    for f in result["symptoms"]:
        print(f"symptom: {f['symptom']} {f['status']}", file=out)
    if result.get("clarify"):
        print("unclear: the words point both ways; the check-in asks once more", file=out)
    for concern in result.get("concerns", []):
        print(f"concern (cannot be judged here): {concern}", file=out)
    for symptom in result.get("hinted", []):
        print(f"ask about: {symptom}", file=out)
    if "action" in result:
        print(f"check-in: {result['action']} ({result['decision']}); next: {result['next']}",
              file=out)
    print(f"disposition: {result['disposition']}", file=out)
    for reason in result["reasons"]:
        print(f"  because {reason}", file=out)
