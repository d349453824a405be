"""The semantic safety net: answers that sound like a red flag the words did not raise.

A small offline sentence-embedding model (WordLlama "l2_supercat", 256 dimensions;
its 16 MB of weights and its tokenizer ship inside the PyPI wheel) compares an answer
with two references (intents/similarity.yaml):

- the phrases of the red-flag symptoms, for an answer that nothing else understood;
- labelled answers real writers gave at the same question (intents/answer_examples.tsv),
  for any answer whose words did not raise the red flag, even one read as a "no": when
  most of its closest examples say that red flag, the answer probably does too.

A symptom either points at is *hinted*: the dialog asks about it ("Do you have weakness
in your legs?"). It never makes a finding, never says "absent", never decides anything
silently.

Nothing reaches the network: the loader is told ``disable_download=True`` and given
the package's own folder as its cache, where the bundled tokenizer sits under the
``tokenizers/`` name the loader looks for (it first looks under ``tokenizer/``, which
the wheel does not have, and would otherwise download it); the Hugging Face client is
set offline before it is imported. The model loads once per process, on first use.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from voice.errors import ModelError, ProtocolError
from voice.normalize import BREAK, tokens
from voice.protocol import YESNO_VALUES, Protocol, Question
from voice.yamlsrc import compose

FILE = "similarity.yaml"
EXAMPLES = "answer_examples.tsv"


@dataclass(frozen=True)
class Settings:
    threshold: float
    min_words: int
    symptoms: tuple[str, ...]
    neighbours: int  # examples consulted: the closest at the same question
    share: float  # of their similarity, held by examples saying the symptom
    example_threshold: float  # the closest such example at least this close


@dataclass(frozen=True)
class Examples:
    """The labelled answers at one question."""

    says: tuple[frozenset[str], ...]  # the red flags each example says
    values: tuple[str | None, ...]  # the answer each gives (yes, no, a choice id), if any
    vectors: Any  # unit vectors, one row per example


@dataclass(frozen=True)
class Likeness:
    """What most of the written answers closest to an answer, at its question, say."""

    red_flags: tuple[str, ...] = ()
    value: str | None = None


@dataclass(frozen=True)
class Net:
    settings: Settings
    labels: tuple[str, ...]  # the symptom of each prototype row
    prototypes: Any  # unit vectors, one row per phrase
    examples: dict[str, Examples] = field(default_factory=dict)  # by question id

    def closest(self, text: str) -> tuple[str, float]:
        """The red-flag symptom closest in meaning to ``text``, and the cosine."""
        scores = self.prototypes @ _embed(text)
        best = int(np.argmax(scores))
        return self.labels[best], float(scores[best])

    def like(self, text: str, question: str) -> Likeness:
        """The red flags and the answer value most of the examples closest to ``text``
        at ``question`` agree on: the examples holding at least ``share`` of the
        neighbours' similarity, the closest of them at least ``example_threshold``."""
        bank = self.examples.get(question)
        if bank is None:
            return Likeness()
        scores = bank.vectors @ _embed(text)
        near = np.argsort(-scores)[: self.settings.neighbours]
        weight = np.clip(scores, 0, None)
        total = float(weight[near].sum()) or 1.0

        def agreed(members: list[int]) -> bool:
            return bool(members) and float(scores[members].max()) >= \
                self.settings.example_threshold and \
                float(weight[members].sum()) / total >= self.settings.share

        flags = tuple(s for s in self.settings.symptoms
                      if agreed([i for i in near if s in bank.says[i]]))
        values = sorted({v for i in near if (v := bank.values[i]) is not None})
        value = next((v for v in values if agreed([i for i in near if bank.values[i] == v])),
                     None)
        return Likeness(flags, value)


@lru_cache(maxsize=64)
def _embed(text: str) -> Any:
    """One answer's unit vector: embedded once, whichever references it meets."""
    vector = _units([text])[0]
    vector.setflags(write=False)  # shared by every caller of the cache
    return vector


def _units(texts: list[str]) -> Any:
    """The texts' unit vectors, one per row. A text with no word the model knows pools
    to nothing (0/0): its row is all zeros, like no text, so it is near nothing --
    never NaN, and never NumPy's warning on the patient's terminal."""
    with np.errstate(divide="ignore", invalid="ignore"):
        vectors = model().embed(texts, norm=False)
        units = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    units[~np.isfinite(units).all(axis=1)] = 0.0
    return units


