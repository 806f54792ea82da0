"""The records file of each language, content/i18n/<lang>.yml: for each page or entry, whether a native
speaker reviewed its translation, and from which Indonesian text (a hash per field) it was made.

Written only by `kie i18n mark` and `kie i18n review`; read with every load of the content.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .documents import is_valid, load_document
from .problems import Problem
from .project import Project
from .translations import Item, Record, Translations, edition_items, entry_items, page_items, ui_item

RECORDS_DIR = "i18n"  # under content/: one records file per language


def records_file(project: Project, lang: str) -> Path:
    return project.content_dir / RECORDS_DIR / f"{lang}.yml"


def load_records(project: Project, lang: str) -> tuple[dict[str, Record], list[Problem]]:
    file = records_file(project, lang)
    if not file.is_file():
        return {}, []
    doc, problems = load_document(file, project, "translation-records.schema.json")
    if doc is None or not isinstance(doc.data, dict) or not is_valid(problems):
        return {}, problems
    records = {
        str(key): Record(value["reviewed"], dict(value["fields"]), str(value.get("reviewer") or ""))
        for key, value in doc.data.items()
    }
    return records, problems


def load_translations(project: Project, content) -> tuple[Translations, list[Problem]]:
    """Every item and every language's records. Problems only for a records file that cannot be read."""
    names = {lang.code: lang.name for lang in project.languages}
    default = content.default_language
    items = entry_items(content) + edition_items(content)
    items += page_items(project.docs_dir, list(names), default) + [ui_item(content)]
    translations = Translations(default, names, items, {})
    problems: list[Problem] = []
    for lang in translations.languages:
        translations.records[lang], found = load_records(project, lang)
        problems += found
    return translations, problems


HEADER = """\
# Translation records for {name} ({lang}), written by `kie i18n mark` and `kie i18n review`.
# Edit the content files and pages, not this file. For each page or entry: whether a native speaker
# has reviewed the translation, and for each translated field a short hash of the Indonesian text it
# was made from. When that Indonesian text changes, the hash stops matching: the translation is stale.
"""


def _record_data(record: Record) -> dict:
    reviewer = {"reviewer": record.reviewer} if record.reviewed and record.reviewer else {}
    return {"reviewed": record.reviewed, **reviewer, "fields": record.fields}


def write_records(project: Project, translations: Translations, lang: str) -> None:
    """Write one language's records: items in site order, fields in file order, so diffs stay small."""
    records = translations.records.get(lang, {})
    order = [item.key for item in translations.items if item.key in records]
    data = {key: _record_data(records[key]) for key in order}
    text = HEADER.format(name=translations.names.get(lang, lang), lang=lang)
    if data:
        text += yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    file = records_file(project, lang)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")


def mark(translations: Translations, lang: str, items: list[Item], keep_recorded: bool = False) -> list[Item]:
    """Record the current Indonesian hashes of every translated field of `items`. Returns the items changed.

    keep_recorded leaves fields that already have a record alone (`--all` must not hide stale texts).
    A changed record is no longer reviewed: a native speaker has not seen the new text.
    """
    records = translations.records.setdefault(lang, {})
    changed = []
    for item in items:
        old = records.get(item.key) or Record()
        fields = {}
        for path in item.source:
            if path in item.present.get(lang, ()):
                keep = keep_recorded and path in old.fields
                fields[path] = old.fields[path] if keep else item.source[path]
        if fields == old.fields:
            continue
        changed.append(item)
        if fields:
            records[item.key] = Record(False, fields)
        else:
            records.pop(item.key, None)
    known = {item.key for item in translations.items}
    for key in [key for key in records if key not in known]:  # pages or entries that were removed
        del records[key]
    return changed
