"""The decision rule (voice/decide.py): pure, on hand-made evidence shaped like vosk's."""

from __future__ import annotations

import pytest

from voice.decide import Pass, decide
from voice.dialog import Ask, CheckIn, Heard, Say
from voice.protocol import load_protocol


@pytest.fixture(scope="module")
def protocol():
    return load_protocol()


def _decide(protocol, question, *passes):
    return decide(passes, protocol, protocol.question(question))


def test_a_confusable_request_does_not_derail_a_clear_number(protocol):
    """A real "five": wide grammar "bye", narrow grammar "five"."""
    d = _decide(protocol, "pain_score", Pass("wide", "bye", 0.85, (("bye", 0.85),)),
                Pass("narrow", "five", 0.9, (("five", 0.9),)), Pass("free", "by", 0.5))
    assert (d.action, d.meaning.value) == ("answer", 5)


def test_an_unambiguous_stop_still_stops(protocol):
    d = _decide(protocol, "pain_score", Pass("wide", "stop", 0.9),
                Pass("narrow", "", 0.0), Pass("free", "stop", 0.9))
    assert (d.action, d.meaning.meta) == ("meta", "stop")
    # One confusable word with nothing else heard: asked again, never a stop.
    d = _decide(protocol, "pain_score", Pass("wide", "bye", 0.6), Pass("narrow", "", 0.0),
                Pass("free", "", 0.0))
    assert d.action == "reprompt"


def test_numbers_come_only_from_a_grammar_pass(protocol):
    """Free-form "tree" (or "three") is no score when the number grammar heard none."""
    d = _decide(protocol, "pain_score", Pass("wide", "", 0.0), Pass("narrow", "", 0.0),
                Pass("free", "three", 1.0))
    assert d.action == "reprompt"


@pytest.mark.parametrize("wide", [("feet", 0.31), ("", 0.0)])
def test_a_severe_score_on_weak_evidence_is_read_back(protocol, wide):
    d = _decide(protocol, "pain_score", Pass("wide", *wide),
                Pass("narrow", "eight", 0.87, (("eight", 1.0),)), Pass("free", "the", 1.0))
    assert (d.action, d.meaning.value) == ("confirm", 8)
    sure = _decide(protocol, "pain_score", Pass("wide", "eight", 0.95),
                   Pass("narrow", "eight", 0.95), Pass("free", "eight", 0.9))
    assert (sure.action, sure.meaning.value) == ("answer", 8)


def test_a_clear_human_no_is_solid(protocol):
    d = _decide(protocol, "fever", Pass("wide", "no", 0.95), Pass("narrow", "no", 0.9),
                Pass("free", "now", 0.6))
    assert (d.action, d.meaning.value) == ("answer", "no")


@pytest.mark.parametrize("narrow, free", [(("", 0.0), ("no", 0.9)),
                                           (("no", 0.9), ("i have a fever", 0.9)),
                                           (("no", 0.3), ("no", 0.3))])
def test_a_red_flag_is_ruled_out_only_on_solid_evidence(protocol, narrow, free):
    d = _decide(protocol, "fever", Pass("wide", "no", 0.95 if narrow[1] > 0.5 else 0.3),
                Pass("narrow", *narrow), Pass("free", *free))
    assert d.action == "reprompt"


def test_a_denial_the_grammars_made_is_not_solid_beside_a_free_form_garble(protocol):
    # Babble at 10 dB: "my legs feel numb" came out of both grammars as "my leg feels
    # normal" and of the free-form pass as "milan erm on it". The grammars can only say
    # their own sentences; the free-form pass is the one evidence against them.
    d = _decide(protocol, "leg_numbness", Pass("wide", "my leg feels normal", 1.0),
                Pass("narrow", "my leg feels normal", 1.0), Pass("free", "milan erm on it", 1.0))
    assert d.action == "reprompt"


