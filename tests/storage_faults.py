"""Real storage faults for the tests and the fault sweep: a full or read-only file system.

As root (CI, this machine) a small tmpfs is mounted, filled or remounted read-only; as
another user the same faults come from the kernel by other means: a file-size limit on
the running process (``prlimit``: every write past it fails with EFBIG) and a folder
without write permission. Either way SQLite meets a real failing write.
"""

from __future__ import annotations

import contextlib
import os
import resource
import subprocess
from collections.abc import Iterator
from pathlib import Path

ROOT = os.geteuid() == 0


@contextlib.contextmanager
def small_disk(folder: Path, size_kb: int = 256) -> Iterator[Path]:
    """``folder`` on a file system of its own (a tmpfs of ``size_kb`` when root)."""
    folder.mkdir(parents=True, exist_ok=True)
    if not ROOT:
        yield folder
        return
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0700", "tmpfs",
                    str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path, pid: int | None = None) -> None:
    """Leave no room to write in ``folder`` (for process ``pid``, when not root)."""
    if ROOT:
        fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, b"\0" * 4096)
        finally:
            os.close(fd)
    else:
        assert pid is not None
        size = max(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        resource.prlimit(pid, resource.RLIMIT_FSIZE, (size, size))


def make_read_only(folder: Path) -> None:
    if ROOT:
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    else:
        for path in [folder, *folder.rglob("*")]:
            path.chmod(0o500 if path.is_dir() else 0o400)
