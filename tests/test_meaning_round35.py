"""Round 35 (session 27): questions back ("what does discharge mean?", "what's a
fever?", "do you mean weak OR JUST sore?") ask for help, and a report after one is read
("what do you mean numb, I CAN'T FEEL my feet"); a body part in a comparison is no place
("bleeding LIKE A FINGER"); the question supplies a concept's place when the place said
is far off; a later correction decides; words. Tuned on blind sets 62 and 63 (and the
older dev sets); blind sets 64 and 65 were written by separate sessions before the
round started, without the code, and held out in round 35; they are dev sets from round
36 (their guard is in test_meaning_round16.py; docs/understanding.md, round 35)."""

from __future__ import annotations

import pytest
from typed_dialog import meaning, status


@pytest.mark.parametrize("question, text", [
    ("bladder_bowel", "what does lost control mean exactly"),
    ("site_infection", "what does discharge mean"),
    ("fever", "how high does it have to be to count"),
    ("leg_weakness", "do you mean weak or just sore"),
    ("fever", "sorry did you say fever or feeling i didn't catch it"),
    ("bladder_bowel", "do you mean have i wet myself"),
])
def test_a_question_back_is_no_answer(protocol, question, text):
    # Before (the first four): the symptom asked about was read as said -- a yes.
    assert meaning(protocol, text, question).meta == "help"


@pytest.mark.parametrize("question, text, symptom", [
    ("leg_numbness", "what do you mean numb i can't feel my feet", "leg_numbness"),
    ("leg_weakness", "do you mean weak they just give way under me", "leg_weakness"),
])
def test_a_report_after_a_question_back_is_read(protocol, question, text, symptom):
    # Before: a request for help; the red flag reported was not heard.
    u = meaning(protocol, text, question)
    assert u.meta is None and status(u, symptom) == "present"


@pytest.mark.parametrize("question, text, value, symptom", [
    # Before: a red flag reported absent (read as a "no").
    ("leg_numbness", "left side leg is having no feeling", "yes", "leg_numbness"),
    # Before: a yes to the bladder question (an emergency).
    ("bladder_bowel", "i've peed normally a couple of times today", "no", "bladder_bowel_loss"),
])
def test_round_35_words(protocol, question, text, value, symptom):
    u = meaning(protocol, text, question)
    assert u.value == value and status(u, symptom) == ("absent" if value == "no" else "present")


@pytest.mark.parametrize("text", ["i couldn't pee normally", "i haven't peed normally since"])
def test_not_peeing_normally_is_no_all_clear(protocol, text):
    assert meaning(protocol, text, "bladder_bowel").value == "yes"


@pytest.mark.parametrize("text, score", [("six from ten", 6),
                                         ("i give it a six how you say six from ten", 6)])
def test_the_scale_top_after_from_is_no_score(protocol, text, score):
    # Before: ten (severe pain, urgent).
    assert meaning(protocol, text, "pain_score").value == score


def test_light_that_cannot_be_borne_is_no_leg_weakness(protocol):
    # Before: "can't stand" was read as legs that cannot stand -- an emergency.
    u = meaning(protocol, "my neck's really stiff and i can't stand bright light",
                "anything_else")
    assert status(u, "leg_weakness") is None and u.concerns
    assert status(meaning(protocol, "i can't stand up", "anything_else"),
                  "leg_weakness") == "present"


@pytest.mark.parametrize("question, text", [
    ("anything_else", "my daughter says i seem more forgetful since yesterday"),
    ("anything_else", "my arm twitched on its own for about a minute"),
    ("anything_else", "my partner says i went really pale and grey for a while"),
    ("site_bleeding", "no but there's a bruise the size of my hand round it"),
])
def test_round_35_complaints(protocol, question, text):
    assert meaning(protocol, text, question).concerns


