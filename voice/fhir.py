"""The check-in history as FHIR R4 resources, for a clinic's record system.

One ``Questionnaire`` generated from ``intents/`` (the protocol is the form) and one
``QuestionnaireResponse`` per check-in, in a ``transaction`` Bundle that a FHIR server
imports with one POST. Every resource goes through the ``fhir.resources`` models (R4B,
which shares these two resources' structure with R4) before it is written, so a
malformed export fails here, not at the clinic.

Choices (docs/fhir.md has the full mapping):
- yes/no questions are ``choice`` items coded with HL7 v2 table 0136 (``Y``/``N``); "not
  sure" is data-absent-reason ``asked-unknown``: it must never read as "no".
- red-flag questions carry ``item.code`` ``red-flag`` in :data:`FLAG_SYSTEM`.
- the device's own assessment (disposition, its reasons, red-flag questions left
  unanswered, complaints it could not place) is a read-only group ``assessment`` in the
  same form, so any questionnaire viewer shows it and no extension needs defining.
- no patient identity is stored or invented: ``subject`` is set only when the clinic
  passes one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

from voice.protocol import Protocol, Question
from voice.store import CheckinRecord

BASE = "urn:aftercare-voice"
QUESTIONNAIRE_URL = f"{BASE}:questionnaire:lumbar-puncture-aftercare"
FLAG_SYSTEM = f"{BASE}:question-flag"
CHOICE_SYSTEM = f"{BASE}:choice"
DISPOSITION_SYSTEM = f"{BASE}:disposition"
QUESTION_SYSTEM = f"{BASE}:question"
CHECKIN_SYSTEM = f"{BASE}:checkin"
YES_NO_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0136"
ABSENT_SYSTEM = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
UCUM = "http://unitsofmeasure.org"

ASSESSMENT = "assessment"  # linkIds of the device's own assessment group
DISPOSITION, REASON, UNANSWERED, CONCERN = (
    "disposition", "reason", "unanswered-red-flag", "unrecognised-complaint")

# Stored status -> QuestionnaireResponse.status. "abandoned" is a check-in a killed
# process left open (a later one resumed): partly answered, no more to come = stopped.
STATUS = {"finished": "completed", "in_progress": "in-progress", "stopped": "stopped",
          "abandoned": "stopped"}
DISPOSITIONS = {"emergency": "Emergency: immediate attention",
                "urgent": "Urgent: contact the healthcare provider",
                "self-care": "Self-care at home", "none": "No symptoms reported"}
YES_NO = {"yes": (YES_NO_SYSTEM, "Y", "Yes"), "no": (YES_NO_SYSTEM, "N", "No"),
          "unsure": (ABSENT_SYSTEM, "asked-unknown", "Not sure")}


def _coding(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    coding = {"system": system, "code": code}
    return coding | {"display": display} if display else coding


def protocol_version(protocol: Protocol) -> str:
    """A short digest of the questions: a clinic sees when the form changed."""
    form = [(q.id, q.text, q.answer, q.red_flag, [c.id for c in q.choices])
            for q in protocol.questions]
    return hashlib.sha256(json.dumps(form).encode()).hexdigest()[:12]


# -- the form -----------------------------------------------------------------------


def questionnaire(protocol: Protocol) -> dict[str, Any]:
    items = [_question_item(q) for q in protocol.questions]
    red_flags = [q for q in protocol.questions if q.red_flag]
    items.append({
        "linkId": ASSESSMENT, "type": "group", "readOnly": True,
        "text": "Assessment by the voice check-in (from the answers, not a diagnosis)",
        "item": [
            {"linkId": DISPOSITION, "type": "choice", "readOnly": True,
             "text": "Disposition",
             "answerOption": [{"valueCoding": _coding(DISPOSITION_SYSTEM, d.id,
                                                      DISPOSITIONS.get(d.id))}
                              for d in protocol.dispositions]},
            {"linkId": REASON, "type": "string", "readOnly": True, "repeats": True,
             "text": "Reasons for the disposition, quoting the patient"},
            {"linkId": UNANSWERED, "type": "choice", "readOnly": True, "repeats": True,
             "text": "Red-flag questions without a usable answer",
             "answerOption": [{"valueCoding": _coding(QUESTION_SYSTEM, q.id, q.text)}
                              for q in red_flags]},
            {"linkId": CONCERN, "type": "string", "readOnly": True, "repeats": True,
             "text": "Complaints the check-in could not match to a known symptom"},
        ],
    })
    return {
        "resourceType": "Questionnaire",
        "url": QUESTIONNAIRE_URL,
        "version": protocol_version(protocol),
        "name": "LumbarPunctureAftercareCheckIn",
        "title": "Lumbar puncture aftercare voice check-in",
        "status": "active",
        "subjectType": ["Patient"],
        "item": items,
    }


def _question_item(q: Question) -> dict[str, Any]:
    item: dict[str, Any] = {"linkId": q.id, "text": q.text}
    if q.red_flag:
        item["code"] = [_coding(FLAG_SYSTEM, "red-flag",
                                "Red flag: no usable answer means at least urgent")]
    if q.answer == "yesno":
        item["type"] = "choice"
        item["answerOption"] = [{"valueCoding": _coding(*YES_NO[v])} for v in YES_NO]
    elif q.answer == "choice":
        item["type"] = "choice"
        item["answerOption"] = [{"valueCoding": _coding(CHOICE_SYSTEM, c.id, c.text)}
                                for c in q.choices]
    elif q.answer == "scale":
        item["type"] = "decimal"  # "six and a half" is 6.5
        if q.range:
            low, high = q.range
            item["extension"] = [
                {"url": "http://hl7.org/fhir/StructureDefinition/minValue",
                 "valueDecimal": float(low)},
                {"url": "http://hl7.org/fhir/StructureDefinition/maxValue",
                 "valueDecimal": float(high)},
            ]
    elif q.answer == "temperature":
        item["type"] = "quantity"
    else:
        item["type"] = "string"
    return item


# -- the answers --------------------------------------------------------------------


def questionnaire_response(record: CheckinRecord, protocol: Protocol,
                           subject: str | None = None) -> dict[str, Any]:
    """One check-in. Answers come from the history (written answer by answer, so an
    unfinished check-in has them too); the assessment from its result, once finished."""
    known = {q.id: q for q in protocol.questions}
    items = []
    for answer in _last_answers(record):
        if answer.value is None:
            continue  # no usable answer: listed under unanswered, never as a value
        question = known.get(answer.question)
        entry: dict[str, Any] = {"linkId": answer.question,
                                 "answer": [_answer(answer.value, question, protocol)]}
        if question is not None:
            entry["text"] = question.text
        items.append(entry)
    result = record.result or {}
    assessment = _assessment(record, result, protocol)
    if assessment:
        items.append({"linkId": ASSESSMENT, "item": assessment})
    response: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "identifier": {"system": CHECKIN_SYSTEM, "value": f"{record.started_at}/{record.id}"},
        "questionnaire": f"{QUESTIONNAIRE_URL}|{protocol_version(protocol)}",
        "status": STATUS.get(record.status, "stopped"),
        "authored": record.finished_at or record.started_at,
    }
    if subject:
        response["subject"] = {"reference": subject}
    if items:
        response["item"] = items
    return response


def _last_answers(record: CheckinRecord) -> list[Any]:
    """The last answer to each question, in the order first asked ("go back" re-asks)."""
    latest: dict[str, Any] = {}
    for answer in record.answers:
        latest[answer.question] = answer  # keeps the key's first place
    return list(latest.values())


def _answer(value: Any, question: Question | None, protocol: Protocol) -> dict[str, Any]:
    if isinstance(value, bool):  # not expected; keep it rather than mistype it
        return {"valueBoolean": value}
    if isinstance(value, str) and value in YES_NO and (
            question is None or question.answer != "free"):
        return {"valueCoding": _coding(*YES_NO[value])}
    if isinstance(value, int | float) and question is not None and \
            question.answer == "temperature":
        return {"valueQuantity": _temperature(float(value), protocol)}
    if isinstance(value, int | float) and question is not None and question.answer == "scale":
        return {"valueDecimal": float(value)}
    if isinstance(value, int):
        return {"valueInteger": value}
    if isinstance(value, float):
        return {"valueDecimal": value}
    if question is not None and question.answer == "choice":
        text = next((c.text for c in question.choices if c.id == value), None)
        return {"valueCoding": _coding(CHOICE_SYSTEM, str(value), text)}
    return {"valueString": str(value)}


def _temperature(value: float, protocol: Protocol) -> dict[str, Any]:
    """The unit as the check-in read it: by the protocol's plausible ranges."""
    a = protocol.answers
    if a.celsius_range[0] <= value <= a.celsius_range[1]:
        return {"value": value, "unit": "°C", "system": UCUM, "code": "Cel"}
    if a.fahrenheit_range[0] <= value <= a.fahrenheit_range[1]:
        return {"value": value, "unit": "°F", "system": UCUM, "code": "[degF]"}
    return {"value": value}


