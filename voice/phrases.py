"""Find known phrases in a token sequence: exact first, then fuzzy for recognition slips.

Built once per protocol (phrases are normalised at load time, not per utterance).
Matching is longest-first over the whole answer, so "can't feel my legs" wins over
"can't", and "sore head" over "sore"; a few softening words may stand inside a phrase
("i can't REALLY walk" is "can't walk": answers.yaml ``gaps``). Fuzzy matching
(rapidfuzz ``fuzz.ratio``) only looks at stretches of words that no exact phrase
covered and that contain a word the protocol does not know (its phrases', and the
concepts' words the caller passes as ``known``): a real word such as "never" is never
read as "fever", nor "a little LEAK" as "a little mark". The threshold comes from
data (benchmarks/fuzzy_sweep.py, docs/understanding.md).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process

from voice.normalize import BREAK

T = TypeVar("T")


@dataclass(frozen=True)
class Match(Generic[T]):
    start: int
    end: int
    phrase: tuple[str, ...]
    payload: tuple[T, ...]  # everything the phrase stands for
    score: float  # 100 for an exact match


@dataclass(frozen=True)
class Fuzzy:
    threshold: float  # fuzz.ratio at or above this counts as a match
    min_chars: int  # phrases shorter than this are matched exactly only
    # Real words a few letters from a phrase's word, never read as a slip of it ("the
    # HEATING" is not "heaving").
    real_words: frozenset[str] = frozenset()


class PhraseIndex(Generic[T]):
    def __init__(
        self,
        phrases: Mapping[tuple[str, ...], Iterable[T]],
        fuzzy: Fuzzy | None = None,
        vocabulary: Iterable[str] = (),
        group: Callable[[T], Hashable] | None = None,
        gaps: Iterable[str] = (),
    ) -> None:
        # ``group``: matches of different groups (e.g. symptoms) may overlap partly, so
        # "back pain is getting worse" is both "back pain" and "pain is getting worse";
        # a phrase inside a longer one ("sore" in "sore head") still loses.
        self._group = group
        # Words that may stand between a phrase's words ("can't REALLY walk").
        self.gaps = frozenset(gaps)
        self._payload = {p: tuple(v) for p, v in phrases.items() if p}
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted(self._payload, key=len, reverse=True):
            self._by_first.setdefault(phrase[0], []).append(phrase)
        self.fuzzy = fuzzy
        self.vocabulary = frozenset(vocabulary) | {w for p in self._payload for w in p}
        self._fuzzy_phrases = [p for p in self._payload
                               if fuzzy and len(" ".join(p)) >= fuzzy.min_chars]
        self._fuzzy_text = [" ".join(p) for p in self._fuzzy_phrases]
        self._max_len = max((len(p) for p in self._payload), default=0)

    def with_fuzzy(self, fuzzy: Fuzzy | None) -> PhraseIndex[T]:
        """The same phrases with another fuzzy setting (threshold sweeps)."""
        return PhraseIndex(self._payload, fuzzy, self.vocabulary, self._group, self.gaps)

    def find(
        self, tokens: tuple[str, ...], taken: Iterable[int] = (), fuzzy: bool = True,
        known: frozenset[str] = frozenset(),
    ) -> list[Match[T]]:
        """Non-overlapping matches, sorted by position; ``taken`` positions are skipped.
        ``known``: more real words of the protocol than this index's own, which are
        never read as a slip of one of its phrases either."""
        blocked = set(taken)
        candidates: list[Match[T]] = []
        for i, word in enumerate(tokens):
            for phrase in self._by_first.get(word, ()):
                end = _match_at(tokens, i, phrase, self.gaps)
                if end is not None:
                    candidates.append(Match(i, end, phrase, self._payload[phrase], 100.0))
        chosen = _longest_first(candidates, blocked, self._group)
        if fuzzy and self.fuzzy and self._fuzzy_phrases:
            for m in chosen:
                blocked.update(range(m.start, m.end))
            chosen += _longest_first(self._fuzzy(tokens, blocked, known), blocked,
                                     self._group)
        return sorted(chosen, key=lambda m: m.start)

    def _fuzzy(self, tokens: tuple[str, ...], blocked: set[int],
               known: frozenset[str]) -> list[Match[T]]:
        assert self.fuzzy is not None
        windows: list[tuple[int, int]] = []
        for i in range(len(tokens)):
            for size in range(1, self._max_len + 2):
                end = i + size
                if end > len(tokens) or any(j in blocked for j in range(i, end)):
                    break
                words = tokens[i:end]
                if BREAK in words:
                    break
                if all(w in self.vocabulary or w in known or w in self.fuzzy.real_words
                       for w in words):
                    continue  # known words: exact matching already decided
                if len(" ".join(words)) < self.fuzzy.min_chars:
                    continue  # "ever" is not a slip of "fever": short words match exactly
                windows.append((i, end))
        if not windows:
            return []
        texts = [" ".join(tokens[i:j]) for i, j in windows]
        scores = process.cdist(texts, self._fuzzy_text, scorer=fuzz.ratio,
                               score_cutoff=self.fuzzy.threshold)
        found: list[Match[T]] = []
        for w, p in zip(*scores.nonzero(), strict=True):
            i, j = windows[w]
            phrase = self._fuzzy_phrases[p]
            if abs((j - i) - len(phrase)) > 1 or texts[w][0] != self._fuzzy_text[p][0]:
                continue  # a slip keeps the first letter: "sleeping" is not "bleeding"
            found.append(Match(i, j, phrase, self._payload[phrase], float(scores[w, p])))
        return found


def _match_at(tokens: tuple[str, ...], i: int, phrase: tuple[str, ...],
              gaps: frozenset[str]) -> int | None:
    """Where ``phrase`` ends if it starts at ``i``; words in ``gaps`` may stand between
    its words ("can't REALLY walk" is "can't walk")."""
    j = i
    for k, word in enumerate(phrase):
        while k and j < len(tokens) and tokens[j] != word and tokens[j] in gaps:
            j += 1
        if j >= len(tokens) or tokens[j] != word:
            return None
        j += 1
    return j


def _longest_first(candidates: list[Match[T]], blocked: set[int],
                   group: Callable[[T], Hashable] | None = None) -> list[Match[T]]:
    """Greedy: longest (then best-scoring, then leftmost) match wins its words."""
    chosen: list[Match[T]] = []
    used = set(blocked)
    for m in sorted(candidates, key=lambda m: (-(m.end - m.start), -m.score, m.start)):
        span = range(m.start, m.end)
        if any(j in used for j in span) and not _may_overlap(m, chosen, blocked, group):
            continue
        chosen.append(m)
        used.update(span)
    return chosen


def _may_overlap(m: Match[T], chosen: list[Match[T]], blocked: set[int],
                 group: Callable[[T], Hashable] | None) -> bool:
    if group is None or any(j in blocked for j in range(m.start, m.end)):
        return False
    mine = {group(p) for p in m.payload}
    for c in chosen:
        if c.end <= m.start or m.end <= c.start:
            continue
        inside = c.start <= m.start and m.end <= c.end
        if inside or mine & {group(p) for p in c.payload}:
            return False
    return True
