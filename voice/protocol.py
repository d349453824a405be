"""The aftercare protocol (intents/*.yaml) as validated, immutable data.

Clinicians edit the YAML; adding a question, a phrase or an advice text needs no code
change. Loading checks every field and reference and reports the first problem as
``file:line: what is wrong`` (a ``ProtocolError``). Phrases are normalised and indexed
once here, so understanding an answer does no per-utterance set-up.
"""

from __future__ import annotations

import os
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from yaml.nodes import Node

from voice import negation
from voice.errors import ProtocolError
from voice.normalize import BREAK, tokens
from voice.numbers import WORDS as NUMBER_WORDS
from voice.phrases import Fuzzy, PhraseIndex
from voice.yamlsrc import Source, compose

SCALE_WORDS = {w: n for n, w in enumerate(
    ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"))}
ANSWER_TYPES = ("yesno", "scale", "choice", "temperature", "free")
DISPOSITIONS = ("emergency", "urgent", "self-care", "none")  # most severe first
STATUSES = ("present", "uncertain", "absent")
YESNO_VALUES = ("yes", "no", "unsure")
# Question phrases saying that what was just said lasted only a while ("it eases off
# FOR AN HOUR"): a "no" phrase straight before one reads as "yes" (voice/relative.py).
WEARS_OFF = "wears_off"
META = ("repeat", "slower", "faster", "help", "stop", "back")
# Phrases read in text (typed answers, the free-form pass) but kept out of the
# recogniser's grammars: every grammar word is one more word to mishear in noise.
TEXT_ONLY = "text_only"
ELLIPSIS = "ellipsis"  # answers.yaml changes: words, not marks (Answers.ellipsis)
CHANGES = ("overall", "before", "after", "other", "until", "then", "when", ELLIPSIS)
TOPIC = "topic"  # opener payload: the words after it may name the question's own topic
UNANSWERED = "unanswered"  # ask_if value: the question got no usable answer
SYMPTOM_IDS = (
    "fever", "leg_numbness", "leg_weakness", "bladder_bowel_loss", "significant_bleeding",
    "severe_worsening_pain", "persistent_headache", "headache_nausea_vomiting",
    "site_infection", "back_soreness", "positional_headache",
)
# Message keys the program uses, with the {fields} each must contain.
MESSAGE_FIELDS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "greeting": (), "instructions": (), "help": (), "not_understood": (),
    "nothing_heard": (), "say_yes_or_no": (), "moving_on": (),
    "confirm_red_flag": ("symptom_phrase",), "could_not_confirm": (),
    "unanswered_red_flag": ("question_text",), "emergency": ("number", "symptoms"),
    "emergency_repeat": (), "urgent": ("symptoms",), "urgent_unanswered": (),
    "self_care": (), "none": (), "summary_intro": (),
    "summary_present": ("symptoms",), "summary_uncertain": ("symptoms",),
    "summary_absent": ("symptoms",), "summary_nothing": (), "anything_else": (), "goodbye": (),
    "stopped": (), "unfinished_found": (), "slower": (), "faster": (), "going_back": (),
    "confirm_stop": (), "continuing": (), "check_meaning": ("meaning",),
})
FILES = ("questions.yaml", "symptoms.yaml", "answers.yaml", "negation.yaml",
         "messages.yaml", "advice.yaml", "triage.yaml")
DEFAULT_DIRECTORY = Path(__file__).resolve().parent.parent / "intents"


def phrase_tokens(text: str) -> tuple[str, ...]:
    """A protocol phrase normalised exactly like an answer."""
    return tuple(t for t in tokens(text) if t != BREAK)


# -- the data ------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    id: str
    text: str
    phrases: tuple[str, ...]
    symptom: str | None = None  # choosing it means this symptom is present
    # Read in text but kept out of the recogniser's grammars, as for a yes/no question.
    text_only: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    id: str
    text: str  # spoken; includes the offer, if any
    answer: str  # one of ANSWER_TYPES
    reprompts: tuple[str, str]
    help: str
    symptom: str | None = None
    red_flag: bool = False
    ask_if: tuple[tuple[str, frozenset[str]], ...] = ()
    offer: str | None = None
    choices: tuple[Choice, ...] = ()
    range: tuple[int, int] | None = None
    severe_from: int | None = None
    severe_symptom: str | None = None
    worse_than_previous: str | None = None
    phrases: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (yes|no|unsure, phrases)
    # Phrases read in text but kept out of the recogniser's grammars (``text_only``).
    text_only: frozenset[str] = frozenset()
    line: int = 0
    # A scale: a score above the lowest says this symptom is there ("three" at "how
    # bad is the pain?"); the lowest says nothing.
    affirms: str | None = None
    # A follow-up asked because this symptom was said: any answer to it takes the
    # symptom as there ("better" at "is the pain getting better?" is back pain), unless
    # the answer itself says otherwise ("it's all gone").
    presumes: str | None = None
    # A finding of this symptom said at the question answers it yes ("it's killing me"
    # at "any pain in your back?"); its absence says nothing.
    implied_by: str | None = None
    # Other symptoms of the place this question asks about: their concepts need no
    # "where" part here either ("they've gone to jelly" at the numbness question is
    # leg weakness; "it's not going with the paracetamol" at "do you have a headache?").
    same_place: tuple[str, ...] = ()
    # The question asks about any time since the procedure ("have you HAD a fever?"):
    # what came and went is still a yes (a hedged one), not the "no" it is to "is the
    # headache STILL there?".
    since: bool = False
    # A number in a temperature range is a reading here even without a cue word
    # ("thirty eight point four when i checked" at "have you had a fever?").
    readings: bool = False
    # What each answer means, in plain words, for reading a value back that only the
    # closest written answers gave ("So rest or pain relievers ease the pain. Is that
    # right?"): (value, words) for yes / no or the choice ids.
    means: tuple[tuple[str, str], ...] = ()

    def meaning_of(self, value: object) -> str | None:
        return next((words for v, words in self.means if v == value), None)

    def applies(self, answers: Mapping[str, Any]) -> bool:
        """Whether to ask this question, given earlier answers (question id -> value)."""
        for qid, allowed in self.ask_if:
            value = answers.get(qid)
            key = UNANSWERED if value is None else str(value)
            if key not in allowed:
                return False
        return True

    def choice(self, choice_id: str) -> Choice:
        for c in self.choices:
            if c.id == choice_id:
                return c
        raise KeyError(choice_id)


@dataclass(frozen=True)
class Symptom:
    id: str
    phrase: str  # how the assistant names it ("a fever")
    disposition: str
    present: tuple[str, ...]
    uncertain: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    near: tuple[str, ...] = ()
    advice: tuple[str, ...] = ()
    seed: str = ""
    hints: tuple[str, ...] = ()  # words that point at it outside its phrases ("legs")
    # Only a new or growing one counts (the seed's "new or increasing numbness"): one
    # said to predate the procedure, unchanged, is only possible (negation.yaml
    # `prior`): the dialog asks whether it is new or increasing.
    only_new: bool = False

    @property
    def red_flag(self) -> bool:
        return self.disposition in ("emergency", "urgent")

    @property
    def emergency(self) -> bool:
        return self.disposition == "emergency"


@dataclass(frozen=True)
class Disposition:
    id: str
    message: str  # messages.yaml key
    advice: tuple[str, ...]  # advice.yaml keys
    seed: str = ""


