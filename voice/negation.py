"""NegEx-style negation and hedging scopes over normalised tokens.

Given the spans where symptom phrases were found, decide for each span whether a
negation trigger covers it ("i don't have any NUMBNESS"), whether it is said to have
gone ("the FEVER went away"), and whether it is hedged ("a bit NUMB", "maybe").
It knows nothing about symptoms: the caller turns these flags into a status. The
trigger lists are data (intents/negation.yaml); the algorithm follows NegEx (Chapman
et al. 2001) with a word window, termination terms and pseudo-triggers, plus one
rule for unpunctuated speech: a new clause ("... my legs are numb") ends a scope.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from voice.normalize import BREAK
from voice.phrases import Match, PhraseIndex

PRE, POST, RESOLVED, PSEUDO, TERMINATE = "pre", "post", "resolved", "pseudo", "terminate"
PRIOR, INCREASE, UNCHANGED = "prior", "increase", "unchanged"
RETURNED = "returned"  # "it's back": undoes a resolved word said before it
HEDGE_PRE, HEDGE_POST = "hedge_pre", "hedge_post"
_SCOPE_ENDERS = frozenset({PRE, POST, RESOLVED, PSEUDO, TERMINATE, PRIOR})


@dataclass(frozen=True)
class Rules:
    triggers: PhraseIndex[str]  # phrase -> its kinds (pre, post, resolved, pseudo, ...)
    window: int  # words a pre-trigger reaches forward
    window_post: int  # words a post-trigger reaches back
    hedge_window_pre: int
    hedge_window_post: int
    clause_start: frozenset[str]
    scope_skip: frozenset[str]
    interjections: frozenset[tuple[str, ...]] = frozenset()
    # Words that may stand in front of an answer word ("AH no", "OCH no").
    fronting: frozenset[str] = frozenset()
    # Negating verbs whose own verb may be left out, and the subjects that then start a
    # new statement straight after them ("my legs AREN'T, THEY'VE gone numb").
    elided_verbs: frozenset[tuple[str, ...]] = frozenset()
    elided_subjects: frozenset[str] = frozenset()
    # Interjections that never deny the next word ("nope", unlike "no better").
    answer_only: frozenset[tuple[str, ...]] = frozenset()
    # States a bare "no" never denies ("no, DRY", "no IS CLEAN": one says "not dry").
    no_states: frozenset[str] = frozenset()
    # Words that may stand between "gone" and the state it names ("gone ALL blurry",
    # "gone REALLY numb"): still a change, not "gone away".
    degree: frozenset[str] = frozenset()
    # Words that join a list of phrases under one negation ("no fever OR chills").
    coordinators: frozenset[str] = frozenset()
    # Words that take back the answer word just before them ("no... ACTUALLY there was
    # a bit on my nightie"): what follows them answers.
    corrections: frozenset[tuple[str, ...]] = frozenset()
    # Double negatives (voice.double_negatives): phrases that deny the statement after
    # them ("i wouldn't say ..."), and negative concord ("don't do NOTHING").
    statement_denials: frozenset[tuple[str, ...]] = frozenset()
    whole_answers: frozenset[tuple[str, ...]] = frozenset()  # "not that i've noticed"
    # A denied statement that affirms only by answer words ("i can't say IT IS") or
    # holds a word said only under a denial ("can't say i've noticed ANY") is a no;
    # not one opening with a word of ``whether`` ("can't say IF it is": not known).
    # Words of ``complementizers`` at its front ("can't say THAT i have") are skipped.
    polarity_items: frozenset[tuple[str, ...]] = frozenset()
    whether: frozenset[str] = frozenset()
    complementizers: frozenset[str] = frozenset()
    # Words that say a reassurance is about everything else ("i'm fine OTHERWISE"), and
    # how many words may stand between them and it.
    the_rest: frozenset[tuple[str, ...]] = frozenset()
    the_rest_gap: int = 0
    of_the_rest: frozenset[tuple[str, ...]] = frozenset()  # "nothing ELSE", "no OTHER"
    # Openers of a clause of when something happened ("WHEN I changed the plaster"),
    # and how many words may stand between one and the content it holds.
    circumstance: frozenset[tuple[str, ...]] = frozenset()
    circumstance_gap: int = 0
    concord_verbs: frozenset[str] = frozenset()
    concord_negatives: frozenset[str] = frozenset()
    concord_window: int = 3
    concord_subject_of: frozenset[str] = frozenset()  # "NOTHING DOES": its own clause
    # Words that say a symptom grew ("worse", "spreading"; payload ``increase``), and
    # longer ones that say it did not ("NO WORSE"; ``unchanged``): one said to predate
    # the procedure that grew is new again (``Scope.prior`` does not hold).
    increase: PhraseIndex[str] | None = None
    # Resolved triggers that, after a phrase of inability or lack ("i CAN'T get up the
    # stairs ANY MORE"), say it goes on rather than that it went; and the words that make
    # a phrase one of inability or lack.
    ongoing: frozenset[tuple[str, ...]] = frozenset()
    lack: frozenset[str] = frozenset()
    # A resolved word reaches back across one of ``contrast`` when only ``subject``
    # words stand between them ("red yesterday BUT IT'S faded now").
    contrast: frozenset[str] = frozenset()
    subject: frozenset[str] = frozenset()
    # Reassuring words ("okay", "right", "healing") that a verb's negation denies across
    # only ``reassurance_gap`` words ("it DOESN'T LOOK OKAY"; voice.double_negatives).
    reassurance: frozenset[str] = frozenset()
    reassurance_gap: frozenset[str] = frozenset()
    # A comparison ("it's LIKE IT'S NOT my leg"): an opener after one of
    # ``simile_after`` and before a ``clause_start`` word, up to one of
    # ``simile_until`` (voice.negation.in_simile).
    simile_openers: frozenset[tuple[str, ...]] = frozenset()
    simile_after: frozenset[str] = frozenset()
    simile_until: frozenset[str] = frozenset()
    # Answer words said after each item of a list ("head YES, back YES, fever NO");
    # those of ``interjections`` deny their item (voice.negation._list_items).
    item_answers: frozenset[str] = frozenset()

    @property
    def negatives(self) -> frozenset[str]:
        """Words that make a phrase a denial of its own ("NO feeling", "NOT even a
        little one", "NOTHING helps")."""
        return self.concord_negatives | {"no", "not"}

    @cached_property
    def denials(self) -> frozenset[str]:
        """Words that make a phrase or statement deny ("NO feeling in", "CAN'T lift")."""
        return self.concord_verbs | self.negatives


@dataclass(frozen=True)
class Scope:
    """What surrounds one phrase span."""

    negated: bool = False
    resolved: bool = False
    hedged: bool = False
    # Hedged only by words of "as before" ("fine, SAME AS ALWAYS"): they doubt a sign
    # said (it may not be new), not an all-clear.
    as_before: bool = False
    # Said to have been there before the procedure and not to have changed ("numb
    # toes for years with my diabetes, NOTHING NEW"), with no word of it growing.
    prior: bool = False
    # Negated only by an answer word at the front ("no, walking fine"): that "no"
    # agrees with a denial rather than denying it.
    by_answer_word: bool = False
    # Denied only by a bare "no" straight after another phrase, this index of the
    # spans ("fever NO legs numb"): that "no" may answer for the phrase before it.
    after_phrase: int | None = None
    # Answered by its own word as an item of a list ("fever NO"): that word is its.
    item: bool = False
    start: int = 0  # first token of the phrase with its trigger / hedge (evidence)
    end: int = 0


def in_simile(tokens: tuple[str, ...], rules: Rules) -> frozenset[int]:
    """The positions of the comparisons in ``tokens``: from the clause after a simile
    opener ("my feet feel LIKE THEY'RE IN THICK SOCKS WHEN THEY'RE NOT") to a sentence
    break or a word of ``simile_until``. A "no" there denies the picture, not the
    symptom. The opener must follow a word of ``simile_after`` ("feel like", "it's
    like": not "like, no") and start a clause that pictures something: a word that is
    no clause start, no scope-skipping word and no negation ("doesn't look like it",
    "looks like it's not" are a plain "no", not a comparison)."""
    spans = [_simile_span(tokens, i + len(opener), rules)
             for opener in rules.simile_openers for i in range(1, len(tokens) - len(opener))
             if tokens[i:i + len(opener)] == opener and tokens[i - 1] in rules.simile_after
             and tokens[i + len(opener)] in rules.clause_start]
    if not spans:
        return frozenset()  # most answers: no need to look for negations
    negations = {i for t in triggers_in(tokens, rules, ()) if {PRE, POST} & set(t.payload)
                 for i in range(t.start, t.end)}
    return frozenset(k for span in spans if any(
        tokens[k] not in rules.clause_start and tokens[k] not in rules.scope_skip
        and k not in negations for k in span) for k in span)


def _simile_span(tokens: tuple[str, ...], start: int, rules: Rules) -> range:
    """From ``start`` to the comparison's end: a sentence break or ``simile_until``."""
    end = start
    while end < len(tokens) and tokens[end] != BREAK and tokens[end] not in rules.simile_until:
        end += 1
    return range(start, end)


def gone_to(tokens: tuple[str, ...], end: int, rules: Rules) -> int | None:
    """Where a phrase ending in "gone" at ``end`` would go on to name what it became,
    past ``degree`` words ("my vision has GONE ALL blurry", "gone NUMB": a change, not
    "gone away"); None when the phrase does not end in "gone"."""
    if end == 0 or tokens[end - 1] != "gone":
        return None
    while end < len(tokens) and tokens[end] in rules.degree:
        end += 1
    return end


def triggers_in(tokens: tuple[str, ...], rules: Rules, taken: Sequence[int]) -> list[Match[str]]:
    """Trigger, terminator and hedge phrases outside the ``taken`` (phrase) positions."""
    return rules.triggers.find(tokens, taken=taken, fuzzy=False)


def scopes(
    tokens: tuple[str, ...], spans: Sequence[tuple[int, int]], rules: Rules,
    triggers: Sequence[Match[str]] | None = None, heads: Sequence[int] | None = None,
) -> list[Scope]:
    """One ``Scope`` per span (same order). ``heads``: where each span's statement
    begins, when before the span ("LEGS numb": the place of a composed concept)."""
    if triggers is None:
        taken = [i for s, e in spans for i in range(s, e)]
        triggers = triggers_in(tokens, rules, taken)
    enders = {m.start for m in triggers if _SCOPE_ENDERS & set(m.payload)}
    span_starts = {s for s, _ in spans}
    span_ends = {e: j for j, (_, e) in enumerate(spans)}  # where a span ends -> which
    flags = [dict(negated=False, resolved=False, hedged=False, as_before=False, prior=False,
                  after_phrase=None, item=False, start=s, end=e) for s, e in spans]
    # span -> where its own answer word is
    items = _list_items(tokens, spans, heads or [s for s, _ in spans], rules)
    item_words = set(items.values())
    after: dict[int, int] = {}  # span -> the span just before the bare "no" that denies it
    denials = [0] * len(spans)
    negated_by: list[set[bool]] = [set() for _ in spans]  # True: by an answer word
    wholes = whole_answers(tokens, rules)

    def widen(k: int, i: int, j: int) -> None:
        flags[k]["start"] = min(flags[k]["start"], i)
        flags[k]["end"] = max(flags[k]["end"], j)

    for k, at in items.items():
        flags[k]["item"] = True
        if (tokens[at],) in rules.interjections:
            flags[k]["negated"] = True
            negated_by[k].add(True)
            widen(k, spans[k][0], at + 1)
    for t in triggers:
        if t.start in item_words:
            continue  # an item's own answer word denies that item only
        kinds = set(t.payload)
        answer_word = t.end < len(tokens) and (
            t.phrase in rules.interjections and tokens[t.end] in rules.clause_start
            or t.phrase in rules.elided_verbs and tokens[t.end] in rules.elided_subjects)
        if kinds & {PRE, RESOLVED} and not answer_word:
            reach = min(_forward_scope(tokens, t.end, rules, enders, span_starts),
                        wholes.get(t.start, len(tokens)))
            changed = gone_to(tokens, t.end, rules) if RESOLVED in kinds else None
            for k, (s, _) in enumerate(spans):
                if k in items:
                    # Its own word answers an item; a "no" straight before one that
                    # says yes may be the answer to what came before ("dizzy NO,
                    # fever yes") or to it ("NO numbness, yes"): either way, asked.
                    if t.end == s and (tokens[items[k]],) not in rules.interjections:
                        flags[k]["hedged"] = True
                    continue
                if t.end == s and tokens[s] == t.phrase[-1]:
                    continue  # "no, NO TEMPERATURE": a repeated "no" is emphasis
                if t.end <= s < reach and not (changed is not None and changed >= s):
                    # ("gone" straight before what it describes is a change: "my vision
                    # has gone BLURRY", "gone NUMB", not "has gone away".)
                    flags[k]["resolved" if RESOLVED in kinds and PRE not in kinds
                             else "negated"] = True
                    # "Nope" is the answer word wherever it stands ("he says NOPE,
                    # looks fine" agrees with "looks fine"; "nope, headache" denies it).
                    denials[k] += 1
                    negated_by[k].add(t.phrase in rules.answer_only or (
                        t.phrase in rules.interjections and _fronts(tokens, t.start, rules)))
                    if t.start in span_ends and len(t.phrase) == 1 \
                            and t.phrase in rules.interjections:
                        after[k] = span_ends[t.start]
                    widen(k, t.start, t.end)
        if kinds & {POST, RESOLVED}:
            k = _nearest_before(tokens, t.start, spans, rules.window_post, enders, rules)
            if k is None and RESOLVED in kinds:
                k = _across_contrast(tokens, t.start, spans, enders, rules)
            if k is not None and t.phrase in rules.ongoing and rules.lack.intersection(
                    tokens[spans[k][0]:spans[k][1]]):
                k = None  # "no feeling in my feet ANYMORE": still none, not gone
            if k is not None:
                flags[k]["resolved" if RESOLVED in kinds else "negated"] = True
                negated_by[k].add(False)
                widen(k, t.start, t.end)
    for k, j in after.items():
        # "fever NO legs numb", but not "no fever NO headache" (a list of denials).
        if not flags[j]["negated"] and denials[k] == 1:  # ("fever no, NOT numb")
            flags[k]["after_phrase"] = j
    back = [t.start for t in triggers if RETURNED in t.payload]
    for k, (_, e) in enumerate(spans):
        if flags[k]["resolved"] and any(b >= e for b in back):
            flags[k]["resolved"] = False  # "went away and now it's back"
    prior = [t for t in triggers if PRIOR in t.payload]
    if prior and not _grew(tokens, prior, rules):
        for t in prior:
            for k in _prior_scope(tokens, t, spans, rules, enders, span_starts):
                flags[k]["prior"] = True
                widen(k, t.start, t.end)
    for t in triggers:
        kinds = set(t.payload)
        k = None
        if HEDGE_PRE in kinds:
            k = _nearest_after(tokens, t.end, spans, rules.hedge_window_pre, enders, rules)
            if k is not None and spans[k][0] >= wholes.get(t.start, len(tokens)):
                k = None  # "NOT THAT i've noticed, i'm fine": a whole answer's own words
        if k is None and HEDGE_POST in kinds:
            k = _nearest_before(tokens, t.start, spans, rules.hedge_window_post, enders, rules)
            if k is not None and rules.clause_start.intersection(tokens[spans[k][1]:t.start]):
                k = None  # "no weakness, HE'S a bit tired": the hedge is of another clause
        if k is not None:
            # "as before" while every hedge of it so far is a word of "as before"
            flags[k]["as_before"] = PRIOR in kinds and (
                flags[k]["as_before"] or not flags[k]["hedged"])
            flags[k]["hedged"] = True
            widen(k, t.start, t.end)
    return [Scope(**f, by_answer_word=by == {True}) for f, by in zip(flags, negated_by,
                                                                     strict=True)]


def _list_items(tokens: tuple[str, ...], spans: Sequence[tuple[int, int]],
                heads: Sequence[int], rules: Rules) -> dict[int, int]:
    """The spans said as the items of a list, each with its own answer word straight
    after it ("back sore YES, headache NO, fever NO"): span -> that word's position.
    An item begins its sentence or follows an answer word ("dizzy NO, fever yes"), and
    the list's last item ends its sentence with its word; so a tag ("it's bleeding,
    no?") and a "no" that goes on to deny ("bladder fine, NO numbness") are no items'
    words. An item is denied by its own word only; one that denies itself is agreed
    with ("NOT that i could stop, no")."""
    def word_after(k: int) -> int | None:
        e = spans[k][1]
        own = rules.denials.intersection(tokens[heads[k]:e])
        return e if e < len(tokens) and tokens[e] in rules.item_answers and not own else None

    starting = {h: k for k, h in enumerate(heads)}
    items = {k: at for k in range(len(spans)) if (at := word_after(k)) is not None}
    while True:  # drop the items that do not begin or end as one, until all that are left do
        kept = {k: at for k, at in items.items()
                if (heads[k] == 0 or tokens[heads[k] - 1] in (BREAK, *rules.item_answers))
                and (at + 1 == len(tokens) or tokens[at + 1] == BREAK
                     or starting.get(at + 1) in items)}
        if kept == items:
            return items
        items = kept


def _grew(tokens: tuple[str, ...], prior: Sequence[Match[str]], rules: Rules) -> bool:
    """Whether the answer says something grew ("worse", not "no worse"), outside the
    "prior" phrases: then nothing in it is only old."""
    if rules.increase is None:
        return False
    old = {i for t in prior for i in range(t.start, t.end)}
    return any(INCREASE in m.payload and not old & set(range(m.start, m.end))
               for m in rules.increase.find(tokens, fuzzy=False))


def _prior_scope(tokens: tuple[str, ...], t: Match[str], spans: Sequence[tuple[int, int]],
                 rules: Rules, enders: set[int], span_starts: set[int]) -> list[int]:
    """The spans a "prior" trigger speaks of: those after it in its scope, else the
    nearest before it ("numb toes FOR YEARS", "FOR YEARS my toes have been numb")."""
    reach = _forward_scope(tokens, t.end, rules, enders, span_starts)
    after = [k for k, (s, _) in enumerate(spans) if t.end <= s < reach]
    if after:
        return after
    k = _nearest_before(tokens, t.start, spans, rules.window, enders, rules)
    return [] if k is None else [k]


def phrase_spans(tokens: tuple[str, ...], phrases: Iterable[tuple[str, ...]]
                 ) -> Iterator[tuple[int, int]]:
    """Where each of ``phrases`` is said, as (start, end)."""
    for p in phrases:
        for start in range(len(tokens) - len(p) + 1):
            if tokens[start:start + len(p)] == p:
                yield start, start + len(p)


def about_the_rest(tokens: tuple[str, ...], start: int, end: int, rules: Rules) -> bool:
    """Whether the phrase at ``start:end`` is said of everything but what was just said:
    a word of ``the_rest`` within ``the_rest_gap`` words of it, same sentence ("yes, but
    i'm FINE OTHERWISE", "APART FROM THAT i'm fine"), or inside an all-clear of
    ``of_the_rest`` ("yes, NOTHING ELSE")."""
    if in_the_rest(tokens, start, end, rules):
        return True
    for at, after in phrase_spans(tokens, rules.the_rest):
        lo, hi = (after, start) if at < start else (end, at)
        if hi - lo <= rules.the_rest_gap and BREAK not in tokens[lo:hi]:
            return True
    return False


def in_the_rest(tokens: tuple[str, ...], start: int, end: int, rules: Rules) -> bool:
    """Whether the phrase at ``start:end`` shares words with an all-clear that says by
    its own words it is about the rest (``of_the_rest``): "NOT MUCH" in "yes, not much
    else" at the bleeding question."""
    return any(at < end and start < after
               for at, after in phrase_spans(tokens, rules.of_the_rest))


def whole_answers(tokens: tuple[str, ...], rules: Rules) -> dict[int, int]:
    """Each position inside a whole answer ("NOT THAT I'VE NOTICED", "I DON'T THINK SO")
    -> where that answer ends: a negation in it reaches nothing after it."""
    out: dict[int, int] = {}
    for start, end in phrase_spans(tokens, rules.whole_answers):
        for i in range(start, end):
            out[i] = max(out.get(i, 0), end)
    return out


def _fronts(tokens: tuple[str, ...], start: int, rules: Rules) -> bool:
    """Whether only answer words (and fronting words: "AH no") come before ``start`` in
    its clause: the second "no" of "no no, strong as an ox" answers as the first does."""
    i = start
    while i > 0 and tokens[i - 1] != BREAK and ((tokens[i - 1],) in rules.interjections
                                                 or tokens[i - 1] in rules.fronting):
        i -= 1
    return i == 0 or tokens[i - 1] == BREAK


def _forward_scope(
    tokens: tuple[str, ...], start: int, rules: Rules, enders: set[int], span_starts: set[int]
) -> int:
    """Index one past the last token a pre-trigger ending at ``start`` reaches."""
    passed_content = False
    j = start
    while j < len(tokens) and j - start < rules.window:
        word = tokens[j]
        if word == BREAK or j in enders:
            break
        if word in rules.clause_start and passed_content:
            break
        if j in span_starts or word not in rules.scope_skip:
            passed_content = True
        j += 1
    return j


def _nearest_before(
    tokens: tuple[str, ...], start: int, spans: Sequence[tuple[int, int]], window: int,
    enders: set[int], rules: Rules,
) -> int | None:
    """The span ending closest before ``start`` within ``window`` words, same clause."""
    best = None
    for k, (_, e) in enumerate(spans):
        if e <= start and start - e < window and (best is None or e > spans[best][1]):
            best = k
    if best is None:
        return None
    between = range(spans[best][1], start)
    if any(tokens[j] == BREAK or j in enders for j in between):
        return None
    return best


def _across_contrast(
    tokens: tuple[str, ...], start: int, spans: Sequence[tuple[int, int]], enders: set[int],
    rules: Rules,
) -> int | None:
    """For a resolved word at ``start`` after "but it's" (a contrast, then only subject
    words): the span it resolves, the nearest before the contrast, as if the contrast
    were not there ("it was red yesterday BUT IT'S faded now")."""
    j = start
    while j > 0 and tokens[j - 1] in rules.subject:
        j -= 1
    if j == 0 or j == start or tokens[j - 1] not in rules.contrast:
        return None
    return _nearest_before(tokens, j - 1, spans, rules.window_post, enders - {j - 1}, rules)


def _nearest_after(
    tokens: tuple[str, ...], end: int, spans: Sequence[tuple[int, int]], window: int,
    enders: set[int], rules: Rules,
) -> int | None:
    """The span starting closest after ``end`` within ``window`` words, same clause (a
    clause starts afresh, as for a negation, at a ``clause_start`` word after other
    words: "had A LITTLE sleep AND feel fine" hedges nothing)."""
    best = None
    for k, (s, _) in enumerate(spans):
        if s >= end and s - end < window and (best is None or s < spans[best][0]):
            best = k
    if best is None:
        return None
    passed_content = False
    for j in range(end, spans[best][0]):
        word = tokens[j]
        if word == BREAK or j in enders or (word in rules.clause_start and passed_content):
            return None
        passed_content = passed_content or word not in rules.scope_skip
    return best


def of_another(words: tuple[str, ...], m: Match[Any], matches: Sequence[Match[Any]],
               triggers: Sequence[Match[str]], rules: Rules,
               same: Callable[[Match[Any], Match[Any]], bool]) -> bool:
    """Whether the negation before ``m`` belongs to another phrase: one lies between
    them, with no trigger and no list word ("or", "and") after it. "no numbness LEGS
    DON'T FEEL NORMAL": the "no" is the numbness's; "no fever or CHILLS" is a list;
    "the tablets DON'T work, STILL THERE": the "don't" is the work's. ``same``: whether
    two phrases say the same kind of thing (one symptom's signs may be listed without
    commas: "no redness WARMTH or swelling")."""
    for o in matches:
        if o is m or o.end > m.start:
            continue
        gap = range(o.end, m.start)
        if any(t.start >= o.end and t.end <= m.start for t in triggers):
            continue
        if any(words[i] in rules.coordinators or words[i] == BREAK for i in gap):
            continue
        if not gap and same(o, m) and _listed(words, m, matches, rules):
            # (Other symptoms side by side are kept apart: "no headache NUMB LEGS and
            # back pain" may well say the legs are numb.)
            continue
        # (A trigger may take a complaint's first word: "i DON'T FEEL faint".)
        if any(t.start < o.start for t in triggers):
            return True
    return False


def _listed(words: tuple[str, ...], m: Match[Any], matches: Sequence[Match[Any]],
            rules: Rules) -> bool:
    """Whether ``m`` is inside a list: phrases side by side up to a list word and one
    more phrase ("redness WARMTH or swelling")."""
    starts = {o.start: o for o in matches}
    end = m.end
    while end in starts:
        end = starts[end].end
    return end < len(words) and words[end] in rules.coordinators and end + 1 in starts
