"""Round 16 (session 13): symptom concepts kept to one question, borderline readings,
numbness or leaks that predate the procedure, a site that looks as it should, a stiff
neck, and a confirmation that settles what it interrupted. Tuned on blind sets 24 and
25 (and the older dev sets); blind sets 26 and 27 were written first and held out
(docs/understanding.md, round 16)."""

from __future__ import annotations

import pytest
from typed_dialog import check_blind_set, meaning, protocol_with, run_typed, status

from benchmarks.fresh_eval import reported
from voice.commands.interpret import interpret
from voice.dialog import Ask
from voice.protocol import ProtocolError
from voice.understand import understand

# -- a symptom concept kept to one question (concepts.yaml `question` with `symptom`) --


@pytest.mark.parametrize("text, want", [
    ("can't remember the number but the nurse said it was high", "present"),
    ("it was high whatever it was", "present"),
    ("the strip on her forehead went orange whatever that means", "uncertain"),
    ("the app just says low grade", "uncertain"),
])
def test_a_reading_told_without_a_number_is_a_fever(protocol, text, want):
    assert status(meaning(protocol, text, "temperature"), "fever") == want


def test_the_same_words_at_another_question_are_no_fever(protocol):
    # "It was high" at the pain score is the pain; the concept is the temperature's.
    assert status(meaning(protocol, "it was high this morning", "pain_score"), "fever") is None
    assert status(meaning(protocol, "it went up to thirty seven and a half",
                          "temperature"), "fever") == "absent"


@pytest.mark.parametrize("text", [
    "it's not getting any better", "definitely not better", "it isn't improving"])
def test_pain_not_improving_is_possibly_severe_pain(protocol, text):
    u = meaning(protocol, text, "pain_trend")
    assert u.value == "same" and status(u, "severe_worsening_pain") in ("uncertain", "present")


@pytest.mark.parametrize("text", ["not better not worse", "about the same", "no change"])
def test_pain_that_is_the_same_is_not_severe_pain(protocol, text):
    u = meaning(protocol, text, "pain_trend")
    assert u.value == "same" and status(u, "severe_worsening_pain") in (None, "absent")


def test_the_relief_question_settles_pain_not_improving(protocol):
    # The trend's "possibly" is cleared by the patient's own answer to the question that
    # asks about severe pain (triage.combine: authoritative).
    answers = ["no", "no", "no", "no", "yes", "four", "it's not getting any better",
               "no the tablets help", "no", "no", "no", "no"]
    result, _ = run_typed(protocol, answers)
    assert result["disposition"] == "self-care"
    assert result["symptoms"]["severe_worsening_pain"]["status"] == "absent"


def test_pain_relievers_that_fail_at_the_position_question_are_a_lasting_headache(
        protocol):
    u = meaning(protocol, "yes but the panadol won't shift it", "headache_position")
    assert status(u, "persistent_headache") == "present"
    assert status(meaning(protocol, "the panadol won't shift it", "pain_relief"),
                  "persistent_headache") is None


def test_a_concept_kept_to_an_unknown_question_is_reported(tmp_path):
    entry = "  - symptom: fever\n    question: nowhere\n    status: present\n" \
            "    parts: [[a], [b]]\n"
    with pytest.raises(ProtocolError, match="unknown question 'nowhere'"):
        understand("anything", protocol_with(tmp_path, "concepts.yaml", entry))


# -- borderline readings (answers.yaml temperature.borderline_*) ----------------------


@pytest.mark.parametrize("text, want", [
    ("thirty seven point eight", "uncertain"), ("a hundred", "uncertain"),
    ("thirty seven point seven", "absent"), ("ninety nine point five", "absent"),
    ("thirty eight", "present"), ("a hundred point four", "present")])
def test_a_reading_just_under_the_threshold_is_possibly_a_fever(protocol, text, want):
    assert status(meaning(protocol, text, "temperature"), "fever") == want


def test_a_borderline_reading_at_the_fever_question_is_not_sure(protocol):
    u = meaning(protocol, "no it was thirty seven point eight", "fever")
    assert u.value == "unsure" and status(u, "fever") is None


