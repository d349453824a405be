"""Round 28 (session 20): more red flags told as what happened or felt (legs asleep that
won't wake, no feeling from the waist down, a leg that won't follow, a bowel that can't
be held), "not measured" as not sure, number words typed in a hurry. Tuned on blind
sets 48 and 49 (and the older dev sets); blind sets 50 and 51 were written by separate
sessions while the round ran, without the code, and held out (docs/understanding.md,
round 28); they are dev sets since round 29."""

from __future__ import annotations

import pytest
from typed_dialog import meaning, status


@pytest.mark.parametrize("question, text, symptom", [
    ("leg_numbness", "my leg feel like sleep and no wake up", "leg_numbness"),
    ("leg_numbness", "i've had no feeling from the waist down for an hour", "leg_numbness"),
    ("anything_else", "i don't feel the floor under my feet", "leg_numbness"),
    ("leg_numbness", "stood on a plug and never felt a thing", "leg_numbness"),
    ("leg_weakness", "no i can barely hold myself up", "leg_weakness"),
    ("leg_weakness", "i have no force in the legs", "leg_weakness"),
    ("leg_weakness", "going upstairs my left leg doesn't want to follow", "leg_weakness"),
    ("leg_weakness", "i need my husband to hold me up to walk", "leg_weakness"),
    ("anything_else", "i have the diarrhoea that i cannot hold", "bladder_bowel_loss"),
    ("bladder_bowel", "i wasn't able to retain the stool", "bladder_bowel_loss"),
    ("fever", "i've been like an oven all day", "fever"),
])
def test_more_ways_to_say_a_red_flag(protocol, question, text, symptom):
    assert status(meaning(protocol, text, question), symptom) in ("present", "uncertain")


def test_legs_that_hold_me_up_are_no_weakness(protocol):
    u = meaning(protocol, "the usual stiffness but they hold me up fine", "leg_weakness")
    assert u.value == "no"


@pytest.mark.parametrize("text, value", [
    ("thirty eigth point two", 38.2), ("a hundrd and two", 102), ("fourty", 40),
])
def test_number_words_typed_in_a_hurry(protocol, text, value):
    assert meaning(protocol, text, "temperature").value == value


def test_not_measured_is_not_sure(protocol):
    u = meaning(protocol, "i feel hot but i have not measured", "fever")
    assert status(u, "fever") != "absent"
