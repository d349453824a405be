"""Running a check-in: the one loop that joins a dialog to an input and an output.

Inputs (where answers come from) and outputs (where prompts go) are small classes;
every mode of ``aftercare check`` is one input and one output around the same
``CheckIn``, so the same answers give the same result whatever the mode.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TextIO
from typing import Protocol as Interface

from voice.dialog import Answered, Ask, CheckIn, Finished, Heard, Say
from voice.errors import AftercareError, AudioError
from voice.lines import answer_text, parse_message, read_line
from voice.store import History, StorageError

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
    """Typed answers, one line each, from a text or byte stream (checked by
    ``voice.lines``: bounded, valid UTF-8)."""

    def __init__(self, stream: TextIO | BinaryIO) -> None:
        self.stream = stream

    def listen(self, ask: Ask) -> Heard | None:
        line = read_line(self.stream)
        return None if line is None else Heard(answer_text(line))


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
    """One JSON object per line: {"text": ...} or {"wav": path} (checked by
    ``voice.lines``)."""

    def __init__(self, stream: TextIO | BinaryIO) -> None:
        self.stream = stream
        self._audio: AudioInput | None = None

    def listen(self, ask: Ask) -> Heard | None:
        line = read_line(self.stream)
        while line is not None and not line.strip():
            line = read_line(self.stream)
        if line is None:
            return None
        message = parse_message(line)
        if message.text is not None:
            return Heard(message.text)
        if self._audio is None:
            self._audio = AudioInput([])
        return self._audio.hear_file(Path(message.wav or ""), ask)


def replay_files(paths: Sequence[str]) -> list[Path]:
    """WAV files in the order given; a folder contributes its WAVs sorted by name. Each
    file's format is checked here, before any question is asked, so a bad sixth file is
    not found after five answers."""
    from voice.audio import check_wav

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
    for file in files:
        check_wav(file)
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


def not_saved(reason: object) -> str:
    """The one notice that a check-in goes on without being stored."""
    return (f"this check-in is not being saved ({reason}); it carries on and gives its "
            "advice as usual (use --no-history to run without saving)")


def _stderr(text: str) -> None:
    print(f"aftercare: {text}", file=sys.stderr, flush=True)


def report_error(err: AftercareError) -> None:
    """The one error line, printed once (the CLI does not print it again)."""
    if not err.reported:
        print(f"aftercare: error: {err}", file=sys.stderr, flush=True)
        err.reported = True


@dataclass
class Session:
    """Care first, storage second: what each turn must store (the answers, an emergency
    as soon as it is raised, the result) is written before anything of that turn is
    said, and a storage failure only ends the storing (one notice), never the check-in.
    Bad input ends the check-in as if the input had ended (closing summary and advice,
    stored as "stopped"), and the error is raised after that; its one line is printed
    as soon as the input fails (``report``), before the closing advice is spoken, so a
    stalled microphone is known at once, not half a minute later."""

    dialog: CheckIn
    input: Input
    output: Output
    history: History | None = None
    notify: Callable[[str], None] = _stderr
    report: Callable[[AftercareError], None] = report_error
    result: dict[str, Any] | None = None  # once finished (also when bad input ended it)

    def run(self) -> dict[str, Any]:
        checkin_id = self._store(lambda h: h.start())
        emergency_stored = False
        failure: AftercareError | None = None
        # Every question and fixed message is rendered ahead (again when the patient
        # asks for another rate), so a prompt starts as soon as the answer is heard.
        prompts = self.dialog.prompts()
        prepared_rate: int | None = None
        # A live answer may still be continued ("no ... actually yes"): the dialog as it
        # was before that answer is kept, to decide the whole answer again. (What the
        # first decision stored stays stored; the answer stored last is the one that
        # counts, as after "go back".)
        before: CheckIn | None = None
        events = self.dialog.start()
        while True:
            if self.dialog.rate != prepared_rate:
                prepared_rate = self.dialog.rate
                self.output.prepare(prompts, prepared_rate)
            if checkin_id is not None:
                for event in events:
                    if isinstance(event, Answered):
                        self._store(lambda h, e=event: h.record_answer(
                            checkin_id, e.question, e.value, e.transcript, e.confidence))
                if self.dialog.emergency and not emergency_stored:
                    emergency_stored = True
                    self._store(lambda h: h.mark_emergency(checkin_id))
                for event in events:
                    if isinstance(event, Finished):
                        status = "finished" if event.result["completed"] else "stopped"
                        self._store(lambda h, r=event.result, s=status: h.finish(
                            checkin_id, s, r))
            ask = None
            for event in events:
                if isinstance(event, Say | Ask):
                    question = event.question if isinstance(event, Ask) else None
                    self.output.speak(event.text, self.dialog.rate, question)
                    ask = event if isinstance(event, Ask) else ask
                elif isinstance(event, Finished):
                    # A live input is asked whether the last answer went on.
                    more = None
                    if before is not None and failure is None:
                        more, failure = self._listen(None)
                    if more is not None:
                        break
                    self.result = event.result
                    self.output.result(event.result)
                    if failure is not None:
                        raise failure
                    return event.result
            else:
                if ask is None:  # cannot happen: every turn ends in a question or the end
                    raise RuntimeError("dialog neither asked nor finished")
                # And what a plain yes or no would lead to (the summary, say), rendered
                # while the patient answers.
                self.output.prepare(self.dialog.following(), self.dialog.rate)
                more, failure = self._listen(ask)
            if isinstance(more, Continued):
                if before is not None:  # decide the whole answer again, from before it
                    self.dialog = before
                heard = more.heard
            else:
                heard = more
            if heard is None:
                events = self.dialog.end_of_input()
                continue
            if getattr(self.input, "corrections", False):
                before = self.dialog.copy()
            self.output.heard(heard)
            events = self.dialog.hear(heard)

    def _listen(self, ask: Ask | None) -> tuple[Heard | Continued | None,
                                                AftercareError | None]:
        """The next answer, or (None, the error) when the input failed: bad input ends
        the check-in like the end of input, and is raised once the check-in is closed."""
        try:
            return self.input.listen(ask), None
        except AftercareError as err:
            self.report(err)
            return None, err

    def _store(self, action: Callable[[History], Any]) -> Any:
        """``action`` on the history; on a storage failure, one notice and no more
        storing (the check-in goes on)."""
        if self.history is None:
            return None
        try:
            return action(self.history)
        except StorageError as err:
            self.history = None
            self.notify(not_saved(err))
            return None