def test_a_borderline_reading_is_asked_about_once_and_kept(protocol):
    # "Not sure" -> 37.8 -> "do you have a fever?" -> "no": the reading is kept (not
    # asked for again) and the patient's "no" settles the fever question.
    result, log = run_typed(protocol, ["not sure", "thirty seven point eight", "no"] +
                            ["no"] * 10)
    asked = [e.question for e in log if isinstance(e, Ask)]
    assert asked.count("temperature") == 1 and asked.count("confirm:fever") == 1
    assert result["answers"]["temperature"]["value"] == 37.8
    assert result["answers"]["fever"]["value"] == "no"
    assert result["unanswered"] == [] and result["disposition"] == "none"


# -- there before the procedure (negation.yaml `prior`, symptoms.yaml `only_new`) ------


@pytest.mark.parametrize("question, text, symptom", [
    ("leg_numbness", "i've had numb toes for years with my diabetes and it's no different",
     "leg_numbness"),
    ("leg_numbness", "it's the same numb patch i had before the procedure no bigger",
     "leg_numbness"),
    ("bladder_bowel", "i leak a bit when i cough but i always have since my babies",
     "bladder_bowel_loss"),
])
def test_what_predates_the_procedure_is_asked_about_not_concluded(protocol, question, text,
                                                                  symptom):
    assert status(meaning(protocol, text, question), symptom) == "uncertain"


@pytest.mark.parametrize("question, text, symptom", [
    ("leg_numbness", "my feet are always numb with the sugar but today it's creeping up",
     "leg_numbness"),
    ("leg_numbness", "yes my legs are numb", "leg_numbness"),
    ("anything_else", "my back has been bad for years but now my legs are numb",
     "leg_numbness"),
    ("bladder_bowel", "i've wet myself twice today", "bladder_bowel_loss"),
])
def test_what_grew_or_is_new_stays_present(protocol, question, text, symptom):
    assert status(meaning(protocol, text, question), symptom) == "present"


def test_long_standing_numbness_is_confirmed_as_new_or_increasing(protocol):
    text = "i've had numb toes for years with my diabetes and it's no different"
    result, log = run_typed(protocol, ["no", text] + ["no"] * 10)
    asked = [e.text for e in log if isinstance(e, Ask)]
    assert any("new or increasing numbness" in a and "sure" in a for a in asked)
    assert result["symptoms"]["leg_numbness"]["status"] == "absent"
    assert result["disposition"] == "none"


# -- the needle site as it should look; nobody to look ---------------------------------


