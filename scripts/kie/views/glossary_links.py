"""Link the first mention of each glossary term on a page to its definition.

Works on the rendered HTML of a page: only text inside paragraphs, list items and definitions is
touched, never headings, links, code or attributes.
"""

from __future__ import annotations

import re

from ..model.glossary import Glossary
from . import urls

_TAG = re.compile(r"(<[^>]+>)")
_SKIP = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style", "button", "label", "title"}
_TEXT = {"p", "li", "dd", "td"}
_SOURCES = re.compile(r'<h2[^>]*\bid="(sumber|sources)"')


def link_terms(html: str, glossary: Glossary, lang: str, default: str, page_url: str, lang_prefix: str) -> str:
    """Return `html` with the first mention of each term linked to the glossary."""
    target = f"{lang_prefix}{glossary.page}.html"
    if page_url == target:
        return html
    href = urls.relative(target, page_url)
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
