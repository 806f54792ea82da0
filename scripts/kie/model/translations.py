"""Which translations exist, which are out of date, and which a native speaker has checked.

A translation is made from one version of the Indonesian text. `kie i18n mark` records a short hash
of that text in content/i18n/<lang>.yml; when the Indonesian text changes later, the hash stops
matching and the translation is *stale*. The records live in their own file so that content files
stay as editors know them. Items are what a translator works on: an entry (its translatable fields),
a regional edition (its title and introduction: `editions/<id>`, in the edition's languages only),
a hand-written page (the whole file) and the interface strings of the generated pages.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlfile
from .editions import FOLDER as EDITIONS
from .kinds import GENERATED_MARK, GENERATED_SECTIONS, KINDS

PAGE_FIELD = "page"  # a hand-written page is translated as one piece
UI_ITEM = "ui"

# The state of one item in one language, most urgent first.
STALE, PARTIAL, MISSING, UNMARKED, TRANSLATED = "stale", "partial", "missing", "unmarked", "translated"
STATES = (STALE, PARTIAL, MISSING, UNMARKED, TRANSLATED)
NEEDS_WORK = (STALE, PARTIAL, MISSING, UNMARKED)  # what `kie i18n status --strict` fails on


def text_hash(text: str) -> str:
    """Short hash of a text. Re-wrapping lines or changing spaces does not change it; any word does."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Item:
    """One thing a translator translates."""

    key: str  # what translators type: modus/jeratan-utang, docs/panduan/prinsip, ui
    file: str  # the Indonesian file, as shown to editors
    source: dict[str, str]  # field path → hash of its Indonesian text
    present: dict[str, frozenset[str]]  # language → field paths translated into it
    languages: tuple[str, ...] | None = None  # the only languages it is published in (an edition's); None: all

    def translated_into(self, lang: str) -> bool:
        return self.languages is None or lang in self.languages

    def translation_file(self, lang: str) -> str:
        if self.key == UI_ITEM:
            return f"content/ui/{lang}.yml"
        if self.key.startswith("docs/"):
            return f"{self.key}.{lang}.md"
        return self.file


@dataclass
class Record:
    """What content/i18n/<lang>.yml says about one item."""

    reviewed: bool = False
    fields: dict[str, str] = field(default_factory=dict)  # field path → hash of the Indonesian it was made from
    reviewer: str = ""  # who reviewed it (`kie i18n review-import --reviewer`)


@dataclass(frozen=True)
class ItemStatus:
    item: Item
    lang: str
    fields: dict[str, str]  # field path → STALE, MISSING, UNMARKED or TRANSLATED
    reviewed: bool

    @property
    def state(self) -> str:
        found = set(self.fields.values())
        if STALE in found:
            return STALE
        if MISSING in found:
            return MISSING if found == {MISSING} else PARTIAL
        return UNMARKED if UNMARKED in found else TRANSLATED

    @property
    def awaiting_review(self) -> bool:
        return self.state != MISSING and not self.reviewed

    def fields_in(self, state: str) -> list[str]:
        return [path for path, found in self.fields.items() if found == state]


@dataclass
class Translations:
    default: str
    names: dict[str, str]  # language code → name (from mkdocs.yml)
    items: list[Item]
    records: dict[str, dict[str, Record]]  # language → item key → record

    @property
    def languages(self) -> list[str]:
        """The languages translated into (every published language but the default)."""
        return [code for code in self.names if code != self.default]

    def status(self, lang: str, item: Item) -> ItemStatus:
        record = self.records.get(lang, {}).get(item.key) or Record()
        present = item.present.get(lang, frozenset())
        fields = {}
        for path, source in item.source.items():
            if path not in present:
                fields[path] = MISSING
            elif path not in record.fields:
                fields[path] = UNMARKED
            else:
                fields[path] = TRANSLATED if record.fields[path] == source else STALE
        return ItemStatus(item, lang, fields, record.reviewed)

    def statuses(self, lang: str) -> list[ItemStatus]:
        return [self.status(lang, item) for item in self.items if item.translated_into(lang)]

    def totals(self, lang: str) -> dict[str, int]:
        """Items per state, plus 'review' (awaiting a native speaker) and 'items' (all)."""
        found = self.statuses(lang)
        totals = {state: sum(s.state == state for s in found) for state in STATES}
        totals["review"] = sum(s.awaiting_review for s in found)
        totals["items"] = len(found)
        return totals

    def is_stale(self, lang: str, key: str) -> bool:
        item = self.find(key)
        return item is not None and self.status(lang, item).state == STALE

    def find(self, name: str) -> Item | None:
        """An item by key or by a file name a translator may type (content/modus/x.yml, docs/a/b.en.md)."""
        wanted = normalize_name(name, list(self.names))
        for item in self.items:
            if wanted in (item.key, normalize_name(item.file, list(self.names))):
                return item
        return None


