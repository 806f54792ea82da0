"""The page script: one small kie.js, put together at build time from docs/assets/js/kie/*.js. No bundler.

Each source file is one part of the page's behaviour (quick exit, share, images to share, listen, search glue,
offline, classroom, presentation) and puts its functions on the one namespace object `kie`, so a test can load it
alone on a bare page and call them. start.js comes last: it reads the page's config and starts every part.

The served file is: a header, the contract line (`kie.contract`, from kie.views.contract), then the parts in
the order of PARTS without their comment lines (measured: 17.8 KB, 5.1 KB gzip; the one hand-written file
it replaces, comments and all, was 16.5 KB, 5.2 KB gzip). The sources themselves are not shipped: nothing
unused goes into site/ or the USB zip.
"""

from __future__ import annotations

from pathlib import Path

from ..views.contract import MAIN_SCRIPT, page_contract_script

SOURCE_DIR = "assets/js/kie"  # under docs/
# Fixed order: every part is defined before start.js starts them; a file not listed here fails a test.
PARTS = ("quick-exit", "share", "media", "listen", "search", "offline", "classroom", "presentation", "start")

HEADER = """\
/* Cegah TPPO: the page script. Made by the build from docs/assets/js/kie/ (one file per part): edit those. */
"""


def without_comment_lines(script: str) -> str:
    """The script without the lines that are only a comment (a `//` line, or a `/* ... */` block that starts
    and ends a line): every page downloads kie.js, editors read the sources. A comment after code stays, and
    so does a block with code after its end, so no code is ever cut."""
    lines, kept, at = script.splitlines(keepends=True), [], 0
    while at < len(lines):
        text = lines[at].lstrip()
        if text.startswith("//"):
            at += 1
            continue
        if text.startswith("/*"):
            end = next((k for k in range(at, len(lines)) if "*/" in lines[k]), None)
            if end is not None and not lines[end].split("*/", 1)[1].strip():
                at = end + 1
                continue
        kept.append(lines[at])
        at += 1
    return "".join(kept)


def part_text(docs_dir: Path, name: str) -> str:
    """One part as it goes into kie.js."""
    return without_comment_lines((docs_dir / SOURCE_DIR / f"{name}.js").read_text(encoding="utf-8"))


def assemble(docs_dir: Path) -> str:
    """The served kie.js: header, contract, then each part in order."""
    return HEADER + page_contract_script() + "".join(part_text(docs_dir, name) for name in PARTS)


def is_source(src_uri: str) -> bool:
    """A file MkDocs would copy to the site as it is: the parts are shipped inside kie.js instead."""
    return src_uri.startswith(SOURCE_DIR + "/")


def write_main_script(docs_dir: Path, site_dir: Path) -> Path:
    target = site_dir / MAIN_SCRIPT
    target.parent.mkdir(parents=True, exist_ok=True)
    text = assemble(docs_dir)
    if not target.is_file() or target.read_text(encoding="utf-8") != text:  # once per language build: same text
        target.write_text(text, encoding="utf-8")
    return target