@pytest.mark.parametrize("question, text, value", [
    # Before: a yes -- pain still bad (urgent) -- where the pain is much less.
    ("pain_relief", "still there but much less", "no"),
    ("pain_relief", "it's still there but much milder", "no"),
    # A headache much milder is still there (the headache question asks just that).
    ("headache_relief", "it's still there but much milder", "yes"),
    # Before: asked again; a headache that has not resolved is still there.
    ("headache_relief", "the headache had lessened but had not resolved", "yes"),
    ("headache_relief", "it's resolved", "no"),
    # Before: a clarifying question (both ways) at an emergency question.
    ("site_bleeding", "just a tiny dot of blood on the plaster", "no"),
])
def test_round_35_question_relative(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


def test_a_part_in_a_comparison_is_no_place(protocol):
    # Before: "like a FINGER" moved the bleeding off the puncture site -- a "no" to the
    # bleeding question, and a concern.
    u = meaning(protocol, "it's bleeding like a finger caught on the mandoline and it "
                "won't stop", "site_bleeding")
    assert u.value == "yes" and status(u, "significant_bleeding") == "present"
    u = meaning(protocol, "my arm went numb", "leg_numbness")  # a place, as before
    assert u.value == "no" and u.concerns


def test_a_walk_others_notice_and_the_floor_spinning(protocol):
    u = meaning(protocol, "my wife thinks i'm walking strangely like i've had a few drinks",
                "anything_else")
    assert status(u, "leg_weakness") == "uncertain"
    assert meaning(protocol, "the deck keeps spinning under me", "anything_else").concerns


@pytest.mark.parametrize("text, value", [
    # Before: a yes -- fever present (an emergency): "to my knowledge" ended the denial.
    ("i have not to my knowledge had a fever", "no"),
    ("not to my knowledge", "no"),
    # Before: a "no" -- fever ruled out by a temperature never taken.
    ("i haven't taken my temperature", "unsure"),
    ("i have not actually measured my temperature", "unsure"),
])
def test_round_35_fever(protocol, text, value):
    assert meaning(protocol, text, "fever").value == value


@pytest.mark.parametrize("text, value", [("uh uh i'm shaking my head", "no"),
                                         ("mm mm shaking my head", "no")])
def test_a_gesture_told_aloud(protocol, text, value):
    # Before: "shaking" was read as shaky legs -- a yes, an emergency.
    assert meaning(protocol, text, "leg_weakness").value == value


@pytest.mark.parametrize("question, text, symptom", [
    # Before: asked again -- the legs said too far off for the concept, and then not
    # supplied by the question either.
    ("leg_numbness", "legs are like two slabs of meat straight out the freezer i can't "
     "feel them", "leg_numbness"),
    ("leg_weakness", "i'm sure my legs are going i'll end up in a wheelchair you watch",
     "leg_weakness"),
])
def test_a_place_said_far_off_leaves_the_question_its_place(protocol, question, text,
                                                            symptom):
    assert status(meaning(protocol, text, question), symptom) in ("present", "uncertain")


def test_a_place_said_far_off_gives_no_all_clear(protocol):
    u = meaning(protocol, "nah grand just a bit dead in the legs on the stairs nothing "
                "major", "leg_weakness")
    assert status(u, "leg_weakness") != "absent" and u.value != "no"


@pytest.mark.parametrize("text", ["not as such", "not a trace"])
def test_round_35_plain_noes(protocol, text):
    # Before: asked again.
    assert meaning(protocol, text, "headache").value == "no"


def test_not_one_is_no_no(protocol):
    # "Not one" is left out: "NOT ONE leg, both" is no all-clear.
    assert meaning(protocol, "not one leg both", "leg_numbness").value != "no"


@pytest.mark.parametrize("question, text", [
    ("site_infection", "what's discharge"),
    ("leg_numbness", "what is numbness"),
    ("fever", "what's a fever"),  # was a yes: a fever (an emergency)
])
def test_what_is_the_topic_asks_for_help(protocol, question, text):
    assert meaning(protocol, text, question).meta == "help"


@pytest.mark.parametrize("question, text", [
    ("leg_numbness", "what's weird is i can't feel my feet"),
    ("leg_weakness", "what's happening is they give way"),
    ("bladder_bowel", "what's going on is i wet myself"),
    ("site_bleeding", "what's a significant amount it's soaked"),
])
def test_what_is_said_after_what_is_read(protocol, question, text):
    assert meaning(protocol, text, question).value == "yes"


@pytest.mark.parametrize("question, text", [
    ("headache", "no just my back"), ("headache", "no my head's fine it's just my back"),
    ("bladder_bowel", "no problems there just the back"),
])
def test_just_the_back_is_back_soreness(protocol, question, text):
    # Before: nothing said but the "no" (disposition none, where the back is sore).
    u = meaning(protocol, text, question)
    assert u.value == "no" and status(u, "back_soreness") == "present"


def test_the_back_of_the_head_is_the_head(protocol):
    # Before: back soreness only, the headache question asked again.
    assert meaning(protocol, "pain at the back of my head", "headache").value == "yes"
    assert status(meaning(protocol, "only the back of my head", "headache"),
                  "back_soreness") is None


@pytest.mark.parametrize("question, text, value", [
    # Before: the first words decided (a no; a yes, an emergency).
    ("back_pain", "i don't have pain no wait yes there is a bit when i bend", "yes"),
    ("fever", "yes sorry no i mean no i misheard you", "no"),
])
def test_a_correction_later_in_the_answer(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


def test_a_correction_later_needs_a_new_answer_word(protocol):
    # "no sorry, i did the stairs twice": nothing taken back.
    assert meaning(protocol, "no sorry i did the stairs twice today",
                   "leg_weakness").value == "no"


@pytest.mark.parametrize("question, text", [
    ("leg_numbness", "what's wrong is my legs are numb"),
    ("leg_weakness", "what's wrong is my legs are weak"),
])
def test_what_is_wrong_is_a_report(protocol, question, text):
    # Round 34 dropped "what's" as a question back for these (asked again); a subject
    # "my" later in the answer now starts a report when it is no "to my stomach".
    assert meaning(protocol, text, question).value == "yes"
