"""Round 31 (session 23): a "no" inside a comparison denies the picture, not the symptom
("my feet feel LIKE THEY'RE IN THICK SOCKS WHEN THEY'RE NOT"); what comes out of the body
(being sick, a nosebleed) is no place for numb or weak legs ("they feel weak and I've
been SICK twice"); "gone" straight before a symptom is a change at the relief questions,
as it is for negation ("my legs have GONE ALL pins and needles"); the keeping denied is
being sick ("NOT KEEPING ANYTHING DOWN"); and words for the red flags that blind sets 54
and 55 used. Tuned on blind sets 54 and 55 (and the older dev sets); blind sets 56 and
57 were written by separate sessions before the round started, without the code, and
held out (docs/understanding.md, round 31)."""

from __future__ import annotations

import pytest
from typed_dialog import meaning, status


@pytest.mark.parametrize("text", [
    "my feet feel like they're in thick socks when they're not",
    "it's like it's not my leg when i touch it",
])
def test_a_no_inside_a_comparison_is_no_answer(protocol, text):
    u = meaning(protocol, text, "leg_numbness")
    assert u.value != "no" and status(u, "leg_numbness") != "absent"


@pytest.mark.parametrize("question, text", [
    ("site_bleeding", "doesn't look like it"),  # no comparison: it pictures nothing
    ("site_bleeding", "looks like it's not"),
    ("leg_numbness", "no it's not like that"),  # "not like" comes before: no opener
    ("leg_numbness", "like no not at all"),  # "like" first is a filler
])
def test_a_no_outside_a_comparison_still_answers(protocol, question, text):
    assert meaning(protocol, text, question).value == "no"


def test_a_yes_inside_a_comparison_still_counts(protocol):
    u = meaning(protocol, "my legs feel like they belong to a shop dummy sort of there "
                "but not really mine", "leg_numbness")
    assert u.value == "yes" and status(u, "leg_numbness") != "absent"


def test_being_sick_does_not_move_weak_legs_elsewhere(protocol):
    u = meaning(protocol, "they feel weak and i've also been sick twice", "leg_weakness")
    assert u.value == "yes" and status(u, "leg_weakness") != "absent"
    assert status(u, "headache_nausea_vomiting") == "present" and not u.concerns


@pytest.mark.parametrize("text", ["blood in my pee", "my gums are bleeding", "my nose is numb"])
def test_what_comes_out_and_the_face_are_still_elsewhere(protocol, text):
    u = meaning(protocol, text, "anything_else")
    assert u.concerns and status(u, "significant_bleeding") is None
    assert status(u, "leg_numbness") is None


@pytest.mark.parametrize("text", [
    "no i'm not keeping anything down", "she isn't keeping anything down",
    "haven't kept anything down since lunch",
])
def test_the_keeping_denied_is_being_sick(protocol, text):
    u = meaning(protocol, text, "headache_nausea")
    assert u.value == "yes" and status(u, "headache_nausea_vomiting") == "present"


@pytest.mark.parametrize("text", [
    "i'm barely keeping anything down", "just about keeping it down", "barely kept it down",
])
def test_keeping_it_down_barely_is_being_sick(protocol, text):
    assert status(meaning(protocol, text, "headache_nausea"), "headache_nausea_vomiting") \
        == "present"


@pytest.mark.parametrize("text", ["no i'm keeping food down fine",
                                  "he's had his soup and kept it down"])
def test_food_kept_down_is_still_a_no(protocol, text):
    assert meaning(protocol, text, "headache_nausea").value == "no"


def test_gone_before_a_symptom_is_a_change_not_relief(protocol):
    u = meaning(protocol, "yes and my legs have gone all pins and needles", "headache_relief")
    assert u.value == "yes" and status(u, "persistent_headache") == "present"
    assert status(u, "leg_numbness") == "present"
    assert meaning(protocol, "it's gone", "headache_relief").value == "no"


@pytest.mark.parametrize("text", ["i haven't sat up to check", "i haven't tried lying down"])
def test_position_not_tried_is_not_sure(protocol, text):
    assert meaning(protocol, text, "headache_position").value == "unsure"


@pytest.mark.parametrize("question, text, symptom", [
    ("anything_else", "just to flag i've got some new saddle anaesthesia", "leg_numbness"),
    ("bladder_bowel", "i've not been able to hold my water", "bladder_bowel_loss"),
    ("anything_else", "mi cyah hold mi water from last night", "bladder_bowel_loss"),
    ("anything_else", "mi body a tremble an mi hot hot", "fever"),
    ("leg_weakness", "i nearly went down on the stairs my knees just gave", "leg_weakness"),
    ("leg_weakness", "i couldn't do my exercises today my legs just wouldn't go",
     "leg_weakness"),
    ("headache_relief", "it's like the pills just bounce off it", "persistent_headache"),
    ("headache_relief", "mi tek di tablet an it still deh deh", "persistent_headache"),
    ("pain_relief", "like a vice that nothing loosens", "severe_worsening_pain"),
    ("headache_nausea", "i can't even look at food", "headache_nausea_vomiting"),
])
def test_round_31_words_for_red_flags(protocol, question, text, symptom):
    assert status(meaning(protocol, text, question), symptom) in ("present", "uncertain")


def test_no_saddle_anaesthesia_is_a_no(protocol):
    assert status(meaning(protocol, "no saddle anaesthesia", "anything_else"),
                  "leg_numbness") == "absent"


def test_getting_better_is_not_getting_bigger(protocol):
    # A recogniser's n-best "it's getting bigger" for a clean "it's getting better" must
    # not raise severe pain: "bigger" is no word of the trend (tried, dropped).
    assert meaning(protocol, "it's getting bigger", "pain_trend").value != "worse"


@pytest.mark.parametrize("text", ["divil a bit", "no no divil a bit of numbness sure i'm grand"])
def test_divil_a_bit_is_a_no(protocol, text):
    assert meaning(protocol, text, "leg_numbness").value == "no"


def test_how_weak_are_we_talking_is_a_question_back(protocol):
    assert meaning(protocol, "how weak are we talking", "leg_weakness").meta == "help"
