"""``aftercare questions [--json]``: the protocol's questions, in the order asked."""

from __future__ import annotations

import argparse
import json
from typing import Any

from voice.protocol import Question, load_protocol

NAME = "questions"
HELP = "list the check-in questions (id, text, answer type) from intents/"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="one JSON array of questions")
    parser.add_argument("--intents", metavar="DIR", help="protocol directory (default: intents/)")


def question_dict(q: Question) -> dict[str, Any]:
    return {
        "id": q.id,
        "text": q.text,
        "answer": q.answer,
        "symptom": q.symptom,
        "red_flag": q.red_flag,
        "ask_if": {qid: sorted(values) for qid, values in q.ask_if},
        "choices": [{"id": c.id, "text": c.text} for c in q.choices],
        "range": list(q.range) if q.range else None,
        "reprompts": list(q.reprompts),
        "help": q.help,
    }


def run(args: argparse.Namespace) -> int:
    protocol = load_protocol(args.intents)
    if args.json:
        print(json.dumps([question_dict(q) for q in protocol.questions], indent=2,
                         ensure_ascii=False))
        return 0
    for q in protocol.questions:
        condition = "; ".join(f"if {qid} is {'/'.join(sorted(v))}" for qid, v in q.ask_if)
        flag = " red-flag" if q.red_flag else ""
        print(f"{q.id} [{q.answer}{flag}]{' (' + condition + ')' if condition else ''}: {q.text}")
    return 0
