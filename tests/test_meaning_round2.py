"""What patients mean, second round (issue 9): mechanisms that cover families of
phrasings -- relief said many ways, sensation said to be normal, discharge told by
its colour, symptoms said of another part of the body, "gone all blurry", a yes that
affirms a symptom, and an unsure answer to a red flag leaving its symptom open."""

from __future__ import annotations

from pathlib import Path

import pytest
from typed_dialog import meaning

from benchmarks.fresh_eval import evaluate, load_cases
from voice.commands.interpret import interpret

ROOT = Path(__file__).resolve().parent.parent
DEV2 = ROOT / "tests" / "data" / "dev_round2.tsv"
BLIND1 = ROOT / "tests" / "data" / "blind_answers.tsv"


def statuses(u):
    return {f.symptom: f.status for f in u.symptoms}


# -- relief said many ways (one family, shared by both relief questions) ---------------


@pytest.mark.parametrize("question", ["pain_relief", "headache_relief"])
@pytest.mark.parametrize("text, value", [
    ("the paracetamol sorted it", "no"),
    ("ibuprofen did the trick", "no"),
    ("the tablets fixed it", "no"),
    ("the pills knocked it out", "no"),
    ("it cleared up after the paracetamol", "no"),
    ("the painkillers are no good", "yes"),
    ("tablets make no difference", "yes"),
    ("the paracetamol is useless", "yes"),
    ("the ibuprofen doesn't make any difference", "yes"),
    ("it wears off and comes back", "yes"),
])
def test_relief_families(protocol, question, text, value):
    u = meaning(protocol, text, question)
    assert u.value == value
    symptom = protocol.question(question).symptom
    assert statuses(u).get(symptom) == ("absent" if value == "no" else "present")


# -- sensation said to be normal -------------------------------------------------------


@pytest.mark.parametrize("text", ["no, feeling's normal in both legs",
                                  "nope, i can feel everything",
                                  "sensation is normal in my feet", "no, feeling's normal"])
def test_normal_sensation_denies_numbness(protocol, text):
    u = meaning(protocol, text, "leg_numbness")
    assert u.value == "no" and statuses(u)["leg_numbness"] == "absent"
    assert "present" not in statuses(u).values() and "uncertain" not in statuses(u).values()


@pytest.mark.parametrize("text", ["no feeling in my toes", "there's no feeling in my feet at all",
                                  "i can't feel my legs"])
def test_lost_sensation_still_numbness(protocol, text):
    assert statuses(meaning(protocol, text, "leg_numbness"))["leg_numbness"] == "present"


# -- discharge told by what comes out and its colour -----------------------------------


@pytest.mark.parametrize("text", ["there's some yellowy stuff coming out of it",
                                  "white stuff coming out of the hole",
                                  "some creamy stuff is seeping out",
                                  "there's greenish gunk on the dressing"])
def test_discharge_at_the_site(protocol, text):
    u = meaning(protocol, text, "site_infection")
    assert statuses(u).get("site_infection") == "present" and u.value == "yes"


def test_discharge_volunteered_needs_the_site(protocol):
    assert statuses(meaning(protocol, "yellow stuff coming out of my back",
                            "anything_else")).get("site_infection") == "present"
    assert "site_infection" not in statuses(meaning(protocol, "white stuff on my toast",
                                                    "anything_else"))


# -- a symptom said of another part of the body ---------------------------------------


@pytest.mark.parametrize("text, dropped", [
    ("my ankle's swollen up like a balloon", "site_infection"),
    ("my arm went numb for an hour", "leg_numbness"),
    ("i've got a pain in my chest", "back_soreness"),
    ("my wrist has swollen right up", "site_infection"),
    ("my calf is swollen and red", "site_infection"),
])
def test_symptom_elsewhere_is_a_concern(protocol, text, dropped):
    u = meaning(protocol, text, "anything_else")
    assert dropped not in statuses(u) and u.concerns == (text,)  # as said
    assert interpret(text, protocol, protocol.question("anything_else"))["disposition"] in (
        "urgent", "emergency")


