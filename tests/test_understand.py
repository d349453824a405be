"""Understanding one answer: normalisation, numbers, yes/no, scale, temperature,
choices, symptoms with negation and hedging, meta requests, JSON output."""

from __future__ import annotations

import json

import pytest

from voice.cli import main
from voice.normalize import normalise
from voice.numbers import find_numbers
from voice.protocol import load_protocol
from voice.understand import understand


@pytest.fixture(scope="module")
def protocol():
    return load_protocol()


def meaning(protocol, text, qid=None):
    return understand(text, protocol, protocol.question(qid) if qid else None)


def statuses(protocol, text, qid=None):
    return {f.symptom: f.status for f in meaning(protocol, text, qid).symptoms}


@pytest.mark.parametrize(("raw", "normal"), [
    ("I can't feel my legs!", "i can't feel my legs"),
    ("I do NOT have a Head-ache.", "i don't have a headache"),
    ("Temp was 38.5°C", "temperature was thirty eight point five degrees celsius"),
    ("about 7/10", "about seven out of ten"),
    ("6-7", "six or seven"),
    ("im fine, dont worry", "i'm fine don't worry"),
    ("It’s 101", "it's one hundred one"),
])
def test_normalise_typed_text_like_asr_output(raw, normal):
    assert normalise(raw) == normal


@pytest.mark.parametrize(("text", "values"), [
    ("a hundred and one", [101]),
    ("thirty eight point five", [38.5]),
    ("one oh one point two", [101.2]),
    ("six or seven", [6, 7]),
    ("six and a half", [6.5]),
    ("ninety nine", [99]),
    ("no numbers here", []),
])
def test_numbers_said_as_words(text, values):
    assert [n.value for n in find_numbers(tuple(text.split()))] == values


@pytest.mark.parametrize(("text", "value", "hedged"), [
    ("yes", "yes", False), ("yeah", "yes", False), ("yep", "yes", False),
    ("uh huh", "yes", False), ("no", "no", False), ("nope", "no", False),
    ("nah", "no", False), ("not really", "no", False), ("i don't think so", "no", False),
    ("not at all", "no", False), ("a little", "yes", True), ("kind of", "yes", True),
    ("maybe", "yes", True), ("i think so", "yes", True), ("i'm not sure", "unsure", False),
    ("i don't know", "unsure", False), ("Um, well... yeah, a bit.", "yes", True),
    ("the weather is nice", None, False),
])
def test_yes_no_answers(protocol, text, value, hedged):
    m = meaning(protocol, text, "fever")
    assert (m.value, m.hedged) == (value, hedged)
    assert m.kind == ("yesno" if value is not None else None)


def test_yes_no_maps_to_the_question_symptom(protocol):
    assert statuses(protocol, "yes", "leg_weakness") == {"leg_weakness": "present"}
    assert statuses(protocol, "nope", "leg_weakness") == {"leg_weakness": "absent"}
    assert statuses(protocol, "a little", "leg_weakness") == {"leg_weakness": "uncertain"}
    # "not sure" rules nothing in or out: no finding, the value says unsure.
    assert statuses(protocol, "not sure", "leg_weakness") == {}
    finding = meaning(protocol, "yes", "leg_weakness").symptoms[0]
    assert finding.question == "leg_weakness" and finding.evidence == "yes"


def test_hedges_never_give_absent(protocol):
    for text in ("a little", "kind of", "maybe", "i think so", "sort of", "a bit",
                 "no maybe a bit", "probably"):
        assert statuses(protocol, text, "fever") == {"fever": "uncertain"}, text


def test_answer_words_only_when_they_answer(protocol):
    # "i have" is yes only as the whole answer: "i have a headache" says nothing
    # about fever, so the fever question is not answered.
    assert meaning(protocol, "i have", "fever").value == "yes"
    m = meaning(protocol, "i have a headache", "fever")
    assert m.value is None and statuses(protocol, "i have a headache", "fever") == {
        "positional_headache": "present"}
    # A "no" that negates another symptom does not answer this question.
    assert meaning(protocol, "i have no fever", "headache").value is None


def test_answer_inferred_from_the_symptom_words(protocol):
    assert meaning(protocol, "my head is pounding", "headache").value == "yes"
    assert meaning(protocol, "my legs feel normal", "leg_numbness").value == "no"
    assert meaning(protocol, "i can't feel my legs", "leg_numbness").value == "yes"


@pytest.mark.parametrize(("text", "value"), [
    ("about a six", 6), ("six or seven", 7), ("seven out of ten", 7), ("10", 10),
    ("ten out of ten", 10), ("six and a half", 6.5), ("zero", 0), ("none", 0),
    ("about a for", 4), ("i don't know", "unsure"), ("a hundred", None), ("bad", None),
])
def test_scale_answers(protocol, text, value):
    assert meaning(protocol, text, "pain_score").value == value


