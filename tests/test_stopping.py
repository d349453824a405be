"""A stop signal ends the check-in cleanly wherever it lands, even inside a finaliser
(``Popen.__del__`` as a played prompt's aplay is dropped): one line, no traceback.
Before, such a signal printed "Exception ignored in ... Traceback" and the check-in
carried on (seen once in the fault sweep, with speech output on)."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import os, signal, sys, time
from voice.stopping import end_on_stop_signals
end_on_stop_signals()

class Dropped:
    def __del__(self):
        os.kill(os.getpid(), {sig})
        time.sleep(0.3)  # the signal's handler runs here, inside the finaliser

try:
    Dropped()
    time.sleep(3)
    print("carried on")
except KeyboardInterrupt:
    print("stopped")
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_inside_a_finaliser_still_stops(sig):
    done = subprocess.run([sys.executable, "-c", CHILD.format(sig=int(sig))], cwd=ROOT,
                          capture_output=True, text=True, timeout=30)
    assert done.stdout.strip() == "stopped"
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


def test_other_unraisable_errors_are_still_reported():
    child = ("from voice.stopping import end_on_stop_signals\n"
             "end_on_stop_signals()\n"
             "class Broken:\n"
             "    def __del__(self):\n"
             "        raise ValueError('kept')\n"
             "Broken()\n")
    done = subprocess.run([sys.executable, "-c", child], cwd=ROOT, capture_output=True,
                          text=True, timeout=30)
    assert "ValueError: kept" in done.stderr
