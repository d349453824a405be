"""What was heard: one decision from every recognition pass.

Pure: ``decide(heard, protocol, question)`` depends only on its arguments. Every mode
(check-in, ``interpret --wav``, ``aftercare eval``) reaches the answer through it, so a
tester's figure is the patient's figure.

The evidence (``Heard.passes``, from voice/listen.py): the wide grammar pass (answers,
meta requests, emergency phrases), the narrow grammar pass (the answer words alone)
and the free-form pass, each with its 1-best words and their confidences and, for the
grammar passes, an n-best list with posteriors. Typed text is one pass of full
confidence; a ``Heard`` without passes (tests, old callers) reads its ``alternatives``
as grammar passes of the same confidence.

The rule, in order:

1. Read every pass (and every n-best entry) with ``understand``: each reading has a
   *key* — a request ("meta"), an answer value, or nothing.
2. Evidence for a key from one pass: when its 1-best reads so, the geometric mean of
   the 1-best's word confidence and the n-best share reading so (both decoders back
   it: a real "forward" was "four" at full confidence but "four one" or [unk] for half
   the n-best mass); a reading only the n-best list (or only the 1-best) has counts at
   ``NBEST_ONLY`` of its share (an n-best entry with two numbers reads as no single
   number). Numbers count only from
   a grammar pass (the number words are in both grammars; free-form turns "tree" and
   "for" into numbers). *Support* for a key = the surest pass, raised by each other
   pass that agrees (``s += (1 - s) * AGREE * e``), times the key's prior at the
   question (a request is a priori less likely than an answer: ``META_PRIOR``).
3. The key with the most support is the candidate; its *margin* is its support minus
   the runner-up's.
4. Requests: a request said as one confusable word ("bye", "end", "back", "what") is
   taken only when no answer has support of ``ANSWER_FLOOR`` (the narrow pass heard a
   clear answer: the answer wins), its margin is at least ``META_MARGIN`` and its own
   support at least ``SOLID``;
   phrases ("stop the check-in", "say that again") and "stop" itself only need to
   lead.
5. Answers: support under ``ANSWER_FLOOR`` (``NUMBER_FLOOR`` for numbers) re-prompts.
   A score is read back ("Did you say three?") unless every grammar pass heard that
   number (a real "six" came out as the narrow pass's "eight" at 0.87; "sheila" as the
   wide pass's "sure" and the narrow pass's "zero"; a pass whose n-best list holds
   the number, or a one-word request that lost to it, "bye" for "five", dissents only
   from a severe score), no grammar pass put ``NOT_ONE`` of its n-best mass on
   entries that are empty or hold more than one number (the sound was not one number
   word: "follow" was the narrow pass's "four" with a third of its mass on nothing and
   "four zero"; a real digit's n-best list holds numbers), and the free-form pass did
   not hear a *sound-alike* instead: a word that is no number but is spelled like the
   number's word (rapidfuzz ratio at least ``SOUND_ALIKE``: "tree" for "three") or
   begins with it or a homophone of it ("forward" for "four"), with
   word confidence of at least ``NUMBER_FLOOR`` (evidence against a number needs the
   strength a number needs; espeak's "about a three" came out "about are free" at 0.59). The
   grammars can only choose among their own words, so a word said that merely sounds
   like a number comes out as that number at full confidence; the free-form pass is
   the one that can tell. A score at or above the question's ``severe_from`` also
   needs support of at least ``SEVERE_SURE``.
6. Safety: "no" to a red-flag question (ruling the red flag out) is taken only when
   it is *solid*: support at least ``SOLID``, every grammar pass agrees (a grammar can
   turn noise into "no"), no pass reads anything else that means something (free-form
   "i have a fever") or heard a sentence that reads as nothing, and no left-over word
   points at the symptom. A clear human "no"
   — both grammars "no", free-form "no", "now" or "know" — is solid. "Not sure" is
   never "no"; anything else unclear is re-prompted (and after the last re-prompt the
   question is reported unanswered, never taken as "no": voice/dialog.py).

7. Red flags from all the evidence: a red-flag symptom that some pass's n-best list
   reads present or uncertain while no pass's 1-best mentions it is a *flag*
   (``Decision.flags``), with support from its n-best mass as in step 2
   (``NBEST_ONLY`` times the posterior share reading so, joined over passes); one with
   support of at least ``FLAG_FLOOR`` is asked about, whatever the answer: the dialog
   asks to confirm it (unless its own question is the one asked or still to come, or
   it is already known) instead of going on. A red flag is never dropped because the
   1-best words did not hold it ("i threw up twice" heard "i flew up twice", with
   "i threw up ..." in the wide pass's n-best list).

Red flags are not decided here: the dialog scans the chosen reading *and every other
pass* (``Decision.extra``) for them, so a red flag heard by any pass is acted on, and
asks about the flags of step 7.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from voice.normalize import number_words
from voice.numbers import WORDS as NUMBER_WORDS
from voice.numbers import find_numbers
from voice.protocol import Protocol, Question
from voice.understand import ABSENT, Understanding, understand

ANSWER_FLOOR = 0.5  # support under which an answer is asked again
NUMBER_FLOOR = 0.6  # the same for a number (numbers change dispositions)
SEVERE_SURE = 0.8  # a score that crosses severe_from needs this, else it is confirmed
SOLID = 0.7  # support a red-flag "no" needs
META_PRIOR = 0.8  # a request is a priori less likely than an answer
META_MARGIN = 0.3  # margin a one-word confusable request needs over the best answer
AGREE = 0.5  # how much an agreeing pass adds to the surest one
NBEST_ONLY = 0.6  # weight of a reading only the n-best list (or only the 1-best) has
FLAG_FLOOR = 0.1  # support a red flag heard only in n-best lists needs to be asked about
SOUND_ALIKE = 60  # spelling similarity (rapidfuzz ratio) of a sound-alike word
NOT_ONE = 0.25  # n-best mass on no number or several that makes a score read back
UNAMBIGUOUS_META = frozenset({"stop", "repeat", "slower", "faster", "help"})

GRAMMAR_PASSES = frozenset({"wide", "narrow", "typed", "alt"})


@dataclass(frozen=True)
class Pass:
    """One decode of the answer (or typed text)."""

    name: str  # wide | narrow | free | typed | alt
    text: str  # [unk] removed
    confidence: float  # mean word confidence, 0..1
    nbest: tuple[tuple[str, float], ...] = ()  # (text, posterior), best first

    @property
    def grammar(self) -> bool:
        return self.name in GRAMMAR_PASSES


@dataclass(frozen=True)
class Flag:
    """A red flag only n-best entries read (step 7 of the rule)."""

    symptom: str
    support: float
    words: str  # the likeliest n-best entry that reads it


@dataclass(frozen=True)
class Decision:
    """``action``: answer | confirm (a value to read back) | reprompt | meta."""

    action: str
    meaning: Understanding  # the chosen reading (its text is what was heard)
    source: str  # the pass it came from
    support: float
    margin: float
    confidence: float  # the best word confidence of a pass whose 1-best reads so
    extra: tuple[Understanding, ...]  # every other pass's reading (red-flag scan)
    why: str  # one line for logs and eval records
    flags: tuple[Flag, ...] = ()  # red flags heard only in n-best lists, surest first


def passes_of(text: str, confidence: float, alternatives: Sequence[str],
              passes: Sequence[Pass]) -> tuple[Pass, ...]:
    """The passes of a ``Heard``; one made up from its text when it has none."""
    if passes:
        return tuple(passes)
    made = [Pass("typed", text, confidence)]
    made += [Pass("alt", alt, confidence) for alt in alternatives]
    return tuple(made)


def _key(u: Understanding) -> Hashable | None:
    if u.meta is not None:
        return ("meta", u.meta)
    if u.value is None:
        return None
    if u.kind == "free":
        return ("free",)  # any free text is one answer: the passes only word it apart
    return ("value", u.value)


def decide(passes: Sequence[Pass], protocol: Protocol, question: Question | None,
           guard: str | None = None) -> Decision:
    """One decision from every pass (see the module docstring). ``guard`` is the red
    flag a "no" would rule out (default: the question's own, if it is a red flag)."""
    if guard is None and question is not None and question.red_flag:
        guard = question.symptom
    cache: dict[str, Understanding] = {}

    def read(text: str) -> Understanding:
        if text not in cache:
            cache[text] = understand(text, protocol, question)
        return cache[text]

    readings = [(p, read(p.text)) for p in passes]
    evidence: dict[Hashable, dict[int, float]] = {}
    first: dict[Hashable, tuple[Pass, Understanding, float]] = {}
    numbers = question is not None and question.answer in ("scale", "temperature")
    for i, (p, u) in enumerate(readings):
        mass: dict[Hashable, float] = {}
        said: dict[Hashable, Understanding] = {}
        for text, posterior in p.nbest:
            k = _key(read(text))
            if k is not None and not (numbers and _numbers_in(text) > 1):
                mass[k] = mass.get(k, 0.0) + posterior
                said.setdefault(k, read(text))
        # An n-best entry the 1-best does not read counts at half its share; the
        # 1-best's own reading needs both decoders: its word confidence and its share.
        found = {k: m * NBEST_ONLY for k, m in mass.items()}
        k = _key(u) if p.text else None
        if k is not None:
            found[k] = math.sqrt(p.confidence * mass[k]) if p.nbest and k in mass else \
                p.confidence if not p.nbest else p.confidence * NBEST_ONLY
            said[k] = u
        for k, e in found.items():
            if numbers and k[0] == "value" and isinstance(k[1], int | float) \
                    and not p.grammar:
                continue  # numbers only from a grammar pass
            e = min(e, 1.0)
            evidence.setdefault(k, {})[i] = e
            if k not in first or e > first[k][2]:
                first[k] = (p, said[k], e)

    support = {k: _support(list(es.values())) * (META_PRIOR if k[0] == "meta" else 1.0)
               for k, es in evidence.items()}
    ranked = sorted(support.items(), key=lambda kv: -kv[1])
    extra_all = tuple(u for _, u in readings)
    flags = _flags(readings, read, protocol)

    if not ranked:
        # No answer: the reading that says most (a symptom said out of turn) is the one
        # the red-flag scan starts from, with its own word confidence.
        best = max(readings, key=lambda r: (
            any(f.status != ABSENT for f in r[1].symptoms), bool(r[0].text), r[0].confidence,
            r[0].grammar))
        return Decision("reprompt", best[1], best[0].name, 0.0, 0.0, best[0].confidence,
                        tuple(u for u in extra_all if u is not best[1]),
                        "nothing usable heard", flags)
    key, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    margin = top - second
    src, meaning, _ = first[key]
    extra = tuple(u for u in extra_all if u is not meaning)

    def made(action: str, why: str) -> Decision:
        words = max((p.confidence for p, u in readings if p.text and _key(u) == key),
                    default=0.0)
        return Decision(action, meaning, src.name, round(top, 3), round(margin, 3),
                        round(words, 3), extra, why, flags)

    if key[0] == "meta":
        answers = [s for k, s in support.items() if k[0] != "meta"]
        best_answer = max(answers, default=0.0)
        said = " ".join(w for w in meaning.text.split())
        confusable = len(said.split()) == 1 and said not in UNAMBIGUOUS_META
        if confusable and (best_answer >= ANSWER_FLOOR or margin < META_MARGIN
                           or top < SOLID):
            # "bye" for "five": the answer the passes heard wins, or it is asked again.
            k2 = max((k for k in support if k[0] != "meta"), key=support.get, default=None)
            if k2 is not None and support[k2] >= _floor(k2):
                key, top = k2, support[k2]
                src, meaning, _ = first[k2]
                extra = tuple(u for u in extra_all if u is not meaning)
                margin = top - max((s for k, s in support.items() if k != k2), default=0.0)
            else:
                return made("reprompt", f"one confusable word {said!r} as a request")
        else:
            return made("meta", f"request {key[1]!r}")

    value = key[1] if key[0] == "value" else meaning.value
    if top < _floor(key):
        return made("reprompt", f"{value!r} with support {top:.2f} under the floor")
    if question is not None and question.answer == "scale" and isinstance(value, int | float) \
            and src.name != "typed":
        # A score is taken only when every grammar pass heard it and the free-form pass
        # did not hear a sound-alike word instead ("tree" for "three"); else it is read
        # back. A severe score also needs SEVERE_SURE.
        # (A one-word request the wide pass heard, "bye" for "five", has already lost
        # to the number: it only blocks a severe score.)
        severe = question.severe_from is not None and value >= question.severe_from
        dissent = next((p for p, u in readings if p.grammar and _key(u) != key
                        and (severe or u.meta is None and not any(
                            _key(read(t)) == key for t, _ in p.nbest))), None)
        # A grammar pass whose n-best list puts NOT_ONE of its mass on no number or on
        # more than one ("forward": "four" 0.6, "four one" 0.4) did not hear one number
        # word, whatever its 1-best says.
        split = next((p for p in passes if p.grammar and _not_one(p) >= NOT_ONE), None)
        alike = next((p for p in passes if not p.grammar and p.confidence >= NUMBER_FLOOR
                      and _sound_alike(p.text, value, protocol)), None)
        if dissent or alike or split or (severe and top < SEVERE_SURE):
            heard = dissent or alike
            why = f"the {heard.name} pass heard {heard.text!r}" if heard else \
                f"the {split.name} pass heard {_not_one(split):.2f} of no single number" \
                if split else f"support {top:.2f}"
            return made("confirm", f"{'severe ' if severe else ''}score {value!r}: {why}")
    if guard is not None and value == "no":
        doubt = _doubt(readings, guard, evidence.get(key, {}), top)
        if doubt:
            return made("reprompt", f"'no' to a red flag not solid: {doubt}")
    return made("answer", f"{value!r} from the {src.name} pass, support {top:.2f}")


def _flags(readings: list[tuple[Pass, Understanding]],
           read: Callable[[str], Understanding], protocol: Protocol) -> tuple[Flag, ...]:
    """Step 7: the red flags only n-best entries read, with their support, surest first."""
    said = {f.symptom for _, u in readings for f in u.symptoms}  # the dialog's own scan
    evidence: dict[str, list[float]] = {}
    words: dict[str, tuple[float, str]] = {}
    for p, _ in readings:
        mass: dict[str, float] = {}
        for text, posterior in p.nbest:
            for symptom in {f.symptom for f in read(text).symptoms if f.status != ABSENT
                            and f.symptom not in said and protocol.symptoms[f.symptom].red_flag}:
                mass[symptom] = mass.get(symptom, 0.0) + posterior
                if posterior > words.get(symptom, (0.0, ""))[0]:
                    words[symptom] = (posterior, text)
        for symptom, m in mass.items():
            evidence.setdefault(symptom, []).append(min(NBEST_ONLY * m, 1.0))
    ranked = sorted(((s, _support(es)) for s, es in evidence.items()), key=lambda x: -x[1])
    return tuple(Flag(s, round(v, 3), words[s][1]) for s, v in ranked if v >= FLAG_FLOOR)


def _numbers_in(text: str) -> int:
    """Numbers said ("four one" has two, "one oh two" and "thirty eight point five" one),
    not counting a denominator ("eight out of ten" has one)."""
    words = tuple(text.split())
    return sum(n.start == 0 or words[n.start - 1] != "of" for n in find_numbers(words))


def _not_one(p: Pass) -> float:
    """The n-best mass of a pass on entries that are empty or hold more than one number."""
    return sum(posterior for text, posterior in p.nbest if not text or _numbers_in(text) > 1)


def _sound_alike(text: str, value: float, protocol: Protocol) -> bool:
    """The free-form words hold a word spelled like the number's word but not it (nor a
    homophone of a number), or a longer word that begins with the number's word or one
    of its homophones: "tree" for "three", "hero" for "zero", "forward" for "four".
    Such a word is as likely what was said as the number the grammars were bound to
    hear."""
    if not isinstance(value, int) or not text:
        return False
    said = number_words(value)
    words = text.split()
    if any(w in NUMBER_WORDS or w in protocol.lexicon.homophones for w in words):
        return False
    sounds = (said, *(h for h, v in protocol.lexicon.homophones.items() if v == value))
    return any(fuzz.ratio(w, said) >= SOUND_ALIKE or w.startswith(sounds) for w in words)


def _floor(key: Hashable) -> float:
    numeric = key[0] == "value" and isinstance(key[1], int | float)
    return NUMBER_FLOOR if numeric else ANSWER_FLOOR


def _support(evidence: list[float]) -> float:
    ordered = sorted(evidence, reverse=True)
    s = ordered[0]
    for e in ordered[1:]:
        s += (1 - s) * AGREE * e
    return s


def _doubt(readings: list[tuple[Pass, Understanding]], guard: str,
           agreeing: dict[int, float], support: float) -> str:
    """Why a red-flag "no" is not solid, or "" when it is."""
    if support < SOLID:
        return f"support {support:.2f} under {SOLID}"
    for i, (p, u) in enumerate(readings):
        if i not in agreeing and (p.grammar or u.value is not None or u.meta is not None
                                  or any(f.status != ABSENT for f in u.symptoms)
                                  or len(p.text.split()) > 1):
            # A grammar pass that heard otherwise, a free-form pass that means something
            # else, or that heard a sentence that is no "no" ("i've been burned in
            # europe" beside "i don't ... burning up"); a lone "now" or "know" is fine.
            return f"the {p.name} pass heard {p.text!r}"
        if guard in u.hinted:
            return f"{p.text!r} points at the symptom"
    return ""