def test_scale_severe_from_data(protocol):
    threshold = protocol.question("pain_score").severe_from
    below = meaning(protocol, str(threshold - 1), "pain_score")
    at = meaning(protocol, str(threshold), "pain_score")
    assert "severe_worsening_pain" not in {f.symptom for f in below.symptoms}
    assert {f.symptom: f.status for f in at.symptoms} == {"severe_worsening_pain": "present",
                                                          "back_soreness": "present"}
    # A score above zero says there is pain (questions.yaml `affirms`); zero says nothing.
    assert {f.symptom for f in below.symptoms} == {"back_soreness"}
    assert not meaning(protocol, "zero", "pain_score").symptoms


@pytest.mark.parametrize(("text", "value", "unit", "fever"), [
    ("a hundred and one", 101, "F", "present"),
    ("thirty eight point five", 38.5, "C", "present"),
    ("thirty eight", 38, "C", "present"),
    ("thirty seven point nine", 37.9, "C", "uncertain"),  # borderline: asked
    ("thirty seven point seven", 37.7, "C", "absent"),
    ("one hundred point four", 100.4, "F", "present"),
    ("ninety nine point five", 99.5, "F", "absent"),
    ("thirty nine degrees celsius", 39, "C", "present"),
])
def test_temperatures_and_the_fever_threshold(protocol, text, value, unit, fever):
    m = meaning(protocol, text, "temperature")
    assert (m.value, m.unit, m.kind) == (value, unit, "temperature")
    assert statuses(protocol, text, "temperature") == {"fever": fever}


def test_temperature_heard_at_any_question(protocol):
    assert statuses(protocol, "my temperature was a hundred and two", "back_pain")[
        "fever"] == "present"
    # A number without a temperature word is not a temperature.
    assert "fever" not in statuses(protocol, "about thirty eight", "back_pain")
    assert meaning(protocol, "i didn't take it", "temperature").value == "unsure"


@pytest.mark.parametrize(("text", "choice"), [
    ("better", "better"), ("getting worse", "worse"), ("about the same", "same"),
    ("not better", "same"), ("a lot worse", "worse"), ("improving", "better"),
    ("getting wors", "worse"), ("i'm not sure", "unsure"), ("purple", None),
])
def test_choices(protocol, text, choice):
    assert meaning(protocol, text, "pain_trend").value == choice


def test_worse_choice_is_worsening_pain(protocol):
    assert statuses(protocol, "worse", "pain_trend") == {"severe_worsening_pain": "present",
                                                         "back_soreness": "present"}


@pytest.mark.parametrize(("text", "expected"), [
    ("no fever", {"fever": "absent"}),
    ("i don't have any numbness", {"leg_numbness": "absent"}),
    ("my legs feel normal", {"leg_numbness": "absent", "leg_weakness": "absent"}),
    ("i can't feel my legs", {"leg_numbness": "present"}),
    ("i've had a fever since last night", {"fever": "present"}),
    ("no headache but my legs feel numb",
     {"positional_headache": "absent", "leg_numbness": "present"}),
    ("no fever my legs are numb", {"fever": "absent", "leg_numbness": "present"}),
    ("i don't think i have a fever", {"fever": "absent"}),
    ("i think i have a fever", {"fever": "uncertain"}),
    ("i don't know if i have a fever", {"fever": "uncertain"}),
    ("no numbness or weakness in my legs", {"leg_numbness": "absent", "leg_weakness": "absent"}),
    ("my legs are kind of numb", {"leg_numbness": "uncertain"}),
    ("my legs feel really weak", {"leg_weakness": "present"}),
    ("i feel weak", {"leg_weakness": "uncertain"}),
    ("the numbness went away", {"leg_numbness": "uncertain"}),
    ("the headache went away", {"positional_headache": "absent"}),
    ("my legs don't feel normal", {"leg_numbness": "uncertain", "leg_weakness": "uncertain"}),
    ("No fever. My legs are numb.", {"fever": "absent", "leg_numbness": "present"}),
    ("sore head", {"positional_headache": "present"}),
])
def test_symptoms_with_negation_and_hedging(protocol, text, expected):
    assert statuses(protocol, text) == expected


def test_no_then_a_new_clause_is_an_answer_not_a_negation(protocol):
    assert statuses(protocol, "no i can't feel my legs", "leg_numbness")[
        "leg_numbness"] == "present"
    assert statuses(protocol, "no my legs are numb")["leg_numbness"] == "present"
    assert statuses(protocol, "no i don't have a fever") == {"fever": "absent"}


