"""Round 44 (session 36). Tuned on blind sets 80 and 81 (and the older dev sets) and on
the dev part of the answer probe; blind sets 82 and 83 were written by separate
sessions before the round started, without the code, and are held out
(docs/understanding.md, round 44)."""

from __future__ import annotations

import pytest
from typed_dialog import check_blind_set


@pytest.mark.parametrize("name, cases, floors, false_concerns", [
    # name, cases: disposition, emergencies found, reported absent, read as a "no",
    # question-relative (the figures measured at the start of round 44), false concerns
    ("blind82", 550, (0.87, 84, 8, 5, 0.92), 0),
    ("blind83", 540, (0.86, 87, 15, 8, 0.91), 2),
])
def test_blind_sets_82_and_83_held_out_regression_guard(protocol, name, cases, floors,
                                                        false_concerns):
    # Held-out: written blind in session 36 before round 44 started (the writers saw no
    # code), scored at its start and end only, not among the answer examples.
    check_blind_set(protocol, name, cases, floors, false_concerns=false_concerns)
