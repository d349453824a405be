"""Issue 9, round 14 (session 11, tuned on blind sets 20 and 21): a list of one
symptom's signs said without commas is denied as a whole, a verb the question cannot
stand in for ("i TOOK my temperature" is no fever), a refusal is no "no", a hedge in
front of a complaint is not the answer's, "before the procedure" is not "since", a few
dialect words, relief words and complaints (most sentences are the dev answers the
rules were written for)."""

from __future__ import annotations

import pytest
from typed_dialog import check_blind_set, meaning, status


@pytest.mark.parametrize("text", [
    "there is no redness warmth or swelling and no discharge",
    "no redness warmth or swelling"])
def test_one_symptoms_signs_listed_without_commas_are_denied_together(protocol, text):
    u = meaning(protocol, text, "site_infection")
    assert (u.value, status(u, "site_infection")) == ("no", "absent")


def test_other_symptoms_side_by_side_are_not_swept_into_the_denial(protocol):
    # "no headache numb legs and back pain": the legs may well be numb.
    u = meaning(protocol, "no headache numb legs and back pain", "fever")
    assert status(u, "leg_numbness") == "present"


@pytest.mark.parametrize("text, value, fever", [
    ("i checked my temperature and it was normal", "no", "absent"),
    ("i took my temperature", None, None),
    ("a slight temperature but i'm sure it's nothing", "yes", "uncertain"),
    ("not a fever exactly but my temperature's been high", "yes", "present"),
])
def test_taking_a_temperature_is_not_having_one(protocol, text, value, fever):
    u = meaning(protocol, text, "fever")
    assert (u.value, status(u, "fever")) == (value, fever)


def test_high_alone_is_no_temperature(protocol):
    u = meaning(protocol, "it could just be the heating's up high", "fever")
    assert status(u, "fever") != "present"


@pytest.mark.parametrize("question, text", [
    ("bladder_bowel", "i don't want to talk about that"),
    ("site_infection", "the plaster's still on and i don't want to take it off")])
def test_a_refusal_is_not_a_no(protocol, question, text):
    u = meaning(protocol, text, question)
    assert u.value != "no" and status(u, protocol.question(question).symptom) != "absent"


@pytest.mark.parametrize("text", ["no but i'm a bit constipated", "no just a bit constipated"])
def test_a_hedged_complaint_does_not_hedge_the_answer(protocol, text):
    u = meaning(protocol, text, "bladder_bowel")
    assert u.value == "no" and u.concerns


def test_a_hedge_after_a_complaint_may_still_be_the_answers(protocol):
    u = meaning(protocol, "i nearly went down on the stairs but that was dizziness i think "
                          "not my legs", "leg_weakness")
    assert u.value == "yes" and u.hedged


@pytest.mark.parametrize("question, text, symptom", [
    ("fever", "the fever was before the procedure i had the flu the week before nothing since",
     "fever"),
    ("headache_nausea", "i was sick before the procedure from nerves but not since",
     "headache_nausea_vomiting")])
def test_before_the_procedure_and_none_since_is_no(protocol, question, text, symptom):
    # Round 14 asked about these again (uncertain); round 22 reads them as the no the
    # writers of all seven dev answers meant: the question asks about "since the
    # procedure" (docs/understanding.md, round 22).
    assert status(meaning(protocol, text, question), symptom) == "absent"


@pytest.mark.parametrize("question, text, value", [
    ("headache_relief", "it's there whether i take them or not", "yes"),
    ("headache_relief", "damn thing won't go away no matter what i take", "yes"),
    ("headache_relief", "it persists despite acetaminophen", "yes"),
    ("pain_relief", "no the tablets sort it", "no"),
    ("pain_trend", "nothing i do helps it just keeps climbing", "worse"),
    ("site_infection", "how am i supposed to see my own back", "unsure"),
    ("leg_numbness", "ah cannae feel ma toes on the right side", "yes"),
    ("headache_nausea", "i've been boakin all morning", "yes"),
    ("headache_nausea", "nae boakin, no", "no"),
])
def test_round_14_values(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


@pytest.mark.parametrize("question, text, symptom, statuses", [
    ("anything_else", "aye ma heid's still thumpin even wi the paracetamol",
     "persistent_headache", ("present",)),
    ("leg_numbness", "i think i'm getting paralysis in my toes they feel dead", "leg_weakness",
     ("uncertain", "present")),
    ("leg_weakness", "my leg is not carrying me well since yesterday", "leg_weakness",
     ("uncertain", "present")),
])
def test_round_14_words(protocol, question, text, symptom, statuses):
    assert status(meaning(protocol, text, question), symptom) in statuses


@pytest.mark.parametrize("text", [
    "i keep getting chest pains", "my chest feels tight",
    "there's a sharp pain in my calf when i walk"])
def test_round_14_complaints(protocol, text):
    assert meaning(protocol, text, "anything_else").concerns


@pytest.mark.parametrize("name, cases, floors, false_concerns", [
    # name, cases: disposition, emergencies found, reported absent, read as a "no",
    # question-relative (the figures measured at the end of round 14), false concerns
    # (one more each since round 16: a stiff neck is a complaint; these writers' stiff
    # necks were labelled none)
    ("blind20", 473, (0.80, 70, 15, 9, 0.82), 4),
    ("blind21", 468, (0.87, 80, 6, 1, 0.85), 2),
])
def test_blind_sets_20_and_21_dev_guard(protocol, name, cases, floors, false_concerns):
    # Dev since round 14: the rules above were written on them.
    check_blind_set(protocol, name, cases, floors, false_concerns=false_concerns)


@pytest.mark.parametrize("name, cases, floors, false_concerns", [
    # Measured at the end of round 15, which was tuned on them.
    ("blind22", 483, (0.90, 78, 5, 4, 0.90), 0),
    ("blind23", 470, (0.91, 76, 11, 6, 0.85), 5),  # 2 stiff necks (round 16)
])
def test_blind_sets_22_and_23_dev_guard(protocol, name, cases, floors, false_concerns):
    # Held-out in round 14 (its start and end figures: docs/understanding.md); dev since
    # round 15, which was tuned on their misses (tests/test_meaning_round15.py).
    check_blind_set(protocol, name, cases, floors, false_concerns=false_concerns)
