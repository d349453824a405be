"""Round 28 (session 20): more red flags told as what happened or felt (legs asleep that
won't wake, no feeling from the waist down, a leg that won't follow, a bowel that can't
be held), "not measured" as not sure, number words typed in a hurry. Tuned on blind
sets 48 and 49 (and the older dev sets); blind sets 50 and 51 were written by separate
sessions while the round ran, without the code, and held out (docs/understanding.md,
round 28)."""

from __future__ import annotations

import pytest
from typed_dialog import check_blind_set, meaning, status


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


@pytest.mark.parametrize("name, cases, floors, false_concerns", [
    # name, cases: disposition, emergencies found, reported absent, read as a "no",
    # question-relative (the figures measured at the start of round 28), false concerns
    ("blind50", 515, (0.84, 108, 13, 6, 0.88), 4),
    ("blind51", 576, (0.83, 96, 27, 7, 0.81), 5),
])
def test_blind_sets_50_and_51_held_out_regression_guard(protocol, name, cases, floors,
                                                        false_concerns):
    # Held-out: written blind in session 20 while round 28 ran (the writers saw no
    # code), scored at its start and end only, not among the answer examples.
    check_blind_set(protocol, name, cases, floors, false_concerns=false_concerns)
