"""Round 21 (session 18): a yes after a symptom that is not the one asked ("numb no, WEAK
YES"), an answer word after a denied statement ("not that i noticed, NO"), the words of
a question the patient asks ("IS IT NORMAL for them to shake?"), a question back
followed by a statement, and more complaints. Tuned on blind sets 34 and 35 (and the
older dev sets); blind sets 36 and 37 were written first and held out
(docs/understanding.md, round 21); they are dev sets from round 22 (their guard is in
tests/test_meaning_round16.py)."""

from __future__ import annotations

import pytest
from typed_dialog import meaning, status

from voice.commands.interpret import interpret

# -- two answers in one: "numb no, weak yes" -----------------------------------------


@pytest.mark.parametrize("question, text, value, said", [
    ("leg_numbness", "numb no weak yes my knees keep giving out", "no", "leg_weakness"),
    ("leg_weakness", "weak no but numb yes", "no", "leg_numbness"),
    ("fever", "fever no but numb yes", "no", "leg_numbness"),
])
def test_a_yes_after_another_symptom_is_that_symptoms(protocol, question, text, value, said):
    u = meaning(protocol, text, question)
    assert u.value == value
    assert status(u, said) == "present"


@pytest.mark.parametrize("question, text", [
    ("fever", "no fever no"), ("leg_numbness", "no numbness no"),
    ("site_infection", "no redness no swelling nothing"),
])
def test_a_no_after_a_denied_symptom_still_denies_it(protocol, question, text):
    assert meaning(protocol, text, question).value == "no"


# -- an answer word after a denied statement ----------------------------------------


def test_an_answer_word_after_not_that_is_no_part_of_the_statement(protocol):
    u = meaning(protocol, "not that i noticed no", "fever")
    assert u.value == "no" and status(u, "fever") == "absent"


def test_a_statement_that_is_only_an_answer_word_is_still_denied(protocol):
    # "I'd be lying if I said no": the statement is the "no" itself; a weak yes.
    assert meaning(protocol, "i'd be lying if i said no", "back_pain").value == "yes"


# -- a question the patient asks -------------------------------------------------------


def test_the_words_of_a_patients_question_are_no_answer(protocol):
    # "normal" in "is it normal" is no "they feel normal".
    u = meaning(protocol, "is it normal for them to shake when i stand", "leg_weakness")
    assert u.value != "no" and status(u, "leg_weakness") != "absent"


def test_an_echo_after_a_pause_is_still_an_echo(protocol):
    assert meaning(protocol, "well. fever? no", "fever").value == "no"
    assert meaning(protocol, "sorry did you say fever no i haven't", "fever").value == "no"


def test_a_question_back_then_a_statement_is_read_as_said(protocol):
    u = meaning(protocol, "what do you mean my legs are numb", "leg_numbness")
    assert u.value == "yes" and status(u, "leg_numbness") == "present"
    assert meaning(protocol, "what do you mean by numb", "leg_numbness").meta == "help"


# -- words -------------------------------------------------------------------------------


