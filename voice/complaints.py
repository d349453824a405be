"""Complaints the protocol does not cover: recorded, never dropped.

"I fainted", "my neck is stiff and the light hurts my eyes", "a rash all over my arms":
none is one of our symptoms, so none can be judged here. Such an answer is recorded
as a concern with the patient's words; the dialog says it cannot judge it and that the
patient should tell their care team today, and triage makes the result at least
`at_least` (intents/complaints.yaml). Only what that file lists is a complaint, so
ordinary remarks ("a bit tired but otherwise fine") are not; a negated complaint
("no chest pain") is not one either, decided by the same NegEx scopes as symptoms.

A protocol symptom said of another part of the body is a complaint too, not that
symptom: "my ANKLE's swollen" is not an infected puncture site, "my ARM went numb" not
numb legs, "a pain in my CHEST" not back soreness (``Elsewhere``). Pure once loaded.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

from voice.concepts import Concept, Concepts
from voice.negation import phrase_spans, scopes, triggers_in
from voice.normalize import BREAK, tokens
from voice.phrases import PhraseIndex
from voice.protocol import DISPOSITIONS, Protocol
from voice.yamlsrc import Node, Source, compose

FILE = "complaints.yaml"


@dataclass(frozen=True)
class Statements:
    """complaints.yaml ``elsewhere.statements``: words that start another statement
    between a body part and a symptom, so that the part is no place for it."""
    subjects: frozenset[str] = frozenset()  # "... AND I feel sick"
    owners: frozenset[str] = frozenset()  # "... and MY mouth is dry"
    resumed: frozenset[str] = frozenset()  # "my arms are fine, IT'S red"
    continued_by: frozenset[str] = frozenset()  # an owner after these continues: "IN my arm"
    denied_by: frozenset[str] = frozenset()  # "NO chest pain"
    # A part said to be something ("my mouth IS dry"), then an amount starting afresh
    # ("A LOT OF bleeding"): another statement, unpunctuated.
    being: frozenset[str] = frozenset()
    amounts: frozenset[tuple[str, ...]] = frozenset()


@dataclass(frozen=True)
class Elsewhere:
    """Body parts outside the protocol, each with the symptoms that can be there.

    A symptom phrase is said of another part when one of ``parts`` is within
    ``window`` words of it in the same clause, that part cannot have the symptom,
    and no part that can (``places`` or a part of a group that can) is anywhere in
    that clause ("my legs and arms are numb" stays numb legs). Conservative: only listed parts
    move a symptom away, and any place of the protocol nearby keeps it."""
    parts: dict[str, frozenset[str]]  # body part word -> the symptoms it can have
    places: frozenset[str]  # the protocol's own places: every symptom can be there
    located: frozenset[str] = frozenset()  # symptoms with a place (a fever has none)
    window: int = 5
    likened_by: frozenset[str] = frozenset()  # "bleeding LIKE a finger": no place
    statements: Statements = Statements()
    # Clause ends that only add another part ("my hands AS WELL AS my feet"): a list.
    joined_by: frozenset[tuple[str, ...]] = frozenset()

    def away(self, words: tuple[str, ...], start: int, end: int, symptom: str,
             stops: frozenset[int] = frozenset(), denied: frozenset[int] = frozenset(),
             ) -> bool:
        """``stops``: positions of words that end a clause ("but", "and then": the
        negation rules' terminate words); a part beyond one is about something else
        ("no headache BUT my legs feel numb"). ``denied``: positions of places that a
        negation rules out ("my arms feel weak, NOT MY LEGS"), which keep nothing."""
        if symptom not in self.located:
            return False
        stops = stops - self._joins(words)
        lo, hi = start, end
        while lo > 0 and words[lo - 1] != BREAK and lo - 1 not in stops:
            lo -= 1
        while hi < len(words) and words[hi] != BREAK and hi not in stops:
            hi += 1
        # Any place that can have the symptom anywhere in the clause keeps it ("blood
        # all over my hands from the DRESSING"); another part moves it only when near.
        # A place inside the phrase itself is never denied ("no, LEGS are strong").
        if any((start <= i < end or i not in denied) and (
                w in self.places or symptom in self.parts.get(w, ()))
               for i, w in enumerate(words[lo:hi], lo)):
            return False
        near = range(max(lo, start - self.window), min(hi, end + self.window))
        return any(words[i] in self.parts and symptom not in self.parts[words[i]]
                   and not self._likened(words, i)
                   and not self._apart(words, start, end, i) for i in near)

    def _joins(self, words: tuple[str, ...]) -> frozenset[int]:
        """Positions of the words that join one part to another ("AS WELL AS")."""
        return frozenset(i for start, end in phrase_spans(words, self.joined_by)
                         for i in range(start, end))

    def _apart(self, words: tuple[str, ...], start: int, end: int, i: int) -> bool:
        """Whether another statement starts between the part at ``i`` and the symptom
        at ``start:end`` (complaints.yaml elsewhere.statements): "it's red and swollen
        AND I feel sick", "my arms are fine, IT'S red", "bleeding AND MY mouth is dry";
        not "numb IN MY arm", "the only numb thing IS MY brain", "my arm, IT'S gone
        numb"."""
        st = self.statements
        if i and words[i - 1] in st.denied_by:
            return True  # "it's red and swollen, NO CHEST pain": another statement
        before = i < start
        if before and self._said_to_be(words, start, i):
            return True
        for j in range(i + 1, start) if before else range(end, i):
            w = words[j]
            if w in st.subjects or w in st.owners and words[j - 1] not in st.continued_by:
                return True
            # A pronoun resumes a part just named with its owner ("my ARM, IT'S numb").
            if before and w in st.resumed and not (
                    j == i + 1 and i and words[i - 1] in st.owners):
                return True
        return False

    def _said_to_be(self, words: tuple[str, ...], start: int, i: int) -> bool:
        """Whether the part at ``i`` is said to be something before an amount that
        starts the symptom afresh: "my mouth IS DRY, A LOT OF bleeding", "my arms ARE
        FINE, A LOT OF bleeding"; not "my arm IS A BIT bloody", "pink WITH SOME blood",
        "my nose is running a lot of blood"."""
        st = self.statements
        # The amount before the symptom phrase ("A LOT OF bleeding"), or its own first
        # words ("a lot of blood" is a phrase).
        before = [start - len(a) for a in st.amounts if words[max(0, start - len(a)):start] == a]
        own = any(words[start:start + len(a)] == a for a in st.amounts)
        if not before and not own:
            return False  # no amount: "my arm is sore and bleeding"
        j = min(before) if before else start
        if j <= i + 1:
            return False
        said = words[j - 1]
        # A verb going on may take the amount as its object: "my nose is POURING a lot
        # of blood" is the nose's.
        return said not in st.being and said not in st.continued_by and said != BREAK \
            and not said.endswith("ing") and any(w in st.being for w in words[i + 1:j - 1])

    def _likened(self, words: tuple[str, ...], i: int) -> bool:
        """Whether the part at ``i`` is a comparison ("bleeding LIKE A finger caught on
        the mandoline"), one or two words after a word of likeness."""
        return any(w in self.likened_by for w in words[max(0, i - 2):i])


@dataclass(frozen=True)
class Complaints:
    phrases: PhraseIndex[str]
    # The concepts, grouped by the protocol symptoms that make them no complaint when
    # the answer says one (`unless`; the group without is always read).
    concepts: tuple[tuple[frozenset[str], Concepts], ...]
    at_least: str
    elsewhere: Elsewhere = Elsewhere({}, frozenset())

    def find(self, words: tuple[str, ...], protocol: Protocol, taken: set[int],
             said: Collection[str] = ()) -> tuple[tuple[int, int], ...]:
        """Spans of complaints said and not negated, with a hedge in front ("A BIT
        constipated"). ``taken``: symptom phrase positions (not negation triggers). A
        complaint may share words with a symptom phrase ("chest PAIN"): both count.
        ``said``: the protocol symptoms the answer says; a concept ``unless`` one of
        them is part of it ("feverish and ACHY ALL OVER" is the fever's)."""
        spans = self.spans(words, said)
        if not spans:
            return ()
        rules = protocol.lexicon.negation
        # Triggers are looked for outside the complaints only: ``taken`` also holds
        # the scopes of symptom phrases, which can include the very "no" that denies
        # the complaint ("no chest PAIN").
        inside = sorted({i for s, e in spans for i in range(s, e)})
        found = scopes(words, spans, rules, triggers_in(words, rules, inside))
        # Hedged ("i think i fainted") still counts: a concern is never talked away.
        # A hedge after it may be the answer's ("that was dizziness I THINK").
        return tuple((scope.start, e) for (_, e), scope in zip(spans, found, strict=True)
                     if not scope.negated and not scope.resolved)

    def spans(self, words: tuple[str, ...], said: Collection[str] = ()) -> list[tuple[int, int]]:
        """Where complaints are named, denied or not ("no CHEST PAIN" too), in order."""
        spans = [(m.start, m.end) for m in self.phrases.find(words, fuzzy=False)]
        said = frozenset(said)
        spans += [(c.start, c.end) for unless, concepts in self.concepts
                  if not unless & said for c in concepts.find(words)]
        return sorted(set(spans))


def load_complaints(protocol: Protocol) -> Complaints:
    path = protocol.directory / FILE
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return Complaints(PhraseIndex({}), (), "urgent")
    return _load(str(path), stamp, protocol.answers.gaps, tuple(protocol.symptoms))


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(t for t in tokens(text) if t != BREAK)


@lru_cache(maxsize=8)
def _load(path: str, stamp: int, gaps: tuple[str, ...],
          symptoms: tuple[str, ...]) -> Complaints:
    src, root = compose(Path(path), f"intents/{FILE}")
    top = src.mapping(root, FILE, required=("at_least", "phrases"),
                      allowed=("at_least", "phrases", "concepts", "elsewhere"))
    at_least = src.string(top["at_least"], "at_least")
    if at_least not in DISPOSITIONS:
        src.fail(top["at_least"], f"at_least must be one of {', '.join(DISPOSITIONS)}")
    phrases = {_phrase(p): ("concern",) for p in src.strings(top["phrases"], "phrases")}
    concepts: dict[frozenset[str], list[Concept]] = {}
    for node in src.sequence(top["concepts"], "concepts") if "concepts" in top else []:
        m = src.mapping(node, "a complaint concept", required=("parts",),
                        allowed=("parts", "window", "note", "unless"))
        unless = src.strings(m["unless"], "unless") if "unless" in m else []
        for symptom in unless:
            if symptom not in symptoms:
                src.fail(m["unless"], f"unless: unknown symptom '{symptom}'")
        parts = src.sequence(m["parts"], "parts")
        if len(parts) < 2:
            src.fail(m["parts"], "a complaint concept needs at least two parts")
        window = int(src.string(m["window"], "window")) if "window" in m else 4
        concepts.setdefault(frozenset(unless), []).append(Concept("concern", "present", tuple(
            tuple(_phrase(p) for p in src.strings(part, "a part")) for part in parts), window))
    groups = tuple((unless, Concepts(tuple(group), gaps)) for unless, group in concepts.items())
    return Complaints(PhraseIndex(phrases, gaps=gaps), groups, at_least,
                      _elsewhere(src, top["elsewhere"]) if "elsewhere" in top else
                      Elsewhere({}, frozenset()))


def _elsewhere(src: Source, node: Node) -> Elsewhere:
    m = src.mapping(node, "elsewhere", required=("places", "groups", "located"),
                    allowed=("places", "groups", "located", "window", "likened_by",
                             "statements", "joined_by"))
    parts: dict[str, frozenset[str]] = {}
    for group in src.sequence(m["groups"], "elsewhere groups"):
        g = src.mapping(group, "an elsewhere group", required=("parts", "can_have"),
                        allowed=("parts", "can_have", "note"))
        can_have = frozenset(src.strings(g["can_have"], "can_have"))
        for part in src.strings(g["parts"], "parts"):
            parts[part] = can_have
    window = int(src.string(m["window"], "window")) if "window" in m else 5
    likened = frozenset(src.strings(m["likened_by"], "likened_by")) if "likened_by" in m \
        else frozenset()
    joined = frozenset(_phrase(j) for j in src.strings(m["joined_by"], "joined_by")) \
        if "joined_by" in m else frozenset()
    kinds = tuple(f.name for f in fields(Statements))
    given = src.mapping(m["statements"], "statements", allowed=kinds) \
        if "statements" in m else {}
    words = {k: frozenset(src.strings(v, f"statements {k}")) for k, v in given.items()}
    amounts = frozenset(_phrase(a) for a in words.pop("amounts", ()))
    statements = Statements(**words, amounts=amounts)
    return Elsewhere(parts, frozenset(src.strings(m["places"], "places")),
                     frozenset(src.strings(m["located"], "located")), window, likened,
                     statements, joined)
