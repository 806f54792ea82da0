"""Reading the built pages quickly: which files are pages, what printing needs of a page (the one place
that knows how Material lays a page out), and a light HTML tree for selector matching.

Python's html.parser builds the tree (~10x faster than a full HTML5 parser, which matters for 370
pages); the pages come from our templates and Markdown, whose tags are closed, so the simple rules
below (void elements, an end tag closes up to its start tag) give the same tree.
"""

from __future__ import annotations

import html
import html.parser
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from ..print.printpage import BuiltPage
from ..views.contract import SEARCH_DIR

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param"}
NOT_PAGES = ("handouts/", "unduh/", "offline/")  # PDFs, the zip and the packs hold no pages of their own


# Material's own parts inside a page's <article>: the edit and view-source buttons, the revision date.
MATERIAL_CHROME = frozenset({"md-content__button", "md-source-file"})
_HTML_LANG = re.compile(r"<html[^>]*\blang=\"([^\"]*)\"")
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def read_built_page(page: str) -> BuiltPage:
    """What printing needs of a page Material built: its <article> (the text: title, summary, body), its
    language, and the site's name (Material titles a page '<page> - <site>'). ValueError: no article, so not
    a content page."""
    start, end = page.find("<article"), page.find("</article>")
    if start < 0 or end < 0:
        raise ValueError("the page has no <article>: not a content page")
    lang = _HTML_LANG.search(page)
    title = _TITLE.search(page)
    site_name = html.unescape(title.group(1)).rsplit(" - ", 1)[-1].strip() if title else ""
    return BuiltPage(lang.group(1) if lang else "", site_name, page[start : end + len("</article>")], MATERIAL_CHROME)


def take_search_entries(site: Path) -> list[dict]:
    """The entries MkDocs' search plugin indexed ({location, title, text}), its index file removed: the site
    ships its own indexes, one per language (kie.offline)."""
    folder = site / SEARCH_DIR
    entries = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))["docs"]
    for stale in folder.glob("search_index.*"):
        stale.unlink()
    return entries


def site_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith(NOT_PAGES))


class _TreeBuilder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = ET.Element("document")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = ET.SubElement(self.stack[-1], tag, {k: v or "" for k, v in attrs})
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        ET.SubElement(self.stack[-1], tag, {k: v or "" for k, v in attrs})

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return


def parse_html(text: str) -> ET.Element:
    """The <html> element of a page (text content is not kept: selectors do not need it)."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return next((el for el in builder.root if el.tag == "html"), builder.root)
