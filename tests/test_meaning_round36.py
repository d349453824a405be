"""Round 36 (session 28). Tuned on blind sets 64 and 65 (and the older dev sets); blind
sets 66 and 67 were written by separate sessions before the round started, without the
code, and were held out in round 36; from round 37 they are dev, and their guard is in
test_meaning_round16.py (docs/understanding.md, round 36)."""

from __future__ import annotations

import pytest
from typed_dialog import meaning, status


@pytest.mark.parametrize("question, text", [
    # Before: a yes (an emergency, but for the last): the question repeated back around
    # "did you say" was read as the symptom said.
    ("fever", "fever did you say a fever no no fever"),
    ("leg_numbness", "numbness did you say numb in the legs no no they're alright"),
    ("site_bleeding", "bleeding you said no no bleeding son"),
    ("headache_nausea", "sick did you say sick no no i'm eating fine"),
])
def test_the_question_repeated_back_then_a_no(protocol, question, text):
    assert meaning(protocol, text, question).value == "no"


def test_a_no_that_describes_is_no_answer(protocol):
    # "you mean LIKE no feeling?": the "no" describes the numbness asked about.
    assert meaning(protocol, "numb you mean like no feeling", "leg_numbness").value != "no"


@pytest.mark.parametrize("text, value", [
    # Before (the first): better -- "yesterday" marked "worse" as said of an earlier
    # time, leaving "gone".
    ("ah it's gone worse since yesterday to be honest with you", "worse"),
    ("it's got worse from yesterday", "worse"),
    ("it was worse yesterday better today", "better"),
])
def test_a_change_since_a_time_is_of_now(protocol, text, value):
    assert meaning(protocol, text, "pain_trend").value == value


@pytest.mark.parametrize("text, score", [
    # Before: ten (severe pain, urgent) -- the scale's own top read as the score.
    ("on a scale of one to ten it's a four", 4),
    ("on a scale of zero to ten a three", 3),
    ("a five on a scale of ten", 5),
    ("on a scale of ten about a five", 5),
    ("five of ten", 5),
    ("nine to ten", 10),  # a range: the higher
    ("it's ten of ten", 10),
    # Before: ten -- the top of the scale, defined after "out of ten", read as the score.
    ("ten out of ten is the worst so maybe a six", 6),
    ("if ten out of ten is having a baby i'd say a three", 3),
    ("ten out of ten", 10),
])
def test_the_scale_named_is_no_score(protocol, text, score):
    assert meaning(protocol, text, "pain_score").value == score


