"""Running a check-in: the one loop that joins a dialog to an input and an output.

Inputs (where answers come from) and outputs (where prompts go) are small classes;
every mode of ``aftercare check`` is one input and one output around the same
``CheckIn``, so the same answers give the same result whatever the mode.
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO
from typing import Protocol as Interface

from voice.dialog import Answered, Ask, CheckIn, Finished, Heard, Say
from voice.errors import AftercareError, AudioError
from voice.store import History

# -- inputs ------------------------------------------------------------------------


@dataclass(frozen=True)
class Continued:
    """The patient went on with the previous answer after it had ended (a late
    correction: "no ... actually yes"): ``heard`` is that whole answer, to be decided
    again in place of what was heard before."""

    heard: Heard


class Input(Interface):
    def listen(self, ask: Ask) -> Heard | Continued | None:
        """The answer to ``ask``; None when no more answers will come. Only live inputs
        give ``Continued`` (and are asked with ``ask`` None, once the check-in is over,
        whether the last answer goes on)."""


class Output(Interface):
    def prepare(self, texts: Sequence[str], rate: int) -> None:
        """Texts likely to be spoken next, at ``rate``: get them ready (e.g. rendered)."""

    def speak(self, text: str, rate: int, question: str | None) -> None: ...
    def heard(self, heard: Heard) -> None: ...
    def result(self, result: dict[str, Any]) -> None: ...


class TextInput:
    """Typed answers, one line each, from a text stream."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def listen(self, ask: Ask) -> Heard | None:
        line = self.stream.readline()
        return Heard(line.strip()) if line else None


class AudioInput:
    """Answers from WAV files through the same recognition path as the microphone."""

    def __init__(self, files: Sequence[Path],
                 play: Callable[[Path], object] | None = None) -> None:
        from voice.asr import Recognizer  # loads the model: only for audio modes

        self.files = iter(files)
        self.play = play  # replays the patient's side aloud, where a speaker works
        self.recognizer = Recognizer(alternatives=0)  # the dialog needs no n-best

    def hear_file(self, path: Path, ask: Ask | None) -> Heard:
        from voice.audio import read_wav
        from voice.listen import listen
        from voice.turn import Timing
        from voice.vad import has_voice

        audio = read_wav(path)
        if ask is None:
            heard = listen(self.recognizer, audio)[0]
        else:
            heard = listen(self.recognizer, audio, ask.grammar, ask.narrow)[0]
        # As live (voice/live.py): noise without voice is never an answer, so a live
        # run's kept audio replays to the same decisions.
        return heard if has_voice(audio.pcm, Timing().min_speech) else Heard(
            "", heard.confidence)

    def listen(self, ask: Ask) -> Heard | None:
        path = next(self.files, None)
        if path is None:
            return None
        if self.play is not None:
            self.play(path)
        return self.hear_file(path, ask)


class JsonlInput:
    """One JSON object per line: {"text": ...} or {"wav": path}."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._audio: AudioInput | None = None

    def listen(self, ask: Ask) -> Heard | None:
        line = self.stream.readline()
        while line and not line.strip():
            line = self.stream.readline()
        if not line:
            return None
        try:
            message = json.loads(line)
        except json.JSONDecodeError as err:
            raise AftercareError(f"stdin: not a JSON object: {line.strip()[:60]!r}") from err
        if isinstance(message, dict) and isinstance(message.get("text"), str):
            return Heard(message["text"].strip())
        if isinstance(message, dict) and isinstance(message.get("wav"), str):
            if self._audio is None:
                self._audio = AudioInput([])
            return self._audio.hear_file(Path(message["wav"]), ask)
        raise AftercareError('stdin: expected {"text": ...} or {"wav": path}')


def replay_files(paths: Sequence[str]) -> list[Path]:
    """WAV files in the order given; a folder contributes its WAVs sorted by name."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(path.glob("*.wav"))
            if not found:
                raise AudioError(f"{path}: folder holds no .wav files")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise AudioError(f"{path}: no such file or folder")
    return files


# -- outputs -----------------------------------------------------------------------


