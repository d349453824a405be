"""The dialog state machine on its own: typed answers in, events out (no audio)."""

from __future__ import annotations

import pytest

from voice.dialog import Answered, Ask, CheckIn, Finished, Heard, Say, Settings
from voice.protocol import load_protocol

NO_TO_ALL = ["no"] * 9


@pytest.fixture(scope="module")
def protocol():
    return load_protocol()


def run(protocol, answers, settings=None):
    """Feed answers (str or Heard) until the dialog finishes; returns (dialog, events)."""
    dialog = CheckIn(protocol, settings)
    events = dialog.start()
    log = list(events)
    for answer in answers:
        if dialog.finished:
            break
        heard = answer if isinstance(answer, Heard) else Heard(answer)
        events = dialog.hear(heard)
        log.extend(events)
    if not dialog.finished:
        log.extend(dialog.end_of_input())
    result = next(e.result for e in log if isinstance(e, Finished))
    return result, log


def asks(log):
    return [e for e in log if isinstance(e, Ask)]


def test_every_answer_no_is_none(protocol):
    result, log = run(protocol, NO_TO_ALL)
    assert result["disposition"] == "none"
    assert result["completed"] is True
    assert [a.question for a in asks(log)][:3] == ["fever", "leg_numbness", "leg_weakness"]
    assert sum(isinstance(e, Answered) for e in log) == 9


def test_follow_ups_only_when_they_apply(protocol):
    _, log = run(protocol, NO_TO_ALL)
    asked = {a.question for a in asks(log)}
    assert not asked & {"temperature", "pain_score", "pain_trend", "headache_position"}
    _, log = run(protocol, ["no"] * 4 + ["yes", "2", "better", "no"] + ["no"] * 4)
    asked = [a.question for a in asks(log)]
    assert asked[4:8] == ["back_pain", "pain_score", "pain_trend", "pain_relief"]


@pytest.mark.parametrize("meta", ["repeat", "slower", "faster", "help", "go back"])
def test_meta_requests_work_at_every_prompt(protocol, meta):
    """Each request at each question leaves the check-in's outcome unchanged."""
    for position in range(len(NO_TO_ALL)):
        answers = NO_TO_ALL[:position] + [meta] + NO_TO_ALL[position:]
        if meta == "go back" and position:
            answers = NO_TO_ALL[:position] + [meta] + NO_TO_ALL[position - 1:]
        result, _ = run(protocol, answers)
        assert result["disposition"] == "none", (meta, position)
        assert result["unanswered"] == []


def test_repeat_says_the_last_prompt_again(protocol):
    _, log = run(protocol, ["repeat"] + NO_TO_ALL)
    first_two = asks(log)[:2]
    assert first_two[0].text == first_two[1].text == protocol.question("fever").text


def test_rate_changes_last_and_are_bounded(protocol):
    dialog = CheckIn(protocol, Settings(rate=160))
    dialog.start()
    dialog.hear(Heard("slower"))
    assert dialog.rate == 140
    dialog.hear(Heard("no"))
    assert dialog.rate == 140  # still slower at the next question
    for _ in range(20):
        dialog.hear(Heard("faster"))
    assert dialog.rate == 240


def test_unclear_answer_gets_two_clearer_reprompts_then_unanswered(protocol):
    result, log = run(protocol, ["banana", "purple", "sandwich"] + NO_TO_ALL[1:])
    fever_asks = [a.text for a in asks(log) if a.question == "fever"]
    assert fever_asks == [protocol.question("fever").text, *protocol.question("fever").reprompts]
    assert result["unanswered"] == ["fever"]
    assert result["disposition"] == "urgent"
    assert any("could not confirm" in s.lower() for s in result["spoken"])


def test_not_sure_on_a_red_flag_is_not_no(protocol):
    result, _ = run(protocol, ["i'm not sure"] + ["i don't know"] + NO_TO_ALL[1:])
    assert result["answers"]["fever"]["value"] == "unsure"
    assert "fever" in result["unanswered"]
    assert result["disposition"] in ("urgent", "emergency")


def test_low_confidence_red_flag_question_is_reprompted(protocol):
    result, log = run(protocol, [Heard("no", confidence=0.3), Heard("no", confidence=0.95),
                                 *NO_TO_ALL[1:]])
    assert [a.question for a in asks(log)][:2] == ["fever", "fever"]
    assert result["answers"]["fever"]["value"] == "no"


