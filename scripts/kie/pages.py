"""Write generated pages as real files under docs/ (static-i18n drops in-memory pages).

Files are rewritten only when their text changes, so `mkdocs serve` does not rebuild in a loop,
and files we generated earlier for entries that no longer exist are removed.
"""

from __future__ import annotations

from pathlib import Path

from .content import KINDS, Content
from .directory import is_national
from .render import GENERATED_MARK, SECTIONS, render_entry, render_overview

# Folders under docs/ that the generator owns (all gitignored). Stale generated files there are removed.
GENERATED_DIRS = list(SECTIONS.values())
GENERATED_DIRS.append("terjemahan")  # the translation status page (kie.translation_report.STATUS_FOLDER)
GENERATED_DIRS.append("kuis")  # the self-check quiz (kie.quiz.FOLDER)


def page_path(folder: str, stem: str, lang: str, default: str) -> str:
    suffix = "" if lang == default else f".{lang}"
    return f"{folder}/{stem}{suffix}.md"


def extra_page_sources() -> list:
    """Other generators of pages, each f(content) -> {docs-relative path: Markdown}."""
    from .directory import province_pages
    from .quiz import quiz_pages
    from .translation_report import status_pages

    return [status_pages, province_pages, quiz_pages]


def plan_pages(content: Content) -> dict[str, str]:
    """Every generated page: docs-relative path → Markdown text."""
    pages: dict[str, str] = {}
    for source in extra_page_sources():
        pages.update(source(content))
    for kind in KINDS:
        folder = SECTIONS[kind.name]
        for lang in content.languages:
            pages[page_path(folder, "index", lang, content.default_language)] = render_overview(
                content, kind.name, lang
            )
            for entry in content.of(kind.name).values():
                if kind.name == "services" and not is_national(entry):
                    continue  # a local service's home is its card on its province page (kie/directory.py)
                path = page_path(folder, entry.id, lang, content.default_language)
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
    for folder in GENERATED_DIRS:
        for file in sorted((docs_dir / folder).glob("**/*.md")):
            if file.relative_to(docs_dir).as_posix() not in pages and is_generated(file):
                file.unlink()
                removed += 1
    return written, removed
