"""Link the first mention of each glossary term on a page to its definition.

Works on the rendered HTML of a page: only text inside paragraphs, list items and definitions is
touched, never headings, links, code or attributes.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem
from .yamlfile import load

_TAG = re.compile(r"(<[^>]+>)")
_SKIP = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style", "button", "label", "title"}
_TEXT = {"p", "li", "dd", "td"}
_SOURCES = re.compile(r'<h2[^>]*\bid="(sumber|sources)"')


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


def link_terms(html: str, glossary: Glossary, lang: str, default: str, page_url: str, lang_prefix: str) -> str:
    """Return `html` with the first mention of each term linked to the glossary."""
    target = f"{lang_prefix}{glossary.page}.html"
    if page_url == target:
        return html
    href = posixpath.relpath(target, posixpath.dirname(page_url) or ".")
    pending = glossary.patterns(lang, default)
    parts = _TAG.split(html)
    stack: list[str] = []
    for i, part in enumerate(parts):
        if not pending:
            break
        if part.startswith("<"):
            if _SOURCES.match(part):
                break  # citations name the guideline's title: linking words in it helps nobody
            _track(part, stack)
            continue
        if not part.strip() or any(t in _SKIP for t in stack) or not any(t in _TEXT for t in stack):
            continue
        for anchor, pattern in list(pending):
            match = pattern.search(part)
            if match:
                link = f'<a class="kie-term" href="{href}#{anchor}">{match.group(1)}</a>'
                # the rest of this text node may hold other terms: keep searching after the link only
                part = part[: match.start()] + link + part[match.end() :]
                pending.remove((anchor, pattern))
                break
        parts[i] = part
    return "".join(parts)


def _track(tag: str, stack: list[str]) -> None:
    name = re.match(r"</?\s*([a-zA-Z0-9]+)", tag)
    if not name or tag.endswith("/>"):
        return
    name = name.group(1).lower()
    if name in ("br", "img", "hr", "input", "meta", "link", "wbr"):
        return
    if tag.startswith("</"):
        if name in stack:
            while stack and stack.pop() != name:
                pass
    else:
        stack.append(name)
