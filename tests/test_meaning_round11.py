"""Issue 9, round 11 (session 8, tuned on blind sets 14 and 15): a question's place
implies the other symptoms there ("same_place" in questions.yaml), pain relievers by
name, relief words that say it did nothing, "no matter what", and a few words and
complaints (the sentences are the rules' own examples, not rows of a blind set)."""

from __future__ import annotations

import pytest
from typed_dialog import meaning, status


@pytest.mark.parametrize("question, text, symptom", [
    # The numbness question's place is the legs: weakness said there needs no "legs".
    ("leg_numbness", "not numb no but they keep buckling under me", "leg_weakness"),
    ("leg_weakness", "no but they've gone all pins and needles", "leg_numbness"),
    # "Do you have a headache?": a reliever that does nothing is a persistent one.
    ("headache", "yes and the nurofen isn't helping", "persistent_headache"),
    ("headache", "yeah it's not going with the tablets", "persistent_headache"),
    ("headache", "yes and i've been sick twice", "headache_nausea_vomiting"),
])
def test_a_question_implies_the_other_symptoms_of_its_place(protocol, question, text,
                                                           symptom):
    assert status(meaning(protocol, text, question), symptom) in ("present", "uncertain")


def test_the_place_only_raises_its_other_symptoms_never_denies_them(protocol):
    # "All good" at the numbness question is a no to numbness, and says nothing of
    # weakness (it is asked next).
    u = meaning(protocol, "nah all good there", "leg_numbness")
    assert u.value == "no" and status(u, "leg_numbness") == "absent"
    assert status(u, "leg_weakness") is None


def test_the_questions_own_symptom_claims_shared_words(protocol):
    # Something seeping at the infection question is discharge, not bleeding.
    u = meaning(protocol, "there's some cloudy stuff seeping out", "site_infection")
    assert status(u, "site_infection") == "present"
    assert status(u, "significant_bleeding") is None


@pytest.mark.parametrize("question, text", [
    ("pain_relief", "took two tablets an hour ago and it's no different"),
    ("pain_relief", "nothing's touching it"),
    ("pain_relief", "the codeine's had minimal effect"),
    ("pain_relief", "it hurts no matter what i do"),
    ("headache_relief", "no relief at all from the tylenol"),
    ("headache_relief", "she's had two lots of tablets and she's still got it"),
])
def test_relief_that_did_nothing_is_a_yes_never_a_no(protocol, question, text):
    u = meaning(protocol, text, question)
    assert u.value != "no"
    assert status(u, protocol.question(question).symptom) in ("present", "uncertain", None)
    assert u.value == "yes" or u.value is None


def test_relief_that_works_is_still_a_no(protocol):
    u = meaning(protocol, "the tablets are touching it", "pain_relief")
    assert u.value == "no"


@pytest.mark.parametrize("question, text, symptom, statuses", [
    ("anything_else", "my teeth are chattering", "fever", ("uncertain", "present")),
    ("leg_numbness", "there's a dead feeling in my backside", "leg_numbness", ("present",)),
    ("leg_weakness", "my wife says i'm walking funny", "leg_weakness", ("uncertain", "present")),
    ("site_bleeding", "the dressing is saturated", "significant_bleeding", ("present",)),
    ("headache_nausea", "i boked this morning", "headache_nausea_vomiting", ("present",)),
    ("headache_nausea", "emesis twice overnight", "headache_nausea_vomiting", ("present",)),
])
def test_round_11_words(protocol, question, text, symptom, statuses):
    assert status(meaning(protocol, text, question), symptom) in statuses


@pytest.mark.parametrize("text, value", [
    ("more bad than yesterday", "worse"), ("stable", "same"), ("getting there", "better")])
def test_round_11_trend_words(protocol, text, value):
    assert meaning(protocol, text, "pain_trend").value == value


@pytest.mark.parametrize("question, text", [
    ("leg_numbness", "same as ever nothing new"), ("pain_relief", "not so much")])
def test_round_11_no_words(protocol, question, text):
    assert meaning(protocol, text, question).value == "no"


@pytest.mark.parametrize("text", ["my throat's a bit scratchy",
                                  "my sugars have gone up with the steroids",
                                  "there's a big bruise coming up on my hip"])
def test_round_11_complaints(protocol, text):
    assert meaning(protocol, text, "anything_else").concerns
