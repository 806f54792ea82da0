"""Words that mean the same for the site search: content/search/synonyms.yml, kept and reviewed by editors."""

from __future__ import annotations

from .documents import is_valid, load_document
from .problems import Problem

FILE = "search/synonyms.yml"  # under content/


def load_synonyms(project) -> tuple[dict[str, list[list[str]]], list[Problem]]:
    """content/search/synonyms.yml -> {lang: [[phrase, ...], ...]}: groups of words that mean the same."""
    languages = project.codes
    file = project.content_dir / FILE
    if not file.is_file():
        return {}, []
    doc, problems = load_document(file, project, "synonyms.schema.json")
    if doc is None or not is_valid(problems):
        return {}, problems
    groups = doc.data["groups"]
    out: dict[str, list[list[str]]] = {lang: [] for lang in languages}
    for group in groups:
        for lang, phrases in group.items():
            if len(phrases) > 1:  # one word alone has nothing to mean the same as
                out[lang].append(phrases)
    return out, []
