"""``aftercare doctor``: what works on this machine, one line each, and what to do.

Exit 0 only when a check-in can run: the model loads and speech renders. No speaker or
microphone is not fatal: the check-in then prints what it would say and takes typed
(``--text``) or recorded (``--replay``) answers.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from voice import asr, models, store, tts
from voice.errors import AftercareError

NAME = "doctor"
HELP = "check what works here: speech model, speech output, audio devices, history store"


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""
    required: bool = False

    def line(self) -> str:
        status = "ok" if self.ok else ("FAILED" if self.required else "missing")
        text = f"{self.name + ':':<13}{status:<9}{self.detail}"
        return f"{text} -> {self.fix}" if self.fix and not self.ok else text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--satellite", metavar="tcp://HOST:PORT",
                        help="also check that a Wyoming voice satellite answers there")


def run(args: argparse.Namespace) -> int:
    checks = [check_model(), check_speech(), check_output(), check_microphone(),
              check_history()]
    if args.satellite:
        checks.append(check_satellite(args.satellite))
    for check in checks:
        print(check.line(), flush=True)
    ready = all(check.ok for check in checks if check.required)
    if ready and all(check.ok for check in checks):
        print("verdict:     a spoken check-in can run here")
    elif ready:
        print("verdict:     a check-in can run here with --text or --replay "
              "(speech is printed when it cannot be played)")
    else:
        print("verdict:     a check-in cannot run until the FAILED lines are fixed")
    return 0 if ready else 1


def check_model() -> Check:
    fix = f"run 'aftercare models fetch' or set ${models.ENV_VAR} to a vosk model folder"
    try:
        path = models.model_path()
        if asr.is_default_model(path):
            report = models.verify(path)
            if not report.ok:
                return Check("model", False, report.problems[0], fix, required=True)
            verified = f"{report.checked} files match their SHA-256"
        else:
            verified = "not the default model, checksums not checked"
        start = time.perf_counter()
        models.check_usable(path)  # loads it and makes a recognizer, as a check-in will
        loaded = time.perf_counter() - start
    except AftercareError as err:
        return Check("model", False, str(err), fix, required=True)
    return Check("model", True, f"{path} ({verified}; loaded in {loaded:.1f} s)", required=True)


def check_speech() -> Check:
    fix = "install espeak-ng (sudo apt-get install espeak-ng) and re-run ./scripts/setup"
    try:
        english = [v.id.rsplit("/", 1)[-1] for v in tts.voices()]
        with tempfile.TemporaryDirectory(prefix="aftercare-doctor-") as tmp:
            start = time.perf_counter()
            tts.Speaker().render("testing", Path(tmp) / "test.wav")
            took = time.perf_counter() - start
    except AftercareError as err:
        return Check("speech", False, str(err), fix, required=True)
    detail = (f"pyttsx3 + espeak-ng renders WAV ({took:.1f} s for a word); "
              f"{len(english)} English voices: {', '.join(english)} (variants: +f1..f5, +m1..m7)")
    return Check("speech", True, detail, required=True)


def check_output() -> Check:
    problem = tts.audio_output_problem()
    if problem is None:
        return Check("audio out", True, "aplay and a sound device are present")
    return Check("audio out", False, problem,
                 "speech will be printed as text; connect a speaker/sound card to hear it")


def check_microphone() -> Check:
    hardware = _capture_devices()
    try:
        import sounddevice  # optional extra: aftercare-voice[mic]
    except (ImportError, OSError):
        seen = f"capture devices: {', '.join(hardware)}" if hardware else "no capture device"
        return Check("microphone", False, f"sounddevice is not installed; {seen}",
                     "pip install -e '.[mic]' for spoken answers; meanwhile use --text or --replay")
    with contextlib.suppress(Exception):
        inputs = [d["name"] for d in sounddevice.query_devices() if d["max_input_channels"] > 0]
        if inputs:
            return Check("microphone", True, f"input devices: {', '.join(inputs[:3])}")
    return Check("microphone", False, "no input device found",
                 "connect a microphone; meanwhile use --text or --replay")


def _capture_devices() -> list[str]:
    """Capture devices ALSA knows about, from /proc/asound or ``arecord -l``."""
    with contextlib.suppress(OSError):
        text = Path("/proc/asound/pcm").read_text()
        return [line.split(":")[2].strip() for line in text.splitlines() if "capture" in line]
    if shutil.which("arecord"):
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            listed = subprocess.run(["arecord", "-l"], capture_output=True, text=True, timeout=5)
            return re.findall(r"^card \d+: ([^,]+)", listed.stdout, re.MULTILINE)
    return []


def check_history() -> Check:
    """Where check-ins are stored ($AFTERCARE_HOME or the XDG data folder), and whether
    they can be; nothing is created. Not required: a check-in runs without saving."""
    fix = (f"fix the folder's permissions or set ${store.HOME_VAR}; meanwhile check-ins "
           "run without being saved (--no-history)")
    try:
        folder = store.history_folder(create=False)
    except AftercareError as err:
        return Check("history", False, str(err), fix)
    database = folder / store.FILE_NAME
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if database.is_symlink() or (database.exists() and not database.is_file()):
        return Check("history", False, f"{database} is a link or not a file", fix)
    if not os.access(existing, os.W_OK) or (database.exists()
                                            and not os.access(database, os.W_OK)):
        return Check("history", False, f"{folder}: {existing} is not writable", fix)
    if database.exists():
        try:
            store.History(database, readonly=True).all()
        except AftercareError as err:
            return Check("history", False, str(err), fix)
    state = "exists" if database.exists() else "will be created on the first check-in"
    return Check("history", True, f"{database} ({state})")


def check_satellite(uri: str) -> Check:
    """Required once asked for: ``aftercare satellite`` cannot run without it."""
    from voice.satellite import describe

    try:
        info = describe(uri)
    except AftercareError as err:
        return Check("satellite", False, str(err),
                     "start wyoming-satellite with --uri tcp://0.0.0.0:PORT on the device",
                     required=True)
    area = f" in {info.area}" if info.area else ""
    return Check("satellite", True, f"{info.name!r}{area} answers at {uri}", required=True)

