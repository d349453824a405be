"""models.py: finding and verifying the vosk model (the real one; nothing downloaded)."""

from __future__ import annotations

import pytest

from voice import asr, models
from voice.errors import ModelError


def test_the_installed_model_is_found_and_verified():
    path = models.model_path()
    report = models.verify(path)
    assert report.ok, report.problems
    assert report.checked == len(models.expected_checksums()) > 10
    assert asr.is_default_model(path)


def test_a_changed_byte_is_named(corrupt_model):
    report = models.verify(corrupt_model)
    assert not report.ok
    assert report.problems == (f"{corrupt_model / 'am' / 'final.mdl'}: checksum mismatch "
                               "(corrupted or a different model)",)


def test_a_corrupted_model_is_not_loaded(corrupt_model):
    with pytest.raises(ModelError, match="final.mdl: checksum mismatch"):
        asr.load_model(corrupt_model)


def test_env_var_pointing_nowhere_names_itself(monkeypatch):
    monkeypatch.setenv(models.ENV_VAR, "/nonexistent/model")
    with pytest.raises(ModelError, match=r"/nonexistent/model.*\$VOSK_MODEL_PATH"):
        models.model_path()


def test_incomplete_folder(monkeypatch, tmp_path):
    (tmp_path / "am").mkdir()
    monkeypatch.setenv(models.ENV_VAR, str(tmp_path))
    with pytest.raises(ModelError, match="incomplete"):
        models.model_path()
    with pytest.raises(ModelError, match="does not exist"):
        asr.load_model(tmp_path / "missing")


def test_models_path_and_verify_commands(aftercare):
    path = aftercare("models", "path")
    assert path.returncode == 0 and path.stdout.strip() == str(models.model_path())
    verify = aftercare("models", "verify")
    assert verify.returncode == 0 and verify.stdout.startswith("ok: ")


def test_doctor_reports_every_part_and_passes_here(aftercare):
    done = aftercare("doctor")
    assert done.returncode == 0, done.stdout + done.stderr
    labels = [line.split(":", 1)[0] for line in done.stdout.splitlines()]
    assert labels == ["model", "speech", "audio out", "microphone", "history", "verdict"]
    assert "files match their SHA-256" in done.stdout


def test_doctor_fails_without_a_model(aftercare):
    done = aftercare("doctor", env={"VOSK_MODEL_PATH": "/nonexistent"})
    assert done.returncode != 0 and "Traceback" not in done.stderr
    model_line = done.stdout.splitlines()[0]
    assert model_line.startswith("model:") and "FAILED" in model_line
    assert "aftercare models fetch" in model_line
