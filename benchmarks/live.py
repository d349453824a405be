#!/usr/bin/env python3
"""The live conversation as a patient gets it, through the virtual microphone and
speaker of tests/virtual_audio.py (PulseAudio null sink + pipe source, ALSA's pulse
plugin, PortAudio, aplay): the real ``aftercare check`` in a child process and a
scripted patient who answers after each prompt is heard.

- latency: end of a complete one-word answer's speech (its last sample written into the
  microphone) -> the next prompt audible on the speaker's monitor, p50/p95, with the
  end-of-turn wait (silence the rule waited) and decision -> audible shown apart;
- pause sweep: answers "no [pause] not really" at pauses of 0.3-1.5 s, one check-in per
  pause length (every question is a try); a cut-off is an answer whose second part was
  lost or taken as the next answer.

Writes docs/benchmarks-live.md (with --write). Usage:
  .venv/bin/python benchmarks/live.py [--checkins 3] [--pauses 0.3 0.5 ...] [--write]
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from virtual_audio import (  # noqa: E402
    Patient,
    Pause,
    Room,
    Transcript,
    Turn,
    pulse_server,
    trimmed,
)

from benchmarks.speed import machine, percentile  # noqa: E402
from voice.audio import read_wav  # noqa: E402
from voice.protocol import load_protocol  # noqa: E402
from voice.tts import Speaker  # noqa: E402

AFTERCARE = ROOT / ".venv" / "bin" / "aftercare"
DOC = ROOT / "docs" / "benchmarks-live.md"


def voice(text: str, folder: Path, speaker_voice: str = "en-us+f3", rate: int = 130):
    path = folder / f"{abs(hash((text, speaker_voice, rate)))}.wav"
    if not path.exists():
        Speaker(voice=speaker_voice, rate=rate).render(text, path)
    return trimmed(read_wav(path).samples.astype(float))


def run_checkin(turns: list[Turn], rate: int = 220, timeout: float = 300) -> dict:
    """One live check-in; the patient's timings and the assistant's decisions."""
    with pulse_server() as server:
        room = Room(server, noise_dbfs=-60.0)
        try:
            env = dict(server.env, AFTERCARE_DEBUG_LIVE="1")
            with tempfile.TemporaryDirectory() as home:
                env["AFTERCARE_HOME"] = home
                process = subprocess.Popen([str(AFTERCARE), "check", "--rate", str(rate),
                                            "--no-history", "--result", f"{home}/r.json"],
                                           env=env, stdout=subprocess.PIPE,
                                           stderr=subprocess.PIPE, text=True)
                transcript = Transcript(process, load_protocol())
                patient = Patient(room, turns, transcript)
                stdout, stderr = transcript.wait(timeout)
                done = subprocess.CompletedProcess(process.args, process.returncode,
                                                   stdout, stderr)
                result = json.loads(Path(f"{home}/r.json").read_text()) \
                    if done.returncode == 0 else None
            latencies = patient.latencies()
            decisions = [ast.literal_eval(line[6:line.rindex("} echo=") + 1])
                         for line in done.stderr.splitlines() if line.startswith("live: {")]
            audible = [room.first_sound_after(d["decided_at"]) for d in decisions]
            return {"result": result, "stdout": done.stdout, "stderr": done.stderr,
                    "spoken": patient.spoken, "latencies": latencies,
                    "decisions": decisions,
                    "after_decision": [a - d["decided_at"] for a, d in zip(audible, decisions,
                                                                            strict=True)
                                       if a is not None]}
        finally:
            room.close()


def latency(checkins: int, folder: Path) -> dict:
    no = voice("no", folder)
    lat, waits, after = [], [], []
    for _ in range(checkins):
        run = run_checkin([Turn([no]) for _ in range(14)])
        lat += run["latencies"]
        waits += [d["silence"] for d in run["decisions"] if d["decision"] == "finished"]
        after += run["after_decision"]
    return {"n": len(lat), "p50": percentile(lat, 50), "p95": percentile(lat, 95),
            "max": max(lat), "wait_p50": statistics.median(waits),
            "wait_p95": percentile(waits, 95), "after_p50": statistics.median(after),
            "after_p95": percentile(after, 95)}


def real_no(shared: Path) -> list:
    """The "no"s of the shared data's Speech Commands sets (real speakers), without the
    silence around the word (under -30 dB of the clip's peak), so the end of the array
    is the end of speech; clips whose background noise is that loud are left out (their
    word end is not known)."""
    clips = []
    for name in ("speech_commands", "speech_commands_v2_samples"):
        folder = shared / name
        with open(folder / "manifest.tsv", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                if row["transcript"] == "no":
                    samples = read_wav(folder / row["path"]).samples.astype(float)
                    level = max(200.0, 0.03 * float(abs(samples).max()))
                    clip = trimmed(samples, level)
                    if len(clip) < 0.9 * len(samples):  # else the noise hides the word end
                        clips.append(clip)
    return clips


def held_out(shared: Path, checkins: int) -> dict:
    """Held out (the turn thresholds were chosen on the espeak patient): the latency
    benchmark with real speakers' "no" (Speech Commands) as every answer, in turn."""
    clips = real_no(shared)
    lat, waits, heard, answers = [], [], [], 0
    for c in range(checkins):
        turns = [Turn([clips[(c * 14 + i) % len(clips)]]) for i in range(14)]
        run = run_checkin(turns)
        lat += run["latencies"]
        waits += [d["silence"] for d in run["decisions"] if d["decision"] == "finished"]
        heard += [d["text"] for d in run["decisions"]]
        answers += len(run["spoken"])
    return {"clips": len(clips), "n": len(lat), "p50": percentile(lat, 50),
            "p95": percentile(lat, 95), "max": max(lat),
            "wait_p50": statistics.median(waits), "wait_p95": percentile(waits, 95),
            "heard_no": sum(t == "no" for t in heard), "decisions": len(heard),
            "answers": answers}


def sweep(pauses: list[float], folder: Path) -> list[dict]:
    no, rest = voice("no", folder), voice("not really", folder)
    rows = []
    for pause in pauses:
        run = run_checkin([Turn([no, Pause(pause), rest]) for _ in range(14)])
        finals: dict[int, dict] = {}
        turn = -1
        for d in run["decisions"]:
            if not d["continued"]:
                turn += 1
            finals[turn] = d
        tries = [finals[t] for t in sorted(finals)][: len(run["spoken"])]
        cut = [d for d in tries if "really" not in d["text"]]
        rows.append({"pause": pause, "tries": len(tries), "cut": len(cut),
                     "merged": sum(d["continued"] for d in tries),
                     "texts": [f"{d['question']}: {d['text']}" for d in cut]})
        print(f"pause {pause}: {len(cut)}/{len(tries)} cut", file=sys.stderr, flush=True)
    return rows


def corrections(n: int, folder: Path) -> dict:
    """ "no [1-2 s] actually yes, I have a fever" at the fever question, n times."""
    no, rest = voice("no", folder), voice("actually yes, I have a fever", folder)
    stop = voice("stop", folder)
    pauses = [1.0 + i / max(n - 1, 1) for i in range(n)]  # 1.0 .. 2.0 s
    runs = []
    for pause in pauses:
        run = run_checkin([Turn([no, Pause(pause), rest]), Turn([stop])], rate=220)
        result = run["result"] or {}
        runs.append({"pause": round(pause, 2), "disposition": result.get("disposition"),
                     "merged": any(d["continued"] for d in run["decisions"])})
        print(f"correction {pause:.2f}: {runs[-1]}", file=sys.stderr, flush=True)
    return {"n": n, "emergency": sum(r["disposition"] == "emergency" for r in runs),
            "runs": runs}


def report(lat: dict | None, rows: list[dict], info: dict, fixes: dict | None = None,
           real: dict | None = None) -> str:
    lines = ["# Live conversation benchmarks", "",
             "Generated by `.venv/bin/python benchmarks/live.py --write` (not by run_all.py):",
             "the real `aftercare check` through a virtual microphone and speaker (PulseAudio",
             "null sink + pipe source via ALSA's pulse plugin; tests/virtual_audio.py), a",
             "scripted patient (espeak-ng voice en-us+f3, 130 wpm) answering after each",
             "prompt is heard, at a -60 dBFS noise floor. Prompts at 220 wpm.", "",
             "Machine: " + ", ".join(f"{k} {v}" for k, v in info.items()), "",
             "## The numbers and why", "",
             "- **0.4 s** of silence ends a complete answer (voice/turn.py). The detector's "
             "last voiced frame falls within ~0.1 s of the recogniser's own word end on real "
             "recordings (table at the end), so the wait starts at the end of speech; 0.4 s "
             "is the low end of the 0.4-0.5 s that voice-agent endpointers use. A pause "
             "longer than that after a complete \"no\" is caught as a late correction.",
             "- **2.2 s** after an incomplete or continuing answer (\"it is about\", "
             "\"um\", \"no wait\"): above the longest pause of the sweep below (1.5 s) "
             "with margin, under the 2.5 s the issue allows.",
             "- **2.5 s** correction window after the end of a turn, until the next prompt "
             "has been played: a 1-2 s pause after a complete \"no\" is caught.",
             "- **10 s** without voice is \"nothing heard\" (documented; the -60 dBFS floor "
             "is not voice: frames under -50 dBFS never are, and an answer needs 0.12 s of "
             "voice).",
             "- **Echo**: measured on prompts that are not questions (envelope "
             "cross-correlation of what was played with what the microphone heard, lags "
             "0-1.5 s); the microphone is muted for a prompt's length plus that delay plus "
             "0.2 s; 1 s until the first measurement.", ""]
    if lat:
        lines += ["## End of speech -> next prompt audible (complete one-word answers)", "",
                  "| answers | p50 | p95 | max | end-of-turn wait p50 / p95 | "
                  "decision -> audible p50 / p95 |", "|---|---|---|---|---|---|",
                  f"| {lat['n']} | {lat['p50']:.2f} s | {lat['p95']:.2f} s | "
                  f"{lat['max']:.2f} s | {lat['wait_p50']:.2f} / {lat['wait_p95']:.2f} s | "
                  f"{lat['after_p50']:.2f} / {lat['after_p95']:.2f} s |", "",
                  "From the answer's last sample written into the microphone pipe to the "
                  "first 20 ms of the next prompt above -40 dBFS on the speaker's monitor. "
                  "The end-of-turn wait is the silence the turn rule waited after the "
                  "voice-activity detector's last voiced frame (0.4 s for a complete "
                  "answer). Where the rest goes: the answer's final decode (the trailing "
                  "pad and vosk's final results for its 3-5 decoders, 0.1-0.3 s on this "
                  "machine) now runs in the background from 0.2 s of quiet "
                  "(voice/live.py `FINISH_AHEAD`), so it is ready at the decision; the "
                  "similarity model is loaded while the greeting plays (it used to cost "
                  "the first answer 0.2-0.45 s); decision -> audible is the dialog, "
                  "starting aplay and PulseAudio's buffering.", "",
                  "Target p95 ≤ 0.8 s: "
                  + ("holds (dev figure: one synthetic voice, one word; the machine "
                     "load is above)." if lat["p95"] <= 0.8 else
                     f"**not met** ({lat['p95'] - 0.8:.2f} s over, on this shared, loaded "
                     "machine)."),
                  "Before this design (previous session, same benchmark, load average "
                  "2.5-4.6): p50 0.64 s, p95 1.13 s; the final decode and a decoding "
                  "backlog of up to 0.3 s came after the end-of-turn wait, and the first "
                  "answer loaded the similarity model.", ""]
    if real:
        lines += ["### Held out: real speakers", "",
                  f"The same measurement with real speakers' \"no\" as every answer "
                  f"({real['clips']} \"no\" clips of the shared data's Speech Commands "
                  "sets, in turn: every one whose background noise is 30 dB under its "
                  "peak; `--held-out ../shared/data`). Held out: the turn "
                  "thresholds were chosen on the espeak patient and never on these.", "",
                  "| answers | p50 | p95 | max | end-of-turn wait p50 / p95 | heard \"no\" |",
                  "|---|---|---|---|---|---|",
                  f"| {real['n']} | {real['p50']:.2f} s | {real['p95']:.2f} s | "
                  f"{real['max']:.2f} s | {real['wait_p50']:.2f} / {real['wait_p95']:.2f} s | "
                  f"{real['heard_no']} of {real['decisions']} decisions |", ""]
        if real["wait_p95"] > 1.0:
            lines += ["Answers whose words the recogniser did not make a complete answer "
                      "(not heard as \"no\") wait the 2.2 s of an incomplete one: that "
                      "wait, not decoding, is what the p95 above 0.8 s shows.", ""]
    if rows:
        lines += ["## Pauses inside an answer", "",
                  "\"no [pause] not really\" to every question; a cut-off is an answer "
                  "without its second part.", "",
                  "| pause | tries | cut off | merged by a late correction |",
                  "|---|---|---|---|"]
        lines += [f"| {r['pause']:.1f} s | {r['tries']} | {r['cut']} | {r['merged']} |"
                  for r in rows]
        lines += ["", "Cut-offs: " + ("; ".join(t for r in rows for t in r["texts"])
                                      or "none"), ""]
    if fixes:
        lines += ["## Late corrections", "",
                  f"\"no [pause] actually yes, I have a fever\" at the fever question, pauses "
                  f"1.0-2.0 s evenly spread over {fixes['n']} check-ins (prompts at 220 wpm): "
                  f"**{fixes['emergency']}/{fixes['n']}** ended in the emergency message "
                  f"({sum(r['merged'] for r in fixes['runs'])} of them by a late correction "
                  "that stopped the next prompt).", ""]
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkins", type=int, default=3)
    parser.add_argument("--pauses", type=float, nargs="*",
                        default=[0.3, 0.5, 0.7, 1.0, 1.2, 1.5])
    parser.add_argument("--corrections", type=int, default=10)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--held-out", type=Path, metavar="SHARED",
                        help="also the held-out latency check with real speakers' \"no\" "
                             "from SHARED (the shared data folder); benchmark input only")
    args = parser.parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        lat = latency(args.checkins, folder) if args.checkins else None
        print(json.dumps(lat), file=sys.stderr, flush=True)
        rows = sweep(args.pauses, folder) if args.pauses else []
        fixes = corrections(args.corrections, folder) if args.corrections else None
    real = held_out(args.held_out, max(args.checkins, 2)) if args.held_out else None
    if real:
        print(json.dumps(real), file=sys.stderr, flush=True)
    info = machine()
    info["wall"] = f"{time.monotonic() - started:.0f} s"
    # The machine is shared: how busy it was says how far the figures are from idle.
    info["load average (1/5/15 min) at the end"] = " / ".join(
        f"{x:.1f}" for x in os.getloadavg())
    text = report(lat, rows, info, fixes, real)
    print(text)
    if args.json:
        args.json.write_text(json.dumps({"latency": lat, "sweep": rows,
                                         "corrections": fixes, "held_out": real}, indent=2))
    if args.write:
        DOC.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
