"""Round 29 (session 21): mechanisms more than words. A denied statement whose own
denial says a lesser symptom is a no ("it's not that they DON'T HELP"; an emergency sign
is still asked about); a reassurance denied by a verb is no answer word ("it DOESN'T
LOOK OKAY" was a "no"); a change told of an earlier time answers from what is said of
now ("yesterday the tablets worked, but today they don't"); a plain "no" before a word
of the question's place denies it ("no wetting").
Tuned on blind sets 50 and 51 (and the older dev sets); blind sets 52 and 53 were
written by separate sessions before the round started, without the code, and held out
(docs/understanding.md, round 29); dev from round 30 (their guard is
tests/test_meaning_round16.py's)."""

from __future__ import annotations

import pytest
from typed_dialog import meaning, status


@pytest.mark.parametrize("question, text", [
    ("pain_relief", "it's not that it doesn't help"),
    ("headache_relief", "it's not like the pills haven't helped"),
    ("site_infection", "it's not as if it doesn't look okay"),
])
def test_a_denied_statement_that_says_a_lesser_symptom_is_a_no(protocol, question, text):
    u = meaning(protocol, text, question)
    assert u.value == "no" and status(u, protocol.question(question).symptom) == "absent"


@pytest.mark.parametrize("question, text", [
    ("leg_numbness", "it's not that i can't feel them"),
    ("leg_weakness", "it's not as though they aren't working"),
    ("site_bleeding", "it's not like it hasn't stopped"),
])
def test_a_litotes_never_rules_an_emergency_sign_out(protocol, question, text):
    # Round 15's decision, kept: the dialog asks rather than concludes.
    assert status(meaning(protocol, text, question), protocol.question(question).symptom) \
        == "uncertain"


def test_a_denied_statement_keeps_what_is_said_after_it(protocol):
    u = meaning(protocol, "it's not that i can't feel them they're just tingly", "leg_numbness")
    assert u.value == "yes" and status(u, "leg_numbness") == "present"


def test_a_denied_denial_is_still_a_weak_yes(protocol):
    u = meaning(protocol, "it's not like my head doesn't hurt", "headache")
    assert u.value == "yes" and status(u, "positional_headache") == "uncertain"


@pytest.mark.parametrize("question, text", [
    ("site_infection", "it doesn't look okay"),
    ("site_infection", "it isn't healing"),
    ("site_infection", "it isn't looking good"),
    ("fever", "i don't feel right"),
    ("fever", "i don't feel well"),
])
def test_a_denied_reassurance_is_no_no(protocol, question, text):
    assert meaning(protocol, text, question).value != "no"


@pytest.mark.parametrize("question, text", [
    ("pain_relief", "not really it's fine when i lie down"),
    ("fever", "no i feel fine"),
])
def test_a_reassurance_after_a_no_is_still_a_no(protocol, question, text):
    assert meaning(protocol, text, question).value == "no"


@pytest.mark.parametrize("question, text", [
    ("pain_relief", "yesterday the tablets worked but today they don't"),
    ("headache_relief", "yesterday the tablets shifted it today they're not"),
    ("leg_weakness", "i was fine until this morning and now i'm not"),
    ("fever", "i was fine yesterday but today i'm not"),
])
def test_what_is_said_of_now_answers_towards_a_yes(protocol, question, text):
    assert meaning(protocol, text, question).value == "yes"


def test_what_went_away_is_not_ruled_out_by_a_change(protocol):
    u = meaning(protocol, "it was numb yesterday but today it isn't", "leg_numbness")
    assert status(u, "leg_numbness") != "absent"


@pytest.mark.parametrize("question, text, symptom", [
    ("bladder_bowel", "no wetting no soiling", "bladder_bowel_loss"),
    ("bladder_bowel", "no leaks", "bladder_bowel_loss"),
    ("bladder_bowel", "no trouble with the waterworks or the other end", "bladder_bowel_loss"),
])
def test_a_plain_no_before_the_question_s_word_denies_it(protocol, question, text, symptom):
    u = meaning(protocol, text, question)
    assert u.value == "no" and status(u, symptom) == "absent"


def test_no_still_there_is_still_asked_about(protocol):
    u = meaning(protocol, "no still there", "headache_relief")
    assert u.value != "no" and status(u, "persistent_headache") != "absent"


@pytest.mark.parametrize("question, text, value", [
    ("bladder_bowel", "i've never not made it to the toilet", "no"),
    ("fever", "i did", "yes"),
    ("fever", "i didn't", "no"),
    ("leg_weakness", "yeah nah legs are sweet as", "no"),
    ("site_bleeding", "nah it en bleedin", "no"),
    ("fever", "ah divvent think ah've had nee fever like", "no"),
    ("leg_weakness", "i walked to the shop and back fine", "no"),
    ("site_infection", "looks perfectly normal from here", "no"),
    ("pain_relief", "no it's still dreadful", "yes"),
    ("pain_relief", "only a smidge better", "yes"),
    ("headache", "my head doesn't hurt", "no"),
])
def test_round_29_words(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


def test_i_did_and_i_didnt_only_answer_alone(protocol):
    assert meaning(protocol, "i did take my temperature it was normal", "fever").value != "yes"
    u = meaning(protocol, "the dog walked right over my foot and i didn't even notice",
                "leg_numbness")
    assert status(u, "leg_numbness") != "absent"


def test_slept_is_no_slip_of_sweated(protocol):
    assert status(meaning(protocol, "slept right through", "fever"), "fever") != "present"


@pytest.mark.parametrize("text", [
    "i'm having trouble getting my words out", "a bit of giddiness when i stand",
    "i see double", "everything tastes of metal", "she didn't know who i was",
    "i've got a clear drip coming from my nose", "i'm having trouble swallowing",
    "i can't remember what day it is",
])
def test_round_29_complaints(protocol, text):
    assert meaning(protocol, text, "anything_else").concerns
