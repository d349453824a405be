"""Scoring one spoken answer against its label, and adding the scores up.

Pure (no audio, no model): the ``aftercare eval`` command and ``benchmarks/`` feed
it what the dialog did with each clip. The safety metric follows DESIGN.md: a red
flag counts as caught when the assistant said the emergency message, asked to
confirm it, or recorded it as present or uncertain; asking the same question again
is *not* a miss (it is counted as a re-prompt), concluding "no" or moving on is.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from voice.dialog import Answered, Ask, Event, Say
from voice.errors import AftercareError
from voice.protocol import Protocol, Question
from voice.understand import value_findings

# -- the corpus ----------------------------------------------------------------------

MANIFEST_COLUMNS = ("path", "transcript", "speaker", "sample_rate")
PRESENT_LIKE = frozenset({"present", "uncertain"})
DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
          "ten")
YES_NO = ("yes", "no")


@dataclass(frozen=True)
class Expected:
    """The label of one clip: the answer value (or None) and symptom statuses."""

    value: str | int | None = None
    symptoms: tuple[tuple[str, str], ...] = ()

    @classmethod
    def parse(cls, text: str) -> Expected:
        """``"yes;fever:present"``, ``"7;severe_worsening_pain:present"``, ``"no"``, ``""``."""
        value: str | int | None = None
        symptoms: list[tuple[str, str]] = []
        for part in (p.strip() for p in text.split(";")):
            if not part:
                continue
            if ":" in part:
                symptom, status = part.split(":", 1)
                symptoms.append((symptom.strip(), status.strip()))
            else:
                value = int(part) if part.lstrip("-").isdigit() else part
        return cls(value, tuple(symptoms))

    def __str__(self) -> str:
        parts = [] if self.value is None else [str(self.value)]
        return ";".join(parts + [f"{s}:{st}" for s, st in self.symptoms])

    def present(self) -> frozenset[str]:
        return frozenset(s for s, status in self.symptoms if status in PRESENT_LIKE)


@dataclass(frozen=True)
class Clip:
    """One manifest row: a WAV file, what was said, and what it should mean."""

    path: Path
    transcript: str
    speaker: str
    question: str
    expected: Expected
    condition: str = "real"  # clean | white | babble | real
    snr: float | None = None  # dB; None for clean or real recordings
    sample_rate: int | None = None
    extra: Mapping[str, str] = field(default_factory=dict)  # other columns (voice, rate)

    @property
    def snr_bucket(self) -> str:
        return "clean" if self.snr is None else f"{self.snr:g} dB"


def expected_from_transcript(transcript: str, question: Question) -> Expected | None:
    """Label a real recording from its one-word transcript; None if it is no answer here.

    Spoken digits are pain scores at a scale question; "yes"/"no" are answers at a
    yes/no question (and say whether the question's symptom is there). At a free
    question any sentence is kept, scored for word errors and false red flags only.
    """
    word = transcript.strip().lower()
    if question.answer == "free":
        return Expected()
    if question.answer == "scale" and word in DIGITS:
        score = DIGITS.index(word)
        symptoms = ()
        if question.severe_from is not None and score >= question.severe_from \
                and question.severe_symptom:
            symptoms = ((question.severe_symptom, "present"),)
        return Expected(score, symptoms)
    if question.answer == "yesno" and word in YES_NO:
        symptoms = ((question.symptom, "present" if word == "yes" else "absent"),) \
            if question.symptom else ()
        return Expected(word, symptoms)
    return None


def read_manifest(path: Path, protocol: Protocol, question: str | None = None,
                  root: Path | None = None) -> tuple[list[Clip], int]:
    """Clips from a TSV manifest, and how many rows were skipped.

    Our corpus names the question and the expected answer per row; the shared real
    recordings (path, transcript, speaker, sample_rate, ...) need ``question`` and are
    labelled from the transcript, skipping words that are no answer to it.
    """
    root = root or path.parent
    try:
        with path.open(newline="", encoding="utf-8") as stream:
            rows = list(csv.DictReader(stream, delimiter="\t"))
    except OSError as err:
        raise AftercareError(f"{path}: cannot read manifest ({err.strerror})") from None
    missing = [c for c in MANIFEST_COLUMNS if rows and c not in rows[0]]
    if not rows or missing:
        needs = ", ".join(MANIFEST_COLUMNS)
        raise AftercareError(f"{path}: not a manifest (needs the columns {needs})")
    labelled = "question" in rows[0] and "expected" in rows[0]
    if not labelled and question is None:
        raise AftercareError(f"{path}: no question/expected columns; say which question "
                             "these clips answer with --question")
    fixed = protocol.question(question) if question else None
    clips: list[Clip] = []
    skipped = 0
    for row in rows:
        q = fixed or protocol.question(row["question"])
        if labelled and fixed is None:
            expected: Expected | None = Expected.parse(row["expected"])
        else:
            expected = expected_from_transcript(row["transcript"], q)
        if expected is None:
            skipped += 1
            continue
        snr = row.get("snr") or ""
        rate = row.get("sample_rate") or ""
        known = {"path", "transcript", "speaker", "sample_rate", "question", "expected",
                 "condition", "snr"}
        clips.append(Clip(
            path=root / row["path"],
            transcript=row["transcript"],
            speaker=row["speaker"],
            question=q.id,
            expected=expected,
            condition=row.get("condition") or "real",
            snr=float(snr) if snr not in ("", "none", "clean") else None,
            sample_rate=int(rate) if rate.isdigit() else None,
            extra={k: v for k, v in row.items() if k not in known and v is not None},
        ))
    return clips, skipped


# -- what the assistant did ----------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What one system did with one clip (our dialog or the naive baseline)."""

    heard: str  # the transcript the decision was made on
    action: str  # answered | reprompt | confirm | emergency | none
    value: Any = None  # the answer it took (None unless it concluded one)
    flagged: frozenset[str] = frozenset()  # red-flag symptoms it acted on
    emergency: bool = False
    said: str = ""  # the first thing the assistant said next

    def to_dict(self) -> dict[str, Any]:
        return {"heard": self.heard, "action": self.action, "value": self.value,
                "flagged": sorted(self.flagged), "emergency": self.emergency,
                "said": self.said}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Outcome:
        return cls(d["heard"], d["action"], d["value"], frozenset(d["flagged"]),
                   d["emergency"], d["said"])


def red_flags(protocol: Protocol) -> frozenset[str]:
    """The protocol's red-flag symptoms (emergency and urgent dispositions)."""
    return frozenset(s for s, sym in protocol.symptoms.items() if sym.red_flag)


def dialog_outcome(question: Question, heard: str, events: Sequence[Event],
                   findings: Mapping[str, Any], protocol: Protocol,
                   pending: Any = None) -> Outcome:
    """Classify the dialog's reaction to one answer at ``question``.

    ``findings`` is the dialog's symptom id -> Finding after the answer. An emergency
    about the question's own symptom also settles the answer as "yes". A value read
    back ("Did you say eight?", ``pending``) is a confirmation carrying that value: right
    if the patient would say yes, never a confidently wrong answer.
    """
    flags = red_flags(protocol)
    emergency_text = protocol.messages["emergency"].split("{", 1)[0]
    emergency = any(isinstance(e, Say) and e.text.startswith(emergency_text) for e in events)
    flagged = {s for s, f in findings.items() if s in flags and f.status in PRESENT_LIKE}
    asks = [e for e in events if isinstance(e, Ask)]
    confirms = {a.question.split(":", 1)[1] for a in asks if a.question.startswith("confirm:")}
    flagged |= confirms & flags
    answered = [e for e in events if isinstance(e, Answered) and e.question == question.id]
    value: Any = answered[0].value if answered else None
    if emergency:  # the answer that raised it is an Answered event too (issue 12)
        action = "emergency"
        value = "yes" if question.symptom and question.symptom in flagged else None
    elif answered:
        action = "answered"
    elif confirms or any(a.question == f"check:{question.id}" for a in asks):
        action = "confirm"
        if not confirms:
            value = pending
            # "So you feel sick or have been vomiting. Is that right?" asks about it.
            flagged |= {f.symptom for f in value_findings(question, pending, heard)
                        if f.status in PRESENT_LIKE} & flags
    elif any(a.question == question.id for a in asks):
        action = "reprompt"
    else:
        action = "none"
    said = next((e.text for e in events if isinstance(e, Say | Ask)), "")
    return Outcome(heard, action, value, frozenset(flagged), emergency, said)


# -- the naive baseline ----------------------------------------------------------------

BASELINE_CUTOFF = 60.0  # plain fuzz.ratio below this is "not understood"
BASELINE_FLAG_CUTOFF = 90.0  # partial_ratio for a red-flag phrase anywhere in the text


@dataclass(frozen=True)
class Baseline:
    """Plain free-form transcript + plain rapidfuzz ratio, no grammar, no negation."""

    protocol: Protocol

    def phrases(self, question: Question) -> dict[str, Any]:
        a = self.protocol.answers
        table: dict[str, Any] = {}
        if question.answer == "scale":
            low, high = question.range or (0, 10)
            table.update({DIGITS[n]: n for n in range(low, high + 1) if n < len(DIGITS)})
            table.update({str(n): n for n in range(low, high + 1)})
        elif question.answer == "choice":
            for c in question.choices:
                table.update({p: c.id for p in c.phrases})
        else:
            table.update({p: "unsure" for p in a.unsure})
            table.update({p: "no" for p in a.no})
            table.update({p: "yes" for p in a.yes})
            if question.symptom:
                table.update({p: "yes" for p in self.protocol.symptoms[question.symptom].present})
        return table

    def outcome(self, question: Question, text: str) -> Outcome:
        text = normalise_words(text)
        table = self.phrases(question)
        best = process.extractOne(text, list(table), scorer=fuzz.ratio,
                                  score_cutoff=BASELINE_CUTOFF) if text else None
        value = table[best[0]] if best else None
        flags = red_flags(self.protocol)
        flagged = {question.symptom} if value == "yes" and question.symptom in flags else set()
        for symptom in flags:
            # The phrase looked for inside the answer (never the answer inside a phrase:
            # "no" is part of "no feeling in my legs").
            if any(4 <= len(phrase) <= len(text)
                   and fuzz.partial_ratio(phrase, text) >= BASELINE_FLAG_CUTOFF
                   for phrase in self.protocol.symptoms[symptom].present):
                flagged.add(symptom)
        if question.answer == "scale" and isinstance(value, int | float) and question.severe_from \
                is not None and value >= question.severe_from and question.severe_symptom:
            flagged.add(question.severe_symptom)
        choice = next((c for c in question.choices if c.id == value), None)
        if choice is not None and choice.symptom:
            flagged.add(choice.symptom)
        action = "answered" if value is not None else "reprompt"
        return Outcome(text, action, value, frozenset(flagged))


# -- scoring ---------------------------------------------------------------------------


def normalise_words(text: str) -> str:
    """Lower case, punctuation out (apostrophes kept): how WER and matching see text."""
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text.lower()).split())


