"""The call sheet a volunteer fills in (CSV, with a matching PDF: print/call_sheet.py), and reading it back:
`kie services call-sheet` writes it, `kie services record` checks every row and, only if all are right, writes
each call into its service (model/calls.py, without losing the file's comments: model/service_edit.py).

One row per number to call. The first five columns come from the directory and must not change; the volunteer
fills the others. The column names and the answers are in Indonesian, for the person holding the phone.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from . import calls, checks, phone, schema
from .content import Content, Entry
from .due import Due
from .evidence import parse_date
from .regions import ABROAD, NATIONAL, provinces_covered
from .service_edit import EditError, edit_service
from .spreadsheet import EXTRA, check_header, read_rows
from .yamlfile import YamlDoc

FIXED = ("id_layanan", "nama_layanan", "provinsi", "jenis", "nomor")  # from the directory: not to be edited
ANSWERS = (
    "tanggal", "peran_penelepon", "hasil", "hari_dan_jam", "nomor_whatsapp", "nomor_lain",
    "seluruh_provinsi", "terima_laporan_tppo", "catatan",
)  # fmt: skip
COLUMNS = (*FIXED, *ANSWERS)
KINDS = {"telepon": "phones", "whatsapp": "whatsapp"}
YES_NO = {"ya": True, "tidak": False}
NATIONAL_WORD, ABROAD_WORD = "nasional", "luar negeri"  # the 'provinsi' cell of a national or abroad service


def area_of(entry: Entry, content: Content, province: str | None) -> str:
    """The 'provinsi' cell: the sheet's province, or where the service is listed."""
    if province:
        return province
    if NATIONAL in entry["coverage"]:
        return NATIONAL_WORD
    if ABROAD in entry["coverage"]:
        return ABROAD_WORD
    return (provinces_covered(entry["coverage"], content.regions) or [""])[0]


def sheet_rows(due: list[Due], content: Content, province: str | None) -> list[dict[str, str]]:
    """The rows of a sheet: every number (failed ones too: a number may answer again) of every service due."""
    rows = []
    for item in due:
        entry = item.entry
        name = entry["name"][content.default_language]
        for kind, key in KINDS.items():
            for number in entry.get(key) or []:
                row = dict.fromkeys(COLUMNS, "")
                fixed = (entry.id, name, area_of(entry, content, province), kind, number["number"])
                row.update(zip(FIXED, fixed, strict=True))
                rows.append(row)
    return rows


def write_csv(rows: list[dict[str, str]], file: Path | None) -> str:
    """UTF-8 with BOM (Excel opens it right), comma-separated; returns the text when `file` is None (stdout)."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    if file is None:
        return buffer.getvalue()
    file.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    return ""


def read_calls(file: Path, content: Content, today: date) -> tuple[list[tuple[str, dict]], list[str]]:
    """The calls of a filled sheet as (service id, call) in row order, and one line per problem."""
    rows, header, header_row, problems = read_rows(file)
    if problems:
        return [], problems
    shown = file.name
    problems = check_header(header, list(COLUMNS), f"{shown}:row {header_row}")
    if problems:
        return [], problems
    found, seen = [], {}
    for number, row in rows:
        where_ = f"{shown}:row {number}"
        if row.pop(EXTRA, None):
            problems.append(f"{where_}: -: this row has more cells than there are columns; check for a stray separator")
        entry, why = _fixed_problem(row, content)
        if why:
            problems.append(f"{where_}: {why}")
            continue
        key = (entry.id, row["jenis"], phone.tel_uri(row["nomor"]))
        if key in seen:
            problems.append(f"{where_}: nomor: this number is also in row {seen[key]}; keep one row per number")
            continue
        seen[key] = number
        call, found_problems = _call_of(row, today)
        problems += [f"{where_}: {column}: {reason}" for column, reason in found_problems]
        if call is not None and not found_problems:
            found.append((entry.id, call))
    return found, problems


def _fixed_problem(row: dict[str, str], content: Content) -> tuple[Entry | None, str]:
    """The service of a row, or why the row's first five columns do not match the directory."""
    entry = content.services.get(row["id_layanan"])
    if entry is None:
        return None, f"id_layanan: there is no service '{row['id_layanan']}'; do not edit the first five columns"
    key = KINDS.get(row["jenis"])
    if key is None:
        return None, f"jenis: '{row['jenis']}' must be 'telepon' or 'whatsapp' as the sheet wrote it"
    numbers = [n["number"] for n in entry.get(key) or []]
    if not row["nomor"] or not any(calls.same_number(n, row["nomor"]) for n in numbers):
        return None, (
            f"nomor: '{row['nomor']}' is not a {row['jenis']} number of {entry.id}; do not edit the first five "
            "columns (a spreadsheet may have dropped the leading 0: open the CSV with every column as text)"
        )
    area = row["provinsi"]
    listed = provinces_covered(entry["coverage"], content.regions)
    word = NATIONAL_WORD if NATIONAL in entry["coverage"] else ABROAD_WORD if ABROAD in entry["coverage"] else None
    if area != word and area not in listed:
        return None, f"provinsi: {entry.id} is not listed under '{area}'; this row was edited for another province"
    return entry, ""


