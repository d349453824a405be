"""Errors the CLI turns into one clear line and a non-zero exit.

Anything raised as an ``AftercareError`` is a user-facing problem (bad input, missing
model, no audio device); anything else is a bug and keeps its traceback.
"""


class AftercareError(Exception):
    """A problem the user can act on; ``str(err)`` is the one line shown."""

    exit_code = 2
    reported = False  # its line was already printed (the CLI then only exits non-zero)


class AudioError(AftercareError):
    """Unreadable, unsupported or empty audio; no microphone."""


class ModelError(AftercareError):
    """The vosk model is missing, incomplete or corrupted."""


class ProtocolError(AftercareError):
    """A file in intents/ is broken; the message starts with ``file:line:``."""


class SpeechError(AftercareError):
    """Text-to-speech could not be initialised or could not render."""
