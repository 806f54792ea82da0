"""Setting up the check questions for `kie serve --session`: journal, room, pages and desk, and the report.

Files (none inside the served site, none in git: `laporan/` is in .gitignore):
    <reports>/jurnal/<date>-<session>[-<place>].jsonl   the journal, continued by a restart the same day
    <reports>/<date>-<session>[-<place>].csv / .pdf      the report, written when the facilitator saves it
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model import clock
from ..model.content import Content
from ..model.problems import BuildError
from ..model.session_check import questions_of
from ..model.session_files import file_stem, report_of
from ..print.session_sheets import write_report
from .classroom import Classroom
from .desk import Desk
from .journal import Journal, JournalError
from .room import DEFAULT_LIMITS, Limits, Room, journal_questions
from .session_pages import Pages

REPORTS = "laporan"  # default folder of reports and journals, under the project
JOURNALS = "jurnal"


@dataclass(frozen=True)
class Setup:
    reports: Path  # where reports are written
    journal: Path
    place: str
    date: str


def plan_files(root: Path, session_id: str, reports: str | None, journal: str | None, place: str) -> Setup:
    """Where this session's journal and reports go (nothing is created yet)."""
    date = clock.today().isoformat()
    folder = Path(reports).resolve() if reports else root / REPORTS
    stem = file_stem(date, session_id, place)
    path = Path(journal).resolve() if journal else folder / JOURNALS / f"{stem}.jsonl"
    return Setup(folder, path, place, date)


def open_desk(
    content: Content, classroom: Classroom, folder: Path, names: dict, setup: Setup, limits: Limits = DEFAULT_LIMITS
):
    """(desk, room). Raises JournalError with one line when the journal cannot be continued."""
    session = classroom.session
    questions = questions_of(session)
    header_questions = journal_questions(questions)
    journal = Journal.open(setup.journal, session.id, header_questions, setup.date, setup.place)
    room = Room(questions, journal, limits)
    pages = Pages(content, classroom, folder, names)
    date, place = journal.header.get("date", setup.date), journal.header.get("place", setup.place)
    stem = setup.journal.stem

    def save_report(lang: str) -> str:
        """Write the report as it stands; what the results screen says about it (one line, never a traceback)."""
        ui = pages.ui_for(lang)
        report = report_of(session, questions, room.counts_copy(), date, place, lang)
        try:
            files = write_report(report, content, lang, setup.reports, stem)
        except (OSError, BuildError) as err:
            return f"{ui('sesi_save_report')}: {err}"
        return ui("sesi_report_saved").replace("{files}", ", ".join(_shown(f) for f in files))

    desk = Desk(pages, room, save_report, content.default_language, list(content.languages))
    return desk, room


def _shown(file: Path) -> str:
    try:
        return file.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return file.as_posix()


__all__ = ["JournalError", "Setup", "open_desk", "plan_files"]
