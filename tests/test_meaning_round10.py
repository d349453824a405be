"""Issue 9, round 10's words (session 7, tuned on blind sets 11-13): composed words for
numbness, weakness, bladder and bleeding, idioms that mean no, position words, and
complaints (the sentences are the rules' own examples, not rows of a blind set)."""

from __future__ import annotations

import pytest
from typed_dialog import meaning, status


@pytest.mark.parametrize("question, text, symptom", [
    ("leg_numbness", "i poked my calf with a pen and could hardly feel it", "leg_numbness"),
    ("leg_numbness", "my shin feels like it isn't mine", "leg_numbness"),
    ("anything_else", "some paraesthesia in my left foot", "leg_numbness"),
    ("leg_weakness", "my legs are like overcooked spaghetti", "leg_weakness"),
    ("bladder_bowel", "i didn't even realise till it was running down my leg",
     "bladder_bowel_loss"),
    ("site_bleeding", "i've gone through three dressings since lunch", "significant_bleeding"),
])
def test_round_10_composed_words(protocol, question, text, symptom):
    assert status(meaning(protocol, text, question), symptom) == "present"


@pytest.mark.parametrize("question, text, symptom", [
    ("leg_weakness", "my wife had to take my arm to get me up the stairs", "leg_weakness"),
    ("leg_weakness", "i keep catching my foot on the rug", "leg_weakness"),
])
def test_help_to_get_up_and_a_catching_foot_are_possible_weakness(protocol, question, text,
                                                                  symptom):
    u = meaning(protocol, text, question)
    assert status(u, symptom) in ("uncertain", "present")
    assert not u.concerns  # "my arm" here is no complaint about an arm


def test_a_nurse_denying_paraesthesia_is_a_no(protocol):
    u = meaning(protocol, "no paraesthesia and no saddle anaesthesia", "leg_numbness")
    assert u.value == "no" and status(u, "leg_numbness") == "absent"


@pytest.mark.parametrize("text", ["not in the slightest", "not once",
                                  "not as far as i'm aware", "not a sausage"])
def test_idioms_that_mean_no(protocol, text):
    assert meaning(protocol, text, "fever").value == "no"


@pytest.mark.parametrize("text", ["it comes and goes", "little bit"])
def test_on_and_off_is_a_hedged_yes(protocol, text):
    u = meaning(protocol, text, "back_pain")
    assert u.value == "yes" and u.hedged


@pytest.mark.parametrize("text", ["the minute i'm up it's awful", "getting up is murder",
                                  "sitting up is hell lying down is heaven",
                                  "textbook postural"])
def test_round_10_position_words(protocol, text):
    assert meaning(protocol, text, "headache_position").value == "yes"


@pytest.mark.parametrize("text", [
    "i can't get my chin down onto my chest", "my neck is so stiff i can't bend it",
    "it stings when i pass water", "my toes have gone a funny blue colour",
    "the whites of his eyes have gone a bit yellow", "i keep seeing two of everything",
    "i can't get my breath walking to the kitchen", "i slipped and banged my head",
    "she's so drowsy i can hardly wake her", "the bruise keeps getting bigger",
    "every noise goes right through me"])
def test_round_10_complaints(protocol, text):
    assert meaning(protocol, text, "anything_else").concerns


def test_a_stiff_neck_alone_is_a_complaint_since_round_16(protocol):
    assert meaning(protocol, "my neck feels a bit stiff", "anything_else").concerns
    assert not meaning(protocol, "my neck isn't stiff", "anything_else").concerns


@pytest.mark.parametrize("question, text, value", [
    ("pain_trend", "it settled and then it came back with a vengeance", "worse"),
    ("pain_trend", "better, it hasn't come back", "better"),
    ("pain_relief", "it comes and goes even with the tablets", "yes"),
    ("headache_relief", "yes nothing's shifting it", "yes"),
])
def test_pain_that_returns_or_will_not_shift(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


def test_no_water_passed_for_hours_is_asked_about(protocol):
    # Retention is not "loss of control", but a possible bladder problem: asked, as
    # the earlier "nothing comes out" is.
    u = meaning(protocol, "i haven't been for a wee since breakfast", "bladder_bowel")
    assert status(u, "bladder_bowel_loss") == "uncertain"
    assert meaning(protocol, "no i have not had any accidents", "bladder_bowel").value == "no"
