"""Round 41 (session 33). Tuned on blind sets 74 and 75 (and the older dev sets) and on
the dev part of the statement probe; blind sets 76 and 77 were written by separate
sessions before the round started, without the code, and were held out that round
(docs/understanding.md, round 41); they are dev since round 42 (their guard is in
test_meaning_round16.py)."""

from __future__ import annotations

import pytest
from typed_dialog import meaning, status


@pytest.mark.parametrize("question, text, symptom, expected", [
    # Before: nothing (the feet were cut off by "as well as", so the numbness was the
    # hands' alone) -- another part joined by "as well as" is a list.
    ("anything_else", "my hands have gone tingly as well as my feet", "leg_numbness",
     "present"),
    ("anything_else", "my hands have gone tingly as well as my legs", "leg_numbness",
     "present"),
    # Before: absent -- a negating verb with its verb left out, then a new subject.
    ("anything_else", "my sense of humour's intact and my legs aren't they've gone numb",
     "leg_numbness", "present"),
    ("site_bleeding", "no it's stopped no it hasn't there's fresh blood on your shirt",
     "significant_bleeding", "uncertain"),
    # Before: a possible fever -- the "haven't" denied the "i'm fine" after it.
    ("fever", "no i haven't i'm fine", "fever", "absent"),
    ("fever", "no i haven't it's fine", "fever", "absent"),
    ("leg_numbness", "no they aren't they're fine", "leg_numbness", "absent"),
    ("bladder_bowel", "no i don't i'm in control", "bladder_bowel_loss", "absent"),
    ("site_bleeding", "no it isn't it's dry", "significant_bleeding", "absent"),
    # Still: a weakness said after it is asked about, never ruled out.
    ("leg_weakness", "no i can't i'm too weak", "leg_weakness", "uncertain"),
    # Still: a negation straight before its phrase.
    ("leg_numbness", "they don't feel numb", "leg_numbness", "absent"),
    # Before: nothing -- the site that "gives water", the waterworks that "packed up".
    ("anything_else", "the place of the needle it give water a little", "site_infection",
     "uncertain"),
    ("anything_else", "me waterworks have packed up i can't go at all", "bladder_bowel_loss",
     "uncertain"),
])
def test_round_41_statuses(protocol, question, text, symptom, expected):
    assert status(meaning(protocol, text, question), symptom) == expected


@pytest.mark.parametrize("question", ["headache_relief", "pain_relief"])
def test_round_41_relief_that_does_not_finish_is_asked(protocol, question):
    # Before: "no" (the pain ruled out) -- relief that "does not finish" it: both ways.
    result = meaning(protocol, "it reduces but it does not finish", question)
    assert result.clarify and result.value is None


@pytest.mark.parametrize("text", [
    # Before: nothing recorded.
    "i think i'm getting a cold sniffles and that",
    "i haven't managed a poo since the procedure",
    "sometime i feel heart beat very strong ka when stand",
    # A dropped final g ("hearin", "whooshin").
    "ah keep hearin a whooshin in ma ears",
    # "things are blurry" is its own statement, not denied by the "not" before it.
    "my eyes are not seeing well things are blurry",
])
def test_round_41_concerns(protocol, text):
    assert meaning(protocol, text, "anything_else").concerns


@pytest.mark.parametrize("question, text", [
    # "hearing" is no slip of "heaving"; a cold compress is no cold.
    ("anything_else", "sorry i'm hard of hearing could you say it louder"),
    ("anything_else", "i've got a cold compress on it"),
])
def test_round_41_not_complaints_or_symptoms(protocol, question, text):
    result = meaning(protocol, text, question)
    assert not result.concerns
    assert not [f for f in result.symptoms if f.status != "absent"]


@pytest.mark.parametrize("question, text", [
    # Before: a possible red flag (asked again) -- a whole answer's negation or hedge
    # reached the reassurance after it ("NOT THAT I'VE NOTICED, i'm FINE"), and "I DON'T
    # think so, NOTHING like that" read as negative concord ("i think so").
    ("fever", "not that i've noticed i'm fine"),
    ("leg_numbness", "no not that i've noticed i feel normal"),
    ("fever", "i don't think so nothing like that"),
    ("fever", "no i'm not i'm fine"),
    ("fever", "no it's not it's fine"),
    ("fever", "no it hasn't everything's okay"),
    # Still.
    ("fever", "not that i know of i'm fine thanks"),
])
def test_round_41_clear_noes(protocol, question, text):
    assert meaning(protocol, text, question).value == "no"


@pytest.mark.parametrize("question, text, symptom, expected", [
    # Still: "i don't think" reaches what follows it when it is no whole answer, and a
    # symptom said after a whole answer is said.
    ("fever", "i don't think i have a fever", "fever", "absent"),
    ("leg_numbness", "i don't think so my legs are numb", "leg_numbness", "present"),
    ("leg_numbness", "not that i've noticed but my feet are tingling", "leg_numbness",
     "present"),
])
def test_round_41_whole_answers_end(protocol, question, text, symptom, expected):
    assert status(meaning(protocol, text, question), symptom) == expected


@pytest.mark.parametrize("question, text, symptom, expected", [
    # Before: absent, the red flag reported absent -- an all-clear said of the rest.
    ("fever", "yes but i'm fine otherwise", "fever", "present"),
    ("fever", "yeah apart from that i'm fine", "fever", "present"),
    ("leg_numbness", "yeah but otherwise all good", "leg_numbness", "present"),
    ("leg_weakness", "yes but they're fine otherwise", "leg_weakness", "present"),
    # Still: a no said with it, and a rest that is named, are noes.
    ("fever", "no i'm fine otherwise", "fever", "absent"),
    ("fever", "no otherwise fine", "fever", "absent"),
    ("fever", "apart from my back i'm fine", "fever", "absent"),
])
def test_round_41_fine_otherwise(protocol, question, text, symptom, expected):
    assert status(meaning(protocol, text, question), symptom) == expected


@pytest.mark.parametrize("question, text, value", [
    # Before: none, asked again -- an opening "i did", "i have" with a remark after it.
    ("fever", "i did but it's gone down now", "yes"),
    ("fever", "i have but nothing else", "yes"),
    ("leg_numbness", "i do i don't know why", "yes"),
    # Still: "i have" inside a statement is no answer word, and "sure" may be sarcasm.
    ("leg_numbness", "i have a headache", None),
    ("fever", "oh sure i'm positively blazing over here no of course not", "no"),
])
def test_round_41_opening_alone(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value
