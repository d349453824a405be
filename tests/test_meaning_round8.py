"""Issue 9, rounds 8 and 9 (session 6, tuned on blind sets 8, then 9 and 10): a listed
choice decides before the content concepts, a yes that a non-fever reading contradicts
is asked again, and more composed words and complaints (the sentences are the
mechanisms' own examples, not rows of a blind set); dev floors of blind sets 8-13."""

from __future__ import annotations

from pathlib import Path

import pytest
from typed_dialog import check_blind_set, meaning, status

from benchmarks.fresh_eval import evaluate, load_cases

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("text, value", [
    ("worse, and now it's going down into my hip", "worse"),  # not "going down": better
    ("better, it keeps creeping up less and less", "better"),
    ("it is reducing", "better"), ("hasn't budged", "same"),
])
def test_a_listed_choice_decides_before_the_content_concepts(protocol, text, value):
    assert meaning(protocol, text, "pain_trend").value == value


@pytest.mark.parametrize("text", [
    "yes but it was only thirty seven point one", "yes it said thirty seven point four",
    "yeah ninety nine point five"])
def test_a_yes_and_a_bare_reading_below_fever_disagree_so_the_question_is_asked_again(
        protocol, text):
    u = meaning(protocol, text, "fever")
    assert u.value is None and u.clarify and status(u, "fever") is None


def test_a_reading_named_as_one_decides(protocol):
    # With a cue ("on the thermometer") the number is surely a temperature: below the
    # fever threshold (100.4 F) it answers the question, as before.
    u = meaning(protocol, "yeah, ninety nine point five on the thermometer", "fever")
    assert u.value == "no" and status(u, "fever") == "absent"


def test_a_yes_with_a_fever_reading_is_a_fever(protocol):
    u = meaning(protocol, "yes thirty eight point six last night", "fever")
    assert u.value == "yes" and status(u, "fever") == "present"


@pytest.mark.parametrize("question, text, symptom", [
    ("leg_numbness", "his foot go sleep since morning", "leg_numbness"),
    ("leg_numbness", "feels like i'm walking on sand", "leg_numbness"),
    ("leg_numbness", "like touching my calf through a glove", "leg_numbness"),
    ("headache_relief", "less now but still it is paining", "persistent_headache"),
    ("pain_relief", "it's remaining the same after the tablets", "severe_worsening_pain"),
    ("anything_else", "my headache is not shifting even with the pills",
     "persistent_headache"),
    ("site_infection", "the site looks indurated", "site_infection"),
])
def test_more_composed_words(protocol, question, text, symptom):
    assert status(meaning(protocol, text, question), symptom) == "present"


@pytest.mark.parametrize("text, value", [
    ("as soon as my head leaves the pillow it pounds", "yes"),
    ("when i lie down it's gone", "yes"),
])
def test_more_position_words(protocol, text, value):
    assert meaning(protocol, text, "headache_position").value == value


def test_someone_who_will_not_be_looked_at_is_unsure(protocol):
    assert meaning(protocol, "she won't let me look at it", "site_infection").value == \
        "unsure"


@pytest.mark.parametrize("text", [
    "my tummy hurts low down", "there's a funny taste in my mouth",
    "i'm itching like mad", "everything goes grey when i stand",
    "my vision went all zigzaggy", "it burns when i go"])
def test_round_8_complaints(protocol, text):
    assert meaning(protocol, text, "anything_else").concerns


@pytest.mark.parametrize("question, text, symptom", [
    ("leg_numbness", "my feet feel like they're somebody else's", "leg_numbness"),
    ("leg_weakness", "my knees have gone all rubbery", "leg_weakness"),
    ("leg_weakness", "he's been holding onto the walls to get to the loo", "leg_weakness"),
    ("bladder_bowel", "i couldn't feel myself going", "bladder_bowel_loss"),
    ("pain_relief", "still an eight even with the tablets", "severe_worsening_pain"),
    ("headache_relief", "the tablets have not made it go", "persistent_headache"),
    ("headache_relief", "had paracetamol at lunch and it's just the same", "persistent_headache"),
    ("site_bleeding", "the dressing keeps filling up", "significant_bleeding"),
    ("site_infection", "there's oozy stuff on the plaster", "site_infection"),
])
def test_round_9_words(protocol, question, text, symptom):
    assert status(meaning(protocol, text, question), symptom) in ("present", "uncertain")


