"""Self-check quiz "Tawaran kerja ini aman?": load and check content/quiz.yml (its pages: views/quiz_page.py)."""

from __future__ import annotations

from .documents import is_valid, load_document
from .problems import Problem
from .project import Project
from .yamlfile import YamlDoc, join

FILE = "quiz.yml"  # under content/


def load_quiz(project: Project, modus_ids: set[str]) -> tuple[list[dict], list[dict], list[Problem]]:
    """(cards, sources, problems). A missing file means no quiz page."""
    file = project.content_dir / FILE
    if not file.is_file():
        return [], [], []
    doc, problems = load_document(file, project, "quiz.schema.json")
    if doc is None or not is_valid(problems):
        return [], [], problems
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
