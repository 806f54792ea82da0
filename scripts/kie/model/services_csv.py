"""The service directory as a spreadsheet (the `kie services export/import` commands: cli/services.py).

One row per service. How fields map to columns (for keepers: handbook/spreadsheet.md):
- one column per field: id, kind, email, website, address, source, source_url, source_name, source_date,
  source_read_on, verified_on, verified_how, confidence;
- translatable text, one column per site language: name_id, name_en, …, description_*, hours_*;
- lists joined with " | ": coverage, countries, offers, languages, phones, whatsapp;
- phone labels per language, in the same order as the numbers: phone_labels_id ("Bebas pulsa | "), …
An empty cell means the field is absent. Export → import changes no file: a row equal to its file is skipped,
and a changed row rewrites only its own file. Import checks every row first (the same checks as `kie check`)
and writes nothing if any row is wrong.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from datetime import date
from pathlib import Path

from . import checks, clock, regions, schema
from .service_yaml import dump_service
from .spreadsheet import EXTRA, check_header, read_rows
from .yamlfile import YamlDoc

SEP = " | "
SCALARS = (
    "id", "kind", "email", "website", "address", "source", "source_url", "source_name",
    "source_date", "source_read_on", "verified_on", "verified_how", "confidence",
)  # fmt: skip
LISTS = ("coverage", "countries", "offers", "languages")
TEXTS = ("name", "description", "hours")
NUMBERS = {"phones": "phone_labels", "whatsapp": "whatsapp_labels"}
# Kept by `kie services record`, not by the spreadsheet: the call history and what calls said of each number.
# An import keeps them from the service's file (a number still in the row keeps its status).
CALL_RECORD = ("calls",)
NUMBER_RECORD = ("confidence", "added_on", "failed")


class CsvError(Exception):
    """Problems that stop an import or export, each 'FILE.csv:row N: column: reason'."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("\n".join(lines))


def columns(languages: list[str]) -> list[str]:
    per = lambda base: [f"{base}_{lang}" for lang in languages]  # noqa: E731
    return [
        "id", *per("name"), "kind", "coverage", "countries", "offers", *per("description"),
        "phones", *per("phone_labels"), "whatsapp", *per("whatsapp_labels"),
        "email", "website", "address", *per("hours"), "languages", "source", "source_url", "source_name",
        "source_date", "source_read_on", "verified_on", "verified_how", "confidence",
    ]  # fmt: skip


def to_row(data: dict, languages: list[str]) -> dict[str, str]:
    """One service → one spreadsheet row. Raises ValueError for what a cell cannot hold."""
    row = dict.fromkeys(columns(languages), "")
    for key, value in data.items():
        if key in SCALARS:
            row[key] = value
        elif key in LISTS:
            row[key] = _join(value, key)
        elif key in TEXTS:
            for lang, text in value.items():
                row[f"{key}_{lang}"] = text
        elif key in CALL_RECORD:
            continue  # the call history stays in the file (kept on import)
        elif key in NUMBERS:
            row[key] = _join([item["number"] for item in value], key)
            for lang in languages:
                labels = [item.get("label", {}).get(lang, "") for item in value]
                row[f"{NUMBERS[key]}_{lang}"] = _join(labels, key) if any(labels) else ""
        else:
            raise ValueError(f"the field '{key}' has no column yet; add it to kie/services_csv.py")
    return row


def _join(items: list[str], key: str) -> str:
    for item in items:
        if "|" in item or item != item.strip():
            raise ValueError(f"{key}: '{item}' contains '|' or spaces at its ends, which a cell list cannot hold")
    return SEP.join(items).strip()


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|")] if cell.strip() else []


def from_row(row: dict[str, str], languages: list[str], order: list[str]) -> tuple[dict, list[tuple[str, str]]]:
    """One row → service data in schema order, plus (column, reason) for what cannot be read."""
    data: dict = {}
    problems: list[tuple[str, str]] = []
    for key in order:
        if key in SCALARS and row.get(key):
            data[key] = row[key]
        elif key in LISTS and _split(row.get(key, "")):
            data[key] = _split(row[key])
        elif key in TEXTS:
            texts = {lang: row[f"{key}_{lang}"] for lang in languages if row.get(f"{key}_{lang}")}
            if texts:
                data[key] = texts
        elif key in NUMBERS:
            numbers = _split(row.get(key, ""))
            items: list[dict] = [{"number": n} for n in numbers]
            for lang in languages:
                column = f"{NUMBERS[key]}_{lang}"
                labels = _split(row.get(column, ""))
                if labels and len(labels) != len(numbers):
                    problems.append((column, f"{len(labels)} label(s) for {len(numbers)} number(s); keep them in step"))
                    continue
                for item, label in zip(items, labels, strict=False):
                    if label:
                        item.setdefault("label", {})[lang] = label
            if not items:
                continue
            data[key] = items
    return data, problems


