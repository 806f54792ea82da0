"""The files of a session report: the report CSV (written, read back, merged) and the paper tally (YAML).

The CSV has one row per check question; the session, date, place and the participants of each round
repeat on every row, so a task force can sort, filter and add reports up in a spreadsheet. Percentages
are written for reading, and computed again from the counts whenever a file is read (never trusted).
Problems are one line each: `file:row N: column: what is wrong`.
"""

from __future__ import annotations

import csv
import io
import re
import textwrap
from pathlib import Path

from .documents import is_valid, load_document
from .problems import Problem
from .project import write_cache_file
from .session_check import LETTERS, Question, questions_of
from .session_tally import ROUNDS, Report, ReportQuestion, RoundCount, lines
from .spreadsheet import EXTRA, check_header, read_rows

COLUMNS = [
    "session",
    "title",
    "date",
    "place",
    "number",
    "question",
    "answer",
    "text",
    "answer_text",
    *(f"{name}_{part}" for name in ROUNDS for part in ("participants", "right", "percent")),
]
SAME_ON_EVERY_ROW = ("session", "title", "date", "place", "before_participants", "after_participants")
FRESH = "'kie session report'"
TALLY_SCHEMA = "tally.schema.json"


def file_stem(date: str, session_id: str, place: str = "") -> str:
    """'2026-11-29-kampus-sman-1-kupang': the name of a session's journal and report files."""
    place_part = re.sub(r"[^a-z0-9]+", "-", place.lower()).strip("-")[:40].strip("-")
    return "-".join(part for part in (date, session_id, place_part) if part)


def report_of(session, questions: tuple[Question, ...], rounds, date: str, place: str, lang: str) -> Report:
    """A report of one session plan, its texts in `lang` (Indonesian where a text has no translation)."""

    def text(value: dict) -> str:
        return value.get(lang) or value["id"]

    report_questions = tuple(
        ReportQuestion(q.id, q.answer, text(q.text), text(q.choices[LETTERS.index(q.answer)]) if q.choices else "")
        for q in questions
    )
    return Report(session.id, date, place, report_questions, rounds, text(session["title"]))


def report_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for line in lines(report):
        cells = [report.session, report.title, report.date, report.place, line.number]
        cells += [line.question.id, line.question.answer, line.question.text, line.question.answer_text]
        for name, (right, pct) in zip(ROUNDS, (line.before, line.after), strict=True):
            cells += [report.rounds[name].participants, right, "" if pct is None else pct]
        writer.writerow(cells)
    return out.getvalue()


def write_report_csv(report: Report, file: Path) -> None:
    """UTF-8 with a byte order mark (spreadsheet programs then show every letter right), written whole."""
    write_cache_file(file, "\ufeff" + report_csv(report))


def _count(cell: str) -> int | None:
    return int(cell) if cell.isdigit() and len(cell) < 10 else None


def read_report_csv(file: Path) -> tuple[Report | None, list[str]]:
    """A report CSV as written by `kie session report` (perhaps sorted or re-saved in a spreadsheet)."""
    rows, header, header_row, problems = read_rows(file, FRESH)
    shown = file.name
    if problems:
        return None, problems
    problems = check_header(header, COLUMNS, f"{shown}:row {header_row}", FRESH)
    if problems:
        return None, problems
    if not rows:
        return None, [f"{shown}:row {header_row + 1}: -: no questions; the report has no rows"]
    first_number, first = rows[0]
    rounds = {name: RoundCount() for name in ROUNDS}
    questions = []
    for number, row in sorted(rows, key=lambda r: _count(r[1]["number"]) or 0):
        where = f"{shown}:row {number}"
        if EXTRA in row:
            problems.append(f"{where}: -: this row has more cells than there are columns; check for a stray separator")
        for column in SAME_ON_EVERY_ROW:
            if row[column] != first[column]:
                problems.append(
                    f"{where}: {column}: '{row[column]}' here but '{first[column]}' in row {first_number}; "
                    "a report has one value for the whole session"
                )
        if row["question"] in {q.id for q in questions}:
            problems.append(f"{where}: question: '{row['question']}' is listed twice")
        questions.append(ReportQuestion(row["question"], row["answer"], row["text"], row["answer_text"]))
        for name in ROUNDS:
            participants, right = _count(row[f"{name}_participants"]), _count(row[f"{name}_right"])
            for column, value in ((f"{name}_participants", participants), (f"{name}_right", right)):
                if value is None:
                    problems.append(f"{where}: {column}: '{row[column]}' is not a count; write a whole number")
            if participants is not None and right is not None:
                if right > participants:
                    problems.append(
                        f"{where}: {name}_right: {right} right answers but {participants} participants; check both"
                    )
                rounds[name].participants = participants
                rounds[name].right[row["question"]] = right
    if problems:
        return None, problems
    report = Report(first["session"], first["date"], first["place"], tuple(questions), rounds, first["title"])
    return report, []


def tally_report(file: Path, project, content, lang: str) -> tuple[Report | None, list[Problem]]:
    """The paper tally a facilitator filled in (YAML, see `tally_template`) as a report."""
    doc, problems = load_document(file, project, TALLY_SCHEMA)
    if doc is None or not is_valid(problems):
        return None, problems
    data = doc.data
    session = content.sessions.get(data["session"])
    if session is None:
        known = ", ".join(sorted(content.sessions))
        message = f"no session plan '{data['session']}' in content/sessions/ (there are: {known})"
        return None, [Problem(doc.path, doc.line("session"), "session", message)]
    questions = questions_of(session)
    known = [q.id for q in questions]
    rounds = {}
    for name in ROUNDS:
        sheets, right = data[name]["sheets"], data[name]["right"]
        for qid in right:
            if qid not in known:
                path = f"{name}.right.{qid}"
                message = f"'{qid}' is not a check question of '{session.id}' (they are: {', '.join(known)})"
                problems.append(Problem(doc.path, doc.line(path), path, message))
            elif right[qid] > sheets:
                path = f"{name}.right.{qid}"
                message = f"{right[qid]} right answers but only {sheets} sheets in this round; check both counts"
                problems.append(Problem(doc.path, doc.line(path), path, message))
        for qid in known:
            if qid not in right:
                path = f"{name}.right"
                problems.append(
                    Problem(doc.path, doc.line(path), path, f"'{qid}' is missing; write 0 if nobody got it")
                )
        rounds[name] = RoundCount(sheets, {qid: right.get(qid, 0) for qid in known})
    if problems:
        return None, sorted(problems)
    return report_of(session, questions, rounds, str(data["date"]), data.get("place", ""), lang), []


def tally_template(
    session_id: str, questions: tuple[Question, ...], date: str, place: str, labels: dict, help_text: str
) -> str:
    """The YAML file a facilitator fills in from the tally form: counts only, a comment names each question.

    `labels` maps an answer ('b', 'true') to how the sheet shows it ('B', 'Benar'); `help_text` opens the file."""
    out = [
        *(f"# {line}" for line in textwrap.wrap(help_text, 100)),
        f"session: {session_id}",
        f'date: "{date}"',
        f"place: {_yaml_text(place)}",
    ]
    for name in ROUNDS:
        out += [f"{name}:", "  sheets: 0", "  right:"]
        for number, q in enumerate(questions, start=1):
            out.append(f"    {q.id}: 0  # {number}. {labels.get(q.answer, q.answer)}")
    return "\n".join(out) + "\n"


def _yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