def test_red_flags_are_found_at_every_question(protocol):
    for q in protocol.questions:
        found = statuses(protocol, "well i wet myself last night", q.id)
        assert found.get("bladder_bowel_loss") == "present", q.id


def test_fuzzy_matching_tolerates_slips_but_not_other_words(protocol):
    assert statuses(protocol, "i have a feaver") == {"fever": "present"}
    assert statuses(protocol, "ive been vomitting")["headache_nausea_vomiting"] == "present"
    assert statuses(protocol, "i never had that") == {}
    assert statuses(protocol, "the numbers on the box") == {}
    exact = protocol.with_fuzzy(protocol.fuzzy.__class__(100, protocol.fuzzy.min_chars))
    assert statuses(exact, "i have a feaver") == {}


@pytest.mark.parametrize(("text", "meta"), [
    ("repeat", "repeat"), ("can you say that again", "repeat"), ("pardon", "repeat"),
    ("slower please", "slower"), ("could you speak faster", "faster"), ("help", "help"),
    ("stop", "stop"), ("go back", "back"), ("previous question", "back"),
    ("the bleeding won't stop", None), ("i don't know", None), ("yes", None),
])
def test_meta_requests_at_any_prompt(protocol, text, meta):
    for qid in (None, "fever", "pain_score", "pain_trend", "anything_else"):
        m = meaning(protocol, text, qid)
        assert m.meta == meta, (text, qid)
        if meta:
            assert m.value is None


def test_free_text_question(protocol):
    assert meaning(protocol, "no that's all", "anything_else").value == "no"
    m = meaning(protocol, "my legs are kind of numb", "anything_else")
    assert m.value == "my legs are kind of numb" and m.kind == "free"


def test_to_dict_is_stable_and_json_is_byte_identical(protocol):
    text = "Um, no headache, but my legs feel numb and I think I have a fever"
    first = json.dumps(meaning(protocol, text, "headache").to_dict())
    again = json.dumps(understand(text, load_protocol(), load_protocol().question(
        "headache")).to_dict())
    assert first == again
    assert list(json.loads(first)) == ["text", "question", "kind", "value", "hedged", "unit",
                                       "meta", "symptoms", "hinted", "concerns", "clarify",
                                       "similar", "suggested"]


def test_interpret_command_json(capsys):
    assert main(["interpret", "--question", "fever", "--json", "kind", "of"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["value"] == "yes" and out["hedged"] is True
    assert out["disposition"] == "emergency"
    assert out["symptoms"][0]["status"] == "uncertain"
    assert "possibly" in out["reasons"][0] and '"kind of"' in out["reasons"][0]


def test_interpret_unusable_red_flag_answer_is_unanswered(capsys):
    assert main(["interpret", "--question", "leg_weakness", "--json", "i", "don't", "know"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["value"] == "unsure"
    assert out["unanswered"] == ["leg_weakness"] and out["disposition"] == "urgent"


def test_interpret_batch_one_json_line_per_input_in_order(tmp_path, capsys):
    lines = ["no fever", "", "I can't feel my legs", "about a six", "wav:/nonexistent.wav"]
    batch = tmp_path / "in.txt"
    batch.write_text("\n".join(lines) + "\n")
    code = main(["interpret", "--batch", str(batch)])
    out = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [o["input"] for o in out] == lines
    assert out[0]["disposition"] == "none" and out[2]["disposition"] == "emergency"
    assert "error" in out[4] and code == 1


def test_interpret_errors_are_one_line(capsys):
    assert main(["interpret", "--question", "nosuch", "yes"]) == 2
    assert main(["interpret"]) == 2
    assert main(["interpret", "--batch", "/nonexistent/file.txt"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all(line.startswith("aftercare: error:") for line in err)


def test_interpret_human_output(capsys):
    assert main(["interpret", "my", "legs", "are", "numb"]) == 0
    out = capsys.readouterr().out
    assert "symptom: leg_numbness present" in out and "disposition: emergency" in out


@pytest.mark.parametrize("text, question, hinted", [
    ("my leg", "anything_else", ("leg_numbness", "leg_weakness")),
    ("or i don't burning urine", "fever", ("fever", "bladder_bowel_loss")),
    ("my legs are fine", "leg_numbness", ()),  # inside a denial phrase
    ("yes pain down my legs", "back_pain", ()),  # inside a back soreness phrase
    ("no i'm not hot", "fever", ()),  # "hot" is a (denied) site infection phrase
    ("i can't feel my legs", "fever", ()),  # settled by a numbness phrase
])
def test_hint_words_outside_every_phrase(text, question, hinted):
    p = load_protocol()
    assert understand(text, p, p.question(question)).hinted == hinted
