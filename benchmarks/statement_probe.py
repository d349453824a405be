"""A dev probe of rounds 36 and 37: red flags said beside a statement about something else.

Six red flags, each said four ways, joined to statements about another part or another
matter ("... and I feel sick", "my arms are fine though", "no chest pain"), before and
after, read at the red flag's own question and at "anything else?"; then the same red
flags after an opening remark ("I'm fine apart from ...", "no fever but ..."). Counts
the answers whose red flag is lost: neither present nor uncertain, nor asked about by the
similarity net. Written and tuned on in round 36: a dev figure, not a held-out one.

The part "kept aside" (other phrasings of the same red flags, other statements) was
written at the start of round 37, before any change of that round, and is not tuned on:
still the engineer's own phrasings, so a dev figure kept aside, not a held-out one.

    .venv/bin/python -m benchmarks.statement_probe [--show]
"""

from __future__ import annotations

import argparse

from voice.commands.interpret import interpret
from voice.protocol import load_protocol

FLAGS = {
    "leg_numbness": ("leg_numbness", ["my legs are numb", "i can't feel my feet",
                                      "my legs have gone numb", "numbness in my legs"]),
    "leg_weakness": ("leg_weakness", ["my legs are weak", "my legs keep giving way",
                                      "i can't lift my legs", "weakness in my legs"]),
    "bladder_bowel": ("bladder_bowel_loss", ["i wet myself", "i've lost control of my bladder",
                                             "i had an accident", "wetting myself"]),
    "site_bleeding": ("significant_bleeding", ["it's bleeding a lot",
                                               "the dressing is soaked with blood",
                                               "blood is running down my back",
                                               "a lot of bleeding"]),
    "fever": ("fever", ["i've got a fever", "my temperature is thirty nine",
                        "i'm burning up", "a high temperature"]),
    "site_infection": ("site_infection", ["it's red and swollen", "there's pus coming out",
                                          "it's hot and oozing", "pus from the site"]),
}
BESIDE = ["and my mouth is dry", "but my arms are fine", "and my head hurts",
          "and my neck is stiff", "but my hands are okay", "and i feel sick", "but no fever",
          "and my hands are shaking", "and my eyes are sore", "but otherwise i'm fine",
          "and my chest feels tight", "my arms are fine though", "and my stomach hurts",
          "and my throat is sore", "but my face is fine", "no chest pain",
          "no headache though", "i'm not dizzy", "and i can't sleep", "but i'm not worried"]
OPENING = ["i'm fine apart from", "other than", "no complaints except", "all good except",
           "nothing much just", "the only thing is", "not much but", "no problems but",
           "i'm okay but", "no pain but", "no headache but", "well apart from",
           "everything's fine except", "i don't think it's serious but",
           "it's probably nothing but", "no fever but", "nothing else except",
           "not really just"]

# Kept aside from round 37 on: never read to tune (see the docstring).
ASIDE_FLAGS = {
    "leg_numbness": ("leg_numbness", ["my feet feel dead", "pins and needles in both legs",
                                      "no feeling in my legs", "my thighs have gone numb"]),
    "leg_weakness": ("leg_weakness", ["my legs won't hold me up", "i can barely stand",
                                      "my legs are like jelly", "weak legs"]),
    "bladder_bowel": ("bladder_bowel_loss", ["i couldn't hold my wee", "i've soiled myself",
                                             "i can't tell when i need the toilet",
                                             "no control of my bowels"]),
    "site_bleeding": ("significant_bleeding", ["blood all over the dressing",
                                               "the plaster's full of blood",
                                               "it won't stop bleeding",
                                               "fresh blood on the sheets from my back"]),
    "fever": ("fever", ["i've been shivery and hot all night",
                        "a temperature of thirty eight point five", "i feel feverish",
                        "fever since last night"]),
    "site_infection": ("site_infection", ["the site is weeping yellow stuff",
                                          "it's gone angry and red", "the wound is hot and puffy",
                                          "redness spreading round the puncture"]),
}
ASIDE_BESIDE = ["and my back aches", "my shoulders are stiff", "and i'm tired",
                "but my appetite's fine", "and i keep yawning", "and my nose is runny",
                "but i've been drinking lots", "my knee is fine", "not sick though",
                "no dizziness", "and my toes are cold", "but i slept okay",
                "and my ears are ringing", "i haven't been sick", "no rash",
                "my wife says i look pale", "and i feel low", "nothing wrong with my arms",
                "my headache's gone", "no blurred vision"]


def answers() -> dict[str, list[tuple[str, str, str]]]:
    """(question, red flag, text) for each part of the probe."""
    beside, opening = [], []
    for question, (symptom, said) in FLAGS.items():
        for flag in said:
            for asked in (question, "anything_else"):
                beside += [(asked, symptom, f"{flag} {other}") for other in BESIDE]
                beside += [(asked, symptom, f"{other} {flag}") for other in BESIDE]
                opening += [(asked, symptom, f"{first} {flag}") for first in OPENING]
    aside = []
    for question, (symptom, said) in ASIDE_FLAGS.items():
        for flag in said:
            for asked in (question, "anything_else"):
                aside += [(asked, symptom, f"{flag} {other}") for other in ASIDE_BESIDE]
                aside += [(asked, symptom, f"{other} {flag}") for other in ASIDE_BESIDE]
    return {"beside another statement": beside, "after an opening remark": opening,
            "kept aside (round 37)": aside}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true",
                        help="list the answers that lose it (not those kept aside)")
    args = parser.parse_args()
    protocol = load_protocol()
    for name, cases in answers().items():
        lost = []
        for asked, symptom, text in cases:
            result = interpret(text, protocol, protocol.question(asked))
            status = {f["symptom"]: f["status"] for f in result["symptoms"]}.get(symptom)
            if status not in ("present", "uncertain") and symptom not in result.get("similar", []):
                lost.append(f"[{asked}] {text!r}: {symptom} {status or 'not heard'}")
        print(f"{name}: {len(lost)} of {len(cases)} answers lose the red flag")
        if args.show and not name.startswith("kept aside"):  # never read while tuning
            print("\n".join(f"  {line}" for line in lost))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
