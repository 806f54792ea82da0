"""Remember each page's HTML body between builds, so a page whose Markdown did not change is not converted again.

Turning Markdown into HTML is a third of what MkDocs spends on a page. The national site and every regional
edition share most pages word for word (an edition changes the header, the help bar and a few overview
pages, which are not part of the page body), and a rebuild after a small edit changes only a few pages. So
the converted body, with everything MkDocs learns while converting it (table of contents, title, anchors,
links to other pages' anchors), is kept in the cache under a key made of everything it is made from:

- the page's final Markdown (after every plugin changed it), its source and output paths, its language;
- every file of the build with its output path (a link is resolved, or reported missing, against them);
- the Markdown settings of mkdocs.yml, the glossary (terms are linked in the body), and the code: this
  package and the versions of the installed packages (MkDocs, Python-Markdown...).

A page whose conversion logged a warning (a broken link) is not kept, so a strict build reports it every time.
Entries are JSON, one file each; the oldest go when there are more than MAX_ENTRIES.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

from mkdocs.structure.toc import AnchorLink, TableOfContents

from ..model.fingerprint import package_digest
from ..model.project import write_cache_file

MAX_ENTRIES = 6000  # national + 3 editions in 3 languages is about 1,300 pages; room for a few versions of each


class Warnings(logging.Handler):
    """Counts warnings MkDocs logs while a page is converted (a link to a missing page, a missing anchor)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class RenderCache:
    def __init__(self, folder: Path, glossary: object) -> None:
        self.folder = folder
        self.glossary = repr(glossary)
        self.signatures: dict[int, str] = {}
        self.pending: dict[int, tuple[str, int]] = {}  # id(page) -> (key, warnings before its conversion)
        self.warnings = Warnings()
        logging.getLogger("mkdocs").addHandler(self.warnings)

    def close(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        self.prune()

    def _signature(self, config, files) -> str:
        """What every page of one language build shares; once per build (static-i18n builds each language)."""
        if id(files) not in self.signatures:
            settings = [config["markdown_extensions"], config["mdx_configs"], config["use_directory_urls"]]
            paths = sorted((f.src_uri, f.dest_uri) for f in files)
            # package_digest: this package's code and every installed package's version (MkDocs, Markdown...)
            text = json.dumps([settings, paths, self.glossary, package_digest()], default=repr, sort_keys=True)
            self.signatures[id(files)] = hashlib.sha256(text.encode()).hexdigest()
        return self.signatures[id(files)]

    def lookup(self, markdown: str, page, config, files) -> None:
        """Called with the page's final Markdown: on a hit, the page's conversion is replaced by the cached one."""
        key = hashlib.sha256(
            "\0".join(
                [self._signature(config, files), page.file.src_uri, page.file.dest_uri, page.url, markdown]
            ).encode()
        ).hexdigest()
        entry = self._read(key)
        if entry is None:
            self.pending[id(page)] = (key, self.warnings.count)
            return
        page.render = lambda config, files: _restore(page, entry, files)

    def store(self, html: str, page) -> None:
        """Called with the page's finished body (after kie's own changes): keep it unless it logged a warning."""
        key, warnings_before = self.pending.pop(id(page), (None, 0))
        if key is None or self.warnings.count != warnings_before:
            return
        entry = {
            "html": html,
            "toc": [_token(item) for item in page.toc],
            "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
            "links": {f.src_uri: links for f, links in (page.links_to_anchors or {}).items()},
        }
        path = self._path(key)
        try:
            write_cache_file(path, json.dumps(entry, ensure_ascii=False))
        except OSError:
            pass  # best effort: without the entry the page is simply converted again next time

    def was_restored(self, page) -> bool:
        return getattr(page, "kie_restored", False)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def _read(self, key: str) -> dict | None:
        path = self._path(key)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            os.utime(path)  # recently used: pruned last
        except (OSError, ValueError):
            return None
        return entry if isinstance(entry, dict) and {"html", "toc", "title", "anchors", "links"} <= set(entry) else None

    def prune(self) -> None:
        entries = list(self.folder.glob("*/*.json"))
        if len(entries) <= MAX_ENTRIES:
            return
        entries.sort(key=lambda p: p.stat().st_mtime)
        for path in entries[: len(entries) - MAX_ENTRIES]:
            path.unlink(missing_ok=True)


def _token(link: AnchorLink) -> dict:
    return {"title": link.title, "id": link.id, "level": link.level, "children": [_token(c) for c in link.children]}


def _link(token: dict) -> AnchorLink:
    link = AnchorLink(token["title"], token["id"], token["level"])
    link.children = [_link(child) for child in token["children"]]
    return link


def _restore(page, entry: dict, files) -> None:
    """What Page.render would have set, from the cache."""
    page.content = entry["html"]
    items = [_link(token) for token in entry["toc"]]
    if items:
        items[0].active = True  # as MkDocs marks the first entry
    page.toc = TableOfContents(items)
    page._title_from_render = entry["title"]
    page.present_anchor_ids = set(entry["anchors"])
    links = {files.get_file_from_path(src): anchors for src, anchors in entry["links"].items()}
    page.links_to_anchors = {file: anchors for file, anchors in links.items() if file is not None}
    page.kie_restored = True