def with_call_record(data: dict, existing: dict) -> dict:
    """The row's data with what `kie services record` wrote in the file: the call history, and each number's
    status from calls (failed, given on a call) for the numbers the row still has."""
    data = dict(data)
    for key in NUMBERS:
        before = {item["number"]: item for item in existing.get(key) or []}
        for item in data.get(key) or []:
            item.update({k: before[item["number"]][k] for k in NUMBER_RECORD if k in before.get(item["number"], {})})
    for key in CALL_RECORD:
        if key in existing:
            data[key] = existing[key]
    return data


def column_of(field: str, default_lang: str) -> str:
    """A problem's field path (phones[1].label.en) → the spreadsheet column it came from (phone_labels_en)."""
    parts = re.split(r"[.\[\]]+", field.strip("]"))
    top = parts[0]
    if top in TEXTS:
        return f"{top}_{parts[1] if len(parts) > 1 else default_lang}"
    if top in NUMBERS and "label" in parts:
        lang = parts[-1] if parts[-1] != "label" else default_lang
        return f"{NUMBERS[top]}_{lang}"
    return top


def plan_import(project, content, file: Path, today: date) -> tuple[dict[Path, str], list[str], list[str]]:
    """Check every row; return {file: new YAML text} for rows that differ, messages, and the problems."""
    languages = content.languages
    order = list(_service_schema(project)["properties"])
    rows, header, header_row, problems = read_rows(file)
    if problems:
        return {}, [], problems
    shown = file.name
    problems = check_header(header, columns(languages), f"{shown}:row {header_row}")
    if problems:
        return {}, [], problems
    schema_dir = project.content_dir / "schema"
    writes: dict[Path, str] = {}
    seen: dict[str, int] = {}
    counts = {"changed": 0, "added": 0, "unchanged": 0}
    for number, row in rows:
        where = f"{shown}:row {number}"
        if row.pop(EXTRA, None):
            problems.append(f"{where}: -: this row has more cells than there are columns; check for a stray separator")
        data, found = from_row(row, languages, order)
        problems += [f"{where}: {column}: {reason}" for column, reason in found]
        doc = YamlDoc(where, data, {})
        found = schema.validate(doc, "service.schema.json", schema_dir, languages)
        found += checks.check_service(doc, today) + regions.coverage_problems([doc], content.regions)
        for p in sorted(found):
            if not p.warning:
                problems.append(f"{where}: {column_of(p.field, content.default_language)}: {_reword(p.message)}")
        entry_id = data.get("id")
        if not isinstance(entry_id, str):
            continue
        if entry_id in seen:
            problems.append(f"{where}: id: '{entry_id}' is also used in row {seen[entry_id]}; ids must be unique")
            continue
        seen[entry_id] = number
        existing = content.services.get(entry_id)
        if existing is not None:
            data = with_call_record(data, existing.data)
        if existing is not None and existing.data == data:
            counts["unchanged"] += 1
            continue
        target = project.root / existing.file if existing else project.content_dir / "services" / f"{entry_id}.yml"
        if existing is None and target.exists():
            problems.append(f"{where}: id: {project.rel(target)} already exists and holds another service")
            continue
        counts["changed" if existing else "added"] += 1
        writes[target] = dump_service(data, order)
    left = sorted(set(content.services) - set(seen))
    messages = [f"{shown}: {counts['changed']} changed, {counts['added']} added, {counts['unchanged']} unchanged"]
    if left:
        messages.append(
            f"{len(left)} service(s) in content/ are not in the file and were left as they are: {', '.join(left)}"
        )
    return writes, messages, problems


def _reword(message: str) -> str:
    """Schema messages speak of YAML fields; in a spreadsheet the field is a cell."""
    if message.startswith("required field is missing") or message.startswith("the Indonesian text (id:) is required"):
        return "this cell is empty but required; fill it in"
    return message


def _service_schema(project) -> dict:
    return json.loads((project.content_dir / "schema" / "service.schema.json").read_text(encoding="utf-8"))


def services_csv(content, delimiter: str = ",") -> tuple[str, int]:
    """The directory as CSV text (no byte order mark) and its number of rows. Raises CsvError."""
    rows = []
    problems = []
    for entry in sorted(content.services.values(), key=lambda e: e.id):
        try:
            rows.append(to_row(entry.data, content.languages))
        except ValueError as err:
            problems.append(f"{entry.file}: {err}")
    if problems:
        raise CsvError(problems)
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns(content.languages), delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue(), len(rows)


def export_services(project, content, file: Path, delimiter: str = ",") -> int:
    text, count = services_csv(content, delimiter)
    file.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))  # the BOM tells Excel it is UTF-8
    return count


def import_services(project, content, file: Path, today: date | None = None, dry_run: bool = False) -> list[str]:
    """Check the whole file, then write the changed services. Raises CsvError (and writes nothing) on problems."""
    writes, messages, problems = plan_import(project, content, file, today or clock.today())
    if problems:
        raise CsvError(problems)
    if not dry_run:
        for target, text in writes.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            temp = target.with_name(f".{target.name}.new")
            temp.write_text(text, encoding="utf-8")
            os.replace(temp, target)  # a reader never sees half a file
    return messages
