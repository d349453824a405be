"""Triage: disposition order, conservative rules, combining findings, advice."""

from __future__ import annotations

import pytest

from voice.protocol import load_protocol
from voice.triage import combine, triage, unanswered_red_flags
from voice.understand import Finding, understand


@pytest.fixture(scope="module")
def protocol():
    return load_protocol()


def F(symptom, status="present", evidence="words", question=None):  # noqa: N802
    return Finding(symptom, status, evidence, question)


@pytest.mark.parametrize(("findings", "disposition"), [
    ([], "none"),
    ([F("fever", "absent"), F("leg_numbness", "absent")], "none"),
    ([F("back_soreness")], "self-care"),
    ([F("positional_headache", "uncertain")], "self-care"),
    ([F("back_soreness"), F("site_infection")], "urgent"),
    ([F("persistent_headache"), F("headache_nausea_vomiting", "uncertain")], "urgent"),
    ([F("severe_worsening_pain"), F("leg_weakness", "uncertain")], "emergency"),
    ([F("significant_bleeding"), F("back_soreness")], "emergency"),
    ([F("bladder_bowel_loss")], "emergency"),
])
def test_most_severe_wins_and_uncertain_counts(protocol, findings, disposition):
    assert triage(findings, [], protocol).disposition == disposition


def test_each_symptom_alone_has_its_disposition(protocol):
    for symptom in protocol.symptoms.values():
        for status in ("present", "uncertain"):
            got = triage([F(symptom.id, status)], [], protocol).disposition
            assert got == symptom.disposition, (symptom.id, status)
        assert triage([F(symptom.id, "absent")], [], protocol).disposition == "none"


def test_unanswered_red_flag_is_at_least_urgent(protocol):
    result = triage([], ["leg_weakness"], protocol)
    assert result.disposition == "urgent" and result.unanswered == ("leg_weakness",)
    assert any("weakness in your legs" in r for r in result.reasons)
    assert protocol.message("urgent_unanswered") in result.messages
    assert triage([F("back_soreness")], ["fever"], protocol).disposition == "urgent"
    assert triage([F("fever")], ["site_bleeding"], protocol).disposition == "emergency"


def test_reasons_quote_the_patient(protocol):
    heard = understand("I've had a fever since last night", protocol)
    result = triage(heard.symptoms, [], protocol)
    assert result.reasons == ('a fever (emergency): said "i\'ve had a fever since last night"',)
    answer = understand("kind of", protocol, protocol.question("leg_numbness"))
    reason = triage(answer.symptoms, [], protocol).reasons[0]
    assert reason.startswith("possibly new or increasing numbness")
    assert '"kind of"' in reason and protocol.question("leg_numbness").text in reason


def test_emergency_message_names_symptoms_and_number(protocol):
    result = triage([F("fever"), F("leg_weakness", "uncertain"), F("site_infection")], [],
                    protocol, emergency_number="112")
    assert result.messages[0] == protocol.message(
        "emergency", number="112", symptoms="a fever and weakness in your legs")
    assert "signs of infection at the puncture site" in result.messages[1]


def test_combine_present_beats_uncertain_beats_absent():
    so_far = {"fever": F("fever", "absent"), "leg_numbness": F("leg_numbness", "uncertain")}
    merged = combine(so_far, [F("fever", "uncertain"), F("leg_numbness", "absent")])
    assert merged["fever"].status == "uncertain"
    assert merged["leg_numbness"].status == "uncertain"
    assert combine(merged, [F("fever", "present")])["fever"].status == "present"
    assert so_far["fever"].status == "absent"  # inputs are not changed


def test_authoritative_answer_clears_uncertain_but_never_present():
    uncertain = {"leg_numbness": F("leg_numbness", "uncertain", "kind of numb")}
    cleared = combine(uncertain, [F("leg_numbness", "absent", "no")], authoritative=True)
    assert cleared["leg_numbness"].status == "absent"
    assert combine(uncertain, [F("leg_numbness", "absent")])["leg_numbness"].status == \
        "uncertain"
    present = {"fever": F("fever", "present", "i've had a fever")}
    kept = combine(present, [F("fever", "absent", "no")], authoritative=True)
    assert kept["fever"].status == "present"


def test_worse_than_previous_check_in(protocol):
    answers = {"pain_score": 5}
    assert triage([], [], protocol, answers=answers, previous={"pain_score": 3}
                  ).disposition == "urgent"
    result = triage([], [], protocol, answers=answers, previous={"pain_score": 3})
    assert "5 now, 3 at the previous check-in" in result.reasons[0]
    assert triage([], [], protocol, answers=answers, previous={"pain_score": 5}
                  ).disposition == "none"
    assert triage([], [], protocol, answers=answers, previous={}).disposition == "none"
    assert triage([], [], protocol, answers={"pain_score": "unsure"},
                  previous={"pain_score": 2}).disposition == "none"


def test_unanswered_red_flags_helper(protocol):
    answers = {"fever": "no", "leg_numbness": "unsure", "back_pain": "no", "headache": "no"}
    missing = unanswered_red_flags(protocol, answers)
    assert "leg_numbness" in missing and "fever" not in missing
    assert "pain_trend" not in missing and "headache_relief" not in missing
    assert "site_bleeding" in missing
    present = {"significant_bleeding": F("significant_bleeding")}
    assert "site_bleeding" not in unanswered_red_flags(protocol, answers, present)


def test_self_care_advice_lists_warning_signs(protocol):
    result = triage([F("back_soreness"), F("positional_headache")], [], protocol)
    assert result.disposition == "self-care"
    assert result.messages[0] == protocol.message("self_care")
    assert result.messages[-1] == protocol.advice["warning_signs"]
    assert result.advice.index("headache_expected") < result.advice.index("rest")
    for key in ("back_soreness_expected", "headache_expected", "caffeine", "lie_flat_headache",
                "rest", "fluids", "pain_relievers", "ice_heat", "follow_instructions"):
        assert protocol.advice[key] in result.messages, key


def test_every_advice_text_is_used_by_some_triage(protocol):
    used: set[str] = set()
    for findings in ([], [F("back_soreness")], [F("positional_headache")], [F("fever")],
                     [F("site_infection")]):
        result = triage(findings, [], protocol)
        used.update(result.advice)
        for key in result.advice:
            assert protocol.advice[key] in result.messages
    assert used == set(protocol.advice)


def test_advice_stays_within_the_seed(protocol):
    text = " ".join(protocol.advice.values()).lower()
    for word in ("ibuprofen", "acetaminophen", "ice", "heat", "fluids", "caffeine", "flat",
                 "week or more", "few days", "down the legs"):
        assert word in text, word
    for invented in ("mg", "milligram", "every four hours", "aspirin", "dose"):
        assert invented not in text, invented
    warning = protocol.advice["warning_signs"].lower()
    for sign in ("fever", "numbness", "weakness", "bladder or bowel", "bleeding", "severe",
                 "nausea", "redness", "warmth", "swelling", "discharge"):
        assert sign in warning, sign


def test_to_dict_has_stable_keys(protocol):
    result = triage([F("fever")], ["site_bleeding"], protocol)
    assert list(result.to_dict()) == ["disposition", "reasons", "symptoms", "unanswered",
                                      "messages", "advice", "concerns"]
    assert result.to_dict()["symptoms"] == {"fever": {"status": "present", "evidence": "words"}}
