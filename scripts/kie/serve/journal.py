"""The session journal: every answer set and every round opened or closed, one JSON line each, on disk at once.

A laptop that sleeps, a server killed mid-round, a power cut: the next `kie serve` with the same session
reads the journal back and goes on where it stopped, with every answer kept. Each line is written with
one `write` and flushed to the disk (`fsync`) before the phone is told its answers were saved.

Line 1 names the session, its questions with their right answers, the day and the place, and a random
secret from which this session's phone tokens and the facilitator's key are derived (so both survive a
restart). Then one line per event:

    {"open": "before"}            {"close": "before"}
    {"round": "before", "token": "…", "answers": {"question-id": "b", …}}

No name, address, time or device detail is ever written: a token is random and means nothing outside
this file. The journal lives outside the served site and outside git (default: laporan/jurnal/).
"""

from __future__ import annotations

import json
import os
import secrets
import threading
from pathlib import Path

FORMAT = 1


class JournalError(Exception):
    """A journal that cannot be used: one line for the facilitator."""


def read_journal(path: Path) -> tuple[dict, list[dict], int]:
    """(header, events, lines skipped). A line cut short by a crash, or damaged, is skipped and counted."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise JournalError(f"{path}: cannot be read: {err.strerror}") from None
    header, events, skipped = None, [], 0
    for line in raw.split(b"\n"):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            skipped += 1
            continue
        if not isinstance(record, dict):
            skipped += 1
        elif header is None:
            header = record
        else:
            events.append(record)
    if not header or header.get("kie_journal") != FORMAT or not isinstance(header.get("secret"), str):
        raise JournalError(f"{path}: not a session journal of kie serve (its first line is not a journal header)")
    return header, events, skipped


class JournalCopy:
    """A journal read for a report (`kie session report`): its header and events, no file kept open."""

    def __init__(self, path: Path):
        self.path = path
        self.header, self.events, self.skipped = read_journal(path)

    def append(self, event: dict) -> None:
        raise JournalError(f"{self.path}: a journal read for a report is never written to")


class Journal:
    """Append-only, one line per event, on the disk before anyone is told it is saved. Thread-safe.

    `write` puts a line in the file (one write, flushed to the operating system) and returns its number;
    `sync(number)` returns once that line is on the disk. Phones answering at the same moment share one
    fsync ("group commit"): a room of 60 phones waits for a few fsyncs, not for 60 in a row, and still no
    phone hears "saved" before its own line is on the disk."""

    def __init__(self, path: Path, header: dict, events: list[dict], skipped: int = 0):
        self.path = path
        self.header = header
        self.events = events  # as read when the server started: the room replays them
        self.skipped = skipped
        self._lock = threading.Lock()  # one writer at a time: lines never mix
        self._sync_lock = threading.Lock()  # one fsync at a time: the others wait for it, then check
        self._written = 0  # lines written (flushed to the OS)
        self._synced = 0  # lines on the disk
        self._file = open(path, "ab")  # noqa: SIM115 - open for the server's life, closed by close()

    @classmethod
    def open(cls, path: Path, session: str, questions: list[list[str]], date: str, place: str) -> Journal:
        """Continue the journal at `path` (the same session and questions), or start it."""
        if path.exists():
            header, events, skipped = read_journal(path)
            if header.get("session") != session or header.get("questions") != questions:
                raise JournalError(
                    f"{path} was written for other check questions (session '{header.get('session')}'); "
                    "start a new one with --place or --journal"
                )
            journal = cls(path, header, events, skipped)
            if not path.read_bytes().endswith(b"\n"):
                journal.sync(journal._write(b"\n"))  # a line cut short stays apart from the next one
            return journal
        path.parent.mkdir(parents=True, exist_ok=True)
        header = {
            "kie_journal": FORMAT,
            "session": session,
            "questions": questions,
            "date": date,
            "place": place,
            "secret": secrets.token_hex(16),
        }
        journal = cls(path, header, [])
        journal.sync(journal._write(json.dumps(header, ensure_ascii=False).encode() + b"\n"))
        _sync_folder(path.parent)  # the new file's name is on the disk too
        return journal

    def write(self, event: dict) -> int:
        """Put one event in the file; its number, for `sync`."""
        return self._write(json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode() + b"\n")

    def append(self, event: dict) -> None:
        """Write one event and wait until the disk has it."""
        self.sync(self.write(event))

    def _write(self, data: bytes) -> int:
        with self._lock:
            self._file.write(data)
            self._file.flush()
            self._written += 1
            return self._written

    def sync(self, number: int) -> None:
        """Return once line `number` is on the disk (an fsync that started after it was written covers it)."""
        with self._sync_lock:
            if self._synced >= number:
                return  # another thread's fsync already covered this line
            with self._lock:
                upto = self._written
            os.fsync(self._file.fileno())
            self._synced = upto

    def close(self) -> None:
        with self._lock:
            self._file.close()


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open a folder; its file system keeps the name with the file
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
