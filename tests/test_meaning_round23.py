"""Round 23 (session 19): an echo with "eh", numbness as "wooden" or "buzzy", bladder
control and retention in more words, back pain that relievers do not touch or that
hurts more than yesterday, not being able to look, and more complaints. Tuned on blind
sets 38 and 39 (and the older dev sets); blind sets 40 and 41 were written first and
held out (docs/understanding.md, round 23); they are dev sets since round 24."""

from __future__ import annotations

import pytest
from typed_dialog import meaning, status

from voice.commands.interpret import interpret


def test_an_echo_asked_with_eh_is_still_an_echo(protocol):
    u = meaning(protocol, "fever eh no no i'm not feverish it's the ears that are bad love",
                "fever")
    assert u.value == "no" and status(u, "fever") == "absent"


def test_kindly_is_no_word_of_a_request(protocol):
    assert meaning(protocol, "kindly repeat the question", "fever").meta == "repeat"


@pytest.mark.parametrize("question, text, symptom", [
    ("leg_numbness", "like wooden legs no feeling", "leg_numbness"),
    ("anything_else", "is it normal that my left leg feels kind of buzzy", "leg_numbness"),
    ("bladder_bowel", "my pipi is not listening to me anymore", "bladder_bowel_loss"),
    ("anything_else", "i pooed a little without noticing", "bladder_bowel_loss"),
    ("anything_else", "i'm not able to pass urine properly", "bladder_bowel_loss"),
    ("back_pain", "yes it's like a knife and the pain killers don't touch it",
     "severe_worsening_pain"),
    ("back_pain", "it hurts much more than yesterday", "severe_worsening_pain"),
    ("headache", "headache yes and the tablets don't do a thing for it", "persistent_headache"),
])
def test_more_ways_to_say_a_symptom(protocol, question, text, symptom):
    assert status(meaning(protocol, text, question), symptom) in ("present", "uncertain")


def test_relievers_that_are_enough_are_no_severe_pain(protocol):
    # "Nothing" is no failed relief here: the ibuprofen handles it.
    u = meaning(protocol, "a bit but nothing ibuprofen can't handle", "back_pain")
    assert status(u, "severe_worsening_pain") is None


def test_no_feeling_said_fine_is_still_no_numbness(protocol):
    assert meaning(protocol, "no feeling's fine thanks", "leg_numbness").value == "no"


def test_not_being_able_to_see_the_site_is_not_sure(protocol):
    assert meaning(protocol, "how would i see my own back i'm not an owl",
                   "site_infection").value == "unsure"


@pytest.mark.parametrize("text", ["i'm a bit blocked up from the tablets",
                                  "he's been hot to touch and a bit delirious since tea"])
def test_more_complaints(protocol, text):
    assert interpret(text, protocol, protocol.question("anything_else"))["concerns"]