def test_a_churning_stomach_is_possible_nausea(protocol):
    assert status(meaning(protocol, "my tummy keeps churning", "headache_nausea"),
                  "headache_nausea_vomiting") == "uncertain"


@pytest.mark.parametrize("text", [
    "she's not herself at all",
    "he keeps seeing things", "i'm wheezing", "there's a lump in my armpit",
    "my throat's so sore", "pain round my kidneys", "it came on like a thunderclap"])
def test_round_9_complaints(protocol, text):
    assert meaning(protocol, text, "anything_else").concerns


def test_a_stiff_neck_is_a_complaint_with_or_without_the_headache(protocol):
    # Round 16 reverses round 9: the seed's headache is "often felt in the neck", but a
    # neck gone stiff is not said there, and 59 of 64 writers' labels call it a
    # complaint (docs/understanding.md). The headache is still the seed's.
    u = meaning(protocol, "my neck is stiff and my head aches", "anything_else")
    assert u.concerns and status(u, "positional_headache") == "present"
    assert meaning(protocol, "my neck's stiff and the light hurts my eyes",
                   "anything_else").concerns


def test_kidneys_alone_are_no_complaint(protocol):
    text = "i'm not allowed ibuprofen because of my kidneys"
    assert not meaning(protocol, text, "anything_else").concerns


@pytest.mark.parametrize("text", ["it's spreading and getting stronger",
                                  "it's going the wrong way"])
def test_more_worse_words(protocol, text):
    assert meaning(protocol, text, "pain_trend").value == "worse"


def test_blind_set_8_dev_floor(protocol):
    # Blind set 8 was held-out for session 5's rounds and the answer-examples rule
    # (figures in docs/understanding.md), then dev: round 8 was tuned on it and it is
    # among the labelled answer examples.
    f = evaluate(protocol, load_cases(ROOT / "tests" / "data" / "blind8_answers.tsv"))[
        "held-out"].figures()
    assert f["cases"] == 450
    assert f["disposition_accuracy"] >= 0.92 and f["emergency_recall"] >= 0.96
    assert f["red_flags_reported_absent"] <= 4 and f["question_relative_accuracy"] >= 0.90
    assert int(f["concerns_recorded"].split("/")[0]) >= 51 and f["false_concerns"] == 0


def test_blind_sets_9_and_10_dev_floor(protocol):
    # Held-out for the answer examples and round 8, then dev: round 9 was tuned on them
    # and they are among the labelled answer examples.
    for name, emergencies in (("blind9", 64), ("blind10", 53)):
        f = evaluate(protocol, load_cases(ROOT / "tests" / "data" / f"{name}_answers.tsv"))[
            "held-out"].figures()
        assert f["cases"] == 450 and f["disposition_accuracy"] >= 0.91
        assert round(f["emergency_recall"] * f["emergencies"]) >= emergencies
        assert f["red_flags_reported_absent"] <= 5 and f["question_relative_accuracy"] >= 0.89
        assert f["false_concerns"] <= 2


@pytest.mark.parametrize("name, cases, floors", [
    # name, cases: disposition, emergencies found, reported absent, read as a "no",
    # question-relative
    ("blind11", 450, (0.87, 65, 8, 4, 0.87)),
    ("blind12", 450, (0.89, 56, 5, 0, 0.89)),
    ("blind13", 450, (0.89, 50, 6, 2, 0.87)),
    # 14 and 15 lost disposition points in round 15: their writers labelled an answer
    # to a follow-up ("better" at the trend question) "none", where most writers, and
    # questions.yaml `presumes` since, take it as the symptom it follows up (self-care).
    ("blind14", 463, (0.87, 68, 3, 3, 0.89)),
    ("blind15", 458, (0.83, 65, 6, 5, 0.88)),
])
def test_blind_sets_11_to_15_dev_floor(protocol, name, cases, floors):
    # Written blind in sessions 6 and 7 and held-out for their rounds (start and end
    # figures in docs/understanding.md); dev since: rounds 10 and 11 were tuned on their
    # misses, and they joined the answer examples. Blind sets 16 and 17 are held-out
    # (test_meaning_round11.py).
    check_blind_set(protocol, name, cases, floors, false_concerns=3)
