"""The semantic safety net: answers that sound like a red flag but match no phrase.

A small offline sentence-embedding model (WordLlama "l2_supercat", 256 dimensions;
its 16 MB of weights and its tokenizer ship inside the PyPI wheel) compares an answer
that nothing else understood with the phrases of the red-flag symptoms. When one is
close enough (intents/similarity.yaml), the symptom is *hinted*: the dialog asks about
it ("Do you have weakness in your legs?"). It never makes a finding, never says
"absent", never decides anything silently.

Nothing reaches the network: the loader is told ``disable_download=True`` and given
the package's own folder as its cache, where the bundled tokenizer sits under the
``tokenizers/`` name the loader looks for (it first looks under ``tokenizer/``, which
the wheel does not have, and would otherwise download it); the Hugging Face client is
set offline before it is imported. The model loads once per process, on first use.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from voice.errors import ModelError
from voice.normalize import BREAK, tokens
from voice.protocol import Protocol
from voice.yamlsrc import compose

FILE = "similarity.yaml"


@dataclass(frozen=True)
class Settings:
    threshold: float
    min_words: int
    symptoms: tuple[str, ...]


@dataclass(frozen=True)
class Net:
    settings: Settings
    labels: tuple[str, ...]  # the symptom of each prototype row
    prototypes: Any  # unit vectors, one row per phrase

    def closest(self, text: str) -> tuple[str, float]:
        """The red-flag symptom closest in meaning to ``text``, and the cosine."""
        vector = model().embed([text], norm=True)[0]
        scores = self.prototypes @ vector
        best = int(np.argmax(scores))
        return self.labels[best], float(scores[best])


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
    top = src.mapping(root, FILE, required=("threshold", "min_words", "symptoms"),
                      allowed=("model", "threshold", "min_words", "symptoms"))
    try:
        threshold = float(src.string(top["threshold"], "threshold"))
        min_words = int(src.string(top["min_words"], "min_words"))
    except ValueError:
        src.fail(top["threshold"], "threshold must be a number and min_words a whole number")
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
    vectors = model().embed(texts, norm=True)
    return Net(Settings(threshold, min_words, symptoms), tuple(labels), vectors)


def content_words(text: str, protocol: Protocol) -> int:
    """Words that are not fillers or yes/no words: what the net compares."""
    lex = protocol.lexicon
    plain = {w for p in lex.alone for w in p} | lex.fillers | {
        "yes", "yeah", "no", "nope", "nah", "yep", "thanks", "thank", "you", "i", "i'm", "a",
        "the", "it", "it's", "and", "but", "that's", "is", "my"}
    return sum(1 for w in tokens(text) if w != BREAK and w not in plain)
