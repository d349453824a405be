"""The fault-injection sweep: kill -9 at many points of scripted check-ins, bad input of
every class found so far, storage faults, check-ins at the same time.

Run by tests/test_faults.py (which asserts the zeros) and by hand to reproduce the
table in docs/reliability.md:

    .venv/bin/python tests/fault_sweep.py            # print the table
    .venv/bin/python tests/fault_sweep.py --write    # and rewrite docs/reliability.md

Every run is the real program (``python -m voice check --jsonl``) with typed answers,
so no speech model loads; the history is checked after each run in a fresh folder.
What counts:
- *clean error*: exit status 2 and one ``aftercare: error:`` line (bad input), or a
  completed check-in with its advice (storage faults: care first);
- *traceback*: "Traceback" on stderr;
- *data lost*: an answer acknowledged before the fault (the program had spoken again
  after it) missing from the history, an emergency said but its answer or outcome not
  stored, a check-in left "in progress" by bad input or marked abandoned while alive,
  or a file left in the run's private TMPDIR (health data outside the history folder).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from storage_faults import fill, make_read_only, small_disk  # noqa: E402

from voice.dialog import Answered, CheckIn, Heard  # noqa: E402
from voice.protocol import load_protocol  # noqa: E402
from voice.store import History  # noqa: E402

EMERGENCY = "may need immediate attention"
# Scripted check-ins (typed answers in order): no symptoms; an emergency answered at
# its own question; one volunteered at another question and confirmed; urgent pain.
SCRIPTS: dict[str, list[str]] = {
    "no symptoms": ["no"] * 9,
    "emergency": ["no", "yes", "repeat", "stop"],
    "volunteered emergency": ["no", "no", "no", "no", "yes and i have a fever", "yes", "stop"],
    "severe pain": ["no", "no", "no", "no", "yes", "nine", "worse", "yes", "no", "no", "no",
                    "no", "no"],
}
RANDOM_KILLS = 3  # per script, at a random moment after a random answer
SEED = 12


@dataclass
class Tally:
    name: str
    tried: int = 0
    clean: int = 0
    traceback: int = 0
    lost: int = 0  # acknowledged answers lost, or a false state left behind
    emergency_missing: int = 0
    files_left: int = 0  # files in the run's TMPDIR after it ended
    notes: list[str] = field(default_factory=list)

    def add(self, clean: bool, traceback: bool, lost: bool, note: str = "",
            emergency_missing: bool = False, files_left: bool = False) -> None:
        self.tried += 1
        self.clean += clean
        self.traceback += traceback
        self.lost += lost
        self.emergency_missing += emergency_missing
        self.files_left += files_left
        if (traceback or lost or emergency_missing or files_left or not clean) and note:
            self.notes.append(note)

    @property
    def ok(self) -> bool:
        return self.clean == self.tried and not (
            self.traceback or self.lost or self.emergency_missing or self.files_left)


def _env(home: Path, tmp: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "AFTERCARE_AUDIO_OUTPUT": "none", "AFTERCARE_HOME": str(home),
            "TMPDIR": str(tmp), **extra}


def _checkin(home: Path, tmp: Path, *args: str, **extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "voice", "check", "--jsonl", *args],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=_env(home, tmp, **extra), cwd=ROOT)


def _run(home: Path, tmp: Path, *args: str, stdin: bytes = b"",
         **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "voice", *args], input=stdin,
                          capture_output=True, env=_env(home, tmp, **extra), cwd=ROOT,
                          timeout=120)


def _records(home: Path) -> list:
    path = home / "history.sqlite3"
    if not path.exists():
        return []
    history = History(path, readonly=True)
    try:
        return history.all()
    finally:
        history.close()


def _integrity(home: Path) -> bool:
    path = home / "history.sqlite3"
    if not path.exists():
        return True
    with sqlite3.connect(path) as db:  # rolls back a hot journal, as the next run would
        return db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# -- kill -9 ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """What a script does, from the pure dialog: the answers stored per input line."""

    answers: list[list[tuple[str, object]]]  # per input: (question, value) stored
    lines: int  # output lines of the whole check-in


def reference(script: list[str]) -> Reference:
    protocol = load_protocol()
    dialog = CheckIn(protocol)
    events = dialog.start()
    per_input: list[list[tuple[str, object]]] = []
    lines = sum(1 for e in events if not isinstance(e, Answered))
    for text in script:
        if dialog.finished:
            break
        events = dialog.hear(Heard(text))
        per_input.append([(e.question, e.value) for e in events if isinstance(e, Answered)])
        lines += 1 + sum(1 for e in events if not isinstance(e, Answered))
    return Reference(per_input, lines)


@dataclass(frozen=True)
class Killed:
    traceback: bool
    lost: bool
    emergency_missing: bool
    files_left: bool
    emergency_said: bool
    note: str


def kill_run(script: list[str], ref: Reference, after_line: int | None,
             after_answer: tuple[int, float] | None, work: Path) -> Killed:
    """One check-in killed after output line ``after_line`` (or ``delay`` seconds after
    answer number ``n``)."""
    home, tmp = work / "home", work / "tmp"
    tmp.mkdir(parents=True)
    proc = _checkin(home, tmp)
    seen: list[dict] = []
    answers = iter(script)
    given = 0
    heard_at: list[int] = []  # output index of each "heard" line
    assert proc.stdout is not None and proc.stdin is not None
    while True:
        raw = proc.stdout.readline()
        if not raw:
            break
        line = json.loads(raw)
        seen.append(line)
        if line["type"] == "heard":
            heard_at.append(len(seen) - 1)
        if after_line is not None and len(seen) >= after_line:
            break
        if line["type"] == "ask":
            text = next(answers, None)
            if text is None:
                break
            proc.stdin.write(json.dumps({"text": text}).encode() + b"\n")
            proc.stdin.flush()
            given += 1
            if after_answer is not None and given == after_answer[0]:
                time.sleep(after_answer[1])
                break
    proc.kill()
    _, err = proc.communicate(timeout=60)
    traceback = b"Traceback" in err
    # Acknowledged: an input after whose "heard" line the program said something more.
    acked = [i for i, at in enumerate(heard_at) if any(
        s["type"] in ("say", "ask", "result") for s in seen[at + 1:])]
    expected = [a for i in acked for a in ref.answers[i]]
    problems = []
    lost = not _integrity(home)
    if lost:
        problems.append("integrity_check failed")
    records = _records(home)
    stored = [(a.question, a.value) for a in records[-1].answers] if records else []
    if stored[:len(expected)] != expected:
        lost = True
        problems.append(f"stored {stored} but {expected} were acknowledged")
    emergency_said = any(s["type"] == "say" and EMERGENCY in s["text"] for s in seen)
    missing = emergency_said and (not records or records[-1].disposition != "emergency")
    if missing:
        problems.append("emergency said but not stored")
    left = [p.name for p in tmp.rglob("*")]
    if left:
        problems.append(f"left in TMPDIR: {left}")
    where = f"after line {after_line}" if after_line else f"after answer {after_answer}"
    return Killed(traceback, lost, missing, bool(left), emergency_said,
                  f"{where}: {'; '.join(problems)}")


def sweep_kills(work: Path, jobs: int = 2) -> tuple[Tally, Tally]:
    """kill -9 after every output line of every script, plus random moments."""
    rng = random.Random(SEED)
    plans = []
    for name, script in SCRIPTS.items():
        ref = reference(script)
        for n in range(1, ref.lines):
            plans.append((name, script, ref, n, None))
        for _ in range(RANDOM_KILLS):
            plans.append((name, script, ref, None,
                          (rng.randint(1, len(ref.answers)), rng.uniform(0.0, 0.05))))
    kills = Tally("kill -9 at every output line of 4 scripted check-ins, and at random")
    emergencies = Tally("… of which after the emergency message was said")

    def one(i: int) -> tuple[str, Killed]:
        name, script, ref, n, at = plans[i]
        return name, kill_run(script, ref, n, at, work / f"kill{i}")

    with ThreadPoolExecutor(jobs) as pool:
        for name, k in pool.map(one, range(len(plans))):
            for tally in (kills, emergencies) if k.emergency_said else (kills,):
                tally.add(True, k.traceback, k.lost, f"{name} {k.note}",
                          k.emergency_missing, k.files_left)
    return kills, emergencies


def null_speaker(work: Path) -> dict[str, str]:
    """Audio output that works: aplay plays to ALSA's null device, so every prompt and
    the spoken summary are rendered and played as on a machine with a speaker."""
    user = work / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / ".asoundrc").write_text("pcm.!default { type null }\n")
    return {"HOME": str(user), "PULSE_SERVER": "127.0.0.1:9", "AFTERCARE_AUDIO_OUTPUT": ""}


def sweep_spoken_kills(work: Path) -> Tally:
    """SIGKILL, SIGTERM and SIGHUP with speech output on, at the first question and
    while the summary of the patient's symptoms is spoken: nothing left in TMPDIR."""
    tally = Tally("kill -9 / SIGTERM / SIGHUP with speech output on")
    speaker = null_speaker(work)
    for i, (sig, moment) in enumerate((s, m) for s in (signal.SIGKILL, signal.SIGTERM,
                                                      signal.SIGHUP)
                                      for m in ("assistant: Have you had a fever",
                                                "assistant: Here is what I heard")):
        home, tmp = work / f"spoken{i}" / "home", work / f"spoken{i}" / "tmp"
        tmp.mkdir(parents=True)
        proc = subprocess.Popen([sys.executable, "-m", "voice", "check", "--text"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=_env(home, tmp, **speaker),
                                cwd=ROOT)
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(b"no\n" * 4 + b"yes\n3\nbetter\nno\n" + b"no\n" * 4)
        proc.stdin.flush()
        for raw in proc.stdout:
            if raw.decode().startswith(moment):
                break
        time.sleep(0.05)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
        left = [p.name for p in tmp.rglob("*")]
        tally.add(True, b"Traceback" in err, False, f"{sig.name} at {moment!r}: {left}",
                  files_left=bool(left))
    return tally


# -- bad input ---------------------------------------------------------------------------------


def _wav(data: bytes, tag: int = 1, bits: int = 16, rate: int = 16000) -> bytes:
    block = bits // 8
    fmt = struct.pack("<HHIIHH", tag, 1, rate, rate * block, block, bits)
    return (b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVE" + b"fmt "
            + struct.pack("<I", 16) + fmt + b"data" + struct.pack("<I", len(data)) + data)


def bad_lines(work: Path) -> list[tuple[str, bytes]]:
    files = work / "files"
    files.mkdir(parents=True, exist_ok=True)
    fifo = files / "fifo.wav"
    if not fifo.exists():
        os.mkfifo(fifo)
    (files / "nan.wav").write_bytes(_wav(struct.pack("<f", float("nan")) * 8000, 3, 32))
    (files / "text.wav").write_text("not audio")
    (files / "short.wav").write_bytes(_wav(b"\0" * 32000)[:1000])
    wav = lambda p: json.dumps({"wav": str(p)}).encode()  # noqa: E731
    return [
        ("not JSON", b"x"),
        ("lone surrogate", b'{"text":"\\ud800"}'),
        ("invalid UTF-8", b'{"text":"n\xffo"}'),
        ("deep nesting", b"[" * 30000 + b"]" * 30000),
        ("5,000-digit number", b'{"text": ' + b"9" * 5000 + b"}"),
        ("10 MB answer", b'{"text":"' + b"a" * 10_000_000 + b'"}'),
        ("answer over 2,000 characters", b'{"text":"' + b"no " * 1000 + b'"}'),
        ("a list", b"[1, 2]"),
        ("a number for text", b'{"text": 5}'),
        ("text and wav", b'{"text": "no", "wav": "x.wav"}'),
        ("NaN", b'{"text": NaN}'),
        ("missing wav", wav(files / "missing.wav")),
        ("FIFO with no writer", wav(fifo)),
        ("folder as wav", wav(files)),
        ("device as wav", wav("/dev/zero")),
        ("float WAV of NaN", wav(files / "nan.wav")),
        ("text file as wav", wav(files / "text.wav")),
        ("truncated WAV", wav(files / "short.wav")),
    ]


def sweep_bad_input(work: Path) -> Tally:
    """Each bad line after one good answer: one error line, exit 2, the answer kept and
    the check-in closed as stopped (not left "in progress")."""
    tally = Tally("bad JSON-lines input")
    for i, (name, line) in enumerate(bad_lines(work)):
        home, tmp = work / f"bad{i}" / "home", work / f"bad{i}" / "tmp"
        tmp.mkdir(parents=True)
        try:
            done = _run(home, tmp, "check", "--jsonl", stdin=b'{"text":"no"}\n' + line + b"\n")
        except subprocess.TimeoutExpired:
            tally.add(False, False, False, f"{name}: hung")
            continue
        err = done.stderr.decode(errors="replace")
        errors = [x for x in err.splitlines() if x.startswith("aftercare: error:")]
        records = _records(home)
        kept = bool(records) and [a.question for a in records[-1].answers] == ["fever"] \
            and records[-1].status == "stopped"
        tally.add(done.returncode == 2 and len(errors) == 1, "Traceback" in err, not kept,
                  f"{name}: exit {done.returncode}, {err.strip()[-120:]!r}",
                  files_left=bool(list(tmp.rglob("*"))))
    return tally


# -- storage faults --------------------------------------------------------------------------


BACK_PAIN = b"no\n" * 4 + b"yes\n3\nbetter\nno\n" + b"no\n" * 4


def _care_first(done: subprocess.CompletedProcess) -> bool:
    out, err = done.stdout.decode(), done.stderr.decode()
    return done.returncode == 0 and "result: self-care" in out and \
        "Here is what may help" in out and err.count("not being saved") <= 1


def sweep_storage(work: Path) -> Tally:
    """The check-in completes with its advice whatever state the history is in."""
    tally = Tally("storage faults")
    tmp = work / "storage-tmp"
    tmp.mkdir(parents=True)

    def check(name: str, home: Path) -> None:
        done = _run(home, tmp, "check", "--text", stdin=BACK_PAIN)
        err = done.stderr.decode(errors="replace")
        tally.add(_care_first(done), "Traceback" in err, False, f"{name}: {err[-200:]!r}")

    def fresh(name: str) -> Path:
        home = work / "storage" / name
        home.mkdir(parents=True, mode=0o700)
        return home

    home = fresh("corrupt-file")
    (home / "history.sqlite3").write_bytes(b"not a database" * 500)
    check("corrupt database file", home)

    home = fresh("corrupt-rows")
    _run(home, tmp, "check", "--text", stdin=b"no\n" * 12)
    with sqlite3.connect(home / "history.sqlite3") as db:
        db.execute("UPDATE answers SET value = '{x', transcript = x'ff', confidence = 'a'")
        db.execute("UPDATE checkins SET result = '{', started_at = x'00'")
    check("corrupt rows", home)
    listed = _run(home, tmp, "history", "--json")
    tally.add(listed.returncode == 0, b"Traceback" in listed.stderr, False,
              "history of corrupt rows")

    home = fresh("symlink")
    target = work / "storage" / "symlink-target"
    target.write_bytes(b"")
    (home / "history.sqlite3").symlink_to(target)
    check("symlinked database", home)
    tally.lost += target.read_bytes() != b""

    home = fresh("devnull")
    (home / "history.sqlite3").symlink_to("/dev/null")
    mode = os.stat("/dev/null").st_mode
    check("database symlinked to /dev/null", home)
    tally.lost += os.stat("/dev/null").st_mode != mode

    shared = work / "storage" / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    check("shared 1777 folder", shared)
    tally.lost += (shared.stat().st_mode & 0o7777) != 0o1777

    for name, fault in (("read-only folder", make_read_only), ("full disk", fill)):
        home = work / "storage" / name.replace(" ", "-")
        with small_disk(home):
            _run(home, tmp, "check", "--text", stdin=b"no\n" * 12)
            if fault is fill and os.geteuid() != 0:
                done = subprocess.run(
                    ["sh", "-c", f"ulimit -f 0; exec {sys.executable} -m voice check --text"],
                    input=BACK_PAIN, capture_output=True, env=_env(home, tmp), cwd=ROOT)
                tally.add(_care_first(done), b"Traceback" in done.stderr, False, name)
            else:
                fault(home)
                check(name, home)

    home = work / "storage" / "filling"
    with small_disk(home):
        proc = _checkin(home, tmp)
        assert proc.stdout is not None and proc.stdin is not None
        asks = 0
        for raw in proc.stdout:
            if json.loads(raw)["type"] == "ask":
                asks += 1
                if asks == 3:
                    break
                proc.stdin.write(b'{"text":"no"}\n')
                proc.stdin.flush()
        fill(home, proc.pid)
        rest = ["no", "no", "yes", "3", "better", "no", "no", "no", "no", "no"]
        out, err = proc.communicate(b"".join(json.dumps({"text": a}).encode() + b"\n"
                                             for a in rest), timeout=60)
        result = json.loads(out.splitlines()[-1])
        (home / "filler").unlink(missing_ok=True)
        records = _records(home)
        kept = bool(records) and [a.question for a in records[-1].answers][:2] == [
            "fever", "leg_numbness"]
        tally.add(proc.returncode == 0 and result.get("disposition") == "self-care"
                  and err.count(b"not being saved") == 1, b"Traceback" in err, not kept,
                  "disk fills mid-check-in")
    tally.files_left += bool(list(tmp.rglob("*")))
    return tally


# -- at the same time ----------------------------------------------------------------------------


def sweep_concurrent(work: Path, pairs: int = 5) -> Tally:
    """A check-in started while another runs must not take it for abandoned."""
    tally = Tally("two check-ins at once")
    for i in range(pairs):
        home, tmp = work / f"pair{i}" / "home", work / f"pair{i}" / "tmp"
        tmp.mkdir(parents=True)
        first = _checkin(home, tmp)
        assert first.stdout is not None and first.stdin is not None
        asks = 0
        for raw in first.stdout:
            if json.loads(raw)["type"] == "ask":
                asks += 1
                if asks > i % 3 + 1:
                    break
                first.stdin.write(b'{"text":"no"}\n')
                first.stdin.flush()
        second = _run(home, tmp, "check", "--text", stdin=b"no\n" * 12)
        live = [r.status for r in _records(home)]
        out, err = first.communicate(b'{"text":"no"}\n' * 12, timeout=60)
        statuses = [r.status for r in _records(home)]
        false_alarm = b"was not finished" in second.stdout or live[0] != "in_progress" \
            or statuses != ["finished", "finished"]
        tally.add(second.returncode == 0 and first.returncode == 0,
                  b"Traceback" in err + second.stderr, false_alarm,
                  f"pair {i}: {live} then {statuses}")
    return tally


# -- all of it ----------------------------------------------------------------------------------


def sweep(work: Path, jobs: int = 2) -> list[Tally]:
    kills, emergencies = sweep_kills(work, jobs)
    return [kills, emergencies, sweep_spoken_kills(work), sweep_bad_input(work),
            sweep_storage(work), sweep_concurrent(work)]


def table(tallies: list[Tally]) -> str:
    rows = ["| fault | tried | clean error / completed | traceback | data lost "
            "| emergency missing | files left in TMPDIR |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    for t in tallies:
        rows.append(f"| {t.name} | {t.tried} | {t.clean} | {t.traceback} | {t.lost} "
                    f"| {t.emergency_missing} | {t.files_left} |")
    return "\n".join(rows)


BEGIN, END = "<!-- fault-sweep:begin -->", "<!-- fault-sweep:end -->"


def main() -> int:
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="fault-sweep-"))
    try:
        tallies = sweep(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    took = time.perf_counter() - started
    text = f"{table(tallies)}\n\n({took:.0f} s on this machine, seed {SEED})"
    print(text)
    for t in tallies:
        for note in t.notes:
            print(f"  {t.name}: {note}", file=sys.stderr)
    if "--write" in sys.argv:
        doc = ROOT / "docs" / "reliability.md"
        old = doc.read_text()
        head, _, rest = old.partition(BEGIN)
        _, _, tail = rest.partition(END)
        doc.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}")
    return 0 if all(t.ok for t in tallies) else 1


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.default_int_handler)
    raise SystemExit(main())
