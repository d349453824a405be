"""What a yes/no answer means relative to its question.

"Yes, the ibuprofen helps" answers "is the pain still bad after pain relievers?" with
*no*: the words say what the answer means, and a bare "yes" or "no" in front of them
does not. Each question may list content phrases for both directions
(questions.yaml `phrases`), and content concepts that compose them from parts
(concepts.yaml entries with `question` and `value`: "STANDING ... makes it POUND");
the question's own symptom phrases and concepts count as content too. Content goes
through the same NegEx scopes as symptom phrases, so "it DOESN'T help" flips "it
helps" (no -> yes). Where several content concepts could read one effect ("when i get
up IT KILLS, lying down it eases"), the closest completing part wins, one said before
the effect preferred.

One rule: content decides; the bare yes/no decides only when there is no content;
content pointing both ways ("it helps a bit but it's still there") or a hedged
content "no" is ambiguous, and the dialog asks one clarifying question instead of
guessing (``Reading.ambiguous``). Pure.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from voice.concepts import ConceptMatch, load_concepts
from voice.negation import gone_to, in_the_rest, of_another, phrase_spans, scopes, triggers_in
from voice.normalize import BREAK
from voice.phrases import Match
from voice.protocol import WEARS_OFF, Lexicon, Protocol, Question

_FLIP = {"yes": "no", "no": "yes"}
_WEARS_OFF_GAP = 2  # words allowed between a relief phrase and "for an hour"
_AFTER = 3  # extra distance of a content concept's part said after what is said of it


@dataclass(frozen=True)
class Reading:
    value: str | None  # "yes" | "no" | "unsure" (only can't-know content) | None
    hedged: bool = False
    ambiguous: bool = False
    used: frozenset[int] = frozenset()  # positions the content phrases (and scopes) took
    # The value came from a content phrase turned round by a negation ("NOT any worse"):
    # at an emergency question, against a bare answer the other way, it is no proof
    # ("yeah, not any worse" at "new or increasing numbness?" may deny only the
    # increase), and the dialog asks (voice/understand.py).
    turned: bool = False


def spans(words: tuple[str, ...], protocol: Protocol,
          question: Question | None) -> list[tuple[int, int]]:
    """Where the question's own content phrases are. A symptom phrase they explain is
    not read on its own: "sitting up makes it WORSE" or "it GETS WORSE when i get up"
    at the headache-position question is about the headache, not "worse pain"."""
    if question is None or question.answer != "yesno":
        return []
    return [(m.start, m.end) for m in _said(words, protocol, question, whole=True)
            if set(m.payload) & {"yes", "no"}]


def _said(words: tuple[str, ...], protocol: Protocol, question: Question,
          whole: bool = False) -> list[Match[str]]:
    """The question's content phrases in ``words``, and its content concepts where no
    listed phrase covers the concept's words (a listed phrase decides). A concept's
    span is its last part (what negation scopes), or with ``whole`` all it covered."""
    index = protocol.lexicon.per_question.get(question.id)
    found = [m for m in (index.find(words, fuzzy=False) if index else [])
             if not _becomes(words, m, protocol)]
    # Beside a yes, a phrase inside an all-clear about the rest ("yes, NOT MUCH else")
    # answers nothing ("a bruise but NOTHING ELSE" is still a no). The answer words are
    # looked up only when such a phrase is there (rare; this runs for every answer).
    rest = [m for m in found if in_the_rest(words, m.start, m.end, protocol.lexicon.negation)]
    if rest and any("yes" in a.payload
                    for a in protocol.lexicon.answers.find(words, fuzzy=False)):
        found = [m for m in found if m not in rest]
    # A listed phrase that says otherwise decides; one that says the same leaves the
    # concept its wider words ("BLEEDING A BIT ... but IT'S STOPPED" is one no). One
    # that a concept's part holds and says more of is the concept's ("pink but NO
    # WORSE": the part "no worse" holds the listed "worse").
    def held(m: Match[str], c: ConceptMatch) -> bool:
        return c.start <= m.start and m.end <= c.end and (m.start, m.end) != (c.start, c.end)

    # So does a listed phrase of not knowing anywhere in the concept's words: "i
    # HAVEN'T CHECKED but it's fine" is no look taken, not "checked ... fine".
    concepts = [c for c in load_concepts(protocol).find(words, question=question.id, content=True)
                if not any(set(m.payload) - {c.label} for m in found
                           if m.start < c.end and c.start < m.end and not held(m, c))
                and not any("unsure" in m.payload and c.label != "unsure"
                            and m.start < c.words[1] and c.words[0] < m.end for m in found)]
    found = [m for m in found if not any(held(m, c) for c in concepts)]
    # One reading per effect: it goes with the closest part that completes it, one
    # said before it preferred ("when i get up IT KILLS, lying down it eases": "kills"
    # is the getting up's, not the lying down's).
    best: dict[tuple[int, int], int] = {}
    for c in concepts:
        d = _distance(c)
        best[(c.start, c.end)] = min(d, best.get((c.start, c.end), d))
    for c in concepts:
        if _distance(c) == best[(c.start, c.end)]:
            lo, hi = c.words if whole else (c.start, c.end)
            found.append(Match(lo, hi, words[lo:hi], (c.label,), 100.0))
    return found


def _becomes(words: tuple[str, ...], m: Match[str], protocol: Protocol) -> bool:
    """Whether a content phrase "gone" is a change rather than "gone away": straight
    before a symptom it describes, "my legs have GONE ALL pins and needles" (the rule
    negation applies to "gone" as a resolved word)."""
    changed = gone_to(words, m.end, protocol.lexicon.negation)
    return changed is not None and any(
        s.start == changed for s in protocol.lexicon.symptoms.find(words, fuzzy=False))


def _distance(c: ConceptMatch) -> int:
    """Words between a content concept's last part (what is said) and the others; a
    part said after it counts ``_AFTER`` words further."""
    return c.gap + (_AFTER if c.after else 0)


def explained(start: int, end: int, content_spans: list[tuple[int, int]]) -> bool:
    """A symptom phrase at start..end is explained by the content unless it holds a
    whole, shorter content phrase (then it says more: "worse when i stand UP"). The
    same words as a content phrase are the question's ("better when i lie flat" at
    the pain-relief question is relief, not a positional headache)."""
    overlaps = [(s, e) for s, e in content_spans if s < end and start < e]
    return bool(overlaps) and not any(start <= s and e <= end and (s, e) != (start, end)
                                      for s, e in overlaps)


def content(words: tuple[str, ...], protocol: Protocol, question: Question,
            symptom_status: str | None) -> Reading:
    """The value the content of ``words`` gives at ``question``.

    ``symptom_status``: the merged status of the question's own symptom as found by
    its phrases and concepts (None if they did not mention it)."""
    lex = protocol.lexicon
    found = _said(words, protocol, question)
    matches = [m for m in found if set(m.payload) & {"yes", "no"}]
    unknowable = [m for m in found if "unsure" in m.payload]
    brief_matches = [m for m in found if WEARS_OFF in m.payload]
    brief = [m.start for m in brief_matches]
    spans = [(m.start, m.end) for m in matches]
    own = [i for s, e in spans for i in range(s, e)]
    values: set[str] = set()
    hedged = False
    turned = False
    used = set(own)
    said_values: list[tuple[int, int, str]] = []  # (start, end, value) of each phrase
    last = None
    if matches:
        # Negation words inside a symptom phrase ("tablets DON'T touch it") still
        # negate the content phrase after them.
        # ("for a BIT" is a duration, not a hedge.)
        triggers = triggers_in(words, lex.negation, sorted(
            own + [i for m in brief_matches for i in range(m.start, m.end)]))
        for m, scope in zip(matches, scopes(words, spans, lex.negation, triggers), strict=True):
            value = next(v for v in m.payload if v in ("yes", "no"))
            if scope.negated and of_another(words, m, matches, triggers, lex.negation,
                                            same=lambda a, b: a.payload == b.payload):
                scope = replace(scope, negated=False)  # "DOESN'T work, STILL THERE"
            if value == "no" and _wears_off(words, m.end, brief):
                value = "yes"  # "it eases off FOR AN HOUR then comes back": relief that wears off
            if scope.negated and value == "no" and words[scope.start] == "no" and \
                    words[m.start] in lex.negation.no_states:
                values.add(value)  # "no, DRY", "blood NO, DRY": a bare no denies no state
            elif scope.negated and scope.by_answer_word and value == "no" and any(
                    words[scope.start:scope.start + len(a)] == a
                    for a in lex.negation.answer_only):
                values.add(value)  # "nope, gone": the answer word agrees with the content
            elif scope.negated and scope.by_answer_word and value == "no" and \
                    _answer_agrees(words, scope.start, m.start, lex):
                values.add(value)
            elif scope.negated and scope.by_answer_word:
                # "no, still there" or "no help at all"? Both readings; ask.
                values.add(_FLIP[value])
            elif scope.negated:
                value, turned = _FLIP[value], True
            if scope.resolved and value == "yes" and question.since and not scope.prior:
                hedged = True  # "had one but it's gone now" at "have you had a fever?"
            elif scope.resolved and value == "yes":
                # "the headache went away" at "is it still there?"; "had one BEFORE THE
                # PROCEDURE, not since" at "since the procedure?" (as symptom phrases are)
                value = "no"
            hedged = hedged or scope.hedged
            values.add(value)
            said_values.append((m.start, m.end, value))
            used.update(range(scope.start, scope.end))
        last = _after_contrast(words, said_values, lex,
                               emergency=protocol.asks_emergency(question))
        if last is not None:
            values = {last}  # "it's still there BUT it's not bad": the point comes last
    # What the question's own symptom, found by its phrases, says as an answer.
    own = None if symptom_status is None else "no" if symptom_status == "absent" else "yes"
    if own is not None and last is None:
        values.add(own)
        hedged = hedged or symptom_status == "uncertain"
    if not values:
        # Only "can't know" content ("haven't been up yet" at the weakness question).
        return Reading("unsure", used=frozenset(
            i for m in unknowable for i in range(m.start, m.end))) if unknowable else \
            Reading(None)
    if values == {"no"} and _then_unknowable(words, said_values, unknowable, lex):
        # "Fine lying down, BUT I haven't tried getting up": a no it cannot know yet.
        return Reading("unsure", used=frozenset(
            used | {i for m in unknowable for i in range(m.start, m.end)}))
    if len(values) > 1 and (main := _outside_circumstance(
            words, said_values, own, lex)) is not None:
        values = {main}  # "a few drops WHEN I CHANGED THE PLASTER": when, not what
    if len(values) > 1 or (values == {"no"} and hedged):
        return Reading(None, ambiguous=True, used=frozenset(used))
    return Reading(values.pop(), hedged, used=frozenset(used), turned=turned)


def _outside_circumstance(words: tuple[str, ...], said: list[tuple[int, int, str]],
                          own: str | None, lex: Lexicon) -> str | None:
    """The one value the answer gives outside its clauses of when something happened
    ("a few drops WHEN I changed the plaster": the drops, not the changing), if the
    content inside such clauses is set aside; None when there is none, or more than one
    (negation.yaml ``circumstance``). ``own``: the value the question's own symptom
    gives, said outside any such clause."""
    rules = lex.negation
    opened = {end + k for _, end in phrase_spans(words, rules.circumstance)
              for k in range(rules.circumstance_gap + 1)}
    inside = [v for s, _, v in said if s in opened]
    outside = {v for s, _, v in said if s not in opened} | ({own} if own else set())
    return outside.pop() if inside and len(outside) == 1 else None


def _then_unknowable(words: tuple[str, ...], said: list[tuple[int, int, str]],
                     unknowable: list[Match[str]], lex: Lexicon) -> bool:
    """Whether the answer's last word on the question, after a contrast ("but"), is
    that it cannot be known yet: "they feel fine lying down BUT i HAVEN'T TRIED getting
    up"."""
    contrasts = [c for c, w in enumerate(words) if w in lex.negation.contrast]
    return any(c < m.start and not any(s > c for s, _, _ in said)
               for c in contrasts for m in unknowable)


