"""Round 38 (session 30). Tuned on blind sets 68 and 69 (and the older dev sets) and on
the dev part of the statement probe; blind sets 70 and 71 were written by separate
sessions before the round started, without the code, and were held out in round 38;
from round 39 they are dev sets, guarded in test_meaning_round16.py
(docs/understanding.md, round 38)."""

from __future__ import annotations

import pytest
from typed_dialog import meaning, status


@pytest.mark.parametrize("question, text, symptom, expected", [
    # Before: absent (a "no") -- a red flag said in words no phrase held.
    ("headache", "yes and it won't clear even after two doses of paracetamol",
     "persistent_headache", "present"),  # "won't" reached "even after"
    ("headache_relief", "the paracetamol is not doing anything for the headache",
     "persistent_headache", "present"),
    ("headache_relief", "it remains present though diminished", "persistent_headache",
     "present"),
    ("pain_relief", "the painkillers only patch it for an hour then it crashes back",
     "severe_worsening_pain", "present"),
    ("bladder_bowel", "i haven't managed to pass water since this morning",
     "bladder_bowel_loss", "uncertain"),
    ("leg_weakness", "my legs are fine but i had a bit of bother with the waterworks",
     "bladder_bowel_loss", "uncertain"),
    ("leg_numbness", "when i touch my leg no feeling", "leg_numbness", "present"),
    ("temperature", "i haven't a thermometer in the house but i'm baking", "fever",
     "uncertain"),
    ("anything_else", "i'd say i've maybe been a bit warmer than usual i think", "fever",
     "uncertain"),
    # Still: touching the leg and feeling it, an all-clear, baking bread.
    ("leg_numbness", "when i touch my leg i feel it fine nothing wrong", "leg_numbness",
     "absent"),
    ("bladder_bowel", "no bother with the waterworks", "bladder_bowel_loss", "absent"),
    ("anything_else", "i've been baking bread all morning", "fever", None),
    # Before: absent -- a red flag that went away on a day named ("NOT SINCE tuesday";
    # the day may be after the procedure): asked about, never ruled out.
    ("fever", "not since tuesday", "fever", "uncertain"),
    ("bladder_bowel", "not since the day of the procedure", "bladder_bowel_loss", "uncertain"),
    ("fever", "no not since the procedure", "fever", "absent"),
    # Before: absent -- a size that changed is not a redness gone.
    ("site_infection", "the red area has gone from about one centimetre to three since yesterday",
     "site_infection", "present"),
    ("site_infection", "the redness has gone", "site_infection", "absent"),
    ("leg_numbness", "the numbness has gone from my legs", "leg_numbness", "uncertain"),
    # Before: absent -- "don't like looking" denies no blood.
    ("site_bleeding", "i'm not sure i don't like looking at blood", "significant_bleeding",
     "uncertain"),
    # Before: nothing heard.
    ("anything_else", "he's had no wee since this morning and he says he doesn't even need to go",
     "bladder_bowel_loss", "uncertain"),
    ("anything_else", "bit of a leak downstairs this morning nothing major",
     "bladder_bowel_loss", "uncertain"),
    ("anything_else", "no leaks downstairs", "bladder_bowel_loss", "absent"),
    ("temperature", "mi nuh have no thermometer but mi skin a burn up", "fever", "uncertain"),
    ("site_infection", "the skin round it is hot and tight", "fever", None),
    ("pain_relief", "since teatime even with the tablets", "severe_worsening_pain", "present"),
    ("headache_relief", "also after the pill it stays", "persistent_headache", "present"),
    ("anything_else", "i feel a bit poorly and hot", "fever", "uncertain"),
    ("leg_numbness", "they feel numbish", "leg_numbness", "uncertain"),
    ("headache_relief", "analgesia resistant", "persistent_headache", "present"),
    ("pain_relief", "the tablets take it from an eight to a seven which is basically nothing",
     "severe_worsening_pain", "present"),
    # Before: asked again -- a red flag there earlier is a yes ("gone now" names none).
    ("leg_numbness", "it was there earlier gone now", "leg_numbness", "present"),
    # Before: bleeding present (an emergency) -- "leveling" was heard as "bleeding".
    ("pain_trend", "it keeps leveling up and not in a good way", "significant_bleeding", None),
    # Before: present (urgent) -- "neither ... nor" denied nothing.
    ("headache_nausea", "i have neither nausea nor vomiting", "headache_nausea_vomiting",
     "absent"),
    ("anything_else", "me neither my legs are numb", "leg_numbness", "present"),
])
def test_round_38_statuses(protocol, question, text, symptom, expected):
    assert status(meaning(protocol, text, question), symptom) == expected


@pytest.mark.parametrize("question, text, value", [
    # Before: a "no" -- nobody to look is no answer; the bare "no" opens "no one".
    ("site_infection", "can't get a visual on it and no one's here to check", "unsure"),
    # Before: no score (asked again) -- "is" before a score inside the scale is a
    # dropped "it"; before its ends it still asks ("is ten the worst one?").
    ("pain_score", "is five i think", 5),
    ("pain_score", "is ten the worst one", None),
    # Before: 8 (urgent) -- the score it has gone FROM is an earlier one.
    ("pain_score", "i took two paracetamol an hour ago and it's gone from an eight to a five",
     5),
    ("pain_score", "it went up from a five to an eight", 8),
    ("pain_trend", "it's gone from bad to worse", "worse"),
    ("pain_trend", "it's escalating and now radiating below the knee", "worse"),
    ("pain_trend", "deteriorating", "worse"),
    # Before: no answer (a confirmation from the net) -- it happened once.
    ("bladder_bowel", "just the once last night", "yes"),
    # Before: asked again -- "killing us" is killing me (Geordie).
    ("back_pain", "me back's killing us", "yes"),
])
def test_round_38_values(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


@pytest.mark.parametrize("text, recorded", [
    # Before: dropped -- "paining" and "burn" were no words of these complaints.
    ("my stomach is paining", True),
    ("i have the pain when i make pee it burn", True),
    ("no burning when i pee", False),
])
def test_round_38_complaints(protocol, text, recorded):
    assert bool(meaning(protocol, text, "anything_else").concerns) is recorded
