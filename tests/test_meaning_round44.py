"""Round 44 (session 36). Tuned on blind sets 80 and 81 (and the older dev sets) and on
the dev part of the answer probe; blind sets 82 and 83 were held out for the round
(docs/understanding.md, round 44) and are dev sets from round 45 on (their guard is in
test_meaning_round16.py)."""

from __future__ import annotations

import pytest
from typed_dialog import meaning, status


@pytest.mark.parametrize("question, text, value", [
    # Before: a hedged yes (an emergency at a red-flag question) -- an all-clear said
    # after a whole-answer "nothing like that" was read as denied ("not fine").
    ("fever", "nothing like that i am fine", "no"),
    ("fever", "none of that i'm fine", "no"),
    ("leg_numbness", "nothing of the sort i'm okay", "no"),
    # Before: a no (the red flag ruled out) -- the whole answer's "nothing" no longer
    # reaches what is said after it.
    ("leg_numbness", "nothing like that my legs are numb", "yes"),
    # Before: a hedged yes -- after an opening "no", a measure said straight after what
    # it measures ("bleeding QUITE A LOT") is no answer word.
    ("site_infection", "no but it's bleeding quite a lot", "no"),
    # Still: a "yeah" there is one.
    ("site_infection", "no but it's swollen yeah", "yes"),
])
def test_round_44_values(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


def test_round_44_a_measure_still_says_what_it_measures(protocol):
    u = meaning(protocol, "no but it's bleeding quite a lot", "site_infection")
    assert status(u, "significant_bleeding") == "present"
    assert status(u, "site_infection") == "absent"


@pytest.mark.parametrize("question, text", [
    # Before: the symptom present (an emergency at a red-flag question) -- a question
    # back about the question's own word is a request for help.
    ("headache", "what kind of headache"),
    ("leg_weakness", "what sort of weakness"),
    ("leg_numbness", "what kind of numb like asleep or like cold"),
    ("leg_numbness", "numb where"),
    ("back_pain", "sore where exactly"),
    ("site_bleeding", "how much is a lot"),
    ("site_bleeding", "what counts as a lot"),
])
def test_round_44_questions_back(protocol, question, text):
    assert meaning(protocol, text, question).meta == "help"


@pytest.mark.parametrize("question, text, value", [
    # Still read as said: a report after the question back, an answer word, and a
    # question whether the patient's own symptom counts.
    ("leg_weakness", "what sort of weakness my legs keep giving way", "yes"),
    ("leg_numbness", "numb where my feet are numb", "yes"),
    ("site_bleeding", "what counts as a lot yes", "yes"),
    ("headache_nausea", "does retching count", "yes"),
])
def test_round_44_questions_back_that_answer(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


@pytest.mark.parametrize("question, text, value", [
    # Before: a hedged yes, an emergency -- at a question about the time since the
    # procedure, what was there before it and went is not what is asked, said with
    # a pronoun ("had ONE") as with the symptom's name, and in more words for "before
    # the procedure".
    ("fever", "i had one before the procedure but not since", "no"),
    ("fever", "i had the fever the day before the lumbar but not since", "no"),
    ("fever", "i had a fever before they did it that's why they did the tap but not since then",
     "no"),
    # Still: what went since the procedure is asked about again.
    ("fever", "i had one yesterday but not since", "yes"),
])
def test_round_44_before_the_procedure(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


@pytest.mark.parametrize("text, value", [
    # Before: asked again (both ways) -- redness said not to grow, where the words for
    # not growing hold a listed phrase of growth ("no WORSE", "not SPREADING"): the
    # concept's part says more than the phrase it holds.
    ("a bit pink but no worse than yesterday", "no"),
    ("a tiny bit pink but not spreading", "no"),
    ("slight redness but it's not spreading", "no"),
    # Before: a hedged yes -- more words for redness that is not growing.
    ("a little red but it was like that yesterday", "no"),
    ("it's a bit red but no more than yesterday", "no"),
    ("the red patch is smaller than yesterday", "no"),
    # Still: redness that grows, or both ways.
    ("a bit pink and getting worse", "yes"),
    ("it's red and spreading", "yes"),
    ("pink not spreading but getting worse", None),
])
def test_round_44_redness_not_growing(protocol, text, value):
    assert meaning(protocol, text, "site_infection").value == value
