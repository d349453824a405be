"""Round 30 (session 22): a number word that names a thing is no score ("THAT ONE", "he
pointed at the crying ONE"); "not so" is a degree, as "not very" is ("my leg is NOT SO
strong": the "so" no longer ends the negation and leaves a bare "not", a "no"); a hedge
said after a new subject is that clause's ("no weakness, HE'S a BIT tired"); an answer
that denies a reassurance is never read back as a "no" the similar answers gave ("it's
NOT looking so GOOD"); and words for the red flags that blind sets 52 and 53 used.
Tuned on blind sets 52 and 53 (and the older dev sets); blind sets 54 and 55 were
written by separate sessions before the round started, without the code, and held out
(docs/understanding.md, round 30)."""

from __future__ import annotations

import pytest
from typed_dialog import meaning, status


@pytest.mark.parametrize("text", [
    "he pointed at the crying one", "that one", "a bad one", "the worst one",
])
def test_one_that_names_a_thing_is_no_score(protocol, text):
    assert meaning(protocol, text, "pain_score").value is None


@pytest.mark.parametrize("text, score", [
    ("a one", 1), ("about a one", 1), ("one", 1), ("maybe a one or a two", 2),
])
def test_one_said_as_a_score_still_is(protocol, text, score):
    assert meaning(protocol, text, "pain_score").value == score


@pytest.mark.parametrize("text", [
    "my leg is not so strong like before the test", "my legs aren't so strong",
])
def test_not_so_strong_is_weakness_asked_about(protocol, text):
    u = meaning(protocol, text, "leg_weakness")
    assert u.value == "yes" and status(u, "leg_weakness") == "uncertain"


def test_not_so_numb_is_a_hedge_not_a_denial(protocol):
    # As "not very numb": an emergency sign said to be less is still asked about.
    assert status(meaning(protocol, "not so numb now", "leg_numbness"), "leg_numbness") \
        == "uncertain"


@pytest.mark.parametrize("question, text", [
    ("pain_relief", "not so much the pills take the edge off"),
    ("leg_numbness", "not so much"),
])
def test_not_so_much_is_still_a_no(protocol, question, text):
    assert meaning(protocol, text, question).value == "no"


def test_a_hedge_after_a_new_subject_is_that_clauses(protocol):
    u = meaning(protocol, "no weakness he's a bit tired that's all", "leg_weakness")
    assert u.value == "no" and status(u, "leg_weakness") == "absent"
    # ... but one said of the symptom still hedges it
    assert status(meaning(protocol, "my toes are numb a bit", "leg_numbness"),
                  "leg_numbness") == "uncertain"


@pytest.mark.parametrize("question, text", [
    ("site_infection", "it's not looking so good"),
    ("headache", "not so good"),
    ("site_infection", "it doesn't look okay"),
])
def test_a_denied_reassurance_is_never_read_back_as_a_no(protocol, question, text):
    u = meaning(protocol, text, question)
    assert u.value is None and u.suggested != "no"


@pytest.mark.parametrize("question, text, symptom", [
    ("headache_relief", "the pill dem nah work", "persistent_headache"),
    ("headache_nausea", "she cyaan keep nothing down", "headache_nausea_vomiting"),
    ("leg_weakness", "my legs they don't want to work", "leg_weakness"),
    ("leg_weakness", "they don't feel like they'll hold me up", "leg_weakness"),
    ("leg_weakness", "mi foot dem feel fi drop out from under mi", "leg_weakness"),
    ("pain_relief", "i gave him his paracetamol two hours ago and he's still grimacing",
     "severe_worsening_pain"),
    ("anything_else", "back hurts more today", "severe_worsening_pain"),
    ("anything_else", "i forgot to say my headache doesn't budge with tylenol",
     "persistent_headache"),
    ("anything_else", "there were a puddle under me chair after me nap", "bladder_bowel_loss"),
    ("anything_else", "she say she feel cold cold and shaky under the blanket", "fever"),
    ("anything_else", "my daughter says the dressing is red and soggy", "significant_bleeding"),
    ("anything_else", "wor lass says me legs went from under us on the landing",
     "leg_weakness"),
    ("anything_else", "urine came in the bed last night", "bladder_bowel_loss"),
])
def test_round_30_words_for_red_flags(protocol, question, text, symptom):
    assert status(meaning(protocol, text, question), symptom) in ("present", "uncertain")


@pytest.mark.parametrize("text", [
    "i can keep food down nothing came up", "i keep nothing in the fridge",
])
def test_nothing_down_needs_its_own_words(protocol, text):
    assert status(meaning(protocol, text, "headache_nausea"),
                  "headache_nausea_vomiting") != "present"


@pytest.mark.parametrize("text, choice", [
    ("the pain is getting more heavy", "worse"), ("getting more and more sore", "worse"),
    ("bad and badder", "worse"),
    ("ah it's going the right way", "better"), ("less today than yesterday", "better"),
])
def test_round_30_trend_words(protocol, text, choice):
    assert meaning(protocol, text, "pain_trend").value == choice


def test_a_negated_right_way_is_no_better(protocol):
    assert meaning(protocol, "it's not going the right way", "pain_trend").value != "better"


def test_relief_that_creeps_back_is_asked_about(protocol):
    u = meaning(protocol, "it eases off then creeps back", "headache_relief")
    assert u.value != "no" and u.clarify


def test_a_question_back_said_last_is_help(protocol):
    assert meaning(protocol, "numb what's that you said dear", "leg_numbness").meta == "help"


@pytest.mark.parametrize("text", [
    "he's been cool as anything", "nay they're right enough", "can't grumble there",
    "never noticed any",
])
def test_round_30_plain_noes(protocol, text):
    assert meaning(protocol, text, "leg_numbness").value == "no"


def test_right_enough_after_a_symptom_is_emphasis(protocol):
    # Scots "numb RIGHT ENOUGH" is "numb indeed": only "they're right enough" is a no.
    assert meaning(protocol, "they're numb right enough", "leg_numbness").value == "yes"


@pytest.mark.parametrize("text, want", [
    ("i've had to start wearing a pad because of it", "uncertain"),
    ("i'm wearing a pad just in case but i haven't needed it", "absent"),
])
def test_a_pad_newly_needed_is_asked_about(protocol, text, want):
    assert status(meaning(protocol, text, "bladder_bowel"), "bladder_bowel_loss") == want


@pytest.mark.parametrize("question, text, symptom", [
    ("fever", "i think i'm fine yeah", "fever"),
    ("leg_weakness", "yeah they're fine i think", "leg_weakness"),
    ("leg_numbness", "they feel normal i think yeah", "leg_numbness"),
])
def test_a_yes_agreeing_with_a_hedged_all_clear_is_asked_about(protocol, question, text,
                                                                symptom):
    # Was an emergency said outright ("call 911 now"); the hedge keeps it a question.
    assert status(meaning(protocol, text, question), symptom) == "uncertain"


def test_a_yes_with_the_symptom_said_is_still_sure(protocol):
    assert status(meaning(protocol, "yeah they're weak", "leg_weakness"),
                  "leg_weakness") == "present"
