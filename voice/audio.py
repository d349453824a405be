"""Audio in: any common PCM WAV → 16 kHz mono signed 16-bit PCM, the only thing vosk gets.

vosk returns garbage for stereo or 8-bit input and refuses to upsample (8 kHz raises a
Kaldi error), so every source is normalised here first: channels are averaged, samples
scaled to 16-bit, and the rate converted with soxr. The RIFF parser is our own (not the
stdlib ``wave``) because Python 3.11's ``wave`` rejects WAVE_FORMAT_EXTENSIBLE, which is
how sox, Audacity and arecord write 24-bit and 32-bit files, and because it reads a
truncated data chunk silently; here a short file is an error.
"""

from __future__ import annotations

import io
import os
import stat
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soxr

from voice.errors import AudioError

SAMPLE_RATE = 16000
MIN_RATE, MAX_RATE = 8000, 48000
# Longer than any answer; 10 minutes of silence must still be readable. Checked from the
# header, before the samples are read, so an hour-long file fails at once.
MAX_SECONDS = 20 * 60

_PCM, _FLOAT, _EXTENSIBLE = 0x0001, 0x0003, 0xFFFE
# Data sizes that streaming writers (arecord to a pipe, some recorders) put in the
# header when they do not know the length: read to the end of the file instead.
_UNKNOWN_SIZES = (0x7FFFFFFF, 0xFFFFFFFF)


@dataclass(frozen=True)
class Audio:
    """16 kHz mono signed 16-bit little-endian PCM, and where it came from."""

    pcm: bytes
    source: str

    @property
    def frames(self) -> int:
        return len(self.pcm) // 2

    @property
    def duration(self) -> float:
        return self.frames / SAMPLE_RATE

    @property
    def samples(self) -> np.ndarray:
        """The samples as a read-only int16 array (no copy)."""
        return np.frombuffer(self.pcm, dtype="<i2")

    def chunks(self, frames: int = 4000) -> Iterator[bytes]:
        """The PCM in pieces of ``frames`` samples, as a microphone would deliver it."""
        step = frames * 2
        for start in range(0, len(self.pcm), step):
            yield self.pcm[start : start + step]


def from_samples(samples: np.ndarray, rate: int, source: str = "<samples>") -> Audio:
    """Audio from an array of shape (frames,) or (frames, channels) at ``rate`` Hz.

    Integer arrays are read at their full scale (uint8 is unsigned, offset 128); float
    arrays are taken to be in -1..1. Channels are averaged.
    """
    data = np.asarray(samples)
    if data.ndim not in (1, 2):
        raise AudioError(f"{source}: expected (frames,) or (frames, channels) samples")
    floats = _to_float(data)
    if floats.ndim == 2:
        floats = floats.mean(axis=1)
    if rate != SAMPLE_RATE:
        floats = soxr.resample(floats, rate, SAMPLE_RATE, quality="HQ")
    pcm = np.clip(np.rint(floats * 32768.0), -32768, 32767).astype("<i2")
    return Audio(pcm=pcm.tobytes(), source=source)


def _to_float(data: np.ndarray) -> np.ndarray:
    if data.dtype == np.uint8:
        return (data.astype(np.float64) - 128.0) / 128.0
    if np.issubdtype(data.dtype, np.integer):
        return data.astype(np.float64) / float(2 ** (8 * data.dtype.itemsize - 1))
    return data.astype(np.float64)


def read_wav(path: str | Path) -> Audio:
    """Read any PCM WAV (8–48 kHz, mono or stereo, 8/16/24/32-bit; float too) as 16 kHz
    mono. Anything else is an ``AudioError`` with one line naming the file."""
    samples, rate = _read(Path(path), header_only=False)
    return from_samples(samples, rate, source=str(path))


def read_wav_bytes(data: bytes, source: str = "<speech>") -> Audio:
    """``read_wav`` of a WAV held in memory (rendered speech, never written to disk)."""
    samples, rate = _parse(io.BytesIO(data), source)
    return from_samples(samples, rate, source=source)


def check_wav(path: str | Path) -> None:
    """Check that ``path`` is a WAV ``read_wav`` can read (header, format, length)
    without decoding it: ``--replay`` checks every file before the check-in starts."""
    _read(Path(path), header_only=True)


