"""What patients mean, third round (issue 9, after the second blind set, now dev):
an echo of the question before the answer word, relief that lasts only a while,
"yeah no", "nothing like that", "only when ...", a small spot of blood, a reading
said without "point", bowel and shaking complaints, and ties between choices."""

from __future__ import annotations

from pathlib import Path

import pytest
from typed_dialog import meaning, run_typed

from benchmarks.fresh_eval import evaluate, load_cases
from voice.commands.interpret import interpret
from voice.dialog import Say

ROOT = Path(__file__).resolve().parent.parent
BLIND2 = ROOT / "tests" / "data" / "blind2_answers.tsv"


def statuses(u):
    return {f.symptom: f.status for f in u.symptoms}


@pytest.mark.parametrize("question, text", [
    ("fever", "fever no i don't think so"),
    ("fever", "fever? nope"),
    ("leg_numbness", "numb? no."),
    ("site_bleeding", "bleeding? no, not at all"),
])
def test_an_echo_of_the_question_is_not_a_report(protocol, question, text):
    u = meaning(protocol, text, question)
    assert u.value == "no"
    assert statuses(u)[protocol.question(question).symptom] == "absent"


@pytest.mark.parametrize("question, text", [
    ("fever", "fever yes"),
    ("fever", "fever no but my legs are numb"),  # the numb legs still count
])
def test_an_echo_keeps_what_else_is_said(protocol, question, text):
    u = meaning(protocol, text, question)
    if text == "fever yes":
        assert statuses(u)["fever"] == "present"
    else:
        assert statuses(u) == {"fever": "absent", "leg_numbness": "present"}


@pytest.mark.parametrize("question", ["pain_relief", "headache_relief"])
@pytest.mark.parametrize("text", [
    "it eases off for an hour then comes straight back",
    "the tablets help for a bit",
    "it helps at first but then it wears off",
    "paracetamol works for a couple of hours",
])
def test_relief_that_lasts_only_a_while_is_not_relief(protocol, question, text):
    u = meaning(protocol, text, question)
    assert u.value == "yes"
    assert statuses(u)[protocol.question(question).symptom] != "absent"


def test_plain_relief_still_a_no(protocol):
    for text in ("yes the ibuprofen helps", "the tablets help"):
        assert meaning(protocol, text, "headache_relief").value == "no"
    assert meaning(protocol, "it helps but it comes back", "pain_relief").clarify


