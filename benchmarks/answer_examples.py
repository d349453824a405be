"""Write intents/answer_examples.tsv: the similarity net's labelled answers.

Every answer of the project's DEV answer sets (tests/data, written by people who never
saw intents/) said at a yes/no or choice question, with the red-flag symptoms it says
(present or uncertain, as its writer labelled it) and the writer's first reading of
it at that question. Answers at the free question are left out: there an answer may be
about anything, and the phrases, concepts and complaints read it. Held-out sets are
never put in: their figures would stop being held-out. Run it again when a set
becomes dev.

    .venv/bin/python -m benchmarks.answer_examples
"""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.fresh_eval import load_cases
from voice.normalize import BREAK, tokens
from voice.protocol import load_protocol
from voice.similarity import answer_values

ROOT = Path(__file__).resolve().parent.parent
# The dev sets, oldest first. Blind sets 84 and later are held-out (docs/understanding.md).
DEV_SETS = ("fresh_answers", "dev_round2", "blind_answers", "blind2_answers",
            "blind3_answers", "blind4_answers", "blind5_answers", "blind6_answers",
            "blind7_answers", "blind8_answers", "blind9_answers", "blind10_answers",
            "blind11_answers", "blind12_answers", "blind13_answers", "blind14_answers",
            "blind15_answers", "blind16_answers", "blind17_answers", "blind18_answers",
            "blind19_answers", "blind20_answers", "blind21_answers", "blind22_answers",
            "blind23_answers", "blind24_answers", "blind25_answers", "blind26_answers",
            "blind27_answers", "blind28_answers", "blind29_answers", "blind30_answers",
            "blind31_answers", "blind32_answers", "blind33_answers", "blind34_answers",
            "blind35_answers", "blind36_answers", "blind37_answers", "blind38_answers",
            "blind39_answers", "blind40_answers", "blind41_answers",
            "blind42_answers", "blind43_answers", "blind44_answers", "blind45_answers",
            "blind46_answers", "blind47_answers", "blind48_answers", "blind49_answers",
            "blind50_answers", "blind51_answers", "blind52_answers",
            "blind53_answers", "blind54_answers", "blind55_answers",
            "blind56_answers", "blind57_answers", "blind58_answers", "blind59_answers",
            "blind60_answers", "blind61_answers", "blind62_answers",
            "blind63_answers", "blind64_answers", "blind65_answers",
            "blind66_answers", "blind67_answers", "blind68_answers",
            "blind69_answers", "blind70_answers", "blind71_answers",
            "blind72_answers", "blind73_answers",
            "blind74_answers", "blind75_answers",
            "blind76_answers", "blind77_answers",
            "blind78_answers", "blind79_answers",
            "blind80_answers", "blind81_answers",
            "blind82_answers", "blind83_answers")
OUT = ROOT / "intents" / "answer_examples.tsv"

HEADER = """\
# Labelled patient answers for the semantic safety net (voice/similarity.py): an answer
# whose closest examples AT THE SAME QUESTION mostly say a red flag makes the assistant
# ask about that red flag, even when the answer was read as a "no". It never decides.
# Written by benchmarks/answer_examples.py from the dev answer sets in tests/data
# (their writers never saw intents/); a clinician may add, fix or remove rows. An answer
# whose words give no value at its question, but whose closest examples mostly give one,
# has that value read back to the patient ("So rest or pain relievers ease the pain. Is
# that right?"); only a yes keeps it.
# columns: question, the answer (normalised), the red flags it says (comma list, or -),
#          the answer it gives at that question (yes, no, unsure, a choice id, or -)
"""


def main() -> int:
    protocol = load_protocol()
    red = [s for s, v in protocol.symptoms.items() if v.red_flag]
    asked = {q.id: q for q in protocol.questions if q.answer in ("yesno", "choice")}
    rows: dict[tuple[str, str], str] = {}
    for name in DEV_SETS:
        for case in load_cases(ROOT / "tests" / "data" / f"{name}.tsv"):
            if case.question not in asked:
                continue
            says = [s for s in red if s in case.statuses and "absent" not in case.statuses[s]]
            text = " ".join(w for w in tokens(case.text) if w != BREAK)
            if not text:
                continue  # no word left to compare ("na": a filler, read as nothing)
            value = case.value.split("|")[0]  # the writer's first reading
            if value not in answer_values(asked[case.question]):
                value = "-"
            rows.setdefault((case.question, text), f"{','.join(says) or '-'}\t{value}")
    order = [q.id for q in protocol.questions]
    lines = [f"{q}\t{t}\t{s}" for (q, t), s in
             sorted(rows.items(), key=lambda kv: (order.index(kv[0][0]), kv[0][1]))]
    OUT.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} examples written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
