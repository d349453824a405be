"""What patients mean (issue 9): answers relative to their question, composed paraphrases,
complaints the protocol does not cover, numbers only from number words, the semantic
safety net, and the fresh test set written before any of it was built."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typed_dialog import meaning, run_typed

from benchmarks.fresh_eval import evaluate, load_cases
from voice.commands.interpret import interpret
from voice.dialog import CheckIn, Heard, Say
from voice.errors import ProtocolError
from voice.protocol import load_protocol
from voice.understand import understand

ROOT = Path(__file__).resolve().parent.parent
REMARKS = ROOT / "tests" / "data" / "ordinary_remarks.txt"


def status(u, symptom):
    return next((f.status for f in u.symptoms if f.symptom == symptom), None)


# -- the fresh set, dev and held-out apart --------------------------------------------


@pytest.fixture(scope="module")
def scores(protocol):
    return evaluate(protocol, load_cases())


def test_fresh_set_is_big_varied_and_split_before_use():
    cases = load_cases()
    assert len(cases) >= 200
    held = [c for c in cases if c.split == "held-out"]
    assert 0.35 <= len(held) / len(cases) <= 0.45
    assert sum(c.concern for c in cases) >= 15
    questions = {c.question for c in cases if c.question}
    assert questions == {q.id for q in load_protocol().questions}


def test_fresh_set_figures(scores, capsys):
    """Floors just under what was measured (docs/understanding.md has the figures);
    held-out was not tuned on, so its floors are what it gave, not the goal."""
    dev, held = scores["dev"].figures(), scores["held-out"].figures()
    with capsys.disabled():
        print(f"\nfresh set dev: {dev}\nfresh set held-out: {held}")
    assert dev["emergency_recall"] == 1.0
    assert dev["red_flags_reported_absent"] == 0
    assert dev["disposition_accuracy"] >= 0.98
    assert dev["question_relative_accuracy"] >= 0.97
    assert scores["dev"].concerns_recorded == scores["dev"].concerns
    assert held["question_relative_accuracy"] >= 0.95
    assert held["emergency_recall"] >= 0.95
    assert held["disposition_accuracy"] >= 0.93
    assert scores["dev"].false_concerns + scores["held-out"].false_concerns <= 1


# -- question-relative answers ----------------------------------------------------


@pytest.mark.parametrize("question, text, value", [
    ("pain_relief", "yes the ibuprofen helps", "no"),
    ("pain_relief", "resting helps", "no"),
    ("pain_relief", "no it's still there", "yes"),
    ("pain_relief", "nothing seems to work", "yes"),
    ("pain_relief", "they don't do anything", "yes"),
    ("pain_relief", "yes", "yes"),
    ("pain_relief", "no", "no"),
    ("headache_relief", "yes the ibuprofen helps", "no"),
    ("headache_relief", "no it's still there", "yes"),
    ("headache_relief", "tablets don't touch it", "yes"),
    ("headache_relief", "no, the paracetamol sorts it", "no"),
    ("headache_position", "sitting up makes it worse", "yes"),
    ("headache_position", "it stays the same whatever i do", "no"),
    ("leg_weakness", "no they feel fine", "no"),
    ("leg_weakness", "nope, walking fine", "no"),
    ("leg_numbness", "no, i can't feel my legs", "yes"),
])
def test_the_words_decide_not_the_yes_or_no(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


def test_still_there_never_rules_the_symptom_out(protocol):
    for question, symptom in (("pain_relief", "severe_worsening_pain"),
                              ("headache_relief", "persistent_headache")):
        for text in ("no it's still there", "no, still there", "no still bad"):
            u = meaning(protocol, text, question)
            assert status(u, symptom) != "absent", (question, text)
            assert u.value == "yes" or u.clarify, (question, text)


def test_words_pointing_both_ways_ask_to_clarify(protocol):
    u = meaning(protocol, "it helps but it comes back", "pain_relief")
    assert u.clarify and u.value is None
    assert interpret("it helps but it comes back", protocol,
                     protocol.question("pain_relief"))["disposition"] == "urgent"


def test_reprompts_agree_with_their_question(protocol):
    """One direction per question: a yes to every re-prompt means what a yes to the
    question means."""
    for q in protocol.questions:
        if q.answer == "yesno" and q.symptom:
            for text in q.reprompts:
                assert not ("say yes if" in text.lower() and "or no if it goes" in text.lower()
                            and "help" in text.split("?")[0].lower()), text
    relief = protocol.question("headache_relief")
    assert "still there" in relief.reprompts[0] and "stays" in relief.reprompts[1]


# -- composed paraphrases ---------------------------------------------------------


@pytest.mark.parametrize("text, symptom, expected", [
    ("my knee gave out on me", "leg_weakness", {"present"}),
    ("my legs went to jelly", "leg_weakness", {"present"}),
    ("i can barely lift my left leg", "leg_weakness", {"present"}),
    ("my legs don't give way", "leg_weakness", {"absent"}),
    ("my shins are tingling", "leg_numbness", {"present"}),
    ("my toes are a bit tingly", "leg_numbness", {"uncertain"}),
    ("no tingling in my feet", "leg_numbness", {"absent"}),
    ("i can't tell when i need to go to the toilet anymore", "bladder_bowel_loss",
     {"present"}),
    ("the plaster's soaked", "significant_bleeding", {"present"}),
    ("painkillers do nothing for this headache", "persistent_headache", {"present"}),
    ("there's pus coming from the needle site", "site_infection", {"present"}),
])
def test_parts_compose(protocol, text, symptom, expected):
    assert status(meaning(protocol, text), symptom) in expected


def test_the_question_supplies_the_body_part(protocol):
    u = meaning(protocol, "they keep giving way", "leg_weakness")
    assert u.value == "yes" and status(u, "leg_weakness") == "present"
    assert status(meaning(protocol, "they keep giving way"), "leg_weakness") is None


def test_broken_concepts_file_names_file_and_line(tmp_path):
    for name in ("questions.yaml", "symptoms.yaml", "answers.yaml", "negation.yaml",
                 "messages.yaml", "advice.yaml", "triage.yaml", "complaints.yaml",
                 "similarity.yaml"):
        (tmp_path / name).write_text((ROOT / "intents" / name).read_text())
    (tmp_path / "concepts.yaml").write_text(
        "concepts:\n  - symptom: leg_weaknes\n    status: present\n    parts: [[leg], [weak]]\n")
    p = load_protocol(tmp_path)
    with pytest.raises(ProtocolError, match=r"concepts.yaml:2: .*unknown symptom 'leg_weaknes'"):
        understand("my legs", p)


def test_a_new_concept_needs_no_code(tmp_path):
    for name in ("questions.yaml", "symptoms.yaml", "answers.yaml", "negation.yaml",
                 "messages.yaml", "advice.yaml", "triage.yaml", "complaints.yaml",
                 "similarity.yaml", "concepts.yaml"):
        (tmp_path / name).write_text((ROOT / "intents" / name).read_text())
    text = "my pins are rubbery"
    assert status(understand(text, load_protocol(tmp_path)), "leg_weakness") is None
    with (tmp_path / "concepts.yaml").open("a") as f:
        f.write("  - symptom: leg_weakness\n    status: present\n"
                "    parts: [[pins], [rubbery]]\n")
    assert status(understand(text, load_protocol(tmp_path)), "leg_weakness") == "present"


# -- the two slips from issue 11, and numbers -----------------------------------------


def test_cant_have_negates(protocol):
    u = meaning(protocol, "no i can't have a fever", "fever")
    assert u.value == "no" and status(u, "fever") == "absent"
    assert meaning(protocol, "i couldn't have had a fever").symptoms[0].status == "absent"


@pytest.mark.parametrize("text, value", [
    ("tree", None), ("bed", None), ("free", None), ("sex", None), ("down", None),
    ("five or six", 6), ("three maybe four", 4), ("about a for", 4), ("seven", 7),
    ("2", 2), ("none", 0),
])
def test_scores_only_from_number_words(protocol, text, value):
    assert meaning(protocol, text, "pain_score").value == value


# -- complaints we cannot judge -----------------------------------------------------


@pytest.mark.parametrize("text", [
    "i fainted when i got up this morning",
    "my neck is really stiff and the light hurts my eyes",
    "i've got a rash all over my arms",
    "i've got chest pain",
    "i'm getting confused",
])
def test_unknown_complaints_are_recorded_and_urgent(protocol, text):
    result = interpret(text, protocol, protocol.question("anything_else"))
    assert result["concerns"] == [understand(text, protocol).text]
    assert result["disposition"] in ("urgent", "emergency")
    assert any("cannot judge" in r for r in result["reasons"])


@pytest.mark.parametrize("text", ["i haven't got any chest pain", "i don't have a rash or anything",
                                  "i haven't fainted"])
def test_a_denied_complaint_is_not_one(protocol, text):
    assert meaning(protocol, text, "anything_else").concerns == ()


def test_ordinary_remarks_are_not_complaints_nor_confirmations(protocol):
    remarks = [r for r in REMARKS.read_text().splitlines() if r and not r.startswith("#")]
    assert len(remarks) >= 50
    said = [meaning(protocol, r, "anything_else") for r in remarks]
    assert [u.text for u in said if u.concerns] == []
    # The semantic net's false-confirmation rate on ordinary answers: at most 2%.
    asked = [u.text for u in said if u.similar]
    assert len(asked) <= 0.02 * len(remarks), asked


def test_interpret_json_has_concerns(capsys):
    from voice.cli import main
    assert main(["interpret", "--json", "--question", "anything_else", "i", "fainted"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["concerns"] == ["i fainted"] and result["disposition"] == "urgent"


# -- the semantic safety net ------------------------------------------------------


def test_similarity_only_ever_hints(protocol):
    """Sounds like a red flag, matches no phrase: asked about, never a finding."""
    u = meaning(protocol, "i lost control this morning", "anything_else")
    assert u.similar and set(u.similar) <= set(u.hinted)
    assert all(f.status != "absent" for f in u.symptoms)
    assert not any(f.symptom in u.similar for f in u.symptoms)
    assert interpret("i lost control this morning", protocol,
                     protocol.question("anything_else"))["disposition"] == "none"


def test_similarity_model_loads_without_the_network():
    """In a fresh process whose sockets refuse to connect, the model loads and works."""
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = refuse\nsocket.create_connection = refuse\n"
        "from voice.similarity import model\n"
        "v = model().embed(['my legs are weak'], norm=True)\n"
        "print(v.shape[1])\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("HF_")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, env=env, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "256"


def test_the_dialog_asks_about_what_the_net_points_at(protocol):
    dialog = CheckIn(protocol)
    dialog.start()
    dialog.goto("anything_else")
    events = dialog.hear(Heard("i lost control this morning"))
    assert any(getattr(e, "question", "") == "confirm:bladder_bowel_loss" for e in events)


# -- the dialog --------------------------------------------------------------------


BACK_PAIN = ["no", "no", "no", "no", "yes", "four", "the same"]
REST = ["no", "no", "no", "no", "no"]


def test_ibuprofen_helps_ends_self_care(protocol):
    result, _ = run_typed(protocol, BACK_PAIN + ["yes the ibuprofen helps"] + REST)
    assert result["disposition"] == "self-care"
    assert result["answers"]["pain_relief"]["value"] == "no"


def test_clarifying_question_then_self_care(protocol):
    result, log = run_typed(protocol, BACK_PAIN + ["it helps but it comes back",
                                              "no they help"] + REST)
    said = [e.text for e in log if isinstance(e, Say)]
    assert protocol.message("clarify") in said
    assert said.count(protocol.message("clarify")) == 1
    assert result["disposition"] == "self-care"


def test_still_there_at_relief_is_urgent(protocol):
    result, _ = run_typed(protocol, BACK_PAIN + ["no it's still there"] + REST)
    assert result["disposition"] == "urgent"
    assert result["symptoms"]["severe_worsening_pain"]["status"] != "absent"


def test_a_complaint_is_said_recorded_and_urgent(protocol):
    result, log = run_typed(protocol, ["no"] * 8 + ["i fainted when i got up this morning"])
    said = [e.text for e in log if isinstance(e, Say)]
    assert any("cannot judge" in t and "i fainted" in t for t in said)
    assert result["concerns"] == ["i fainted when i got up this morning"]
    assert result["disposition"] == "urgent"


def test_typed_checkin_program_ends_self_care(tmp_path):
    """`aftercare check --text`, as a patient types it."""
    answers = BACK_PAIN + ["yes the ibuprofen helps"] + REST
    env = {**os.environ, "AFTERCARE_HOME": str(tmp_path), "AFTERCARE_AUDIO_OUTPUT": "none"}
    out = subprocess.run([sys.executable, "-m", "voice", "check", "--text", "--no-history",
                          "--result", str(tmp_path / "r.json")], input="\n".join(answers) + "\n",
                         capture_output=True, text=True, timeout=300, env=env, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    result = json.loads((tmp_path / "r.json").read_text())
    assert result["disposition"] == "self-care" and result["concerns"] == []
