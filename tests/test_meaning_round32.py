"""Round 32 (session 24): a hot thing is no hot patient ("two ibuprofen and a HOT WATER
BOTTLE and i'm right as rain"); a dropped h ("me 'EAD'S killin me"); the back of the
throat is no wet back; a reliever that ONLY takes the edge off leaves the pain; pads
found soaked at the bladder question; a burn not noticed on the foot; and words for the
red flags that blind sets 56 and 57 used (clinical ones among them). Tuned on blind sets
56 and 57 (and the older dev sets); blind sets 58 and 59 were written by separate
sessions before the round started, without the code, and held out
(docs/understanding.md, round 32)."""

from __future__ import annotations

import pytest
from typed_dialog import meaning, status


@pytest.mark.parametrize("question, text", [
    ("pain_relief", "nah two ibuprofen and a hot water bottle and i'm right as rain"),
    ("anything_else", "the back is sore but i'm managing with the hot water bottle"),
    ("anything_else", "i had a hot bath"),
    ("fever", "not a fever as such just a warm face after a hot shower"),
])
def test_a_hot_thing_is_no_fever(protocol, question, text):
    assert status(meaning(protocol, text, question), "fever") in (None, "absent")


def test_feeling_like_a_hot_water_bottle_is_still_a_fever(protocol):
    u = meaning(protocol, "my wife says i felt like a hot water bottle in bed last night",
                "fever")
    assert u.value == "yes" and status(u, "fever") in ("present", "uncertain")


def test_a_dropped_h_names_the_head(protocol):
    u = meaning(protocol, "me 'ead's killin me", "headache")
    assert u.value == "yes" and status(u, "positional_headache") == "present"


def test_steady_on_my_pins_is_the_feet(protocol):
    u = meaning(protocol, "i don't like to grumble but i'm not as steady on my pins as i was",
                "leg_weakness")
    assert u.value == "yes" and status(u, "leg_weakness") == "uncertain"


def test_not_liking_to_grumble_is_no_answer(protocol):
    # Politeness, not a denial: asked again rather than a "no" to a red flag.
    assert meaning(protocol, "i don't like to complain", "leg_weakness").value is None


def test_the_back_of_the_throat_is_no_bleeding(protocol):
    u = meaning(protocol, "there's a salty taste dripping down the back of my throat",
                "anything_else")
    assert status(u, "significant_bleeding") is None and u.concerns
    # ... while the back itself, dripping, still is.
    assert status(meaning(protocol, "it's dripping down my back", "site_bleeding"),
                  "significant_bleeding") is not None


@pytest.mark.parametrize("question, text", [
    ("site_bleeding", "i haven't checked but i'm sure it's fine"),
    ("site_bleeding", "nobody here to check but it feels fine"),
    ("site_infection", "hang on let me check ok yeah it's fine"),
])
def test_a_look_not_taken_is_no_no(protocol, question, text):
    # Round 32 tried "someone looked and saw nothing" at the bleeding question too and
    # dropped it: it read these as a "no" (docs/understanding.md).
    assert meaning(protocol, text, question).value != "no"


@pytest.mark.parametrize("question, text", [
    ("pain_relief", "it only takes the edge off"),
    ("headache_relief", "the tablets just take the edge off"),
    ("pain_relief", "i've had the full dose every four hours since yesterday and i still "
                    "can't turn over in bed"),
])
def test_relief_that_only_takes_the_edge_off_leaves_the_pain(protocol, question, text):
    assert meaning(protocol, text, question).value == "yes"


def test_relief_that_takes_the_edge_off_is_still_relief(protocol):
    assert meaning(protocol, "the tablets take the edge off", "pain_relief").value == "no"


@pytest.mark.parametrize("question, text, symptom", [
    ("bladder_bowel", "two pads soaked since lunchtime and i don't usually need them at all",
     "bladder_bowel_loss"),
    ("bladder_bowel", "the bowels went on their own in the night", "bladder_bowel_loss"),
    ("leg_numbness", "dad says no but i'll be honest he didn't feel me touch his foot",
     "leg_numbness"),
    ("leg_numbness", "some hypoaesthesia over the left shin that's new", "leg_numbness"),
    ("leg_numbness", "reduced light touch along the l five dermatome on the right",
     "leg_numbness"),
    ("leg_weakness", "my left quads feel a grade down i'd say four out of five",
     "leg_weakness"),
    ("leg_weakness", "couldn't get out the bath on me own had to shout the wife",
     "leg_weakness"),
    ("leg_weakness", "had to be helped up the stairs by me son", "leg_weakness"),
    ("anything_else", "i couldn't get my tights on this morning me legs wouldn't do what i "
                      "told them", "leg_weakness"),
    ("anything_else", "i burnt my foot on the heater and didn't notice", "leg_numbness"),
    ("anything_else", "actually i did feel a bit hot earlier", "fever"),
    ("site_bleeding", "it's haemorrhaging through two dressings", "significant_bleeding"),
])
def test_round_32_words_for_red_flags(protocol, question, text, symptom):
    assert status(meaning(protocol, text, question), symptom) in ("present", "uncertain")


@pytest.mark.parametrize("question, text", [
    ("site_bleeding", "four pads soaked in an hour"),  # the dressing's pads
    ("bladder_bowel", "no i woke up soaked in sweat though"),  # no pad named
    ("leg_numbness", "no i didn't notice anything wrong with my legs"),  # no burn
])
def test_round_32_words_kept_to_their_place(protocol, question, text):
    u = meaning(protocol, text, question)
    if question == "site_bleeding":
        assert status(u, "bladder_bowel_loss") is None
    else:
        assert u.value == "no"


@pytest.mark.parametrize("text", ["constipated if anything", "i'm bunged up if anything"])
def test_constipation_if_anything_is_a_no_to_losing_control(protocol, text):
    u = meaning(protocol, text, "bladder_bowel")
    assert u.value == "no" and u.concerns


@pytest.mark.parametrize("text", [
    "my chest is paining me", "some urticaria across my torso",
])
def test_round_32_complaints(protocol, text):
    assert meaning(protocol, text, "anything_else").concerns


def test_nuh_uh_is_a_no(protocol):
    assert meaning(protocol, "nuh uh", "headache_relief").value == "no"


def test_a_concern_is_recorded_in_the_patients_own_words(protocol):
    # Not as normalised for reading ("hotwaterbottle", "my throat").
    text = "I burnt my heel on the hot water bottle and there's a salty taste " \
           "dripping down the back of my throat"
    assert meaning(protocol, text, "anything_else").concerns == (text,)
