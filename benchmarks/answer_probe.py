"""A dev probe of round 41: plain answers to the yes/no questions, said with a remark.

Three parts, each every opening x every remark, at every yes/no question:

- **clear noes** ("no, I haven't, I'm fine", "not that I've noticed, all good"): counts
  the answers not read as a plain "no" -- asked again, or read as a yes (the third-worst
  bug of the brief: a clear "no" not understood);
- **a no with a remark** ("nope, just tired", "no, I've been resting like they said"),
  at the red-flag questions: the same count;
- **a yes with a remark** ("yes, but I'm fine otherwise", "yeah, I'm not too worried"),
  at the red-flag questions: counts the answers whose red flag is lost (neither present
  nor uncertain, nor asked about by the similarity net, and the answer taken as a
  yes or a no) -- the worst bug -- and, apart, those asked again or read as not known.

Written and tuned on in round 41: a dev figure. The part "kept aside" (other openings
and remarks) was written after the round's changes and was not tuned on: still the
engineer's own phrasings, so a dev figure kept aside, not a held-out one. Its lists
were printed while the probe was read in round 42, which then added a second part
kept aside, written before that round's change (by the engineer making it, with it
in mind); neither part is shown by --show.

    .venv/bin/python -m benchmarks.answer_probe [--show]
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Iterator

from voice.protocol import Protocol, load_protocol
from voice.understand import understand

NO_OPENINGS = ["no", "nah", "nope", "no no", "", "um no", "no love", "no thanks"]
NO_DENIALS = ["i haven't", "i don't", "it isn't", "they aren't", "it hasn't", "i'm not",
              "not really", "i haven't no", "it's not", "no it hasn't", "i don't think so",
              "not at all", "not that i've noticed"]
NO_REASSURANCES = ["", "i'm fine", "it's fine", "they're fine", "i feel normal",
                   "nothing like that", "everything's okay", "i'm alright", "all's well",
                   "thank god", "i'm good thanks", "it's all okay", "i'm doing okay"]
REMARK_OPENINGS = ["no", "nah", "nope", "no no", "um no", "no love", "no dear", "oh no",
                   "no not at all", "no i haven't", "no i don't think so", "no none",
                   "no nothing", "not that i know of", "no way"]
REMARKS = ["just tired", "just a bit tired", "i've been resting like they said",
           "thanks for asking", "i've been lying flat most of the day",
           "been drinking plenty of water", "i'm just bored really",
           "the nurse said that was normal", "i had a good sleep",
           "my husband's looking after me", "i'm taking it easy", "just the usual aches",
           "touch wood", "thank goodness", "that's the main thing",
           "all things considered i'm doing well", "the kids have been good",
           "it's been quiet", "i've had my tea", "i'm watching telly",
           "i was worried about that but no", "should i be worried", "is that normal",
           "what should i look out for", "i've been up and about a bit",
           "i walked to the shop", "i've been to the loo fine", "i'm a bit sleepy",
           "i feel a bit sorry for myself", "bit of a headache but that's it",
           "my back's a little sore", "the plaster is still on"]
YES_OPENINGS = ["yes", "yeah", "yep", "aye", "i have", "i have yes", "yes i have",
                "yeah i have", "it has", "they have", "i think so", "yes unfortunately",
                "sadly yes", "i'm afraid so", "afraid so", "yes i'm afraid", "uh huh",
                "yes since last night", "yeah since this morning", "yes it started yesterday"]
YES_REMARKS = ["", "i'm not sure what to do", "i didn't want to bother anyone",
               "nothing else though", "but nothing else", "no other problems",
               "i'm not too worried", "it's not too bad", "no pain though",
               "i don't know why", "i haven't told anyone",
               "i don't want to go back to hospital", "is that bad", "should i be worried",
               "but i'm fine otherwise", "not much else", "i didn't think it mattered",
               "it's not great", "don't worry about me", "nothing i can't handle"]

# Kept aside: written after round 41's changes, never read to tune (see the docstring).
ASIDE_NO_OPENINGS = ["nah mate", "no sir", "erm no", "no not me", "nope not at all",
                     "absolutely not", "definitely not", "oh no"]
ASIDE_NO_DENIALS = ["i haven't had that", "it hasn't happened", "they're not", "it isn't",
                    "i don't", "not as far as i know", "i don't believe so",
                    "not that i can tell"]
ASIDE_NO_REASSURANCES = ["", "all fine here", "i'm grand", "everything's normal",
                         "it's all good", "they're normal", "i'm right as rain",
                         "i'm feeling okay", "nothing to report", "i'm just resting"]
ASIDE_YES_OPENINGS = ["yes i have", "yeah they have", "yes sadly", "i'm afraid i have",
                      "yes it has", "yes a lot", "yep since lunchtime", "yes last night"]
ASIDE_YES_REMARKS = ["but everything else is fine", "but apart from that i'm okay",
                     "otherwise all good", "i feel fine apart from that",
                     "other than that no problems", "but i'm not too bothered",
                     "it's nothing i can't cope with", "i don't want a fuss",
                     "but i'm doing okay", "should i call someone"]

# Kept aside in round 42: written before that round's change (by the engineer making
# it, with it in mind), never shown by --show. (The lists above were printed while the
# probe's code was read in round 42, so they are no longer unseen.)
ASIDE2_NO_OPENINGS = ["no ma'am", "nah love", "no no no", "no mate", "mm no"]
ASIDE2_NO_DENIALS = ["i haven't had any", "i've not", "none whatsoever", "nothing of the kind",
                     "i've had none", "not one bit"]
ASIDE2_NO_REASSURANCES = ["", "i'm doing fine", "all good here", "nothing else",
                          "that's all", "just tired"]
ASIDE2_YES_OPENINGS = ["yes i did", "yeah i have had", "yes definitely", "mm yes",
                       "yeah loads", "yes since friday"]
ASIDE2_YES_REMARKS = ["but other than that i'm fine", "nothing more than that",
                      "no other symptoms", "nothing apart from that",
                      "but the rest of me is okay", "and that's all",
                      "that's about it", "i'm alright in myself though",
                      "no other worries", "but nothing more"]


def _joined(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _cases(protocol: Protocol, red_flags_only: bool, *lists: list[str]
           ) -> Iterator[tuple[str, str]]:
    """(question, text) for every yes/no question (or only the red-flag ones) and every
    combination of one word run from each of ``lists``."""
    for q in protocol.questions:
        if q.answer == "yesno" and (q.red_flag or not red_flags_only):
            yield from ((q.id, _joined(*parts)) for parts in itertools.product(*lists))


def parts(protocol: Protocol) -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """Each part: (what is checked, [(question, text)])."""
    return {
        "clear noes": ("no", list(_cases(protocol, False, NO_OPENINGS, NO_DENIALS,
                                        NO_REASSURANCES))),
        "a no with a remark": ("no", list(_cases(protocol, True, REMARK_OPENINGS, REMARKS))),
        "a yes with a remark": ("yes", list(_cases(protocol, True, YES_OPENINGS, YES_REMARKS))),
        "kept aside, clear noes": ("no", list(_cases(
            protocol, False, ASIDE_NO_OPENINGS, ASIDE_NO_DENIALS, ASIDE_NO_REASSURANCES))),
        "kept aside, a yes with a remark": ("yes", list(_cases(
            protocol, True, ASIDE_YES_OPENINGS, ASIDE_YES_REMARKS))),
        "kept aside (round 42), clear noes": ("no", list(_cases(
            protocol, False, ASIDE2_NO_OPENINGS, ASIDE2_NO_DENIALS, ASIDE2_NO_REASSURANCES))),
        "kept aside (round 42), a yes with a remark": ("yes", list(_cases(
            protocol, True, ASIDE2_YES_OPENINGS, ASIDE2_YES_REMARKS))),
    }


def missed(protocol: Protocol, question: str, text: str, expected: str) -> str | None:
    """Why the answer is not read as ``expected``, or None when it is."""
    q = protocol.question(question)
    result = understand(text, protocol, q)
    status = {f.symptom: f.status for f in result.symptoms}.get(q.symptom or "")
    if expected == "no":
        if result.value == "no" and status not in ("present", "uncertain"):
            return None
        return f"value {result.value}, {q.symptom} {status or 'not said'}"
    if status in ("present", "uncertain") or q.symptom in result.similar:
        return None
    if result.value in (None, "unsure") and status is None:
        return "asked again"  # or not known: a red flag not ruled out, asked about
    return f"{q.symptom} {status or 'not said'} (value {result.value})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true",
                        help="list the answers missed (not those kept aside)")
    args = parser.parse_args()
    protocol = load_protocol()
    for name, (expected, cases) in parts(protocol).items():
        lost = [f"[{q}] {text!r}: {why}" for q, text in cases
                if (why := missed(protocol, q, text, expected)) is not None]
        if expected == "no":
            print(f"{name}: {len(lost)} of {len(cases)} answers not read as a plain no")
        else:
            again = sum(line.endswith(": asked again") for line in lost)
            print(f"{name}: {len(lost) - again} of {len(cases)} answers lose the red flag"
                  f" ({again} more asked again or not known)")
        if args.show and not name.startswith("kept aside"):  # never read while tuning
            print("\n".join(f"  {line}" for line in lost))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