@lru_cache(maxsize=1)
def model() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError as err:  # scripts/setup installs it
        raise ModelError(f"the similarity model is not installed ({err}); run ./scripts/setup") \
            from None
    package = Path(wordllama.__file__).resolve().parent
    try:
        return WordLlama.load(config="l2_supercat", dim=256, cache_dir=package,
                              disable_download=True)
    except (OSError, ValueError) as err:
        raise ModelError(f"the similarity model could not be loaded offline: {err}") from None


def load_net(protocol: Protocol) -> Net | None:
    path = protocol.directory / FILE
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None
    key = (str(path), stamp)
    if key not in _NETS:
        _NETS[key] = _load(path, protocol)
    return _NETS[key]


_NETS: dict[tuple[str, int], Net] = {}  # per intents file version (phrases embedded once)


def _load(path: Path, protocol: Protocol) -> Net:
    src, root = compose(path, f"intents/{FILE}")
    numbers = ("threshold", "min_words", "neighbours", "share", "example_threshold")
    top = src.mapping(root, FILE, required=(*numbers, "symptoms"),
                      allowed=("model", *numbers, "symptoms"))
    try:
        threshold, share, example_threshold = (float(src.string(top[k], k)) for k in
                                               ("threshold", "share", "example_threshold"))
        min_words, neighbours = (int(src.string(top[k], k)) for k in ("min_words", "neighbours"))
    except ValueError:
        src.fail(top["threshold"], "threshold, share and example_threshold must be numbers, "
                                   "min_words and neighbours whole numbers")
    symptoms = tuple(src.strings(top["symptoms"], "symptoms"))
    for s in symptoms:
        if s not in protocol.symptoms:
            src.fail(top["symptoms"], f"unknown symptom '{s}'")
    labels, texts = [], []
    for s in symptoms:
        symptom = protocol.symptoms[s]
        for phrase in (*symptom.present, *symptom.uncertain):
            if len(phrase.split()) >= 2:  # single words embed too loosely
                labels.append(s)
                texts.append(phrase)
    vectors = _units(texts)
    settings = Settings(threshold, min_words, symptoms, neighbours, share, example_threshold)
    return Net(settings, tuple(labels), vectors, _examples(path.parent / EXAMPLES, protocol))


def _examples(path: Path, protocol: Protocol) -> dict[str, Examples]:
    """intents/answer_examples.tsv by question:
    ``question<TAB>answer<TAB>red flags (or -)<TAB>value (or -)``."""
    rows: dict[str, list[tuple[str, frozenset[str], str | None]]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}  # no examples: only the phrases are compared
    questions = {q.id: q for q in protocol.questions}
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        q = questions.get(parts[0]) if len(parts) == 4 else None
        says = frozenset() if q is None or parts[2] == "-" else frozenset(parts[2].split(","))
        value = None if q is None or parts[3] == "-" else parts[3]
        if q is None or not says <= set(protocol.symptoms) or value not in (
                None, *answer_values(q)):
            raise ProtocolError(
                f"intents/{EXAMPLES}:{number}: expected a question id, an answer, the red "
                "flags it says (symptom ids, or -) and its value at that question (or -), "
                "separated by tabs")
        rows.setdefault(q.id, []).append((" ".join(tokens(parts[1])), says, value))
    return {q: Examples(tuple(s for _, s, _ in r), tuple(v for _, _, v in r),
                        _units([t for t, _, _ in r]))
            for q, r in rows.items()}


def answer_values(question: Question) -> tuple[str, ...]:
    """The values an example may give at ``question``."""
    if question.answer == "yesno":
        return YESNO_VALUES
    return tuple(c.id for c in question.choices) + ("unsure",)


def content_words(text: str, protocol: Protocol) -> int:
    """Words that are not fillers or yes/no words: what the net compares."""
    lex = protocol.lexicon
    plain = {w for p in lex.alone for w in p} | lex.fillers | {
        "yes", "yeah", "no", "nope", "nah", "yep", "thanks", "thank", "you", "i", "i'm", "a",
        "the", "it", "it's", "and", "but", "that's", "is", "my"}
    return sum(1 for w in tokens(text) if w != BREAK and w not in plain)
