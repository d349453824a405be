"""Round trip through the real engines: text → pyttsx3/espeak-ng WAV → vosk → words.

Grammar mode (the phrase list below, as listen.py uses per question) must give back
every phrase exactly, for every voice. Free-form recognition with the small model on
synthetic speech is weaker, and these tests say so rather than hide it:

- 12 of the 16 phrases come back exactly from both test voices;
- "four" comes back as "for": same sounds, and the language model prefers the
  preposition. Only a grammar (or the matcher) can tell them apart;
- "nine" alone becomes "the i'd" with most voices (the nasal onset is heard as "the");
  "i have a fever" becomes "i am a fever"; "my legs feel numb" loses "numb". For these
  we assert the words that survive with the main voices, and exact words with the
  voices/rates where the model does get them (found by trying the espeak variants).
"""

from __future__ import annotations

import pytest
from conftest import VOICES

NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
           "ten")
SENTENCES = ("i have a fever", "my legs feel numb", "repeat that please")
PHRASES = ("yes", "no", *NUMBERS, *SENTENCES)
FREE_FORM_EXACT = tuple(p for p in PHRASES if p not in ("four", "nine", *SENTENCES[:2]))


@pytest.mark.parametrize("voice", VOICES)
@pytest.mark.parametrize("phrase", PHRASES)
def test_grammar_mode_gives_back_the_exact_phrase(recognizer, hear, voice, phrase):
    heard = recognizer.recognize(hear(phrase, voice), grammar=PHRASES)
    assert heard.text == phrase
    assert heard.grammar
    assert [w.text for w in heard.words] == phrase.split()
    assert heard.alternatives and heard.alternatives[0].text == phrase


@pytest.mark.parametrize("phrase", PHRASES)
def test_grammar_mode_with_the_default_voice_and_rate(recognizer, hear, phrase):
    # What `aftercare say` uses by default: espeak-ng's default voice at 160 wpm.
    assert recognizer.recognize(hear(phrase, None, 160), grammar=PHRASES).text == phrase


@pytest.mark.parametrize("voice", VOICES)
@pytest.mark.parametrize("phrase", FREE_FORM_EXACT)
def test_free_form_gives_back_the_exact_words(one_best, hear, voice, phrase):
    heard = one_best.recognize(hear(phrase, voice))
    assert heard.text == phrase
    assert not heard.grammar
    assert 0.0 < heard.confidence <= 1.0


@pytest.mark.parametrize("voice", VOICES)
def test_free_form_four_is_heard_as_four_or_its_homophone(one_best, hear, voice):
    assert one_best.recognize(hear("four", voice)).text in ("four", "for")


@pytest.mark.parametrize("voice", VOICES)
def test_free_form_keeps_the_symptom_word_fever(one_best, hear, voice):
    words = one_best.recognize(hear("i have a fever", voice)).text.split()
    # Heard as "i am a fever": the words the matcher needs ("i", "fever") survive.
    assert words[0] == "i" and words[-1] == "fever"


@pytest.mark.parametrize("voice", VOICES)
def test_free_form_keeps_legs_and_feel(one_best, hear, voice):
    words = one_best.recognize(hear("my legs feel numb", voice)).text.split()
    # "numb" is lost free-form with these voices; grammar mode (above) gets it.
    assert words[:3] == ["my", "legs", "feel"]


@pytest.mark.parametrize(
    ("phrase", "voice", "rate"),
    [
        ("nine", "en-us+f1", 120),
        ("nine", "en-us+f4", 140),
        ("i have a fever", "en-us+f5", 120),
        ("my legs feel numb", "en-us+f5", 140),
        ("my legs feel numb", "en-029", 140),
    ],
)
def test_free_form_exact_where_the_model_manages(one_best, hear, phrase, voice, rate):
    assert one_best.recognize(hear(phrase, voice, rate)).text == phrase
