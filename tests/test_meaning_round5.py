"""Issue 9, round 5: content that composes at its question, and complaints composed from
a body part and what is wrong with it (sentences below are the mechanism's own
examples, not rows of any blind set)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typed_dialog import meaning, protocol_with, status

from benchmarks.fresh_eval import evaluate, load_cases
from voice.errors import ProtocolError
from voice.understand import understand

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("text, value", [
    # position and effect composed, in either order, whatever else is between
    ("standing up makes it throb, the pillow makes it go away", "yes"),
    ("when i get up it kills, lying down it settles", "yes"),
    ("as soon as i sit up it is awful, lying flat helps", "yes"),
    ("it's bad when i stand", "yes"),
    ("it pounds if i sit up", "yes"),
    # the other way round is a no; negation flips a concept like a phrase
    ("it's bad when i lie flat", "no"),
    ("standing is okay", "no"),
    ("lying down doesn't help", "no"),
])
def test_position_answers_compose(protocol, text, value):
    assert meaning(protocol, text, "headache_position").value == value


def test_content_concepts_belong_to_their_question(protocol):
    # At another question the same words are not its answer content.
    u = meaning(protocol, "standing up makes it throb", "fever")
    assert u.value is None


def test_a_new_content_concept_needs_no_code(protocol, tmp_path):
    q = protocol.question("fever")
    assert understand("my forehead is like an oven", protocol, q).value is None
    p = protocol_with(tmp_path, "concepts.yaml",
                      "  - question: fever\n    value: yes\n    parts: [[forehead], [oven]]\n")
    assert understand("my forehead is like an oven", p, p.question("fever")).value == "yes"


@pytest.mark.parametrize("entry, message", [
    ("  - question: fever\n    value: maybe\n    parts: [[a], [b]]\n",
     "must be one of yes, no, unsure"),
    ("  - question: pain_trend\n    value: yes\n    parts: [[a], [b]]\n",
     "must be one of better, same, worse"),
    ("  - question: pain_score\n    value: yes\n    parts: [[a], [b]]\n",
     "not a yes/no or choice"),
    ("  - question: fever\n    value: yes\n    status: present\n    parts: [[a], [b]]\n",
     "or question, symptom and status"),
    ("  - parts: [[a], [b]]\n", "needs 'symptom'"),
])
def test_broken_content_concept_is_reported(tmp_path, entry, message):
    with pytest.raises(ProtocolError, match=message):
        understand("anything", protocol_with(tmp_path, "concepts.yaml", entry))


@pytest.mark.parametrize("text", [
    "my ankles have swollen up like balloons",
    "my words keep coming out jumbled",
    "the whole room was spinning when i stood",
    "everything went dark for a moment",
    "my period is really heavy this month",
])
def test_composed_complaints_are_recorded(protocol, text):
    u = meaning(protocol, text, "anything_else")
    assert u.concerns, text


@pytest.mark.parametrize("text", [
    "my ankles are fine, no swelling",
    "my words are fine, just tired",
])
def test_denied_composed_complaints_are_not_recorded(protocol, text):
    assert not meaning(protocol, text, "anything_else").concerns


@pytest.mark.parametrize("question, text, value", [
    ("fever", "i had one last night", "yes"),
    ("fever", "no i haven't had one", "no"),
    ("headache", "a thumping one", "yes"),
    ("headache", "i had one last night, it's gone now", "no"),  # "do you HAVE one?"
])
def test_one_is_the_questions_symptom(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


def test_came_and_went_still_answers_a_since_question(protocol):
    # "Have you had a fever since the procedure?" asks about any time: yes, hedged, so
    # the emergency stays open (confirmed), never "no".
    u = meaning(protocol, "i had one last night, it's gone now", "fever")
    assert u.value == "yes" and u.hedged
    assert protocol.question("fever").since and not protocol.question("headache").since


@pytest.mark.parametrize("question, text", [
    ("leg_numbness", "my hands are a bit numb"),  # "a bit" is the hands', no hedged yes
    ("leg_weakness", "my arms feel weak, not my legs"),  # the legs are ruled out
    ("back_pain", "not my back, my shoulder hurts"),
])
def test_a_symptom_of_another_part_answers_no_and_is_a_concern(protocol, question, text):
    u = meaning(protocol, text, question)
    symptom = protocol.question(question).symptom
    assert u.value == "no" and status(u, symptom) == "absent" and u.concerns


@pytest.mark.parametrize("question, text, value", [
    ("leg_weakness", "no, legs are strong", "no"),  # the phrase's own place, not denied
    ("leg_weakness", "not my arms, my legs feel weak", "yes"),
])
def test_only_a_denied_place_is_ruled_out(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


@pytest.mark.parametrize("text, value, clarify", [
    ("nope, gone", "no", False),  # only ever an answer word: it agrees with "gone"
    ("nah, cleared right up", "no", False),
    ("no better", None, True),  # "no" may deny the next word: "no better" or "no, better"?
    ("no help at all", None, True),
])
def test_answer_only_words_agree_with_a_no(protocol, text, value, clarify):
    u = meaning(protocol, text, "headache_relief")
    assert (u.value, u.clarify) == (value, clarify)


def test_an_echo_before_yes_is_the_report(protocol):
    # "Nauseous? No" repeats the question; "nauseous, yeah" reports it.
    u = meaning(protocol, "nauseous yeah, haven't actually been sick", "headache_nausea")
    assert u.value == "yes"
    assert meaning(protocol, "nauseous? no", "headache_nausea").value == "no"


@pytest.mark.parametrize("text, value", [
    ("half way i suppose", 5), ("about half", 5), ("six and a half", 6.5)])
def test_half_on_a_scale_is_its_middle(protocol, text, value):
    assert meaning(protocol, text, "pain_score").value == value


@pytest.mark.parametrize("text, value", [
    ("the tablets shifted it", "no"), ("it hasn't shifted", "yes"),
    ("it's dulled down but it lingers", "yes")])
def test_relief_in_more_words(protocol, text, value):
    assert meaning(protocol, text, "headache_relief").value == value


def test_blind_set_5_dev_floor(protocol):
    # Blind set 5 is dev since session 3: a floor at what this round measures on it.
    cases = load_cases(ROOT / "tests" / "data" / "blind5_answers.tsv")
    f = evaluate(protocol, cases)["held-out"].figures()  # its rows are marked held-out
    # 0.94 before round 15's `presumes` (a follow-up's answer is its symptom, which
    # this set's writer labelled "none" at the trend question).
    assert f["disposition_accuracy"] >= 0.93 and f["emergency_recall"] == 1.0
    assert f["red_flags_reported_absent"] <= 3


def test_cant_know_phrases_belong_to_their_questions(protocol):
    # "Haven't been up yet" tells nothing about walking or the toilet, so it is unsure
    # there; in the fever question's grammar it turned "i have been burning up" into
    # "haven't been up" (babble, 6 dB), so it is not in that grammar nor read there.
    assert meaning(protocol, "haven't been up yet", "leg_weakness").value == "unsure"
    assert meaning(protocol, "haven't been to the toilet", "bladder_bowel").value == "unsure"
    assert meaning(protocol, "haven't been up", "fever").value != "unsure"
    assert not [p for p in protocol.grammar(protocol.question("fever")) if "been up" in p]
