"""Issue 9, round 12 (session 10, tuned on blind sets 16 and 17): a repeated "no" is
one answer, an echo of the question may start with "a" or pause before its "no",
small amounts at the "significant bleeding" question, sickness counted in times,
relievers by more names, and a few words and complaints (most sentences are the dev
answers the rules were written for)."""

from __future__ import annotations

import pytest
from typed_dialog import check_blind_set, meaning, status


@pytest.mark.parametrize("question, text, symptom", [
    # "No no" is one answer word said twice: the denial after it is not itself denied.
    ("leg_weakness", "no no strong as an ox", "leg_weakness"),
    ("fever", "she says no no temperature", "fever"),
    # An echo of the question, with its article and a pause, before the "no".
    ("fever", "a fever ah no no no i'm right as rain", "fever"),
    # "No control problems" denies the control problem, it does not report one.
    ("bladder_bowel", "no control problems", "bladder_bowel_loss"),
    ("bladder_bowel", "i don't think so i mean i got there in time", "bladder_bowel_loss"),
    ("leg_numbness", "no loss of feeling no", "leg_numbness"),
])
def test_denials_read_as_no(protocol, question, text, symptom):
    u = meaning(protocol, text, question)
    assert u.value == "no" and status(u, symptom) == "absent"


@pytest.mark.parametrize("question, text, symptom, statuses", [
    ("bladder_bowel", "no wait yes i couldn't make it to the toilet this morning",
     "bladder_bowel_loss", ("present", "uncertain")),
    ("bladder_bowel", "i couldn't get there in time", "bladder_bowel_loss", ("present",)),
    ("site_bleeding", "i can't see it but there's a fair bit of blood on my nightie",
     "significant_bleeding", ("present",)),
    ("site_bleeding", "a fair bit i'd say it's come through my nightie",
     "significant_bleeding", ("present",)),
    ("leg_numbness", "decreased sensation over both lower limbs since this afternoon",
     "leg_numbness", ("present",)),
    ("leg_weakness", "my foot keeps slapping down when i walk", "leg_weakness", ("present",)),
    ("temperature", "haven't got a thermometer but i feel like i'm cooking", "fever",
     ("uncertain", "present")),
    ("headache", "yes it's awful and the tablets haven't touched it", "persistent_headache",
     ("present",)),
    ("headache_relief", "the nurofen only dulls it", "persistent_headache", ("present",)),
    ("pain_relief", "refractory to regular paracetamol and ibuprofen",
     "severe_worsening_pain", ("present",)),
    ("headache_nausea", "just the once and i feel fine now", "headache_nausea_vomiting",
     ("present", "uncertain")),
])
def test_round_12_red_flags(protocol, question, text, symptom, statuses):
    assert status(meaning(protocol, text, question), symptom) in statuses


@pytest.mark.parametrize("text", ["not a lot", "a tiny bit when i took the plaster off",
                                  "a little bit of dried blood"])
def test_a_small_amount_is_not_significant_bleeding(protocol, text):
    assert meaning(protocol, text, "site_bleeding").value == "no"


def test_a_repeated_no_does_not_cancel_a_denial(protocol):
    # "No" before "no fever": emphasis, not a denied denial (negation.py).
    assert meaning(protocol, "no no fever", "fever").value == "no"


@pytest.mark.parametrize("text, value", [
    ("neither better nor worse", "same"), ("much of a muchness", "same"),
    ("going downhill fast", "worse")])
def test_round_12_trend_words(protocol, text, value):
    assert meaning(protocol, text, "pain_trend").value == value


def test_a_decimal_comma(protocol):
    assert meaning(protocol, "thirty eight comma two", "temperature").value == 38.2


def test_mm_hmm_is_a_yes(protocol):
    assert meaning(protocol, "mm hmm", "leg_numbness").value == "yes"


@pytest.mark.parametrize("text", [
    "me chest hurt here when i breathe in deep",
    "everything's spinning when i close my eyes",
    "i can't remember how i got home from the hospital",
    "the fingers on my right hand won't do what i tell them",
    "my feet are cold and they've gone a bit blue",
    "um i bit my tongue when i had a funny turn",
    "i've got bruises coming up on my arms",
    "my gums bleed every time i brush my teeth",
    "the arm where they put the drip in is red and sore",
])
def test_round_12_complaints(protocol, text):
    assert meaning(protocol, text, "anything_else").concerns


@pytest.mark.parametrize("text", ["the drip site is fine", "i'm cooking dinner later",
                                  "no that's everything"])
def test_round_12_ordinary_remarks(protocol, text):
    u = meaning(protocol, text, "anything_else")
    assert not u.concerns and status(u, "fever") is None


@pytest.mark.parametrize("name, cases, floors", [
    # name, cases: disposition, emergencies found, reported absent, read as a "no",
    # question-relative (measured at the end of round 12, session 10: dev figures)
    ("blind16", 462, (0.87, 69, 5, 2, 0.89)),
    ("blind17", 467, (0.83, 53, 7, 5, 0.84)),
])
def test_blind_sets_16_and_17_dev_guard(protocol, name, cases, floors):
    # Dev since session 10: round 12 was tuned on them; among the answer examples.
    # One false concern since round 16: a stiff neck is a complaint, and one writer
    # did not label it so ("no headache but my neck's a bit stiff").
    check_blind_set(protocol, name, cases, floors, false_concerns=1)


@pytest.mark.parametrize("name, cases, floors, false_concerns", [
    # name, cases: disposition, emergencies found, reported absent, read as a "no",
    # question-relative (measured at the end of round 13: dev figures), false concerns
    ("blind18", 509, (0.82, 68, 11, 6, 0.85), 0),
    ("blind19", 487, (0.82, 73, 14, 4, 0.85), 1),
])
def test_blind_sets_18_and_19_dev_guard(protocol, name, cases, floors, false_concerns):
    # Written blind at the start of session 10 and held-out for round 12 (start and end
    # figures in docs/understanding.md); dev since round 13, among the answer examples.
    check_blind_set(protocol, name, cases, floors, false_concerns=false_concerns)
