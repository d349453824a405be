"""Round 42 (session 34). Tuned on blind sets 76 and 77 (and the older dev sets) and on
the dev part of the answer probe; blind sets 78 and 79 were written by separate
sessions before the round started, without the code, and were held out for it (dev
from round 43: their guard is in test_meaning_round16.py; docs/understanding.md,
round 42)."""

from __future__ import annotations

import pytest
from typed_dialog import meaning, status


@pytest.mark.parametrize("question, text, symptom, expected", [
    # Before: absent -- an all-clear about the rest ("nothing else", "everything else is
    # fine") beside a yes was taken as the answer.
    ("fever", "i have nothing else though", "fever", "present"),
    ("fever", "yes but everything else is fine", "fever", "present"),
    ("site_bleeding", "yeah not much else", "significant_bleeding", "uncertain"),
    # Before: uncertain (a yes and a no) -- now the plain yes it is.
    ("fever", "yes nothing else though", "fever", "present"),
    ("headache_nausea", "yeah i feel fine in myself", "headache_nausea_vomiting", "present"),
    # Still: without a yes, "nothing else" after something that is not the symptom is
    # a no, and a "no" with one is a no.
    ("site_infection", "a bit of a bruise but nothing else", "site_infection", "absent"),
    ("site_infection", "theres a tiny spot of blood on the dressing, nothing else",
     "significant_bleeding", "absent"),
    ("site_bleeding", "no not much else", "significant_bleeding", "absent"),
    ("site_bleeding", "not much", "significant_bleeding", "absent"),
    ("leg_numbness", "no they are fine, nothing else", "leg_numbness", "absent"),
    ("fever", "no nothing else", "fever", "absent"),
    # Before: uncertain (asked again) -- the "haven't" denied the "normal" of the
    # patient's own question after it.
    ("leg_numbness", "no i haven't is that normal", "leg_numbness", "absent"),
    ("fever", "no i haven't is that normal", "fever", "absent"),
    # Still: a negating verb with its own verb denies what follows.
    ("leg_numbness", "my legs don't feel normal", "leg_numbness", "uncertain"),
    ("leg_numbness", "i haven't been feeling normal", "leg_numbness", "uncertain"),
    # Before: present (an emergency) -- "what" ended the negation's reach.
    ("fever", "not what i'd call a fever no", "fever", "absent"),
    ("leg_weakness", "not what i'd call weak", "leg_weakness", "absent"),
    # As "i wouldn't call it": a denied all-clear is something wrong, asked about.
    ("fever", "it's not what i'd call normal", "fever", "uncertain"),
    ("fever", "i wouldn't call it a fever", "fever", "absent"),
    # Before: absent -- "no feeling" said in a comparison was denied by its own "no".
    ("leg_numbness", "my left leg is feeling sunn like no feeling since morning",
     "leg_numbness", "present"),
    # Before: nothing -- "ain't mine" beside "aren't mine".
    ("anything_else", "me legs feel like they ain't mine", "leg_numbness", "uncertain"),
    # Before: absent -- a headache "half gone" is still there.
    ("headache_relief", "took two about an hour ago and it's half gone", "persistent_headache",
     "present"),
    # Still: "feel" that means "think" does not make a "no" into numbness.
    ("leg_numbness", "no i don't feel my legs are numb", "leg_numbness", "absent"),
    ("headache_relief", "the headache is gone", "persistent_headache", "absent"),
])
def test_round_42_statuses(protocol, question, text, symptom, expected):
    assert status(meaning(protocol, text, question), symptom) == expected


@pytest.mark.parametrize("question, text, value", [
    # Before: no -- an opening "i have" before an all-clear about the rest is the answer.
    ("fever", "i have nothing else though", "yes"),
    ("fever", "i have no other problems", "yes"),
    ("fever", "no nothing else", "no"),
    # Still: at the site questions a plaster still on is not knowing (asked again).
    ("site_infection", "no the plaster is still on", "unsure"),
])
def test_round_42_values(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value
