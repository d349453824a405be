"""Round 36 (session 28). Tuned on blind sets 64 and 65 (and the older dev sets); blind
sets 66 and 67 were written by separate sessions before the round started, without the
code, and are held out (docs/understanding.md, round 36)."""

from __future__ import annotations

import pytest
from typed_dialog import check_blind_set


@pytest.mark.parametrize("name, cases, floors, false_concerns", [
    # name, cases: disposition, emergencies found, reported absent, read as a "no",
    # question-relative (the figures measured at the start of round 36), false concerns
    ("blind66", 566, (0.86, 95, 18, 6, 0.85), 3),
    ("blind67", 575, (0.85, 99, 21, 11, 0.85), 1),
])
def test_blind_sets_66_and_67_held_out_regression_guard(protocol, name, cases, floors,
                                                        false_concerns):
    # Held-out: written blind in session 28 before round 36 started (the writers saw no
    # code), scored at its start and end only, not among the answer examples.
    check_blind_set(protocol, name, cases, floors, false_concerns=false_concerns)
