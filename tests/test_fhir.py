"""`aftercare export --fhir`: a history of real check-ins, exported and parsed back with
the fhir.resources models; answers and dispositions must survive the round trip."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

from voice import fhir
from voice.protocol import load_protocol
from voice.store import CheckinRecord, History, StoredAnswer

SELF_CARE = ["no"] * 4 + ["yes", "3", "better", "no"] + ["no"] * 4
EMERGENCY = ["no", "yes"]  # numb legs


def aftercare(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "voice", *args], input=stdin,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "AFTERCARE_AUDIO_OUTPUT": "none"})


@pytest.fixture(scope="module")
def history(tmp_path_factory, kill_checkin) -> Path:
    """Self-care, emergency, and one killed after two answers (left in progress)."""
    home = tmp_path_factory.mktemp("fhir") / "data"
    old = os.environ.get("AFTERCARE_HOME")
    os.environ["AFTERCARE_HOME"] = str(home)
    try:
        for answers in (SELF_CARE, EMERGENCY):
            done = aftercare("check", "--text", stdin="\n".join(answers) + "\n")
            assert done.returncode == 0, done.stderr
        kill_checkin(3)
        yield home
    finally:
        if old is None:
            os.environ.pop("AFTERCARE_HOME", None)
        else:
            os.environ["AFTERCARE_HOME"] = old


def _parse(path: Path) -> tuple[Bundle, list]:
    """The Bundle and each entry's resource, each through its own model class."""
    text = path.read_text()
    bundle = Bundle.model_validate_json(text)
    resources = [get_fhir_model_class(e["resource"]["resourceType"]).model_validate(
        e["resource"]) for e in json.loads(text)["entry"]]
    return bundle, resources


def _value(answer) -> object:
    """A QuestionnaireResponse answer back to the check-in's value."""
    if answer.valueCoding is not None:
        code = answer.valueCoding.code
        return {"Y": "yes", "N": "no", "asked-unknown": "unsure"}.get(code, code)
    if answer.valueDecimal is not None:
        return float(answer.valueDecimal)
    if answer.valueInteger is not None:
        return answer.valueInteger
    if answer.valueQuantity is not None:
        return float(answer.valueQuantity.value)
    return answer.valueString


def test_export_round_trip(history, tmp_path):
    out = tmp_path / "export.json"
    done = aftercare("export", "--fhir", "--all", "--out", str(out),
                     "--subject", "Patient/example-7")
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    bundle, resources = _parse(out)
    assert bundle.type == "transaction"
    form, *responses = resources
    records = History(history / "history.sqlite3").all()
    assert [r.status for r in records] == ["finished", "stopped", "in_progress"]
    assert [r.disposition for r in records] == ["self-care", "emergency", None]
    assert [r.status for r in responses] == ["completed", "stopped", "in-progress"]

    protocol = load_protocol()
    assert form.get_resource_type() == "Questionnaire"
    assert [i.linkId for i in form.item][:-1] == [q.id for q in protocol.questions]
    flagged = {i.linkId for i in form.item if i.code and i.code[0].code == "red-flag"}
    assert flagged == {q.id for q in protocol.questions if q.red_flag}

    for record, response in zip(records, responses, strict=True):
        assert response.subject.reference == "Patient/example-7"
        assert response.questionnaire.startswith(fhir.QUESTIONNAIRE_URL + "|")
        items = {i.linkId: i for i in response.item or []}
        got = {k: _value(i.answer[0]) for k, i in items.items() if k != fhir.ASSESSMENT}
        assert got == {a.question: a.value for a in record.answers if a.value is not None}
        assessment = {i.linkId: i for i in items[fhir.ASSESSMENT].item} \
            if fhir.ASSESSMENT in items else {}
        disposition = assessment.get(fhir.DISPOSITION)
        assert (disposition.answer[0].valueCoding.code if disposition else None) == \
            record.disposition
    assert _value(responses[0].item[5].answer[0]) == 3  # the pain score, an integer
    emergency = {i.linkId: i for i in responses[1].item}[fhir.ASSESSMENT]
    reasons = [a.valueString for i in emergency.item if i.linkId == fhir.REASON
               for a in i.answer]
    assert any("numbness" in r for r in reasons)


def test_one_checkin_no_subject_invented(history):
    done = aftercare("export", "--fhir", "--checkin", "1")
    assert done.returncode == 0, done.stderr
    exported = json.loads(done.stdout)
    assert len(exported["entry"]) == 2
    response = exported["entry"][1]["resource"]
    assert not {"subject", "source", "author"} & set(response)


def test_unknown_checkin_is_one_line(history):
    done = aftercare("export", "--fhir", "--checkin", "99")
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == ["aftercare: error: no check-in #99 "
                                                "(see 'aftercare history')"]


def test_unanswered_red_flags_and_concerns_are_exported():
    protocol = load_protocol()
    record = CheckinRecord(
        id=4, started_at="2026-01-05T09:00:00+00:00", finished_at="2026-01-05T09:03:00+00:00",
        status="stopped", disposition="urgent",
        answers=(StoredAnswer("fever", "unsure", "not sure", 0.9),
                 StoredAnswer("temperature", 38.5, "thirty eight point five", 0.8),
                 StoredAnswer("leg_numbness", None, "", 0.0)),
        result={"disposition": "urgent", "reasons": ["no usable answer about numb legs"],
                "unanswered": ["leg_numbness", "bladder_bowel"],
                "concerns": ["my left ear rings", {"text": "a rash on my arm"}]})
    resource = fhir.questionnaire_response(record, protocol)
    response = get_fhir_model_class("QuestionnaireResponse").model_validate(resource)
    items = {i.linkId: i for i in response.item}
    assert "leg_numbness" not in items  # no value is never exported as an answer
    assert items["fever"].answer[0].valueCoding.code == "asked-unknown"
    temperature = items["temperature"].answer[0].valueQuantity
    assert (float(temperature.value), temperature.code) == (38.5, "Cel")
    assessment = {i.linkId: [a for a in i.answer] for i in items[fhir.ASSESSMENT].item}
    assert [a.valueCoding.code for a in assessment[fhir.UNANSWERED]] == [
        "leg_numbness", "bladder_bowel"]
    assert [a.valueString for a in assessment[fhir.CONCERN]] == [
        "my left ear rings", "a rash on my arm"]
    assert response.status == "stopped"