class ConsoleOutput:
    """Speaks every prompt and prints both sides of the conversation."""

    def __init__(self, speaker: Any | None, stream: TextIO = sys.stdout) -> None:
        self.speaker = speaker
        self.stream = stream

    def prepare(self, texts: Sequence[str], rate: int) -> None:
        if self.speaker is not None:  # renders nothing where speech cannot be played
            self.speaker.rate = rate
            self.speaker.prepare(texts)

    def speak(self, text: str, rate: int, question: str | None) -> None:
        print(f"assistant: {text}", file=self.stream, flush=True)
        if self.speaker is not None:
            self.speaker.rate = rate
            self.speaker.say(text)

    def heard(self, heard: Heard) -> None:
        print(f"patient: {heard.text or '(nothing heard)'}", file=self.stream, flush=True)

    def result(self, result: dict[str, Any]) -> None:
        print(f"result: {result['disposition']}", file=self.stream, flush=True)


class JsonlOutput:
    """The machine interface: one JSON object per line for everything said."""

    def __init__(self, stream: TextIO = sys.stdout) -> None:
        self.stream = stream

    def _emit(self, obj: dict[str, Any]) -> None:
        self.stream.write(json.dumps(obj, ensure_ascii=False) + "\n")
        self.stream.flush()

    def prepare(self, texts: Sequence[str], rate: int) -> None:
        pass  # the client speaks

    def speak(self, text: str, rate: int, question: str | None) -> None:
        if question is None:
            self._emit({"type": "say", "text": text})
        else:
            self._emit({"type": "ask", "question": question, "text": text})

    def heard(self, heard: Heard) -> None:
        self._emit({"type": "heard", "text": heard.text, "confidence": heard.confidence})

    def result(self, result: dict[str, Any]) -> None:
        self._emit({"type": "result", **result})


# -- the loop ------------------------------------------------------------------------


@dataclass
class Session:
    dialog: CheckIn
    input: Input
    output: Output
    history: History | None = None

    def run(self) -> dict[str, Any]:
        checkin_id = self.history.start() if self.history else None
        # Every question and fixed message is rendered ahead (again when the patient
        # asks for another rate), so a prompt starts as soon as the answer is heard.
        prompts = self.dialog.prompts()
        prepared_rate: int | None = None
        # A live answer may still be continued: the dialog as it was before it, and its
        # answers, are kept until the next answer starts (then they are written).
        before: CheckIn | None = None
        pending: list[Answered] = []

        def write(answers: list[Answered]) -> None:
            for a in answers:
                if self.history and checkin_id:
                    self.history.record_answer(checkin_id, a.question, a.value,
                                               a.transcript, a.confidence)
            answers.clear()

        events = self.dialog.start()
        try:
            while True:
                if self.dialog.rate != prepared_rate:
                    prepared_rate = self.dialog.rate
                    self.output.prepare(prompts, prepared_rate)
                ask = more = None
                for event in events:
                    if isinstance(event, Say | Ask):
                        question = event.question if isinstance(event, Ask) else None
                        self.output.speak(event.text, self.dialog.rate, question)
                        ask = event if isinstance(event, Ask) else ask
                    elif isinstance(event, Answered):
                        pending.append(event)
                        if before is None:  # nothing can take it back: keep it now
                            write(pending)
                    elif isinstance(event, Finished):
                        more = self.input.listen(None) if before is not None else None
                        if more is not None:  # the last answer went on: decide again
                            break
                        write(pending)
                        if self.history and checkin_id:
                            status = "finished" if event.result["completed"] else "stopped"
                            self.history.finish(checkin_id, status, event.result)
                        self.output.result(event.result)
                        return event.result
                else:
                    if ask is None:  # cannot happen: every turn asks or ends
                        raise RuntimeError("dialog neither asked nor finished")
                    more = self.input.listen(ask)
                heard = more
                if isinstance(heard, Continued) and before is not None:
                    self.dialog, heard = before, heard.heard
                    pending.clear()
                elif isinstance(heard, Continued):
                    heard = heard.heard
                else:
                    write(pending)
                if heard is None:
                    events = self.dialog.end_of_input()
                    continue
                if getattr(self.input, "corrections", False):
                    # The protocol and settings are shared, not copied: they never change.
                    before = copy.deepcopy(self.dialog, {id(self.dialog.protocol):
                                                         self.dialog.protocol,
                                                         id(self.dialog.settings):
                                                         self.dialog.settings})
                self.output.heard(heard)
                events = self.dialog.hear(heard)
        finally:
            write(pending)  # a failing microphone loses no answer already given
