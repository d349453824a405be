"""Ending a check-in on a stop signal (Ctrl-C, SIGTERM, SIGHUP) cleanly.

The signal becomes a ``KeyboardInterrupt`` in the main thread, so the check-in ends
through every ``finally`` (what was answered is already stored; the record stays
"not finished"), and ``voice.cli`` prints one line. Python delivers it at whatever
line the main thread is running; when that is a finaliser -- ``Popen.__del__`` as a
played prompt's aplay is dropped, say -- Python cannot raise it there: it prints
"Exception ignored in ... Traceback" and carries on with the check-in. So such an
interrupt is not printed but sent again, and the next ordinary line ends the check-in.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from types import FrameType
from typing import Any

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
RESEND_AFTER = 0.05  # seconds

_last: list[int] = []  # the stop signal most recently received


def end_on_stop_signals() -> None:
    """From now on a stop signal ends the check-in as ``KeyboardInterrupt`` (main
    thread only, as Python's signal handlers are)."""
    for sig in STOP_SIGNALS:
        signal.signal(sig, _interrupt)
    if sys.unraisablehook is not _send_again:
        _send_again.default = sys.unraisablehook  # type: ignore[attr-defined]
        sys.unraisablehook = _send_again


def _interrupt(signum: int, frame: FrameType | None) -> None:
    _last[:] = [signum]
    raise KeyboardInterrupt


def _send_again(unraisable: Any) -> None:
    if isinstance(unraisable.exc_value, KeyboardInterrupt) and _last:
        # Sent from another thread a moment later, so that it is handled after the
        # finaliser (and this hook) have returned, not inside them again.
        threading.Timer(RESEND_AFTER, os.kill, (os.getpid(), _last[0])).start()
        return
    _send_again.default(unraisable)  # type: ignore[attr-defined]
