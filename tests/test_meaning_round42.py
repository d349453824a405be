"""Round 42 (session 34). Tuned on blind sets 76 and 77 (and the older dev sets) and on
the dev part of the answer probe; blind sets 78 and 79 were written by separate
sessions before the round started, without the code, and are held out
(docs/understanding.md, round 42)."""

from __future__ import annotations

import pytest
from typed_dialog import check_blind_set


@pytest.mark.parametrize("name, cases, floors, false_concerns", [
    # name, cases: disposition, emergencies found, reported absent, read as a "no",
    # question-relative (the figures measured at the start of round 42), false concerns
    ("blind78", 559, (0.87, 83, 7, 4, 0.91), 2),
    ("blind79", 544, (0.91, 81, 5, 4, 0.94), 1),
])
def test_blind_sets_78_and_79_held_out_regression_guard(protocol, name, cases, floors,
                                                        false_concerns):
    # Held-out: written blind in session 34 before round 42 started (the writers saw no
    # code), scored at its start and end only, not among the answer examples.
    check_blind_set(protocol, name, cases, floors, false_concerns=false_concerns)
