"""The glossary: content/glossary.yml names, per language, the words that mean each defined term
(views/glossary_links.py links their first mention on a page to the definition)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem
from .yamlfile import load


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


def load_glossary(
    file: Path, shown: str, languages: list[str], docs_dir: Path
) -> tuple[Glossary | None, list[Problem]]:
    if not file.is_file():
        return None, []
    doc, problems = load(file, shown)
    if doc is None:
        return None, problems
    data = doc.data if isinstance(doc.data, dict) else {}
    terms = []
    for i, item in enumerate(data.get("terms") or []):
        path = f"terms[{i}]"
        words = item.get("words") if isinstance(item, dict) else None
        if not isinstance(item, dict) or not isinstance(item.get("anchor"), str) or not isinstance(words, dict):
            problems.append(Problem(shown, doc.line(path), path, "each term needs 'anchor:' and 'words:'"))
            continue
        for lang, phrases in words.items():
            if lang not in languages:
                where = f"{path}.words.{lang}"
                problems.append(Problem(shown, doc.line(where), where, f"unknown language code '{lang}'"))
            elif not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip() for p in phrases):
                where = f"{path}.words.{lang}"
                problems.append(Problem(shown, doc.line(where), where, "should be a list of phrases, e.g. [korban]"))
        terms.append(Term(item["anchor"], {k: v for k, v in words.items() if isinstance(v, list)}))
    page = data.get("page")
    if not isinstance(page, str):
        problems.append(Problem(shown, doc.line("page"), "page", "name the glossary page, e.g. panduan/istilah"))
        return None, problems
    defined = (docs_dir / f"{page}.md").read_text(encoding="utf-8") if (docs_dir / f"{page}.md").is_file() else ""
    for i, term in enumerate(terms):
        if "{#" + term.anchor + "}" not in defined:
            where = f"terms[{i}].anchor"
            problems.append(
                Problem(shown, doc.line(where), where, f"docs/{page}.md has no heading with {{#{term.anchor}}}")
            )
    return Glossary(page, tuple(terms)), problems