def test_emergency_is_said_at_once_and_can_be_repeated(protocol):
    result, log = run(protocol, ["yes", "repeat", "stop"], Settings(emergency_number="999"))
    says = [e.text for e in log if isinstance(e, Say | Ask)]
    at = next(i for i, text in enumerate(says) if "999" in text)
    assert says[at - 1] == protocol.question("fever").text  # nothing in between
    assert sum("999" in s for s in says) >= 3  # first, repeated, and in the closing
    assert result["disposition"] == "emergency"


def test_red_flag_volunteered_at_another_question(protocol):
    result, _ = run(protocol, ["no"] * 5 + ["no headache but i can't feel my legs", "stop"])
    assert result["symptoms"]["leg_numbness"]["status"] == "present"
    assert result["disposition"] == "emergency"


def test_hedged_red_flag_is_confirmed(protocol):
    result, log = run(protocol, ["no", "maybe a little numb", "no"] + NO_TO_ALL[2:])
    assert any(a.question == "confirm:leg_numbness" for a in asks(log)) or \
        result["symptoms"]["leg_numbness"]["status"] in ("present", "uncertain")
    assert result["symptoms"]["leg_numbness"]["status"] != "absent" or \
        result["answers"].get("confirm:leg_numbness", {}).get("value") == "no"


def test_red_flag_heard_only_by_the_free_form_pass_is_confirmed(protocol):
    """The grammar heard "no"; the free-form pass heard a fever: ask, don't guess."""
    heard = Heard("no", confidence=0.9, alternatives=("i have a fever",))
    result, log = run(protocol, [heard, "yes", "stop"])
    assert asks(log)[1].question == "confirm:fever"
    assert result["symptoms"]["fever"]["status"] == "present"
    assert result["disposition"] == "emergency"

    result, log = run(protocol, [heard, "no", *NO_TO_ALL[1:]])
    assert result["symptoms"]["fever"]["status"] == "absent"
    assert result["disposition"] == "none"


def test_unclear_confirmation_counts_as_possible(protocol):
    heard = Heard("no", confidence=0.9, alternatives=("i have a fever",))
    result, _ = run(protocol, [heard, "hmm", "banana", "purple", "stop"])
    assert result["symptoms"]["fever"]["status"] != "absent"
    assert result["disposition"] == "emergency"


def test_stopping_early_reports_the_unasked_red_flags(protocol):
    result, _ = run(protocol, ["no", "stop"])
    assert result["completed"] is False
    assert "leg_numbness" in result["unanswered"] and "fever" not in result["unanswered"]
    assert result["disposition"] == "urgent"


def test_end_of_input_is_like_stopping(protocol):
    result, _ = run(protocol, ["no", "no"])
    assert result["completed"] is False
    assert result["disposition"] == "urgent"


def test_go_back_changes_an_answer(protocol):
    result, _ = run(protocol, ["no", "yes", "go back", "no"] + NO_TO_ALL[2:])
    # "yes" to numbness is an emergency at once; going back is no longer possible.
    assert result["disposition"] == "emergency"
    result, _ = run(protocol, ["no", "no", "no", "no", "yes", "go back", "no"] + NO_TO_ALL[5:])
    assert result["answers"]["back_pain"]["value"] == "no"
    assert result["disposition"] == "none"


def test_summary_reads_back_what_was_heard(protocol):
    result, _ = run(protocol, ["no"] * 4 + ["yes", "2", "better", "no"] + ["no"] * 4)
    summary = next(s for s in result["spoken"] if s.startswith("Here is what I heard"))
    assert "soreness in your back" in summary
    assert result["disposition"] == "self-care"


def test_stop_is_confirmed_before_ending(protocol):
    result, log = run(protocol, ["no", "stop", "no"] + NO_TO_ALL[1:])
    assert any(a.question == "stop" for a in asks(log))
    assert result["completed"] is True and result["disposition"] == "none"
    result, _ = run(protocol, ["no", "stop", "yes"])
    assert result["completed"] is False
    assert "Stopping the check-in now." in result["spoken"]


