"""Two negatives in one statement: where they cancel and where they agree.

NegEx reads one negation per phrase, so a statement that denies a denial ("I WOULDN'T
SAY i HAVEN'T had one", "IT'S NOT LIKE it's GONE") used to read as the inner denial
alone -- a red flag said the long way round came out "no". Spoken English has two
kinds of double negative, and they mean opposite things:

- **A denied statement** (``statement_denials``: "i wouldn't say", "it's not like",
  "i'd be lying if i said"): the outer phrase denies the whole statement after it.
  When that statement itself denies something, the two cancel -- a weak yes (litotes),
  which understand reads as a hedged yes and an uncertain symptom, so the dialog asks
  rather than rules a red flag out. When the statement denies nothing ("not that i've
  noticed"), the phrase is an ordinary negation and nothing here applies.
- **Negative concord** (``concord``: "the pills DON'T do NOTHING", "i CAN'T feel
  NOTHING"): in many dialects a second negative in the same clause agrees with the
  verb's; the verb's negation is dropped and the negative word decides.

- **A denied reassurance** (``denied_reassurance``: "it DOESN'T LOOK OKAY", "i DON'T
  FEEL RIGHT"): the verb's negation and the reassuring word together say something
  may be wrong. Neither is an answer word: "it doesn't" is no "no", "okay" no "fine".

All three only find where the negatives are; understand decides what the words mean.
Pure; the word lists are data (intents/negation.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass

from voice.negation import TERMINATE, Rules, triggers_in, whole_answers
from voice.normalize import BREAK


@dataclass(frozen=True)
class DeniedStatement:
    """An answer split around a statement-denying phrase."""

    before: tuple[str, ...]  # the words before the denying phrase
    statement: tuple[str, ...]  # what it denies, up to the end of its clause
    after: tuple[str, ...]  # the rest ("... BUT it hasn't stopped since i got home")


def denied_statement(words: tuple[str, ...], rules: Rules) -> DeniedStatement | None:
    """The first statement-denying phrase with at least one word after it, if any."""
    stops = None
    wholes = whole_answers(words, rules)  # "NOT THAT I'VE NOTICED, i'm fine": no denial
    for start in range(len(words)):
        length = max((len(p) for p in rules.statement_denials
                      if words[start:start + len(p)] == p), default=0)
        if not length or start in wholes:
            continue
        if stops is None:  # "... BUT": the statement ends where a NegEx scope would
            stops = {t.start for t in triggers_in(words, rules, ()) if TERMINATE in t.payload}
        begin = start + length
        end, content = begin, False
        while end < len(words) and words[end] != BREAK and end not in stops and not (
                content and words[end] in rules.clause_start):  # "... AND i don't own one"
            content = content or words[end] not in rules.scope_skip
            end += 1
        while end > begin + 1 and (words[end - 1],) in rules.interjections:
            end -= 1  # "not that i noticed, NO": the answer word is no part of it
        if end > begin:
            return DeniedStatement(words[:start], words[begin:end], words[end:])
    return None


def concord(words: tuple[str, ...], rules: Rules) -> tuple[str, ...]:
    """``words`` without each verb negation that a negative word later in its clause
    agrees with ("the pills don't do nothing" -> "the pills do nothing")."""
    drop = set()
    wholes = whole_answers(words, rules)  # "i DON'T think so, NOTHING like that"
    for i, word in enumerate(words):
        if word not in rules.concord_verbs or i in wholes:
            continue
        for j in range(i + 1, min(i + 1 + rules.concord_window, len(words))):
            if words[j] in rules.concord_negatives:
                # "doesn't help, NOTHING DOES": the negative begins a clause of its own.
                if j + 1 >= len(words) or words[j + 1] not in rules.concord_subject_of:
                    drop.add(i)
                break
            if words[j] == BREAK or words[j] in rules.clause_start:
                break
    return tuple(w for i, w in enumerate(words) if i not in drop) if drop else words


def reassurance_denials(words: tuple[str, ...], rules: Rules) -> list[range]:
    """Each verb negation with the reassuring word it denies and the words between ("it
    DOESN'T look OKAY", "i'm NOT feeling too GREAT"), as a span of positions."""
    negators = rules.concord_verbs | {"not"}
    out: list[range] = []
    for i, word in enumerate(words):
        if word not in negators:
            continue
        j = i + 1
        while j < len(words) and words[j] in rules.reassurance_gap:
            j += 1
        if j < len(words) and words[j] in rules.reassurance:
            out.append(range(i, j + 1))
    return out


def denied_reassurances(words: tuple[str, ...], rules: Rules) -> frozenset[int]:
    """The positions of every span of ``reassurance_denials``."""
    return frozenset(i for span in reassurance_denials(words, rules) for i in span)
