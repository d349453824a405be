"""Round 45 (session 37). Tuned on blind sets 82 and 83 (and the older dev sets) and on
the dev part of the answer probe; blind sets 84 and 85 were written by separate
sessions before the round started, without the code, and are held out
(docs/understanding.md, round 45)."""

from __future__ import annotations

import pytest
from typed_dialog import check_blind_set


@pytest.mark.parametrize("name, cases, floors, false_concerns", [
    # name, cases: disposition, emergencies found, reported absent, read as a "no",
    # question-relative (the figures measured at the start of round 45), false concerns
    ("blind84", 576, (0.87, 85, 11, 4, 0.88), 2),
    ("blind85", 591, (0.87, 89, 12, 7, 0.92), 0),
])
def test_blind_sets_84_and_85_held_out_regression_guard(protocol, name, cases, floors,
                                                        false_concerns):
    # Held-out: written blind in session 37 before round 45 started (the writers saw no
    # code), scored at its start and end only, not among the answer examples.
    check_blind_set(protocol, name, cases, floors, false_concerns=false_concerns)