@dataclass(frozen=True)
class ScaleWords:
    """answers.yaml ``numbers.of_the_scale``: a number said of the scale itself is no
    score -- one after ``out_of`` ("eight OUT OF ten"), its top after ``over`` with a
    score just before ("a three ON ten"), one asked about at the answer's start
    (``asked``: "WHAT'S A ten like?"; ``asked_of_ends``, only of the scale's two ends:
    "IS ten the worst?", where "is five" is a score with its "it" dropped), or one
    ``defined`` after it
    ("if ten HAVING a baby, a three", "ten IS THE WORST, then a six"); and the scale's
    two ends joined by one of ``ends`` ("on a scale of ONE TO TEN, a four")."""
    out_of: tuple[tuple[str, ...], ...]
    over: tuple[tuple[str, ...], ...]
    asked: tuple[tuple[str, ...], ...]
    defined: tuple[tuple[str, ...], ...]
    ends: tuple[tuple[str, ...], ...]
    asked_of_ends: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class SensesAsked:
    """answers.yaml ``senses_asked``: a question back that offers senses to choose from
    ("weak AS IN tired OR AS IN can't move them?")."""

    sense: tuple[str, ...]  # the markers of a sense ("as in")
    alternative: tuple[str, ...]  # the words offering another ("or") ...
    offered: tuple[str, ...]  # ... with these ("or just"), or another marker after it
    within: int  # how many words after the alternative that marker may come


@dataclass(frozen=True)
class Answers:
    """How answers are said (answers.yaml)."""

    yes: tuple[str, ...]
    no: tuple[str, ...]
    unsure: tuple[str, ...]
    hedge: tuple[str, ...]
    alone: tuple[str, ...]
    alone_before: tuple[str, ...]  # after an opening yes of `alone`: a remark follows
    fillers: tuple[str, ...]
    meta: tuple[tuple[str, tuple[str, ...]], ...]
    meta_fillers: tuple[str, ...]
    homophones: tuple[tuple[str, int], ...]
    fever_celsius: float
    fever_fahrenheit: float
    # A reading from these up to the fever threshold is borderline: possibly a fever.
    borderline_celsius: float
    borderline_fahrenheit: float
    celsius_range: tuple[float, float]
    fahrenheit_range: tuple[float, float]
    temperature_cues: tuple[str, ...]
    # A reading said to be just short of its number ("JUST UNDER thirty eight"): at the
    # threshold it is borderline, not a fever.
    temperature_below: tuple[str, ...] = ()
    corrected_by: tuple[str, ...] = ()  # a later number after these replaces the others
    now: tuple[str, ...] = ()  # at a scale, a number after these is the present one
    # numbers.pronoun_one: "one" after these (straight after; one word after) is no
    # number ("that one", "a bad one")
    pronoun_one: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    # numbers.of_the_scale: a number said of the scale itself, not a score
    of_the_scale: ScaleWords | None = None
    # (overall|before|after|until|then, phrases): how a change is told (answers.yaml)
    changes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # changes.ellipsis: the words an elliptical "now" is made of ("... today THEY DON'T")
    ellipsis: frozenset[str] = frozenset()
    gaps: tuple[str, ...] = ()  # words that may stand inside any phrase
    asked_back: tuple[str, ...] = ()  # "what do you mean by ...": a question back
    asks_instead: tuple[str, ...] = ()  # "which tablets am i allowed?": no answer
    # (yes|no|unsure|hedge, phrases) read in text but kept out of the grammars.
    text_only: tuple[tuple[str, tuple[str, ...]], ...] = ()
    hold_on: tuple[str, ...] = ()  # "hold on, let me ask my son": not an answer yet
    # Words that open a statement after a question back ("what do you mean, MY legs ...")
    statement_openers: frozenset[str] = frozenset()
    asked_last: tuple[str, ...] = ()  # "numb HOW?": a question back said last
    # senses_asked: "weak AS IN tired OR as in can't move them?" -- a question back that
    # offers senses to choose from
    senses_asked: SensesAsked | None = None
    # "... OH SORRY, the fever? no": the answer starts again on the question's topic
    restarted_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    """Phrase indexes compiled once per protocol (see voice.understand)."""

    symptoms: PhraseIndex[tuple[str, str]]  # phrase -> (symptom id, status)
    answers: PhraseIndex[str]  # phrase -> yes | no | unsure | hedge
    per_question: Mapping[str, PhraseIndex[str]]  # question id -> its own phrases
    alone: Mapping[tuple[str, ...], str]  # whole-answer-only phrases -> value
    alone_before: frozenset[str]  # words after an opening "alone" yes that end the answer
    meta: Mapping[tuple[str, ...], str]  # phrase without meta fillers -> meta
    fillers: frozenset[str]
    meta_fillers: frozenset[str]
    # Openers of an answer that is not one yet -> its meta: a question about the
    # question ("what do you mean by ...": help, TOPIC), another question ("which
    # tablets ...": help), a wait ("hold on ...": wait).
    openers: PhraseIndex[str]
    asked_last: PhraseIndex[str]  # a question back said last ("numb HOW?"): help
    # A sense offered ("weak AS IN tired ..."): "sense"; another offered after it ("...
    # OR as in ...", "... OR JUST ..."): "alternative", "offered" (answers.senses_asked).
    senses: PhraseIndex[str]
    near: Mapping[str, frozenset[str]]  # symptom -> words that promote uncertain
    hints: Mapping[str, tuple[str, ...]]  # word -> symptoms it points at
    cues: frozenset[str]
    homophones: Mapping[str, int]
    # A later number after these replaces the earlier ones ("seven, no, five"); "now"
    # marks the present score at a scale question; the kinds of answers.yaml `changes`
    # tell of a change ("WAS worse YESTERDAY", "fine TILL ... THEN").
    revisions: PhraseIndex[str]
    negation: negation.Rules


