"""Paraphrases that compose: a body part and what is wrong with it, matched together.

Patients do not say our phrases; they combine parts: "my KNEES BUCKLED", "the
PLASTER's SOAKED", "i can HARDLY LIFT my LEGS". A concept (intents/concepts.yaml) is a
symptom with a status and two or more word lists ("parts"): the first names where
(body part, dressing, toilet), the last what is wrong (numb, give way, soaked), any
between are companions ("painkillers" ... "do nothing" ... "headache"). The concept
matches when one phrase of every part occurs within ``window`` words, in any order,
inside one sentence. At the question that asks about the concept's symptom the first
part is implied ("they keep giving way" answers "any weakness in your legs?").

The span reported is the last part's words, so negation and hedging are decided by
the same NegEx scopes as any symptom phrase ("my legs DON'T give way").

A symptom concept may be kept to one question (``question`` with ``symptom``): there
the question is its place, so its first part is implied, and elsewhere it is not
looked for ("IT WAS HIGH" at "what was your temperature?" is a fever, at any other
question it may be the pain).

A concept may instead belong to a question and stand for an answer value there
(``question`` and ``value``): what the answer's content says at that question,
composed the same way. At a yes/no question the value is yes, no or unsure ("SITTING
UP ... POUNDS" is a yes to "is the headache worse when you sit or stand up, and better
when you lie down?"; "NO TABLETS taken" is unsure at a relief question; voice.relative
reads them); at a choice question it is a choice ("CREEPING UP" is "worse" at "is the
pain getting better, staying the same, or getting worse?"; voice.understand reads it).
Pure once loaded; the data is loaded and checked once per intents directory.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from voice.normalize import BREAK, tokens
from voice.phrases import Match, PhraseIndex
from voice.protocol import STATUSES, Protocol
from voice.yamlsrc import Node, Source, compose

FILE = "concepts.yaml"


@dataclass(frozen=True)
class Concept:
    # What a match means: a symptom id with ``status``, "concern" for a complaint, or
    # an answer value (yes, no, unsure, a choice id) at ``question`` for its content.
    label: str
    status: str
    parts: tuple[tuple[tuple[str, ...], ...], ...]  # each part: its phrases (tokens)
    window: int
    question: str | None = None  # found only at this question
    # Whether the question may stand in for the first part; not when that part is
    # no place ("HAVE a temperature": "i took my temperature" has none).
    implied: bool = True
    content: bool = False  # ``label`` is an answer value at ``question``, no symptom


@dataclass(frozen=True)
class ConceptMatch:
    label: str
    status: str
    start: int  # the last part's span: what is wrong
    end: int
    words: tuple[int, int]  # the whole stretch the concept covered (evidence)
    implied: bool = False  # the first part was supplied by the question
    gap: int = 0  # words between the last part and the others
    after: bool = False  # another part was said after the last ("worse WHEN I STAND")
    kept: bool = False  # the concept is kept to the question it was found at


class Concepts:
    def __init__(self, concepts: tuple[Concept, ...], gaps: tuple[str, ...] = ()) -> None:
        self.concepts = concepts
        # One index per part of each concept (normalising already drops the "'s" of
        # "plaster's", so a contraction does not hide the body part); softening words
        # may stand inside a part's phrases as inside any phrase ("can't EVEN keep").
        self._indexes = [[PhraseIndex({p: (k,) for p in part}, gaps=gaps)
                          for part in c.parts] for k, c in enumerate(concepts)]
        # Every word of the symptom concepts: real words of the protocol, never read
        # as a slip of another phrase ("a little LEAK" is not "a little mark").
        self.words = frozenset(w for c in concepts if not c.content
                               for part in c.parts for p in part for w in p)

    def find(self, words: tuple[str, ...], implied: tuple[str, ...] = (),
             question: str | None = None, content: bool = False) -> list[ConceptMatch]:
        """Every concept found in ``words`` said at ``question``: the symptom (and
        complaint) concepts, or with ``content`` the question's content concepts.
        ``implied``: the symptoms of the place the question asks about, whose concepts
        need no first (where) part."""
        out: list[ConceptMatch] = []
        mine = [(c, [index.find(words) for index in indexes])
                for c, indexes in zip(self.concepts, self._indexes, strict=True)
                if c.content == content and (
                    c.question == question if content else c.question in (None, question))]
        if content:
            # A question's content parts compete for words: one inside a longer one
            # of another part is not said ("head off the PILLOW" is sitting up, not
            # lying down).
            spans = {(m.start, m.end) for _, parts in mine for part in parts for m in part}
            mine = [(c, [[m for m in part if not _inside(m, spans)] for part in parts])
                    for c, parts in mine]
        for c, found in mine:
            # A concept kept to this question has it for its place; a symptom's also
            # when a place said is too far off to be the one ("LEGS are like ice
            # straight out the freezer, i CAN'T FEEL them"), the place said near
            # preferred -- never an all-clear ("nah, FINE, just a bit dead in the LEGS").
            if not content and c.implied and (c.label in implied or c.question is not None) \
                    and (not found[0] or c.status != "absent"):
                found[0] = [*found[0], Match(-1, -1, (), (), 100.0)]
            if not all(found):
                continue
            for last in found[-1]:
                together = _together(words, found[:-1], last, c.window)
                if together is not None:
                    stretch, gap, after, supplied = together
                    out.append(ConceptMatch(c.label, c.status, last.start, last.end,
                                            stretch, supplied, gap, after,
                                            c.question is not None))
        return out


def _inside(m: Match[int], spans: set[tuple[int, int]]) -> bool:
    return any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end) for s, e in spans)


def _together(words: tuple[str, ...], others: list[list[Match[int]]], last: Match[int],
              window: int) -> tuple[tuple[int, int], int, bool, bool] | None:
    """The stretch covering ``last`` and one match of every other part, within
    ``window`` words and one sentence, with the words between them, whether a part
    comes after ``last`` and whether the question supplied the first; None if there is
    none."""
    lo, hi = last.start, last.end
    gap, after, supplied = 0, False, False
    for part in others:
        best = None
        for m in part:
            if m.start < 0:  # implied by the question: only when no part said is near
                if best is None:
                    best, supplied = (lo, hi, None), True
                break
            if m.start < last.end and last.start < m.end:
                continue  # the same words cannot be both parts
            a, b = min(lo, m.start), max(hi, m.end)
            if b - a <= window + (last.end - last.start) and BREAK not in words[a:b] and (
                    best is None or b - a < best[1] - best[0]):
                best = (a, b, m)
        if best is None:
            return None
        lo, hi, m = best
        if m is not None:
            gap += max(last.start - m.end, m.start - last.end, 0)
            after = after or m.start >= last.end
    return (lo, hi), gap, after, supplied


def load_concepts(protocol: Protocol) -> Concepts:
    path = protocol.directory / FILE
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return Concepts(())
    # The values a content concept may stand for, per question that has such values.
    values = tuple((q.id, ("yes", "no", "unsure") if q.answer == "yesno" else
                    tuple(c.id for c in q.choices))
                   for q in protocol.questions if q.answer in ("yesno", "choice"))
    return _load(str(path), stamp, tuple(protocol.symptoms), values,
                 tuple(q.id for q in protocol.questions), protocol.answers.gaps)


@lru_cache(maxsize=8)
def _load(path: str, stamp: int, symptoms: tuple[str, ...],
          values: tuple[tuple[str, tuple[str, ...]], ...], questions: tuple[str, ...],
          gaps: tuple[str, ...]) -> Concepts:
    src, root = compose(Path(path), f"intents/{FILE}")
    top = src.mapping(root, FILE, required=("concepts",), allowed=("concepts", "window"))
    default = int(src.string(top["window"], "window")) if "window" in top else 6
    allowed = dict(values)  # question id -> the values its concepts may stand for
    out = []
    for node in src.sequence(top["concepts"], "concepts"):
        m = src.mapping(node, "a concept", required=("parts",), allowed=(
            "symptom", "status", "question", "value", "parts", "window", "implied", "note"))
        content = "question" in m and "symptom" not in m
        if content:
            label, status, question = _meaning(src, m, allowed)
        else:
            (label, status), question = _finding(src, m, symptoms), _question(
                src, m, questions)
        parts = src.sequence(m["parts"], "concept parts")
        if len(parts) < 2:
            src.fail(m["parts"], "a concept needs at least two parts (where, what)")
        phrases = tuple(tuple(tuple(t for t in tokens(p) if t != BREAK)
                              for p in src.strings(part, "a concept part")) for part in parts)
        window = int(src.string(m["window"], "window")) if "window" in m else default
        implied = src.boolean(m["implied"], "implied") if "implied" in m else True
        out.append(Concept(label, status, phrases, window, question, implied, content))
    return Concepts(tuple(out), gaps)


def _finding(src: Source, m: dict[str, Node], symptoms: tuple[str, ...]) -> tuple[str, str]:
    """A symptom concept's symptom and status."""
    for key in ("symptom", "status"):
        if key not in m:
            src.fail(next(iter(m.values())), f"a concept needs '{key}' (or question and value)")
    symptom = src.string(m["symptom"], "concept symptom")
    if symptom not in symptoms:
        src.fail(m["symptom"], f"concept refers to unknown symptom '{symptom}'")
    status = src.string(m["status"], "concept status")
    if status not in STATUSES:
        src.fail(m["status"], f"concept status must be one of {', '.join(STATUSES)}")
    return symptom, status


def _question(src: Source, m: dict[str, Node], questions: tuple[str, ...]) -> str | None:
    """The one question a symptom concept is kept to, if any."""
    if "question" not in m:
        return None
    question = src.string(m["question"], "concept question")
    if question not in questions:
        src.fail(m["question"], f"concept refers to unknown question '{question}'")
    return question


def _meaning(src: Source, m: dict[str, Node],
             values: dict[str, tuple[str, ...]]) -> tuple[str, str, str]:
    """A content concept's answer value and question."""
    if "status" in m or "value" not in m:
        src.fail(m["question"], "a question's concept has question and value, "
                                "or question, symptom and status")
    question = src.string(m["question"], "concept question")
    if question not in values:
        src.fail(m["question"], f"concept refers to '{question}', which is not a yes/no "
                                "or choice question")
    value = src.string(m["value"], "concept value").lower()  # raw text: not a YAML bool
    if value not in values[question]:
        src.fail(m["value"], f"a concept value at '{question}' must be one of "
                             f"{', '.join(values[question])}")
    return value, "present", question
