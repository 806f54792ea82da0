"""`kie session report | tally | sheet`: a session's report, from phones or from paper (see handbook/sesi.md).

    kie session report [JOURNAL ...] [-o DIR] [--lang id]     the report (CSV + PDF) of `kie serve --session`
    kie session report --merge A.csv B.csv ... [-o DIR]       several reports of the same questions, added up
    kie session sheet SESSION [--lang id] [-o DIR]           the check sheet and tally form to print, and the
                                                             tally file (YAML) to fill in
    kie session tally FILE.yml [-o DIR] [--lang id]           the counted paper sheets as the same report

Reports land in laporan/ (not in git) unless -o says otherwise. A mistake in a file gives one line per
problem (file, row or line, field) and writes nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..model import clock
from ..model.content import require_valid
from ..model.project import ProjectError, load_project
from ..model.session_check import answer_set, questions_of
from ..model.session_files import file_stem, read_report_csv, report_of, tally_report
from ..model.session_tally import answer_set_problems, merge
from ..print.session_sheets import write_report, write_sheets
from ..serve.journal import JournalCopy, JournalError
from ..serve.room import Room
from ..serve.session import JOURNALS, REPORTS


def add_commands(sub) -> None:
    session = sub.add_parser("session", help="a session's check questions: report, paper sheet, tally")
    cmds = session.add_subparsers(dest="session_command", required=True, metavar="{report,sheet,tally}")
    report = cmds.add_parser("report", help="the report (CSV + one-page PDF) of a session served with kie serve")
    report.add_argument("files", nargs="*", help="journals (default: the newest in laporan/jurnal/); CSVs with --merge")
    report.add_argument("--merge", action="store_true", help="add up report CSVs of the same questions into one")
    report.add_argument("--name", help="file name of the merged report, without .csv (default: gabungan-DATES)")
    _common(report)
    report.set_defaults(run=cmd_report)
    sheet = cmds.add_parser("sheet", help="print the check sheet and the tally form of a session plan (no laptop)")
    sheet.add_argument("session", help="session plan id, e.g. sekolah-smp-sma")
    sheet.add_argument("--place", default="", help="where the session is held (written into the tally file)")
    _common(sheet)
    sheet.set_defaults(run=cmd_sheet)
    tally = cmds.add_parser("tally", help="turn the counted paper sheets (the tally file) into the session report")
    tally.add_argument("file", help="the tally file written by kie session sheet, filled in")
    _common(tally)
    tally.set_defaults(run=cmd_tally)


def _common(parser) -> None:
    parser.add_argument("-o", "--output", help="folder for the files (default: laporan/)")
    parser.add_argument("--lang", default=None, help="language of the report or sheet (default: the site's, id)")


def _setup(args):
    project = load_project(args.root)
    content, _ = require_valid(project)
    lang = args.lang or content.default_language
    if lang not in content.languages:
        raise ProjectError(f"--lang: '{lang}' is not a language of this site ({', '.join(content.languages)})")
    folder = Path(args.output).resolve() if args.output else project.root / REPORTS
    return project, content, lang, folder


def _written(project, files) -> int:
    for file in files:
        print(f"Wrote {project.rel(file)}")
    return 0


def _refuse(problems: list[str]) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problem(s) found; nothing was written.", file=sys.stderr)
    return 1


def cmd_report(args) -> int:
    project, content, lang, folder = _setup(args)
    if args.merge:
        return _merge(project, content, lang, folder, [Path(f) for f in args.files], args.name)
    journals = [Path(f) for f in args.files] or _newest_journal(project.root / REPORTS / JOURNALS)
    written = []
    for path in journals:
        try:
            journal = JournalCopy(path)
        except JournalError as err:
            raise ProjectError(str(err)) from None
        header = journal.header
        session = content.sessions.get(header.get("session"))
        if session is None:
            raise ProjectError(f"{path.name}: no session plan '{header.get('session')}' in content/sessions/")
        questions = questions_of(session)
        if [list(pair) for pair in answer_set(questions)] != header.get("questions"):
            raise ProjectError(
                f"{path.name}: the check questions of content/sessions/{session.id}.yml changed since this session; "
                "the journal's answers no longer fit them"
            )
        room = Room(questions, journal)
        report = report_of(session, questions, room.counts_copy(), header["date"], header.get("place", ""), lang)
        written += write_report(report, content, lang, folder, path.stem)
    return _written(project, written)


def _newest_journal(folder: Path) -> list[Path]:
    found = sorted(folder.glob("*.jsonl"), key=lambda p: p.stat().st_mtime) if folder.is_dir() else []
    if not found:
        raise ProjectError(f"no journal in {folder}/: name one, e.g. kie session report laporan/jurnal/FILE.jsonl")
    return found[-1:]


def _merge(project, content, lang: str, folder: Path, files: list[Path], name: str | None) -> int:
    if len(files) < 2:
        raise ProjectError("--merge needs two or more report CSV files")
    reports, problems = [], []
    for file in files:
        report, found = read_report_csv(file)
        problems += found
        if report is not None:
            reports.append((file, report))
    if problems:
        return _refuse(problems)
    first_file, first = reports[0]
    for file, report in reports[1:]:
        problems += answer_set_problems(file.name, report, first_file.name, first)
    if problems:
        return _refuse(problems)
    merged = merge([report for _, report in reports])
    stem = name or file_stem(f"gabungan-{merged.date.replace('/', '-')}", merged.session.split("; ")[0])
    return _written(project, write_report(merged, content, lang, folder, stem))


def cmd_sheet(args) -> int:
    project, content, lang, folder = _setup(args)
    session = content.sessions.get(args.session)
    if session is None:
        known = ", ".join(sorted(content.sessions))
        raise ProjectError(f"no session plan '{args.session}' in content/sessions/ (there are: {known})")
    return _written(project, write_sheets(session, content, lang, folder, clock.today().isoformat(), args.place))


def cmd_tally(args) -> int:
    project, content, lang, folder = _setup(args)
    file = Path(args.file).resolve()
    if not file.is_file():
        raise ProjectError(f"{args.file}: no such file; make one with kie session sheet SESSION")
    report, problems = tally_report(file, project, content, lang)
    if report is None:
        return _refuse([str(p) for p in problems])
    stem = file_stem(report.date, report.session, report.place)
    return _written(project, write_report(report, content, lang, folder, stem))
