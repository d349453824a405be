"""Issue 9, rounds 6 and 7 (session 5): content concepts at choice questions and for
"can't know", since questions beyond the emergencies, corrections that take an answer
back, bare temperature readings at the fever question, and more composed words
(sentences below are the mechanisms' own examples, not rows of any blind set)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typed_dialog import meaning, protocol_with, status

from benchmarks.fresh_eval import evaluate, load_cases
from voice.normalize import tokens
from voice.understand import understand

ROOT = Path(__file__).resolve().parent.parent

@pytest.mark.parametrize("text, value", [
    ("it keeps creeping up", "worse"), ("flaring up again tonight", "worse"),
    ("it's settling down now", "better"), ("on the mend i reckon", "better"),
    ("just sitting there, not shifting", "same"),
    # A negated direction names no other choice: no reading, the question is asked again.
    ("it isn't settling down", None), ("not going up", None),
])
def test_choice_answers_compose(protocol, text, value):
    assert meaning(protocol, text, "pain_trend").value == value


def test_worse_by_a_concept_is_the_worse_choice_symptom(protocol):
    u = meaning(protocol, "it keeps creeping up", "pain_trend")
    assert status(u, "severe_worsening_pain") == "present"


def test_a_choice_concept_is_data(protocol, tmp_path):
    q = protocol.question("pain_trend")
    assert understand("it is going sideways", protocol, q).value is None
    entry = "  - question: pain_trend\n    value: same\n    parts: [[going], [sideways]]\n"
    p = protocol_with(tmp_path, "concepts.yaml", entry)
    assert understand("it is going sideways", p, p.question("pain_trend")).value == "same"


@pytest.mark.parametrize("question, text", [
    ("headache_relief", "i don't take tablets, i'd rather not"),
    ("pain_relief", "haven't taken any yet"),
    ("headache_relief", "i can't keep the pills down"),
])
def test_no_reliever_taken_is_unsure_not_no(protocol, question, text):
    # Whether a pain reliever helps cannot be known without one: never a "no".
    u = meaning(protocol, text, question)
    assert u.value == "unsure"
    assert status(u, protocol.question(question).symptom) is None


def test_relief_that_helped_is_still_a_no(protocol):
    assert meaning(protocol, "no, the tablets helped", "headache_relief").value == "no"
    assert meaning(protocol, "nothing is touching it", "headache_relief").value == "yes"
    assert meaning(protocol, "the pills are touching it", "pain_relief").value == "no"
    assert meaning(protocol, "it's still really sore", "pain_relief").value == "yes"


def test_since_question_keeps_what_came_and_went(protocol):
    # "Have you been vomiting?" asks about any time since: sick once, then not, is a
    # hedged yes (confirmed), not a no.
    u = meaning(protocol, "i was sick once and none since", "headache_nausea")
    assert u.value == "yes" and u.hedged
    assert status(u, "headache_nausea_vomiting") == "uncertain"
    # At "is it still there?" the same shape is a no.
    assert meaning(protocol, "it was bad this morning but it's gone now",
                   "headache_relief").value == "no"


@pytest.mark.parametrize("question, text, symptom", [
    ("fever", "i have been running a temperature", "fever"),
    ("anything_else", "i had a temperature last night", "fever"),
    ("fever", "cold and shivering then boiling hot", "fever"),
    ("leg_weakness", "the right one won't do what i tell it", "leg_weakness"),
    ("leg_numbness", "my foot is not feeling anything", "leg_numbness"),
    ("bladder_bowel", "he's been passing water on himself", "bladder_bowel_loss"),
    ("headache_nausea", "i through up after lunch", "headache_nausea_vomiting"),
])
def test_more_red_flag_words(protocol, question, text, symptom):
    assert status(meaning(protocol, text, question), symptom) in ("present", "uncertain")


def test_denied_temperature_is_absent(protocol):
    assert status(meaning(protocol, "i haven't had a temperature", "fever"), "fever") == "absent"


@pytest.mark.parametrize("text", [
    "my ears keep ringing", "the whites of my eyes look yellow",
    "i'm bruising really easily", "the worst headache of my life hit me out of nowhere",
    "there was blood when i threw up"])
def test_more_complaints(protocol, text):
    assert meaning(protocol, text, "anything_else").concerns


def test_worst_back_pain_is_the_protocols_not_a_complaint(protocol):
    u = meaning(protocol, "worst pain i've ever had in my back", "back_pain")
    assert not u.concerns and status(u, "back_soreness") == "present"


def test_spelling_variants():
    assert tokens("i through up") == ("i", "threw", "up")
    assert tokens("no able to walk") == ("not", "able", "to", "walk")


def test_blind_set_6_dev_floor(protocol):
    # Blind set 6 was held-out in session 4 (scored three times, never read); in
    # session 5 blind set 7 took its place and its misses were studied: dev from then.
    f = evaluate(protocol, load_cases(ROOT / "tests" / "data" / "blind6_answers.tsv"))[
        "held-out"].figures()  # its rows are marked held-out
    assert f["cases"] == 450
    assert f["disposition_accuracy"] >= 0.94 and f["emergency_recall"] == 1.0
    assert f["red_flags_reported_absent"] <= 4 and f["red_flags_read_as_absent"] <= 1
    assert f["false_concerns"] <= 2


@pytest.mark.parametrize("question, text, value, clarify", [
    # What follows a correction answers; if it says nothing the question reads, ask.
    ("site_bleeding", "no... actually there's a patch on my top", None, True),
    ("fever", "no, wait, yes, last night", "yes", False),
    ("fever", "no, well, i don't think so", "no", False),
    ("leg_weakness", "no well not really", "no", False),
    ("leg_weakness", "no... actually my left one gave way on the stairs", "yes", False),
    ("leg_weakness", "well no... actually my left one gave way", "yes", False),
])
def test_a_correction_takes_the_answer_back(protocol, question, text, value, clarify):
    u = meaning(protocol, text, question)
    assert (u.value, u.clarify) == (value, clarify)
    assert u.hedged == (value == "yes")  # it began with a no: a yes is only hedged
    assert value == "no" or status(u, protocol.question(question).symptom) != "absent"


def test_a_bare_reading_at_the_fever_question(protocol):
    # A number can raise a fever there without a cue word, but never rule one out.
    u = meaning(protocol, "thirty eight point four this morning", "fever")
    assert u.value == "yes" and status(u, "fever") == "present"
    assert status(meaning(protocol, "a low grade one i think, like 37.9", "fever"),
                  "fever") != "absent"
    # At the temperature question a low reading still is no fever.
    assert status(meaning(protocol, "thirty six point eight", "temperature"), "fever") == "absent"
    # Elsewhere a bare number is no temperature.
    assert status(meaning(protocol, "about thirty nine", "pain_score"), "fever") is None


@pytest.mark.parametrize("question, text, value", [
    ("pain_relief", "no pain now at all", "no"),
    ("headache_relief", "no headache at the moment", "no"),
    ("headache_relief", "had two lots of pills and she's still holding her head", "yes"),
    ("pain_relief", "the heat pad does wonders", "no"),
    ("headache_position", "as soon as my head is off the pillow it starts to pound", "yes"),
    ("headache_position", "standing up makes it so much worse", "yes"),
    ("site_bleeding", "i pressed on it like they said and it's still going", "yes"),
])
def test_more_question_content(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


@pytest.mark.parametrize("text", [
    "i've been chundering all night", "he brought his tea back up"])
def test_more_vomiting_words(protocol, text):
    assert status(meaning(protocol, text, "headache_nausea"), "headache_nausea_vomiting") \
        == "present"


@pytest.mark.parametrize("text", [
    "she had a fit this afternoon", "he keeps nodding off mid sentence",
    "i've got terrible heartburn", "the glands in my neck are up", "my tooth is throbbing"])
def test_round_7_complaints(protocol, text):
    assert meaning(protocol, text, "anything_else").concerns


def test_blind_set_7_dev_floor(protocol):
    # Blind set 7 was held-out for the first round of session 5 (scored twice, figures
    # in docs/understanding.md), then dev: the second round was tuned on it.
    f = evaluate(protocol, load_cases(ROOT / "tests" / "data" / "blind7_answers.tsv"))[
        "held-out"].figures()
    assert f["cases"] == 450
    assert f["disposition_accuracy"] >= 0.90 and f["emergencies"] == 62
    assert f["red_flags_reported_absent"] <= 12 and f["red_flags_read_as_absent"] <= 5
    assert f["false_concerns"] <= 2
