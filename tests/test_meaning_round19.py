"""Round 19 (session 16): a half on the pain scale, "ain't" and double negatives, "X is
not there", plain no's in more words, relief in dialect and non-native English, the
headache and its position in more words, blood words that are no bleeding, and three
more complaints. Tuned on blind sets 30 and 31 (and the older dev sets); blind sets 32
and 33 were written first and held out (docs/understanding.md, round 19)."""

from __future__ import annotations

import pytest
from typed_dialog import meaning, status

# -- numbers ------------------------------------------------------------------------


@pytest.mark.parametrize("text, value, severe", [
    ("six and a half", 6.5, False),   # below the severe seven (it was rounded up to 7)
    ("four and a half", 4.5, False),
    ("seven and a half", 7.5, True),
    ("six or seven", 7, True),        # of two readings still the higher
    ("fiveish", 5, False),
    ("about 7ish", 7, True),
])
def test_a_score_is_what_was_said(protocol, text, value, severe):
    u = meaning(protocol, text, "pain_score")
    assert u.value == value
    assert (status(u, "severe_worsening_pain") == "present") is severe


# -- negation -------------------------------------------------------------------------


@pytest.mark.parametrize("question, text, symptom", [
    ("fever", "i ain't got a fever", "fever"),
    ("site_bleeding", "nah it ain't bleeding", "significant_bleeding"),
    ("leg_weakness", "i ain't weak i'm good", "leg_weakness"),
    ("fever", "fever is not there", "fever"),
    ("site_bleeding", "bleeding is not there", "significant_bleeding"),
])
def test_aint_and_is_not_there_deny(protocol, question, text, symptom):
    u = meaning(protocol, text, question)
    assert u.value == "no" and status(u, symptom) == "absent"


@pytest.mark.parametrize("text, symptom", [
    ("i ain't got no feeling in my legs", "leg_numbness"),
    ("i haven't got no feeling in my legs", "leg_numbness"),
    ("i don't have no strength in my legs", "leg_weakness"),
])
def test_a_double_negative_never_rules_a_red_flag_out(protocol, text, symptom):
    # Before, "ain't got no feeling" (and "haven't got no feeling") was read as absent.
    assert status(meaning(protocol, text), symptom) == "uncertain"


@pytest.mark.parametrize("text, symptom", [
    ("i can't feel jack in my legs", "leg_numbness"),
    ("my legs ain't working", "leg_weakness"),
    ("i ain't able to walk", "leg_weakness"),
    ("mam's legs went from under her on the landing", "leg_weakness"),
    ("my legs don't have strength at all", "leg_weakness"),
    ("he's been shuffling and needs his stick more than normal", "leg_weakness"),
    ("i've had some urinary retention since the procedure", "bladder_bowel_loss"),
    ("i'm mildly pyrexial", "fever"),
])
def test_red_flags_in_more_words(protocol, text, symptom):
    assert status(meaning(protocol, text), symptom) in ("present", "uncertain")


# -- plain answers --------------------------------------------------------------------


@pytest.mark.parametrize("question, text", [
    ("fever", "i'm alright"),
    ("fever", "not a bit"),
    ("leg_numbness", "nothing wrong with them"),
    ("leg_weakness", "ain't nothing wrong with them"),
    ("fever", "apyrexial throughout"),
    ("bladder_bowel", "yes i can control it"),
    ("bladder_bowel", "no retention"),
    ("bladder_bowel", "i'm regular"),
    ("site_infection", "a little scab"),
    ("site_bleeding", "only a few drops"),
    ("headache", "not at the moment"),
    ("headache_position", "no change whatever position"),
])
def test_a_plain_no_in_more_words(protocol, question, text):
    assert meaning(protocol, text, question).value == "no"


@pytest.mark.parametrize("question, text, value", [
    ("pain_relief", "motrin didn't do squat", "yes"),
    ("pain_relief", "the tablets ain't done nowt", "yes"),
    ("pain_relief", "he's had two lots of tablets and he's still wincing", "yes"),
    ("pain_relief", "pain is reducing with tablet", "no"),
    ("headache_relief", "took two aspirin and it's still hammering", "yes"),
    ("headache_relief", "not responding to simple analgesia", "yes"),
    ("headache_relief", "it is going and coming", "yes"),
    ("headache_position", "only upright", "yes"),
    ("headache_position", "it's better lying down but it never fully goes", "yes"),
    ("headache_position", "i haven't really noticed", "unsure"),
    ("headache", "my neck and shoulders ache when i sit up", "yes"),
    ("headache", "a slight pressure at the back of my head", "yes"),
    ("headache_nausea", "i've been poorly with me stomach", "yes"),
    ("leg_weakness", "i haven't tried getting up yet", "unsure"),
    ("back_pain", "it's giving me gyp", "yes"),
    ("pain_trend", "it's through the roof today", "worse"),
    ("pain_trend", "more than yesterday", "worse"),
])
def test_what_the_words_mean_at_the_question(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


def test_a_trend_said_unsure_keeps_worsening_open(protocol):
    u = meaning(protocol, "i'm not sure it comes and goes", "pain_trend")
    assert u.value == "same" and status(u, "severe_worsening_pain") == "uncertain"
    assert status(meaning(protocol, "it comes and goes", "pain_trend"),
                  "severe_worsening_pain") is None


# -- words that are not what they look like --------------------------------------------


@pytest.mark.parametrize("text", [
    "my blood pressure is high",
    "i'm on blood thinners",
    "my blood sugar has been low",
])
def test_blood_words_that_are_no_bleeding(protocol, text):
    assert status(meaning(protocol, text), "significant_bleeding") is None


def test_bored_stiff_is_no_stiffness(protocol):
    u = meaning(protocol, "i'm bored stiff of lying here", "anything_else")
    assert not u.symptoms and not u.concerns


@pytest.mark.parametrize("text", [
    "it hurts to bend my head forward",
    "my whole left side feels weak",
    "my sugar has been very low since the procedure",
    "my blood pressure is high",
])
def test_more_complaints_are_recorded(protocol, text):
    assert meaning(protocol, text, "anything_else").concerns


def test_a_new_concept_word_does_not_hide_a_near_miss(protocol):
    # The spoken benchmark's clean "my legs feel numb" is heard "my legs feel am"; the
    # fever concept's first part once held "am", which took the word from the fuzzy
    # match to "numb" (a missed red flag in the round's first benchmark run).
    u = meaning(protocol, "my legs feel am", "leg_numbness")
    assert u.value == "yes" and status(u, "leg_numbness") == "present"
