"""Round 40 (session 32). Tuned on blind sets 72 and 73 (and the older dev sets) and on
the dev part of the statement probe; blind sets 74 and 75 were written by separate
sessions before the round started, without the code, and are held out
(docs/understanding.md, round 40)."""

from __future__ import annotations

import pytest
from typed_dialog import check_blind_set


@pytest.mark.parametrize("name, cases, floors, false_concerns", [
    # name, cases: disposition, emergencies found, reported absent, read as a "no",
    # question-relative (the figures measured at the start of round 40), false concerns
    ("blind74", 557, (0.85, 78, 7, 4, 0.86), 1),
    ("blind75", 536, (0.86, 83, 10, 6, 0.89), 2),
])
def test_blind_sets_74_and_75_held_out_regression_guard(protocol, name, cases, floors,
                                                        false_concerns):
    # Held-out: written blind in session 32 before round 40 started (the writers saw no
    # code), scored at its start and end only, not among the answer examples.
    check_blind_set(protocol, name, cases, floors, false_concerns=false_concerns)