def _wears_off(words: tuple[str, ...], end: int, brief: list[int]) -> bool:
    """Whether a "lasted only a while" phrase follows position ``end`` closely, in the
    same sentence."""
    return any(end <= b <= end + _WEARS_OFF_GAP and BREAK not in words[end:b] for b in brief)


def _answer_agrees(words: tuple[str, ...], start: int, phrase: int, lex: Lexicon) -> bool:
    """Whether the answer word "no" at ``start`` agrees with the "no" content phrase at
    ``phrase`` rather than denying it: words stand between them ("no, LYING DOWN sorts
    it out") or the phrase is a denial itself ("no, NOT even a little one")."""
    return words[phrase] in lex.negation.negatives or any(
        w not in lex.fillers and w not in lex.negation.degree and w != BREAK
        for w in words[start + 1:phrase])


def _after_contrast(words: tuple[str, ...], said: list[tuple[int, int, str]],
                    lex: Lexicon, emergency: bool) -> str | None:
    """The "no" said after a contrast ("but") when everything before it says yes: "it's
    still there BUT it's not bad" answers "still bad?" with no. Only of the same thing
    ("but IT'S not bad", not "but MY BACK is better") and never at an emergency
    question ("gone red but not dripping" is no "no" to bleeding). None otherwise: a
    yes after the "but" ("it helps but it comes back") is asked about, as before."""
    rules = lex.negation
    for c, word in enumerate(words):
        if word not in rules.contrast:
            continue
        before = {v for s, e, v in said if e <= c}
        after = [(s, v) for s, e, v in said if s > c]
        if len(before) != 1 or len({v for _, v in after}) != 1 or before == {after[0][1]}:
            continue
        start, value = after[0]
        same = all(w in rules.subject or w in lex.fillers or w in rules.degree
                   for w in words[c + 1:start])
        if value == "no" and same and not emergency:
            return value
    return None
