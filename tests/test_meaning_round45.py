"""Round 45 (session 37). Tuned on blind sets 82 and 83 (and the older dev sets) and on
the dev part of the answer probe; blind sets 84 and 85 were written by separate
sessions before the round started, without the code, and are held out
(docs/understanding.md, round 45)."""

from __future__ import annotations

import pytest
from typed_dialog import check_blind_set, meaning, status


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


@pytest.mark.parametrize("question, text, value", [
    # Before: a no (the red flag ruled out) -- "no feeling" said straight after the
    # leg, without a verb, is numbness.
    ("leg_numbness", "my legs no feeling like before left one especially", "yes"),
    # Still: an answer that opens "no, feeling fine" names no leg first.
    ("leg_numbness", "no feeling fine in the legs it's just my head", "no"),
    # Before: no value, or "no" (lying down named with a word of pain) -- lying down
    # needed is the headache eased by it.
    ("headache_position", "when i got up to make tea i had to lie straight back down", "yes"),
    ("headache_position", "yeah i have to lie down or it's unbearable", "yes"),
    # Still: lying down named with a word of pain is a no.
    ("headache_position", "lying down it pounds", "no"),
    # Before: a hedged yes (an emergency) -- a little blood said without its article.
    ("site_bleeding", "little bit blood on the plaster", "no"),
    # Before: a no (the red flag ruled out) -- more than a little is not a little.
    ("site_bleeding", "more than a little blood on the plaster", "yes"),
    ("site_bleeding", "more than a spot of blood", "yes"),
    # Still: no more than a little is a little.
    ("site_bleeding", "no more than a spot of blood", "no"),
])
def test_round_45_values(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


def test_round_45_lying_down_needed_is_no_back_pain(protocol):
    # Still (the new reading must keep it): the pain lying down is needed against is
    # the headache's.
    u = meaning(protocol, "yeah i have to lie down or it's unbearable", "headache_position")
    assert status(u, "positional_headache") == "present"
    assert status(u, "severe_worsening_pain") is None


def test_round_45_legs_without_feeling_anywhere(protocol):
    u = meaning(protocol, "leg sometimes no feeling", "anything_else")
    assert status(u, "leg_numbness") in ("present", "uncertain")


@pytest.mark.parametrize("text", [
    # Before: a fever (an emergency) and no sign at the site -- warmth said of the site
    # at the site question is the site's; "when I touch" has an "I" but it is not hot.
    "it is hot when i touch",
    "the place is hot when i touch it",
    "he says it feels hot there",
])
def test_round_45_warmth_at_the_site_question_is_the_sites(protocol, text):
    u = meaning(protocol, text, "site_infection")
    assert u.value == "yes"
    assert status(u, "site_infection") == "present"
    assert status(u, "fever") is None


def test_round_45_a_hot_patient_is_still_a_fever_at_the_site_question(protocol):
    u = meaning(protocol, "no but i'm hot all over", "site_infection")
    assert status(u, "fever") == "uncertain"
    assert status(u, "site_infection") == "absent"


@pytest.mark.parametrize("question, text, value", [
    # Before: no value (a confirmation asked) -- someone who looked says the site is as
    # it should be.
    ("site_infection", "my son look and he say is normal", "no"),
    ("site_infection", "me sister looked she says it's alright", "no"),
    ("site_infection", "i'm told it looks perfectly healthy", "no"),
    ("site_bleeding", "my husband checked none", "no"),
    # Still: what they saw wrong is a yes, and a bare "no, is okay" is a no.
    ("site_infection", "she checked and says it's swollen", "yes"),
    ("site_infection", "she looked and says it's not normal it's red", "yes"),
    ("site_infection", "no is okay my sister look", "no"),
])
def test_round_45_someone_looked(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


@pytest.mark.parametrize("question, text, value", [
    # Before: no value (asked again) -- "dry as" answers the bleeding question.
    ("site_bleeding", "dry as a summer border", "no"),
    ("site_bleeding", "just a drop", "no"),
    # Before: a clarifying question -- a bare "no" never denies a state ("no TIDY": one
    # says "not tidy"), negation.yaml no_states.
    ("site_infection", "no tidy", "no"),
    # Still: "no" before the new "dry as" agrees with it; "not dry" is a denial, and "no
    # help at all" is asked about.
    ("site_bleeding", "no dry as a bone", "no"),
    ("site_bleeding", "it's not dry it's soaked", "yes"),
    ("pain_relief", "no help at all", None),
])
def test_round_45_dry_and_states_no_bare_no_denies(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


def test_round_45_a_back_that_hurt_more_bad(protocol):
    # Before: nothing said (disposition none) -- "hurt" with the back named, and "more
    # bad" for worse.
    u = meaning(protocol, "my back hurt very much and is going more bad", "anything_else")
    assert status(u, "back_soreness") == "present"
    assert status(u, "severe_worsening_pain") == "present"
    # Still: the back question's own "it hurt" of yesterday is not now.
    assert meaning(protocol, "yesterday it hurt and today it doesn't", "back_pain").value != "yes"


def test_round_45_legs_that_dont_belong(protocol):
    # Before: nothing (disposition none) -- legs that "ain't belong to me" are numbness,
    # as "not mine" was.
    u = meaning(protocol, "muh legs feel like dey en belong to me", "anything_else")
    assert status(u, "leg_numbness") == "present"


@pytest.mark.parametrize("question, text", [
    # A look not taken, then a guess: not knowing (listed) decides over "checked ...
    # fine" (relative._said: a listed phrase of not knowing anywhere in a concept's
    # words). Before: the first was a no; the others (round 32's) stay not known with
    # the wider words for someone having looked.
    ("site_infection", "i haven't checked but i'm sure it's fine"),
    ("site_bleeding", "i haven't checked but i'm sure it's fine"),
    ("site_infection", "hang on let me check ok yeah it's fine"),
])
def test_round_45_a_look_not_taken_is_not_knowing(protocol, question, text):
    assert meaning(protocol, text, question).value == "unsure"
