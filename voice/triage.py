"""Symptoms and answers to a disposition: emergency > urgent > self-care > none.

Pure. Conservative by construction:
- ``uncertain`` counts like ``present`` (the reason says "possibly");
- a red-flag question without a usable answer makes the result at least
  ``unanswered_at_least`` (triage.yaml: urgent) and is listed in ``unanswered``;
- a complaint the protocol does not cover (a ``concern``, voice/complaints.py) makes
  it at least ``at_least`` of intents/complaints.yaml (urgent), with that reason;
- findings from several answers are combined so that present beats uncertain beats
  absent; only the explicit answer to the question that asks about a symptom may
  clear an uncertain finding (``combine(..., authoritative=True)``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from voice.complaints import load_complaints
from voice.protocol import DISPOSITIONS, SYMPTOM_IDS, Protocol, Question
from voice.understand import ABSENT, PRESENT, UNCERTAIN, Finding

_RANK = {ABSENT: 0, UNCERTAIN: 1, PRESENT: 2}
_ORDER = {s: i for i, s in enumerate(SYMPTOM_IDS)}

Findings = Mapping[str, Finding] | Iterable[Finding]


@dataclass(frozen=True)
class Triage:
    disposition: str
    reasons: tuple[str, ...]  # why, quoting the patient
    findings: tuple[Finding, ...]  # the symptoms that count (present or uncertain)
    unanswered: tuple[str, ...]  # red-flag question ids without a usable answer
    messages: tuple[str, ...]  # what to say at the end: disposition message, then advice
    advice: tuple[str, ...]  # advice keys used in ``messages`` (in order)
    concerns: tuple[str, ...] = ()  # complaints not judged here, in the patient's words

    def to_dict(self) -> dict[str, Any]:
        return {
            "disposition": self.disposition,
            "reasons": list(self.reasons),
            "symptoms": {f.symptom: {"status": f.status, "evidence": f.evidence}
                         for f in self.findings},
            "unanswered": list(self.unanswered),
            "messages": list(self.messages),
            "advice": list(self.advice),
            "concerns": list(self.concerns),
        }


def combine(so_far: Findings, new: Iterable[Finding],
            authoritative: bool = False) -> dict[str, Finding]:
    """Merge ``new`` findings into ``so_far`` (neither is changed), one per symptom.

    Present beats uncertain beats absent. With ``authoritative=True`` (the patient's
    direct answer to the question that asks about the symptom, or to a confirmation)
    a new finding replaces an uncertain or absent one, so "no" clears an earlier
    "kind of numb". A finding that is already ``present`` is never cleared: a red flag
    said plainly stays said.
    """
    merged = dict(_by_symptom(so_far))
    for f in new:
        old = merged.get(f.symptom)
        if old is None or _RANK[f.status] > _RANK[old.status] or (
                authoritative and old.status != PRESENT):
            merged[f.symptom] = f
    return merged


def triage(
    findings: Findings,
    unanswered: Iterable[str],
    protocol: Protocol,
    *,
    answers: Mapping[str, Any] | None = None,
    previous: Mapping[str, Any] | None = None,
    emergency_number: str = "911",
    concerns: Iterable[str] = (),
) -> Triage:
    """The disposition for these findings and unanswered red-flag questions.

    ``answers`` (question id -> value) and ``previous`` (the previous check-in's
    answers) let a scale question marked ``worse_than_previous`` count a higher score
    than last time as worsening. ``concerns``: complaints the protocol does not cover.
    """
    merged = combine(_by_symptom(findings), _worsened(protocol, answers or {}, previous or {}))
    counted = sorted((f for f in merged.values() if f.status != ABSENT and
                      f.symptom in protocol.symptoms),
                     key=lambda f: (_severity(protocol, f.symptom), _ORDER.get(f.symptom, 99)))
    missing = tuple(dict.fromkeys(q for q in unanswered if _is_question(protocol, q)))
    levels = [protocol.symptoms[f.symptom].disposition for f in counted]
    if missing:
        levels.append(protocol.unanswered_at_least)
    concerns = tuple(dict.fromkeys(concerns))
    if concerns:
        levels.append(load_complaints(protocol).at_least)
    disposition = min(levels, key=DISPOSITIONS.index) if levels else "none"

    reasons = [_reason(protocol, f) for f in counted]
    reasons += [f'no usable answer to the red-flag question "{protocol.question(q).text}"'
                for q in missing]
    reasons += [f'a complaint this check-in cannot judge: said "{c}"' for c in concerns]
    messages, advice = _messages(protocol, disposition, counted, missing, emergency_number,
                                 concerns)
    return Triage(disposition, tuple(reasons), tuple(counted), missing, messages, advice,
                  concerns)


def unanswered_red_flags(protocol: Protocol, answers: Mapping[str, Any],
                         findings: Findings = ()) -> list[str]:
    """Red-flag questions that apply but have no usable answer ("unsure" is not one),
    unless their symptom is already established as present."""
    known = _by_symptom(findings)
    out = []
    for q in protocol.questions:
        if not q.red_flag or not q.applies(answers):
            continue
        if answers.get(q.id) not in (None, "unsure"):
            continue
        if q.symptom and q.symptom in known and known[q.symptom].status == PRESENT:
            continue
        out.append(q.id)
    return out


# -- pieces ------------------------------------------------------------------------


def _by_symptom(findings: Findings) -> dict[str, Finding]:
    if isinstance(findings, Mapping):
        return dict(findings)
    out: dict[str, Finding] = {}
    for f in findings:
        old = out.get(f.symptom)
        if old is None or _RANK[f.status] > _RANK[old.status]:
            out[f.symptom] = f
    return out


def _is_question(protocol: Protocol, qid: str) -> bool:
    return any(q.id == qid for q in protocol.questions)


def _severity(protocol: Protocol, symptom: str) -> int:
    return DISPOSITIONS.index(protocol.symptoms[symptom].disposition)


def _worsened(protocol: Protocol, answers: Mapping[str, Any],
              previous: Mapping[str, Any]) -> list[Finding]:
    out = []
    for q in protocol.questions:
        if not q.worse_than_previous:
            continue
        now, before = answers.get(q.id), previous.get(q.id)
        if _number(now) and _number(before) and now > before:
            out.append(Finding(q.worse_than_previous, PRESENT,
                               f"{_show(now)} now, {_show(before)} at the previous check-in",
                               q.id))
    return out


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _show(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _reason(protocol: Protocol, f: Finding) -> str:
    symptom = protocol.symptoms[f.symptom]
    name = symptom.phrase if f.status == PRESENT else f"possibly {symptom.phrase}"
    head = f"{name} ({symptom.disposition})"
    question = _question(protocol, f.question)
    if question is not None and question.worse_than_previous == f.symptom and \
            " now, " in f.evidence:
        return f'{head}: {question.id} {f.evidence}'
    if question is not None:
        return f'{head}: answered "{f.evidence}" to "{question.text}"'
    return f'{head}: said "{f.evidence}"'


def _question(protocol: Protocol, qid: str | None) -> Question | None:
    return next((q for q in protocol.questions if q.id == qid), None) if qid else None


def _messages(protocol: Protocol, disposition: str, counted: list[Finding],
              missing: tuple[str, ...], number: str,
              concerns: tuple[str, ...] = ()) -> tuple[tuple[str, ...], tuple[str, ...]]:
    m = protocol.message

    def names(level: str) -> str:
        return _join([protocol.symptoms[f.symptom].phrase for f in counted
                      if protocol.symptoms[f.symptom].disposition == level])

    texts: list[str] = []
    if names("emergency"):
        texts.append(m(protocol.disposition("emergency").message, number=number,
                       symptoms=names("emergency")))
    if names("urgent"):
        texts.append(m(protocol.disposition("urgent").message, symptoms=names("urgent")))
    if missing:
        texts.append(m("urgent_unanswered"))
    texts.extend(m("concern", complaint=c) for c in concerns)
    keys: list[str] = []
    if disposition in ("self-care", "none"):
        texts.insert(0, m(protocol.disposition(disposition).message))
        for f in counted:
            keys.extend(protocol.symptoms[f.symptom].advice)
    keys.extend(protocol.disposition(disposition).advice)
    keys = list(dict.fromkeys(keys))
    texts.extend(protocol.advice[k] for k in keys)
    return tuple(texts), tuple(keys)


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
