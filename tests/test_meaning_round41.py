"""Round 41 (session 33). Tuned on blind sets 74 and 75 (and the older dev sets) and on
the dev part of the statement probe; blind sets 76 and 77 were written by separate
sessions before the round started, without the code, and are held out
(docs/understanding.md, round 41)."""

from __future__ import annotations

import pytest
from typed_dialog import check_blind_set


@pytest.mark.parametrize("name, cases, floors, false_concerns", [
    # name, cases: disposition, emergencies found, reported absent, read as a "no",
    # question-relative (the figures measured at the start of round 41), false concerns
    ("blind76", 554, (0.85, 93, 10, 4, 0.87), 0),
    ("blind77", 575, (0.87, 78, 13, 9, 0.90), 0),
])
def test_blind_sets_76_and_77_held_out_regression_guard(protocol, name, cases, floors,
                                                        false_concerns):
    # Held-out: written blind in session 33 before round 41 started (the writers saw no
    # code), scored at its start and end only, not among the answer examples.
    check_blind_set(protocol, name, cases, floors, false_concerns=false_concerns)
