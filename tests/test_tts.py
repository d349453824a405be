"""tts.py with the real espeak-ng: rendering, settings, voices, and the text fallback."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import wave

import numpy as np
import pytest
from conftest import ROOT

from voice import tts
from voice.errors import SpeechError
from voice.tts import Speaker


def read(path) -> tuple[wave._wave_params, np.ndarray]:
    with wave.open(str(path), "rb") as w:
        return w.getparams(), np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_render_writes_22050_hz_mono_16_bit(tmp_path, capfd):
    path = Speaker().render("How is your headache today?", tmp_path / "q.wav")
    params, samples = read(path)
    assert (params.framerate, params.nchannels, params.sampwidth) == (22050, 1, 2)
    assert 1.0 < params.nframes / 22050 < 5.0 and np.abs(samples).max() > 1000
    out, _ = capfd.readouterr()
    assert out == ""  # pyttsx3's "Audio saved to ..." must not reach stdout


def test_render_is_reproducible_and_reliable_in_a_loop(tmp_path):
    """The espeak driver hangs or repeats itself when reused in a loop; we render each
    utterance in a fresh child, so dozens in a row work and repeats are identical."""
    speaker = Speaker(voice="en-us")
    digests = set()
    for i in range(20):
        path = speaker.render(f"answer number {i % 2}", tmp_path / f"{i}.wav")
        digests.add(digest(path))
    assert len(digests) == 2


def test_a_long_text_is_written_completely(tmp_path):
    """pyttsx3's runAndWait returns before espeak-ng has finished a long text."""
    text = "Please rest and drink plenty of fluids. " * 12
    params, _ = read(Speaker(rate=300).render(text, tmp_path / "long.wav"))
    assert params.nframes / 22050 > 15  # all 12 sentences, not the first few


def test_rate_volume_and_voice_change_the_audio(tmp_path):
    text = "my legs feel numb"
    slow = read(Speaker(rate=100).render(text, tmp_path / "slow.wav"))[0].nframes
    fast = read(Speaker(rate=250).render(text, tmp_path / "fast.wav"))[0].nframes
    assert slow > 1.8 * fast
    loud = np.abs(read(Speaker(volume=1.0).render(text, tmp_path / "loud.wav"))[1]).max()
    quiet = np.abs(read(Speaker(volume=0.3).render(text, tmp_path / "quiet.wav"))[1]).max()
    assert quiet < 0.6 * loud
    us = digest(Speaker(voice="en-us").render(text, tmp_path / "us.wav"))
    gb = digest(Speaker(voice="en-gb").render(text, tmp_path / "gb.wav"))
    f3 = digest(Speaker(voice="en-us+f3").render(text, tmp_path / "f3.wav"))
    assert len({us, gb, f3}) == 3


def test_settings_are_clamped_and_resolved():
    speaker = Speaker()
    assert speaker.rate == 160 and speaker.volume == 1.0
    speaker.rate = 5000
    assert speaker.rate == tts.MAX_RATE
    speaker.rate = 1
    assert speaker.rate == tts.MIN_RATE
    speaker.volume = 7
    assert speaker.volume == 1.0
    speaker.voice = "English (America)"
    assert speaker.voice == "gmw/en-us"
    assert tts.resolve_voice("en-gb") == "gmw/en"
    assert tts.resolve_voice("en-us+f3") == "gmw/en-us+f3"


def test_voices_lists_english_voices():
    ids = [v.id for v in Speaker().voices()]
    assert {"gmw/en", "gmw/en-us"} <= set(ids)
    assert all(v.language.startswith("en") for v in tts.voices())


def test_bad_voice_text_and_path_are_speech_errors(tmp_path):
    with pytest.raises(SpeechError, match="unknown voice 'martian'"):
        Speaker(voice="martian")
    with pytest.raises(SpeechError, match="does not know voice"):
        Speaker(voice="en-us+nosuchvariant").render("hello", tmp_path / "x.wav")
    with pytest.raises(SpeechError, match="empty"):
        Speaker().render("   ", tmp_path / "x.wav")
    with pytest.raises(SpeechError, match="does not exist"):
        Speaker().render("hello", tmp_path / "missing" / "x.wav")


