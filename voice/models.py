"""Finding, fetching and verifying the vosk acoustic model.

The model is never downloaded at import time or during a check-in: only
``aftercare models fetch`` (run by the set-up script) reaches out, and it tries the
sources in the order DESIGN.md gives. Every model file is checked against the SHA-256
list committed beside this project's ``models/`` folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_cache_dir

from voice.errors import ModelError

MODEL_NAME = "vosk-model-small-en-us-0.15"
ENV_VAR = "VOSK_MODEL_PATH"
# Alpha Cephei's Android packaging of the same small US-English model (a zip).
MAVEN_ARTIFACT = "com.alphacephei:vosk-model-en:0.3.45:aar"
MAVEN_MODEL_DIR = "assets/model-en-us/"
OFFICIAL_ZIP = f"https://alphacephei.com/vosk/models/{MODEL_NAME}.zip"

REPO_MODELS = Path(__file__).resolve().parent.parent / "models"
CHECKSUMS = REPO_MODELS / f"{MODEL_NAME}.sha256"
# The files vosk cannot start without; a quick presence check before loading.
REQUIRED = ("am/final.mdl", "conf/model.conf", "graph/HCLr.fst", "graph/Gr.fst")
# A model with an ivector/ folder needs all of these (vosk quietly skips the i-vector
# extractor without final.ie and then cannot make a recognizer).
REQUIRED_IVECTOR = ("ivector/final.ie", "ivector/final.mat", "ivector/final.dubm",
                    "ivector/global_cmvn.stats", "ivector/online_cmvn.conf")


@dataclass(frozen=True)
class VerifyReport:
    path: Path
    checked: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def install_dirs() -> list[Path]:
    """Where an installed copy may live: the repo's models/ first, then the user cache."""
    return [REPO_MODELS / MODEL_NAME, Path(user_cache_dir("aftercare")) / MODEL_NAME]


