"""A review pack for a native speaker: every translated text not yet reviewed, beside its Indonesian.

`kie i18n review-pack jv -o FILE` writes FILE.csv (to fill in a spreadsheet) and FILE.pdf (to read and
mark on paper), one row per text with an id such as `modus/jeratan-utang#warning_signs[2]`. The reviewer
writes `ok` or `corrected` in the verdict column, and the corrected text in the correction column.
`kie i18n review-import FILE.csv --reviewer NAME` checks every row first and writes nothing if one is
wrong; then it writes each correction into its content file and records as reviewed (by NAME) every
item whose texts all have a verdict. A village teacher reviews on paper or in a spreadsheet, not in YAML.
"""

from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass
from pathlib import Path

from ..model import yamlfile
from ..model.translations import MISSING, PAGE_FIELD, STALE, UI_ITEM, UNMARKED, Item, Translations, localized_fields
from .pdf import html_to_pdf

COLUMNS = ["id", "indonesian", "{lang}", "verdict", "correction"]  # the translation's column is its language code


def columns(lang: str) -> list[str]:
    return [name.format(lang=lang) for name in COLUMNS]


VERDICTS = ("ok", "corrected")


@dataclass(frozen=True)
class Row:
    id: str  # item key '#' field path
    indonesian: str
    translation: str


def _split(row_id: str) -> tuple[str, str]:
    key, _, path = row_id.partition("#")
    return key, path


def current_texts(project, item: Item, lang: str) -> dict[str, tuple[str, str]]:
    """field path → (Indonesian text, `lang` text) of one item, as the files hold them now."""
    default = project.default_code
    if item.key.startswith("docs/"):
        source = project.root / item.file
        translated = project.root / item.translation_file(lang)
        text = translated.read_text(encoding="utf-8") if translated.is_file() else ""
        return {PAGE_FIELD: (source.read_text(encoding="utf-8"), text)}
    if item.key == UI_ITEM:
        base, _ = yamlfile.load(project.content_dir / "ui" / f"{default}.yml", item.file)
        own, _ = yamlfile.load(project.content_dir / "ui" / f"{lang}.yml", item.translation_file(lang))
        ours = own.data if own and isinstance(own.data, dict) else {}
        return {str(k): (v, ours.get(k, "")) for k, v in base.data.items() if isinstance(v, str)}
    doc, _ = yamlfile.load(project.root / item.file, item.file)
    fields = localized_fields(doc.data, list(project.codes), default)
    return {path: (langs[default], langs.get(lang, "")) for path, langs in fields}


def pack_rows(project, translations: Translations, lang: str) -> list[Row]:
    """Every translated, recorded text of every item a native speaker has not reviewed yet, in site order."""
    rows = []
    for status in translations.statuses(lang):
        if status.reviewed or status.state == MISSING:
            continue
        texts = current_texts(project, status.item, lang)
        for path, found in status.fields.items():
            if found not in (MISSING, STALE, UNMARKED) and path in texts:
                rows.append(Row(f"{status.item.key}#{path}", *texts[path]))
    return rows


def pack_csv(rows: list[Row], lang: str) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(columns(lang))
    for row in rows:
        writer.writerow([row.id, row.indonesian, row.translation, "", ""])
    return out.getvalue()


def write_csv(rows: list[Row], lang: str, file: Path) -> None:
    """UTF-8 with a BOM, so spreadsheet programs show Javanese letters right."""
    file.write_bytes(pack_csv(rows, lang).encode("utf-8-sig"))


PACK_CSS = """
@page { size: A4 landscape; margin: 12mm; @bottom-right { content: counter(page) " / " counter(pages); } }
body { font-family: sans-serif; font-size: 9.5pt; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.4pt solid #555; padding: 1.5mm; vertical-align: top; white-space: pre-wrap; }
td:first-child { font-size: 8pt; width: 16%; word-break: break-all; }
td.mark { width: 18%; }
tr { break-inside: avoid; }
:lang(jv) { hyphens: manual; }
"""


def pack_html(rows: list[Row], lang: str, name: str) -> str:
    cells = []
    for number, row in enumerate(rows, start=2):  # the CSV row number: row 1 is the header
        cells.append(
            f"<tr><td>{number}. {html.escape(row.id)}</td><td lang='id'>{html.escape(row.indonesian)}</td>"
            f"<td lang='{lang}'>{html.escape(row.translation)}</td>"
            "<td class='mark'>&#9744; ok<br>&#9744; corrected:</td></tr>"
        )
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><style>{PACK_CSS}</style></head><body>"
        f"<h1>Review: {html.escape(name)} ({lang})</h1>"
        f"<p>{len(rows)} texts awaiting native review. Tick <b>ok</b>, or write the correction. The numbers are the "
        "rows of the CSV file of this pack.</p>"
        "<table><thead><tr><th>id</th><th>Bahasa Indonesia</th>"
        f"<th>{html.escape(name)}</th><th>verdict</th></tr></thead><tbody>{''.join(cells)}</tbody></table>"
        "</body></html>"
    )


def write_pack(project, translations: Translations, lang: str, out: Path) -> tuple[Path, Path, int]:
    """Write out.csv and out.pdf; returns both paths and the number of rows."""
    rows = pack_rows(project, translations, lang)
    base = out.with_suffix("") if out.suffix.lower() in (".csv", ".pdf") else out
    csv_file, pdf_file = base.with_name(base.name + ".csv"), base.with_name(base.name + ".pdf")
    csv_file.parent.mkdir(parents=True, exist_ok=True)
    write_csv(rows, lang, csv_file)
    pdf, _ = html_to_pdf(pack_html(rows, lang, translations.names.get(lang, lang)), str(base.parent), base.parent)
    pdf_file.write_bytes(pdf)
    return csv_file, pdf_file, len(rows)
