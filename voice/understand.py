"""One answer, as text, to what it means: the answer value, symptoms, meta request.

Pure: ``understand(text, protocol, question)`` depends only on its arguments. Every
answer is scanned for every symptom phrase whatever the question (a red flag said out
of turn is never lost); negation and hedging decide each symptom's status (see
voice.negation). Conservative by construction: a hedge never yields "absent", and
"I'm not sure" is the value "unsure", never "no".
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, TypeVar

from voice import double_negatives, relative
from voice.complaints import load_complaints
from voice.concepts import ConceptMatch, load_concepts
from voice.negation import (
    PRE,
    PSEUDO,
    TERMINATE,
    Rules,
    Scope,
    about_the_rest,
    in_simile,
    of_another,
    phrase_spans,
    scopes,
    triggers_in,
)
from voice.normalize import BREAK, tokens
from voice.numbers import WORDS, Number, find_numbers
from voice.phrases import Match
from voice.protocol import SYMPTOM_IDS, TOPIC, Lexicon, Protocol, Question
from voice.similarity import Likeness, content_words, load_net

_Said = TypeVar("_Said", Number, Match[str])  # something said at a place in the words

PRESENT, UNCERTAIN, ABSENT = "present", "uncertain", "absent"
_RANK = {ABSENT: 0, UNCERTAIN: 1, PRESENT: 2}
_NEAR_WINDOW = 4
_DENIED_PLACE = 3  # "not [my] legs": a place within this many words after a negation
_ORDER = {s: i for i, s in enumerate(SYMPTOM_IDS)}
# Words after which a subject starts no report in a question back: it describes the
# sense asked about ("do you mean weak LIKE they won't work?", "numb AS IN i can't feel
# them?") or is asked about ("do you mean HAVE i wet myself?"). "Is" and "was" are not
# among them: "what's weird IS i can't feel my feet" reports.
_ASKING = frozenset({"like", "as", "in", "if", "when", "where", "that", "have", "has",
                     "had", "am", "are", "were", "do", "does", "did", "can", "could",
                     "should", "would", "will"})
# Nor does "my" after one of these: "what do you mean, sick TO MY stomach?"
_PREPOSITIONS = frozenset({"to", "in", "into", "of", "with", "on", "at", "from", "by",
                           "for", "about", "under", "round", "around", "down", "up"})

Value = str | int | float | None


@dataclass(frozen=True)
class Finding:
    symptom: str
    status: str  # present | uncertain | absent
    evidence: str  # the patient's words (normalised)
    question: str | None = None  # set when the finding is the answer to that question

    def to_dict(self) -> dict[str, Any]:
        return {"symptom": self.symptom, "status": self.status, "evidence": self.evidence,
                "question": self.question}


@dataclass(frozen=True)
class Understanding:
    text: str  # normalised
    value: Value  # "yes" | "no" | "unsure" | int | float | choice id | free text | None
    kind: str | None  # the answer type of ``value`` (yesno, scale, ...), None if no value
    symptoms: tuple[Finding, ...]
    meta: str | None = None  # repeat | slower | faster | help | stop | back
    hedged: bool = False  # a yes said with "a little", "maybe", ...
    unit: str | None = None  # "C" or "F" for a temperature
    question: str | None = None
    # Symptoms a hint word points at ("my leg...") that no phrase settled: the dialog
    # asks about a red flag among them rather than rule it out or pass it by.
    hinted: tuple[str, ...] = ()
    # Complaints the protocol does not cover ("i fainted"), in the patient's own words
    # (the answer as given, not normalised): the check-in cannot judge them, says so,
    # and the result is at least urgent.
    concerns: tuple[str, ...] = ()
    # The answer's words point both ways at its question ("it helps a bit but it's
    # still there"): no value, and the dialog asks one clarifying question.
    clarify: bool = False
    # Hinted symptoms that only the similarity model pointed at (a subset of hinted).
    similar: tuple[str, ...] = ()
    # The words gave no value, but most of the closest written answers at this
    # question give this one: the dialog reads it back ("So rest or pain relievers
    # ease the pain. Is that right?") and only a yes keeps it.
    suggested: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text, "question": self.question, "kind": self.kind,
            "value": self.value, "hedged": self.hedged, "unit": self.unit, "meta": self.meta,
            "symptoms": [f.to_dict() for f in self.symptoms],
            "hinted": list(self.hinted), "concerns": list(self.concerns),
            "clarify": self.clarify, "similar": list(self.similar),
            "suggested": self.suggested,
        }


def understand(text: str, protocol: Protocol, question: Question | None = None) -> Understanding:
    meaning = _read(text, protocol, question)
    # A complaint is recorded and said back as the patient said it, not as normalised
    # for reading ("a HOT WATER BOTTLE", not "a hotwaterbottle"; "wee bit", "do not").
    # Only here, at the edge: the readings of an answer's parts inside (_read calls
    # itself) pass on whether there is a complaint, never its words.
    own = " ".join(text.split())
    return replace(meaning, concerns=(own,)) if meaning.concerns and own else meaning


def _read(text: str, protocol: Protocol, question: Question | None = None) -> Understanding:
    words = tokens(text)
    said = " ".join(w for w in words if w != BREAK)
    if question is not None and question.answer == "scale":
        words = _scores_only(words, protocol, question)
    qid = question.id if question else None
    meta = _meta(words, protocol)
    if meta is None:
        lex = protocol.lexicon
        opener = _opener(words, lex, _skip(words, 0, lex.fillers | {BREAK})) \
            if question is not None else None
        meta = _not_yet(words, protocol, question, opener)
        if meta is None and opener is None and (run := _topic_run(words, protocol, question)):
            # "numb? WHAT DO YOU MEAN, numb?": a question back after the topic named
            # (its first words may be the question's own: "what", "do you"); help only,
            # its words are read as said otherwise.
            back = next((o for at in range(1, run + 1)
                         if (o := _opener(words, lex, at)) is not None
                         and TOPIC in o.payload), None)
            meta = _not_yet(words, protocol, question, back) if back else None
        if meta is not None:
            return Understanding(said, None, None, (), meta, question=qid)
        if opener is not None:
            # "IS IT NORMAL for them to shake?": the words of the patient's own question
            # ("normal", "okay") are no answer to ours.
            words = (*words[:opener.start], BREAK, *words[opener.end:])
    if meta is None:
        words = double_negatives.concord(words, protocol.lexicon.negation)
        twice = double_negatives.denied_statement(words, protocol.lexicon.negation)
        cancelled = _cancelled(twice, said, protocol, question) if twice else None
        if cancelled is not None:
            return cancelled
    words = _paired(words, protocol, question)
    echo = range(_echo(words, protocol, question)) or _restart(words, protocol, question)
    choices, of_now, of_moments = _choices_said(words, protocol, question)
    # The question's content explains the symptom phrases it covers; so does a choice
    # said of an earlier time or another pain ("better, but my head's WORSE").
    explain = [(m.start, m.end) for m in choices if m not in of_now] if choices \
        else relative.spans(words, protocol, question)
    findings, used, away, doubted = _scan(words, said, protocol, question, explain, echo)
    used.update(range(echo.stop))  # words before a restart answered something else
    findings.extend(_temperature_findings(words, said, protocol, question))
    hinted = _hinted(words, used, findings, protocol)  # before the answer adds its own
    complaints = load_complaints(protocol).find(
        words, protocol, used, said={f.symptom for f in findings if f.status != ABSENT})
    # A complaint and its hedge are no answer words: "no, but i'm A BIT constipated"
    # at the bladder question is a no (and a concern), not a hedged yes.
    used.update(i for s, e in complaints for i in range(s, e))
    concerns = (said,) if (complaints or away) and meta is None else ()

    value: Value = None
    hedged = False
    clarify = False
    unit = None
    if meta is None and question is not None and question.answer == "scale":
        value = _scale(words, protocol, question)
        if value is None:
            value = _scale_fallback(words, used, protocol, question)
        # "A HUNDRED", "a million": far past the top, no score to take -- ask which;
        # so is pain told in words ("MILD", "IT HURTS A LOT": concepts.yaml, symptoms).
        clarify = value is None and (any(
            n.value > 2 * (question.range or (0, 10))[1] for n in find_numbers(words))
            or _status_of(findings, question.affirms) == PRESENT
            or _status_of(findings, question.severe_symptom) in (PRESENT, UNCERTAIN))
        score = value if isinstance(value, int | float) else None
        if score is not None and question.affirms and score > (question.range or (0, 10))[0]:
            findings.append(Finding(question.affirms, PRESENT, said, qid))  # "three": some pain
        if score is not None and question.severe_from is not None \
                and score >= question.severe_from and question.severe_symptom:
            findings.append(Finding(question.severe_symptom, PRESENT, said, qid))
    elif meta is None and question is not None and question.answer == "choice":
        value, also = _choice(words, of_now, protocol, question)
        if of_moments:
            # "Worse when I sit up, better when I lie down": not since it started; ask.
            value, also, clarify = None, frozenset(), True
        findings.extend(value_findings(question, value, said,
                                       spoken_of={f.symptom for f in findings}))
        # The other choices' red flags stay open (asked about, never ruled out) where the
        # answer leaves them so: one said of now beside the choice taken ("the same,
        # maybe a touch WORSE"), or any when the choice is said unsure ("I'm not sure,
        # it comes and goes").
        unsure = value not in (None, "unsure") and _yes_no(words, used, protocol)[0] == "unsure"
        findings += [Finding(c.symptom, UNCERTAIN, said, qid) for c in question.choices
                     if c.symptom and c.id != value and (unsure or c.id in also)]
    elif meta is None and question is not None and question.answer == "temperature":
        reading = _reading(words, protocol, any_number=True)
        if reading is not None:
            value, unit = reading[0], reading[1]
        else:
            value, _ = _yes_no(words, used, protocol)
            value = "unsure" if value in ("unsure", "no") else None
    elif meta is None:
        said_content = relative.Reading(None)
        if question is not None and question.answer == "yesno":
            own = _status_of(findings, question.symptom) if question.symptom else None
            implied = _status_of(findings, question.implied_by) if question.implied_by \
                else None
            if own is None and implied in (PRESENT, UNCERTAIN):
                own = implied  # "it's killing me" at "any pain in your back?" is a yes
            said_content = relative.content(words, protocol, question, own)
        value, hedged = _yes_no(words, used | said_content.used | _answered_elsewhere(
            words, protocol, question), protocol)
        if value is None and question is not None and question.symptom in away:
            value = "no"  # "my ARM went numb" at the legs question: not the legs (a concern)
        if said_content.ambiguous and question is not None and not question.red_flag:
            # Both ways at a question that asks for no red flag ("sitting's ok, it's
            # STANDING that sets it off"): the symptom, hedged, rather than ask again.
            value, hedged = "yes", True
        elif said_content.ambiguous or (said_content.turned and value in ("yes", "no")
                                        and value != said_content.value
                                        and protocol.asks_emergency(question)):
            value, hedged, clarify = None, False, True
        elif said_content.value is not None:
            # Content decides: "yes, the ibuprofen helps" is a no to "still bad?".
            # A plain "yes" agreeing with the content keeps it plain ("yeah they're weak")
            # -- not one agreeing with an all-clear said with a hedge ("I think I'm fine,
            # YEAH"): that stays open, asked about.
            plain = value == said_content.value and (
                question is None or question.symptom not in doubted)
            value, hedged = said_content.value, hedged if plain else said_content.hedged
            if value == "unsure" and question is not None:
                # "Fine, but I haven't tried getting up": not known, so nothing it said
                # rules the question's symptom out.
                findings = [f for f in findings
                            if f.symptom != question.symptom or f.status != ABSENT]
        if value == "no" and question is not None and question.since and _no_longer(
                words, protocol) and _status_of(findings, question.symptom) is None:
            # A bare "NOT ANYMORE" to "have you had a fever since the procedure?": there
            # was one since, now gone -- a yes, hedged, as "had one but it's gone now".
            # (With the symptom named, "they're not WEAK anymore", it stays resolved.)
            value, hedged = "yes", True
        after = _taken_back(words, protocol) if question is not None \
            and question.answer == "yesno" else None
        if after is not None:
            # "No... actually there was a fair bit on my nightie": the words after the
            # correction answer, a yes only hedged (it began with a no); if they say
            # nothing this question reads, ask.
            again = _read(" ".join(after), protocol, question)
            if again.value is None and not again.clarify and value == "yes":
                # "Yes, MIND YOU it's only since my tablet": words that answer nothing
                # take nothing back from a yes (a yes kept is the safe side).
                hedged = True
            else:
                value, clarify = again.value, again.clarify or again.value is None
                hedged = again.hedged or value == "yes"
        changed = _changed(words, protocol, question) if after is None \
            and question is not None and question.answer == "yesno" and value != "yes" \
            else None
        if changed == "yes":
            # "I was fine TILL an hour ago, THEN I lost it", "yesterday the tablets
            # worked, today they don't": what is said of now answers -- only ever
            # towards a yes (what went away is still asked about).
            value, hedged, clarify = "yes", False, False
        reading = _reading(words, protocol, any_number=True) if value in ("yes", "no") \
            and question is not None and question.readings else None
        if reading is not None and reading[2] == ABSENT and value == "yes":
            # "Yes, but it was only thirty seven point two": the yes and the reading
            # disagree; ask rather than take either.
            value, hedged, clarify = None, False, True
            findings = [f for f in findings if f.symptom != question.symptom]  # asked again
        elif reading is not None and reading[2] == UNCERTAIN:
            # "No, it was thirty seven point eight": a borderline reading is neither a
            # yes nor a no; the reading is the answer's finding (uncertain).
            value, hedged = "unsure", False
            findings = [f for f in findings if f.symptom != question.symptom]
        if question is not None:
            findings.extend(value_findings(question, value, said, hedged,
                                           spoken_of={f.symptom for f in findings}))
        # Free text: "no" / "nothing else" ends it; anything else is kept as said.
        if question is not None and question.answer == "free" and said and (
                value != "no" or any(f.status != ABSENT for f in findings)):
            value = said
    kind = None
    if meta is None and value is not None:
        kind = question.answer if question is not None else "yesno"
    similar, suggested = ((), None) if meta is not None else _similar(
        said, protocol, question, findings, hinted, value, clarify,
        unexplained=not findings and not concerns and not clarify and (
            value is None or kind == "free" and value != "no"))
    return Understanding(said, value, kind, _merge(findings), meta, hedged, unit, qid,
                         tuple(dict.fromkeys(hinted + similar)), concerns, clarify, similar,
                         suggested)


def _cancelled(twice: double_negatives.DeniedStatement, said: str, protocol: Protocol,
               question: Question | None) -> Understanding | None:
    """A statement that denies something, itself denied ("i wouldn't say i haven't had
    one"): the denials cancel into a weak yes. Its denials become uncertain and a "no"
    a hedged yes; the words before and after are read on their own. A statement whose
    own denial says a lesser symptom ("it's not that they DON'T HELP") is denied whole:
    a no. None when the statement denies nothing ("not that i've noticed": an ordinary
    negation), or when what it denies is an emergency sign ("it's not that i can't
    feel them": NegEx leaves it uncertain, and the dialog asks)."""
    inner = _read(" ".join(twice.statement), protocol, question)
    answer = question.answer if question is not None else "yesno"
    # Never an emergency sign ruled out on a litotes (round 15): that stays a weak yes,
    # asked about.
    turned = inner.value == "yes" and answer == "yesno" and not inner.hedged \
        and _denies(twice.statement, protocol.lexicon.negation) and not any(
            protocol.symptoms[f.symptom].emergency for f in inner.symptoms
            if f.status != ABSENT)
    denied_yes = not turned and answer == "yesno" and _affirms(twice.statement, inner,
                                                                protocol, question)
    if inner.value != "no" and all(f.status != ABSENT for f in inner.symptoms) \
            and not turned and not denied_yes:
        return None
    findings = [replace(f, status=UNCERTAIN) if f.status == ABSENT else f
                for f in inner.symptoms
                # At a scale or choice question the value's own findings go with it.
                if answer in ("yesno", "free") or f.question is None]
    value: Value = inner.value
    if turned or denied_yes:
        # "It's not as though they AREN'T WORKING", "i can't say it is": what the
        # statement says is denied.
        value = "no"
        findings = [replace(f, status=ABSENT) for f in findings if f.question is None]
        findings.extend(value_findings(question, value, said) if question else [])
    elif answer == "yesno" and inner.value == "no":
        value = "yes"
        findings.extend(value_findings(question, value, said, hedged=True) if question else [])
    elif answer == "free":
        value = said
    elif answer != "yesno" and value is not None:
        value = None  # "i wouldn't say it isn't getting better": which way, then?
    parts = [_read(" ".join(p), protocol, question)
             for p in (twice.before, twice.after) if any(w != BREAK for w in p)]
    values = {v for v in [value, *(p.value for p in parts)] if v is not None}
    if answer == "yesno" and len(values) > 1:
        value = "yes" if "yes" in values else "unsure"  # "no, i wouldn't say it isn't"
        # What the statement's "no" ruled out stays open: the answer is not a no.
        findings = [f for f in findings if f.status != ABSENT or question is None
                    or f.symptom != question.symptom]
    elif value is None and values and answer != "free":
        value = next(iter(values)) if len(values) == 1 else None
    everything = (inner, *parts)
    findings.extend(f for p in parts for f in p.symptoms)
    clarify = value is None and (answer != "yesno" or any(p.clarify for p in everything))
    hinted = tuple(dict.fromkeys(h for p in everything for h in p.hinted))
    similar = tuple(dict.fromkeys(h for p in everything for h in p.similar))
    return Understanding(
        said, value, answer if value is not None else None, _merge(findings), None,
        hedged=value == "yes", unit=next((p.unit for p in everything if p.unit), None),
        question=question.id if question else None, hinted=hinted,
        concerns=(said,) if any(p.concerns for p in everything) else (), clarify=clarify,
        similar=similar)


def _affirms(statement: tuple[str, ...], inner: Understanding, protocol: Protocol,
             question: Question | None) -> bool:
    """Whether a denied statement affirms nothing but the answer ("i can't say IT IS",
    "can't say that I HAVE") or holds a word said only under a denial ("can't say i've
    noticed ANY"), and names no symptom: denied, it is a no (negation.yaml
    ``denied_affirmation``). ``inner``: the statement already read on its own."""
    rules = protocol.lexicon.negation
    words = statement[1:] if statement[0] in rules.complementizers else statement
    if not words or words[0] in rules.whether or _denies(words, rules):
        return False
    if words != statement:  # read again without "that" ("can't say THAT i have")
        inner = _read(" ".join(words), protocol, question)
    if any(f.question is None for f in inner.symptoms) or inner.concerns or inner.clarify:
        return False  # "i wouldn't say my legs are numb": NegEx reads a symptom named
    # By answer words only: "i wouldn't call it PAIN, more stiff" denies a name, not
    # the soreness the question's own word says.
    value, hedged = _yes_no(words, frozenset(), protocol)
    if value == "yes":
        # "I can't say YES": the answer word itself, not said for sure (asked again).
        return not hedged and inner.value == "yes" and not any(
            "yes" in m.payload for m in _bare_answers(words, protocol.lexicon))
    return value is None and inner.value is None and \
        next(phrase_spans(words, rules.polarity_items), None) is not None


def value_findings(question: Question, value: Value, evidence: str,
                   hedged: bool = False, spoken_of: Collection[str] = ()) -> list[Finding]:
    """What an answer value says by itself at a yes/no or choice question: "yes" to
    "any weakness in your legs?" is weakness, "worse" at the trend question severe
    pain, any answer to a follow-up the symptom it presumes, unless the answer's own
    words (``spoken_of``: the symptoms they speak of) say otherwise. (Also what a
    value read back and confirmed says: voice/dialog.py.)"""
    out: list[Finding] = []
    if question.presumes and value is not None and question.presumes not in spoken_of:
        out.append(Finding(question.presumes, PRESENT, evidence, question.id))
    if question.answer == "choice" and value not in (None, "unsure"):
        symptom = question.choice(str(value)).symptom
        out += [Finding(symptom, PRESENT, evidence, question.id)] if symptom else []
    elif question.answer == "yesno" and value in ("yes", "no") and question.symptom:
        status = ABSENT if value == "no" else UNCERTAIN if hedged else PRESENT
        out.append(Finding(question.symptom, status, evidence, question.id))
    return out


# -- meta --------------------------------------------------------------------------


def _meta(words: tuple[str, ...], protocol: Protocol) -> str | None:
    lex = protocol.lexicon
    core = tuple(w for w in words if w != BREAK and w not in lex.meta_fillers
                 and w not in lex.fillers)
    return lex.meta.get(core) if core else None


def _not_yet(words: tuple[str, ...], protocol: Protocol, question: Question | None,
             opener: Match[str] | None) -> str | None:
    """The meta of an answer that is not one yet, by its opener (answers.yaml): a
    question back about the question ("what do you mean by a fever?", "what counts as
    significant?": help), another question instead of an answer ("which tablets am i
    allowed?": help, not at the free question) or a wait ("hold on, let me get my son
    to look": wait). Only when the words after the opener name no complaint, no answer
    word (a measure is a topic: "how much is A LOT?"), no number and no symptom -- after
    a question back, none but the question's own (the topic asked about); after another
    question, read at the question, nothing
    that answers it or points at a symptom: "what do you mean, my legs are numb", "you
    mean a temperature? yes", "what counts as a fever? i was thirty eight", "which one,
    my leg" and "hang on, i've got a fever" are read as said. A question back may also
    come last ("numb HOW?": help; "i dribble a little, IS THAT WHAT YOU MEAN?" is read as
    said)."""
    if question is None:
        return None
    lex = protocol.lexicon
    if opener is not None:
        meta, rest, back = opener.payload[0], words[opener.end:], TOPIC in opener.payload
    elif (last := _closer(words, lex)) is not None:  # "numb HOW?": said last
        meta, rest, back = last.payload[0], words[:last.start], True
    elif (sense := _senses_offered(words, protocol)) is not None:  # "weak AS IN tired OR"
        meta, rest, back = "help", words[:sense], True
    else:
        return None
    own: set[str | None] = set()
    if back:
        rest = rest[:_other_sense(rest, lex)]  # "do you mean weak OR JUST sore?"
        if _states(rest, protocol, question):
            return None
        topic = _read(" ".join(rest), protocol)
        own = {question.symptom, question.presumes, question.affirms}
    elif meta == "help":
        if question.answer == "free":
            return None  # "am i allowed a shower?" at "anything else?" is a remark
        # Read at the question: "where's the fever meant to be, i'm boiling" is a fever.
        topic = _read(" ".join(rest), protocol, question)
        if topic.value is not None or topic.clarify or topic.hinted:
            return None
    else:
        if question.answer != "free" and \
                _read(" ".join(rest), protocol, question).value is not None:
            return None  # "hang on... it's BETTER": the answer after the wait
        topic = _read(" ".join(rest), protocol)
    said_nothing = not topic.concerns and all(f.symptom in own for f in topic.symptoms) \
        and all(_measure(m, lex) for m in lex.answers.find(rest, fuzzy=False)) \
        and rest not in lex.alone \
        and not find_numbers(rest)
    return meta if said_nothing else None


def _states(rest: tuple[str, ...], protocol: Protocol, question: Question) -> bool:
    """Whether the words after a question back say something: they open with a
    statement opener ("what do you mean, MY legs are numb"), hold a subject with its
    verb ("how much is significant, IT'S soaked the dressing"), or a subject later on
    starts a report of a symptom or complaint, read at the question ("what do you mean
    numb, I can't feel my feet", "do you mean weak? THEY just give way", "what's wrong
    is MY legs are numb"). A subject after a word that asks or describes ("do you mean
    LIKE they won't work?", "do you mean HAVE i wet myself?") starts no report, and
    neither does one that says nothing ("did you say fever? I didn't catch it")."""
    openers = protocol.answers.statement_openers
    first = _skip(rest, 0, protocol.lexicon.fillers | {BREAK})
    if first < len(rest) and rest[first] in openers or any(
            w in openers and w.endswith(("'s", "'re", "'m", "'ve")) for w in rest):
        return True
    later = next((i for i, w in enumerate(rest) if i > first and w in openers
                  and rest[i - 1] not in _ASKING
                  and not (w == "my" and rest[i - 1] in _PREPOSITIONS)), None)
    if later is None:
        return False
    report = _read(" ".join(rest[later:]), protocol, question)
    return any(f.status != ABSENT for f in report.symptoms) or bool(report.concerns)


def _other_sense(rest: tuple[str, ...], lex: Lexicon) -> int:
    """Where another sense is offered after the topic of a question back ("do you mean
    weak OR JUST sore?": senses_asked `offered`), else the end: what follows it is
    offered, not said."""
    return min((m.start for m in lex.senses.find(rest, fuzzy=False)
                if m.payload == ("offered",) and m.start), default=len(rest))


def _opener(words: tuple[str, ...], lex: Lexicon, start: int) -> Match[str] | None:
    """The longest opener that starts at ``start`` ("what do you mean by", "did you
    say", "hold on"), if one does; its payload is its meta."""
    return max((m for m in lex.openers.find(words, fuzzy=False) if m.start == start),
               key=lambda m: m.end, default=None)


def _senses_offered(words: tuple[str, ...], protocol: Protocol) -> int | None:
    """Where the first of two senses offered starts ("weak AS IN tired OR AS IN can't
    move them?", "a fever AS IN a temperature OR JUST feeling rotten?"): a sense marker,
    then an alternative that offers another sense (a marker soon after it, or an
    offering phrase). The words before it are the topic asked about. None when a sense
    is only described ("numb as in i can't feel my feet OR toes")."""
    asked = protocol.answers.senses_asked
    found = protocol.lexicon.senses.find(words, fuzzy=False)
    senses = [m.start for m in found if m.payload == ("sense",)]
    if asked is None or not senses:
        return None
    first = min(senses)
    for alt in (m for m in found if m.start > first and m.payload != ("sense",)):
        if alt.payload == ("offered",) or any(
                alt.end <= s <= alt.end + asked.within for s in senses):
            return first
    return None


def _closer(words: tuple[str, ...], lex: Lexicon) -> Match[str] | None:
    """The longest question back that ends the answer ("numb HOW?", "lost control, HOW
    DO YOU MEAN?"), if one does; its payload is its meta."""
    end = _back_to(words, len(words), lex.fillers | {BREAK})
    return min((m for m in lex.asked_last.find(words[:end], fuzzy=False) if m.end == end),
               key=lambda m: m.start, default=None)


# -- symptoms ------------------------------------------------------------------------


def _scan(words: tuple[str, ...], said: str, protocol: Protocol,
          question: Question | None = None,
          content: list[tuple[int, int]] | None = None, echo: range = range(0),
          ) -> tuple[list[Finding], set[int], frozenset[str], frozenset[str]]:
    """Every symptom phrase and concept with its status; also the positions used, the
    symptoms said of another part of the body ("my ANKLE's swollen": a complaint, not
    the protocol's symptom; voice.complaints.Elsewhere), and those found only in an
    all-clear said with a hedge ("I THINK I'm FINE": uncertain, never a symptom said).
    ``content``: where the question's own content phrases are (they explain the
    symptom phrases they overlap). ``echo``: words that repeat the question ("fever?
    no"): no phrase or concept in them is read."""
    lex = protocol.lexicon
    content = content or []
    every_concept = load_concepts(protocol)
    # An all-clear about the rest ("yes, but i'm FINE OTHERWISE") clears nothing.
    def rest(start: int, end: int, statuses: Iterable[str]) -> bool:
        return all(st == ABSENT for st in statuses) and about_the_rest(
            words, start, end, lex.negation)

    matches = [m for m in lex.symptoms.find(words, known=every_concept.words)
               if not relative.explained(m.start, m.end, content) and m.start not in echo
               and not rest(m.start, m.end, (st for _, st in m.payload))]
    # The question's place: its own symptom's concepts and those of the same place
    # need no "where" part ("they keep giving way").
    own = question.symptom if question is not None else None
    implied = (own, *question.same_place) if question is not None and own else ()
    # Concepts ("my KNEES BUCKLED") are scoped like phrases, over their last part;
    # where a listed phrase of the same symptom covers the same words, it decides. A
    # place's other symptom is only raised there, never denied ("all good" at the
    # numbness question says nothing about weakness).
    phrased = {(s, i) for m in matches for s, _ in m.payload for i in range(m.start, m.end)}
    concepts = [c for c in every_concept.find(words, implied, question and question.id)
                if not relative.explained(c.start, c.end, content) and c.start not in echo
                and not any((c.label, i) in phrased for i in range(c.start, c.end))
                and not (c.implied and c.label != own and c.status == ABSENT)
                and not rest(c.start, c.end, (c.status,))]
    # Words that another symptom's phrase or concept claimed ("I FEEL HOT": a fever)
    # are not also the question's implied concept ("hot" at the site question); the
    # question's own symptom claims them from the place's others ("stuff SEEPING out"
    # at the infection question is discharge, not bleeding).
    claimed = [(s, m.start, m.end) for m in matches for s, _ in m.payload]
    claimed += [(c.label, c.start, c.end) for c in concepts
                if not c.implied or c.label == own]
    concepts = [c for c in concepts if not c.implied or not any(
        s != c.label and start < c.end and c.start < end for s, start, end in claimed)]
    # ... and its own concept kept to the question claims them from another symptom's
    # concept ("IT FEELS HOT when i touch it" at the site question: the site's warmth,
    # not "I ... hot", a fever); a listed phrase still decides ("I'M BOILING").
    kept_own = [(c.start, c.end) for c in concepts if c.label == own and c.kept]
    concepts = [c for c in concepts if c.label == own or not any(
        start < c.end and c.start < end for start, end in kept_own)]
    matches = _tighter(matches, concepts)
    # A concept that named its own place ("blood ... from the DRESSING") is located by
    # it; phrases and concepts completed by the question may be said of another part.
    placed = {len(matches) + k for k, c in enumerate(concepts) if not c.implied}
    composed = set(range(len(matches), len(matches) + len(concepts)))
    heads = [m.start for m in matches] + [min(c.words[0], c.start) for c in concepts]
    matches += [Match(c.start, c.end, words[c.start:c.end], ((c.label, c.status),), 100.0)
                for c in concepts]
    elsewhere = load_complaints(protocol).elsewhere
    every = triggers_in(words, lex.negation, [])
    stops = frozenset(i for t in every if TERMINATE in t.payload for i in range(t.start, t.end))
    # "NOT MY LEGS", "no, my BACK's fine": a place denied right after a negation does
    # not keep a symptom said of another part in the same clause.
    denied = frozenset(i for t in every if PRE in t.payload
                       for i in _denied(words, t.end, stops))
    # So does a place said to be fine ("my LEGS ARE FINE, it's my arms that feel weak").
    denied |= frozenset(i for m in matches if all(st == ABSENT for _, st in m.payload)
                        for i in range(m.start, m.end))
    keep = [k for k, m in enumerate(matches) if k in placed or not all(
        elsewhere.away(words, m.start, m.end, symptom, stops, denied)
        for symptom, _ in m.payload)]
    away = [m for k, m in enumerate(matches) if k not in keep]
    composed = {keep.index(k) for k in composed if k in keep}
    matches = [matches[k] for k in keep]
    heads = [heads[k] for k in keep]
    spans = [(m.start, m.end) for m in matches]
    taken = [i for s, e in spans for i in range(s, e)]
    # A negation inside the question's own content ("it WON'T go away" at the relief
    # question) is read with that content, and negates nothing said after it.
    explained = {i for s, e in content for i in range(s, e)}
    # A negation that denies a reassuring word with no symptom phrase in it ("i HAVEN'T
    # BEEN WELL, hot and cold all day") has that word for its object: it negates
    # nothing said after it. ("My legs DON'T FEEL NORMAL" is a phrase: read as one.)
    reassured = _reassurances_denied(words, lex, set(taken))
    triggers = [t for t in triggers_in(words, lex.negation, taken)
                if not (PRE in t.payload and (t.start in explained or t.start in reassured))]
    # A complaint named between a negation and a phrase takes the negation ("i'm not
    # DIZZY, numbness in my legs"), as another symptom's phrase does (looked for only
    # when there is a negation to take).
    named = matches + [Match(s, e, words[s:e], ((COMPLAINT, ABSENT),), 100.0)
                       for s, e in load_complaints(protocol).spans(words)] \
        if triggers else matches
    found: list[Finding] = []
    used = set(taken)
    doubted: set[str] = set()  # uncertain only because an all-clear was hedged
    said_so: set[str] = set()  # present or uncertain by words that say the symptom
    in_scope = scopes(words, spans, lex.negation, triggers, heads)
    for k, (m, scope) in enumerate(zip(matches, in_scope, strict=True)):
        if scope.negated or scope.resolved or scope.hedged:
            used.update(range(scope.start, scope.end))
        # (An item of a list is denied by its own word, never by another's.)
        if scope.negated and not scope.item and of_another(
                words, m, named, triggers, lex.negation,
                same=lambda a, b: _labels(a) == _labels(b)):
            scope = replace(scope, negated=False)
        if scope.after_phrase is not None and (own in _labels(m) or all(
                st == ABSENT for _, st in matches[scope.after_phrase].payload)):
            # The "no" after an all-clear goes on denying ("legs fine, NO numbness"); at
            # a question, one before its own symptom answers it ("headache, NO fever").
            scope = replace(scope, after_phrase=None)
        for symptom, listed in m.payload:
            since = question is not None and question.since and symptom == question.symptom
            status = _status(words, m, listed, scope, symptom, protocol, since,
                             composed=k in composed)
            found.append(Finding(symptom, status, said))
            if status != ABSENT:
                hedged_all_clear = listed == ABSENT and scope.hedged and not scope.negated
                (doubted if hedged_all_clear else said_so).add(symptom)
    elsewhere_symptoms, elsewhere_words = _said_away(words, away, protocol)
    return found, used | elsewhere_words, elsewhere_symptoms, frozenset(doubted - said_so)


def _labels(m: Match[Any]) -> set[str]:
    return {symptom for symptom, _ in m.payload}


def _tighter(matches: list[Match[Any]], concepts: list[ConceptMatch]) -> list[Match[Any]]:
    """The phrases, less each that only says what a sure concept of another symptom
    says of the place named before it: "it's my HEAD that HURTS" is the headache's,
    not the back's "hurts". (An uncertain concept leaves the other reading possible:
    "a WET patch on the DRESSING" may be blood or discharge; a place named after is
    not the one: "it's my back that HURTS, NOT MY HEAD".)"""
    def inside(m: Match[Any], c: ConceptMatch) -> bool:
        lo, hi = c.words
        return not c.implied and not c.after and c.status == PRESENT \
            and c.label not in _labels(m) and c.start <= m.start and m.end <= c.end \
            and m.end - m.start < hi - lo

    return [m for m in matches if not any(inside(m, c) for c in concepts)]


def _reassurances_denied(words: tuple[str, ...], lex: Lexicon, taken: set[int]) -> set[int]:
    """The positions of each denied reassurance ("i HAVEN'T BEEN WELL") that no symptom
    phrase overlaps."""
    return {i for span in double_negatives.reassurance_denials(words, lex.negation)
            if not taken.intersection(span) for i in span}


def _denied(words: tuple[str, ...], start: int, stops: frozenset[int]) -> range:
    """The words a negation ending at ``start`` may deny as a place: a few, up to the
    end of its clause ("no BUT my neck ..." denies nothing)."""
    end = start
    while end < min(start + _DENIED_PLACE, len(words)) and words[end] != BREAK \
            and end not in stops:
        end += 1
    return range(start, end)


def _echo(words: tuple[str, ...], protocol: Protocol, question: Question | None) -> int:
    """How many words at the front only repeat the question's topic before a "no":
    "fever? no, i don't think so", "numb? no", "bleeding -- nope", "headache, A
    HEADACHE? no", "control, my bladder, lost control? no" (or "not sure": "fever? I
    DUNNO"). Such an echo is the patient checking what was asked, not a report of the
    symptom: the "no" after it decides; so do the words of a question back before it
    ("did you say fever? no", "numb, HOW DO YOU MEAN? no"). Before a "yes" the words
    are the report itself ("nauseous, yeah"). 0 when there is no echo."""
    at = _topic_run(words, protocol, question)
    if not at or question is None:
        return 0
    lex = protocol.lexicon
    # "A fever, DID YOU SAY? No, dear", "numb, HOW DO YOU MEAN? no": a question back
    # between them. It may start inside the run ("bleeding, YOU SAID? no": "you" is a
    # word of the question), and the topic may follow it again ("fever, did you say,
    # A FEVER? no").
    back = [o.end for o in lex.openers.find(words, fuzzy=False)
            if o.start <= at < o.end and TOPIC in o.payload]
    back += [o.end for o in lex.asked_last.find(words, fuzzy=False) if o.start <= at < o.end]
    if back:
        at = _skip(words, max(back), lex.fillers | {BREAK})
        at += _topic_run(words[at:], protocol, question)
    answer = [a for a in lex.answers.find(words[at:], fuzzy=False) if a.start == 0]
    if not answer or not set(answer[0].payload) <= {"no", "unsure"} or words[at - 1] in _ASKING:
        return 0  # "you mean LIKE no feeling?": a "no" that describes
    if len(answer[0].phrase) == 1 and _denies_other(words, at + 1, protocol, question):
        return 0  # "numbness in my legs, NO CHEST PAIN": the "no" is the chest pain's
    # The "no" is an answer, not a word of a report ("my legs have NO POWER").
    implied = (question.symptom, *question.same_place)
    reports = [(m.start, m.end) for m in lex.symptoms.find(words)
               if (question.symptom, ABSENT) not in m.payload] + [
        (c.start, c.end) for c in load_concepts(protocol).find(words, implied, question.id)
        if c.label == question.symptom and c.status != ABSENT]
    if any(start <= at < end for start, end in reports):
        return 0
    return at if not _yes_to_own(words, at + answer[0].end, protocol, question) else 0


def _denies_other(words: tuple[str, ...], start: int, protocol: Protocol,
                  question: Question) -> bool:
    """Whether a symptom other than the question's, or a complaint, is named right at
    ``start`` (after a "no"), so that the "no" denies it and answers nothing."""
    at = _skip(words, start, _ARTICLES)
    others = [m.start for m in protocol.lexicon.symptoms.find(words, fuzzy=False)
              if all(s != question.symptom for s, _ in m.payload)]
    others += [s for s, _ in load_complaints(protocol).spans(words)]
    return at in others


def _topic_run(words: tuple[str, ...], protocol: Protocol, question: Question | None) -> int:
    """Where a run of words at the front that only names the question's topic ends: the
    question's own words, its symptom's phrases and hint words, naming the topic at
    least once ("numb, numb", "control, my bladder, lost control", "what fever");
    0 when the answer does not open so (and at a question without a symptom)."""
    if question is None or question.answer != "yesno" or not question.symptom:
        return 0
    lex = protocol.lexicon
    asked = _echo_words(question.text)
    # A question back before it was taken out ("did you say | fever? no"), and a
    # pause may come first ("well... fever? no").
    # "WHAT fever? naw": the question word of an echo said as a question.
    hints = frozenset(protocol.symptoms[question.symptom].hints)
    repeated = lex.fillers | _ARTICLES | _ECHO_ASKS | asked | {BREAK}
    # A phrase names the topic ("NUMB? no", "you mean WETTING MYSELF? no"); one with a
    # subject, a verb of being or an auxiliary makes it a report ("my legs ARE numb, no
    # kidding", "I'VE GOT a fever", "my legs HAVE gone numb, no headache").
    stated = protocol.answers.statement_openers - {"my"} | _STATING
    said = {m.start: m.end for m in lex.symptoms.find(words, fuzzy=False)
            if any(s == question.symptom for s, _ in m.payload)
            and not (stated | _AUXILIARIES) & set(words[max(m.start - 1, 0):m.end])}
    at, topic = _skip(words, 0, lex.fillers | _ARTICLES | _ECHO_ASKS | {BREAK}), False
    while at < len(words):
        # A hint names the topic before its phrase, not after it: "control my BLADDER
        # lost control? no", but "weak, weak, my right LEG no obey me" is a report.
        if at in said or words[at] in hints and not said.keys() & range(at):
            topic, at = True, said.get(at, at + 1)
        elif words[at] in repeated:
            at += 1
        else:
            break
    return at if topic else 0


def _restart(words: tuple[str, ...], protocol: Protocol,
             question: Question | None) -> range:
    """The words from a restart to the end of the echo of the question after it ("my
    legs are a bit weak, OH SORRY, THE TOILET? no"): the patient answered something
    else first. The echo is not read and the "no" after it answers; the words before
    are read for what they say, never as the answer. Never when they say anything of
    the question's own symptom ("i wet myself, oh, bladder? no" stays a report).
    Empty when there is no restart."""
    if question is None or question.answer != "yesno" or not question.symptom:
        return range(0)
    for mark in protocol.lexicon.revisions.find(words, fuzzy=False):
        if "restarted" not in mark.payload or mark.start == 0:
            continue
        echo = _echo(words[mark.end:], protocol, question)
        before = " ".join(w for w in words[:mark.start] if w != BREAK)
        if echo and not any(f.symptom == question.symptom and f.status != ABSENT
                            for f in _read(before, protocol).symptoms):
            return range(mark.start, mark.end + echo)
    return range(0)


def _yes_to_own(words: tuple[str, ...], start: int, protocol: Protocol,
                question: Question) -> bool:
    """Whether, after ``start``, a one-word yes answers for words that, read at the
    question, say, hint at or sound like its own symptom: "fever no, HOT YES",
    "weakness no, HEAVY YES" leave the echo's no in doubt ("numb no, WEAK yes" does
    not: weakness is another symptom)."""
    lex = protocol.lexicon
    for b in _bare_answers(words[start:], lex):
        if b.payload != ("yes",):
            continue
        topic = " ".join(w for w in words[start:start + b.start] if w != BREAK)
        if not topic:
            continue
        here = _read(topic, protocol, question)
        if any(f.symptom == question.symptom and f.status != ABSENT for f in here.symptoms) \
                or question.symptom in here.hinted or here.suggested == "yes":
            return True
    return False


_ARTICLES = frozenset({"a", "an", "the", "any"})
COMPLAINT = "complaint"  # the label of a complaint's span among symptom phrases
# A time after one of these is when a change began, not a time before now: "it's gone
# worse SINCE yesterday" is worse now.
_UNTIL_NOW = frozenset({"since", "from"})
_STATING = frozenset({"am", "is", "are", "was", "were", "been", "got", "gotten", "keep", "keeps",
                      "kept"})
# In a phrase or just before it, these make it a report too: "my legs HAVE gone numb,
# no headache".
_AUXILIARIES = frozenset({"have", "has", "had"})
_ECHO_ASKS = frozenset({"what"})


@lru_cache(maxsize=64)
def _echo_words(question_text: str) -> frozenset[str]:
    """Words an echo may repeat: the question's own ("SIGNIFICANT bleeding? no"), and
    "my" for its "your" ("numbness in MY legs? no")."""
    return frozenset(tokens(question_text)) | {"my"}


def _skip(words: tuple[str, ...], start: int, skipped: frozenset[str] | set[str]) -> int:
    """The first position from ``start`` whose word is not one of ``skipped``."""
    while start < len(words) and words[start] in skipped:
        start += 1
    return start


def _said_away(words: tuple[str, ...], away: list[Match[Any]],
               protocol: Protocol) -> tuple[frozenset[str], set[int]]:
    """The symptoms said of another part of the body and affirmed ("my arm went
    numb"), not denied ("my arm isn't numb"): only those are a complaint. Also the
    words they and their negation or hedge took: "A BIT numb" of the fingers is no
    hedged yes about the legs."""
    if not away:
        return frozenset(), set()
    rules = protocol.lexicon.negation
    spans = [(m.start, m.end) for m in away]
    inside = sorted({i for s, e in spans for i in range(s, e)})
    found = scopes(words, spans, rules, triggers_in(words, rules, inside))
    used = {i for m in away for i in range(m.start, m.end)}
    used.update(i for scope in found if scope.negated or scope.resolved or scope.hedged
                for i in range(scope.start, scope.end))
    return frozenset(symptom for m, scope in zip(away, found, strict=True)
                     if not scope.negated and not scope.resolved
                     for symptom, _ in m.payload), used


def _status(words: tuple[str, ...], m: Match[Any], status: str, scope: Scope, symptom: str,
            protocol: Protocol, since: bool = False, composed: bool = False) -> str:
    """A phrase's status in its scope. ``since``: the question asks about the symptom
    at any time since the procedure, so one that came and went is not absent.
    ``composed``: a concept, whose status already says where ("my legs are TIRED" is
    only possibly weak): a body part near it does not make it sure."""
    said_absent = status == ABSENT and not scope.negated
    near = protocol.lexicon.near.get(symptom)
    if status == UNCERTAIN and near and not composed and _near(words, m, near):
        status = PRESENT
    if scope.prior and protocol.symptoms[symptom].only_new and status != ABSENT \
            and not scope.negated:
        # There before the procedure and no worse: maybe not the seed's "new or
        # increasing" one. Only possible, so the dialog asks whether it is new.
        return UNCERTAIN
    if scope.negated:
        # A denied symptom is absent; a denied denial ("legs don't feel normal") is
        # not proof of the symptom, but it is not absence either -- unless the "no"
        # is the answer word in front of it ("no, walking fine").
        # A denied phrase that denies something itself ("i haven't got NO feeling in my
        # legs") is a double negative: emphasis in many dialects, so not absence either.
        if status != ABSENT:
            status = UNCERTAIN if scope.after_phrase is not None or _denies(
                words[m.start:m.end], protocol.lexicon.negation) and not scope.by_answer_word \
                else ABSENT
        elif not scope.by_answer_word:
            status = UNCERTAIN
    elif scope.resolved and status != ABSENT:
        # "The numbness went away": an emergency sign that came and went is asked
        # about again, not dropped; so is any sign a "since" question asks about
        # ("vomited once, none since" at "have you been vomiting?") -- unless it was
        # there before the procedure and went ("a fever BEFORE THE PROCEDURE, none
        # since"): that is not what the question asks about.
        if since and scope.prior:
            status = ABSENT
        else:
            status = UNCERTAIN if protocol.symptoms[symptom].emergency or since else ABSENT
    if scope.hedged and not (status == ABSENT and scope.as_before) and not (
            said_absent and not protocol.symptoms[symptom].emergency):
        # A hedge never yields "absent", and weakens "present" -- but a hedged word of
        # absence of a lesser sign is no sign of it ("IMPROVING A BIT" is no worse pain),
        # nor is an all-clear said to be as always ("legs fine, SAME AS EVER").
        status = UNCERTAIN
    return status


def _denies(words: Sequence[str], rules: Rules) -> bool:
    """Whether ``words`` (a phrase, a statement) hold a negative word of their own
    ("NO feeling in", "CAN'T lift")."""
    return not rules.denials.isdisjoint(words)


def _near(words: tuple[str, ...], m: Match[Any], near: frozenset[str]) -> bool:
    lo, hi = max(0, m.start - _NEAR_WINDOW), min(len(words), m.end + _NEAR_WINDOW)
    window = words[lo:m.start] + words[m.end:hi]
    return any(w in near for w in window)


def _hinted(words: tuple[str, ...], used: set[int], findings: list[Finding],
            protocol: Protocol) -> tuple[str, ...]:
    """Symptoms pointed at by hint words outside every matched phrase and its scope,
    and not settled by a phrase in the same answer; in protocol order."""
    settled = {f.symptom for f in findings}
    hinted = {s for i, w in enumerate(words) if i not in used
              for s in protocol.lexicon.hints.get(w, ()) if s not in settled}
    return tuple(s for s in protocol.symptoms if s in hinted)


def _merge(findings: list[Finding]) -> tuple[Finding, ...]:
    """One finding per symptom: present beats uncertain beats absent (conservative)."""
    best: dict[str, Finding] = {}
    for f in findings:
        old = best.get(f.symptom)
        if old is None or _RANK[f.status] > _RANK[old.status] or (
                _RANK[f.status] == _RANK[old.status] and f.question and not old.question):
            best[f.symptom] = f
    return tuple(sorted(best.values(), key=lambda f: _ORDER.get(f.symptom, len(_ORDER))))


# -- yes / no ----------------------------------------------------------------------


def _yes_no(words: tuple[str, ...], used: set[int] | frozenset[int],
            protocol: Protocol) -> tuple[Value, bool]:
    """The bare answer words: yes, no, unsure, or a hedged yes (content aside)."""
    lex = protocol.lexicon
    core = tuple(w for w in words if w != BREAK and w not in lex.fillers)
    if core in lex.alone:
        return lex.alone[core], False
    # "Yeah nah, none of that": a pseudo-trigger ("yeah no") is not an answer word;
    # what follows it answers.
    pseudo = {i for t in triggers_in(words, lex.negation, sorted(used))
              if PSEUDO in t.payload for i in range(t.start, t.end)}
    # "It DOESN'T look OKAY": something may be wrong, neither a "no" nor a "fine".
    pseudo |= double_negatives.denied_reassurances(words, lex.negation)
    matches = lex.answers.find(words, taken=set(used) | pseudo, fuzzy=False)
    matches += _opening_alone(words, used, lex)
    # "Yes, but i'm FINE OTHERWISE": beside a yes, a reassurance about the rest answers
    # nothing ("no, otherwise fine" is still a no).
    if any("yes" in m.payload for m in matches):
        matches = [m for m in matches if "no" not in m.payload
                   or not about_the_rest(words, m.start, m.end, lex.negation)]
    # A "no" inside a comparison denies the picture ("like it's NOT my leg").
    simile = in_simile(words, lex.negation)
    matches = [m for m in matches if not (m.start in simile and "no" in m.payload)]
    if matches and min(matches, key=lambda m: m.start).phrase in lex.negation.interjections:
        # After an opening "no", a hedge that qualifies the word after it is no answer
        # word: "no, i went for A LITTLE walk", "nope, A BIT cold if anything".
        # A hedge that says yes itself ("nah, YEAH A LITTLE") is an answer word.
        matches = [m for m in matches if "hedge" not in m.payload
                   or _ends_answer(words, m.end, matches, lex) or _says_yes(m.phrase[0], lex)]
        # So is a measure said straight after what it measures: "no, but it's bleeding
        # QUITE A LOT" (a "yeah" there is still one: "no, numb YEAH").
        matches = [m for m in matches if m.start - 1 not in used or not _measure(m, lex)]
    values = {v for m in matches for v in m.payload}
    if not values:
        return None, False
    first = min(matches, key=lambda m: m.start).payload[0]
    if "unsure" in values and "yes" not in values:
        return "unsure", False  # "maybe a bit, hard to say": not knowing outranks a hedge
    if "hedge" in values or ("yes" in values and "no" in values):
        return "yes", True  # "yeah a bit", "no... maybe": a hedge never means no
    if first == "unsure":
        first = "yes" if "yes" in values else "no"
    return first, False


def _opening_alone(words: tuple[str, ...], used: Collection[int], lex: Lexicon
                   ) -> list[Match[str]]:
    """A yes of two words or more that counts only as a whole answer ("I HAVE"),
    opening the answer with a remark after it ("I HAVE, but nothing else"; answers.yaml
    ``alone_before``) or an all-clear about the rest ("I HAVE nothing else though";
    negation.yaml ``of_the_rest``)."""
    start = _skip(words, 0, lex.fillers | {BREAK})
    for phrase, value in lex.alone.items():
        end = start + len(phrase)
        if value == "yes" and len(phrase) > 1 and words[start:end] == phrase \
                and end < len(words) and start not in used and (
                    words[end] in lex.alone_before
                    or any(words[end:end + len(r)] == r for r in lex.negation.of_the_rest)):
            return [Match(start, end, phrase, (value,), 100.0)]
    return []


def _measure(m: Match[str], lex: Lexicon) -> bool:
    """Whether an answer phrase says yes only as a measure of something ("A LOT",
    "QUITE A LOT", "VERY MUCH"): its first word is no yes on its own, as "yeah" is."""
    return "yes" in m.payload and not _says_yes(m.phrase[0], lex)


def _says_yes(word: str, lex: Lexicon) -> bool:
    """Whether ``word`` is a yes on its own ("yeah")."""
    return any("yes" in m.payload for m in lex.answers.find((word,), fuzzy=False))


# What may stand between a symptom and the answer word that pairs with it ("numb, BUT no").
_PAIR_GAP = frozenset({"but", BREAK})


def _answered_elsewhere(words: tuple[str, ...], protocol: Protocol,
                        question: Question | None) -> set[int]:
    """The answer words that answer for another symptom named just before them:
    "numb no, WEAK YES" at the numbness question -- the "yes" is the weakness's, the
    "no" the question's."""
    if question is None or question.answer != "yesno":
        return set()
    lex = protocol.lexicon
    ours = {question.symptom, question.implied_by, question.presumes, question.affirms}
    ends = {m.end for m in lex.symptoms.find(words, fuzzy=False)
            if not any(s in ours for s, _ in m.payload)}
    skipped = lex.fillers | _PAIR_GAP
    return {m.start for m in _bare_answers(words, lex)
            if _back_to(words, m.start, skipped) in ends}


def _bare_answers(words: tuple[str, ...], lex: Lexicon) -> list[Match[str]]:
    """The one-word yeses and noes ("yes", "nope"): the answer words that can pair
    with a symptom named just before them."""
    return [m for m in lex.answers.find(words, fuzzy=False)
            if m.end - m.start == 1 and set(m.payload) <= {"yes", "no"}]


def _paired(words: tuple[str, ...], protocol: Protocol,
            question: Question | None) -> tuple[str, ...]:
    """``words`` with a sentence break before each symptom said yes to on its own after
    another answer word: "numb no, WEAK YES" is two answers, and the first "no"
    answers for the numbness, not against the weakness."""
    if question is None or question.answer != "yesno":
        return words
    lex = protocol.lexicon
    bare = _bare_answers(words, lex)
    skipped = lex.fillers | _PAIR_GAP
    # Only a symptom said yes to: in "no fever, NO" the first "no" denies the fever.
    answered = {_back_to(words, m.start, skipped) for m in bare if m.payload == ("yes",)}
    after_answer = {_skip(words, m.end, skipped) for m in bare}
    starts = {m.start for m in lex.symptoms.find(words, fuzzy=False)
              if m.end in answered and m.start in after_answer}
    if not starts:
        return words
    return tuple(w for i, word in enumerate(words)
                 for w in ((BREAK, word) if i in starts else (word,)))


def _back_to(words: tuple[str, ...], end: int, skipped: frozenset[str] | set[str]) -> int:
    """Where the words before ``end`` stop being ``skipped`` ones."""
    while end > 0 and words[end - 1] in skipped:
        end -= 1
    return end


def _ends_answer(words: tuple[str, ...], end: int, matches: list[Match[str]],
                 lex: Lexicon) -> bool:
    """Whether what comes at ``end`` leaves a hedge qualifying the answer: nothing, a
    sentence break, a filler, another answer word ("no... MAYBE", "a bit, YEAH"), or
    the start of another clause ("a little BUT...", "a bit WHEN i roll over")."""
    return end >= len(words) or words[end] in lex.fillers | lex.negation.clause_start \
        or words[end] == BREAK or any(m.start == end for m in matches) \
        or bool(triggers_in(words[end:end + 1], lex.negation, ()))


def _taken_back(words: tuple[str, ...], protocol: Protocol) -> tuple[str, ...] | None:
    """The words after a correction that takes back the answer's first word ("no...
    ACTUALLY ...", "yes, WAIT, no"), when there are at least two or they are an answer
    ("yes I MEAN no"); else None. A later answer word is taken back too when a new one
    follows the correction ("i don't have pain NO WAIT YES there is a bit"; "yes sorry
    no I MEAN NO i misheard you"): the last such."""
    lex = protocol.lexicon
    start = _skip(words, 0, lex.fillers | {BREAK})  # "well, no... actually"
    answered = [m for m in lex.answers.find(words, fuzzy=False)
                if set(m.payload) & {"yes", "no"}]
    for m in sorted(answered, key=lambda m: -m.start):
        at = m.end
        while at < len(words) and words[at] == BREAK:
            at += 1
        longest = max((len(c) for c in lex.negation.corrections
                       if words[at:at + len(c)] == c), default=0)
        rest = tuple(w for w in words[at + longest:] if w != BREAK)
        opening = [a for a in lex.answers.find(rest, fuzzy=False) if a.start == 0]
        # One word is enough when it is an answer ("yes, I MEAN no").
        enough = len(rest) >= 2 or rest in lex.alone or any(
            a.end == len(rest) for a in opening)
        if longest and enough and (m.start == start or any(
                set(a.payload) & {"yes", "no"} for a in opening)):
            return rest
    return None


def _changed(words: tuple[str, ...], protocol: Protocol, question: Question) -> Value:
    """The answer of now, when the answer tells of a change: a state said to hold
    until a time ("fine TILL this morning, THEN ...") or of an earlier time
    ("YESTERDAY the tablets worked, but TODAY ...") and a word of now or of the change
    after it; else None. An elliptical now ("... but today THEY DON'T") says the earlier
    state no longer holds: the earlier words' answer, turned."""
    marks = protocol.lexicon.revisions.find(words, fuzzy=False)
    until = [m.end for m in marks if {"until", "after"} & set(m.payload)]
    then = [m for m in marks if {"then", "now"} & set(m.payload)
            and any(u <= m.start for u in until)]
    if not then:
        return None
    change = max(then, key=lambda m: m.start)
    rest = tuple(w for w in words[change.end:] if w != BREAK)
    if len(rest) < 2:
        return None
    if all(w in protocol.answers.ellipsis for w in rest):
        earlier = _read(" ".join(w for w in words[:change.start] if w != BREAK),
                             protocol, question).value
        return {"yes": "no", "no": "yes"}.get(str(earlier))
    return _read(" ".join(rest), protocol, question).value


def _no_longer(words: tuple[str, ...], protocol: Protocol) -> bool:
    """Whether the answer says "no longer" ("not ANYMORE", "no, not ANY MORE"; not
    "not any more THAN usual")."""
    return any(words[i:i + len(p)] == p and words[i + len(p):i + len(p) + 1] != ("than",)
               for p in protocol.lexicon.negation.ongoing for i in range(len(words)))


def _status_of(findings: list[Finding], symptom: str) -> str | None:
    """The merged status of ``symptom`` in this answer ("my head is pounding" answers
    "do you have a headache?"), None if not mentioned."""
    statuses = {f.status for f in findings if f.symptom == symptom}
    return max(statuses, key=_RANK.__getitem__) if statuses else None


def _similar(said: str, protocol: Protocol, question: Question | None,
             findings: list[Finding], hinted: tuple[str, ...], value: Value, clarify: bool,
             unexplained: bool) -> tuple[tuple[str, ...], str | None]:
    """What the answer sounds like that its words did not say (voice/similarity.py):
    the red flags to ask about (the one an otherwise unexplained answer is closest to,
    and those its closest examples at this question say, even when it read as a
    "no"; an "i can't tell" already leaves its own question open), and the value to
    read back when the words gave none (never a "no" to an emergency question)."""
    net = load_net(protocol)
    if net is None or content_words(said, protocol) < net.settings.min_words:
        return (), None
    near: list[str] = []
    if unexplained:
        symptom, score = net.closest(said)
        if score >= net.settings.threshold:
            near.append(symptom)
    like = net.like(said, question.id) if question is not None else Likeness()
    near.extend(like.red_flags)
    raised = {f.symptom for f in findings if f.status != ABSENT} | set(hinted)
    if value == "unsure" and question is not None and question.symptom:
        raised.add(question.symptom)
    suggested = like.value if value is None and not clarify and question is not None \
        and question.meaning_of(like.value) else None
    if suggested == "no" and double_negatives.denied_reassurances(
            tuple(said.split()), protocol.lexicon.negation):
        # "It's not looking so good": something may be wrong, whatever "no" answers
        # that sound like it said; the question is asked again.
        suggested = None
    flags = [s for s in dict.fromkeys(near) if s not in raised]
    if suggested is not None and protocol.asks_emergency(question):
        # Never an emergency ruled out on what other people's answers said (those
        # "no"s are asked again as before); one they point at is asked about as the
        # red flag it is ("Do you have weakness in your legs?"), like any other.
        if suggested == "yes" and question.symptom not in flags:
            flags.append(question.symptom)
        suggested = None
    return tuple(flags), suggested


# -- numbers -------------------------------------------------------------------------


def _scale(words: tuple[str, ...], protocol: Protocol,
           question: Question) -> int | float | None:
    low, high = question.range or (0, 10)
    numbers = _fractions([n for n in find_numbers(words) if not _is_pronoun(words, n, protocol)],
                         words, protocol, low, high)
    # "Four now, but it WAS a seven earlier", "the back's a three but the HEADACHE's an
    # eight": a score said of an earlier time or another pain gives way to the others.
    marks = protocol.lexicon.revisions.find(words, fuzzy=False)
    numbers = _revised(_of_now(numbers, words, marks, protocol) or numbers, words, protocol,
                       ("corrected", "now"))
    numbers = [_on_scale(words, n, low, high) for n in numbers]
    # Past the top of the scale ("like a twelve", "eleven if i could") is the top.
    values = [min(n.value, high) for n in numbers if low <= n.value <= 2 * high]
    homophones = protocol.lexicon.homophones
    if not values and words and words[-1] in homophones:
        values = [homophones[words[-1]]]
    if not values:
        return None
    # "six or seven" -> 7: of two readings the higher is the safer one. A half is what
    # was said ("six and a half" -> 6.5, below a severe seven).
    top = round(float(max(values)), 1)
    return int(top) if top.is_integer() else top


def _revised(said: list[_Said], words: tuple[str, ...], protocol: Protocol,
             kinds: tuple[str, ...]) -> list[_Said]:
    """The numbers (or choices) after the last revision that has one on each side ("a
    seven, NO ACTUALLY, more like a five": five; "worse, OH SORRY I MEAN better":
    better); all of them when there is none. A revision that goes on to date what came
    before it ("a hundred and one, NO WAIT, that was YESTERDAY") revises nothing: both
    were said, each of its own time."""
    marks = protocol.lexicon.revisions.find(words, fuzzy=False)
    earlier = [m.start for m in marks if "after" in m.payload]
    cuts = [m.start for m in marks
            if set(m.payload) & set(kinds)
            and any(n.end <= m.start for n in said) and any(n.start >= m.end for n in said)
            and not any(m.end <= e <= m.end + 2 and all(n.start > e or n.end <= m.start
                                                         for n in said) for e in earlier)]
    return [n for n in said if n.start > max(cuts)] if cuts else said


def _numerator(words: tuple[str, ...], n: Number, said: Sequence[Number],
               protocol: Protocol, high: float) -> Number | None:
    """The score ``n`` is the denominator of when the patient scores on a scale of their
    own ("four OUT OF five", "seventy OUT OF a hundred"), or None: the scale's own top
    ("eight out of ten") and a part larger than its whole are no such fraction."""
    scale = protocol.answers.of_the_scale
    if scale is None or n.value in (0, high):
        return None
    for p in scale.out_of:
        at = n.start - len(p)
        if at > 0 and words[at:n.start] == p:
            return next((o for o in said if o.end == at and 0 <= o.value <= n.value), None)
    return None


def _fractions(numbers: list[Number], words: tuple[str, ...], protocol: Protocol,
               low: float, high: float) -> list[Number]:
    """Each score said on a scale of the patient's own, one number spanning both and
    moved to this scale ("three out of five" is a six, like "sixty percent")."""
    wholes = {x: d for d in numbers
              if (x := _numerator(words, d, numbers, protocol, high)) is not None}
    return [Number(n.start, d.end, round(low + (high - low) * n.value / d.value, 1))
            if (d := wholes.get(n)) else n
            for n in numbers if n not in wholes.values()] if wholes else numbers


def _on_scale(words: tuple[str, ...], n: Number, low: float, high: float) -> Number:
    """``n`` as a point of the scale: "half way", "about half" is its middle, not 0.5;
    "FIFTY PERCENT" is that part of it ("a hundred percent" is a word of certainty: "a
    hundred percent sure"); any other number is itself."""
    if words[n.start:n.end] == ("half",):
        return Number(n.start, n.end, (low + high) / 2)
    percent = words[n.end:n.end + 1] == ("percent",) or words[n.end:n.end + 2] == ("per", "cent")
    if percent and n.value < 100:
        return Number(n.start, n.end, low + (high - low) * n.value / 100)
    return n


def _scale_fallback(words: tuple[str, ...], used: set[int], protocol: Protocol,
                    question: Question) -> Value:
    """No number: "none" / "no pain" is the lowest score; "not sure" is unsure."""
    value, hedged = _yes_no(words, set(), protocol)
    if value == "unsure":
        return "unsure"
    if value == "no" and not hedged:
        return (question.range or (0, 10))[0]
    return None


def _scores_only(words: tuple[str, ...], protocol: Protocol,
                 question: Question) -> tuple[str, ...]:
    """The answer with each number said of the scale itself taken out (a pause in its
    place): "WHAT'S A ten like?" is then a question back, "if ten having a baby, a
    three" is three."""
    said = find_numbers(words)
    scale_range = question.range or (0, 10)
    cut = {i for n in said if _of_the_scale(words, n, said, protocol, scale_range)
           and _numerator(words, n, said, protocol, scale_range[1]) is None
           for i in range(n.start, n.end)}
    return tuple(BREAK if i in cut else w for i, w in enumerate(words)) if cut else words


def _of_the_scale(words: tuple[str, ...], n: Number, said: list[Number],
                  protocol: Protocol, scale_range: tuple[float, float]) -> bool:
    """Whether ``n`` is said of the scale, not as a score (answers.yaml
    ``numbers.of_the_scale``)."""
    scale = protocol.answers.of_the_scale
    if scale is None:
        return False
    low, high = scale_range

    def before(p: tuple[str, ...], at: int) -> bool:
        return at >= len(p) and words[at - len(p):at] == p

    def ends(a: Number, b: Number) -> bool:
        """"ONE TO TEN", "ZERO TO TEN": the scale's bottom (or one above it) joined to
        its top."""
        return a.value in (low, low + 1) and b.value == high and any(
            words[a.end:b.start] == p for p in scale.ends)

    if any(ends(n, o) or ends(o, n) for o in said):
        return True

    opening = _skip(words, 0, protocol.lexicon.fillers | {BREAK})
    # "IS ten the worst?" asks of the scale's ends only: "is five" is a score.
    asked = (*scale.asked, *scale.asked_of_ends) if n.value in (low, high) else scale.asked
    # "ten OUT OF TEN is the worst": the scale said after a number it defines.
    after = next((o.end for o in said for p in scale.out_of
                  if words[n.end:n.end + len(p)] == p and o.start == n.end + len(p)), n.end)
    return any(before(p, n.start) for p in scale.out_of) or (
        n.value == high and any(before(p, n.start) and any(
            o.end in range(n.start - len(p) - 1, n.start - len(p) + 1) for o in said)
            for p in scale.over)) or any(
        before(p, n.start) and n.start - len(p) == opening for p in asked) or any(
        words[after:after + len(p)] == p for p in scale.defined)


def _is_pronoun(words: tuple[str, ...], n: Number, protocol: Protocol) -> bool:
    """"That ONE", "he pointed at the crying ONE": a thing, not the score one."""
    if words[n.start:n.end] != ("one",):
        return False
    straight, one_after = protocol.answers.pronoun_one
    return (n.start >= 1 and words[n.start - 1] in straight) or (
        n.start >= 2 and words[n.start - 2] in one_after and words[n.start - 1] not in WORDS)


def _reading(words: tuple[str, ...], protocol: Protocol,
             any_number: bool) -> tuple[float, str, str] | None:
    """The most feverish plausible temperature: (value, "C"|"F", fever status). A
    borderline reading, just under the fever threshold (37.8, a hundred), is an
    uncertain fever: the thermometer, the time of day and the patient decide."""
    a = protocol.answers
    cued = any_number or bool(protocol.lexicon.cues & set(words))
    best: tuple[float, tuple[float, str, str]] | None = None
    for n in _spoken_decimals(_revised(find_numbers(words), words, protocol, ("corrected",)),
                              a):
        after = words[n.end:n.end + 2]
        unit = "C" if "celsius" in after else "F" if "fahrenheit" in after else None
        if unit is None:
            unit = "C" if a.celsius_range[0] <= n.value <= a.celsius_range[1] else \
                "F" if a.fahrenheit_range[0] <= n.value <= a.fahrenheit_range[1] else None
        if unit is None:
            continue
        if not cued and not (unit == "C" and n.value != int(n.value)):
            # Uncued, only a reading by its shape is one: "it's THIRTY EIGHT POINT NINE
            # now" is a temperature; "a hundred and one" might be anything.
            continue
        low, high = a.celsius_range if unit == "C" else a.fahrenheit_range
        if not low <= n.value <= high:
            continue
        threshold, borderline = (a.fever_celsius, a.borderline_celsius) if unit == "C" \
            else (a.fever_fahrenheit, a.borderline_fahrenheit)
        margin = (n.value - threshold) * (1.8 if unit == "C" else 1.0)
        short = n.value == threshold and _said_below(words, n.start, a.temperature_below)
        status = PRESENT if n.value >= threshold and not short else UNCERTAIN \
            if n.value >= borderline else ABSENT
        if best is None or margin > best[0]:
            best = (margin, (n.value, unit, status))
    return best[1] if best else None


def _said_below(words: tuple[str, ...], start: int, below: tuple[str, ...]) -> bool:
    """Whether one of ``below`` ends just before ``start`` ("NEARLY thirty eight")."""
    return any(words[max(0, start - len(p)):start] == p
               for p in (tuple(tokens(b)) for b in below))


def _spoken_decimals(numbers: list[Number], a: Any) -> list[Number]:
    """A reading said without "point": "thirty six nine" is 36.9, "ninety nine five"
    99.5 -- a whole number in a temperature range straight followed by one digit; and
    one said digit by digit: "three eight point two" is 38.2."""
    out: list[Number] = []
    k = 0
    while k < len(numbers):
        n = numbers[k]
        nxt = numbers[k + 1] if k + 1 < len(numbers) else None
        whole = n.value == int(n.value) and any(
            low <= n.value <= high for low, high in (a.celsius_range, a.fahrenheit_range))
        if whole and nxt is not None and nxt.start == n.end and nxt.end == nxt.start + 1 \
                and nxt.value == int(nxt.value) and 0 <= nxt.value <= 9:
            out.append(Number(n.start, nxt.end, float(f"{int(n.value)}.{int(nxt.value)}")))
            k += 2
            continue
        if nxt is not None and nxt.start == n.end == n.start + 1 and n.value in range(1, 10) \
                and nxt.value != int(nxt.value) and 0 <= nxt.value < 10 and \
                a.celsius_range[0] <= 10 * n.value + nxt.value <= a.celsius_range[1]:
            out.append(Number(n.start, nxt.end, round(10 * n.value + nxt.value, 1)))
            k += 2
            continue
        out.append(n)
        k += 1
    return out


def _temperature_findings(words: tuple[str, ...], said: str, protocol: Protocol,
                          question: Question | None) -> list[Finding]:
    at_question = question is not None and question.answer == "temperature"
    reading = _reading(words, protocol, any_number=question is not None and question.readings)
    if reading is None:
        return []
    if reading[2] == ABSENT and not at_question and not protocol.lexicon.cues & set(words):
        # A bare number can raise a fever ("thirty eight point four" at the fever
        # question) but never rule one out: "low grade i think, like 37.9" is no "no".
        return []
    return [Finding("fever", reading[2], said,
                    question.id if at_question and question else None)]


# -- choices -------------------------------------------------------------------------


def _choice_concepts(words: tuple[str, ...], protocol: Protocol,
                     question: Question) -> list[Match[str]]:
    """The question's content concepts ("CREEPING ... UP" is worse), each as a match
    over all the words it covered, where no negation scopes it ("NOT going up": no
    reading, since a negated choice names no other choice)."""
    found = load_concepts(protocol).find(words, question=question.id, content=True)
    if not found:
        return []
    rules = protocol.lexicon.negation
    spans = [(c.start, c.end) for c in found]
    return [Match(c.words[0], c.words[1], words[c.words[0]:c.words[1]], (c.label,), 100.0)
            for c, scope in zip(found, scopes(words, spans, rules), strict=True)
            if not scope.negated]


def _choices_said(words: tuple[str, ...], protocol: Protocol,
                  question: Question | None) -> tuple[list[Match[str]], list[Match[str]], bool]:
    """The choices said at a choice question (listed phrases, else content concepts),
    and those of them said of now and of the pain asked about, after the last
    correction, and whether opposite ones are each said of a moment (_of_moments);
    none at any other question."""
    if question is None or question.answer != "choice":
        return [], [], False
    index = protocol.lexicon.per_question.get(question.id)
    listed = _affirmed(words, index.find(words) if index else [], protocol)
    answered = _unechoed(words, listed, protocol)
    concepts = _choice_concepts(words, protocol, question)
    # A listed choice said decides; the content concepts read only what names none
    # ("worse, and now it's GOING DOWN my leg" is worse) -- or where every listed one
    # was said of before ("it WAS better this morning but it's CREPT BACK UP": worse).
    kinds = ("corrected", "overall")
    marks = protocol.lexicon.revisions.find(words, fuzzy=False)
    said = _revised(answered or concepts, words, protocol, kinds)
    matches = _of_now(said, words, marks, protocol)
    if listed and not matches:
        content = _revised(concepts, words, protocol, kinds)
        both = sorted(said + content, key=lambda m: m.start)
        matches = [m for m in _of_now(both, words, marks, protocol) if m in content]
    return listed or concepts, matches or said, _of_moments(matches or said, marks)


def _affirmed(words: tuple[str, ...], listed: list[Match[str]],
              protocol: Protocol) -> list[Match[str]]:
    """The choices said, less those a negation covers ("it ISN'T climbing" names no
    choice; "not getting worse" is a phrase of its own, which no negation covers). An
    answer word is no such negation ("better NO ACTUALLY same"), and a phrase with a
    negative of its own is a double negative ("it AIN'T NO better": no better)."""
    if not listed:
        return listed
    rules = protocol.lexicon.negation
    spans = [(m.start, m.end) for m in listed]
    taken = [i for s, e in spans for i in range(s, e)]
    triggers = [t for t in triggers_in(words, rules, taken) if t.phrase not in rules.interjections]
    return [m for m, scope in zip(listed, scopes(words, spans, rules, triggers), strict=True)
            if not scope.negated or _denies(m.phrase, rules)]


def _unechoed(words: tuple[str, ...], listed: list[Match[str]],
              protocol: Protocol) -> list[Match[str]]:
    """The choices said, less the question's choices repeated at the front before the
    answer ("BETTER OR WORSE? um, better i'd say"): an echo, when a choice follows."""
    at = _skip(words, 0, protocol.lexicon.fillers | {BREAK})
    k = 0
    while k + 1 < len(listed) and listed[k].start == at and words[listed[k].end:listed[k].end + 1] \
            == ("or",) and listed[k + 1].start == listed[k].end + 1:
        k, at = k + 1, listed[k + 1].start
    return listed[k + 1:] if k and len(listed) > k + 1 else listed


def _of_moments(matches: list[Match[str]], marks: list[Match[str]]) -> bool:
    """Whether opposite choices are each said of a moment (``marks``: the answer's
    revision words; answers.yaml changes ``when``: "worse WHEN i move, better WHEN i
    keep still"), not of the time since it started."""
    moments = {m.start for m in marks if "when" in m.payload}
    said = {m.payload[0] for m in matches if m.end in moments}
    return len(said) > 1 and len({m.payload[0] for m in matches}) == len(said)


def _choice(words: tuple[str, ...], matches: list[Match[str]], protocol: Protocol,
            question: Question) -> tuple[Value, frozenset[str]]:
    """The choice said, of ``matches`` (the choices said of now: _choices_said), and
    every choice among them."""
    if matches:
        # The most specific (longest) phrase; "not better" beats "better".
        # On a tie the more severe choice (listed later): "not getting any better, if
        # anything it's worse" is worse, not the same (conservative).
        order = {c.id: i for i, c in enumerate(question.choices)}
        best = max(matches, key=lambda m: (m.end - m.start, order.get(m.payload[0], -1),
                                           -m.start))
        return best.payload[0], frozenset(m.payload[0] for m in matches)
    value, _ = _yes_no(words, set(), protocol)
    return ("unsure" if value == "unsure" else None), frozenset()


def _of_now(said: list[_Said], words: tuple[str, ...], marks: list[Match[str]],
            protocol: Protocol) -> list[_Said]:
    """The choices (or scores) not said of an earlier time nor of another pain: "it WAS
    worse YESTERDAY, better today" and "better, but my HEAD's worse" keep better. A word
    before a choice ("was", "head") or straight after it ("yesterday") marks it
    (``marks``: the answer's revision words), within its clause and the words up to
    the choice said before or after it."""
    # A clause starts at a word such as "it's" or "my" (negation.yaml clause_start).
    stops = protocol.lexicon.negation.clause_start | {BREAK}

    def earlier(i: int, m: Match[str]) -> bool:
        lo = max([said[i - 1].end if i else 0]
                 + [j + 1 for j in range(m.start) if words[j] in stops])
        hi = said[i + 1].start if i + 1 < len(said) else len(words)
        return any(("before" in k.payload or "other" in k.payload)
                   and lo <= k.start and k.end <= m.start
                   or "after" in k.payload and m.end <= k.start and k.end <= hi
                   and words[k.start - 1] not in _UNTIL_NOW
                   for k in marks)

    return [m for i, m in enumerate(said) if not earlier(i, m)]
