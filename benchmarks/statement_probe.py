"""A dev probe of round 36: red flags said beside a statement about something else.

Six red flags, each said four ways, joined to statements about another part or another
matter ("... and I feel sick", "my arms are fine though", "no chest pain"), before and
after, read at the red flag's own question and at "anything else?"; then the same red
flags after an opening remark ("I'm fine apart from ...", "no fever but ..."). Counts
the answers whose red flag is lost: neither present nor uncertain, nor asked about by the
similarity net. Written and tuned on in round 36: a dev figure, not a held-out one.

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


def answers() -> dict[str, list[tuple[str, str, str]]]:
    """(question, red flag, text) for each part of the probe."""
    beside, opening = [], []
    for question, (symptom, said) in FLAGS.items():
        for flag in said:
            for asked in (question, "anything_else"):
                beside += [(asked, symptom, f"{flag} {other}") for other in BESIDE]
                beside += [(asked, symptom, f"{other} {flag}") for other in BESIDE]
                opening += [(asked, symptom, f"{first} {flag}") for first in OPENING]
    return {"beside another statement": beside, "after an opening remark": opening}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the answers that lose it")
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
        if args.show:
            print("\n".join(f"  {line}" for line in lost))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