def _assessment(record: CheckinRecord, result: dict[str, Any],
                protocol: Protocol) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    disposition = result.get("disposition") or record.disposition
    if disposition:
        items.append({"linkId": DISPOSITION, "answer": [{"valueCoding": _coding(
            DISPOSITION_SYSTEM, disposition, DISPOSITIONS.get(disposition))}]})
    _repeat(items, REASON, ({"valueString": str(r)} for r in result.get("reasons", [])))
    texts = {q.id: q.text for q in protocol.questions}
    _repeat(items, UNANSWERED, ({"valueCoding": _coding(QUESTION_SYSTEM, q, texts.get(q))}
                                for q in result.get("unanswered", [])))
    _repeat(items, CONCERN, ({"valueString": _concern_text(c)}
                             for c in result.get("concerns", [])))
    return items


def _repeat(items: list[dict[str, Any]], link_id: str, answers: Iterable[dict[str, Any]]
            ) -> None:
    listed = list(answers)
    if listed:
        items.append({"linkId": link_id, "answer": listed})


def _concern_text(concern: Any) -> str:
    """A complaint as the result holds it: a string, or an object with its words."""
    if isinstance(concern, dict):
        for key in ("text", "evidence", "words", "complaint"):
            if concern.get(key):
                return str(concern[key])
        return json.dumps(concern, ensure_ascii=False)
    return str(concern)