def test_a_red_flag_denial_needs_both_passes(protocol):
    """The grammar pass said "no" but the free-form pass heard something else: ask again."""
    doubtful = Heard("no", confidence=1.0, alternatives=("the oh",))
    result, log = run(protocol, [doubtful, "no", *NO_TO_ALL[1:]])
    assert [a.question for a in asks(log)][:2] == ["fever", "fever"]
    assert result["answers"]["fever"]["value"] == "no"
    # Three doubtful denials: the question is reported unanswered, never "no".
    result, _ = run(protocol, [doubtful] * 3 + NO_TO_ALL[1:])
    assert result["unanswered"] == ["fever"] and result["disposition"] == "urgent"


def test_free_form_meaning_is_used_when_the_grammar_heard_nothing_usable(protocol):
    """Grammar "a it", free-form "seven": the answer is 7 and the pain is severe."""
    answers = ["no"] * 4 + ["yes", Heard("a it", 0.8, ("seven",)), "better", "no"] + ["no"] * 4
    result, _ = run(protocol, answers)
    assert result["answers"]["pain_score"]["value"] == 7
    assert result["symptoms"]["severe_worsening_pain"]["status"] == "present"
    assert result["disposition"] == "urgent"


@pytest.mark.parametrize("answer", ["i don't know if i have a fever", "not sure about a fever",
                                    "maybe a fever i'm not sure"])
def test_unsure_about_a_red_flag_at_its_own_question(protocol, answer):
    """Never "no": either confirmed (and unclear, so kept) or reported unanswered."""
    result, _ = run(protocol, [answer] + ["i don't know"] * 3 + ["stop", "yes"])
    assert result["disposition"] in ("urgent", "emergency")
    assert result["symptoms"].get("fever", {}).get("status") != "absent"


def test_a_denial_with_a_word_pointing_at_the_symptom_is_asked_again(protocol):
    """10 dB babble turned "I have been burning up" into a "no" in both passes; the
    left-over "burning" points at a fever, so it is not taken as a denial."""
    garbled = Heard("or i don't burning urine", 0.9,
                    ("and or i don't mean burning your own either",))
    result, log = run(protocol, [garbled, "yes"])
    assert [a.question for a in asks(log)][:2] == ["fever", "fever"]
    assert "fever" not in result["answers"] or result["answers"]["fever"]["value"] == "yes"
    assert result["disposition"] == "emergency"
    # A plain denial still counts at once.
    result, log = run(protocol, ["no i'm not hot", *NO_TO_ALL[1:]])
    assert result["answers"]["fever"]["value"] == "no"
    assert [a.question for a in asks(log)][:2] == ["fever", "leg_numbness"]


def test_an_answer_that_only_names_a_body_part_asks_about_its_red_flag(protocol):
    """Noise left only "my leg" of "my legs have gone numb": ask about numbness."""
    dialog = CheckIn(protocol)
    dialog.goto("anything_else")
    events = dialog.hear(Heard("my leg", 0.9, ("my leg from",)))
    assert [e.question for e in events if isinstance(e, Ask)] == ["confirm:leg_numbness"]
    events = dialog.hear(Heard("yes"))
    assert any(isinstance(e, Say) and "911" in e.text for e in events)
    assert dialog.findings["leg_numbness"].status == "present"


def test_a_body_part_in_an_understood_answer_asks_nothing_more(protocol):
    """ "Yes, down my legs" at the back pain question is back soreness, understood."""
    dialog = CheckIn(protocol)
    dialog.goto("back_pain")
    events = dialog.hear(Heard("yes down my legs"))
    assert [e.question for e in events if isinstance(e, Ask)] == ["pain_score"]


def test_questions_carry_a_narrow_answer_grammar(protocol):
    dialog = CheckIn(protocol)
    ask = [e for e in dialog.goto("pain_score") if isinstance(e, Ask)][-1]
    assert ask.narrow and "five" in ask.narrow and "bye" not in ask.narrow
    assert "bye" in ask.grammar
    # A real speaker's "six": the wide pass heard "say" (a word of "say it again"), the
    # narrow pass "six", the free-form pass "sick". The narrow pass's meaning is used;
    # as the wide pass heard no number, it is read back first (voice/decide.py).
    events = dialog.hear(Heard("say", 0.9, ("six", "sick")))
    assert [e.question for e in events if isinstance(e, Ask)] == ["check:pain_score"]
    events = dialog.hear(Heard("yes"))
    assert dialog.answers["pain_score"].value == 6
    assert [e.question for e in events if isinstance(e, Ask)] == ["pain_trend"]
    ask = [e for e in dialog.goto("anything_else") if isinstance(e, Ask)][-1]
    assert ask.narrow is None