def test_no_audio_output_prints_every_utterance_after_one_notice():
    """Three utterances from two speakers: all printed, one notice on stderr."""
    code = (
        "from voice.tts import Speaker\n"
        "a = Speaker(); b = Speaker()\n"
        "print(a.say('first'), b.say('second'), a.say('  third  '), sep=',')\n"
        "print(Speaker(print_when_silent=False).say('not printed'))\n"
    )
    env = {**os.environ, "AFTERCARE_AUDIO_OUTPUT": "none"}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["first", "second", "third", "False,False,False", "False"]
    assert run.stderr.splitlines() == [
        "aftercare: audio output unavailable (audio output turned off by "
        "$AFTERCARE_AUDIO_OUTPUT); printing speech as text"
    ]


def test_say_command_without_a_sound_device_prints_the_text(aftercare):
    """This machine has no sound device (and CI has none): the text is printed."""
    problem = tts.audio_output_problem()
    done = aftercare("say", "Do", "you", "have", "a", "fever?",
                     env={"AFTERCARE_AUDIO_OUTPUT": ""})
    assert done.returncode == 0
    if problem is None:  # a machine with a speaker: it was spoken, nothing printed
        assert done.stdout == "" and done.stderr == ""
    else:
        assert done.stdout == "Do you have a fever?\n"
        assert done.stderr.splitlines() == [
            f"aftercare: audio output unavailable ({problem}); printing speech as text"
        ]


def test_say_command_renders_a_wav(aftercare, tmp_path):
    out = tmp_path / "prompt.wav"
    done = aftercare("say", "Thank you.", "--out", str(out), "--voice", "en-gb", "--rate", "150")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{out}: ") and "22050 Hz mono" in done.stdout
    assert read(out)[0].framerate == 22050


def counting_renders(monkeypatch) -> list[list[str]]:
    """Every child process started for a render from now on."""
    started: list[list[str]] = []
    run = subprocess.run

    def counted(command, *args, **kwargs):
        started.append(command)
        return run(command, *args, **kwargs)

    monkeypatch.setattr(tts.subprocess, "run", counted)
    return started


def test_prepared_prompts_are_the_rendered_bytes_and_rendered_once(tmp_path, monkeypatch):
    speaker = Speaker(voice="en-us")
    first, second = "Have you had a fever since the procedure?", "Is your headache worse?"
    renders = counting_renders(monkeypatch)
    speaker.prepare([first, second, first], force=True)
    # One waits for (or takes over) its render; neither is rendered twice.
    cached = speaker.prepared(second), speaker.prepared(f"  {first} ")
    assert len(renders) == 2
    direct = speaker.render(first, tmp_path / "direct.wav")
    assert cached[1] == direct.read_bytes() and cached[0].startswith(b"RIFF")

    # say() plays the prepared WAV without rendering again.
    played: list = []
    monkeypatch.setattr(speaker, "_play", lambda wav: played.append(wav) or True)
    monkeypatch.setattr(speaker, "_checked", True)
    monkeypatch.setattr(speaker, "_problem", None)
    renders.clear()
    speaker.prepare([first, second])  # nothing new to render
    assert speaker.say(first) and speaker.say(first) and played == [cached[1]] * 2
    assert renders == []
    speaker.rate = 200  # another rate is another rendering, done on demand
    assert speaker.prepared(first) is None
    assert speaker.say(first) and len(renders) == 1 and played[-1] != cached[1]


def test_prepare_renders_nothing_without_audio_output(monkeypatch):
    """Where say() only prints, rendering prompts ahead would waste the CPU."""
    monkeypatch.setenv(tts.OUTPUT_ENV, "none")
    renders = counting_renders(monkeypatch)
    speaker = Speaker()
    speaker.prepare(["Have you had a fever since the procedure?"])
    assert speaker.prepared("Have you had a fever since the procedure?") is None
    assert renders == []


def test_nothing_spoken_is_written_to_disk(tmp_path):
    """Prompts and the summary (which names symptoms) never touch the temp folder:
    the child hands the WAV back on a pipe and prompts stay in memory."""
    code = (
        "import os\n"
        "from voice.tts import Speaker\n"
        "s = Speaker()\n"
        "s.prepare(['one', 'You told me about a fever.'], force=True)\n"
        "assert s.prepared('You told me about a fever.').startswith(b'RIFF')\n"
        "print(sorted(os.listdir(os.environ['TMPDIR'])))\n"
    )
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, env={**os.environ, "TMPDIR": str(tmp)})
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]" and list(tmp.iterdir()) == []


