"""Round 39 (session 31). Tuned on blind sets 70 and 71 (and the older dev sets) and on
the dev part of the statement probe; blind sets 72 and 73 were written by separate
sessions before the round started, without the code, and are held out
(docs/understanding.md, round 39)."""

from __future__ import annotations

import pytest
from typed_dialog import check_blind_set


@pytest.mark.parametrize("name, cases, floors, false_concerns", [
    # name, cases: disposition, emergencies found, reported absent, read as a "no",
    # question-relative (the figures measured at the start of round 39), false concerns
    ("blind72", 540, (0.88, 63, 9, 7, 0.90), 0),
    ("blind73", 564, (0.89, 92, 4, 1, 0.91), 0),
])
def test_blind_sets_72_and_73_held_out_regression_guard(protocol, name, cases, floors,
                                                        false_concerns):
    # Held-out: written blind in session 31 before round 39 started (the writers saw no
    # code), scored at its start and end only, not among the answer examples.
    check_blind_set(protocol, name, cases, floors, false_concerns=false_concerns)
