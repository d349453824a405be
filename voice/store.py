"""Check-in history in SQLite, written answer by answer.

Each answer is committed as soon as it is heard, so a killed process keeps what the
patient already said. The database lives in the user's data directory (XDG) or
``$AFTERCARE_HOME`` and is owner-only: it holds health data (answers, their
transcripts, the result; never audio).

Opening it is careful because the folder may be one the user shares or points
somewhere odd (docs/reliability.md):
- nothing is followed through a symbolic link at the database itself (``O_NOFOLLOW``),
  and only a regular file we own is used;
- only what this module creates is given permissions; a folder others can write to
  (a shared 1777 folder such as /tmp) is never changed: the history goes into a
  private ``aftercare-<uid>`` folder inside it, which must be ours, 0700 and real;
- a value that cannot be read back (a damaged row) is shown as damaged, never a crash;
- each running check-in names its process in its row, so another check-in started at
  the same time does not take it for one a killed process left open.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

from voice.errors import AftercareError

HOME_VAR = "AFTERCARE_HOME"
FILE_NAME = "history.sqlite3"
BUSY_TIMEOUT = 15.0  # seconds another check-in may hold the write lock

SCHEMA = """
CREATE TABLE IF NOT EXISTS checkins (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,          -- in_progress | finished | stopped | abandoned
    disposition TEXT,              -- "emergency" as soon as one is raised
    result TEXT                    -- the result JSON, once finished
);
CREATE TABLE IF NOT EXISTS answers (
    checkin_id INTEGER NOT NULL REFERENCES checkins(id),
    seq INTEGER NOT NULL,
    question TEXT NOT NULL,
    value TEXT,                    -- JSON
    transcript TEXT NOT NULL,
    confidence REAL NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (checkin_id, seq)
);
"""
# Added to databases made before it: which process is running an in_progress check-in.
OWNER_COLUMN = "ALTER TABLE checkins ADD COLUMN owner TEXT"


class StorageError(AftercareError):
    """The history cannot be opened, read or written."""


@dataclass(frozen=True)
class StoredAnswer:
    question: str
    value: Any
    transcript: str
    confidence: float
    damaged: bool = False  # a stored field could not be read back


@dataclass(frozen=True)
class CheckinRecord:
    id: int
    started_at: str
    finished_at: str | None
    status: str
    disposition: str | None
    answers: tuple[StoredAnswer, ...]
    damaged: bool = False
    result: dict[str, Any] | None = None  # the result JSON, once finished (FHIR export)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "status": self.status,
            "disposition": self.disposition,
            "answers": [
                {"question": a.question, "value": a.value, "transcript": a.transcript,
                 "confidence": a.confidence, **({"damaged": True} if a.damaged else {})}
                for a in self.answers
            ],
        }
        if self.damaged:
            out["damaged"] = True
        return out


# -- where -------------------------------------------------------------------------


def configured_folder() -> Path:
    home = os.environ.get(HOME_VAR)
    return Path(home) if home else Path(user_data_dir("aftercare"))


def default_path() -> Path:
    """Where the database is (or would be), without creating anything."""
    return history_folder(create=False) / FILE_NAME


def _shared(info: os.stat_result) -> bool:
    """A folder others may write to, or someone else's: never ours to change."""
    return info.st_uid != os.getuid() or bool(info.st_mode & (stat.S_IWGRP | stat.S_IWOTH))


def history_folder(create: bool = True) -> Path:
    """The folder the database lives in: the configured one, or a private
    ``aftercare-<uid>`` folder inside it when the configured one is shared."""
    folder = configured_folder()
    try:
        info = folder.stat()
    except FileNotFoundError:
        if create:
            _make_private(folder)
        return folder
    except OSError as err:
        raise StorageError(f"history folder {folder}: {err.strerror or err}") from None
    if not stat.S_ISDIR(info.st_mode):
        raise StorageError(f"history folder {folder} is not a folder")
    if not _shared(info):
        return folder
    private = folder / f"aftercare-{os.getuid()}"
    if create:
        try:
            private.mkdir(mode=0o700)
        except FileExistsError:
            pass
        except OSError as err:
            raise StorageError(f"cannot create {private}: {err.strerror or err}") from None
    try:
        mine = os.lstat(private)
    except FileNotFoundError:
        return private
    except OSError as err:
        raise StorageError(f"history folder {private}: {err.strerror or err}") from None
    if not stat.S_ISDIR(mine.st_mode) or mine.st_uid != os.getuid() or \
            mine.st_mode & 0o077:
        raise StorageError(
            f"{folder} is shared and {private} is not a private folder of ours "
            f"(a link, someone else's, or open to others); set ${HOME_VAR} elsewhere")
    return private