def test_a_new_rate_drops_the_renders_still_queued(monkeypatch):
    """After "slower", prompts still queued at the old rate would never be played."""
    renders = counting_renders(monkeypatch)
    speaker = Speaker()
    texts = [f"Question number {n}." for n in range(8)]
    speaker.prepare(texts, force=True)
    speaker.rate = 120
    speaker.prepare(texts[:2], force=True)
    assert speaker.prepared(texts[1]) is not None  # at 120
    for text in texts[:2]:
        assert speaker.prepared(text) is not None
    rendered_at = [c[c.index("--rate") + 1] for c in renders]
    # At most the one render under way when the rate changed was at the old rate.
    assert rendered_at.count("160") <= 1 and rendered_at.count("120") == 2
    speaker.rate = 160
    assert all(speaker.prepared(t) is None for t in texts[2:])  # dropped, not waited for


# Runs in a child: espeak-ng keeps its state per process. It keeps espeak-ng's command
# thread busy first (so that it is busy when the render starts, as on a loaded machine) and
# records whether pyttsx3's runAndWait found it busy when it called the driver's stop().
BUSY_RENDER = """
import sys
from pyttsx3.drivers import _espeak, espeak
import pyttsx3
from voice import tts

busy_at_stop = []
stop = espeak.EspeakDriver.stop
espeak.EspeakDriver.stop = lambda self: busy_at_stop.append(_espeak.IsPlaying()) or stop(self)
engine = pyttsx3.init()  # kept: a dropped engine takes its synthesis callback with it
# A long utterance nobody listens to (the driver ignores audio it did not ask for).
# Not through pyttsx3's Synth(): it tells espeak-ng the text is 10 times its length, and
# espeak-ng copies that much (a read past the buffer that crashed this child once).
busy = b"Please rest and drink plenty of fluids. " * 8
_espeak.cSynth(busy, len(busy) + 1, 0, _espeak.POS_CHARACTER, 0, _espeak.CHARS_UTF8, None,
               None)
sys.stdout.buffer.write(tts._synthesise(sys.argv[1], "gmw/en-us", 160, 0.8))
print(busy_at_stop, file=sys.stderr)
"""


def test_settings_are_applied_before_espeak_is_stopped(tmp_path):
    """pyttsx3's runAndWait hands the settings to espeak-ng's command thread and calls
    stop() at once; a busy thread was cancelled and the command it took next dropped,
    so on a loaded machine a prompt came out at 200 words a minute (a flaky 20% short
    render). The child applies the settings and waits for espeak-ng first."""
    text = "Have you had a fever since the procedure?"
    done = subprocess.run([sys.executable, "-c", BUSY_RENDER, text], capture_output=True,
                          cwd=ROOT, timeout=60, check=True)
    assert done.stderr.decode().strip().splitlines()[-1] == "[0]"  # idle: nothing cancelled
    # At the rate asked for: the same length as a render on an idle engine (not the
    # same bytes: the utterance before it leaves espeak-ng's pitch flutter elsewhere).
    (tmp_path / "busy.wav").write_bytes(done.stdout)
    busy = read(tmp_path / "busy.wav")[0].nframes
    idle = read(Speaker(voice="en-us", volume=0.8).render(text, tmp_path / "idle.wav"))
    assert abs(busy - idle[0].nframes) < 0.02 * idle[0].nframes


def test_prepared_files_are_never_reused_for_another_take(tmp_path, monkeypatch):
    """Dropping queued takes must not hand their file names to later ones: a take
    rendered out of turn keeps its own WAV."""
    monkeypatch.setattr(tts, "_render_bytes", lambda take: take.text.encode())
    monkeypatch.setattr(tts._Prompts, "_work", lambda self: None)  # renders only in get()
    prompts = tts._Prompts()
    first = [tts._Take(f"text {n}", None, 160, "1.000") for n in range(8)]
    prompts.add(first)
    last = prompts.get(first[-1])  # asked for before its turn: rendered at once
    prompts.add([tts._Take(f"slower {n}", None, 140, "1.000") for n in range(8)])
    for take in [tts._Take(f"slower {n}", None, 140, "1.000") for n in range(8)]:
        assert prompts.get(take) == take.text.encode()
    assert last == b"text 7"
    prompts.close()
