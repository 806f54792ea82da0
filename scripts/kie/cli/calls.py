"""`kie services due`, `kie services call-sheet` and `kie services record`: keeping the directory true by phone."""

from __future__ import annotations

import sys
from pathlib import Path

from ..model import clock
from ..model.call_sheet import plan_record, sheet_rows, write_csv
from ..model.content import require_valid
from ..model.due import ORDER, due_services, last_done, stale_on, where
from ..model.project import ProjectError, load_project
from ..print.call_sheet import sheet_html, write_sheet_pdf
from .output import is_stdout, write_stdout

WHY = {
    "failed": "a number failed on a call",
    "undated": "nothing dated backs it",
    "stale": "evidence over 12 months old",
    "rated": "rated {confidence}: one secondary or unconfirmed source",
    "soon": "evidence will be over 12 months old by {day}",
}


def add_actions(actions) -> None:
    due = actions.add_parser("due", help="list the services due a check, most urgent first")
    due.add_argument("--within", type=int, default=0, metavar="DAYS", help="also those stale within DAYS days")
    due.add_argument("--province", metavar="CODE", help="only the services listed under this province, e.g. 53")
    due.set_defaults(run=_cmd_due)
    sheet = actions.add_parser("call-sheet", help="write a call sheet (PDF and CSV) for a volunteer with a phone")
    sheet.add_argument("--province", metavar="CODE", help="only the services listed under this province, e.g. 53")
    sheet.add_argument("--within", type=int, default=0, metavar="DAYS", help="also those stale within DAYS days")
    sheet.add_argument("-o", "--output", required=True, metavar="FILE",
                       help="FILE.pdf and FILE.csv are written ('-': the CSV to standard output)")  # fmt: skip
    sheet.set_defaults(run=_cmd_sheet)
    record = actions.add_parser("record", help="record the calls of a filled call-sheet CSV into content/services/")
    record.add_argument("file", type=Path)
    record.add_argument("--dry-run", action="store_true", help="check and report, but write nothing")
    record.set_defaults(run=_cmd_record)


def _due(args):
    project = load_project(args.root)
    content, _ = require_valid(project)
    if args.province and args.province not in content.regions.provinces:
        codes = ", ".join(content.regions.provinces)
        raise ProjectError(f"--province: unknown province code '{args.province}'; use one of {codes}")
    if args.within < 0:
        raise ProjectError("--within: give a number of days, 0 or more")
    today = clock.today()
    return project, content, today, due_services(content, today, args.within, args.province)


def _cmd_due(args) -> int:
    _, content, today, due = _due(args)
    print(f"{len(due)} service(s) due a check on {today.isoformat()}, most urgent first:")
    for n, item in enumerate(due, 1):
        data = item.entry.data
        numbers = [p["number"] for p in data.get("phones") or []]
        numbers += [f"WA {w['number']}" for w in data.get("whatsapp") or []]
        why = WHY[item.why].format(confidence=data.get("confidence", ""), day=stale_on(data))
        evidence = f"{item.evidence[0]} {item.evidence[1]}" if item.evidence else "no date"
        print(f"{n:3}. {item.id} ({where(item.entry, content)}): {why}; {evidence}; last: {last_done(data)}")
        print(f"     {' · '.join(numbers) or 'no number'}")
    counts = {why: sum(1 for d in due if d.why == why) for why in ORDER}
    print("By reason: " + ", ".join(f"{why} {n}" for why, n in counts.items() if n))
    return 0


def _cmd_sheet(args) -> int:
    _, content, today, due = _due(args)
    without = [item.id for item in due if not (item.entry.get("phones") or item.entry.get("whatsapp"))]
    due = [item for item in due if item.id not in without]
    rows = sheet_rows(due, content, args.province)
    if is_stdout(args.output):  # the CSV alone, for a pipe; a PDF needs a file name
        write_stdout(write_csv(rows, None))
        print(f"{len(rows)} number(s) of {len(due)} service(s); give -o FILE for the PDF too", file=sys.stderr)
        return 0
    base = Path(args.output)
    base = base.with_suffix("") if base.suffix in (".pdf", ".csv") else base
    base.parent.mkdir(parents=True, exist_ok=True)
    csv_file, pdf_file = base.with_name(base.name + ".csv"), base.with_name(base.name + ".pdf")
    area = content.regions.provinces[args.province].name if args.province else "semua layanan"
    write_csv(rows, csv_file)
    write_sheet_pdf(sheet_html(due, rows, content, area, csv_file.name, today), pdf_file)
    print(f"{len(rows)} number(s) of {len(due)} service(s): {pdf_file} and {csv_file}")
    if without:
        print(f"Due, but with no number to call (find a source first): {', '.join(without)}")
    print(f"After the calls: kie services record {csv_file}")
    return 0


def _cmd_record(args) -> int:
    project = load_project(args.root)
    content, _ = require_valid(project)
    writes, messages, problems = plan_record(project, content, args.file, clock.today())
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"{len(problems)} problem(s) found; nothing was written.", file=sys.stderr)
        return 1
    if not args.dry_run:
        for target, text in writes.items():
            temp = target.with_name(f".{target.name}.new")
            temp.write_text(text, encoding="utf-8")
            temp.replace(target)  # a reader never sees half a file
    print("\n".join(messages + (["(dry run: nothing was written)"] if args.dry_run else [])))
    return 0
