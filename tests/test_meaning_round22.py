"""Round 22 (session 19): Scots, Patois, Pidgin and slang spellings, a temperature known
by its shape, "what fever? naw", the answer after a wait, a score said of now or of the
head, a choice said of now, a hedged improvement, and more symptoms and complaints.
Tuned on blind sets 36 and 37 (and the older dev sets); blind sets 38 and 39 were
written first and held out (docs/understanding.md, round 22); they are dev sets from
round 23 (their guard is in tests/test_meaning_round16.py)."""

from __future__ import annotations

import pytest
from typed_dialog import meaning, status

from voice.commands.interpret import interpret
from voice.normalize import normalise

# -- spellings ---------------------------------------------------------------------------


@pytest.mark.parametrize("typed, said", [
    ("ah'm no sure", "i'm not sure"),
    ("ah've no been able tae pee", "i've not been able to pee"),
    ("no ah cannae feel ma toes", "no i can't feel my toes"),
    ("ma ears are ringin", "my ears are ringing"),
    ("mi wet miself an mi neva feel it", "i wet myself an i never feel it"),
    ("my belle dey turn", "my belly turn"),
    ("ngl my head is lowkey killing me", "my head is kind of killing me"),
    # "No" before these is English as it stands.
    ("it's no better", "it's no better"), ("i'm no longer bleeding", "i'm no longer bleeding"),
])
def test_dialect_spellings_are_read_as_english(typed, said):
    assert normalise(typed) == said


@pytest.mark.parametrize("question, text, value", [
    ("leg_numbness", "no ah cannae feel ma toes", "yes"),
    ("leg_numbness", "ah'm no sure", "unsure"),
    ("leg_numbness", "true true di right foot a sleep an it nah wake up", "yes"),
    ("site_bleeding", "true true it nah stop bleed", "yes"),
    ("bladder_bowel", "i dey piss for body and i no know", "yes"),
    ("leg_numbness", "mi nuh feel nothing wrong wid mi foot dem", "no"),
    ("bladder_bowel", "nuh mi good", "no"),
    ("leg_numbness", "nah all good feeling wise", "no"),
    ("headache_relief", "no cap still there", "yes"),
    ("fever", "nup", "no"),
    ("pain_relief", "not massively", "no"),
])
def test_dialect_answers(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


# -- a temperature by its shape ----------------------------------------------------------


def test_a_decimal_reading_is_a_temperature_without_a_cue(protocol):
    u = meaning(protocol, "i took it again and it's thirty eight point nine now",
                "anything_else")
    assert status(u, "fever") == "present"
    # A whole number could be anything: no reading without a cue.
    assert status(meaning(protocol, "about a hundred and one of them", "anything_else"),
                  "fever") is None


def test_a_reading_said_digit_by_digit(protocol):
    assert meaning(protocol, "three eight decimal two celsius", "temperature").value == 38.2


# -- questions back ----------------------------------------------------------------------


@pytest.mark.parametrize("question, text", [
    ("fever", "wha' fever naw ah'm fine"), ("fever", "fever what fever no"),
])
def test_what_before_an_echo_keeps_it_an_echo(protocol, question, text):
    assert meaning(protocol, text, question).value == "no"


def test_what_fever_alone_is_no_no(protocol):
    assert meaning(protocol, "what fever", "fever").value != "no"


@pytest.mark.parametrize("question, text", [
    ("leg_numbness", "wha' yuh mean by numb"), ("bladder_bowel", "what like wetting myself"),
    ("leg_numbness", "what was er sorry say that again"), ("site_infection", "er what site sorry"),
])
def test_more_questions_back(protocol, question, text):
    assert meaning(protocol, text, question).meta == "help"


def test_an_answer_after_a_wait_is_read(protocol):
    assert meaning(protocol, "er hang on um it's er it's better", "pain_trend").value \
        == "better"
    assert meaning(protocol, "hang on let me ask my son", "pain_trend").meta == "wait"


def test_a_hedge_that_says_yes_after_no_is_an_answer(protocol):
    assert meaning(protocol, "nah yeah a little bit", "headache_nausea").value == "yes"


# -- the pain score ---------------------------------------------------------------------


@pytest.mark.parametrize("text, value", [
    ("four now but it was a seven earlier", 4),
    ("it's a two now but it was an eight this morning", 2),
    ("it was a nine this morning but it's a four now", 4),
    ("the back's a three but the headache's more like an eight", 3),
    # Said only of earlier, the score is still what was said.
    ("it was an eight this morning", 8),
    ("six or seven", 7),
])
def test_a_score_said_of_now_and_of_the_back(protocol, text, value):
    assert meaning(protocol, text, "pain_score").value == value


# -- the trend question -----------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "better but my head's worse", "it was worse yesterday better today",
    "worse er no the same sorry the same", "improving a bit", "i think it's improving",
])
def test_worse_said_of_something_else_is_no_worse_pain(protocol, text):
    result = interpret(text, protocol, protocol.question("pain_trend"))
    assert result["disposition"] == "self-care"