def _open_regular(path: Path):
    """``path`` opened for reading, only if it is a regular file: a FIFO with no writer
    would block forever, a device never end."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise AudioError(f"{path}: not a regular file (a pipe or device); give a WAV file")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _read(path: Path, header_only: bool) -> tuple[np.ndarray, int]:
    name = str(path)
    try:
        with _open_regular(path) as handle:
            samples, rate = _parse(handle, name, header_only)
    except IsADirectoryError:
        raise AudioError(f"{name}: is a folder, not a WAV file") from None
    except FileNotFoundError:
        raise AudioError(f"{name}: no such file") from None
    except PermissionError:
        raise AudioError(f"{name}: permission denied") from None
    except OSError as err:
        raise AudioError(f"{name}: cannot read ({err.strerror or err})") from None
    return samples, rate


def write_wav(path: str | Path, audio: Audio) -> Path:
    """Write ``audio`` as a plain 16 kHz mono 16-bit PCM WAV."""
    path = Path(path)
    header = _riff_header(len(audio.pcm), SAMPLE_RATE, channels=1, width=2)
    path.write_bytes(header + audio.pcm)
    return path


def _riff_header(data_bytes: int, rate: int, channels: int, width: int) -> bytes:
    block = channels * width
    fmt = struct.pack("<HHIIHH", _PCM, channels, rate, rate * block, block, 8 * width)
    return (
        b"RIFF" + struct.pack("<I", 4 + 8 + len(fmt) + 8 + data_bytes) + b"WAVE"
        + b"fmt " + struct.pack("<I", len(fmt)) + fmt
        + b"data" + struct.pack("<I", data_bytes)
    )


def _sniff(head: bytes) -> str:
    """A guess at what a non-WAV file is, for the error message."""
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "looks like MP3"
    for magic, kind in ((b"OggS", "Ogg"), (b"fLaC", "FLAC"), (b"FORM", "AIFF")):
        if head.startswith(magic):
            return f"looks like {kind}"
    if head[4:8] == b"ftyp":
        return "looks like MP4/M4A"
    if not head:
        return "the file is empty"
    if all(32 <= b < 127 or b in (9, 10, 13) for b in head[:64]):
        return "looks like text"
    return "no RIFF/WAVE header"


def _parse(handle, name: str, header_only: bool = False) -> tuple[np.ndarray, int]:
    head = handle.read(12)
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        hint = "convert it to PCM WAV, e.g. 'ffmpeg -i IN -ar 16000 -ac 1 OUT.wav'"
        raise AudioError(f"{name}: not a WAV file ({_sniff(head)}); {hint}")
    fmt = None
    while True:
        chunk = handle.read(8)
        if len(chunk) < 8:
            what = "no audio data chunk" if fmt else "no format chunk"
            raise AudioError(f"{name}: truncated or damaged WAV ({what})")
        kind, size = chunk[:4], struct.unpack("<I", chunk[4:])[0]
        if kind == b"fmt ":
            body = handle.read(size)
            if len(body) < size or size < 16:
                raise AudioError(f"{name}: truncated or damaged WAV (short format chunk)")
            fmt = _read_fmt(body, name)
        elif kind == b"data":
            if fmt is None:
                raise AudioError(f"{name}: damaged WAV (audio data before the format chunk)")
            return _read_data(handle, size, fmt, name, header_only), fmt[1]
        else:
            handle.seek(size + (size & 1), 1)  # chunks are word-aligned


def _read_fmt(body: bytes, name: str) -> tuple[int, int, int, int]:
    """(format tag, rate, channels, bits) after checking we can convert it."""
    tag, channels, rate, _, block, bits = struct.unpack("<HHIIHH", body[:16])
    if tag == _EXTENSIBLE and len(body) >= 26:
        tag = struct.unpack("<H", body[24:26])[0]  # first two bytes of the sub-format GUID
    if tag == _FLOAT and bits not in (32, 64):
        raise AudioError(f"{name}: {bits}-bit float WAV is not supported")
    if tag not in (_PCM, _FLOAT):
        raise AudioError(
            f"{name}: compressed WAV (format 0x{tag:04x}) is not supported; "
            "convert it to PCM, e.g. 'ffmpeg -i IN -ar 16000 -ac 1 OUT.wav'"
        )
    if tag == _PCM and bits not in (8, 16, 24, 32):
        raise AudioError(f"{name}: {bits}-bit PCM is not supported (8, 16, 24 or 32-bit)")
    if channels not in (1, 2):
        raise AudioError(f"{name}: {channels} channels; only mono or stereo is supported")
    if not MIN_RATE <= rate <= MAX_RATE:
        raise AudioError(
            f"{name}: sample rate {rate} Hz is outside {MIN_RATE}–{MAX_RATE} Hz"
        )
    if block != channels * bits // 8:
        raise AudioError(f"{name}: damaged WAV header (block size {block})")
    return tag, rate, channels, bits


def _read_data(handle, size: int, fmt: tuple[int, int, int, int], name: str,
               header_only: bool = False) -> np.ndarray:
    tag, rate, channels, bits = fmt
    block = channels * bits // 8
    if size in _UNKNOWN_SIZES:
        here = handle.tell()
        size = handle.seek(0, 2) - here
        handle.seek(here)
        size -= size % block
    frames = size // block
    if frames == 0:
        raise AudioError(f"{name}: the WAV file holds no audio (0 frames)")
    if frames / rate > MAX_SECONDS:
        raise AudioError(
            f"{name}: {frames / rate / 60:.1f} minutes of audio is longer than the "
            f"{MAX_SECONDS // 60}-minute limit"
        )
    if header_only:  # the data must be there in full; it is not decoded
        here = handle.tell()
        held = handle.seek(0, 2) - here
        if held < frames * block:
            raise AudioError(f"{name}: truncated WAV (header promises {frames / rate:.2f} s, "
                             f"file holds {held / block / rate:.2f} s)")
        return np.zeros((0, channels))
    raw = handle.read(frames * block)
    if len(raw) < frames * block:
        got = len(raw) / block / rate
        raise AudioError(
            f"{name}: truncated WAV (header promises {frames / rate:.2f} s, file holds {got:.2f} s)"
        )
    samples = _decode(raw, tag, bits)
    if tag == _FLOAT and not np.isfinite(samples).all():
        raise AudioError(f"{name}: damaged float WAV (NaN or infinite samples)")
    return samples.reshape(frames, channels)


def _decode(raw: bytes, tag: int, bits: int) -> np.ndarray:
    if tag == _FLOAT:
        return np.frombuffer(raw, dtype="<f4" if bits == 32 else "<f8")
    if bits == 8:
        return np.frombuffer(raw, dtype=np.uint8)
    if bits == 16:
        return np.frombuffer(raw, dtype="<i2")
    if bits == 32:
        return np.frombuffer(raw, dtype="<i4")
    # 24-bit: place the three bytes in the top of an int32 so the sign comes along.
    triples = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3)
    wide = np.zeros((len(triples), 4), dtype=np.uint8)
    wide[:, 1:] = triples
    return wide.view("<i4").reshape(-1)


# -- silence -------------------------------------------------------------------------

# A 10 ms window is "digital silence" when no sample exceeds this (about -54 dBFS):
# far below speech or even a quiet room through a real microphone.
SILENCE_LEVEL = 64
_WINDOW = SAMPLE_RATE // 100


@dataclass(frozen=True)
class Squeezed:
    """PCM with long silent stretches shortened, and how to map times back."""

    pcm: bytes
    # (position in the squeezed audio, samples removed before it), in order.
    cuts: tuple[tuple[int, int], ...]

    def original_time(self, seconds: float) -> float:
        """A time in the squeezed audio as a time in the original."""
        return original_time(self.cuts, seconds)


def original_time(cuts: tuple[tuple[int, int], ...], seconds: float) -> float:
    """A time in audio squeezed with ``cuts`` (see ``Squeezed``) as a time in the original."""
    position = seconds * SAMPLE_RATE
    removed = 0
    for at, total in cuts:
        if position >= at:
            removed = total
    return (position + removed) / SAMPLE_RATE


def squeeze_silence(pcm: bytes, longer_than: float = 3.0, keep: float = 1.0) -> Squeezed:
    """Shorten every stretch of digital silence longer than ``longer_than`` seconds to
    ``keep`` seconds (half from each end), so vosk does not spend minutes decoding
    nothing. Audio without such a stretch comes back unchanged, byte for byte."""
    samples = np.frombuffer(pcm, dtype="<i2")
    windows = len(samples) // _WINDOW
    if windows == 0:
        return Squeezed(pcm=pcm, cuts=())
    peaks = np.abs(samples[: windows * _WINDOW].astype(np.int32)).reshape(windows, _WINDOW)
    quiet = peaks.max(axis=1) <= SILENCE_LEVEL
    edges = np.flatnonzero(np.diff(np.concatenate(([0], quiet.view(np.int8), [0]))))
    runs = edges.reshape(-1, 2) * _WINDOW  # [start, end) in samples
    min_run, half = int(longer_than * SAMPLE_RATE), int(keep * SAMPLE_RATE) // 2
    pieces, cuts, last, kept, removed = [], [], 0, 0, 0
    for start, end in runs:
        if end - start <= min_run:
            continue
        pieces.append(samples[last : start + half])
        kept += start + half - last
        removed += (end - half) - (start + half)
        cuts.append((int(kept), int(removed)))
        last = end - half
    if not cuts:
        return Squeezed(pcm=pcm, cuts=())
    pieces.append(samples[last:])
    return Squeezed(pcm=np.concatenate(pieces).tobytes(), cuts=tuple(cuts))