@pytest.mark.parametrize("question, text, value", [
    ("fever", "negative on fever", "no"),
    ("fever", "i feel heaty but fever i don't think so", "no"),
    ("headache", "affirmative frontal moderate", "yes"),
    ("headache_position", "too right it is", "yes"),
    ("pain_score", "a niner", 9),
])
def test_more_ways_to_say_an_answer(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


@pytest.mark.parametrize("question, text, symptom", [
    ("headache", "yes but the panadol isn't doing anything", "persistent_headache"),
    ("leg_weakness", "no i can hardly get across the room", "leg_weakness"),
    ("leg_numbness", "there's a patch on my leg that feels like it's been to the dentist",
     "leg_numbness"),
    ("headache_nausea", "no i haven't thrown up but i've felt like it all day",
     "headache_nausea_vomiting"),
    ("pain_relief", "cannot tahan even after panadol", "severe_worsening_pain"),
])
def test_more_ways_to_say_a_symptom(protocol, question, text, symptom):
    assert status(meaning(protocol, text, question), symptom) in ("present", "uncertain")


@pytest.mark.parametrize("question, text", [
    ("leg_numbness", "not numb no but i did faint in the bathroom earlier"),
    ("headache_nausea", "no but i do feel a bit faint"),
    ("anything_else", "i'm having trouble catching my breath"),
    ("back_pain", "the back is grand it's my chest that's sore"),
    ("bladder_bowel", "no i haven't lost control but i haven't gone number two since tuesday"),
])
def test_more_complaints(protocol, question, text):
    assert interpret(text, protocol, protocol.question(question))["concerns"]


# -- a question back said last ---------------------------------------------------------


@pytest.mark.parametrize("question, text", [
    ("leg_numbness", "numb how"), ("bladder_bowel", "lost control how do you mean"),
])
def test_a_question_back_said_last_is_a_request_for_help(protocol, question, text):
    assert meaning(protocol, text, question).meta == "help"


def test_a_statement_before_a_question_back_is_read_as_said(protocol):
    u = meaning(protocol, "i got caught short once on the way to the bathroom is that what "
                "you mean", "bladder_bowel")
    assert u.meta is None and u.value != "no"
    assert interpret(u.text, protocol, protocol.question("bladder_bowel"))["disposition"] \
        in ("urgent", "emergency")


# -- the trend question -----------------------------------------------------------------


@pytest.mark.parametrize("text, value", [
    ("up and down", "same"), ("ups and downs", "same"),
    ("better but my head's worse", "better"),
    ("the back's better but the headache's worse", "better"),
    # Said only of the head, the choice is still read (nothing else answers).
    ("the headache's worse", "worse"),
])
def test_the_trend_of_the_pain_asked_about(protocol, text, value):
    assert meaning(protocol, text, "pain_trend").value == value


# -- a concept says where itself ---------------------------------------------------------


def test_tired_legs_stay_only_possibly_weak(protocol):
    # The concept names the legs; "legs" near it does not make the weakness sure.
    u = meaning(protocol, "no but my legs are tired after the long journey home",
                "leg_weakness")
    assert status(u, "leg_weakness") == "uncertain"


# -- Jamaican Patois ---------------------------------------------------------------------


@pytest.mark.parametrize("question, text, value", [
    ("pain_relief", "mi tek di tablet dem but di pain nuh go nowhere", "yes"),
    ("site_infection", "mi nuh know mi cyaan see mi own back", "unsure"),
])
def test_patois_function_words(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


# -- a place said to be fine -------------------------------------------------------------


@pytest.mark.parametrize("question, text", [
    ("leg_weakness", "my legs are fine it's my arms that feel weak"),
    ("leg_numbness", "my legs are fine it's my arm that's gone numb"),
])
def test_a_symptom_of_another_part_after_the_legs_said_fine_is_a_concern(protocol, question,
                                                                         text):
    result = interpret(text, protocol, protocol.question(question))
    assert result["value"] == "no" and result["concerns"]


def test_the_legs_said_fine_then_weak_are_still_weak(protocol):
    assert meaning(protocol, "my legs are fine but my legs feel weak", "leg_weakness").value \
        == "yes"


def test_not_having_looked_in_the_present_tense_is_not_sure(protocol):
    # Found on held-out blind 36 after round 21 was measured (docs/understanding.md).
    assert meaning(protocol, "i don't think so but i don't check", "site_bleeding").value \
        == "unsure"


def test_made_it_said_alone_after_never_is_asked_again(protocol):
    # The benchmark heard a clean "no I haven't" as "never made it": no emergency on
    # that, asked again as before ("i MADE IT in time" is a no).
    assert meaning(protocol, "never made it", "bladder_bowel").value is None
    assert meaning(protocol, "i had to rush but i made it", "bladder_bowel").value == "no"