def _make_private(folder: Path) -> None:
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=0o700)
        os.chmod(folder, 0o700)  # we made it: whatever the umask, owner-only
    except FileExistsError:
        pass
    except OSError as err:
        raise StorageError(f"cannot create history folder {folder}: "
                           f"{err.strerror or err}") from None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# -- who is running a check-in ------------------------------------------------------------


def _process_start(pid: int) -> str | None:
    """The kernel's start time of ``pid`` (so a reused pid is not taken for it)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text.rsplit(")", 1)[-1].split()[19]


def current_owner() -> str:
    return f"{os.getpid()}:{_process_start(os.getpid()) or ''}"


def owner_alive(owner: str | None) -> bool:
    if not owner or not isinstance(owner, str):
        return False
    pid_text, _, started = owner.partition(":")
    try:
        pid = int(pid_text)
    except ValueError:
        return False
    if not Path("/proc").is_dir():  # no procfs: the pid alone
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    now = _process_start(pid)
    return now is not None and (not started or now == started)


# -- reading stored values back, whatever they are -------------------------------------------


def _text(value: Any) -> tuple[str, bool]:
    if isinstance(value, str):
        return value, False
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace"), True
    return ("" if value is None else str(value)), value is not None


def _real(value: Any) -> tuple[float, bool]:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value), False
    return 0.0, True


def _json(value: Any) -> tuple[Any, bool]:
    if value is None:
        return None, False
    try:
        return json.loads(value), False
    except (TypeError, ValueError, RecursionError):
        return None, True


# -- the database ---------------------------------------------------------------------


class History:
    """The history database; one connection, autocommit per statement.

    ``readonly`` opens an existing database without creating or changing anything
    (``aftercare history``); ``path`` is for tests and tools (its folder is used as is).
    """

    def __init__(self, path: Path | None = None, readonly: bool = False) -> None:
        self.readonly = readonly
        try:
            self.path = path or history_folder(create=not readonly) / FILE_NAME
            self._db = self._open()
            if not readonly:
                self._db.executescript(SCHEMA)
                columns = {row[1] for row in self._db.execute("PRAGMA table_info(checkins)")}
                if "owner" not in columns:
                    self._db.execute(OWNER_COLUMN)
        except StorageError:
            raise
        except (OSError, sqlite3.Error) as err:
            reason = err.strerror if isinstance(err, OSError) and err.strerror else err
            raise StorageError(f"cannot open history database {self.path}: {reason}") from None

    def _open(self) -> sqlite3.Connection:
        flags = os.O_NOFOLLOW | os.O_CLOEXEC | (os.O_RDONLY if self.readonly
                                                else os.O_RDWR | os.O_CREAT)
        try:
            fd = os.open(self.path, flags, 0o600)
        except OSError as err:
            if err.errno == 40:  # ELOOP: the name is a symbolic link
                raise StorageError(f"history database {self.path} is a symbolic link; "
                                   "refusing to follow it") from None
            raise
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise StorageError(f"history database {self.path} is not a regular file")
            if info.st_uid != os.getuid():
                raise StorageError(f"history database {self.path} belongs to another user")
            if info.st_mode & 0o077 and not self.readonly:
                os.fchmod(fd, 0o600)  # ours and a regular file: owner-only
        finally:
            os.close(fd)
        if self.readonly:
            uri = f"file:{self.path.resolve().as_posix()}?mode=ro"
            db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT)
        else:
            db = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT)
            # Deleted rows are overwritten, not left in free pages (history --delete).
            db.execute("PRAGMA secure_delete = ON")
        return db

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as err:
            raise StorageError(f"history database {self.path}: {err}") from None

    def start(self) -> int:
        with self._errors():
            cursor = self._db.execute(
                "INSERT INTO checkins (started_at, status, owner) VALUES (?, 'in_progress', ?)",
                (_now(), current_owner()),
            )
        return int(cursor.lastrowid)

    def record_answer(
        self, checkin_id: int, question: str, value: Any, transcript: str, confidence: float
    ) -> None:
        with self._errors():
            self._db.execute(
                "INSERT INTO answers SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ? "
                "FROM answers WHERE checkin_id = ?",
                (checkin_id, question, json.dumps(value), transcript, confidence, _now(),
                 checkin_id),
            )

    def mark_emergency(self, checkin_id: int) -> None:
        """The outcome is known before the check-in ends: written before it is said."""
        with self._errors():
            self._db.execute("UPDATE checkins SET disposition = 'emergency' WHERE id = ?",
                             (checkin_id,))

    def finish(self, checkin_id: int, status: str, result: dict[str, Any]) -> None:
        with self._errors():
            self._db.execute(
                "UPDATE checkins SET finished_at = ?, status = ?, disposition = ?, result = ?, "
                "owner = NULL WHERE id = ?",
                (_now(), status, result.get("disposition"), json.dumps(result), checkin_id),
            )

    def take_unfinished(self) -> CheckinRecord | None:
        """The newest check-in a killed process left open, now marked abandoned. One
        whose process is still running (a check-in at the same time) is left alone."""
        with self._errors():
            rows = self._db.execute(
                "SELECT id, owner FROM checkins WHERE status = 'in_progress' ORDER BY id"
            ).fetchall()
            dead = [i for i, owner in rows if not owner_alive(owner)]
            if not dead:
                return None
            self._db.executemany(
                "UPDATE checkins SET status = 'abandoned', owner = NULL "
                "WHERE id = ? AND status = 'in_progress'", [(i,) for i in dead])
        return self.get(dead[-1])

    def previous_answers(self) -> dict[str, Any]:
        """Answers of the newest check-in that has any (finished or not); values that
        cannot be read back are left out."""
        with self._errors():
            row = self._db.execute(
                "SELECT checkin_id FROM answers ORDER BY checkin_id DESC LIMIT 1"
            ).fetchone()
        if row is None:
            return {}
        record = self.get(row[0])
        return {a.question: a.value for a in record.answers if not a.damaged} if record else {}

    def get(self, checkin_id: int) -> CheckinRecord | None:
        with self._errors():
            row = self._db.execute(
                "SELECT id, started_at, finished_at, status, disposition, result "
                "FROM checkins WHERE id = ?", (checkin_id,)
            ).fetchone()
            if row is None:
                return None
            answers = self._db.execute(
                "SELECT question, value, transcript, confidence FROM answers "
                "WHERE checkin_id = ? ORDER BY seq", (checkin_id,)
            ).fetchall()
        return _record(row, answers)

    def all(self) -> list[CheckinRecord]:
        with self._errors():
            ids = [r[0] for r in self._db.execute("SELECT id FROM checkins ORDER BY id")]
        return [record for i in ids if (record := self.get(i)) is not None]

    def delete(self, checkin_id: int | None) -> int:
        """Erase one check-in (or all, for None) with its answers; how many went."""
        with self._errors():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                where, args = ("", ()) if checkin_id is None else (" WHERE id = ?",
                                                                    (checkin_id,))
                answers_where = "" if checkin_id is None else " WHERE checkin_id = ?"
                self._db.execute("DELETE FROM answers" + answers_where, args)
                gone = self._db.execute("DELETE FROM checkins" + where, args).rowcount
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            if checkin_id is None:
                self._db.execute("VACUUM")  # nothing of it left in the file
        return gone


def _record(row: tuple, answers: list[tuple]) -> CheckinRecord:
    """A record from raw rows, whatever a damaged database holds in them."""
    started, bad1 = _text(row[1])
    finished = None if row[2] is None else _text(row[2])[0]
    status, bad2 = _text(row[3])
    disposition = None if row[4] is None else _text(row[4])[0]
    stored = []
    for question, value, transcript, confidence in answers:
        q, b1 = _text(question)
        v, b2 = _json(value)
        t, b3 = _text(transcript)
        c, b4 = _real(confidence)
        stored.append(StoredAnswer(q, v, t, c, damaged=b1 or b2 or b3 or b4))
    result, bad3 = (None, False) if row[5] is None else _json(row[5])
    if not isinstance(result, dict):
        result, bad3 = None, bad3 or result is not None
    return CheckinRecord(int(row[0]), started, finished, status, disposition, tuple(stored),
                         damaged=bad1 or bad2 or bad3, result=result)
