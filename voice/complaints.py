"""Complaints the protocol does not cover: recorded, never dropped.

"I fainted", "my neck is stiff and the light hurts my eyes", "a rash all over my arms":
none is one of our symptoms, so none can be judged here. Such an answer is recorded
as a concern with the patient's words; the dialog says it cannot judge it and that the
patient should tell their care team today, and triage makes the result at least
`at_least` (intents/complaints.yaml). Only what that file lists is a complaint, so
ordinary remarks ("a bit tired but otherwise fine") are not; a negated complaint
("no chest pain") is not one either, decided by the same NegEx scopes as symptoms.
Pure once loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from voice.concepts import Concept, Concepts
from voice.negation import scopes, triggers_in
from voice.normalize import BREAK, tokens
from voice.phrases import PhraseIndex
from voice.protocol import DISPOSITIONS, Protocol
from voice.yamlsrc import compose

FILE = "complaints.yaml"


@dataclass(frozen=True)
class Complaints:
    phrases: PhraseIndex[str]
    concepts: Concepts
    at_least: str

    def find(self, words: tuple[str, ...], protocol: Protocol,
             taken: set[int]) -> tuple[tuple[int, int], ...]:
        """Spans of complaints said and not negated. ``taken``: symptom phrase positions
        (not negation triggers). A complaint may share words with a symptom phrase
        ("chest PAIN"): both count."""
        spans = [(m.start, m.end) for m in self.phrases.find(words, fuzzy=False)]
        spans += [(c.start, c.end) for c in self.concepts.find(words)]
        spans = sorted(set(spans))
        if not spans:
            return ()
        rules = protocol.lexicon.negation
        # Triggers are looked for outside the complaints only: ``taken`` also holds
        # the scopes of symptom phrases, which can include the very "no" that denies
        # the complaint ("no chest PAIN").
        inside = sorted({i for s, e in spans for i in range(s, e)})
        found = scopes(words, spans, rules, triggers_in(words, rules, inside))
        # Hedged ("i think i fainted") still counts: a concern is never talked away.
        return tuple(span for span, scope in zip(spans, found, strict=True)
                     if not scope.negated and not scope.resolved)


def load_complaints(protocol: Protocol) -> Complaints:
    path = protocol.directory / FILE
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return Complaints(PhraseIndex({}), Concepts(()), "urgent")
    return _load(str(path), stamp)


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(t for t in tokens(text) if t != BREAK)


@lru_cache(maxsize=8)
def _load(path: str, stamp: int) -> Complaints:
    src, root = compose(Path(path), f"intents/{FILE}")
    top = src.mapping(root, FILE, required=("at_least", "phrases"),
                      allowed=("at_least", "phrases", "concepts"))
    at_least = src.string(top["at_least"], "at_least")
    if at_least not in DISPOSITIONS:
        src.fail(top["at_least"], f"at_least must be one of {', '.join(DISPOSITIONS)}")
    phrases = {_phrase(p): ("concern",) for p in src.strings(top["phrases"], "phrases")}
    concepts = []
    for node in src.sequence(top["concepts"], "concepts") if "concepts" in top else []:
        m = src.mapping(node, "a complaint concept", required=("parts",),
                        allowed=("parts", "window", "note"))
        parts = src.sequence(m["parts"], "parts")
        if len(parts) < 2:
            src.fail(m["parts"], "a complaint concept needs at least two parts")
        window = int(src.string(m["window"], "window")) if "window" in m else 4
        concepts.append(Concept("concern", "present", tuple(
            tuple(_phrase(p) for p in src.strings(part, "a part")) for part in parts), window))
    return Complaints(PhraseIndex(phrases), Concepts(tuple(concepts)), at_least)