@pytest.mark.parametrize("question, text, value", [
    ("fever", "yeah no, no temperature or anything", "no"),
    ("leg_numbness", "Nothing like that.", "no"),
    ("leg_weakness", "none of that", "no"),
    ("back_pain", "only when i move", "yes"),
    ("headache", "only when i sit up", "yes"),
    ("headache_relief", "Haven't taken anything for it yet.", "unsure"),
    ("pain_relief", "i haven't tried anything", "unsure"),
])
def test_plain_answers(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


@pytest.mark.parametrize("text", ["just a tiny spot of blood on the plaster",
                                  "a few drops of blood on the dressing",
                                  "there's a little bit of blood on the plaster"])
def test_a_small_amount_of_blood_is_not_significant_bleeding(protocol, text):
    u = meaning(protocol, text, "site_bleeding")
    assert u.value == "no" and statuses(u)["significant_bleeding"] == "absent"
    assert interpret(text, protocol, protocol.question("site_bleeding"))["disposition"] \
        != "emergency"


@pytest.mark.parametrize("text", ["the dressing is soaked with blood",
                                  "there's blood on the plaster",
                                  "lots of blood on the sheets"])
def test_more_blood_still_counts(protocol, text):
    assert statuses(meaning(protocol, text, "site_bleeding"))["significant_bleeding"] != "absent"


@pytest.mark.parametrize("text, value", [("thirty six nine", 36.9),
                                         ("thirty eight five", 38.5),
                                         ("ninety nine five", 99.5),
                                         ("thirty eight point two", 38.2)])
def test_a_reading_said_without_point(protocol, text, value):
    u = meaning(protocol, text, "temperature")
    assert u.value == pytest.approx(value)
    assert statuses(u)["fever"] == ("present" if value in (38.5, 38.2) else "absent")


@pytest.mark.parametrize("question, text", [
    (None, "ive had the runs all day"),
    ("anything_else", "i've got diarrhoea"),
    ("leg_weakness", "no, legs are ok but my hands won't stop shaking"),
    ("anything_else", "my hands keep trembling"),
])
def test_bowel_and_shaking_complaints_are_concerns(protocol, question, text):
    u = meaning(protocol, text, question)
    assert u.concerns
    q = protocol.question(question) if question else None
    assert interpret(text, protocol, q)["disposition"] == "urgent"


def test_won_t_stop_does_not_deny(protocol):
    u = meaning(protocol, "the site won't stop oozing", "site_infection")
    assert statuses(u)["site_infection"] == "present"


@pytest.mark.parametrize("text, value", [
    ("not getting any better if anything its worse", "worse"),
    ("not getting any better", "same"),
    ("better", "better"),
])
def test_a_tie_between_choices_goes_to_the_more_severe(protocol, text, value):
    assert meaning(protocol, text, "pain_trend").value == value


def test_second_blind_set_dev_figures(protocol, capsys):
    """Floors at what was measured on the second blind set after this round. It was
    scored once before any change (held-out figures in docs/understanding.md); these
    are dev figures."""
    f = evaluate(protocol, load_cases(BLIND2))["held-out"].figures()
    with capsys.disabled():
        print(f"\nsecond blind set (now dev): {f}")
    assert f["emergency_recall"] == 1.0
    assert f["red_flags_reported_absent"] == 0
    c = f["concerns_recorded"].split("/")
    assert c[0] == c[1]
    assert f["false_concerns"] <= 1
    assert f["disposition_accuracy"] >= 0.96
    assert f["question_relative_accuracy"] >= 0.95


def test_long_standing_numbness_is_confirmed_not_concluded(protocol):
    """Old and unchanged is not the seed's "new or increasing": the finding is only
    possible, the dialog asks about new or increasing numbness, and a "no" ends it."""
    text = "They've been numb since my old back op years ago, no different since the test."
    assert statuses(meaning(protocol, text, "leg_numbness"))["leg_numbness"] == "uncertain"
    assert statuses(meaning(protocol, "my legs have been numb since the procedure",
                            "leg_numbness"))["leg_numbness"] == "present"
    result, log = run_typed(protocol, ["no", text, "no", "no", "no", "no", "no", "no", "no",
                                       "no"])
    said = [e.text for e in log if isinstance(e, Say)]
    assert any("new or increasing numbness" in s for s in said)
    assert result["disposition"] != "emergency"
    assert result["symptoms"]["leg_numbness"]["status"] == "absent"


def test_clear_fluid_is_discharge_not_blood(protocol):
    text = "Not bleeding, no. There's a bit of clear wet stuff on the plaster though."
    u = meaning(protocol, text, "site_bleeding")
    assert u.value == "no"
    assert statuses(u) == {"significant_bleeding": "absent", "site_infection": "present"}
    assert interpret(text, protocol, protocol.question("site_bleeding"))["disposition"] == \
        "urgent"


@pytest.mark.parametrize("question, text, value, symptom, status", [
    ("leg_weakness", "I wouldn't say weak, just a bit stiff", "no", "leg_weakness", "absent"),
    ("leg_weakness", "i wouldn't call them weak", "no", "leg_weakness", "absent"),
    ("bladder_bowel", "no im weeing loads but thats all the water they told me to drink", "no",
     "bladder_bowel_loss", "absent"),
    ("headache_position", "yes way worse standing, lying flat it goes", "yes",
     "positional_headache", "present"),
])
def test_more_plain_readings(protocol, question, text, value, symptom, status):
    u = meaning(protocol, text, question)
    assert u.value == value and statuses(u)[symptom] == status
    assert "severe_worsening_pain" not in statuses(u) and "site_infection" not in statuses(u)


def test_yeah_no_is_read_by_what_follows(protocol):
    """"Yeah no" is a NegEx pseudo-trigger (negates nothing, never a grammar phrase:
    a spoken "yes" with a trailing sound must not become a no); what follows decides."""
    assert meaning(protocol, "yeah no, no temperature or anything", "fever").value == "no"
    u = meaning(protocol, "yeah no", "fever")  # alone: no answer (asked again), never a no
    assert u.value != "no" and statuses(u).get("fever") != "absent"
    assert meaning(protocol, "yeah nah, none of that", "fever").value == "no"
    q = protocol.question("fever")
    for grammar in (protocol.grammar(q), protocol.answer_grammar(q)):
        assert "yeah no" not in grammar and "yes no" not in grammar


def test_severe_pain_answers_the_back_pain_question(protocol):
    """questions.yaml `implied_by`: severe pain said at "any pain in your back?" is a yes."""
    u = meaning(protocol, "It's killing me, worse than yesterday", "back_pain")
    assert u.value == "yes"
    assert statuses(u) == {"severe_worsening_pain": "present", "back_soreness": "present"}
    assert meaning(protocol, "no", "back_pain").value == "no"
