"""The check-in conversation as a pure state machine.

The dialog takes what was heard (``Heard``) and returns events (``Say``, ``Ask``,
``Answered``, ``Finished``); it does no I/O. Every mode (microphone, text, replay,
JSON lines) drives this one class, so the same answers give the same result.

Safety rules from DESIGN.md live here:
- every utterance is scanned for red flags, whatever the question;
- an emergency is said first, at once, and can be repeated;
- a red-flag question without a usable answer is reported, never taken as "no";
- a red flag heard with low confidence, or only hedged, is confirmed before it counts
  as certain (and if the confirmation fails, it stays "uncertain", which triage
  treats as present); every red flag one answer raises is confirmed, one after
  another, before the interrupted question goes on, so a "yes" to any of them is an
  emergency at once.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from voice.decide import Decision, Flag, Pass, decide, passes_of
from voice.protocol import Protocol, Question
from voice.triage import Triage, combine, triage
from voice.understand import Finding, Understanding, value_findings

MAX_REPROMPTS = 2
RATE_STEP = 20
RATE_RANGE = (100, 240)
EMERGENCY = "emergency"


# -- what goes in --------------------------------------------------------------


@dataclass(frozen=True)
class Heard:
    """One answer: typed text or a transcript.

    ``alternatives`` are other transcripts of the same audio (the free-form pass when
    the primary one was grammar-constrained); they are scanned for red flags too.
    ``passes`` is the whole evidence of a recording (voice/listen.py): each pass's
    words, confidence and n-best list, from which voice/decide.py decides.
    """

    text: str
    confidence: float = 1.0
    alternatives: tuple[str, ...] = ()
    passes: tuple[Pass, ...] = ()

    def evidence(self) -> tuple[Pass, ...]:
        return passes_of(self.text, self.confidence, self.alternatives, self.passes)


# -- what comes out ------------------------------------------------------------


@dataclass(frozen=True)
class Say:
    text: str


@dataclass(frozen=True)
class Ask:
    """A prompt that waits for an answer; ``grammar`` None means free-form listening.
    ``narrow`` is the answer words alone (``Protocol.answer_grammar``), decoded beside
    the wide grammar; it is heard as an alternative."""

    question: str
    text: str
    grammar: tuple[str, ...] | None
    narrow: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Answered:
    question: str
    value: Any
    transcript: str
    confidence: float


@dataclass(frozen=True)
class Finished:
    result: dict[str, Any]


Event = Say | Ask | Answered | Finished


@dataclass(frozen=True)
class Settings:
    emergency_number: str = "911"
    rate: int = 160
    confirm_below: float = 0.6  # ASR confidence under which a red flag is confirmed
    previous: Mapping[str, Any] = field(default_factory=dict)  # last check-in's answers
    resumed: bool = False  # an unfinished check-in was found


@dataclass
class _Prompt:
    """What the dialog is waiting for: a question, a confirmation, or the emergency."""

    kind: str  # "question" | "confirm" (a red flag) | "check" (read a value back)
    #           | "stop" (confirm stopping) | "emergency"
    question: Question | None = None
    symptom: str | None = None
    attempts: int = 0
    evidence: str = ""  # the words that raised a confirmation
    value: Any = None  # the value a "check" reads back
    then: _Prompt | None = None  # the prompt a "stop" returns to if the patient goes on
    # A clear answer to this question that a red-flag confirmation interrupted
    # (value, words, support): kept once the red flag is settled, not asked again
    # ("thirty seven point eight" -> "do you have a fever?" -> "no").
    held: tuple[Any, str, float] | None = None


class CheckIn:
    def __init__(self, protocol: Protocol, settings: Settings | None = None) -> None:
        self.protocol = protocol
        self.settings = settings or Settings()
        self.rate = self.settings.rate
        self.answers: dict[str, Answered] = {}
        self.findings: dict[str, Finding] = {}
        self.unanswered: list[str] = []
        self.spoken: list[str] = []
        self.finished = False
        self._asked: list[str] = []
        self._prompt: _Prompt | None = None
        self._resume: _Prompt | None = None  # the question a confirmation interrupted
        # Red flags one answer raised beyond the one being confirmed, each with the
        # words that raised it: confirmed in turn before the question is resumed.
        self._pending: list[tuple[str, str]] = []
        self._last: list[Say | Ask] = []
        self._emergency_said = False
        self._stopped = False
        self.concerns: list[str] = []  # complaints the protocol does not cover
        self.decision: Decision | None = None  # how the last answer was decided

    # -- driving -------------------------------------------------------------

    def start(self) -> list[Event]:
        m = self.protocol.message
        out: list[Event] = []
        if self.settings.resumed:
            out.append(self._say(m("unfinished_found")))
        out.append(self._say(m("greeting")))
        out.append(self._say(m("instructions")))
        return out + self._next_question(after=None)

    def prompts(self) -> list[str]:
        """What this check-in may say that is known before it starts, the likeliest
        first: every question, its re-prompts, the fixed messages, the red-flag
        confirmations and the emergency message for each emergency symptom on its own
        (so a speaker can render them ahead: the emergency message is the prompt that
        most needs to start at once)."""
        p = self.protocol
        texts = [q.text for q in p.questions]
        texts += [r for q in p.questions for r in q.reprompts]
        texts += [t for t in p.messages.values() if "{" not in t]
        texts += [p.message("confirm_red_flag", symptom_phrase=s.phrase)
                  for s in p.symptoms.values() if s.red_flag]
        texts += [p.message("emergency", number=self.settings.emergency_number,
                            symptoms=s.phrase)
                  for s in p.symptoms.values() if s.disposition == EMERGENCY]
        return list(dict.fromkeys(texts))

    def following(self, answers: tuple[str, ...] = ("no", "yes")) -> list[str]:
        """What the dialog would say first after each of these plain answers to the
        current prompt, worked out on a copy (this dialog is not changed): rendered
        while the patient answers, so that the summary or a question reached by a skip
        starts as soon as the answer is heard, like the prompts known ahead."""
        texts: list[str] = []
        if self._prompt is None or self.finished:
            return texts
        for answer in answers:
            said = (e.text for e in self.copy().hear(Heard(answer))
                    if isinstance(e, Say | Ask))
            texts.extend(text for text in said if text not in texts)
        return texts

    def copy(self) -> CheckIn:
        """An independent copy of this dialog's state. The protocol and settings are
        shared, not copied: they never change."""
        return copy.deepcopy(self, {id(self.protocol): self.protocol,
                                    id(self.settings): self.settings})

    def hear(self, heard: Heard) -> list[Event]:
        """React to one answer to the current prompt."""
        if self.finished or self._prompt is None:
            return []
        prompt = self._prompt
        question = prompt.question if prompt.kind == "question" else None
        # One decision from every pass (voice/decide.py); its reading is the answer,
        # the other passes' readings are scanned for red flags.
        decision = self.decision = decide(
            heard.evidence(), self.protocol, question,
            guard=prompt.symptom if prompt.kind == "confirm" else None)
        meaning, extra = decision.meaning, list(decision.extra)

        if decision.action == "meta":
            return self._meta(meaning.meta)
        if prompt.kind == "stop":
            return self._stop_confirmed(prompt, _value(decision))

        out = self._concerns(meaning, extra) + self._scan_red_flags(
            heard, meaning, extra, prompt, decision.confidence, decision.flags)
        if self.finished or self._prompt is not prompt:
            if self._resume is prompt and question is not None and \
                    question.answer not in ("yesno", "free") and decision.action == "answer" \
                    and meaning.value not in (None, "unsure"):
                # (A yes/no answer is settled by the confirmation itself; an open one
                # is asked again so that the patient can add to it.)
                prompt.held = (meaning.value, meaning.text, decision.support)
            return out  # an emergency or a confirmation took over
        if prompt.kind == "confirm":
            return out + self._confirmed(prompt, meaning, _value(decision))
        if prompt.kind == "check":
            return out + self._checked(prompt, _value(decision))
        if prompt.kind == "emergency":
            return out + self._finish()
        return out + self._answer(prompt, meaning, decision)

    @property
    def awaiting(self) -> tuple[tuple[str, str], ...]:
        """Every red flag waiting to be confirmed, the one asked now first, each with
        the words that raised it: what the check-in still counts as possible."""
        p = self._prompt
        if p is None or p.kind != "confirm" or not p.symptom:
            return ()
        return ((p.symptom, p.evidence), *self._pending)

    @property
    def reading_back(self) -> Any:
        """The value a "Did you say ...?" is waiting on, else None."""
        p = self._prompt
        return p.value if p is not None and p.kind == "check" else None

    def goto(self, question_id: str) -> list[Event]:
        """Ask one question directly (evaluation harnesses use this to test one turn)."""
        self._prompt = _Prompt("question", question=self.protocol.question(question_id))
        return self._ask_prompt()

    def end_of_input(self) -> list[Event]:
        """No more answers will come (replay exhausted, stdin closed)."""
        if self.finished:
            return []
        self._stopped = True
        # Input ended while red flags were being confirmed: they stay possible.
        for symptom, words in self.awaiting:
            current = self.findings.get(symptom)
            if f"confirm:{symptom}" not in self.answers and (
                    current is None or current.status == "absent"):
                self.findings[symptom] = Finding(symptom, "uncertain", words)
        return self._finish()

    # -- pieces ----------------------------------------------------------------

    def _say(self, text: str) -> Say:
        self.spoken.append(text)
        return Say(text)

    def _ask(self, question_id: str, text: str, grammar: tuple[str, ...] | None,
             narrow: tuple[str, ...] | None = None) -> Ask:
        self.spoken.append(text)
        return Ask(question_id, text, grammar, narrow)

    def _ask_prompt(self, lead: list[Say] | None = None) -> list[Event]:
        """(Re-)ask the current prompt, remembering it for "repeat"."""
        prompt = self._prompt
        assert prompt is not None
        if prompt.kind == "question":
            q = prompt.question
            text = q.text if prompt.attempts == 0 else q.reprompts[prompt.attempts - 1]
            ask = self._ask(q.id, text, *self._grammars(q))
        elif prompt.kind == "confirm":
            symptom = self.protocol.symptoms[prompt.symptom]
            text = self.protocol.message("confirm_red_flag", symptom_phrase=symptom.phrase)
            if prompt.attempts:
                text = f"{text} {self.protocol.message('say_yes_or_no')}"
            ask = self._ask(f"confirm:{prompt.symptom}", text, *self._yes_no_grammars())
        elif prompt.kind == "check":
            meaning = prompt.question.meaning_of(prompt.value)
            text = self.protocol.message("check_meaning", meaning=meaning) if meaning \
                else self.protocol.message("confirm_value", value=prompt.value)
            ask = self._ask(f"check:{prompt.question.id}", text, *self._yes_no_grammars())
        elif prompt.kind == "stop":
            ask = self._ask("stop", self.protocol.message("confirm_stop"),
                            *self._yes_no_grammars())
        else:
            ask = self._ask("emergency", self.protocol.message("emergency_repeat"), None)
        self._last = [*(lead or []), ask]
        return [*(lead or []), ask]

    def _reprompt(self, prompt: _Prompt, lead: str) -> list[Event]:
        """Say why, then ask again, more plainly each time."""
        prompt.attempts += 1
        return self._ask_prompt([self._say(self.protocol.message(lead))])

    def _grammars(self, q: Question) -> tuple[tuple[str, ...], tuple[str, ...] | None]:
        narrow = self.protocol.answer_grammar(q)
        return tuple(self.protocol.grammar(q)), tuple(narrow) if narrow else None

    def _yes_no_grammars(self) -> tuple[tuple[str, ...], tuple[str, ...] | None]:
        return self._grammars(next(q for q in self.protocol.questions if q.answer == "yesno"))

    def _next_question(self, after: str | None) -> list[Event]:
        ids = [q.id for q in self.protocol.questions]
        start = ids.index(after) + 1 if after else 0
        values = {qid: a.value for qid, a in self.answers.items()}
        for q in self.protocol.questions[start:]:
            if q.applies(values):
                self._prompt = _Prompt("question", question=q)
                return self._ask_prompt()
        return self._finish()

    def _meta(self, meta: str) -> list[Event]:
        m = self.protocol.message
        if meta == "stop":
            if self._prompt is None or self._prompt.kind in ("emergency", "stop"):
                return self._stop()
            # A misheard "five" can sound like "bye": make sure before ending early.
            # (The prompt to return to is the stop's own: a confirmation interrupted by
            # "stop" still returns to the question it interrupted.)
            self._prompt = _Prompt("stop", then=self._prompt)
            return self._ask_prompt()
        if meta == "repeat":
            again = [self._say(e.text) if isinstance(e, Say) else self._ask(e.question, e.text,
                     e.grammar, e.narrow) for e in self._last]
            return again
        if meta in ("slower", "faster"):
            step = -RATE_STEP if meta == "slower" else RATE_STEP
            self.rate = min(max(self.rate + step, RATE_RANGE[0]), RATE_RANGE[1])
            return self._ask_prompt([self._say(m(meta))])
        if meta == "wait":
            return self._ask_prompt([self._say(m("wait"))])
        if meta == "help":
            q = self._prompt.question if self._prompt else None
            text = q.help if q is not None and q.help else m("help")
            return self._ask_prompt([self._say(text)])
        if meta == "back" and self._prompt and self._prompt.kind == "question" and self._asked:
            previous = self.protocol.question(self._asked.pop())
            self.answers.pop(previous.id, None)
            # Forget what that answer said, except red flags, which are never unsaid.
            self.findings = {s: f for s, f in self.findings.items()
                             if f.question != previous.id or self._is_emergency(s)}
            if previous.id in self.unanswered:
                self.unanswered.remove(previous.id)
            self._prompt = _Prompt("question", question=previous)
            return self._ask_prompt([self._say(m("going_back"))])
        return self._ask_prompt()

    def _scan_red_flags(
        self, heard: Heard, meaning: Understanding, extra: list[Understanding], prompt: _Prompt,
        confidence: float, flags: tuple[Flag, ...] = (),
    ) -> list[Event]:
        """Merge what this utterance says about symptoms; act on new red flags."""
        direct = prompt.question.symptom if prompt.kind == "question" and prompt.question else None
        # The answer to the question that asks about a symptom is authoritative for it.
        for finding in meaning.symptoms:
            authoritative = finding.symptom == direct or (
                prompt.kind == "confirm" and finding.symptom == prompt.symptom
            )
            self.findings = combine(self.findings, [finding], authoritative=authoritative)
        heard_in_primary = {f.symptom for f in meaning.symptoms if f.status != "absent"}
        for other in extra:
            # The free-form pass can add a red flag the grammar missed, never clear one.
            self.findings = combine(
                self.findings, [f for f in other.symptoms if f.status != "absent"]
            )

        if prompt.kind != "question":
            return []
        # Act on the red flags this utterance raised, most severe first. A red flag
        # mentioned out of turn is confirmed even when it sounded denied: recognition
        # turns "i've got a fever" into "i'm not a fever" often enough.
        # (Not when its own question is still to come: "no, my legs feel normal" at
        # the numbness question is not asked about weakness twice.)
        raised = {f.symptom for u in (meaning, *extra) for f in u.symptoms
                  if self._is_emergency(f.symptom)
                  and (f.status != "absent" or (f.symptom != direct
                                                and not self._asked_later(f.symptom, prompt)))}
        asks: list[tuple[str, str]] = []  # (symptom, the words that raised it)
        for symptom in (s for s in self.protocol.symptoms if s in raised):
            # (A denial heard only by another pass is not merged, but still raises it.)
            finding = self.findings.get(symptom) or next(
                f for u in (meaning, *extra) for f in u.symptoms if f.symptom == symptom)
            if finding.status == "absent" and (
                    symptom == direct or f"confirm:{symptom}" in self.answers):
                continue  # denied when asked, or already confirmed
            sure = (
                finding.status == "present"
                and confidence >= self.settings.confirm_below
                and symptom in heard_in_primary
            )
            if sure:
                # The answer that raised the emergency is an answer like any other
                # (stored before the emergency message is said).
                return self._emergency_answer(prompt, symptom, meaning, heard) + \
                    self._emergency()
            asks.append((symptom, next((u.text for u in (meaning, *extra) for f in u.symptoms
                                        if f.symptom == symptom and f.status != "absent"),
                                       meaning.text)))
        # A red flag only n-best lists heard (voice/decide.py, step 7) is asked about
        # rather than passed by, unless its own question settles it (this one, or one to
        # come), it is already known, or it was confirmed. (Like a red flag said out of
        # turn, it is asked about even when denied at its own question earlier.)
        for flag in flags:
            s = flag.symptom
            if s != direct and self._open(s) and not self._asked_later(s, prompt):
                asks.append((s, flag.words))
        # Nothing raised, but the answer sounds like a red flag its words did not say
        # (voice/similarity.py: most answers like it at this question say it): ask,
        # even after a "no".
        if not asks:
            asks = [(s, meaning.text) for s in meaning.similar
                    if self._is_emergency(s) and self._open(s)
                    and (s == direct or not self._asked_later(s, prompt))]
        # Nothing understood, but a word pointed at a red flag ("my leg..." after the
        # rest was lost to noise): ask about it rather than pass it by. (A red-flag
        # question is simply asked again, and the others have their own questions.)
        if not asks and not prompt.question.red_flag and not any(
                _understood(u) for u in (meaning, *extra)):
            for symptom in self.protocol.symptoms:
                hinting = [u for u in (meaning, *extra) if symptom in u.hinted]
                if self._is_emergency(symptom) and f"confirm:{symptom}" not in self.answers \
                        and hinting:
                    asks.append((symptom, hinting[0].text))
        # Every red flag raised is confirmed, one after another, before the question is
        # resumed: "maybe a fever, and my legs went a bit numb" asks about both.
        first: dict[str, str] = {}
        for symptom, words in asks:
            first.setdefault(symptom, words)
        if not first:
            return []
        (symptom, words), *self._pending = first.items()
        return self._confirm(symptom, prompt, words)

    def _emergency_answer(self, prompt: _Prompt, symptom: str, meaning: Understanding,
                          heard: Heard) -> list[Event]:
        q = prompt.question
        assert q is not None
        value = "yes" if symptom == q.symptom else meaning.value
        answered = Answered(q.id, value, meaning.text, round(heard.confidence, 3))
        if symptom == q.symptom:  # it settles the question asked
            self.answers[q.id] = answered
            self._asked.append(q.id)
        return [answered]

    @property
    def emergency(self) -> bool:
        """An emergency has been raised (its message is among the events returned)."""
        return self._emergency_said

    def _concerns(self, meaning: Understanding, extra: list[Understanding]) -> list[Event]:
        """A complaint we cannot judge is recorded and said to be so, at once."""
        said = meaning.concerns or next((u.concerns for u in extra if u.concerns), ())
        new = [c for c in said if c not in self.concerns]
        self.concerns.extend(new)
        return [self._say(self.protocol.message("concern", complaint=c)) for c in new]

    def _open(self, symptom: str) -> bool:
        """Neither known to be there nor confirmed either way yet."""
        known = symptom in self.findings and self.findings[symptom].status != "absent"
        return not known and f"confirm:{symptom}" not in self.answers

    def _asked_later(self, symptom: str, prompt: _Prompt) -> bool:
        """A red-flag question about ``symptom`` comes after the current question."""
        if prompt.question is None:
            return False
        ids = [q.id for q in self.protocol.questions]
        after = self.protocol.questions[ids.index(prompt.question.id) + 1:]
        return any(q.symptom == symptom and q.red_flag for q in after)

    def _confirm(self, symptom: str, interrupted: _Prompt, words: str) -> list[Event]:
        self._prompt = _Prompt("confirm", symptom=symptom, evidence=words)
        self._resume = interrupted
        return self._ask_prompt()

    def _confirmed(self, prompt: _Prompt, meaning: Understanding, said: Any) -> list[Event]:
        symptom = prompt.symptom
        value = said if said in ("yes", "no") else None
        if value is None and prompt.attempts < MAX_REPROMPTS:
            return self._reprompt(prompt, "not_understood")
        key = f"confirm:{symptom}"
        self.answers[key] = Answered(key, value or "unclear", meaning.text, 1.0)
        events: list[Event] = [self.answers[key]]
        current = self.findings.get(symptom)
        events += self._settle_unsure(symptom, value, meaning.text)
        if value == "yes":
            # The reason quotes the words that raised the red flag, not an earlier "no".
            raised = current.evidence if current and current.status != "absent" \
                else prompt.evidence or meaning.text
            self.findings[symptom] = Finding(symptom, "present", raised)
            if self._is_emergency(symptom):
                return events + self._emergency()
        elif value == "no":
            self.findings[symptom] = Finding(symptom, "absent", meaning.text)
        else:
            events.append(self._say(self.protocol.message("could_not_confirm")))
            if current is None or current.status == "absent":
                self.findings[symptom] = Finding(symptom, "uncertain",
                                                 prompt.evidence or meaning.text)
            if self._is_emergency(symptom):
                return events + self._emergency()
        resume = self._resume
        q = resume.question if resume is not None and resume.kind == "question" else None
        if q is not None and value == "no" and q.symptom == symptom and q.answer == "yesno":
            # "Do you have a fever?" - "no" answers the fever question itself: asking it
            # again could loop (the same words, heard the same way, confirmed again).
            answered = Answered(q.id, "no", meaning.text, 1.0)
            self.answers[q.id] = answered
            self._asked.append(q.id)
            events.append(answered)
        while self._pending:
            # The next red flag the same answer raised, unless settled meanwhile.
            nxt, words = self._pending.pop(0)
            settled = self.findings.get(nxt)
            if f"confirm:{nxt}" not in self.answers and not (
                    settled is not None and settled.status == "present"):
                return events + self._confirm(nxt, resume, words)
        self._prompt = resume
        if resume is None or q is None:
            return events + self._ask_prompt()
        if q.id in self.answers:
            return events + self._next_question(after=q.id)
        if resume.held is not None:
            value, words, support = resume.held
            resume.held = None
            return events + self._record(q, value, words, support)
        # Otherwise the interrupted question is asked again, and that counts toward its
        # re-prompt limit, so confirmations can never go round for ever.
        if resume.attempts >= MAX_REPROMPTS:
            return events + self._give_up(q)
        resume.attempts += 1
        return events + self._ask_prompt()

    def _settle_unsure(self, symptom: str | None, value: str | None,
                       words: str) -> list[Event]:
        """The patient's own yes or no about a symptom settles its question where that
        was left at "not sure" ("not sure" -> a borderline reading -> "do you have a
        fever?" -> "no")."""
        if value not in ("yes", "no"):
            return []
        events: list[Event] = []
        for q in self.protocol.questions:
            before = self.answers.get(q.id)
            if q.symptom == symptom and q.answer == "yesno" and before is not None and \
                    before.value == "unsure":
                self.answers[q.id] = Answered(q.id, value, words, 1.0)
                if q.id in self.unanswered:
                    self.unanswered.remove(q.id)
                events.append(self.answers[q.id])
        return events

    def _stop(self) -> list[Event]:
        self._stopped = True
        return [self._say(self.protocol.message("stopped")), *self._finish()]

    def _stop_confirmed(self, prompt: _Prompt, value: Any) -> list[Event]:
        if value == "yes":
            return self._stop()
        if value is None and prompt.attempts < MAX_REPROMPTS:
            return self._reprompt(prompt, "not_understood")
        self._prompt = prompt.then  # "no", or still unclear: carry on where we were
        return self._ask_prompt([self._say(self.protocol.message("continuing"))])

    def _emergency(self) -> list[Event]:
        self._emergency_said = True
        self._prompt = _Prompt("emergency")
        lead = [self._say(self._emergency_text())]
        return self._ask_prompt(lead)

    def _emergency_text(self) -> str:
        names = [self.protocol.symptoms[s].phrase for s, f in sorted(self.findings.items())
                 if self._is_emergency(s) and f.status != "absent"]
        return self.protocol.message(
            "emergency", number=self.settings.emergency_number, symptoms=_join(names)
        )

    def _answer(self, prompt: _Prompt, meaning: Understanding,
                decision: Decision) -> list[Event]:
        q = prompt.question
        assert q is not None
        value = meaning.value
        # What counts as clear (and when a red flag is ruled out) is decided in
        # voice/decide.py: one rule for every mode.
        if decision.action == "confirm":
            self._prompt = _Prompt("check", question=q, value=value, attempts=prompt.attempts,
                                   evidence=meaning.text)
            return self._ask_prompt()
        if decision.action != "answer":
            if meaning.suggested is not None and meaning.text and \
                    prompt.attempts < MAX_REPROMPTS:
                # The words gave no value, but answers like them do: read it back.
                self._prompt = _Prompt("check", question=q, value=meaning.suggested,
                                       attempts=prompt.attempts, evidence=meaning.text)
                return self._ask_prompt()
            if prompt.attempts < MAX_REPROMPTS:
                # Words pointing both ways ("it helps a bit but it's still there"): say
                # so, and ask the question again in its one direction.
                lead = self._clarify_lead(q) if meaning.clarify else \
                    "not_understood" if meaning.text else "nothing_heard"
                return self._reprompt(prompt, lead)
            return self._give_up(q)
        return self._record(q, value, meaning.text, decision.support)

    def _clarify_lead(self, q: Question) -> str:
        """The message before a question asked again for an unclear answer: the
        question's answer kind may have its own ("clarify_scale": pain told in words is
        asked for its number), else the general "Sorry, I'm not sure which you meant"."""
        own = f"clarify_{q.answer}"
        return own if own in self.protocol.messages else "clarify"

    def _checked(self, prompt: _Prompt, said: Any) -> list[Event]:
        """A value read back ("Did you say eight?"): "no" asks the question again;
        "yes", or no clear answer, keeps it (the higher reading is the safer one).
        A meaning read back ("So rest or pain relievers ease the pain. Is that
        right?") is kept only on a yes: the patient's words never gave it."""
        q = prompt.question
        assert q is not None
        suggested = q.meaning_of(prompt.value) is not None
        if said == "yes" and suggested:
            # Only the read-back gave the value: what it says about symptoms is said
            # now ("the pain is still bad even after rest": severe pain).
            self.findings = combine(self.findings, value_findings(
                q, prompt.value, prompt.evidence), authoritative=True)
        if said == "no" or said != "yes" and suggested:
            # Forget what the misheard value implied (never an emergency sign).
            self.findings = {s: f for s, f in self.findings.items()
                             if f.question != q.id or self._is_emergency(s)}
            self._prompt = _Prompt("question", question=q, attempts=prompt.attempts)
            if prompt.attempts < MAX_REPROMPTS:
                return self._reprompt(self._prompt, "not_understood")
            return self._give_up(q)
        return self._record(q, prompt.value, prompt.evidence, 1.0 if said == "yes" else 0.0)

    def _record(self, q: Question, value: Any, transcript: str,
                confidence: float) -> list[Event]:
        answered = Answered(q.id, value, transcript, round(confidence, 3))
        self.answers[q.id] = answered
        self._asked.append(q.id)
        events: list[Event] = [answered]
        if value == "unsure" and q.red_flag and q.id not in self.unanswered:
            self.unanswered.append(q.id)
        return events + self._next_question(after=q.id)

    def _give_up(self, q: Question) -> list[Event]:
        events: list[Event] = []
        if q.red_flag:
            self.unanswered.append(q.id)
            events.append(self._say(self.protocol.message("unanswered_red_flag",
                                                          question_text=q.text)))
        else:
            events.append(self._say(self.protocol.message("moving_on")))
        self._asked.append(q.id)
        return events + self._next_question(after=q.id)

    def _is_emergency(self, symptom: str) -> bool:
        return self.protocol.symptoms[symptom].disposition == EMERGENCY

    # -- the end -----------------------------------------------------------------

    def _unasked_red_flags(self) -> list[str]:
        values = {qid: a.value for qid, a in self.answers.items()}
        return [q.id for q in self.protocol.questions
                if q.red_flag and q.id not in self.answers and q.id not in self.unanswered
                and q.applies(values) and not self._covered(q)]

    def _covered(self, q: Question) -> bool:
        """A red flag already established (e.g. volunteered) needs no answer."""
        return q.symptom is not None and q.symptom in self.findings and (
            self.findings[q.symptom].status == "present")

    def _finish(self) -> list[Event]:
        if self.finished:
            return []
        self.finished = True
        self._prompt = None
        if self._stopped and not self._emergency_said:
            # Stopped early: what we never asked is reported, never assumed "no".
            # (After an emergency the remaining questions cannot change the outcome.)
            self.unanswered.extend(self._unasked_red_flags())
        decision = triage(self.findings, self.unanswered, self.protocol,
                          previous=self.settings.previous,
                          answers={k: a.value for k, a in self.answers.items()},
                          emergency_number=self.settings.emergency_number,
                          concerns=self.concerns)
        # Triage may add findings from the answers (a score above last time's).
        self.findings = combine(self.findings, decision.findings)
        events: list[Event] = [self._say(t) for t in self._closing(decision)]
        events.append(Finished(self.result(decision)))
        return events

    def _closing(self, decision: Triage) -> list[str]:
        m = self.protocol.message
        texts = [m("summary_intro") + " " + self._summary()]
        texts.extend(decision.messages)
        texts.append(m("goodbye"))
        return texts

    def _summary(self) -> str:
        by_status: dict[str, list[str]] = {"present": [], "uncertain": [], "absent": []}
        for symptom in self.protocol.symptoms:  # most severe first
            if symptom in self.findings:
                by_status[self.findings[symptom].status].append(
                    self.protocol.symptoms[symptom].phrase)
        parts = [self.protocol.message(f"summary_{status}", symptoms=_join(names))
                 for status, names in by_status.items() if names]
        return " ".join(parts) or self.protocol.message("summary_nothing")

    def result(self, decision: Triage) -> dict[str, Any]:
        return {
            "disposition": decision.disposition,
            "reasons": list(decision.reasons),
            "symptoms": {
                s: {"status": f.status, "evidence": f.evidence}
                for s, f in sorted(self.findings.items())
            },
            "answers": {
                qid: {"value": a.value, "transcript": a.transcript, "confidence": a.confidence}
                for qid, a in self.answers.items()
            },
            "unanswered": list(self.unanswered),
            "concerns": list(self.concerns),
            "completed": not self._stopped,
            "emergency_number": self.settings.emergency_number,
            "spoken": list(self.spoken),
        }


def _value(decision: Decision) -> Any:
    """The answer the decision settled on, or None when it asks again."""
    return decision.meaning.value if decision.action == "answer" else None


def _understood(u: Understanding) -> bool:
    """Something in the answer made sense beyond free text: a value, a symptom, meta."""
    return u.meta is not None or bool(u.symptoms) or (
        u.value is not None and u.kind != "free")


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
