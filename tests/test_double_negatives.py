"""Issue 9, round 10 (session 7): two negatives in one answer. A denied denial ("i
wouldn't say i haven't had one") is a weak yes, never a "no"; negative concord ("the
tablets don't do nothing") keeps the second negative's meaning. The sentences are the
mechanism's own examples, not rows of a blind set; held-out guards on blind sets 14
and 15."""

from __future__ import annotations

import pytest
from typed_dialog import meaning, status

from voice import double_negatives
from voice.dialog import Ask, CheckIn, Heard
from voice.normalize import tokens


def test_a_denied_statement_is_split_where_its_clause_ends(protocol):
    rules = protocol.lexicon.negation
    twice = double_negatives.denied_statement(
        tokens("honestly i wouldn't say it isn't sore and i don't own a heat pad"), rules)
    assert twice is not None
    assert twice.before == ("honestly",)
    assert twice.statement == ("it", "isn't", "sore")
    assert twice.after[0] == "and"
    assert double_negatives.denied_statement(tokens("i wouldn't say"), rules) is None
    assert double_negatives.denied_statement(tokens("it's a bit sore"), rules) is None


def test_concord_drops_only_the_verb_negation_a_later_negative_agrees_with(protocol):
    rules = protocol.lexicon.negation
    assert double_negatives.concord(tokens("the tablets don't do nothing"), rules) == \
        ("the", "tablets", "do", "nothing")
    # "no" is an answer word as often as a negative: never concord.
    assert double_negatives.concord(tokens("i don't think so no"), rules) == \
        tokens("i don't think so no")
    # A new clause ends the reach ("i don't think IT'S nothing").
    assert double_negatives.concord(tokens("i don't think it's nothing"), rules) == \
        tokens("i don't think it's nothing")


@pytest.mark.parametrize("question, text", [
    ("fever", "i can't say i haven't been feverish"),
    ("fever", "it's not as if i haven't had a temperature"),
    ("leg_numbness", "i wouldn't say they aren't numb"),
    ("leg_weakness", "it's not like they're not weak"),
    ("bladder_bowel", "i'd be lying if i said i hadn't had an accident"),
    ("site_infection", "i wouldn't say it isn't red and angry looking"),
    ("headache_nausea", "i couldn't say i don't feel queasy"),
])
def test_a_denied_denial_of_a_red_flag_is_a_hedged_yes_never_a_no(protocol, question, text):
    u = meaning(protocol, text, question)
    symptom = protocol.question(question).symptom
    assert u.value == "yes" and u.hedged
    assert status(u, symptom) in ("uncertain", "present")


@pytest.mark.parametrize("text", ["it's not like it's gone",
                                  "i'd be lying if i said it had cleared up"])
def test_a_denied_relief_is_a_yes_to_still_there(protocol, text):
    u = meaning(protocol, text, "headache_relief")
    assert u.value == "yes" and status(u, "persistent_headache") in ("uncertain", "present")


@pytest.mark.parametrize("question, text", [
    ("fever", "not that i've noticed"), ("leg_weakness", "i wouldn't say weak"),
    ("site_bleeding", "not that i can see"),
])
def test_a_denial_of_a_statement_that_denies_nothing_is_an_ordinary_no(
        protocol, question, text):
    assert meaning(protocol, text, question).value == "no"


def test_a_no_before_a_denied_denial_still_leaves_a_hedged_yes(protocol):
    u = meaning(protocol, "no well i wouldn't say it isn't swollen", "site_infection")
    assert u.value == "yes" and status(u, "site_infection") == "uncertain"


def test_the_words_after_a_denied_denial_are_read_too(protocol):
    u = meaning(protocol, "i wouldn't say i haven't had a temperature but my legs are numb",
                "anything_else")
    assert status(u, "fever") == "uncertain" and status(u, "leg_numbness") == "present"


@pytest.mark.parametrize("question, text, value", [
    ("pain_relief", "the tablets don't do nothing", "yes"),
    ("pain_relief", "the painkillers didn't do nothing for it", "yes"),
    ("fever", "i ain't had no fever", "no"),
    ("fever", "i haven't had nothing like that", "no"),
])
def test_negative_concord_keeps_the_negative_words_meaning(protocol, question, text, value):
    assert meaning(protocol, text, question).value == value


def test_a_check_in_asks_about_a_red_flag_said_as_a_denied_denial(protocol):
    dialog = CheckIn(protocol)
    dialog.goto("fever")
    asks = [e for e in dialog.hear(Heard("i wouldn't say i haven't had one"))
            if isinstance(e, Ask)]
    assert asks and "fever" in asks[0].text.lower()
    fever = dialog.findings.get("fever")
    assert fever is None or fever.status != "absent"