def normalize_name(name: str, codes: list[str]) -> str:
    """'content/modus/x.yml' → 'modus/x'; 'docs/a/b.en.md' → 'docs/a/b'; 'content/ui/jv.yml' → 'ui'."""
    name = name.strip().replace("\\", "/").removeprefix("./").removeprefix("content/")
    for ext in (".yml", ".yaml", ".md"):
        name = name.removesuffix(ext)
    if name == UI_ITEM or name.startswith(f"{UI_ITEM}/"):
        return UI_ITEM
    stem, dot, suffix = name.rpartition(".")
    if dot and name.startswith("docs/") and suffix in codes:
        name = stem
    return name


# --- gathering items ----------------------------------------------------------------------------


def localized_fields(value: object, codes: list[str], default: str, path: str = ""):
    """(field path, {lang: text}) for every translatable text inside an entry, in file order."""
    if isinstance(value, dict):
        if value and set(value) <= set(codes) and isinstance(value.get(default), str):
            yield path, value
            return
        for key, child in value.items():
            yield from localized_fields(child, codes, default, yamlfile.join(path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from localized_fields(child, codes, default, yamlfile.join(path, i))


def _item(
    key: str, file: str, texts: dict[str, dict[str, str]], default: str, languages: tuple[str, ...] | None = None
) -> Item:
    source = {path: text_hash(langs[default]) for path, langs in texts.items()}
    present: dict[str, set[str]] = {}
    for path, langs in texts.items():
        for lang, text in langs.items():
            if lang != default and isinstance(text, str) and text.strip():
                present.setdefault(lang, set()).add(path)
    return Item(key, file, source, {lang: frozenset(paths) for lang, paths in present.items()}, languages)


def entry_items(content) -> list[Item]:
    items = []
    for kind in KINDS:
        for entry in sorted(content.of(kind.name).values(), key=lambda e: e.id):
            texts = dict(localized_fields(entry.data, content.languages, content.default_language))
            items.append(_item(f"{kind.name}/{entry.id}", entry.file, texts, content.default_language))
    return items


def edition_items(content) -> list[Item]:
    """Each regional edition's own texts, translated into the edition's languages only (an edition in id and en
    has no Javanese to miss)."""
    items = []
    for edition in sorted(content.editions.values(), key=lambda e: e.id):
        texts = {name: value for name, value in (("title", edition.title), ("intro", edition.intro)) if value}
        key, languages = f"{EDITIONS}/{edition.id}", tuple(edition.languages)
        items.append(_item(key, edition.file, texts, content.default_language, languages))
    return items


def page_items(docs_dir: Path, codes: list[str], default: str) -> list[Item]:
    """Hand-written pages: docs/**/page.md, translated as docs/**/page.<lang>.md."""
    owned = tuple(f"{folder}/" for folder in GENERATED_SECTIONS)
    items = []
    for file in sorted(docs_dir.rglob("*.md")):
        rel = file.relative_to(docs_dir).as_posix()
        if rel.startswith(owned) or file.name.count(".") != 1:  # generated, or a translation (page.en.md)
            continue
        text = file.read_text(encoding="utf-8", errors="replace")
        if GENERATED_MARK in text[:2048]:
            continue
        texts = {PAGE_FIELD: {default: text}}
        for lang in codes:
            translated = file.with_name(f"{file.stem}.{lang}.md")
            if lang != default and translated.is_file():
                texts[PAGE_FIELD][lang] = translated.read_text(encoding="utf-8", errors="replace")
        key = f"docs/{rel.removesuffix('.md')}"
        items.append(_item(key, f"docs/{rel}", texts, default))
    return items


def ui_item(content) -> Item:
    default = content.default_language
    texts = {
        key: {lang: strings[key] for lang, strings in content.ui.items() if key in strings}
        for key in content.ui.get(default, {})
    }
    return _item(UI_ITEM, f"content/ui/{default}.yml", texts, default)
