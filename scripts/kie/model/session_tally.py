"""Counting a room's answers, and the numbers of a session report. Plain functions: no server, no files.

A report holds counts only: per round how many answer sets came in (phones, or paper sheets), and per
question how many of them had the right answer. Nothing in it can tell who answered. A question left
blank on a paper sheet counts as not right: the percentage is always `right / participants of the round`,
so the phone rounds (where every question must be answered) and the paper rounds mean the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .session_check import Question

ROUNDS = ("before", "after")


@dataclass
class RoundCount:
    participants: int = 0
    right: dict[str, int] = field(default_factory=dict)  # question id → answer sets with the right answer


@dataclass(frozen=True)
class ReportQuestion:
    id: str
    answer: str  # 'a'-'d', 'true' or 'false'
    text: str  # in the report's language
    answer_text: str = ""  # the right choice's text; empty for a true/false statement


@dataclass
class Report:
    session: str  # session plan id(s)
    date: str  # YYYY-MM-DD, or 'first/last' for merged reports
    place: str
    questions: tuple[ReportQuestion, ...]
    rounds: dict[str, RoundCount]
    title: str = ""  # the session plan's title, in the report's language


@dataclass(frozen=True)
class Line:
    """One question as a report shows it."""

    number: int
    question: ReportQuestion
    before: tuple[int, int | None]  # (right, percent); percent None when nobody answered that round
    after: tuple[int, int | None]


def percent(right: int, participants: int) -> int | None:
    """Whole percent, halves rounded up (a hand calculation gives the same); None for an empty round."""
    if participants <= 0:
        return None
    return (200 * right + participants) // (2 * participants)


def answer_problem(questions: tuple[Question, ...], fields: dict[str, str]) -> str | None:
    """Why an answer set from a phone cannot be counted, or None: every question once, with one of its options."""
    known = {q.id: q for q in questions}
    for name, value in fields.items():
        if name not in known:
            return f"unknown question '{name[:40]}'"
        if value not in known[name].options:
            return f"'{value[:20]}' is not a choice of question '{name}'"
    missing = [q.id for q in questions if q.id not in fields]
    return f"no answer to: {', '.join(missing)}" if missing else None


def add_answer_set(count: RoundCount, questions: tuple[Question, ...], answers: dict[str, str]) -> None:
    count.participants += 1
    for q in questions:
        if answers.get(q.id) == q.answer:
            count.right[q.id] = count.right.get(q.id, 0) + 1


def empty_rounds() -> dict[str, RoundCount]:
    return {name: RoundCount() for name in ROUNDS}


def lines(report: Report) -> list[Line]:
    out = []
    for number, q in enumerate(report.questions, start=1):
        numbers = []
        for name in ROUNDS:
            count = report.rounds[name]
            right = count.right.get(q.id, 0)
            numbers.append((right, percent(right, count.participants)))
        out.append(Line(number, q, numbers[0], numbers[1]))
    return out


def overall(report: Report, round_name: str) -> int | None:
    """The round's right answers over every answer it could have had: the mean of the questions' percentages."""
    count = report.rounds[round_name]
    right = sum(count.right.get(q.id, 0) for q in report.questions)
    return percent(right, count.participants * len(report.questions))


def answer_set_problems(name: str, report: Report, first_name: str, first: Report) -> list[str]:
    """One line per difference between the questions of `report` and of `first`: such reports cannot be added."""
    mine = {q.id: q for q in report.questions}
    theirs = {q.id: q for q in first.questions}
    found = [f"{name}: question '{qid}' is not in {first_name}" for qid in mine if qid not in theirs]
    found += [f"{name}: question '{qid}' of {first_name} is missing" for qid in theirs if qid not in mine]
    for qid in mine.keys() & theirs.keys():
        if mine[qid].answer != theirs[qid].answer:
            found.append(
                f"{name}: question '{qid}': the right answer is '{mine[qid].answer}' here "
                f"but '{theirs[qid].answer}' in {first_name}"
            )
    if not found and [q.id for q in report.questions] != [q.id for q in first.questions]:
        found.append(f"{name}: the questions are in another order than in {first_name}")
    return sorted(found)


def _joined(values: list[str]) -> str:
    return "; ".join(dict.fromkeys(v for v in values if v))


def merge(reports: list[Report]) -> Report:
    """Several reports of the same questions as one: counts added, percentages computed again from them."""
    rounds = empty_rounds()
    for report in reports:
        for name in ROUNDS:
            rounds[name].participants += report.rounds[name].participants
            for qid, right in report.rounds[name].right.items():
                rounds[name].right[qid] = rounds[name].right.get(qid, 0) + right
    days = sorted(day for r in reports for day in r.date.split("/") if day)
    dates = days[0] if days and days[0] == days[-1] else f"{days[0]}/{days[-1]}" if days else ""
    return Report(
        _joined([r.session for r in reports]),
        dates,
        _joined([r.place for r in reports]),
        reports[0].questions,
        rounds,
        _joined([r.title for r in reports]),
    )
