"""Noise for the synthetic corpus: white noise, babble, and mixing at a given SNR.

All functions take int16-range float arrays at 16 kHz and a numpy Generator, so a
fixed seed gives identical clips on every run.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

FRAME = 320  # 20 ms at 16 kHz
ACTIVE_DB = 40.0  # frames within this many dB of the loudest count as speech


def speech_power(x: np.ndarray) -> float:
    """Mean power of the active frames (espeak's leading/trailing silence left out).

    A simple stand-in for ITU-T P.56 active speech level: SNR is then about the speech,
    not about how much silence the synthesiser put around it.
    """
    n = len(x) // FRAME
    if n == 0:
        return float(np.mean(x.astype(np.float64) ** 2)) if len(x) else 0.0
    frames = x[: n * FRAME].astype(np.float64).reshape(n, FRAME)
    power = np.mean(frames**2, axis=1)
    loud = power.max()
    if loud <= 0:
        return 0.0
    active = power[power >= loud * 10 ** (-ACTIVE_DB / 10)]
    return float(active.mean())


def white(n: int, rng: np.random.Generator) -> np.ndarray:
    return rng.standard_normal(n)


def babble(tracks: Sequence[np.ndarray], n: int, rng: np.random.Generator,
           talkers: tuple[int, int] = (3, 5)) -> np.ndarray:
    """Several voices at once (a television in the room): random tracks, random offsets.

    Each talker is scaled to the same speech power first, so no single voice dominates
    and the result sounds like a crowd, not one intelligible speaker.
    """
    k = int(rng.integers(talkers[0], talkers[1] + 1))
    chosen = rng.choice(len(tracks), size=min(k, len(tracks)), replace=False)
    out = np.zeros(n)
    for i in chosen:
        track = tracks[int(i)].astype(np.float64)
        track = track / np.sqrt(max(speech_power(track), 1e-9))
        reps = int(np.ceil((n + len(track)) / len(track)))
        looped = np.tile(track, reps)
        start = int(rng.integers(0, len(track)))
        out += looped[start:start + n]
    return out


def mix(speech: np.ndarray, noise: np.ndarray, snr_db: float) -> np.ndarray:
    """Speech plus noise scaled so that speech power / noise power is ``snr_db``.

    Clipping is avoided by scaling the mixture down as a whole (which keeps the SNR).
    """
    speech = speech.astype(np.float64)
    noise = noise[: len(speech)].astype(np.float64)
    p_noise = float(np.mean(noise**2))
    if p_noise > 0:
        noise = noise * np.sqrt(speech_power(speech) / (p_noise * 10 ** (snr_db / 10)))
    out = speech + noise
    peak = float(np.max(np.abs(out))) if len(out) else 0.0
    if peak > 32000:
        out *= 32000 / peak
    return out


def pad(x: np.ndarray, before: int, after: int) -> np.ndarray:
    """Silence around an answer, so the noise starts before the speech does."""
    return np.concatenate([np.zeros(before), x.astype(np.float64), np.zeros(after)])


def to_pcm(x: np.ndarray) -> bytes:
    return np.clip(np.rint(x), -32768, 32767).astype("<i2").tobytes()