def test_a_score_read_back_is_kept_on_yes_and_asked_again_on_no(protocol):
    evidence = (Pass("wide", "feet", 0.3), Pass("narrow", "eight", 0.87),
                Pass("free", "the", 1.0))
    for reply, value in (("yes", 8), ("no", None)):
        dialog = CheckIn(protocol)
        dialog.goto("pain_score")
        events = dialog.hear(Heard("feet", 0.3, passes=evidence))
        asked = [e for e in events if isinstance(e, Ask)]
        assert asked[-1].question == "check:pain_score"
        assert asked[-1].text.startswith(protocol.message("confirm_value", value=8)[:10])
        assert dialog.reading_back == 8
        events = dialog.hear(Heard(reply))
        got = dialog.answers.get("pain_score")
        assert (got.value if got else None) == value
        if reply == "no":
            assert [e.question for e in events if isinstance(e, Ask)] == ["pain_score"]
            assert "severe_worsening_pain" not in dialog.findings


def test_a_confirmed_red_flag_quotes_the_words_that_raised_it(protocol):
    """Not an earlier "no" to the same symptom's question."""
    dialog = CheckIn(protocol)
    dialog.goto("leg_numbness")
    dialog.hear(Heard("no"))
    dialog.goto("anything_else")
    events = dialog.hear(Heard("my legs are", 0.9))
    assert [e.question for e in events if isinstance(e, Ask)] == ["confirm:leg_numbness"]
    events = dialog.hear(Heard("yes"))
    assert any(isinstance(e, Say) and "911" in e.text for e in events)
    assert dialog.findings["leg_numbness"].evidence == "my legs are"