@pytest.mark.parametrize("question, text, value", [
    # Before: asked again (read back at best) -- a persistent headache not heard.
    ("headache_relief", "i took analgin and it is still here", "yes"),
    ("headache_relief", "he's had two lots of tablets and it's still just as bad", "yes"),
    ("headache_relief", "nowhere near as bad as it was", "no"),
    ("headache_nausea", "queasier than yesterday", "yes"),
    # Before: no value (a fever said, asked again) and a "no" (numb toes ruled out).
    ("temperature", "bout a hunnert and two on the ol mercury one", 102),
    ("leg_numbness", "mi nuh feel nutten inna mi toe dem", "yes"),
])
def test_round_36_words(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


def test_erythema_is_redness(protocol):
    # Before: a "no" -- the denials after it ruled the site infection out.
    u = meaning(protocol, "mild erythema about one centimetre across no induration no "
                "exudate", "site_infection")
    assert u.value == "yes" and status(u, "site_infection") != "absent"


@pytest.mark.parametrize("text", [
    "i have some problem with breathing it is hard to take the air",
    "mum doesn't seem to know where she is",
    "i have itching on all the body after the tablet",
    "body pain is there all over",
])
def test_round_36_complaints(protocol, text):
    assert meaning(protocol, text, "anything_else").concerns


def test_passing_water_often_is_no_complaint(protocol):
    # Patients are told to drink plenty (the seed): going more often is expected.
    assert not meaning(protocol, "i'm peeing all the time because of the baby but i can "
                       "hold it", "bladder_bowel").concerns


@pytest.mark.parametrize("question, text, value", [
    # Before: asked again (a clear "no" not understood).
    ("site_bleeding", "not at the moment", "no"),
    ("headache_relief", "not at the moment", "no"),
    ("fever", "not yet", "no"),
    ("bladder_bowel", "not yet but i keep worrying i will", "no"),
    # At a question about any time since the procedure, "not now" leaves the time
    # before open: asked again.
    ("fever", "not at the moment", None),
    ("leg_numbness", "not at the moment", None),
])
def test_not_now_and_not_yet(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


@pytest.mark.parametrize("question, text", [
    # Before: loss of bladder control (an emergency): "just went" and "passed" with the
    # toilet named were read as an accident.
    ("anything_else", "i just went to the loo"),
    ("anything_else", "i passed out for a second on the loo"),
    ("headache_nausea", "no but i passed out for a second getting off the toilet"),
])
def test_going_to_the_toilet_is_no_accident(protocol, question, text):
    assert status(meaning(protocol, text, question), "bladder_bowel_loss") != "present"


def test_passing_out_on_the_loo_is_a_concern(protocol):
    assert meaning(protocol, "i passed out for a second on the loo", "anything_else").concerns


@pytest.mark.parametrize("text", ["it's bleeding and my mouth is dry",
                                  "bleeding and my mouth feels dry"])
def test_a_part_in_a_statement_of_its_own_is_no_place(protocol, text):
    # Before: a "no" -- the bleeding was placed in the mouth, the site's ruled out.
    u = meaning(protocol, text, "site_bleeding")
    assert u.value == "yes" and status(u, "significant_bleeding") == "present"
    u = meaning(protocol, "my hand is numb and my arm", "leg_numbness")  # as before
    assert u.value == "no" and u.concerns


def test_a_temperature_checked_is_a_reading(protocol):
    # Before: asked again -- a bare normal number never rules a fever out.
    assert meaning(protocol, "i checked it was thirty six point eight", "fever").value == "no"
    assert meaning(protocol, "thirty six point eight", "fever").value is None


def test_nothing_on_the_dressing(protocol):
    # Before: asked again, and the net asked about bleeding.
    assert meaning(protocol, "nothing on the dressing", "site_bleeding").value == "no"


def test_pee_of_a_funny_colour_is_a_complaint(protocol):
    u = meaning(protocol, "yeah my back's still aching and my pee is a funny colour",
                "anything_else")
    assert u.concerns and status(u, "back_soreness") == "present"


@pytest.mark.parametrize("question, text, symptom", [
    # Before: a "no", the symptom ruled out -- the part in the other statement was
    # taken for its place.
    ("site_infection", "it's red and swollen and i feel sick", "site_infection"),
    ("site_infection", "but my arms are fine it's red and swollen", "site_infection"),
    ("site_infection", "and my stomach hurts there's pus coming out", "site_infection"),
    ("site_infection", "there's pus coming out my arms are fine though", "site_infection"),
    ("site_infection", "it's hot and oozing no chest pain", "site_infection"),
    ("site_bleeding", "no chest pain it's bleeding a lot", "significant_bleeding"),
    # Before: asked again, the numbness not heard ("have gone numb" read as an echo).
    ("leg_numbness", "my legs have gone numb no headache though", "leg_numbness"),
    ("leg_weakness", "my legs keep giving way no chest pain", "leg_weakness"),
])
def test_a_part_in_another_statement_is_no_place(protocol, question, text, symptom):
    u = meaning(protocol, text, question)
    assert u.value == "yes" and status(u, symptom) in ("present", "uncertain")


@pytest.mark.parametrize("question, text", [
    # A part in the symptom's own statement is still its place (as before).
    ("leg_numbness", "my arm went numb"),
    ("leg_numbness", "numb in my arm"),
    ("leg_numbness", "my arm it's gone numb"),
    ("leg_numbness", "the only numb thing round here is my brain from daytime telly"),
    ("site_infection", "no my ankle is swollen up though"),
])
def test_a_part_in_the_same_statement_is_a_place(protocol, question, text):
    u = meaning(protocol, text, question)
    assert u.value == "no" and u.concerns


@pytest.mark.parametrize("question, text", [("leg_numbness", "gone numb no"),
                                            ("fever", "a fever no")])
def test_an_echo_is_still_an_echo(protocol, question, text):
    assert meaning(protocol, text, question).value == "no"


@pytest.mark.parametrize("question, text, value", [
    # Before: a yes (an emergency) or asked again -- one answer word after a correction
    # was not enough to take the first back.
    ("leg_weakness", "yes i mean no", "no"),
    ("fever", "yes actually no", "no"),
    ("leg_numbness", "yes sorry i misheard no", "no"),
    ("fever", "no i mean yes", "yes"),
    # Before: a yes -- "what did you say" was no question back.
    ("leg_numbness", "what did you say numbness no", "no"),
])
def test_round_36_corrections(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


def test_what_did_you_say_alone_asks_to_repeat(protocol):
    assert meaning(protocol, "what did you say", "fever").meta == "repeat"


@pytest.mark.parametrize("question, text", [
    # Before: read back as relief (the headache gone) or asked again.
    ("headache_relief", "the pills wear off quickly"),
    ("pain_relief", "the pills wear off quickly"),
    ("headache_relief", "the effect doesn't last long"),
])
def test_relief_that_does_not_last(protocol, question, text):
    assert meaning(protocol, text, question).value == "yes"