# -- the bundle ---------------------------------------------------------------------


def bundle(records: Sequence[CheckinRecord], protocol: Protocol,
           subject: str | None = None) -> dict[str, Any]:
    """A transaction: the form (created once, matched by its url and version) and one
    response per check-in (created once, matched by its check-in identifier)."""
    form = questionnaire(protocol)
    entries = [{
        "fullUrl": f"urn:uuid:{_uuid('questionnaire', form['version'])}",
        "resource": form,
        "request": {"method": "POST", "url": "Questionnaire",
                    "ifNoneExist": f"url={QUESTIONNAIRE_URL}&version={form['version']}"},
    }]
    for record in records:
        response = questionnaire_response(record, protocol, subject)
        ident = response["identifier"]
        entries.append({
            "fullUrl": f"urn:uuid:{_uuid('checkin', ident['value'])}",
            "resource": response,
            "request": {"method": "POST", "url": "QuestionnaireResponse",
                        "ifNoneExist": f"identifier={ident['system']}|{ident['value']}"},
        })
    return {"resourceType": "Bundle", "type": "transaction", "entry": entries}


def _uuid(*parts: str) -> str:
    """A stable UUID for an entry, so exporting twice gives the same file."""
    import uuid

    return str(uuid.uuid5(uuid.NAMESPACE_URL, ":".join((BASE, *parts))))


def validated(resource: dict[str, Any]) -> str:
    """``resource`` as FHIR JSON, after the fhir.resources models accepted it."""
    from fhir.resources.R4B import get_fhir_model_class

    model = get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    return model.model_dump_json(exclude_none=True, indent=2)
