"""Round 38 (session 30). Tuned on blind sets 68 and 69 (and the older dev sets) and on
the dev part of the statement probe; blind sets 70 and 71 were written by separate
sessions before the round started, without the code, and are held out
(docs/understanding.md, round 38)."""

from __future__ import annotations

import pytest
from typed_dialog import check_blind_set


@pytest.mark.parametrize("name, cases, floors, false_concerns", [
    # name, cases: disposition, emergencies found, reported absent, read as a "no",
    # question-relative (the figures measured at the start of round 38), false concerns
    ("blind70", 532, (0.85, 60, 9, 4, 0.89), 1),
    ("blind71", 572, (0.86, 91, 10, 4, 0.87), 1),
])
def test_blind_sets_70_and_71_held_out_regression_guard(protocol, name, cases, floors,
                                                        false_concerns):
    # Held-out: written blind in session 30 before round 38 started (the writers saw no
    # code), scored at its start and end only, not among the answer examples.
    check_blind_set(protocol, name, cases, floors, false_concerns=false_concerns)
