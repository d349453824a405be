"""session.py: the outputs are told what to prepare, at the start and at each new rate."""

from __future__ import annotations

import io

from voice.dialog import CheckIn
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
    rates = [rate for rate, _ in output.prepared]
    assert output.prepared[0] == (160, dialog.prompts())
    assert len(rates) == 2 and rates[1] < 160  # "slower": everything again, slower
    for _, texts in output.prepared:
        # The questions first (the likeliest next), then re-prompts and messages.
        assert texts[:len(questions)] == questions
        assert protocol.message("not_understood") in texts
        assert protocol.message("confirm_red_flag", symptom_phrase="a fever") in texts
        assert len(texts) == len(set(texts))
