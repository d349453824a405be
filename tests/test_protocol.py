"""The protocol in intents/: loading, validation (file:line errors), messages, grammar."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from voice.cli import main
from voice.errors import ProtocolError
from voice.protocol import (
    DEFAULT_DIRECTORY,
    MESSAGE_FIELDS,
    SYMPTOM_IDS,
    load_protocol,
)

EXPECTED_QUESTIONS = [
    "fever", "temperature", "leg_numbness", "leg_weakness", "bladder_bowel", "back_pain",
    "pain_score", "pain_trend", "pain_relief", "headache", "headache_position",
    "headache_relief", "headache_nausea", "site_infection", "site_bleeding", "anything_else",
]


@pytest.fixture(scope="module")
def protocol():
    return load_protocol()


def test_questions_in_order_with_types(protocol):
    assert [q.id for q in protocol.questions] == EXPECTED_QUESTIONS
    types = {q.id: q.answer for q in protocol.questions}
    assert types["fever"] == "yesno" and types["pain_score"] == "scale"
    assert types["pain_trend"] == "choice" and types["temperature"] == "temperature"
    assert types["anything_else"] == "free"
    assert [c.id for c in protocol.question("pain_trend").choices] == ["better", "same", "worse"]


def test_every_question_is_complete(protocol):
    for q in protocol.questions:
        assert q.text.strip() and q.help.strip(), q.id
        assert len(q.reprompts) == 2 and all(r.strip() for r in q.reprompts), q.id
        # The second re-prompt is the clearer one: it spells out what to say.
        assert "say" in q.reprompts[1].lower(), q.id


def test_symptoms_have_interface_ids_and_dispositions(protocol):
    assert set(protocol.symptoms) == set(SYMPTOM_IDS)
    by_level = {}
    for s in protocol.symptoms.values():
        by_level.setdefault(s.disposition, set()).add(s.id)
    assert by_level["emergency"] == {"fever", "leg_numbness", "leg_weakness",
                                     "bladder_bowel_loss", "significant_bleeding"}
    assert by_level["urgent"] == {"severe_worsening_pain", "persistent_headache",
                                  "headache_nausea_vomiting", "site_infection"}
    assert by_level["self-care"] == {"back_soreness", "positional_headache"}


def test_red_flag_questions_cover_every_red_flag_symptom(protocol):
    asked = {q.symptom for q in protocol.questions if q.red_flag and q.symptom}
    red = {s.id for s in protocol.symptoms.values() if s.red_flag}
    assert red <= asked
    for q in protocol.questions:
        if q.symptom and protocol.symptoms[q.symptom].red_flag:
            assert q.red_flag, q.id


def test_follow_ups_depend_on_answers(protocol):
    pain = protocol.question("pain_score")
    assert pain.applies({"back_pain": "yes"})
    assert not pain.applies({"back_pain": "no"})
    assert pain.applies({})  # no usable answer: ask rather than assume no pain
    for qid in ("headache_position", "headache_relief", "headache_nausea"):
        q = protocol.question(qid)
        assert q.applies({"headache": "yes"}) and not q.applies({"headache": "no"})
    temp = protocol.question("temperature")
    assert temp.applies({"fever": "unsure"}) and not temp.applies({"fever": "no"})
    assert protocol.question("fever").applies({})


def test_site_questions_offer_help_from_someone_else(protocol):
    for qid in ("site_infection", "site_bleeding"):
        q = protocol.question(qid)
        assert "ask someone to look" in q.text
        assert "ask someone to look" in q.help


def test_messages_have_required_keys_and_fields(protocol):
    assert set(MESSAGE_FIELDS) <= set(protocol.messages)
    assert "repeat, slower, faster, help, go back or stop" in protocol.message("instructions")
    text = protocol.message("emergency", number="112", symptoms="a fever")
    assert "112" in text and "a fever" in text and "immediate attention" in text
    assert "contact your care team" in protocol.message(
        "unanswered_red_flag", question_text="Have you had a fever?")
    assert protocol.message("summary_intro") == "Here is what I heard:"
    with pytest.raises(ProtocolError, match="needs the field"):
        protocol.message("emergency", number="911")
    with pytest.raises(ProtocolError, match="no message"):
        protocol.message("no_such_key")


def test_grammar_is_the_question_plus_meta_and_red_flags(protocol):
    words = protocol.grammar(protocol.question("pain_score"))
    assert words == sorted(set(words))
    for phrase in ("not sure", "can't feel my legs", "fever", "repeat", "slower", "go back",
                   "stop", "seven", "ten", "out of ten"):
        assert phrase in words, phrase
    # A scale question's grammar has no yes/no words to mishear a number as.
    assert "yes" not in words and "nope" not in words
    assert all(re.fullmatch(r"[a-z']+( [a-z']+)*", p) for p in words)
    fever = protocol.grammar(protocol.question("fever"))
    assert {"yes", "nope", "fever", "i don't think so"} <= set(fever)
    trend = protocol.grammar(protocol.question("pain_trend"))
    assert "getting worse" in trend and "seven" not in trend
    assert "wet myself" in protocol.grammar(protocol.question("anything_else"))


def test_answer_grammar_is_the_answer_words_alone(protocol):
    scale = protocol.answer_grammar(protocol.question("pain_score"))
    assert scale == sorted(set(scale)) and {"five", "six", "seven", "out of ten"} <= set(scale)
    # The words real speakers' digits were misheard as in the wide grammar are not in it.
    words = {w for phrase in scale for w in phrase.split()}
    assert not words & {"bye", "say", "haven't", "i", "a", "fever", "legs", "repeat"}
    fever = protocol.answer_grammar(protocol.question("fever"))
    assert {"yes", "nope", "fever", "a bit"} <= set(fever) and "stop" not in fever
    assert "can't feel my legs" not in fever  # another symptom's phrase
    assert protocol.answer_grammar(protocol.question("anything_else")) is None


def test_unknown_question_is_a_protocol_error(protocol):
    with pytest.raises(ProtocolError, match="unknown question 'nope'"):
        protocol.question("nope")


def test_questions_json_command(capsys):
    assert main(["questions", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [q["id"] for q in data] == EXPECTED_QUESTIONS
    assert {"id", "text", "answer"} <= set(data[0])
    assert data[0]["red_flag"] is True


# -- broken files ----------------------------------------------------------------


def _broken(tmp_path: Path, name: str, old: str, new: str) -> tuple[Path, int]:
    """Copy intents/ and replace the first ``old`` in ``name``; return dir and line."""
    target = tmp_path / "intents"
    shutil.copytree(DEFAULT_DIRECTORY, target)
    path = target / name
    text = path.read_text()
    assert old in text, old
    line = text[:text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1))
    return target, line


BROKEN = [
    ("questions.yaml", "answer: yesno", "answer: yesnoo",
     "question 'fever' has unknown answer type 'yesnoo'"),
    ("questions.yaml", "symptom: leg_weakness", "symptom: leg_weak",
     "refers to unknown symptom 'leg_weak'"),
    ("questions.yaml", "ask_if: {back_pain: [yes, unsure, unanswered]}",
     "ask_if: {headache: [yes]}", "not an earlier question"),
    ("questions.yaml", "ask_if: {fever: [yes, unsure, unanswered]}",
     "ask_if: {fever: [yes, perhaps]}", "ask_if value 'perhaps'"),
    ("questions.yaml",
     "    red_flag: true\n    since: true\n    readings: true\n    reprompts:\n"
     "      - Have you had a fever?",
     "    red_flag: false\n    since: true\n    readings: true\n    reprompts:\n"
     "      - Have you had a fever?",
     "must have red_flag"),
    ("questions.yaml", "    help: I am asking whether you have had a fever",
     "    hlep: I am asking whether you have had a fever", "unknown field 'hlep'"),
    ("questions.yaml", "  - id: temperature", "  - id: fever", "defined twice"),
    ("questions.yaml", "same_place: [leg_weakness]", "same_place: [leg_weak]",
     "same_place refers to unknown symptom 'leg_weak'"),
    ("questions.yaml", "    affirms: back_soreness\n",
     "    affirms: back_soreness\n    same_place: [persistent_headache]\n",
     "'same_place' needs a symptom"),
    ("questions.yaml", "    affirms: back_soreness\n", "    presumes: back_soreness\n",
     "'presumes' needs answer yesno or choice"),
    ("questions.yaml", "    presumes: positional_headache\n", "    affirms: positional_headache\n",
     "'affirms' needs answer scale"),
    ("answers.yaml", "gaps: [really, even, actually, perfectly, completely, totally, pretty]",
     "gaps: really",
     "gaps must be a list"),
    ("questions.yaml", "    severe_from: 7", "    severe_from: 70", "outside its range"),
    ("symptoms.yaml", "disposition: urgent", "disposition: soon", "unknown disposition 'soon'"),
    ("symptoms.yaml", "advice: [back_soreness_expected]", "advice: [back_rest]",
     "unknown advice 'back_rest'"),
    ("symptoms.yaml", "  - id: fever", "  - id: fevr", "unknown symptom id 'fevr'"),
    ("messages.yaml", "{symptom_phrase}", "{symptom}", "unknown field"),
    ("messages.yaml", "  goodbye:", "  good_bye:", "missing goodbye"),
    ("triage.yaml", "unanswered_at_least: urgent", "unanswered_at_least: self-care",
     "never assumed absent"),
    ("answers.yaml", "  threshold: 84", "  threshold: high", "must be a number"),
    ("negation.yaml", "window: 8", "window: [8", "invalid YAML"),
]


@pytest.mark.parametrize(("name", "old", "new", "message"), BROKEN,
                         ids=[f"{b[0]}:{b[3][:24]}" for b in BROKEN])
def test_broken_file_reports_file_and_line(tmp_path, name, old, new, message):
    directory, line = _broken(tmp_path, name, old, new)
    with pytest.raises(ProtocolError) as err:
        load_protocol(directory)
    text = str(err.value)
    assert message in text
    where = re.match(r"(.+?):(\d+): ", text)
    assert where and where.group(1).endswith(f"intents/{name}")
    # The edited line, or (for something missing) the line of the item that lacks it.
    assert 1 <= int(where.group(2)) <= line + 2


def test_reported_line_is_exact_for_an_answer_type(tmp_path):
    directory, line = _broken(tmp_path, "questions.yaml", "answer: yesno", "answer: yesnoo")
    with pytest.raises(ProtocolError, match=rf"questions.yaml:{line}: question 'fever' has "
                                            "unknown answer type 'yesnoo'"):
        load_protocol(directory)


def test_missing_file_is_reported(tmp_path):
    target = tmp_path / "intents"
    shutil.copytree(DEFAULT_DIRECTORY, target)
    (target / "advice.yaml").unlink()
    with pytest.raises(ProtocolError, match="advice.yaml: file is missing"):
        load_protocol(target)


def test_cli_reports_broken_protocol_in_one_line(tmp_path, capsys):
    directory, line = _broken(tmp_path, "questions.yaml", "answer: yesno", "answer: yesnoo")
    assert main(["questions", "--json", "--intents", str(directory)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err
    assert f"questions.yaml:{line}: question 'fever'" in err


def test_adding_a_question_and_phrase_needs_no_code(tmp_path):
    directory, _ = _broken(
        tmp_path, "questions.yaml", "  - id: anything_else",
        "  - id: dizzy_check\n    text: Do you feel more tired than usual?\n    answer: yesno\n"
        "    reprompts: [Say yes or no., Please say yes or no.]\n    help: Say yes or no.\n"
        "  - id: anything_else")
    sym = directory / "symptoms.yaml"
    sym.write_text(sym.read_text().replace("present: [fever, fevers,",
                                           "present: [roasting hot, fever, fevers,"))
    from voice.understand import understand

    p = load_protocol(directory)
    assert p.questions[-2].id == "dizzy_check"
    found = {f.symptom: f.status for f in understand("i'm roasting hot", p).symptoms}
    assert found == {"fever": "present"}