@pytest.mark.parametrize("question, text, value", [
    ("site_infection", "no it's just a little dot", "no"),
    ("site_infection", "all clean and dry", "no"),
    ("site_infection", "my mom looked and she says nothing", "no"),
    ("site_infection", "i can't see any redness or swelling", "no"),
    ("site_infection", "i live alone there's nobody to look", "unsure"),
    ("site_infection", "the plaster's still on and they said not to take it off", "unsure"),
    ("site_bleeding", "just a spot on the plaster", "no"),
    ("site_bleeding", "the dressing's clean", "no"),
    ("site_bleeding", "significant bleeding no", "no"),
    ("site_bleeding", "the dressing is soaked", "yes"),
])
def test_the_site_in_the_patients_words(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


@pytest.mark.parametrize("question, text, symptom", [
    ("leg_numbness", "i've lost the feeling in my legs", "leg_numbness"),
    ("anything_else", "i've lost the feeling in my legs", "leg_numbness"),
    ("leg_weakness", "her legs wouldn't hold her", "leg_weakness"),
])
def test_round_16_red_flags(protocol, question, text, symptom):
    assert status(meaning(protocol, text, question), symptom) == "present"


@pytest.mark.parametrize("question, text, symptom", [
    ("leg_weakness", "i stumbled a couple of times", "leg_weakness"),
    ("site_bleeding", "there's a bruise that keeps getting bigger", "significant_bleeding"),
    ("site_infection", "there's a rash all round the plaster", "site_infection"),
])
def test_round_16_possible_red_flags_are_asked_about(protocol, question, text, symptom):
    assert status(meaning(protocol, text, question), symptom) == "uncertain"


@pytest.mark.parametrize("text", [
    "i had to get my son to help me up off the toilet",
    "he couldn't get up off the toilet without me pulling him up"])
def test_needing_help_to_get_up_is_possibly_weak_legs(protocol, text):
    assert status(meaning(protocol, text, "leg_weakness"), "leg_weakness") == "uncertain"


@pytest.mark.parametrize("question, text", [
    ("bladder_bowel", "my bowels have gone a bit loose but i'm making it to the loo"),
    ("bladder_bowel", "haven't had a poo since the procedure"),
    ("anything_else", "i am feeling giddy since evening")])
def test_round_16_complaints(protocol, question, text):
    assert meaning(protocol, text, question).concerns


def test_a_rash_elsewhere_is_a_complaint_not_the_site(protocol):
    u = meaning(protocol, "no but i've got a rash all over my tummy", "site_infection")
    assert u.concerns and status(u, "site_infection") == "absent"


# -- the scorer: a red-flag choice question left open --------------------------------


def test_a_trend_left_open_leaves_severe_pain_open(protocol):
    result = interpret("i don't know really", protocol, protocol.question("pain_trend"))
    assert result["unanswered"] == ["pain_trend"]
    assert reported(result, protocol)["severe_worsening_pain"] == "uncertain"


# -- the blind sets ------------------------------------------------------------------


@pytest.mark.parametrize("name, cases, floors, false_concerns", [
    # name, cases: disposition, emergencies found, reported absent, read as a "no",
    # question-relative, false concerns; dev figures, each measured at the end of the
    # round tuned on the set (24 and 25: round 16; 26 and 27: round 17; 28 and 29:
    # round 18; 30 and 31: round 19; 32 and 33: round 20; 34 and 35: round 21; 36 and
    # 37: round 22; 38 and 39: round 23; 40 and 41: round 24; 42 and 43: round 25;
    # 44 and 45: round 26; 46 and 47: round 27; 48 and 49: round 28; 50 and 51: round
    # 29; 52 and 53: round 30; 54 and 55: round 31; 56 and 57: round 32).
    # Held-out one round before that (start and end figures: docs/understanding.md);
    # dev since, and among the answer examples.
    ("blind24", 491, (0.90, 82, 1, 1, 0.89), 3),  # round 28: see understanding.md
    ("blind25", 475, (0.87, 76, 6, 3, 0.88), 4),
    ("blind26", 568, (0.89, 98, 2, 0, 0.90), 1),
    ("blind27", 483, (0.87, 88, 1, 0, 0.90), 2),
    ("blind28", 521, (0.90, 89, 3, 3, 0.90), 1),
    ("blind29", 492, (0.89, 74, 7, 5, 0.91), 3),
    ("blind30", 535, (0.90, 90, 7, 3, 0.88), 1),
    ("blind31", 548, (0.87, 114, 14, 5, 0.89), 1),
    ("blind32", 507, (0.89, 71, 1, 1, 0.91), 0),
    ("blind33", 485, (0.92, 69, 1, 1, 0.93), 0),
    ("blind34", 549, (0.88, 98, 2, 1, 0.91), 5),
    ("blind35", 542, (0.85, 84, 14, 5, 0.85), 0),
    ("blind36", 516, (0.95, 88, 1, 0, 0.94), 0),
    ("blind37", 492, (0.93, 64, 2, 2, 0.92), 1),
    ("blind38", 566, (0.92, 84, 3, 1, 0.90), 3),
    ("blind39", 486, (0.83, 62, 22, 9, 0.84), 4),
    ("blind40", 496, (0.92, 81, 8, 4, 0.90), 0),
    ("blind41", 513, (0.91, 93, 7, 4, 0.90), 1),
    ("blind42", 503, (0.93, 99, 5, 2, 0.92), 5),
    ("blind43", 506, (0.93, 106, 4, 2, 0.91), 0),
    ("blind44", 560, (0.93, 114, 2, 1, 0.90), 0),
    ("blind45", 530, (0.84, 87, 16, 2, 0.87), 3),
    ("blind46", 543, (0.85, 112, 6, 1, 0.87), 2),
    ("blind47", 567, (0.88, 145, 4, 2, 0.89), 3),
    ("blind48", 510, (0.85, 107, 18, 10, 0.86), 1),
    ("blind49", 547, (0.86, 114, 12, 9, 0.87), 3),
    ("blind50", 515, (0.86, 108, 11, 6, 0.89), 4),
    ("blind51", 576, (0.85, 101, 12, 3, 0.84), 5),
    ("blind52", 537, (0.85, 79, 14, 5, 0.87), 4),
    ("blind53", 568, (0.89, 91, 5, 2, 0.92), 2),
    ("blind54", 578, (0.86, 97, 14, 8, 0.87), 1),
    ("blind55", 531, (0.88, 106, 2, 1, 0.92), 1),
    ("blind56", 502, (0.87, 65, 2, 0, 0.90), 1),
    # blind57: question-relative 0.84 -> 0.83 in round 33, the answer examples (which
    # now hold blind 58 and 59) no longer point the Tagalog "medyo gumagaan na po"
    # (easing a bit) at "better"; first-language words are not listed (round 32).
    # Reported absent 22 -> 23 in round 35 for the same reason: with blind 62 and 63
    # among the examples, the net no longer confirms a Tagalog "nanghihina" (weak)
    # answer; it is asked again.
    ("blind57", 541, (0.82, 82, 23, 11, 0.83), 1),
    # Question-relative 0.90 -> 0.8998 at round 38's start: with blind 68 and 69 among
    # the examples, the net no longer answers a pidgin "the pill ... stay pau" at the
    # headache relief question; it is asked again (a clarifying question, no safety change).
    ("blind58", 522, (0.85, 76, 6, 3, 0.89), 0),
    ("blind59", 547, (0.89, 80, 10, 1, 0.92), 1),
    ("blind60", 527, (0.89, 109, 8, 3, 0.93), 0),
    ("blind61", 540, (0.82, 86, 19, 10, 0.83), 2),
    ("blind62", 504, (0.90, 85, 9, 5, 0.90), 1),
    ("blind63", 579, (0.86, 99, 14, 3, 0.89), 1),
    ("blind64", 573, (0.89, 98, 7, 3, 0.86), 1),
    ("blind65", 523, (0.86, 80, 4, 1, 0.85), 3),
    ("blind66", 566, (0.86, 95, 18, 6, 0.85), 3),
    ("blind67", 575, (0.85, 99, 21, 11, 0.85), 1),
    ("blind68", 570, (0.89, 85, 11, 7, 0.92), 2),
    ("blind69", 557, (0.87, 81, 8, 4, 0.90), 3),
    ("blind70", 532, (0.85, 60, 9, 4, 0.89), 1),
    ("blind71", 572, (0.86, 91, 10, 4, 0.87), 1),
    ("blind72", 540, (0.88, 63, 9, 7, 0.90), 0),
    ("blind73", 564, (0.89, 92, 4, 1, 0.91), 0),
    ("blind74", 557, (0.85, 78, 7, 4, 0.86), 1),
    ("blind75", 536, (0.86, 83, 10, 6, 0.89), 2),
    ("blind76", 554, (0.85, 93, 10, 4, 0.87), 0),
    ("blind77", 575, (0.87, 78, 13, 9, 0.90), 0),
    ("blind78", 559, (0.87, 83, 7, 4, 0.91), 2),
    ("blind79", 544, (0.91, 81, 5, 4, 0.94), 1),
    ("blind80", 590, (0.90, 105, 7, 0, 0.91), 0),
    ("blind81", 565, (0.86, 78, 7, 5, 0.87), 6),
    ("blind82", 550, (0.87, 84, 8, 5, 0.92), 0),
    ("blind83", 540, (0.86, 87, 15, 8, 0.91), 2),
])
def test_blind_sets_24_to_83_dev_guard(protocol, name, cases, floors, false_concerns):
    check_blind_set(protocol, name, cases, floors, false_concerns=false_concerns)
