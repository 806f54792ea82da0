"""The glossary: content/glossary.yml names, per language, the words that mean each defined term
(views/glossary_links.py links their first mention on a page to the definition)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .documents import is_valid, load_document
from .problems import Problem


@dataclass(frozen=True)
class Term:
    anchor: str
    words: dict[str, list[str]]  # language → phrases that mean this term


@dataclass(frozen=True)
class Glossary:
    page: str  # docs-relative path without .md, e.g. panduan/istilah
    terms: tuple[Term, ...]

    def patterns(self, lang: str, default: str) -> list[tuple[str, re.Pattern]]:
        out = []
        for term in self.terms:
            words = term.words.get(lang) or term.words.get(default) or []
            if words:
                alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                out.append((term.anchor, re.compile(rf"(?<![\w-])({alternatives})(?![\w-])", re.IGNORECASE)))
        return out


def load_glossary(file: Path, project) -> tuple[Glossary | None, list[Problem]]:
    """content/glossary.yml (optional). Each anchor must exist as a heading {#anchor} on the glossary page."""
    if not file.is_file():
        return None, []
    doc, problems = load_document(file, project, "glossary.schema.json")
    if doc is None or not is_valid(problems):
        return None, problems
    data = doc.data
    terms = tuple(Term(item["anchor"], item["words"]) for item in data["terms"])
    page = data["page"]
    defined_in = project.docs_dir / f"{page}.md"
    defined = defined_in.read_text(encoding="utf-8") if defined_in.is_file() else ""
    for i, term in enumerate(terms):
        if "{#" + term.anchor + "}" not in defined:
            where = f"terms[{i}].anchor"
            problems.append(
                Problem(doc.path, doc.line(where), where, f"docs/{page}.md has no heading with {{#{term.anchor}}}")
            )
    return Glossary(page, terms), problems