@dataclass(frozen=True)
class Protocol:
    questions: tuple[Question, ...]
    symptoms: Mapping[str, Symptom]
    dispositions: tuple[Disposition, ...]
    messages: Mapping[str, str]
    advice: Mapping[str, str]
    answers: Answers
    unanswered_at_least: str
    fuzzy: Fuzzy
    directory: Path
    lexicon: Lexicon = field(repr=False, compare=False)

    def with_fuzzy(self, fuzzy: Fuzzy) -> Protocol:
        """The same protocol with another fuzzy setting (for threshold sweeps)."""
        lex = self.lexicon
        per_question = {k: v.with_fuzzy(fuzzy if v.fuzzy else None)
                        for k, v in lex.per_question.items()}
        lexicon = replace(lex, symptoms=lex.symptoms.with_fuzzy(fuzzy),
                          per_question=MappingProxyType(per_question))
        return replace(self, fuzzy=fuzzy, lexicon=lexicon)

    def asks_emergency(self, question: Question | None) -> bool:
        """Whether ``question`` asks about an emergency symptom."""
        return question is not None and question.symptom is not None and \
            self.symptoms[question.symptom].emergency

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        known = ", ".join(q.id for q in self.questions)
        raise ProtocolError(f"unknown question '{question_id}' (known: {known})")

    def disposition(self, disposition_id: str) -> Disposition:
        for d in self.dispositions:
            if d.id == disposition_id:
                return d
        raise ProtocolError(f"unknown disposition '{disposition_id}'")

    def message(self, key: str, **fields: object) -> str:
        if key not in self.messages:
            raise ProtocolError(f"messages.yaml has no message '{key}'")
        try:
            return self.messages[key].format(**fields)
        except (KeyError, IndexError) as err:
            raise ProtocolError(f"message '{key}' needs the field {err}") from None

    def grammar(self, question: Question | None) -> list[str]:
        """Phrases for a per-question recogniser grammar, sorted and unique.

        vosk decodes a grammar as a loop over its words, so every extra word is a
        chance to mishear: the grammar holds only what this question expects (its
        answers, its symptom's phrases, numbers for a scale), the meta requests, and the
        plain "present" phrases of the emergency symptoms, so a red flag said at any
        prompt can still be heard. Everything else is left to the free-form pass that
        runs beside the grammar (voice/listen.py).
        """
        a = self.answers
        phrases: set[str] = set()
        for _, said in a.meta:
            phrases.update(said)
        phrases.update(a.unsure)
        free = question is None or question.answer == "free"
        for s in self.symptoms.values():
            # An open question ("anything else?") may be answered with any symptom.
            if free:
                phrases.update(s.present, s.uncertain, s.absent)
            elif s.emergency:
                phrases.update(s.present)
        if question is not None:
            phrases |= self._answer_phrases(question)
            if question.answer == "free":
                phrases.update(a.yes, a.no, a.hedge)
            if question.answer in ("scale", "temperature"):
                phrases.update(("out of ten", "degrees", "point"))
        return _grammar(phrases)

    def answer_grammar(self, question: Question) -> list[str] | None:
        """Only the words that answer ``question`` (yes/no, numbers, its choices, its own
        symptom's phrases), sorted and unique; None for an open question.

        Decoded beside the wide ``grammar``: there, every word of every meta, unsure
        and emergency phrase competes with a one-word answer, and real speakers' "five"
        came out as "bye", "six" as "say", "seven" as "haven't". The dialog uses this
        narrow pass only when the wide one means nothing (voice/dialog.py).
        """
        if question.answer == "free":
            return None
        return _grammar(self._answer_phrases(question))

    def _answer_phrases(self, question: Question) -> set[str]:
        a = self.answers
        phrases: set[str] = set()
        if question.answer == "yesno":
            phrases.update(a.yes, a.no, a.hedge)
        if question.symptom is not None:
            symptom = self.symptoms[question.symptom]
            phrases.update(symptom.present, symptom.uncertain, symptom.absent)
        for _, said in question.phrases:
            phrases.update(p for p in said if p not in question.text_only)
        for c in question.choices:
            phrases.update(c.phrases)
        if question.answer == "temperature":
            phrases.update(NUMBER_WORDS - {"oh"})
            phrases.update(("about", "or", "degrees", "point", "celsius", "fahrenheit"))
            # "One oh two": "oh" only after "one" (alone it is an interjection).
            phrases.add("one oh")
        if question.answer == "scale":
            # Only the scale's own numbers, alone: "four" was heard as "or", "seven" as
            # "eleven", "three" as "thirty" while those words were in the grammar.
            # ("Six or seven" is heard by the wide grammar and the free-form pass.)
            low, high = question.range or (0, 10)
            phrases.update(w for w, n in SCALE_WORDS.items() if low <= n <= high)
            phrases.update(("out of ten", "about"))
        return phrases


# -- loading -------------------------------------------------------------------------


def _with_text_only(src: Source, given: Mapping[str, Node], what: str,
                    allowed: tuple[str, ...] | None = None) -> list[tuple[str, Node, bool]]:
    """A mapping of phrase lists, and those of its ``text_only`` mapping (read in text,
    kept out of the grammars), as (key, list, text only)."""
    out = [(k, v, False) for k, v in given.items() if k != TEXT_ONLY]
    if TEXT_ONLY in given:
        out += [(k, v, True) for k, v in src.mapping(
            given[TEXT_ONLY], f"{what} {TEXT_ONLY}", allowed=allowed).items()]
    return out


def load_protocol(directory: str | Path | None = None) -> Protocol:
    """Load and validate intents/ (default: ``$AFTERCARE_INTENTS`` or the repo's)."""
    where = Path(directory or os.environ.get("AFTERCARE_INTENTS") or DEFAULT_DIRECTORY)
    if not where.is_dir():
        raise ProtocolError(f"{where}: the intents directory is missing")
    stamp = tuple((f, _mtime(where / f)) for f in FILES)
    return _load_cached(str(where.resolve()), _display(where), stamp)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1