def test_interpret_wav_hears_and_decides_as_the_check_in(protocol, render, aftercare):
    """One path: ``interpret --wav`` at a question and a ``--jsonl`` check-in that
    reaches that question hear the same WAV to the same decision (real vosk, real
    espeak-ng speech)."""
    import json

    wav = render("i can't feel my legs")
    done = aftercare("interpret", "--json", "--question", "headache", "--wav", str(wav))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["disposition"] == "emergency"
    assert any(f["symptom"] == "leg_numbness" and f["status"] in ("present", "uncertain")
               for f in result["symptoms"])
    # The check-in, answered "no" up to the headache question, then the same WAV.
    from benchmarks.spoken_sentences import prefix

    lines = [json.dumps({"text": t}) for t in prefix(protocol, protocol.question("headache"))]
    lines.append(json.dumps({"wav": str(wav)}))
    done = aftercare("check", "--jsonl", "--no-history", stdin="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    said = [json.loads(line) for line in done.stdout.splitlines()]
    final = said[-1]
    assert final["disposition"] == result["disposition"]
    assert final["symptoms"]["leg_numbness"]["status"] in ("present", "uncertain")
    # The reason quotes the words that raised the red flag, not the earlier "no".
    assert any("legs" in reason for reason in final["reasons"] if "numbness" in reason)


def test_both_paths_are_judged_on_what_the_spoken_answer_raised(protocol, render):
    """benchmarks/spoken_sentences.py: the temperature question is reached in the
    check-in through a typed "not sure" to the fever question, which already makes the
    fever uncertain. Only what the spoken answer itself raised counts, so both paths
    give the same outcome: a fever from "a hundred and one point five" (real vosk on
    real espeak-ng speech), nothing from a word that is no temperature. Likewise at the
    trend question, where the typed "yes" to the back pain question already holds the
    back pain that "worse" presumes: both paths raise severe pain only."""
    from benchmarks.spoken_sentences import _typed_dialog, heard_by_interpret, heard_in_checkin

    cases = (
        ("temperature", "about a hundred and one point five fahrenheit", "fever", True),
        ("temperature", "i have no idea", "fever", False),
        ("pain_trend", "it's getting worse", "severe_worsening_pain", True))
    for question, text, flag, caught in cases:
        target = protocol.question(question)
        wav = render(text, "en-us+m3", 150)
        typed, before = _typed_dialog(protocol, target)
        interpreted = heard_by_interpret(protocol, target, wav, before)[0]
        checked = heard_in_checkin(protocol, target, wav, typed, before)
        assert interpreted == checked
        assert interpreted.caught((flag,)) is caught


# Passes as real vosk gave them for Speech Commands clips at the pain question (dev
# speakers, benchmarks/split.py): the grammars can only choose among their own words.
TREE = (Pass("wide", "three", 1.0, (("three", 1.0),)),
        Pass("narrow", "three", 1.0, (("three", 1.0),)), Pass("free", "tree", 1.0))
SHEILA = (Pass("wide", "sure", 1.0, (("sure", 1.0),)),
          Pass("narrow", "zero", 1.0, (("zero", 1.0),)), Pass("free", "shearer", 0.585))
SIX = (Pass("wide", "six", 0.692, (("six", 0.692), ("check", 0.308))),
       Pass("narrow", "six", 1.0, (("six", 1.0),)), Pass("free", "sick", 0.699))


def test_a_sound_alike_heard_free_form_is_read_back_not_taken(protocol):
    """ "tree": both grammars "three" at full confidence, free-form "tree"."""
    d = _decide(protocol, "pain_score", *TREE)
    assert (d.action, d.meaning.value) == ("confirm", 3)
    assert "'tree'" in d.why


# "follow" (wide 1-best "for loo"): the narrow pass's 1-best is "four", but a third of
# its n-best mass is on nothing and "four zero"; "forward": both grammars "four", the
# free-form pass "forward" at full confidence (dev speakers, real vosk).
FOLLOW = (Pass("wide", "for loo", 0.667, (("for loo", 0.439), ("four loo", 0.235),
                                          ("full loo", 0.221), ("full", 0.105))),
          Pass("narrow", "four", 0.663, (("four", 0.392), ("", 0.337), ("four", 0.136),
                                         ("four zero", 0.134))),
          Pass("free", "follow", 1.0))
FORWARD = (Pass("wide", "four", 0.767, (("four", 0.767), ("for", 0.233))),
           Pass("narrow", "four", 1.0, (("four", 1.0),)), Pass("free", "forward", 1.0))


def test_a_grammar_pass_that_heard_no_single_number_word_is_read_back(protocol):
    d = _decide(protocol, "pain_score", *FOLLOW)
    assert (d.action, d.meaning.value) == ("confirm", 4)
    assert "no single number" in d.why


def test_a_word_that_begins_with_the_number_is_a_sound_alike(protocol):
    d = _decide(protocol, "pain_score", *FORWARD)
    assert (d.action, d.meaning.value) == ("confirm", 4)
    assert "'forward'" in d.why


def test_a_number_the_wide_pass_did_not_hear_is_read_back(protocol):
    """ "sheila": the wide pass heard "sure", only the narrow pass (all numbers) "zero"."""
    d = _decide(protocol, "pain_score", *SHEILA)
    assert (d.action, d.meaning.value) == ("confirm", 0)


def test_a_clear_number_is_still_taken(protocol):
    """A real "six" (free-form "sick" is not spelled close enough to "six" to be its
    sound-alike), and a typed "three"."""
    d = _decide(protocol, "pain_score", *SIX)
    assert (d.action, d.meaning.value) == ("answer", 6)
    d = _decide(protocol, "pain_score", Pass("wide", "four", 1.0, (("four", 1.0),)),
                Pass("narrow", "four", 1.0, (("four", 1.0),)), Pass("free", "for", 0.53))
    assert (d.action, d.meaning.value) == ("answer", 4)  # a homophone agrees
    d = _decide(protocol, "pain_score", Pass("typed", "three", 1.0))
    assert (d.action, d.meaning.value) == ("answer", 3)


def test_a_temperature_read_digit_by_digit_is_one_number(protocol):
    """ "one oh two" (espeak-ng en-us+f3 through real vosk): every n-best entry of the
    wide pass reads 102, and the narrow grammar can hear "oh" after "one" (never alone);
    the free-form pass's "well no to" does not outweigh them."""
    narrow = protocol.answer_grammar(protocol.question("temperature"))
    assert "one oh" in narrow and "oh" not in narrow
    d = _decide(protocol, "temperature",
                Pass("wide", "one oh two", 0.794, (("one oh two", 0.382), ("one oh to", 0.334),
                                                   ("one oh too", 0.284))),
                Pass("narrow", "one oh two", 1.0, (("one oh two", 1.0),)),
                Pass("free", "well no to", 0.732))
    assert (d.action, d.meaning.value) == ("answer", 102)


# "i threw up twice this morning" (espeak-ng en-us+f3, real vosk) at "anything else?":
# both 1-best readings are garbled, the wide pass's second n-best entry holds the words.
THREW_UP = (Pass("wide", "i feel up plaster is morning", 0.94,
                 (("i feel up plaster is morning", 0.642),
                  ("i threw up plaster is morning", 0.358))),
            Pass("free", "i from up twice this morning", 0.95))


def test_a_red_flag_only_an_n_best_entry_heard_is_a_flag(protocol):
    d = _decide(protocol, "anything_else", *THREW_UP)
    assert [f.symptom for f in d.flags] == ["headache_nausea_vomiting"]
    assert d.flags[0].words == "i threw up plaster is morning"
    # What a 1-best already reads is no flag (the dialog acts on it directly), nor is
    # a symptom an entry denies, nor one whose n-best share is tiny.
    said = _decide(protocol, "anything_else", Pass("wide", "i threw up", 0.9,
                                                   (("i threw up", 0.9), ("i flew up", 0.1))))
    assert said.flags == ()
    faint = _decide(protocol, "anything_else", Pass("wide", "i feel up", 0.9,
                                                    (("i feel up", 0.9), ("i threw up", 0.05))))
    assert faint.flags == ()


def test_a_red_flag_heard_only_in_an_n_best_list_is_asked_about(protocol):
    """Not taken as a free answer that names no symptom; an urgent red flag confirmed
    counts (and raises no emergency), one denied is ruled out."""
    for reply, status in (("yes", "present"), ("no", "absent")):
        dialog = CheckIn(protocol)
        dialog.goto("anything_else")
        events = dialog.hear(Heard("i feel up plaster is morning", 0.94, passes=THREW_UP))
        asked = [e.question for e in events if isinstance(e, Ask)]
        assert asked == ["confirm:headache_nausea_vomiting"]
        assert "anything_else" not in dialog.answers
        events = dialog.hear(Heard(reply))
        assert dialog.findings["headache_nausea_vomiting"].status == status
        assert not dialog.emergency
        assert [e.question for e in events if isinstance(e, Ask)] == ["anything_else"]
    # Its confirmation is among the prompts rendered ahead.
    phrase = protocol.symptoms["headache_nausea_vomiting"].phrase
    assert protocol.message("confirm_red_flag", symptom_phrase=phrase) in dialog.prompts()


def test_an_n_best_flag_waits_for_its_own_question(protocol):
    """A flag for a symptom whose own question is still to come is left to it."""
    passes = (Pass("wide", "no", 0.95, (("no", 0.6), ("numb", 0.4))),
              Pass("narrow", "no", 0.95, (("no", 1.0),)), Pass("free", "no", 0.9))
    dialog = CheckIn(protocol)
    dialog.goto("fever")
    events = dialog.hear(Heard("no", 0.95, passes=passes))
    assert not [e for e in events if isinstance(e, Ask) and e.question.startswith("confirm:")]
    assert dialog.answers["fever"].value == "no"


def test_an_n_best_flag_is_asked_about_after_an_earlier_no_to_its_question(protocol):
    """As in a check-in that answered "no" to every red-flag question before "anything
    else?": the check-in and ``interpret --wav`` (which starts there) decide alike."""
    dialog = CheckIn(protocol)
    dialog.goto("headache_nausea")
    dialog.hear(Heard("no"))
    assert dialog.findings["headache_nausea_vomiting"].status == "absent"
    dialog.goto("anything_else")
    events = dialog.hear(Heard("i feel up plaster is morning", 0.94, passes=THREW_UP))
    assert [e.question for e in events if isinstance(e, Ask)] == \
        ["confirm:headache_nausea_vomiting"]
    # A symptom the 1-best words mention (here denied) is the dialog's own scan's: no flag.
    d = _decide(protocol, "anything_else", Pass("wide", "no fever", 0.9,
                                                (("no fever", 0.6), ("i have a fever", 0.4))))
    assert d.flags == ()
