"""Write generated pages as real files under docs/ (static-i18n drops in-memory pages).

Files are rewritten only when their text changes, so `mkdocs serve` does not rebuild in a loop,
and files we generated earlier for entries that no longer exist are removed.
"""

from __future__ import annotations

from pathlib import Path

from ..model.content import Content
from ..model.kinds import GENERATED_MARK, GENERATED_SECTIONS, KINDS
from ..model.regions import NATIONAL
from . import urls
from .directory_pages import province_pages
from .due_page import due_pages
from .media_page import media_pages
from .quiz_page import quiz_pages
from .render import render_entry, render_overview
from .translation_report import status_pages

# Other generators of pages, each f(content) -> {docs-relative path: Markdown}.
EXTRA_PAGE_SOURCES = [status_pages, province_pages, quiz_pages, due_pages, media_pages]


def plan_pages(content: Content) -> dict[str, str]:
    """Every generated page: docs-relative path → Markdown text."""
    pages: dict[str, str] = {}
    for source in EXTRA_PAGE_SOURCES:
        pages.update(source(content))
    for kind in KINDS:
        for lang in content.languages:
            pages[urls.docs_file(kind.section, "index", lang, content.default_language)] = render_overview(
                content, kind.name, lang
            )
            for entry in content.of(kind.name).values():
                if kind.own_pages == "national" and NATIONAL not in entry["coverage"]:
                    continue  # a local service's home is its card on its province page (views/directory.py)
                path = urls.docs_file(kind.section, entry.id, lang, content.default_language)
                pages[path] = render_entry(content, entry, lang)
    return pages


def is_generated(file: Path) -> bool:
    try:
        with file.open(encoding="utf-8") as fh:
            return GENERATED_MARK in fh.read(2048)
    except (OSError, UnicodeDecodeError):
        return False


def write_pages(docs_dir: Path, pages: dict[str, str]) -> tuple[int, int]:
    """Write changed pages, delete stale generated ones. Returns (written, removed)."""
    written = removed = 0
    for rel, text in pages.items():
        target = docs_dir / rel
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written += 1
    for folder in GENERATED_SECTIONS:
        for file in sorted((docs_dir / folder).glob("**/*.md")):
            if file.relative_to(docs_dir).as_posix() not in pages and is_generated(file):
                file.unlink()
                removed += 1
    return written, removed