def _display(where: Path) -> str:
    try:
        return str(where.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(where)


@lru_cache(maxsize=8)
def _load_cached(directory: str, shown: str, stamp: tuple[tuple[str, float], ...]) -> Protocol:
    return _Loader(Path(directory), shown).load()


class _Loader:
    def __init__(self, directory: Path, shown: str) -> None:
        self.directory = directory
        self.shown = shown

    def _file(self, name: str, top: tuple[str, ...],
              allowed: tuple[str, ...] | None = None) -> tuple[Source, dict[str, Node]]:
        src, root = compose(self.directory / name, f"{self.shown}/{name}")
        return src, src.mapping(root, name, required=top, allowed=allowed or top)

    def load(self) -> Protocol:
        advice = self._advice()
        messages = self._messages()
        symptoms = self._symptoms(advice)
        dispositions, at_least = self._dispositions(messages, advice)
        answers, fuzzy = self._answers()
        rules = self._negation(answers.gaps)
        questions = self._questions(symptoms)
        lexicon = _compile(questions, symptoms, answers, rules, fuzzy)
        return Protocol(
            questions=questions, symptoms=MappingProxyType(symptoms),
            dispositions=dispositions, messages=MappingProxyType(messages),
            advice=MappingProxyType(advice), answers=answers, unanswered_at_least=at_least,
            fuzzy=fuzzy, directory=self.directory, lexicon=lexicon,
        )

    # each file ------------------------------------------------------------------

    def _advice(self) -> dict[str, str]:
        src, top = self._file("advice.yaml", ("advice",))
        items = src.mapping(top["advice"], "advice")
        return {k: src.string(v, f"advice '{k}'") for k, v in items.items()}

    def _messages(self) -> dict[str, str]:
        src, top = self._file("messages.yaml", ("messages",))
        items = src.mapping(top["messages"], "messages")
        out: dict[str, str] = {}
        for key, node in items.items():
            text = src.string(node, f"message '{key}'")
            try:
                used = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
            except ValueError as err:
                src.fail(node, f"message '{key}' has a broken {{field}}: {err}")
            allowed = set(MESSAGE_FIELDS.get(key, ()))
            if key in MESSAGE_FIELDS and used - allowed:
                src.fail(node, f"message '{key}' uses unknown field(s) "
                               f"{sorted(used - allowed)}; it may use {sorted(allowed)}")
            if allowed - used:
                src.fail(node, f"message '{key}' must contain {sorted(allowed - used)}")
            out[key] = text
        missing = [k for k in MESSAGE_FIELDS if k not in out]
        if missing:
            src.fail(top["messages"], f"messages is missing {', '.join(missing)}")
        return out

    def _symptoms(self, advice: Mapping[str, str]) -> dict[str, Symptom]:
        src, top = self._file("symptoms.yaml", ("symptoms",))
        out: dict[str, Symptom] = {}
        seen: dict[tuple[str, ...], tuple[str, str]] = {}
        fields = ("id", "phrase", "disposition", "seed", "present", "uncertain", "absent",
                  "near", "advice", "hints", "only_new")
        for node in src.sequence(top["symptoms"], "symptoms"):
            m = src.mapping(node, "a symptom", required=("id", "phrase", "disposition",
                                                         "present"), allowed=fields)
            sid = src.string(m["id"], "symptom id")
            what = f"symptom '{sid}'"
            if sid in out:
                src.fail(m["id"], f"{what} is defined twice")
            if sid not in SYMPTOM_IDS:
                src.fail(m["id"], f"unknown symptom id '{sid}' (the interface has "
                                  f"{', '.join(SYMPTOM_IDS)})")
            disposition = src.string(m["disposition"], f"{what} disposition")
            if disposition not in DISPOSITIONS[:3]:
                src.fail(m["disposition"], f"{what} has unknown disposition '{disposition}' "
                                           f"(use {', '.join(DISPOSITIONS[:3])})")
            lists: dict[str, tuple[str, ...]] = {}
            for status in STATUSES:
                if status not in m:
                    lists[status] = ()
                    continue
                items = src.sequence(m[status], f"{what} {status}")
                for item in items:
                    text = src.string(item, f"a phrase of {what}")
                    key = phrase_tokens(text)
                    if not key:
                        src.fail(item, f"phrase '{text}' of {what} has no words")
                    if key in seen and seen[key][0] == sid and seen[key][1] != status:
                        src.fail(item, f"phrase '{text}' of {what} is both {seen[key][1]} "
                                       f"and {status}")
                    seen[key] = (sid, status)
                lists[status] = tuple(src.string(i, "phrase") for i in items)
            if not lists["present"]:
                src.fail(m["present"], f"{what} needs at least one present phrase")
            keys = tuple(src.strings(m["advice"], f"{what} advice")) if "advice" in m else ()
            for k, item in zip(keys, src.sequence(m["advice"], "advice") if keys else [],
                               strict=True):
                if k not in advice:
                    src.fail(item, f"{what} refers to unknown advice '{k}'")
            out[sid] = Symptom(
                id=sid, phrase=src.string(m["phrase"], f"{what} phrase"),
                disposition=disposition, present=lists["present"],
                uncertain=lists["uncertain"], absent=lists["absent"],
                near=tuple(src.strings(m["near"], f"{what} near")) if "near" in m else (),
                advice=keys, seed=src.string(m["seed"], f"{what} seed") if "seed" in m else "",
                hints=tuple(_words(src.strings(m["hints"], f"{what} hints")))
                if "hints" in m else (),
                only_new=src.boolean(m["only_new"], f"{what} only_new")
                if "only_new" in m else False,
            )
        missing = [s for s in SYMPTOM_IDS if s not in out]
        if missing:
            src.fail(top["symptoms"], f"symptoms is missing {', '.join(missing)}")
        return out

    def _dispositions(self, messages: Mapping[str, str],
                      advice: Mapping[str, str]) -> tuple[tuple[Disposition, ...], str]:
        src, top = self._file("triage.yaml", ("dispositions", "unanswered_at_least"))
        at_least = src.string(top["unanswered_at_least"], "unanswered_at_least")
        if at_least not in DISPOSITIONS[:2]:
            src.fail(top["unanswered_at_least"], "unanswered_at_least must be emergency or "
                                                 "urgent (a red flag is never assumed absent)")
        out: list[Disposition] = []
        for node in src.sequence(top["dispositions"], "dispositions"):
            m = src.mapping(node, "a disposition", required=("id", "message", "advice"),
                            allowed=("id", "seed", "message", "advice"))
            did = src.string(m["id"], "disposition id")
            if did not in DISPOSITIONS:
                src.fail(m["id"], f"unknown disposition '{did}' (use {', '.join(DISPOSITIONS)})")
            key = src.string(m["message"], f"disposition '{did}' message")
            if key not in messages:
                src.fail(m["message"], f"disposition '{did}' refers to unknown message '{key}'")
            keys = src.strings(m["advice"], f"disposition '{did}' advice")
            for k, item in zip(keys, src.sequence(m["advice"], "advice"), strict=True):
                if k not in advice:
                    src.fail(item, f"disposition '{did}' refers to unknown advice '{k}'")
            out.append(Disposition(did, key, tuple(keys),
                                   src.string(m["seed"], "seed") if "seed" in m else ""))
        if tuple(d.id for d in out) != DISPOSITIONS:
            src.fail(top["dispositions"], f"dispositions must be {', '.join(DISPOSITIONS)}, "
                                          "in that order")
        return tuple(out), at_least

    def _answers(self) -> tuple[Answers, Fuzzy]:
        required = ("fillers", "yesno", "meta", "meta_fillers", "numbers", "temperature",
                    "fuzzy")
        src, top = self._file("answers.yaml", required,
                              allowed=(*required, "gaps", "asked_back", "asks_instead", "hold_on",
                                       "changes", "statement_openers", "asked_last",
                                       "senses_asked", "restarted_by"))
        kinds = ("yes", "no", "unsure", "hedge")
        yn = src.mapping(top["yesno"], "yesno", required=(*kinds, "alone"),
                         allowed=(*kinds, "alone", "alone_before", TEXT_ONLY))
        entries = _with_text_only(src, {k: v for k, v in yn.items() if k != "alone_before"},
                                  "yesno", allowed=kinds)
        lists = {k: tuple(src.strings(v, f"yesno {k}")) for k, v, text in entries if not text}
        text_only = tuple((k, tuple(src.strings(v, f"yesno {TEXT_ONLY} {k}")))
                          for k, v, text in entries if text)
        known = {phrase_tokens(p) for k in kinds for p in lists[k]}
        known |= {phrase_tokens(p) for _, said in text_only for p in said}
        for p, item in zip(lists["alone"], src.sequence(yn["alone"], "alone"), strict=True):
            if phrase_tokens(p) not in known:
                src.fail(item, f"'{p}' in yesno alone is not a yes, no or unsure phrase")
        meta = src.mapping(top["meta"], "meta", required=META, allowed=META)
        numbers = src.mapping(top["numbers"], "numbers", required=("homophones",),
                              allowed=("homophones", "corrected_by", "now", "pronoun_one",
                                       "of_the_scale"))
        homophones = src.mapping(numbers["homophones"], "homophones")
        temp = src.mapping(top["temperature"], "temperature", required=(
            "fever_celsius", "fever_fahrenheit", "celsius_range", "fahrenheit_range", "cues"),
            allowed=("fever_celsius", "fever_fahrenheit", "borderline_celsius",
                     "borderline_fahrenheit", "celsius_range", "fahrenheit_range", "cues",
                     "below"))
        ranges = {}
        for key in ("celsius_range", "fahrenheit_range"):
            pair = [src.number(n, key) for n in src.sequence(temp[key], key)]
            if len(pair) != 2 or pair[0] >= pair[1]:
                src.fail(temp[key], f"{key} must be [lowest, highest]")
            ranges[key] = (pair[0], pair[1])
        # The fever thresholds, and the borderline below each (none unless given).
        fever = {f"fever_{u}": src.number(temp[f"fever_{u}"], f"fever_{u}")
                 for u in ("celsius", "fahrenheit")}
        for unit in ("celsius", "fahrenheit"):
            key = f"borderline_{unit}"
            fever[key] = src.number(temp[key], key) if key in temp else fever[f"fever_{unit}"]
            if fever[key] > fever[f"fever_{unit}"]:
                src.fail(temp[key], f"{key} must not be above fever_{unit}")
        fz = src.mapping(top["fuzzy"], "fuzzy", required=("threshold", "min_chars"),
                         allowed=("threshold", "min_chars", "real_words"))
        threshold = src.number(fz["threshold"], "fuzzy threshold")
        if not 50 <= threshold <= 100:
            src.fail(fz["threshold"], "fuzzy threshold must be between 50 and 100")
        changes = src.mapping(top["changes"], "changes", allowed=CHANGES) \
            if "changes" in top else {}
        answers = Answers(
            yes=lists["yes"], no=lists["no"], unsure=lists["unsure"], hedge=lists["hedge"],
            text_only=text_only,
            alone=lists["alone"],
            alone_before=tuple(src.strings(yn["alone_before"], "yesno alone_before"))
            if "alone_before" in yn else (),
            fillers=tuple(src.strings(top["fillers"], "fillers")),
            meta=tuple((k, tuple(src.strings(v, f"meta {k}"))) for k, v in meta.items()),
            meta_fillers=tuple(src.strings(top["meta_fillers"], "meta_fillers")),
            homophones=tuple((k, src.integer(v, f"homophone '{k}'"))
                             for k, v in homophones.items()),
            corrected_by=tuple(src.strings(numbers["corrected_by"], "numbers corrected_by"))
            if "corrected_by" in numbers else (),
            now=tuple(src.strings(numbers["now"], "numbers now")) if "now" in numbers else (),
            pronoun_one=_pronoun_one(src, numbers),
            of_the_scale=_scale_words(src, numbers["of_the_scale"])
            if "of_the_scale" in numbers else None,
            changes=tuple((k, tuple(src.strings(v, f"changes {k}"))) for k, v in changes.items()
                          if k != ELLIPSIS),
            ellipsis=frozenset(_words(src.strings(changes[ELLIPSIS], "changes ellipsis")))
            if ELLIPSIS in changes else frozenset(),
            **fever,
            celsius_range=ranges["celsius_range"], fahrenheit_range=ranges["fahrenheit_range"],
            temperature_cues=tuple(src.strings(temp["cues"], "temperature cues")),
            temperature_below=tuple(src.strings(temp["below"], "temperature below"))
            if "below" in temp else (),
            gaps=tuple(_words(src.strings(top["gaps"], "gaps"))) if "gaps" in top else (),
            asked_back=tuple(src.strings(top["asked_back"], "asked_back"))
            if "asked_back" in top else (),
            asks_instead=tuple(src.strings(top["asks_instead"], "asks_instead"))
            if "asks_instead" in top else (),
            hold_on=tuple(src.strings(top["hold_on"], "hold_on")) if "hold_on" in top else (),
            statement_openers=frozenset(_words(src.strings(top["statement_openers"],
                                                           "statement_openers")))
            if "statement_openers" in top else frozenset(),
            asked_last=tuple(src.strings(top["asked_last"], "asked_last"))
            if "asked_last" in top else (),
            senses_asked=self._senses_asked(src, top["senses_asked"])
            if "senses_asked" in top else None,
            restarted_by=tuple(src.strings(top["restarted_by"], "restarted_by"))
            if "restarted_by" in top else (),
        )
        real = frozenset(_words(src.strings(fz["real_words"], "fuzzy real_words"))) \
            if "real_words" in fz else frozenset()
        return answers, Fuzzy(threshold, src.integer(fz["min_chars"], "fuzzy min_chars"), real)

    def _negation(self, gaps: tuple[str, ...]) -> negation.Rules:
        keys = ("window", "window_post", "pre", "post", "resolved", "pseudo", "terminate",
                "clause_start", "scope_skip", "hedges", "interjections")
        src, top = self._file("negation.yaml", keys,
                              (*keys, "degree", "coordinators", "answer_only", "no_states",
                               "corrections", "statement_denials", "concord", "prior",
                               "increase", "fronting",
                               "unchanged", "ongoing", "resolved_across", "returned",
                               "denied_reassurance", "simile", "item_answers", "elided",
                               "whole_answers", "the_rest", "the_rest_gap", "of_the_rest",
                               "denied_affirmation", "circumstance", "circumstance_gap",
                               "before_procedure"))
        hedges = src.mapping(top["hedges"], "hedges",
                             required=("pre", "post", "window_pre", "window_post"))
        kinds: dict[tuple[str, ...], set[str]] = {}

        def add(kind: str, node: Node) -> None:
            for text in src.strings(node, kind):
                kinds.setdefault(phrase_tokens(text), set()).add(kind)

        for kind in ("pre", "post", "resolved", "pseudo", "terminate"):
            add(kind, top[kind])
        if "returned" in top:
            add(negation.RETURNED, top["returned"])
        if "prior" in top:
            add(negation.PRIOR, top["prior"])
        if "before_procedure" in top:  # there before the procedure: prior and gone since
            add(negation.PRIOR, top["before_procedure"])
            add(negation.RESOLVED, top["before_procedure"])
        add(negation.HEDGE_PRE, hedges["pre"])
        add(negation.HEDGE_POST, hedges["post"])
        positive = {}
        for key, node in (("window", top["window"]), ("window_post", top["window_post"]),
                          ("hedge window_pre", hedges["window_pre"]),
                          ("hedge window_post", hedges["window_post"])):
            positive[key] = src.integer(node, key)
            if positive[key] < 1:
                src.fail(node, f"{key} must be at least 1")
        return negation.Rules(
            triggers=PhraseIndex({k: sorted(v) for k, v in kinds.items()}, gaps=gaps),
            window=positive["window"], window_post=positive["window_post"],
            hedge_window_pre=positive["hedge window_pre"],
            hedge_window_post=positive["hedge window_post"],
            clause_start=frozenset(_words(src.strings(top["clause_start"], "clause_start"))),
            scope_skip=frozenset(_words(src.strings(top["scope_skip"], "scope_skip"))),
            interjections=frozenset(phrase_tokens(t) for t in src.strings(
                top["interjections"], "interjections")),
            fronting=frozenset(_words(src.strings(top["fronting"], "fronting")))
            if "fronting" in top else frozenset(),
            answer_only=frozenset(phrase_tokens(t) for t in src.strings(
                top["answer_only"], "answer_only")) if "answer_only" in top else frozenset(),
            no_states=frozenset(_words(src.strings(top["no_states"], "no_states")))
            if "no_states" in top else frozenset(),
            degree=frozenset(_words(src.strings(top["degree"], "degree")))
            if "degree" in top else frozenset(),
            coordinators=frozenset(_words(src.strings(top["coordinators"], "coordinators")))
            if "coordinators" in top else frozenset(),
            item_answers=frozenset(_words(src.strings(top["item_answers"], "item_answers")))
            if "item_answers" in top else frozenset(),
            corrections=frozenset(phrase_tokens(t) for t in src.strings(
                top["corrections"], "corrections")) if "corrections" in top else frozenset(),
            statement_denials=frozenset(phrase_tokens(t) for t in src.strings(
                top["statement_denials"], "statement_denials"))
            if "statement_denials" in top else frozenset(),
            whole_answers=frozenset(phrase_tokens(t) for t in src.strings(
                top["whole_answers"], "whole_answers"))
            if "whole_answers" in top else frozenset(),
            the_rest=frozenset(phrase_tokens(t) for t in src.strings(top["the_rest"], "the_rest"))
            if "the_rest" in top else frozenset(),
            the_rest_gap=src.integer(top["the_rest_gap"], "the_rest_gap")
            if "the_rest_gap" in top else 0,
            of_the_rest=frozenset(phrase_tokens(t) for t in src.strings(
                top["of_the_rest"], "of_the_rest")) if "of_the_rest" in top else frozenset(),
            circumstance=frozenset(phrase_tokens(t) for t in src.strings(
                top["circumstance"], "circumstance")) if "circumstance" in top else frozenset(),
            circumstance_gap=src.integer(top["circumstance_gap"], "circumstance_gap")
            if "circumstance_gap" in top else 0,
            increase=PhraseIndex({phrase_tokens(t): (kind,) for kind in (
                negation.INCREASE, negation.UNCHANGED) if kind in top
                for t in src.strings(top[kind], kind)}, gaps=gaps)
            if "increase" in top else None,
            **self._concord(src, top),
            **self._ongoing(src, top),
            **self._resolved_across(src, top),
            **self._denied_reassurance(src, top),
            **self._simile(src, top),
            **self._elided(src, top),
            **self._denied_affirmation(src, top),
        )

    @staticmethod
    def _denied_affirmation(src: Source, top: Mapping[str, Node]) -> dict[str, Any]:
        """negation.yaml ``denied_affirmation`` as negation.Rules fields (none when absent)."""
        if "denied_affirmation" not in top:
            return {}
        keys = ("polarity_items", "whether", "complementizers")
        r = src.mapping(top["denied_affirmation"], "denied_affirmation", required=keys)
        return {"polarity_items": frozenset(phrase_tokens(t) for t in src.strings(
                    r["polarity_items"], "denied_affirmation polarity_items")),
                "whether": frozenset(_words(src.strings(r["whether"],
                                                        "denied_affirmation whether"))),
                "complementizers": frozenset(_words(src.strings(
                    r["complementizers"], "denied_affirmation complementizers")))}

    @staticmethod
    def _elided(src: Source, top: Mapping[str, Node]) -> dict[str, Any]:
        """negation.yaml ``elided`` as negation.Rules fields (none when absent)."""
        if "elided" not in top:
            return {}
        r = src.mapping(top["elided"], "elided", required=("verbs", "subjects"))
        return {"elided_verbs": frozenset(phrase_tokens(t) for t in src.strings(
                    r["verbs"], "elided verbs")),
                "elided_subjects": frozenset(_words(src.strings(r["subjects"],
                                                                "elided subjects")))}

    @staticmethod
    def _senses_asked(src: Source, node: Node) -> SensesAsked:
        """answers.yaml ``senses_asked``."""
        keys = ("sense", "alternative", "offered", "within")
        r = src.mapping(node, "senses_asked", required=keys)
        return SensesAsked(*(tuple(src.strings(r[k], f"senses_asked {k}")) for k in keys[:3]),
                           within=src.integer(r["within"], "senses_asked within"))

    @staticmethod
    def _simile(src: Source, top: Mapping[str, Node]) -> dict[str, Any]:
        """negation.yaml ``simile`` as negation.Rules fields (none when absent)."""
        if "simile" not in top:
            return {}
        r = src.mapping(top["simile"], "simile", required=("openers", "after", "until"))
        return {"simile_openers": frozenset(phrase_tokens(t) for t in src.strings(
                    r["openers"], "simile openers")),
                "simile_after": frozenset(_words(src.strings(r["after"], "simile after"))),
                "simile_until": frozenset(_words(src.strings(r["until"], "simile until")))}

    @staticmethod
    def _denied_reassurance(src: Source, top: Mapping[str, Node]) -> dict[str, Any]:
        """negation.yaml ``denied_reassurance`` as negation.Rules fields (none when absent)."""
        if "denied_reassurance" not in top:
            return {}
        r = src.mapping(top["denied_reassurance"], "denied_reassurance",
                        required=("words", "between"))
        return {"reassurance": frozenset(_words(src.strings(r["words"],
                                                             "denied_reassurance words"))),
                "reassurance_gap": frozenset(_words(src.strings(
                    r["between"], "denied_reassurance between")))}

    @staticmethod
    def _resolved_across(src: Source, top: Mapping[str, Node]) -> dict[str, Any]:
        """negation.yaml ``resolved_across`` as negation.Rules fields (none when absent)."""
        if "resolved_across" not in top:
            return {}
        r = src.mapping(top["resolved_across"], "resolved_across",
                        required=("contrast", "subject"))
        return {"contrast": frozenset(_words(src.strings(r["contrast"], "contrast"))),
                "subject": frozenset(_words(src.strings(r["subject"], "subject")))}

    @staticmethod
    def _ongoing(src: Source, top: Mapping[str, Node]) -> dict[str, Any]:
        """negation.yaml ``ongoing`` as negation.Rules fields (none when absent)."""
        if "ongoing" not in top:
            return {}
        o = src.mapping(top["ongoing"], "ongoing", required=("words", "after"))
        return {"ongoing": frozenset(phrase_tokens(t) for t in src.strings(o["words"],
                                                                            "ongoing words")),
                "lack": frozenset(_words(src.strings(o["after"], "ongoing after")))}

    @staticmethod
    def _concord(src: Source, top: Mapping[str, Node]) -> dict[str, Any]:
        """negation.yaml ``concord`` as negation.Rules fields (none when absent)."""
        if "concord" not in top:
            return {}
        c = src.mapping(top["concord"], "concord", required=("verbs", "negatives", "window"),
                        allowed=("verbs", "negatives", "window", "subject_of"))
        window = src.integer(c["window"], "concord window")
        if window < 1:
            src.fail(c["window"], "concord window must be at least 1")
        return {"concord_verbs": frozenset(_words(src.strings(c["verbs"], "concord verbs"))),
                "concord_negatives": frozenset(_words(src.strings(c["negatives"],
                                                                  "concord negatives"))),
                "concord_window": window,
                "concord_subject_of": frozenset(_words(src.strings(
                    c["subject_of"], "concord subject_of"))) if "subject_of" in c
                else frozenset()}

    @staticmethod
    def _symptom_list(src: Source, m: dict[str, Node], key: str, what: str,
                      symptoms: Mapping[str, Symptom]) -> tuple[str, ...]:
        if key not in m:
            return ()
        ids = src.strings(m[key], f"{what} {key}")
        for sid in ids:
            if sid not in symptoms:
                src.fail(m[key], f"{what} {key} refers to unknown symptom '{sid}'")
        return tuple(ids)

    def _questions(self, symptoms: Mapping[str, Symptom]) -> tuple[Question, ...]:
        fields = ("id", "text", "answer", "symptom", "red_flag", "ask_if", "reprompts", "help",
                  "offer", "choices", "range", "severe_from", "severe_symptom",
                  "worse_than_previous", "phrases", "affirms", "presumes", "implied_by", "since",
                  "readings", "means", "same_place")
        src, top = self._file("questions.yaml", ("questions",))
        out: list[Question] = []
        for node in src.sequence(top["questions"], "questions"):
            m = src.mapping(node, "a question", required=("id", "text", "answer", "reprompts",
                                                          "help"), allowed=fields)
            qid = src.string(m["id"], "question id")
            what = f"question '{qid}'"
            if any(q.id == qid for q in out):
                src.fail(m["id"], f"{what} is defined twice")
            answer = src.string(m["answer"], f"{what} answer")
            if answer not in ANSWER_TYPES:
                src.fail(m["answer"], f"{what} has unknown answer type '{answer}' "
                                      f"(use {', '.join(ANSWER_TYPES)})")

            def symptom_ref(key: str, what: str = what, m: dict[str, Node] = m) -> str | None:
                if key not in m:
                    return None
                sid = src.string(m[key], f"{what} {key}")
                if sid not in symptoms:
                    src.fail(m[key], f"{what} refers to unknown symptom '{sid}'")
                return sid

            symptom = symptom_ref("symptom")
            if symptom and answer != "yesno":
                src.fail(m["symptom"], f"{what}: 'symptom' needs answer yesno")
            affirms = symptom_ref("affirms")
            implied_by = symptom_ref("implied_by")
            if implied_by and not symptom:
                src.fail(m["implied_by"], f"{what}: 'implied_by' needs a symptom")
            if affirms and answer != "scale":
                src.fail(m["affirms"], f"{what}: 'affirms' needs answer scale")
            presumes = symptom_ref("presumes")
            if presumes and (answer not in ("yesno", "choice") or symptom):
                src.fail(m["presumes"],
                         f"{what}: 'presumes' needs answer yesno or choice and no symptom")
            same_place = self._symptom_list(src, m, "same_place", what, symptoms)
            if same_place and not symptom:
                src.fail(m["same_place"], f"{what}: 'same_place' needs a symptom")
            red_flag = src.boolean(m["red_flag"], f"{what} red_flag") if "red_flag" in m \
                else False
            since = src.boolean(m["since"], f"{what} since") if "since" in m else False
            readings = src.boolean(m["readings"], f"{what} readings") if "readings" in m \
                else answer == "temperature"
            if symptom and symptoms[symptom].red_flag and not red_flag:
                src.fail(m.get("red_flag", m["symptom"]),
                         f"{what} asks about {symptoms[symptom].disposition} symptom "
                         f"'{symptom}' so it must have red_flag: true")
            reprompts = src.strings(m["reprompts"], f"{what} reprompts")
            if len(reprompts) != 2:
                src.fail(m["reprompts"], f"{what} needs exactly two reprompts")
            choices = self._choices(src, m, what, answer, symptoms)
            ask_if = self._ask_if(src, m, what, out)
            scale = self._scale(src, m, what, answer, symptom_ref)
            phrases: list[tuple[str, tuple[str, ...]]] = []
            text_only: set[str] = set()
            if "phrases" in m:
                given = src.mapping(m["phrases"], f"{what} phrases")
                for value, said, text in _with_text_only(src, given, f"{what} phrases"):
                    if value not in (*YESNO_VALUES, WEARS_OFF) or answer != "yesno":
                        src.fail(said, f"{what} phrases must be yes, no, unsure or "
                                       f"{WEARS_OFF} lists of a yesno question")
                    listed = tuple(src.strings(said, f"{what} {value}"))
                    phrases.append((value, listed))
                    if text:
                        text_only.update(listed)
            means: list[tuple[str, str]] = []
            if "means" in m:
                allowed = ("yes", "no") if answer == "yesno" else tuple(c.id for c in choices)
                for value, words in src.mapping(m["means"], f"{what} means").items():
                    if value not in allowed:
                        src.fail(words, f"{what} means: '{value}' is not an answer of this "
                                        f"question (use {', '.join(allowed) or 'none'})")
                    means.append((value, src.string(words, f"{what} means {value}")))
            text = src.string(m["text"], f"{what} text")
            offer = src.string(m["offer"], f"{what} offer") if "offer" in m else None
            out.append(Question(
                id=qid, text=f"{text} {offer}" if offer else text, answer=answer,
                reprompts=(reprompts[0], reprompts[1]), help=src.string(m["help"], "help"),
                symptom=symptom, red_flag=red_flag, ask_if=ask_if, offer=offer,
                choices=choices, phrases=tuple(phrases), text_only=frozenset(text_only),
                line=node.start_mark.line + 1,
                affirms=affirms, presumes=presumes, implied_by=implied_by, since=since,
                readings=readings, means=tuple(means), same_place=same_place, **scale,
            ))
        if not out:
            src.fail(top["questions"], "questions is empty: a check-in needs at least one")
        if not any(q.answer == "yesno" for q in out):
            # Red-flag and stop confirmations are asked with a yes/no question's words.
            src.fail(top["questions"], "no question has answer yesno: at least one is needed")
        return tuple(out)

    def _choices(self, src: Source, m: dict[str, Node], what: str, answer: str,
                 symptoms: Mapping[str, Symptom]) -> tuple[Choice, ...]:
        if answer != "choice":
            if "choices" in m:
                src.fail(m["choices"], f"{what}: choices need answer choice")
            return ()
        if "choices" not in m:
            src.fail(m["answer"], f"{what} is a choice question without choices")
        out: list[Choice] = []
        for node in src.sequence(m["choices"], f"{what} choices"):
            c = src.mapping(node, "a choice", required=("id", "text", "phrases"),
                            allowed=("id", "text", "phrases", "symptom", TEXT_ONLY))
            cid = src.string(c["id"], "choice id")
            if cid in YESNO_VALUES or cid == UNANSWERED or any(x.id == cid for x in out):
                src.fail(c["id"], f"{what} choice id '{cid}' is reserved or repeated")
            sid = src.string(c["symptom"], "choice symptom") if "symptom" in c else None
            if sid is not None and sid not in symptoms:
                src.fail(c["symptom"], f"{what} choice '{cid}' refers to unknown symptom "
                                       f"'{sid}'")
            text_only = tuple(src.strings(c[TEXT_ONLY], f"choice '{cid}' {TEXT_ONLY}")) \
                if TEXT_ONLY in c else ()
            out.append(Choice(cid, src.string(c["text"], "choice text"),
                              tuple(src.strings(c["phrases"], f"choice '{cid}' phrases")), sid,
                              text_only))
        if len(out) < 2:
            src.fail(m["choices"], f"{what} needs at least two choices")
        return tuple(out)

    def _ask_if(self, src: Source, m: dict[str, Node], what: str,
                earlier: list[Question]) -> tuple[tuple[str, frozenset[str]], ...]:
        if "ask_if" not in m:
            return ()
        out = []
        for qid, node in src.mapping(m["ask_if"], f"{what} ask_if").items():
            before = next((q for q in earlier if q.id == qid), None)
            if before is None:
                src.fail(node, f"{what} ask_if refers to '{qid}', which is not an earlier "
                               "question")
            allowed = {*YESNO_VALUES, UNANSWERED, *(c.id for c in before.choices)}
            # Raw scalar text: YAML would read an unquoted yes/no as a boolean.
            items = src.sequence(node, "ask_if")
            values = [src.string(v, "ask_if value").lower() for v in items]
            for v, item in zip(values, items, strict=True):
                if v not in allowed:
                    src.fail(item, f"{what} ask_if value '{v}' is not an answer of '{qid}' "
                                   f"(use {', '.join(sorted(allowed))})")
            out.append((qid, frozenset(values)))
        return tuple(out)

    def _scale(self, src: Source, m: dict[str, Node], what: str, answer: str,
               symptom_ref: Any) -> dict[str, Any]:
        keys = ("range", "severe_from", "severe_symptom", "worse_than_previous")
        if answer != "scale":
            for key in keys:
                if key in m:
                    src.fail(m[key], f"{what}: '{key}' needs answer scale")
            return {}
        low, high = 0, 10
        if "range" in m:
            pair = [src.integer(n, "range") for n in src.sequence(m["range"], "range")]
            if len(pair) != 2 or pair[0] >= pair[1]:
                src.fail(m["range"], f"{what} range must be [lowest, highest]")
            low, high = pair
        severe_from = src.integer(m["severe_from"], "severe_from") if "severe_from" in m \
            else None
        severe_symptom = symptom_ref("severe_symptom")
        if (severe_from is None) != (severe_symptom is None):
            src.fail(m.get("severe_from") or m.get("severe_symptom"),
                     f"{what} needs both severe_from and severe_symptom")
        if severe_from is not None and not low <= severe_from <= high:
            src.fail(m["severe_from"], f"{what} severe_from is outside its range")
        return {"range": (low, high), "severe_from": severe_from,
                "severe_symptom": severe_symptom,
                "worse_than_previous": symptom_ref("worse_than_previous")}


def _symptom_of(payload: tuple[str, str]) -> str:
    return payload[0]


def _pronoun_one(src: Source, numbers: Mapping[str, Node]) -> tuple[frozenset[str], frozenset[str]]:
    """numbers.pronoun_one: (words "one" straight after is no number, words it is no
    number one word after)."""
    if "pronoun_one" not in numbers:
        return frozenset(), frozenset()
    kinds = ("straight_after", "one_word_after")
    given = src.mapping(numbers["pronoun_one"], "pronoun_one", required=kinds, allowed=kinds)
    straight, one_after = (frozenset(_words(src.strings(given[k], f"pronoun_one {k}")))
                           for k in kinds)
    return straight, one_after


def _scale_words(src: Source, node: Node) -> ScaleWords:
    """answers.yaml ``numbers.of_the_scale``."""
    kinds = ("out_of", "over", "asked", "defined", "ends")
    given = src.mapping(node, "of_the_scale", required=kinds,
                        allowed=(*kinds, "asked_of_ends"))
    words = {k: tuple(phrase_tokens(t) for t in src.strings(v, f"of_the_scale {k}"))
             for k, v in given.items()}
    return ScaleWords(*(words[k] for k in kinds), asked_of_ends=words.get("asked_of_ends", ()))


def _senses(asked: SensesAsked | None) -> PhraseIndex[str]:
    """The phrases of a question back offering senses, each with its part ("sense",
    "alternative", "offered")."""
    if asked is None:
        return PhraseIndex({})
    return PhraseIndex({phrase_tokens(t): (part,) for part, said in (
        ("sense", asked.sense), ("alternative", asked.alternative),
        ("offered", asked.offered)) for t in said})


def _words(items: Iterable[str]) -> list[str]:
    return [w for item in items for w in phrase_tokens(item)]


def _grammar(phrases: Iterable[str]) -> list[str]:
    """Phrases in vocabulary form, sorted and unique."""
    return sorted({" ".join(phrase_tokens(p)) for p in phrases} - {""})


def _hints(symptoms: Mapping[str, Symptom]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for s in symptoms.values():
        for word in s.hints:
            found.setdefault(word, []).append(s.id)
    return {word: tuple(ids) for word, ids in found.items()}


def _revisions(answers: Answers) -> PhraseIndex[str]:
    phrases: dict[tuple[str, ...], list[str]] = {}
    for kind, said in (("corrected", answers.corrected_by), ("now", answers.now),
                       ("restarted", answers.restarted_by),
                       *answers.changes):
        for text in said:
            phrases.setdefault(phrase_tokens(text), []).append(kind)
    return PhraseIndex(phrases)


def _compile(questions: tuple[Question, ...], symptoms: Mapping[str, Symptom],
             answers: Answers, rules: negation.Rules, fuzzy: Fuzzy) -> Lexicon:
    symptom_phrases: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for s in symptoms.values():
        for status in STATUSES:
            for text in getattr(s, status):
                symptom_phrases.setdefault(phrase_tokens(text), []).append((s.id, status))
    vocabulary = {w for p in rules.triggers.vocabulary for w in p.split()} | set(
        NUMBER_WORDS) | set(_words(answers.fillers))
    answer_phrases: dict[tuple[str, ...], list[str]] = {}
    for value in ("yes", "no", "unsure", "hedge"):
        for text in getattr(answers, value):
            answer_phrases.setdefault(phrase_tokens(text), []).append(value)
    for value, said in answers.text_only:
        for text in said:
            answer_phrases.setdefault(phrase_tokens(text), []).append(value)
    vocabulary |= {w for p in answer_phrases for w in p}
    alone = {phrase_tokens(t): answer_phrases[phrase_tokens(t)][0] for t in answers.alone}
    for p in alone:
        answer_phrases.pop(p, None)
    per_question: dict[str, PhraseIndex[str]] = {}
    for q in questions:
        own: dict[tuple[str, ...], list[str]] = {}
        for value, said in q.phrases:
            for text in said:
                own.setdefault(phrase_tokens(text), []).append(value)
        for c in q.choices:
            for text in (c.text, *c.phrases, *c.text_only):
                own.setdefault(phrase_tokens(text), []).append(c.id)
        if own:
            per_question[q.id] = PhraseIndex(own, fuzzy if q.choices else None, vocabulary,
                                             gaps=answers.gaps)
    meta_fillers = frozenset(_words(answers.meta_fillers))
    meta: dict[tuple[str, ...], str] = {}
    for kind, said in answers.meta:
        for text in said:
            key = tuple(w for w in phrase_tokens(text) if w not in meta_fillers)
            meta.setdefault(key or phrase_tokens(text), kind)
    return Lexicon(
        symptoms=PhraseIndex(symptom_phrases, fuzzy, vocabulary, group=_symptom_of,
                             gaps=answers.gaps),
        answers=PhraseIndex(answer_phrases, gaps=answers.gaps),
        per_question=MappingProxyType(per_question),
        alone=MappingProxyType(alone), meta=MappingProxyType(meta),
        alone_before=frozenset(answers.alone_before),
        fillers=frozenset(_words(answers.fillers)), meta_fillers=meta_fillers,
        openers=PhraseIndex({**{phrase_tokens(t): ("wait",) for t in answers.hold_on},
                             **{phrase_tokens(t): ("help",) for t in answers.asks_instead},
                             **{phrase_tokens(t): ("help", TOPIC) for t in answers.asked_back}}),
        asked_last=PhraseIndex({phrase_tokens(t): ("help",) for t in answers.asked_last}),
        senses=_senses(answers.senses_asked),
        near=MappingProxyType({s.id: frozenset(_words(s.near)) for s in symptoms.values()}),
        hints=MappingProxyType(_hints(symptoms)),
        cues=frozenset(_words(answers.temperature_cues)),
        homophones=MappingProxyType(dict(answers.homophones)), negation=rules,
        revisions=_revisions(answers),
    )
