"""Round 43 (session 35). Tuned on blind sets 78 and 79 (and the older dev sets) and on
the dev part of the answer probe; blind sets 80 and 81 were written by separate
sessions before the round started, without the code, and are held out
(docs/understanding.md, round 43)."""

from __future__ import annotations

import pytest
from typed_dialog import check_blind_set


@pytest.mark.parametrize("name, cases, floors, false_concerns", [
    # name, cases: disposition, emergencies found, reported absent, read as a "no",
    # question-relative (the figures measured at the start of round 43), false concerns
    ("blind80", 590, (0.90, 105, 7, 0, 0.91), 0),
    ("blind81", 565, (0.86, 78, 7, 5, 0.87), 6),
])
def test_blind_sets_80_and_81_held_out_regression_guard(protocol, name, cases, floors,
                                                        false_concerns):
    # Held-out: written blind in session 35 before round 43 started (the writers saw no
    # code), scored at its start and end only, not among the answer examples.
    check_blind_set(protocol, name, cases, floors, false_concerns=false_concerns)
