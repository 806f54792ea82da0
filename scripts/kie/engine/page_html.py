"""Reading the built pages quickly: which files are pages, and a light HTML tree for selector matching.

Python's html.parser builds the tree (~10x faster than a full HTML5 parser, which matters for 370
pages); the pages come from our templates and Markdown, whose tags are closed, so the simple rules
below (void elements, an end tag closes up to its start tag) give the same tree.
"""

from __future__ import annotations

import html.parser
import xml.etree.ElementTree as ET
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param"}
NOT_PAGES = ("handouts/", "unduh/", "offline/")  # PDFs, the zip and the packs hold no pages of their own


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