def word_errors(reference: str, hypothesis: str) -> tuple[int, int]:
    """(substitutions + deletions + insertions, reference words) after normalising."""
    ref = normalise_words(reference).split()
    hyp = normalise_words(hypothesis).split()
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        current = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h))
        previous = current
    return previous[-1], len(ref)


def wer(reference: str, hypothesis: str) -> float:
    errors, words = word_errors(reference, hypothesis)
    return errors / words if words else float(errors > 0)


def same_value(got: Any, want: Any) -> bool:
    if got is None or want is None:
        return False
    if isinstance(want, int) and isinstance(got, int | float):
        return float(got) == float(want)
    return str(got).lower() == str(want).lower()


@dataclass(frozen=True)
class Score:
    """One clip scored: None where a metric does not apply to it."""

    correct: bool | None  # answer value right (None: no value expected)
    wrong: bool | None  # concluded a different value (a wrong guess, not a re-prompt)
    red_flag: str | None  # caught | reprompted | missed (None: no red flag expected)
    false_flag: bool | None  # flagged a red flag that is not there (None: one is there)
    reprompt: bool
    confirm: bool
    word_errors: int
    ref_words: int


def score(clip: Clip, outcome: Outcome, flags: frozenset[str]) -> Score:
    want = clip.expected
    correct = None if want.value is None else same_value(outcome.value, want.value)
    # Confidently wrong: a different value taken; one read back for a yes/no is not.
    wrong = None if correct is None else (
        not correct and outcome.value is not None and outcome.action != "confirm")
    expected_flags = want.present() & flags
    red: str | None = None
    if expected_flags:
        if outcome.emergency or expected_flags & outcome.flagged:
            red = "caught"
        elif outcome.action == "reprompt":
            red = "reprompted"
        else:
            red = "missed"
    false_flag = None if expected_flags else bool(outcome.flagged or outcome.emergency)
    errors, words = word_errors(clip.transcript, outcome.heard)
    return Score(correct, wrong, red, false_flag, outcome.action == "reprompt",
                 outcome.action == "confirm", errors, words)


