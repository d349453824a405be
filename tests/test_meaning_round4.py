"""What patients mean, fourth round (issue 9, the dev part of the third blind set):
an intensified "no", answers that say the patient cannot know, "not sure" next to a
hedge, a change said at a symptom's own question, relief and position said in words,
small stains and bruises, blood from elsewhere, and complaints the protocol lacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from typed_dialog import meaning

from benchmarks.fresh_eval import evaluate, load_cases
from voice.commands.interpret import interpret
from voice.protocol import load_protocol

ROOT = Path(__file__).resolve().parent.parent
BLIND3 = ROOT / "tests" / "data" / "blind3_answers.tsv"


def statuses(u):
    return {f.symptom: f.status for f in u.symptoms}


@pytest.mark.parametrize("question", ["fever", "leg_numbness", "site_bleeding"])
@pytest.mark.parametrize("text", ["definitely not", "absolutely not", "certainly not",
                                  "of course not"])
def test_an_intensified_no_is_a_no(protocol, question, text):
    u = meaning(protocol, text, question)
    assert u.value == "no"
    assert statuses(u)[protocol.question(question).symptom] == "absent"


@pytest.mark.parametrize("question, text", [
    ("fever", "i haven't got a thermometer so i couldn't tell you"),
    ("site_infection", "i can't see my own back"),
    ("site_infection", "haven't taken the dressing off yet"),
    ("leg_weakness", "maybe a bit, hard to say"),
])
def test_not_knowing_is_unsure_never_no(protocol, question, text):
    """A red-flag question the patient cannot answer stays open (at least urgent)."""
    assert meaning(protocol, text, question).value == "unsure"
    result = interpret(text, protocol, protocol.question(question))
    assert result["disposition"] in ("urgent", "emergency")


def test_a_change_at_a_symptoms_question_is_that_symptom(protocol):
    """"It's getting worse" at the numbness question is the numbness getting worse,
    not "worsening pain"; a real pain word still counts."""
    u = meaning(protocol, "it's getting worse since this morning, right up to my knee",
                "leg_numbness")
    assert u.value == "yes" and statuses(u) == {"leg_numbness": "present"}
    u = meaning(protocol, "yes and my back pain is getting worse", "leg_numbness")
    assert statuses(u)["severe_worsening_pain"] == "present"


def test_a_symptom_said_of_another_part_answers_no_and_is_a_concern(protocol):
    u = meaning(protocol, "my arm went numb earlier from lying on it", "leg_numbness")
    assert u.value == "no" and statuses(u) == {"leg_numbness": "absent"}
    assert u.concerns
    assert interpret(u.text, protocol, protocol.question("leg_numbness"))["disposition"] \
        == "urgent"


@pytest.mark.parametrize("question, text, value", [
    ("pain_relief", "i wouldn't say bad, just a niggle", "no"),
    ("pain_relief", "yes it gets better when i lie flat", "no"),
    ("pain_relief", "tylenol and ice and it's still throbbing", "yes"),
    ("headache_relief", "the tablets didn't do a thing", "yes"),
    ("headache_relief", "a bit better but not gone", "yes"),
    ("headache_position", "it's actually worse when i lie down", "no"),
    ("headache_position", "standing is fine, it's when i bend over", "no"),
    ("headache_position", "worse when i'm sitting, yeah, better flat", "yes"),
    ("back_pain", "a little tender at the spot, nothing major", "yes"),
])
def test_the_words_answer_the_question(protocol, question, text, value):
    u = meaning(protocol, text, question)
    assert u.value == value
    # The question's content explains the words: no other symptom is read from them.
    q = protocol.question(question)
    assert set(statuses(u)) <= {q.symptom, q.presumes}


@pytest.mark.parametrize("text", ["just a little spot on the plaster",
                                  "there's a small stain about the size of a fingernail"])
def test_a_small_stain_is_not_significant_bleeding(protocol, text):
    u = meaning(protocol, text, "site_bleeding")
    assert u.value == "no" and statuses(u) == {"significant_bleeding": "absent"}


def test_a_bruise_is_not_infection(protocol):
    u = meaning(protocol, "just a small bruise, not hot or red", "site_infection")
    assert u.value == "no" and statuses(u) == {"site_infection": "absent"}


@pytest.mark.parametrize("text", ["blood is coming and coming, not stopping",
                                  "i've changed the pad twice and it's still red and wet"])
def test_bleeding_that_goes_on_is_significant(protocol, text):
    u = meaning(protocol, text, "site_bleeding")
    assert statuses(u)["significant_bleeding"] == "present"


def test_blood_in_vomit_is_a_concern_not_site_bleeding(protocol):
    u = meaning(protocol, "i vomited and there was blood in it", "headache_nausea")
    assert u.concerns and "significant_bleeding" not in statuses(u)
    assert statuses(u)["headache_nausea_vomiting"] == "present"


@pytest.mark.parametrize("text", ["my ears are ringing", "i'm itchy all over since the procedure",
                                  "hiccups all day, they won't stop",
                                  "my pee is really dark and smells strong",
                                  "my neck is stiff and i can't look at the light"])
def test_more_complaints_are_concerns(protocol, text):
    result = interpret(text, protocol, protocol.question("anything_else"))
    assert result["concerns"] and result["disposition"] == "urgent"


def test_a_list_may_extend_an_anchored_list(tmp_path):
    """Shared phrase families are written once (a YAML anchor) and a question adds its
    own phrases to them: the nested list is flattened when the protocol loads."""
    from shutil import copytree
    copytree(ROOT / "intents", tmp_path / "intents")
    questions = tmp_path / "intents" / "questions.yaml"
    text = questions.read_text(encoding="utf-8")
    text = text.replace("      yes: *changing\n", "      yes: [*changing, totally zonked]\n", 1)
    questions.write_text(text, encoding="utf-8")
    protocol = load_protocol(tmp_path / "intents")
    q = protocol.question("leg_weakness")
    said = dict(q.phrases)["yes"]
    assert "totally zonked" in said and "getting worse" in said


def test_third_blind_set_dev_figures(protocol, capsys):
    """Floors at what was measured on the dev part of the third blind set after this
    round (dev figures: these rows were looked at). Its held-out part was scored once,
    after the round; its figures are in docs/understanding.md."""
    f = evaluate(protocol, load_cases(BLIND3))["dev"].figures()
    with capsys.disabled():
        print(f"\nthird blind set, dev part: {f}")
    assert f["emergency_recall"] == 1.0
    assert f["red_flags_reported_absent"] == 0
    c = f["concerns_recorded"].split("/")
    assert c[0] == c[1]
    assert f["false_concerns"] == 0
    assert f["disposition_accuracy"] >= 0.97
    assert f["question_relative_accuracy"] >= 0.94  # 0.949: answer phrases are grammar words
