"""Understanding on the fresh test set (tests/data/fresh_answers.tsv), dev and held-out apart.

The set was written before the phrases and code of issue 9 were changed; its split
(dev / held-out) was fixed before the first measurement. Every figure is reported for
each part separately; only dev failures are listed unless --show-held-out is given
(held-out failures are not looked at while tuning).

    .venv/bin/python benchmarks/fresh_eval.py [--show-dev] [--show-held-out] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from voice.commands.interpret import interpret
from voice.protocol import Protocol, load_protocol

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "data" / "fresh_answers.tsv"


@dataclass(frozen=True)
class Case:
    split: str
    question: str
    text: str
    value: str  # "*" unchecked, "-" none, "a|b" alternatives
    statuses: dict[str, tuple[str, ...]]
    dispositions: tuple[str, ...]
    concern: bool


def load_cases(path: Path = CASES) -> list[Case]:
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        split, question, text, value, statuses, disposition, concern = line.split("\t")
        want = {} if statuses == "-" else {
            s.strip(): tuple(x.strip() for x in st.split("/"))
            for s, st in (x.split("=") for x in statuses.split(","))}  # "a=x, b=y" too
        assert split in ("dev", "held-out"), number
        assert concern in ("yes", "no"), number
        out.append(Case(split, question, text, value, want, tuple(disposition.split("/")),
                        concern == "yes"))
    return out


@dataclass
class Score:
    n: int = 0
    disposition_ok: int = 0
    emergencies: int = 0
    emergencies_found: int = 0
    red_flags_said: int = 0
    red_flags_absent: int = 0  # a red flag said, reported absent / not found
    # ... of which the answer was read (a "no", a number, a choice): the dangerous part.
    # The rest were not understood at all, and the dialog asks the question again.
    red_flags_read_absent: int = 0
    relative: int = 0  # question-relative answers (an expected value at a question)
    relative_ok: int = 0
    concerns: int = 0
    concerns_recorded: int = 0
    false_concerns: int = 0
    statuses_ok: int = 0
    failures: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None
        return {
            "cases": self.n,
            "disposition_accuracy": ratio(self.disposition_ok, self.n),
            "emergency_recall": ratio(self.emergencies_found, self.emergencies),
            "emergencies": self.emergencies,
            "red_flags_said": self.red_flags_said,
            "red_flags_reported_absent": self.red_flags_absent,
            "red_flags_read_as_absent": self.red_flags_read_absent,
            "question_relative_accuracy": ratio(self.relative_ok, self.relative),
            "question_relative_cases": self.relative,
            "concerns_recorded": f"{self.concerns_recorded}/{self.concerns}",
            "false_concerns": self.false_concerns,
            "statuses_exact": ratio(self.statuses_ok, self.n),
        }


def _value_ok(want: str, result: dict[str, Any]) -> bool:
    options = want.split("|")
    if "clarify" in options and result.get("clarify"):
        return True
    got = result["value"]
    if got is None:
        # Read back ("So rest or pain relievers ease the pain. Is that right?"): the
        # patient's yes keeps it, a no asks the question again (not a wrong answer).
        got = result.get("suggested")
    for option in options:
        if option == "-" and got is None:
            return True
        if got is None or option in ("-", "clarify"):
            continue
        if isinstance(got, int | float) and not isinstance(got, bool):
            try:
                if abs(float(option) - float(got)) < 1e-6:
                    return True
            except ValueError:
                pass
        elif str(got) == option:
            return True
    return False


def reported(result: dict[str, Any], protocol: Protocol) -> dict[str, str]:
    """Each symptom's status as the check-in reports it. A red-flag question left
    without a usable answer ("not sure, i haven't checked") leaves its symptom open:
    the question is listed unanswered and the result is at least urgent (DESIGN.md
    safety rule 2), so the symptom counts as ``uncertain`` here, never as absent; so
    does a red flag the similarity net points at (``similar``: the check-in asks)."""
    got = {f["symptom"]: f["status"] for f in result["symptoms"]}
    for symptom in result.get("similar", []):
        # The answer sounds like a red flag its words did not raise: the check-in asks
        # about it before going on (docs/dialog.md), so it is open, not absent.
        if got.get(symptom, "absent") == "absent":
            got[symptom] = "uncertain"
    if result.get("clarify") and result.get("question"):
        # Words pointing both ways: the dialog asks one clarifying question, and a
        # red-flag question still without an answer ends unanswered (at least urgent).
        open_questions = [result["question"]]
    elif result.get("value") == "unsure":
        open_questions = result.get("unanswered", [])
    else:
        return got  # not understood at all: the dialog would ask again, a miss here
    for qid in open_questions:
        q = protocol.question(qid)
        # The symptom it asks about: a yes/no question's, or a choice's ("worse" at
        # the trend question is severe pain, so the trend left open leaves that open).
        for symptom in [q.symptom] + [c.symptom for c in q.choices]:
            if symptom and got.get(symptom, "absent") == "absent":
                got[symptom] = "uncertain"
    return got


def evaluate(protocol: Protocol, cases: list[Case]) -> dict[str, Score]:
    red = {s for s, v in protocol.symptoms.items() if v.red_flag}
    scores = {"dev": Score(), "held-out": Score()}
    for case in cases:
        s = scores[case.split]
        q = protocol.question(case.question) if case.question else None
        result = interpret(case.text, protocol, q)
        got = reported(result, protocol)
        concerns = result.get("concerns", [])
        problems = []
        s.n += 1
        if result["disposition"] in case.dispositions:
            s.disposition_ok += 1
        else:
            problems.append(f"disposition {result['disposition']}")
        if case.dispositions == ("emergency",):
            s.emergencies += 1
            s.emergencies_found += result["disposition"] == "emergency"
        for symptom, statuses in case.statuses.items():
            if symptom in red and "absent" not in statuses:
                s.red_flags_said += 1
                if got.get(symptom, "absent") == "absent":
                    s.red_flags_absent += 1
                    s.red_flags_read_absent += result["value"] is not None
                    problems.append(f"{symptom} said, reported absent")
        if case.question and case.value != "*":
            s.relative += 1
            if _value_ok(case.value, result):
                s.relative_ok += 1
            else:
                problems.append(f"value {result['value']!r}")
        if case.concern:
            s.concerns += 1
            s.concerns_recorded += bool(concerns)
            if not concerns:
                problems.append("concern not recorded")
        elif concerns:
            s.false_concerns += 1
            problems.append(f"false concern {concerns}")
        exact = all(got.get(sym, "absent") in st for sym, st in case.statuses.items()) and \
            not any(st != "absent" and sym not in case.statuses for sym, st in got.items())
        s.statuses_ok += exact
        if not exact:
            problems.append(f"statuses {got}")
        if problems:
            s.failures.append(f"[{case.question or '-'}] {case.text!r}: " + "; ".join(problems))
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--show-dev", action="store_true", help="list dev failures")
    parser.add_argument("--show-held-out", action="store_true",
                        help="list held-out failures (not while tuning)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    scores = evaluate(load_protocol(), load_cases(args.cases))
    if args.json:
        print(json.dumps({k: v.figures() for k, v in scores.items()}, indent=1))
    else:
        for split, score in scores.items():
            print(f"{split}: " + ", ".join(f"{k} {v}" for k, v in score.figures().items()))
    for split, show in (("dev", args.show_dev), ("held-out", args.show_held_out)):
        if show:
            print(f"\n{split} failures:")
            for line in scores[split].failures:
                print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
