"""Round 18 (session 15): a question asked instead of an answer, not wanting to say,
the bladder in more words (dribbling, "not so much", retention, not feeling it come),
numbness as the feeling gone, and food or drink not kept down. Tuned on blind sets 28
and 29 (and the older dev sets); blind sets 30 and 31 were written first and held out
(docs/understanding.md, round 18)."""

from __future__ import annotations

import pytest
from typed_dialog import helped_and_asked_again, meaning, run_typed, status

# -- a question instead of an answer (answers.yaml asks_instead) -----------------------


@pytest.mark.parametrize("question, text", [
    ("pain_relief", "which tablets am i allowed"),
    ("pain_relief", "does it matter which tablets"),
    ("headache_relief", "what should i take for it"),
    ("site_infection", "where exactly do i look"),
    ("pain_trend", "what pain the back or the head"),
    ("bladder_bowel", "why do you need to know that"),
    ("leg_weakness", "is that normal after the test"),
])
def test_a_question_instead_of_an_answer_gets_help(protocol, question, text):
    # Before, at a red-flag question these were "no answer" (urgent, a re-prompt used)
    # and "is that normal after the test" was a "no" from the word "normal".
    u = meaning(protocol, text, question)
    assert u.meta == "help" and u.value is None and not u.symptoms


@pytest.mark.parametrize("question, text, symptom", [
    ("fever", "where's the fever meant to be i'm boiling", "fever"),
    ("leg_weakness", "is it normal to have weak legs", "leg_weakness"),
    ("bladder_bowel", "should i be worried i wet myself", "bladder_bowel_loss"),
])
def test_a_question_that_reports_a_symptom_is_read_as_said(protocol, question, text, symptom):
    # Read at the question: whatever answers it, the question does not hide.
    u = meaning(protocol, text, question)
    assert u.meta is None and status(u, symptom) in ("present", "uncertain")


def test_a_question_at_the_free_question_is_a_remark(protocol):
    u = meaning(protocol, "am i allowed a shower yet", "anything_else")
    assert u.meta is None and u.value == "am i allowed a shower yet"


def test_the_check_in_helps_and_asks_again(protocol):
    result, log = run_typed(protocol, ["why are you asking"] + ["no"] * 12)
    assert helped_and_asked_again(log, protocol, "fever")
    assert result["disposition"] == "none" and not result["unanswered"]


# -- not wanting to say (answers.yaml text_only unsure) ----------------------------------


@pytest.mark.parametrize("text", [
    "that's private", "that's a bit personal isn't it", "i'd rather not say"])
def test_not_wanting_to_say_is_not_knowing(protocol, text):
    # Never a no, never a hedged yes from "a bit": asked again.
    assert meaning(protocol, text, "bladder_bowel").value == "unsure"


# -- the bladder, numbness and sickness in more words (concepts.yaml) ------------------


@pytest.mark.parametrize("question, text, symptom, expected", [
    ("bladder_bowel", "bowels fine bladder not so much i keep dribbling", "bladder_bowel_loss",
     "uncertain"),
    ("bladder_bowel", "i keep dribbling", "bladder_bowel_loss", "uncertain"),
    ("anything_else", "my bladder's been a bit funny", "bladder_bowel_loss", "uncertain"),
    ("anything_else", "i keep needing to pee but i can't get much out", "bladder_bowel_loss",
     "uncertain"),
    ("bladder_bowel", "not lost it as such but i didn't feel the wee coming out",
     "bladder_bowel_loss", "present"),
    ("bladder_bowel", "i don't feel when i need to go anymore", "bladder_bowel_loss",
     "present"),
    ("leg_numbness", "the feeling has gone out of my bum and the inside of my legs",
     "leg_numbness", "present"),
    ("leg_numbness", "the feeling's gone from my feet", "leg_numbness", "present"),
    ("anything_else", "i haven't been able to keep any water down",
     "headache_nausea_vomiting", "present"),
])
def test_more_words_for_red_flags_and_sickness(protocol, question, text, symptom, expected):
    assert status(meaning(protocol, text, question), symptom) == expected


def test_urine_of_a_funny_colour_is_not_lost_control(protocol):
    # Only the bladder or bowels "not right" count; the colour is a complaint.
    u = meaning(protocol, "yeah my back's still aching and my pee is a funny colour",
                "anything_else")
    assert status(u, "bladder_bowel_loss") is None and u.concerns


# -- what the site looks like -----------------------------------------------------------