@pytest.mark.parametrize("text", ["the same maybe a touch worse", "not getting any better"])
def test_worse_said_of_now_leaves_severe_pain_open(protocol, text):
    u = meaning(protocol, text, "pain_trend")
    assert u.value == "same" and status(u, "severe_worsening_pain") == "uncertain"


def test_a_hedged_word_of_absence_still_never_rules_out_a_red_flag(protocol):
    u = meaning(protocol, "they feel normal i think", "leg_numbness")
    assert status(u, "leg_numbness") != "absent"


# -- symptoms -------------------------------------------------------------------------


@pytest.mark.parametrize("question, text, symptom", [
    ("site_bleeding", "no i can't get it to stop", "significant_bleeding"),
    ("bladder_bowel", "i had the runs earlier and didn't quite make it", "bladder_bowel_loss"),
    ("anything_else", "i think i might have lost a bit of control of my bowels",
     "bladder_bowel_loss"),
    ("bladder_bowel", "ah've no been able tae pee since this mornin", "bladder_bowel_loss"),
    ("anything_else", "my toes on the right won't move properly", "leg_weakness"),
    ("leg_weakness", "my legs dey tremble when i stand", "leg_weakness"),
    ("anything_else", "my head's still banging after the tablets", "persistent_headache"),
    ("anything_else", "i've been bringing everything up", "headache_nausea_vomiting"),
    ("headache_nausea", "bit green round the gills nothing to fuss about",
     "headache_nausea_vomiting"),
    ("headache", "true true mi head heavy", "positional_headache"),
])
def test_more_ways_to_say_a_symptom(protocol, question, text, symptom):
    assert status(meaning(protocol, text, question), symptom) in ("present", "uncertain")


def test_a_fever_before_the_procedure_is_not_one_since(protocol):
    assert meaning(protocol, "i had a fever before the procedure but not since", "fever").value \
        == "no"
    # ... unless there was one again.
    u = meaning(protocol, "i had a fever before the procedure and again last night", "fever")
    assert u.value == "yes" and status(u, "fever") == "present"


@pytest.mark.parametrize("text, value", [
    ("it bled a little when i took the plaster off but it stopped", "no"),
    ("it bled a bit at first but it stopped", "no"),
    # More than a little, or started again, is not this.
    ("it bled a lot but it stopped", "yes"),
    ("it bled a bit but it stopped and then started again", None),
])
def test_a_little_bleeding_that_stopped_is_no_significant_bleeding(protocol, text, value):
    assert meaning(protocol, text, "site_bleeding").value == value
    if value != "no":
        assert interpret(text, protocol, protocol.question("site_bleeding"))["disposition"] \
            in ("urgent", "emergency")


@pytest.mark.parametrize("question, text, symptom", [
    ("back_pain", "no the back's alright it's my head that's the problem",
     "positional_headache"),
    ("headache", "no the head's okay it's the back", "back_soreness"),
])
def test_the_other_pain_named_instead(protocol, question, text, symptom):
    u = meaning(protocol, text, question)
    assert u.value == "no" and status(u, symptom) == "present"


def test_no_pain_reliever_taken_cannot_say_whether_one_helps(protocol):
    assert meaning(protocol, "mi nuh tek nothing yet", "headache_relief").value == "unsure"


@pytest.mark.parametrize("question, text", [
    ("anything_else", "eii my heart dey beat fast fast"),
    ("anything_else", "she's gone a funny grey colour"),
    ("anything_else", "he had a wee fit earlier his arms were jerkin"),
    ("anything_else", "ah've been short o breath"),
    ("anything_else", "i get a whooshing in my head when i stand up"),
    ("headache_relief", "ma heid's still bangin an noo ah'm seein wee spots"),
    ("headache", "yes an mi a see double"),
])
def test_more_complaints(protocol, question, text):
    assert interpret(text, protocol, protocol.question(question))["concerns"]
