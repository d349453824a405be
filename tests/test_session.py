"""session.py: the outputs are told what to prepare, at the start and at each new rate."""

from __future__ import annotations

import io
import json

from voice.dialog import CheckIn, Heard
from voice.protocol import load_protocol
from voice.session import JsonlOutput, Session, TextInput


class Preparing(JsonlOutput):
    def __init__(self) -> None:
        super().__init__(io.StringIO())
        self.prepared: list[tuple[int, list[str]]] = []

    def prepare(self, texts, rate):
        self.prepared.append((rate, list(texts)))


def test_every_prompt_is_prepared_at_the_start_and_at_each_new_rate():
    protocol = load_protocol()
    output = Preparing()
    answers = io.StringIO("no\nslower\nno\nno\n")
    dialog = CheckIn(protocol)
    Session(dialog, TextInput(answers), output).run()
    questions = [q.text for q in protocol.questions]
    everything = [(rate, texts) for rate, texts in output.prepared
                  if set(questions) <= set(texts)]
    rates = [rate for rate, _ in everything]
    assert output.prepared[0] == (160, dialog.prompts())
    assert len(rates) == 2 and rates[1] < 160  # "slower": everything again, slower
    for _, texts in everything:
        # The questions first (the likeliest next), then re-prompts and messages.
        assert texts[:len(questions)] == questions
        assert protocol.message("not_understood") in texts
        assert protocol.message("confirm_red_flag", symptom_phrase="a fever") in texts
        assert len(texts) == len(set(texts))


def test_what_a_plain_yes_or_no_leads_to_is_prepared_before_each_answer():
    protocol = load_protocol()
    output = Preparing()
    dialog = CheckIn(protocol)
    Session(dialog, TextInput(io.StringIO("no\n" * 30)), output).run()
    said = [json.loads(line) for line in output.stream.getvalue().splitlines()]
    asks = [i for i, line in enumerate(said) if line["type"] == "ask"]
    summary = next(line["text"] for line in said[asks[-1]:] if line["type"] == "say")
    assert summary.startswith("Here is what I heard")
    # prepared after the last question was asked, while its answer was awaited
    assert summary in output.prepared[-1][1]
    assert summary not in dialog.prompts()  # not known at the start


def test_working_out_what_follows_leaves_the_dialog_as_it_was():
    protocol = load_protocol()
    dialog = CheckIn(protocol)
    dialog.start()
    dialog.hear(Heard("yes"))  # a fever: the emergency message and what comes next
    before = (dict(dialog.answers), dict(dialog.findings), dialog.emergency)
    twin = dialog.copy()
    first = dialog.following()
    assert dialog.following() == first and first
    assert (dict(dialog.answers), dict(dialog.findings), dialog.emergency) == before
    assert dialog.hear(Heard("no")) == twin.hear(Heard("no"))
