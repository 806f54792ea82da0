"""Read a CSV file the way spreadsheet programs write it, with spreadsheet row numbers for messages.

Accepts UTF-8 with or without a byte order mark, comma, semicolon or tab separators (taken from the
header line), Excel's `sep=;` first line, and quoted cells holding line breaks.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

EXTRA = "\0extra"  # marks a row with more cells than the header


SERVICES_EXPORT = "'kie services export'"  # where a fresh file comes from, unless the caller names another


def read_rows(
    file: Path, fresh: str = SERVICES_EXPORT
) -> tuple[list[tuple[int, dict[str, str]]], list[str], int, list[str]]:
    """Rows as (spreadsheet row number, {column: cell}), the header and its row, and problems with the file.

    Accepts what spreadsheet programs write: UTF-8 with or without BOM, comma, semicolon or tab separators,
    Excel's 'sep=;' first line, and quoted cells with line breaks.
    """
    shown = file.name
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [], 1, [f"{shown}:row 1: -: the file is not UTF-8; save it again as 'CSV UTF-8'"]
    except OSError as err:
        return [], [], 1, [f"{shown}:row 1: -: cannot be read: {err.strerror}"]
    first = 1
    delimiter = None
    if text.lower().startswith("sep=") and len(text) > 4:
        delimiter, text, first = text[4], text.split("\n", 1)[1] if "\n" in text else "", 2
    header_line = text.split("\n", 1)[0]
    if delimiter is None:
        delimiter = max((",", ";", "\t"), key=header_line.count)
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not records:
        return [], [], first, [f"{shown}:row {first}: -: the file is empty; make one with {fresh}"]
    header = [cell.strip() for cell in records[0]]
    rows = []
    for number, cells in enumerate(records[1:], start=first + 1):
        if not any(cell.strip() for cell in cells):
            continue  # empty lines at the end of a sheet
        cells = [cell.replace("\r\n", "\n").replace("\r", "\n").strip() for cell in cells]
        extra = cells[len(header) :]
        row = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False))
        if any(extra):
            row[EXTRA] = "yes"
        rows.append((number, row))
    return rows, header, first, []


def check_header(header: list[str], expected: list[str], where: str, fresh: str = SERVICES_EXPORT) -> list[str]:
    problems = []
    for name in header:
        if name not in expected:
            problems.append(f"{where}: {name or '(empty)'}: unknown column; the columns are: {', '.join(expected)}")
    for name in sorted({n for n in header if header.count(n) > 1}):
        problems.append(f"{where}: {name}: this column appears twice; keep one")
    missing = [name for name in expected if name not in header]
    if missing:
        problems.append(f"{where}: {', '.join(missing)}: column(s) missing; start from a fresh file made with {fresh}")
    return problems
