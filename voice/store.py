"""Check-in history in SQLite, written answer by answer.

Each answer is committed as soon as it is heard, so a killed process keeps what the
patient already said. The database lives in the user's data directory (XDG) and is
created owner-only: it holds health data.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

from voice.errors import AftercareError

HOME_VAR = "AFTERCARE_HOME"

SCHEMA = """
CREATE TABLE IF NOT EXISTS checkins (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,          -- in_progress | finished | stopped | abandoned
    disposition TEXT,
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


@dataclass(frozen=True)
class StoredAnswer:
    question: str
    value: Any
    transcript: str
    confidence: float


@dataclass(frozen=True)
class CheckinRecord:
    id: int
    started_at: str
    finished_at: str | None
    status: str
    disposition: str | None
    answers: tuple[StoredAnswer, ...]
    result: dict[str, Any] | None = None  # the result JSON, once finished (FHIR export)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "status": self.status,
            "disposition": self.disposition,
            "answers": [
                {"question": a.question, "value": a.value, "transcript": a.transcript,
                 "confidence": a.confidence}
                for a in self.answers
            ],
        }


def default_path() -> Path:
    home = os.environ.get(HOME_VAR)
    base = Path(home) if home else Path(user_data_dir("aftercare"))
    return base / "history.sqlite3"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class History:
    """The history database; one connection, autocommit per statement."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.chmod(self.path.parent, 0o700)
            # Create the file owner-only before SQLite opens it, whatever the umask.
            fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600)
            os.close(fd)
            os.chmod(self.path, 0o600)
            self._db = sqlite3.connect(self.path, isolation_level=None)
            self._db.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as err:
            raise AftercareError(f"cannot open history database {self.path}: {err}") from err

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as err:
            raise AftercareError(f"history database {self.path}: {err}") from err

    def start(self) -> int:
        with self._errors():
            cursor = self._db.execute(
                "INSERT INTO checkins (started_at, status) VALUES (?, 'in_progress')", (_now(),)
            )
        return int(cursor.lastrowid)

    def record_answer(
        self, checkin_id: int, question: str, value: Any, transcript: str, confidence: float
    ) -> None:
        with self._errors():
            (seq,) = self._db.execute(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM answers WHERE checkin_id = ?",
                (checkin_id,),
            ).fetchone()
            self._db.execute(
                "INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?)",
                (checkin_id, seq, question, json.dumps(value), transcript, confidence, _now()),
            )

    def finish(self, checkin_id: int, status: str, result: dict[str, Any]) -> None:
        with self._errors():
            self._db.execute(
                "UPDATE checkins SET finished_at = ?, status = ?, disposition = ?, result = ? "
                "WHERE id = ?",
                (_now(), status, result.get("disposition"), json.dumps(result), checkin_id),
            )

    def take_unfinished(self) -> CheckinRecord | None:
        """The newest check-in a killed process left open, now marked abandoned."""
        with self._errors():
            row = self._db.execute(
                "SELECT id FROM checkins WHERE status = 'in_progress' ORDER BY id DESC LIMIT 1"
            ).fetchone()
            if row is None:
                return None
            self._db.execute(
                "UPDATE checkins SET status = 'abandoned' WHERE status = 'in_progress'"
            )
        return self.get(row[0])

    def previous_answers(self) -> dict[str, Any]:
        """Answers of the newest check-in that has any (finished or not)."""
        with self._errors():
            row = self._db.execute(
                "SELECT checkin_id FROM answers ORDER BY checkin_id DESC LIMIT 1"
            ).fetchone()
        if row is None:
            return {}
        record = self.get(row[0])
        return {a.question: a.value for a in record.answers} if record else {}

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
        return CheckinRecord(
            *row[:5],
            answers=tuple(StoredAnswer(q, json.loads(v), t, c) for q, v, t, c in answers),
            result=json.loads(row[5]) if row[5] else None,
        )

    def all(self) -> list[CheckinRecord]:
        with self._errors():
            ids = [r[0] for r in self._db.execute("SELECT id FROM checkins ORDER BY id")]
        return [record for i in ids if (record := self.get(i)) is not None]
