"""The session's paper, one A4 page each: the report (with its CSV), the check sheet and the tally form.

The report is what a facilitator hands a task force or funder: counts and percentages only. The check
sheet is the same questions as the phones, for a room with no laptop; the tally form is where the
facilitator counts the sheets by hand, before copying the numbers into the tally file (YAML) that
`kie session tally` turns into the same report. Printed like the handouts: WeasyPrint, print.css, no
network.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..model.content import Content
from ..model.project import write_cache_file
from ..model.session_check import Question, questions_of
from ..model.session_files import tally_template, write_report_csv
from ..model.session_tally import ROUNDS, Report, lines, overall
from ..views.check_labels import answer_label, option_labels
from ..views.text import Language
from .pdf import html_to_pdf
from .printpage import localized

_env = Environment(
    loader=PackageLoader("kie", "templates"), autoescape=True, undefined=StrictUndefined, trim_blocks=True
)
ROUND_KEYS = {"before": "sesi_round_before", "after": "sesi_round_after"}


@dataclass(frozen=True)
class SheetQuestion:
    text: Markup
    options: tuple[tuple[str, str], ...]
    answer_label: str
    true_false: bool


def _css() -> Markup:
    source = _env.loader.get_source
    return Markup(source(_env, "print.css")[0] + "\n" + source(_env, "session_print.css")[0])


def _language(content: Content, lang: str) -> Language:
    return Language(lang if lang in content.ui else content.default_language, content.default_language, content.ui)


def _common(content: Content, lang: str) -> dict:
    L = _language(content, lang)
    ui = content.ui
    return {
        "lang": lang,
        "css": _css(),
        "ui": lambda key, **fill: L.ui_text(key, **fill)[0],
        "site_name": ui.get(lang, {}).get("site_name") or ui[content.default_language]["site_name"],
        "round_names": [L.ui_text(ROUND_KEYS[name])[0] for name in ROUNDS],
    }


def change(before: int | None, after: int | None) -> str:
    """'+12', '−3', '0', or '—' when a round has no answers."""
    if before is None or after is None:
        return "—"
    diff = after - before
    return f"+{diff}" if diff > 0 else (f"−{-diff}" if diff < 0 else "0")


def report_html(report: Report, content: Content, lang: str) -> str:
    values = _common(content, lang)
    L = _language(content, lang)
    rounds = [
        {"name": name, "participants": report.rounds[key].participants, "overall": overall(report, key)}
        for name, key in zip(values["round_names"], ROUNDS, strict=True)
    ]
    return _env.get_template("session_report.html.j2").render(
        **values,
        report=report,
        rounds=rounds,
        lines=lines(report),
        answer=lambda value: answer_label(value, L),
        change=change,
    )


def _sheet_questions(questions: tuple[Question, ...], L: Language) -> list[SheetQuestion]:
    return [
        SheetQuestion(localized(L, q.text), option_labels(q, L), answer_label(q.answer, L), q.true_false)
        for q in questions
    ]


def sheet_html(session, content: Content, lang: str, template: str = "session_sheet.html.j2") -> str:
    """The check sheet (or, with template 'session_tally.html.j2', the tally form) of a session plan."""
    L = _language(content, lang)
    return _env.get_template(template).render(
        **_common(content, lang),
        title=localized(L, session["title"]),
        questions=_sheet_questions(questions_of(session), L),
    )


def to_pdf(html: str, folder: Path) -> bytes:
    pdf, _ = html_to_pdf(html, str(folder), folder)  # nothing outside the folder may be fetched (nothing is)
    return pdf


def write_report(report: Report, content: Content, lang: str, folder: Path, stem: str) -> tuple[Path, Path]:
    """`folder/stem.csv` and `folder/stem.pdf`, each written whole or not at all."""
    folder.mkdir(parents=True, exist_ok=True)
    csv_file, pdf_file = folder / f"{stem}.csv", folder / f"{stem}.pdf"
    pdf = to_pdf(report_html(report, content, lang), folder)  # before any file: a failure leaves nothing half done
    write_report_csv(report, csv_file)
    write_cache_file(pdf_file, pdf)
    return csv_file, pdf_file


def write_sheets(session, content: Content, lang: str, folder: Path, date: str, place: str) -> list[Path]:
    """The check sheet and the tally form (PDF), and the tally file to fill in (YAML), for one session plan."""
    folder.mkdir(parents=True, exist_ok=True)
    L = _language(content, lang)
    questions = questions_of(session)
    files = {
        folder / f"lembar-cek-{session.id}-{lang}.pdf": to_pdf(sheet_html(session, content, lang), folder),
        folder / f"form-rekap-{session.id}-{lang}.pdf": to_pdf(
            sheet_html(session, content, lang, "session_tally.html.j2"), folder
        ),
    }
    labels = {q.answer: answer_label(q.answer, L) for q in questions}
    tally = folder / f"rekap-{session.id}-{date}.yml"
    for file, data in files.items():
        write_cache_file(file, data)
    if not tally.exists():  # never overwrite numbers a facilitator has typed
        help_text = L.ui_text("tally_file_help")[0]
        write_cache_file(tally, tally_template(session.id, questions, date, place, labels, help_text))
    return [*files, tally]
