"""Print an HTML document to PDF with WeasyPrint, with every network request refused.

WeasyPrint was chosen over Chromium on measured evidence (handbook/dev/decisions.md): it installs from PyPI
on Debian's base system (its one system library, Pango, is part of it), hyphenates Indonesian and
writes PDFs half the size. Chromium prints a page faster, but needs a browser installed as root.
"""

from __future__ import annotations

import functools
import re
from importlib.metadata import version
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..model.problems import BuildError


class PrintError(BuildError):
    """Printing could not run or would have needed something outside the site."""


def _weasyprint():
    try:
        import weasyprint
    except OSError as err:  # the Python package is there but Debian's Pango is not
        raise PrintError(
            f"cannot print handouts: WeasyPrint needs the Pango library ({err}); "
            "on Debian/Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0"
        ) from None
    return weasyprint


@functools.cache
def engine_version() -> str:
    """Part of every cached handout's key: a new engine prints anew."""
    return f"weasyprint {version('weasyprint')}"


def make_fetcher(allowed_root: Path, blocked: list[str]):
    """A URL fetcher that reads files under `allowed_root` and data: URIs, and refuses everything else.

    Refused addresses are appended to `blocked`, so a caller can fail the build on them.
    """
    weasyprint = _weasyprint()
    root = allowed_root.resolve()

    class LocalOnlyFetcher(weasyprint.URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme == "file" and parts.netloc in ("", "localhost"):
                path = Path(unquote(parts.path)).resolve()
                if path.is_relative_to(root) and path.is_file():
                    return super().fetch(url, headers)
            blocked.append(url)
            raise ValueError(f"handouts may only use files inside the site, not {url}")

    return LocalOnlyFetcher(allowed_protocols=("file", "data"))


@functools.cache
def font_config():
    """One per process, reused by every document it prints: WeasyPrint otherwise sets up fontconfig and
    Pango's font map anew for each PDF, and loses the fonts and glyph shapes it has already looked up
    (measured: 0.31 → 0.22 s of CPU per handout, byte-identical PDFs; scripts/bench/handouts.py)."""
    _weasyprint()  # a missing Pango is reported as such
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


# The stylesheet every handout (or every card sheet) shares, marked so in the template.
_SHARED_STYLE = re.compile(r"<style data-kie-shared>(.*?)</style>", re.S)


@functools.lru_cache(maxsize=4)
def _shared_stylesheet(css: str):
    return _weasyprint().CSS(string=css, font_config=font_config())


def _document(html: str, base_url: str, allowed_root: Path, blocked: list[str]):
    """The laid-out document. A stylesheet marked `<style data-kie-shared>` is parsed once per process, not once
    per document (~15% of the CPU of printing a handout). WeasyPrint applies it as a user stylesheet; our print
    documents have no other author rules it could lose to, and inline style attributes win either way, so the
    PDFs are byte-identical (tests/test_handouts.py compares them)."""
    weasyprint = _weasyprint()
    shared = _SHARED_STYLE.search(html)
    sheets = [_shared_stylesheet(shared.group(1))] if shared else []
    if shared:
        html = html[: shared.start()] + html[shared.end() :]
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=make_fetcher(allowed_root, blocked))
    return document.render(font_config=font_config(), stylesheets=sheets)


def html_to_pdf(html: str, base_url: str, allowed_root: Path) -> tuple[bytes, list[str]]:
    """(PDF bytes, addresses that were refused). `base_url` resolves relative images and stylesheets."""
    blocked: list[str] = []
    return _document(html, base_url, allowed_root, blocked).write_pdf(), blocked


def first_on_one_page(htmls, base_url: str, allowed_root: Path) -> tuple[bytes | None, int, list[str]]:
    """(PDF of the first document that lays out on one page or None, its index, refused addresses): an image or
    a poster is tried at smaller type sizes until its text fits. The sizes only shrink, so after the largest
    the rest are searched by halves: 3 layouts find the size among 7."""
    blocked: list[str] = []
    laid = {}

    def fits(at: int) -> bool:
        laid[at] = _document(htmls[at], base_url, allowed_root, blocked)
        return len(laid[at].pages) == 1

    if fits(0):
        return laid[0].write_pdf(), 0, blocked
    low, high = 1, len(htmls) - 1  # the answer is the first that fits in low..high, if any
    if high < low or not fits(high):
        return None, -1, blocked
    while low < high:
        middle = (low + high) // 2
        if fits(middle):
            high = middle
        else:
            low = middle + 1
    return laid[high].write_pdf(), high, blocked