def _call_of(row: dict[str, str], today: date) -> tuple[dict | None, list[tuple[str, str]]]:
    """The call a row records, or None for a row nobody called yet; with (column, reason) for each mistake."""
    answered = [c for c in ANSWERS if row.get(c)]
    if not row.get("hasil"):
        return None, [("hasil", "write the result of the call, or leave the whole row empty")] if answered else []
    problems = []
    result = calls.RESULTS.get(row["hasil"].lower())
    if result is None:
        problems.append(("hasil", f"'{row['hasil']}' is not a result; write one of: {', '.join(calls.RESULTS)}"))
    when = parse_date(row.get("tanggal", ""))
    if not row.get("tanggal") or when is None or len(row["tanggal"]) != 10:
        day = row.get("tanggal", "")
        problems.append(("tanggal", f"'{day}' is not a day; write the day of the call as 2026-12-05"))
    elif when > today:
        problems.append(("tanggal", f"'{row['tanggal']}' is in the future; write the day the call was made"))
    role = row.get("peran_penelepon", "")
    why = calls.role_problem(role) if role else f"empty; {calls.ROLE_HINT}"
    if why:
        problems.append(("peran_penelepon", why))
    for column in ("nomor_whatsapp", "nomor_lain"):
        bad = phone.problem(row[column]) if row.get(column) else None
        if bad:
            problems.append((column, f"'{row[column]}' is not a phone number: {bad}"))
    for column in ("seluruh_provinsi", "terima_laporan_tppo"):
        if row.get(column) and row[column].lower() not in YES_NO:
            problems.append((column, f"'{row[column]}': write 'ya' or 'tidak', or leave it empty"))
    if problems:
        return None, problems
    call = {"date": row["tanggal"], "by": role, "number": row["nomor"], "result": result}
    if row["jenis"] == "whatsapp":
        call["channel"] = "whatsapp"
    for column, key in (("hari_dan_jam", "hours"), ("nomor_whatsapp", "whatsapp"), ("nomor_lain", "new_number")):
        if row.get(column):
            call[key] = row[column]
    for column, key in (("seluruh_provinsi", "whole_province"), ("terima_laporan_tppo", "trafficking")):
        if row.get(column):
            call[key] = YES_NO[row[column].lower()]
    if row.get("catatan"):
        call["note"] = row["catatan"]
    return call, []


def plan_record(project, content: Content, file: Path, today: date) -> tuple[dict[Path, str], list[str], list[str]]:
    """Every service file a filled sheet changes, with its new text; messages; problems (then nothing is written)."""
    found, problems = read_calls(file, content, today)
    if problems:
        return {}, [], problems
    changed: dict[str, dict] = {}
    for service_id, call in sorted(found, key=lambda item: item[1]["date"]):  # calls apply in the order made
        changed[service_id] = calls.apply_call(changed.get(service_id, content.services[service_id].data), call)
    writes: dict[Path, str] = {}
    for service_id, data in changed.items():
        entry = content.services[service_id]
        path = project.root / entry.file
        doc = YamlDoc(entry.file, data, {})
        wrong = schema.validate(doc, "service.schema.json", project.content_dir / "schema", content.languages)
        wrong += [p for p in checks.check_service(doc, today) if not p.warning]
        if wrong:
            problems += [f"{file.name}: {service_id}: {p.field}: {p.message}" for p in wrong]
            continue
        try:
            writes[path] = edit_service(path.read_text(encoding="utf-8"), entry.data, data)
        except EditError as err:
            problems.append(f"{entry.file}: -: {err}")
    confirmed = sum(1 for _, call in found if call["result"] == "confirmed")
    messages = [f"{file.name}: {len(found)} call(s) recorded in {len(writes)} service(s), {confirmed} confirmed"]
    return writes, messages, problems