def find_model() -> Path | None:
    """The model folder to use, without checking hashes; None when there is none."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    for candidate in install_dirs():
        if all((candidate / name).is_file() for name in REQUIRED):
            return candidate
    return None


def model_path() -> Path:
    """The model folder, or a ModelError naming $VOSK_MODEL_PATH and the fix."""
    path = find_model()
    if path is None:
        raise ModelError(
            f"no vosk model found; run 'aftercare models fetch' or set ${ENV_VAR} "
            f"to a folder holding {MODEL_NAME}"
        )
    missing = missing_files(path)
    if missing:
        raise ModelError(
            f"model folder {path} is incomplete (missing {missing[0]}); "
            f"check ${ENV_VAR} or run 'aftercare models fetch'"
        )
    return path


def missing_files(path: Path) -> list[str]:
    """Files a model in ``path`` cannot work without that are not there."""
    needed = REQUIRED + (REQUIRED_IVECTOR if (path / "ivector").is_dir() else ())
    return [name for name in needed if not (path / name).is_file()]


def check_usable(path: Path) -> None:
    """Load the model in ``path`` and make a recognizer from it, as every audio command
    will: a damaged custom model (whose files we have no checksums for) fails here with
    a ModelError instead of passing as healthy."""
    from voice.asr import load_model

    missing = missing_files(path)
    if missing:
        raise ModelError(f"model folder {path} is incomplete (missing {missing[0]})")
    model = load_model(path)
    from vosk import KaldiRecognizer

    try:
        KaldiRecognizer(model, 16000)
    except Exception as err:  # vosk raises a bare Exception("Failed to create a recognizer")
        raise ModelError(f"vosk loads the model in {path} but cannot recognise with it "
                         f"({err}); the model is damaged or incomplete") from None


def expected_checksums() -> dict[str, str]:
    pairs = (line.split(None, 1) for line in CHECKSUMS.read_text().splitlines() if line)
    return {name.strip(): digest for digest, name in pairs}


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(path: Path) -> VerifyReport:
    """Compare every model file with the committed SHA-256 list."""
    problems = []
    expected = expected_checksums()
    for name, digest in sorted(expected.items()):
        file = path / name
        if not file.is_file():
            problems.append(f"{file}: missing")
        elif sha256(file) != digest:
            problems.append(f"{file}: checksum mismatch (corrupted or a different model)")
    return VerifyReport(path=path, checked=len(expected), problems=tuple(problems))


# -- fetching ---------------------------------------------------------------------


def fetch(log: Callable[[str], None] = print) -> Path:
    """Make a verified model available and return its folder; idempotent."""
    existing = find_model()
    if existing is not None and verify(existing).ok:
        log(f"model already present and verified: {existing}")
        return existing
    target = _writable_target()
    errors = []
    for name, source in (("Maven Central (mvn)", _from_maven), ("official zip", _from_zip)):
        log(f"fetching {MODEL_NAME} from {name} ...")
        try:
            with tempfile.TemporaryDirectory() as tmp:
                unpacked = source(Path(tmp), log)
                report = verify(unpacked)
                if not report.ok:
                    raise ModelError(report.problems[0])
                _install(unpacked, target)
            log(f"model installed and verified: {target}")
            return target
        except (ModelError, OSError, zipfile.BadZipFile, subprocess.SubprocessError) as err:
            errors.append(f"{name}: {err}")
            log(f"  failed: {err}")
    raise ModelError(
        f"could not obtain {MODEL_NAME} ({'; '.join(errors)}); "
        f"download it by hand and set ${ENV_VAR} to its folder"
    )


def _writable_target() -> Path:
    for candidate in install_dirs():
        try:
            candidate.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(candidate.parent, os.W_OK):
            return candidate
    raise ModelError(f"no writable place for the model; set ${ENV_VAR}")


def _install(unpacked: Path, target: Path) -> None:
    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(unpacked, staging)
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)


def _from_maven(tmp: Path, log: Callable[[str], None]) -> Path:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ModelError("mvn is not installed")
    command = [
        mvn, "-B", "-ntp", "dependency:copy",
        f"-Dartifact={MAVEN_ARTIFACT}", f"-DoutputDirectory={tmp}",
    ]
    done = subprocess.run(command, cwd=tmp, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        lines = [line for line in done.stdout.splitlines() if "ERROR" in line]
        raise ModelError(lines[0] if lines else f"mvn exited with {done.returncode}")
    archives = list(tmp.glob("*.aar"))
    if not archives:
        raise ModelError("mvn reported success but wrote no .aar")
    return _unzip_folder(archives[0], MAVEN_MODEL_DIR, tmp / "model")


def _from_zip(tmp: Path, log: Callable[[str], None]) -> Path:
    archive = tmp / f"{MODEL_NAME}.zip"
    with urllib.request.urlopen(OFFICIAL_ZIP, timeout=30) as response, archive.open("wb") as out:
        total = int(response.headers.get("Content-Length") or 0)
        done = 0
        for block in iter(lambda: response.read(1 << 16), b""):
            out.write(block)
            done += len(block)
            _progress(done, total)
    print(file=sys.stderr)
    return _unzip_folder(archive, f"{MODEL_NAME}/", tmp / "model")


def _progress(done: int, total: int) -> None:
    if total:
        filled = int(30 * done / total)
        bar = "#" * filled + "-" * (30 - filled)
        print(f"\r  [{bar}] {done / total:6.1%} of {total / 1e6:.0f} MB", end="", file=sys.stderr)


def _unzip_folder(archive: Path, prefix: str, dest: Path) -> Path:
    """Extract the members under ``prefix`` into ``dest``, refusing unsafe paths."""
    with zipfile.ZipFile(archive) as zf:
        for member in zf.infolist():
            if member.is_dir() or not member.filename.startswith(prefix):
                continue
            relative = Path(member.filename[len(prefix):])
            if relative.is_absolute() or ".." in relative.parts:
                raise ModelError(f"unsafe path in {archive.name}: {member.filename}")
            out = dest / relative
            out.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(member) as src, out.open("wb") as dst:
                shutil.copyfileobj(src, dst)
    if not dest.is_dir():
        raise ModelError(f"{archive.name} holds no {prefix} folder")
    return dest