def test_nothing_there_is_no_no_to_numbness(protocol):
    # "there's nothing there" of a leg may be no feeling: read only at the site.
    assert meaning(protocol, "there's nothing there", "leg_numbness").value != "no"


def test_more_than_a_little_blood_is_not_a_no(protocol):
    assert meaning(protocol, "quite a bit of blood", "site_bleeding").value == "yes"
    u = meaning(protocol, "it bled a bit and it won't stop", "site_bleeding")
    assert u.value != "no" and status(u, "significant_bleeding") == "present"
    # A small amount that grows or starts again: asked, never a no.
    for text in ("there's a little bit of blood and it's getting bigger",
                 "a speck but it's spreading"):
        u = meaning(protocol, text, "site_bleeding")
        assert u.value is None and u.clarify
    u = meaning(protocol, "it bled a little but now it's started again", "site_bleeding")
    assert u.value != "no" and status(u, "significant_bleeding") != "absent"


# -- what went away and came back (negation.yaml resolved_across, returned) ------------


def test_a_red_flag_that_went_away_after_a_but_is_still_asked_about(protocol):
    u = meaning(protocol, "they were numb but it's gone now", "leg_numbness")
    assert status(u, "leg_numbness") == "uncertain"


@pytest.mark.parametrize("question, text, symptom", [
    ("headache", "i had one it went away and now it's back", "positional_headache"),
    ("headache", "had one but it's gone now and now it's back", "positional_headache"),
    ("leg_numbness", "the numbness went away but it came back tonight", "leg_numbness"),
])
def test_what_went_away_and_came_back_is_there(protocol, question, text, symptom):
    # negation.yaml `returned` undoes a resolved word said before it.
    assert status(meaning(protocol, text, question), symptom) == "present"


def test_other_words_after_the_but_start_a_new_statement(protocol):
    u = meaning(protocol, "it was red but my legs are fine now", "site_infection")
    assert status(u, "site_infection") == "present"


# -- read as a plain no ------------------------------------------------------------------


@pytest.mark.parametrize("question, text, symptom", [
    # the round's words, denied
    ("bladder_bowel", "not so much", "bladder_bowel_loss"),
    ("bladder_bowel", "no my bladder isn't acting up", "bladder_bowel_loss"),
    ("leg_numbness", "no the feeling has come back", "leg_numbness"),
    ("headache_nausea", "no i've been able to keep food down", "headache_nausea_vomiting"),
    # "nope" is the answer word wherever it is (negation.yaml answer_only): it agrees
    # with an all-clear after it and denies a symptom after it
    ("site_infection", "he says nope looks fine", "site_infection"),
    ("headache", "nope headache", "positional_headache"),
    ("fever", "nope fever", "fever"),
    # "she's" starts a clause: the "no" before it answers (negation.yaml clause_start)
    ("fever", "she says no she's been fine temperature wise", "fever"),
    # someone else looked (answers.yaml text_only no)
    ("site_infection", "the nurse said it was fine when she changed the dressing",
     "site_infection"),
    ("site_infection", "i had a look in the mirror it seems fine", "site_infection"),
    # nothing to see, and a little blood said with its size, at the site questions only
    # (questions.yaml text_only)
    ("site_infection", "the carer checked it this morning and there's nothing there",
     "site_infection"),
    ("site_bleeding", "only a little smear", "significant_bleeding"),
    ("site_bleeding", "a little smear when i took the plaster off", "significant_bleeding"),
    ("site_bleeding", "yeah just a dot of blood", "significant_bleeding"),
    # what went away after "but it's" (negation.yaml resolved_across)
    ("site_infection", "it was red yesterday but it's calmed down today", "site_infection"),
    ("site_infection", "it was red the first day but it's fading now", "site_infection"),
    ("headache", "i had one this morning but it's gone now", "positional_headache"),
    ("back_pain", "it was sore yesterday but it's gone today", "back_soreness"),
])
def test_a_plain_no_in_these_words(protocol, question, text, symptom):
    u = meaning(protocol, text, question)
    assert u.value == "no" and status(u, symptom) == "absent"


# -- a choice taken back (answers.yaml numbers corrected_by) ---------------------------


@pytest.mark.parametrize("text, value", [
    ("worse no sorry better it's better", "better"),
    ("it's getting worse oh sorry no i mean better it's better", "better"),
    ("better no hang on it's worse since i went for a walk", "worse"),
])
def test_a_choice_taken_back_is_the_later_one(protocol, text, value):
    assert meaning(protocol, text, "pain_trend").value == value