@pytest.mark.parametrize("text, kept", [
    ("my legs and arms are numb", "leg_numbness"),
    ("my foot is numb", "leg_numbness"),
    ("the needle site is red and my hand is swollen", "site_infection"),
    ("blood running down my leg from the plaster", "significant_bleeding"),
    ("blood all over my hands from the dressing", "significant_bleeding"),
    ("no fever my legs are numb", "leg_numbness"),
])
def test_a_protocol_place_nearby_keeps_the_symptom(protocol, text, kept):
    assert statuses(meaning(protocol, text))[kept] in ("present", "uncertain")


def test_denials_are_not_moved_across_a_clause(protocol):
    u = meaning(protocol, "no headache but my legs feel numb")
    assert statuses(u) == {"leg_numbness": "present", "positional_headache": "absent"}
    assert statuses(meaning(protocol, "no fever my legs are numb"))["fever"] == "absent"


def test_a_denied_symptom_elsewhere_is_no_concern(protocol):
    u = meaning(protocol, "my arm isn't numb", "anything_else")
    assert not u.concerns and not u.symptoms


# -- "gone" + degree + state ------------------------------------------------------------


def test_gone_all_blurry_is_a_change(protocol):
    assert meaning(protocol, "my vision's gone all blurry", "anything_else").concerns
    assert statuses(meaning(protocol, "my legs have gone all numb"))["leg_numbness"] == "present"
    # ... while "gone" after the symptom still means it went (asked again if a red flag).
    assert statuses(meaning(protocol, "the numbness has gone"))["leg_numbness"] == "uncertain"


# -- an answer to a follow-up presumes its symptom (round 15) ---------------------------


def test_any_answer_at_the_position_question_is_a_headache(protocol):
    yes = meaning(protocol, "yeah lying down makes it go away", "headache_position")
    assert yes.value == "yes" and statuses(yes) == {"positional_headache": "present"}
    no = meaning(protocol, "no, it's the same whatever i do", "headache_position")
    assert no.value == "no" and statuses(no) == {"positional_headache": "present"}


# -- dev figures (the second dev set, and the first blind set, now dev) -----------------


def test_unsure_at_a_red_flag_leaves_it_open(protocol):
    """Clinical decision (docs/understanding.md): "not sure" to a red-flag question
    is no usable answer: the question is listed unanswered, the result is at least
    urgent, and the scorer counts the symptom open (uncertain), never absent."""
    r = interpret("not sure, i haven't checked", protocol, protocol.question("fever"))
    assert r["value"] == "unsure" and r["unanswered"] == ["fever"]
    assert r["disposition"] in ("urgent", "emergency")
    score = evaluate(protocol, load_cases(BLIND1))["held-out"]
    assert not any("not sure" in f and "reported absent" in f for f in score.failures)


def test_dev_sets_figures(protocol, capsys):
    """Floors at what was measured on the two dev sets (tuned on: dev figures)."""
    dev2 = evaluate(protocol, load_cases(DEV2))["dev"].figures()
    old = evaluate(protocol, load_cases(BLIND1))["held-out"].figures()
    with capsys.disabled():
        print(f"\nround-2 dev set: {dev2}\nfirst blind set (now dev): {old}")
    for f in (dev2, old):
        assert f["emergency_recall"] == 1.0
        assert f["red_flags_reported_absent"] == 0
        assert f["false_concerns"] == 0
        c = f["concerns_recorded"].split("/")
        assert c[0] == c[1]
    assert dev2["disposition_accuracy"] >= 0.98
    assert dev2["question_relative_accuracy"] >= 0.98
    # 0.97 before round 15's `presumes`: this set labels "much the same" at the trend
    # question "none", where most writers (and the check-in since) read back pain.
    assert old["disposition_accuracy"] >= 0.95
    assert old["question_relative_accuracy"] >= 0.96
