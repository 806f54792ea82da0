"""`kie i18n review-import FILE.csv --reviewer NAME`: a native speaker's verdicts back into the content.

Every row is checked before anything is written; one wrong row and nothing changes. A row whose
Indonesian or translation no longer matches the files (someone edited them after the pack was made) is
refused rather than overwriting newer work. See kie.review_pack for the file's columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import spreadsheet
from ..model.translation_edit import set_text
from ..model.translations import PAGE_FIELD, STALE, UI_ITEM, UNMARKED, Translations
from .review_pack import VERDICTS, _split, columns, current_texts


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


@dataclass
class Verdicts:
    corrections: dict[str, dict[str, str]] = field(default_factory=dict)  # item key → field path → new text
    judged: dict[str, set[str]] = field(default_factory=dict)  # item key → field paths with a verdict


def read_verdicts(project, translations: Translations, file: Path) -> tuple[str, Verdicts, list[str]]:
    """The language, the verdicts of a filled-in review CSV, and one problem line per wrong row (row 1: header)."""
    rows, header, first, problems = spreadsheet.read_rows(file)
    if problems:
        return "", Verdicts(), problems
    shown = file.name
    lang = header[2] if len(header) > 2 else ""
    if lang not in translations.languages:
        known = ", ".join(translations.languages)
        return "", Verdicts(), [f"{shown}:row {first}: -: the third column should be the language code ({known})"]
    problems = [
        p.replace("'kie services export'", f"'kie i18n review-pack {lang}'")
        for p in spreadsheet.check_header(header, columns(lang), f"{shown}:row {first}")
    ]
    if problems:
        return lang, Verdicts(), problems
    found, seen, texts_of = Verdicts(), {}, {}
    for number, row in rows:
        where = f"{shown}:row {number}"
        row_id, verdict = row["id"], row["verdict"].strip().lower()
        if row.get(spreadsheet.EXTRA):
            problems.append(f"{where}: -: more cells than columns; a comma or semicolon inside a cell needs quotes")
            continue
        if row_id in seen:
            problems.append(f"{where}: id: '{row_id}' is also in row {seen[row_id]}; keep one row per id")
            continue
        seen[row_id] = number
        key, path = _split(row_id)
        item = translations.find(key) if path else None
        if item is None or path not in item.source:
            problems.append(f"{where}: id: unknown id '{row_id}'; copy the ids from a fresh review pack")
            continue
        if not verdict:
            continue  # not reviewed yet: left for a later pack
        if verdict not in VERDICTS:
            problems.append(
                f"{where}: verdict: '{row['verdict']}' is not a verdict; write ok, corrected, or leave empty"
            )
            continue
        if verdict == "ok" and row["correction"]:
            problems.append(f"{where}: verdict: a correction is given but the verdict is ok; write corrected")
            continue
        if verdict == "corrected" and not row["correction"]:
            problems.append(f"{where}: correction: the verdict is corrected but the correction is empty; write it")
            continue
        state = translations.status(lang, item).fields[path]
        if state in (STALE, UNMARKED):
            problems.append(
                f"{where}: id: the translation of '{row_id}' is stale or not recorded; "
                f"update it and run `kie i18n mark {lang} {key}`, then make a new pack"
            )
            continue
        if key not in texts_of:
            texts_of[key] = current_texts(project, item, lang)
        indonesian, translation = texts_of[key][path]
        if not _same(indonesian, row["indonesian"]) or not _same(translation, row[lang]):
            problems.append(f"{where}: id: the text of '{row_id}' changed since this pack was made; make a new pack")
            continue
        found.judged.setdefault(key, set()).add(path)
        if verdict == "corrected" and not _same(row["correction"], translation):
            found.corrections.setdefault(key, {})[path] = row["correction"]
    return lang, found, problems


def apply_verdicts(project, translations: Translations, lang: str, verdicts: Verdicts) -> None:
    """Write the corrections into the content files (translations of the same hashes: no re-mark needed)."""
    for key, paths in verdicts.corrections.items():
        item = translations.find(key)
        for path, text in paths.items():
            if key.startswith("docs/") and path == PAGE_FIELD:
                target = project.root / item.translation_file(lang)
                target.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
            elif key == UI_ITEM:
                set_text(project.content_dir / "ui" / f"{lang}.yml", "", path, text)
            else:
                set_text(project.root / item.file, path, lang, text)


def reviewed_items(translations: Translations, lang: str, verdicts: Verdicts) -> list[str]:
    """Items whose every translated text got a verdict: the ones to record as reviewed."""
    done = []
    for key, paths in verdicts.judged.items():
        status = translations.status(lang, translations.find(key))
        translated = {p for p, state in status.fields.items() if state == "translated"}
        if translated and translated <= paths:
            done.append(key)
    return done
