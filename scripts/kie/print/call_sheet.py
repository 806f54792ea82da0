"""The call sheet as an A4 PDF: the same rows as its CSV (model/call_sheet.py), numbered alike, with the questions
to ask and boxes for the answers, for a volunteer who calls with the paper in hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..model.call_sheet import FIXED
from ..model.calls import RESULTS, last_call
from ..model.content import Content
from ..model.due import Due
from ..model.regions import ABROAD, NATIONAL, provinces_covered
from .pdf import html_to_pdf

WORDS = {value: word.replace("-", " ") for word, value in RESULTS.items()}  # confirmed → 'dikonfirmasi'


_env = Environment(loader=PackageLoader("kie", "templates"), autoescape=True, undefined=StrictUndefined)


def sheet_html(
    due: list[Due], rows: list[dict[str, str]], content: Content, area: str, csv_name: str, today: date
) -> str:
    """The sheet's HTML: each service due once, its numbers with their CSV row numbers."""
    by_id = {item.id: item for item in due}
    services: dict[str, dict] = {}
    for number, row in enumerate(rows, start=2):  # row 1 of the CSV is its header
        service_id, name, _, kind, shown = (row[c] for c in FIXED)
        item = by_id[service_id]
        s = services.setdefault(service_id, _service(item, name, content))
        failed = next((n["failed"]["date"] for key in ("phones", "whatsapp") for n in item.entry.get(key) or []
                       if n["number"] == shown and n.get("failed")), "")  # fmt: skip
        s["numbers"].append({"row": number, "kind": kind, "number": shown, "failed": failed})
    count = sum(len(s["numbers"]) for s in services.values())
    return _env.get_template("call_sheet.html.j2").render(
        area=area, services=list(services.values()), count=count, today=today.isoformat(), csv_name=csv_name,
        made=f"kie services call-sheet · {today.isoformat()}",
    )  # fmt: skip


def _service(item: Due, name: str, content: Content) -> dict:
    evidence = f"bukti terbaru {item.evidence[1]}" if item.evidence else "tanpa bukti bertanggal"
    return {"id": item.id, "name": name, "where": _where(item, content), "evidence": evidence,
            "last": _last(item.entry.data), "numbers": []}  # fmt: skip


def _where(item: Due, content: Content) -> str:
    coverage = item.entry["coverage"]
    if NATIONAL in coverage:
        return "nasional"
    if ABROAD in coverage:
        return "luar negeri (" + ", ".join(item.entry.get("countries") or []) + ")"
    return ", ".join(content.regions.name(code) for code in provinces_covered(coverage, content.regions))


def _last(data: dict) -> str:
    """What was last done to check it, for the volunteer."""
    call = last_call(data)
    if call:
        return f"ditelepon {call['date']}: {WORDS[call['result']]} ({call['by']})"
    if data.get("verified_on"):
        return f"dikonfirmasi {data['verified_on']}"
    return f"sumber dibaca {data['source_read_on']}" if data.get("source_read_on") else "belum ada catatan"


def write_sheet_pdf(html: str, target: Path) -> None:
    pdf, _ = html_to_pdf(html, str(target.parent), target.parent)
    target.write_bytes(pdf)
