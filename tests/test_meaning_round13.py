"""Issue 9, round 13 (session 10, tuned on blind sets 18 and 19): at an emergency
question a bare answer is not overruled by a denial turned round by a negation ("yeah,
not any worse": the dialog asks), "gone" that changes something is no relief, plural
number words, idioms of relief that did nothing, and a few words and complaints (most
sentences are the dev answers the rules were written for)."""

from __future__ import annotations

import pytest
from typed_dialog import meaning, status


def test_a_turned_denial_does_not_overrule_a_yes_at_an_emergency_question(protocol):
    # "New or increasing numbness?" -- "not any worse" may deny only the increase.
    u = meaning(protocol, "yeah but it's the same as yesterday not any worse", "leg_numbness")
    assert u.value != "no" and u.clarify
    assert status(u, "leg_numbness") != "absent"


def test_content_still_decides_where_it_is_said_outright(protocol):
    assert meaning(protocol, "yes the ibuprofen helps", "pain_relief").value == "no"
    assert meaning(protocol, "yes it doesn't help", "pain_relief").value == "yes"


@pytest.mark.parametrize("question, text, value", [
    ("headache_relief", "yes and my vision's gone blurry", "unsure"),
    ("headache_relief", "no it's gone", "no"),
    ("headache_relief", "she's had paracetamol and it hasn't made a blind bit of difference",
     "yes"),
    ("headache_relief", "it's relentless", "yes"),
    ("site_infection", "i don't want to look", "unsure"),
    ("site_bleeding", "haven't looked", "unsure"),
    ("site_bleeding", "it's spurting", "yes"),
    ("pain_trend", "it's gone from a niggle to proper pain", "worse"),
])
def test_round_13_values(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


@pytest.mark.parametrize("question, text, symptom, statuses", [
    ("temperature", "high thirty eights the whole night", "fever", ("present",)),
    ("headache_nausea", "a bit sick yeah and my temperature's up", "fever", ("present",)),
    ("anything_else", "i ache all over like i've got flu", "fever", ("uncertain",)),
    ("headache_nausea", "bit green around the gills", "headache_nausea_vomiting",
     ("present",)),
    ("back_pain", "hurts like hell", "severe_worsening_pain", ("present",)),
    ("leg_weakness", "my mum says her legs feel like they don't belong to her",
     "leg_numbness", ("uncertain", "present")),
])
def test_round_13_words(protocol, question, text, symptom, statuses):
    assert status(meaning(protocol, text, question), symptom) in statuses


def test_plural_units_only_after_a_tens_word(protocol):
    assert meaning(protocol, "thirty eights", "temperature").value == 38
    assert meaning(protocol, "thirty zero", "temperature").value is None


@pytest.mark.parametrize("text", [
    "i've got a terrible cough", "everything tastes metallic", "i feel really low",
    "she wants the curtains shut", "i felt faint when i stood up", "i've thrown up blood"])
def test_round_13_complaints(protocol, text):
    assert meaning(protocol, text, "anything_else").concerns


@pytest.mark.parametrize("question, text", [
    ("headache_relief", "mostly gone just a faint ache"), ("anything_else", "i fell asleep"),
    ("headache_position", "no it's worse when i cough")])
def test_round_13_not_complaints(protocol, question, text):
    assert not meaning(protocol, text, question).concerns