@dataclass
class Summary:
    """Scores added up over a group of clips; rates are None when nothing applies."""

    clips: int = 0
    answers: int = 0
    correct: int = 0
    wrong: int = 0
    red_flags: int = 0
    caught: int = 0
    red_reprompted: int = 0
    missed: int = 0
    negatives: int = 0
    false_flags: int = 0
    reprompts: int = 0
    confirms: int = 0
    word_errors: int = 0
    ref_words: int = 0

    def add(self, s: Score) -> None:
        self.clips += 1
        if s.correct is not None:
            self.answers += 1
            self.correct += s.correct
            self.wrong += bool(s.wrong)
        if s.red_flag is not None:
            self.red_flags += 1
            self.caught += s.red_flag == "caught"
            self.red_reprompted += s.red_flag == "reprompted"
            self.missed += s.red_flag == "missed"
        if s.false_flag is not None:
            self.negatives += 1
            self.false_flags += s.false_flag
        self.reprompts += s.reprompt
        self.confirms += s.confirm
        self.word_errors += s.word_errors
        self.ref_words += s.ref_words

    @property
    def accuracy(self) -> float | None:
        return _rate(self.correct, self.answers)

    @property
    def wrong_rate(self) -> float | None:
        return _rate(self.wrong, self.answers)

    @property
    def recall(self) -> float | None:
        """Red flags not missed (caught, or asked again) over red-flag clips."""
        return _rate(self.red_flags - self.missed, self.red_flags)

    @property
    def false_flag_rate(self) -> float | None:
        return _rate(self.false_flags, self.negatives)

    @property
    def reprompt_rate(self) -> float | None:
        return _rate(self.reprompts, self.clips)

    @property
    def confirm_rate(self) -> float | None:
        return _rate(self.confirms, self.clips)

    @property
    def wer(self) -> float | None:
        return _rate(self.word_errors, self.ref_words)

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "accuracy": self.accuracy,
                "wrong_rate": self.wrong_rate, "recall": self.recall,
                "false_flag_rate": self.false_flag_rate, "reprompt_rate": self.reprompt_rate,
                "confirm_rate": self.confirm_rate, "wer": self.wer}


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def summarise(items: Iterable[tuple[Clip, Score]],
              key: Callable[[Clip], str]) -> dict[str, Summary]:
    """Scores grouped by ``key(clip)``, groups in first-seen order."""
    groups: dict[str, Summary] = {}
    for clip, s in items:
        groups.setdefault(key(clip), Summary()).add(s)
    return groups


def question_type(protocol: Protocol) -> Callable[[Clip], str]:
    """Group key: the answer type, split into red-flag and other yes/no questions."""

    def key(clip: Clip) -> str:
        q = protocol.question(clip.question)
        if q.answer == "yesno":
            return "yes/no (red flag)" if q.red_flag else "yes/no"
        return q.answer
    return key
