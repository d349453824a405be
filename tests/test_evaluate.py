"""Scoring helpers behind ``aftercare eval`` and benchmarks/ (no audio, no shared data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from voice.dialog import Answered, Ask, CheckIn, Heard, Say
from voice.errors import AftercareError
from voice.evaluate import (
    Baseline,
    Clip,
    Expected,
    Outcome,
    Summary,
    dialog_outcome,
    read_manifest,
    red_flags,
    score,
    summarise,
    wer,
    word_errors,
)
from voice.protocol import load_protocol


@pytest.fixture(scope="module")
def protocol():
    return load_protocol()


def clip(question: str, expected: str, transcript: str = "yes", snr: float | None = None) -> Clip:
    return Clip(Path("x.wav"), transcript, "spk", question, Expected.parse(expected),
                "white" if snr is not None else "clean", snr)


# -- word error rate ------------------------------------------------------------------


def test_wer_counts_substitutions_insertions_and_deletions():
    assert word_errors("I can't feel my legs", "i can't feel my legs") == (0, 5)
    assert word_errors("my legs feel numb", "my leg feel numb") == (1, 4)
    assert word_errors("about a six", "about six") == (1, 3)
    assert word_errors("no", "no no") == (1, 1)
    assert wer("three", "") == 1.0


def test_wer_of_empty_reference():
    assert wer("", "") == 0.0
    assert wer("", "hello") == 1.0


# -- labels and manifests ---------------------------------------------------------------


def test_expected_parses_value_and_symptoms():
    e = Expected.parse("8;severe_worsening_pain:present")
    assert e.value == 8 and e.symptoms == (("severe_worsening_pain", "present"),)
    assert Expected.parse("leg_numbness:present").value is None
    assert Expected.parse("no;fever:absent").present() == frozenset()
    assert str(Expected.parse("yes; fever:present")) == "yes;fever:present"


def test_labelled_manifest(tmp_path, protocol):
    (tmp_path / "m.tsv").write_text(
        "path\ttranscript\tspeaker\tsample_rate\tquestion\texpected\tcondition\tsnr\trate\n"
        "a.wav\tyes\ten-us\t16000\tfever\tyes;fever:present\twhite\t10\t160\n"
        "b.wav\tthree\ten-us\t16000\tpain_score\t3\tclean\t\t130\n")
    clips, skipped = read_manifest(tmp_path / "m.tsv", protocol)
    assert skipped == 0
    assert clips[0].path == tmp_path / "a.wav" and clips[0].snr == 10.0
    assert clips[0].snr_bucket == "10 dB" and clips[1].snr_bucket == "clean"
    assert clips[1].expected.value == 3 and clips[1].extra["rate"] == "130"


def test_shared_manifest_is_labelled_from_the_transcript(tmp_path, protocol):
    (tmp_path / "m.tsv").write_text(
        "path\ttranscript\tspeaker\tsample_rate\tsource_repo\tlicense\n"
        "d/7_a.wav\tseven\ta\t8000\tx\ty\n"
        "d/dog.wav\tdog\tb\t16000\tx\ty\n"
        "d/no.wav\tno\tb\t16000\tx\ty\n")
    digits, skipped = read_manifest(tmp_path / "m.tsv", protocol, "pain_score")
    assert [c.expected.value for c in digits] == [7] and skipped == 2
    assert digits[0].expected.present() == {"severe_worsening_pain"}
    assert digits[0].condition == "real" and digits[0].sample_rate == 8000
    yes_no, _ = read_manifest(tmp_path / "m.tsv", protocol, "fever")
    assert [(c.expected.value, c.expected.symptoms) for c in yes_no] == [
        ("no", (("fever", "absent"),))]


def test_unlabelled_manifest_needs_a_question(tmp_path, protocol):
    (tmp_path / "m.tsv").write_text("path\ttranscript\tspeaker\tsample_rate\na.wav\tyes\ts\t1\n")
    with pytest.raises(AftercareError, match="--question"):
        read_manifest(tmp_path / "m.tsv", protocol)
    (tmp_path / "bad.tsv").write_text("file\ttext\n")
    with pytest.raises(AftercareError, match="not a manifest"):
        read_manifest(tmp_path / "bad.tsv", protocol)


# -- what the dialog did -----------------------------------------------------------------


def run_turn(protocol, question: str, heard: Heard) -> Outcome:
    dialog = CheckIn(protocol)
    dialog.goto(question)
    events = dialog.hear(heard)
    return dialog_outcome(protocol.question(question), heard.text, events, dialog.findings,
                          protocol)


def test_dialog_outcomes(protocol):
    yes = run_turn(protocol, "fever", Heard("yes", 0.95))
    assert yes.action == "emergency" and yes.value == "yes" and "fever" in yes.flagged
    no = run_turn(protocol, "fever", Heard("no", 0.95))
    assert no.action == "answered" and no.value == "no" and not no.flagged
    mumble = run_turn(protocol, "fever", Heard("", 0.0))
    assert mumble.action == "reprompt" and mumble.value is None
    score_ = run_turn(protocol, "pain_score", Heard("about a six", 0.9))
    assert score_.action == "answered" and score_.value == 6


def test_outcome_from_events_alone(protocol):
    q = protocol.question("back_pain")
    events = [Answered("back_pain", "yes", "yes", 0.9), Ask("pain_score", "?", None)]
    assert dialog_outcome(q, "yes", events, {}, protocol).action == "answered"
    confirm = [Ask("confirm:fever", "Do you have a fever?", ("yes", "no"))]
    out = dialog_outcome(q, "fever", confirm, {}, protocol)
    assert out.action == "confirm" and out.flagged == {"fever"}
    again = [Say("Sorry, I didn't understand that."), Ask("back_pain", "?", ())]
    out = dialog_outcome(q, "", again, {}, protocol)
    assert out.action == "reprompt" and out.said.startswith("Sorry")


# -- scoring ----------------------------------------------------------------------------------


def test_red_flag_reprompt_is_not_a_miss_but_no_is(protocol):
    flags = red_flags(protocol)
    c = clip("fever", "yes;fever:present")
    assert score(c, Outcome("yes", "emergency", "yes", frozenset({"fever"}), True), flags) \
        .red_flag == "caught"
    assert score(c, Outcome("", "reprompt"), flags).red_flag == "reprompted"
    missed = score(c, Outcome("no", "answered", "no"), flags)
    assert missed.red_flag == "missed" and missed.correct is False
    assert missed.false_flag is None


def test_false_red_flag_and_accuracy(protocol):
    flags = red_flags(protocol)
    c = clip("fever", "no;fever:absent", transcript="no")
    ok = score(c, Outcome("no", "answered", "no"), flags)
    assert ok.correct is True and ok.false_flag is False and ok.red_flag is None
    bad = score(c, Outcome("yes", "confirm", None, frozenset({"fever"})), flags)
    assert bad.false_flag is True and bad.correct is False and bad.confirm


def test_summary_rates(protocol):
    flags = red_flags(protocol)
    items = [
        (clip("fever", "yes;fever:present", snr=10),
         Outcome("yes", "emergency", "yes", frozenset({"fever"}), True)),
        (clip("fever", "yes;fever:present", snr=10), Outcome("", "reprompt")),
        (clip("fever", "yes;fever:present", snr=0), Outcome("no", "answered", "no")),
        (clip("fever", "no;fever:absent", "no", snr=0), Outcome("no", "answered", "no")),
    ]
    groups = summarise([(c, score(c, o, flags)) for c, o in items], lambda c: c.snr_bucket)
    ten, zero = groups["10 dB"], groups["0 dB"]
    assert (ten.clips, ten.red_flags, ten.missed, ten.recall) == (2, 2, 0, 1.0)
    assert ten.accuracy == 0.5 and ten.reprompt_rate == 0.5
    assert ten.wer == 0.5  # "" for "yes" is one deletion of two words
    assert zero.recall == 0.0 and zero.false_flag_rate == 0.0 and zero.accuracy == 0.5
    assert Summary().accuracy is None


def test_baseline_has_no_negation(protocol):
    base = Baseline(protocol)
    q = protocol.question("fever")
    assert base.outcome(q, "yes").value == "yes"
    assert base.outcome(q, "nope").value == "no"
    # "no fever" names a red-flag symptom: without negation the baseline flags it.
    assert "fever" in base.outcome(q, "i don't have a fever").flagged
    assert base.outcome(protocol.question("pain_score"), "seven").value == 7
    assert base.outcome(protocol.question("pain_score"), "").action == "reprompt"


def test_baseline_does_not_find_a_symptom_inside_a_short_answer(protocol):
    base = Baseline(protocol)
    assert base.outcome(protocol.question("fever"), "no").flagged == frozenset()
    assert "leg_numbness" in base.outcome(protocol.question("anything_else"),
                                          "i have no feeling in my legs").flagged


def test_outcome_round_trips_through_json():
    import json

    out = Outcome("yes", "emergency", "yes", frozenset({"fever"}), True, "Call 911")
    assert Outcome.from_dict(json.loads(json.dumps(out.to_dict()))) == out
