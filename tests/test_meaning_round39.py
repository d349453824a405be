"""Round 39 (session 31). Tuned on blind sets 70 and 71 (and the older dev sets) and on
the dev part of the statement probe; blind sets 72 and 73 were written by separate
sessions before the round started, without the code, and were held out until round 40
made them dev sets (docs/understanding.md, round 39)."""

from __future__ import annotations

import pytest
from typed_dialog import meaning, status


@pytest.mark.parametrize("question, text, symptom, expected", [
    # Before: present -- "yet" ended the negation's scope, so "NOT YET" denied nothing.
    ("fever", "not yet any fever", "fever", "absent"),
    ("leg_numbness", "not yet numb no", "leg_numbness", "absent"),
    # Before: absent -- "awfy" (Scots, awfully) was read as a slip of "okay".
    ("leg_weakness", "aye they're awfy shoogly", "leg_weakness", "present"),
    # Before: nothing -- queasy in other words.
    ("headache_nausea", "i've been feeling a bit naar since lunch", "headache_nausea_vomiting",
     "uncertain"),
    ("headache_nausea", "my belly's rolling like a ship in a storm", "headache_nausea_vomiting",
     "uncertain"),
    # Still: a relief that works, with medicine named.
    ("headache_relief", "no the medicine cleared it", "persistent_headache", "absent"),
    # Before: absent -- the negation of a reassurance ("HAVEN'T BEEN WELL") reached the
    # fever said after it.
    ("fever", "i haven't been well at all shivering and sweating all night", "fever",
     "uncertain"),
    ("leg_numbness", "my legs don't feel normal", "leg_numbness", "uncertain"),
    # Before: uncertain (asked again) -- an all-clear said to be as always.
    ("leg_numbness", "my legs are fine same as always", "leg_numbness", "absent"),
    ("fever", "no fever same as ever", "fever", "absent"),
    ("leg_numbness", "numb same as always", "leg_numbness", "uncertain"),
    ("leg_numbness", "no numbness i think", "leg_numbness", "uncertain"),
    # Before: uncertain -- "not unless you count" names what is there, denies nothing.
    ("site_infection", "not unless you count a tiny scab", "site_infection", "absent"),
    # Before: present -- a leak said to always happen may not be new.
    ("bladder_bowel", "a little leak when i laugh but that always happens",
     "bladder_bowel_loss", "uncertain"),
    # Before: present -- a word that says only what a sure concept says of the place
    # named before it is that concept's: the head's "hurts" is no back soreness, the
    # head's "killing me" no severe pain (the relief question asks whether it eases).
    ("back_pain", "no the back's alright it's my head that hurts", "back_soreness", "absent"),
    ("headache", "yes my head is killing me", "severe_worsening_pain", None),
    ("leg_numbness", "the numbness is getting worse", "severe_worsening_pain", None),
    # Still: a place named after is not the one; the back's own words; an uncertain
    # concept leaves the other reading possible.
    ("back_pain", "it's my back that hurts not my head", "back_soreness", "present"),
    ("anything_else", "my back is killing me", "severe_worsening_pain", "present"),
    ("site_bleeding", "there's a wet patch on the dressing", "significant_bleeding",
     "uncertain"),
])
def test_round_39_statuses(protocol, question, text, symptom, expected):
    assert status(meaning(protocol, text, question), symptom) == expected


@pytest.mark.parametrize("question, text, value", [
    # Before: 38 and 36 -- a Celsius whole and a digit joined by "and" is a decimal.
    ("temperature", "thirty eight and four this morning", 38.4),
    ("temperature", "it was thirty six and nine", 36.9),
    ("temperature", "a hundred and one", 101),
    ("pain_score", "five and six", 6),
    # Before: worse -- "no more pain" is not "more pain".
    ("pain_trend", "no more pain at all now", "better"),
    ("pain_trend", "no more pain than yesterday", "same"),
    # Before: no answer (asked again) -- medicine not taken, a look still to come.
    ("headache_relief", "i have not taken medicine yet", "unsure"),
    ("pain_relief", "haven't tekken owt", "unsure"),
    ("site_infection", "i will ask my daughter to look when she gets home", "unsure"),
    ("site_bleeding", "i have not yet looked", "unsure"),
    # Before: yes -- a negative that agrees ("NOT helping NOTHING") and a difference
    # denied twice ("DON'T make NO difference").
    ("pain_relief", "the tablets are not helping nothing", "yes"),
    ("headache_position", "it don't make no difference", "no"),
    ("fever", "i think not", "no"),
    # Before: same -- "no ACTUALLY worse" read as "no worse".
    ("pain_trend", "better no actually worse since this morning", "worse"),
    ("pain_trend", "it's not actually worse", "same"),
])
def test_round_39_values(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


@pytest.mark.parametrize("question, text", [
    # Before: a yes -- a question back in a learner's words.
    ("leg_weakness", "what mean weakness"),
    ("fever", "what means fever"),
])
def test_round_39_questions_back(protocol, question, text):
    assert meaning(protocol, text, question).meta == "help"


@pytest.mark.parametrize("text", [
    # Before: worse (urgent) -- opposite trends each said of a moment are no trend.
    "worse when i stand up better when i lie flat",
    "a bit better in the mornings but worse by the evening",
])
def test_round_39_trend_of_moments_is_asked_again(protocol, text):
    u = meaning(protocol, text, "pain_trend")
    assert u.value is None and u.clarify
    assert status(u, "severe_worsening_pain") in ("uncertain", None)


@pytest.mark.parametrize("text, value", [
    # Still: one choice of a moment, a choice said overall, and one said of now.
    ("worse when i sit up", "worse"),
    ("worse when i sit up but overall better", "better"),
    ("better this morning but worse now", "worse"),
])
def test_round_39_trend_still_read(protocol, text, value):
    assert meaning(protocol, text, "pain_trend").value == value
