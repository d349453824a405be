"""The fixed dev / held-out split of the real recordings (chosen before any tuning).

Held out, never looked at while tuning, reported separately:
- speakers whose id hashes (SHA-256, first 8 hex digits) to 0 modulo 3, in every set
  with speaker ids (Speech Commands, Speech Commands v2 samples, AudioMNIST): about a
  third of the speakers, none of whose clips are in dev;
- FSDD has only 4 speakers, so a whole speaker aside would leave 3 to tune on: there
  the odd-numbered takes of every speaker (``7_george_13.wav``: take 13) are held out,
  a fixed half of each speaker's clips. FSDD held-out figures are therefore unseen
  recordings of known voices, not unseen voices; the other sets give those.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

DEV, HELD_OUT = "dev", "held-out"


def part(set_dir: str, speaker: str, path: Path | str) -> str:
    """``dev`` or ``held-out`` for one clip of the set in folder ``set_dir``."""
    if set_dir == "fsdd":
        take = Path(path).stem.rsplit("_", 1)[-1]
        return HELD_OUT if take.isdigit() and int(take) % 2 else DEV
    digest = int(hashlib.sha256(speaker.encode()).hexdigest()[:8], 16)
    return HELD_OUT if digest % 3 == 0 else DEV
