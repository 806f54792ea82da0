"""Self-check quiz "Tawaran kerja ini aman?": content/quiz.yml → one page per language under docs/kuis/.

The page is complete without JavaScript (every card, its answer in a <details>). docs/assets/js/kie-quiz.js,
loaded by a <script> tag on this page only, adds Safe/Risky buttons and one card at a time for a projector.
Nothing is stored and nothing is sent.
"""

from __future__ import annotations

from .problems import Problem
from .project import Project
from .yamlfile import YamlDoc, join, load

FOLDER = "kuis"  # under docs/; listed in pages.GENERATED_DIRS and .gitignore
FILE = "quiz.yml"  # under content/


def load_quiz(project: Project, modus_ids: set[str]) -> tuple[list[dict], list[dict], list[Problem]]:
    """(cards, sources, problems). A missing file means no quiz page."""
    from .schema import validate

    file = project.content_dir / FILE
    if not file.is_file():
        return [], [], []
    doc, problems = load(file, project.rel(file))
    if doc is None:
        return [], [], problems
    problems += validate(doc, "quiz.schema.json", project.content_dir / "schema", project.codes)
    problems += _reference_problems(doc, modus_ids)
    if problems:
        return [], [], problems
    return doc.data["cards"], doc.data["sources"], problems


def _reference_problems(doc: YamlDoc, modus_ids: set[str]) -> list[Problem]:
    """Duplicate card ids and links to modus pages that do not exist (the schema checked the rest)."""
    found, seen = [], set()
    data = doc.data if isinstance(doc.data, dict) else {}
    cards = data.get("cards") if isinstance(data.get("cards"), list) else []
    for i, card in enumerate(cards):
        if not isinstance(card, dict):
            continue
        if isinstance(card.get("id"), str) and card["id"] in seen:
            path = join(join("cards", i), "id")
            found.append(Problem(doc.path, doc.line(path), path, f"'{card['id']}' is already used by another card"))
        seen.add(card.get("id"))
        for j, modus_id in enumerate(card.get("modus") if isinstance(card.get("modus"), list) else []):
            if isinstance(modus_id, str) and modus_id not in modus_ids:
                path = join(join(join("cards", i), "modus"), j)
                message = f"no modus has the id '{modus_id}'; check the spelling or add content/modus/{modus_id}.yml"
                found.append(Problem(doc.path, doc.line(path), path, message))
    return found


def quiz_pages(content) -> dict[str, str]:
    """docs-relative path → Markdown: kuis/index.md, kuis/index.en.md, …"""
    from .pages import page_path
    from .render import _page

    if not content.quiz_cards:
        return {}
    pages = {}
    for lang in content.languages:
        depth = 1 if lang == content.default_language else 2  # en/kuis/index.html is one folder deeper
        script = "../" * depth + "assets/js/kie-quiz.js"
        pages[page_path(FOLDER, "index", lang, content.default_language)] = _page(
            "quiz.md.j2",
            content,
            lang,
            lambda L: L.ui_plain("quiz_title"),
            cards=content.quiz_cards,
            quiz_sources=content.quiz_sources,
            script=script,
        )
    return pages
