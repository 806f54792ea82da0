"""Post-build step: every content page of the built site as an A4 PDF, per language, under site/handouts/.

Pages are printed in parallel (one process per core). A PDF is kept in a cache outside site/ under
the hash of everything it is made from, so a rebuild prints only the pages whose text changed.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import multiprocessing
import os
import re
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from .build import BuildError
from .content import Content
from .printpage import public_url
from .project import Project, require_site_url

HANDOUTS_DIR = "handouts"
# Folders (under each language) whose pages become handouts; their index pages are lists, not handouts.
# A new kind of page joins by adding its folder here.
HANDOUT_SECTIONS = ("modus", "hak", "hukum", "layanan", "panduan", "sesi", "formulir")
CACHE_KEEP_DAYS = 30  # unused cached PDFs older than this are removed
# Filled in after hashing: the date is not part of the key, and a QR code is only made for pages printed anew.
_VERSION, _DATE, _QR = "@@kie-version@@", "@@kie-date@@", "@@kie-qr@@"
_HOLES = (_VERSION, _DATE, _QR)


@dataclass(frozen=True)
class Job:
    page: str  # the built page, site-relative: 'en/modus/jeratan-utang.html'
    pdf: str  # the handout, site-relative: 'handouts/en/modus-jeratan-utang.pdf'
    url: str  # the page's public address: what the QR code holds


def handout_path(page: str, languages: list[str], default: str) -> str | None:
    """'en/modus/jeratan-utang.html' → 'handouts/en/modus-jeratan-utang.pdf'; None for pages without one."""
    parts = page.split("/")
    lang = parts[0] if parts[0] in languages and parts[0] != default else default
    rest = parts[1:] if lang != default else parts
    if len(rest) < 2 or rest[0] not in HANDOUT_SECTIONS or not rest[-1].endswith(".html") or rest[-1] == "index.html":
        return None
    return f"{HANDOUTS_DIR}/{lang}/{'-'.join(rest)[: -len('.html')]}.pdf"


def handout_link(page_url: str, languages: list[str], default: str) -> str | None:
    """The handout's address relative to the page itself (so it works from file:// too), or None."""
    pdf = handout_path(page_url, languages, default)
    return None if pdf is None else "../" * page_url.count("/") + pdf


def print_links(page_url: str, content: Content, lang: str) -> list[dict]:
    """What a page links to for printing: its handout, and the pocket cards on the directory's pages."""
    from .cards import cards_link
    from .text import Language

    L = Language(lang, content.default_language, content.ui)
    links = []
    for href, key in (
        (handout_link(page_url, content.languages, content.default_language), "handout_download"),
        (cards_link(page_url, content), "cards_download"),
    ):
        if href:
            # short: what the page's toolbar shows on a phone (overrides/partials/kie-page-tools.html)
            links.append({"href": href, "label": L.ui_text(key)[0], "short": L.ui_text(key + "_short")[0]})
    return links


def plan_handouts(site_dir: Path, languages: list[str], default: str, site_url: str) -> list[Job]:
    jobs = []
    for file in sorted(site_dir.rglob("*.html")):
        page = file.relative_to(site_dir).as_posix()
        pdf = handout_path(page, languages, default)
        if pdf:
            jobs.append(Job(page, pdf, public_url(site_url, page)))
    return jobs


def content_date() -> str:
    """Today, or SOURCE_DATE_EPOCH for reproducible builds. A cached PDF keeps the date it was first printed."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date().isoformat()
    return date.today().isoformat()


def cache_key(html: str, url: str) -> str:
    """Covers the text, the template, the styles, the address and the engine; not the date."""
    from .pdf import engine_version

    return hashlib.sha256(f"{engine_version()}\n{url}\n{html}".encode()).hexdigest()[:20]


def finish(html: str, key: str, url: str) -> str:
    from .printpage import qr_data_uri

    return html.replace(_VERSION, key[:8]).replace(_DATE, content_date()).replace(_QR, qr_data_uri(url))


def _print_to(html: str, base_url: str, site_dir: str, target: str) -> list[str]:
    """Worker: print one document into the cache. Returns the addresses it refused to fetch."""
    from .pdf import html_to_pdf

    pdf, blocked = html_to_pdf(html, base_url, Path(site_dir))
    if not blocked:
        tmp = Path(f"{target}.{os.getpid()}.tmp")
        tmp.write_bytes(pdf)
        tmp.replace(target)
    return blocked


class Progress:
    """'handouts [#####.....] 120/246' on stderr, redrawn in place; silent when stderr is not a terminal."""

    def __init__(self, total: int, label: str = "handouts", stream=None):
        self.total, self.done, self.label = total, 0, label
        self.stream = stream or sys.stderr
        self.enabled = total > 0 and self.stream.isatty()

    def step(self) -> None:
        self.done += 1
        if self.enabled:
            filled = 30 * self.done // self.total
            self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()


def print_all(tasks: dict[Path, tuple[str, str]], site_dir: Path, workers: int | None = None, label: str = "handouts"):
    """Print {cache file: (html, base_url)} in parallel. Raises BuildError if any page needed the network."""
    from .pdf import PrintError

    progress = Progress(len(tasks), label)
    refused: list[str] = []
    try:
        if len(tasks) == 1 or workers == 1:
            for target, (html, base) in tasks.items():
                refused += _print_to(html, base, str(site_dir), str(target))
                progress.step()
        elif tasks:
            # spawn, not fork: each worker starts clean, with no Pango or thread state copied from this process
            spawn = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(min(len(tasks), workers or os.cpu_count() or 1), mp_context=spawn) as pool:
                futures = [pool.submit(_print_to, html, b, str(site_dir), str(t)) for t, (html, b) in tasks.items()]
                for future in as_completed(futures):
                    refused += future.result()
                    progress.step()
    except PrintError as err:
        raise BuildError(str(err)) from None
    finally:
        progress.close()
    if refused:
        raise BuildError(f"handouts: printing asked for {refused[0]}; a handout may only use files inside the site")


def prune_cache(cache_dir: Path, used: set[Path]) -> None:
    cutoff = time.time() - CACHE_KEEP_DAYS * 86400
    for file in cache_dir.glob("*"):
        if file in used:
            os.utime(file)  # recently used: keep
        elif file.stat().st_mtime < cutoff or file.suffix == ".tmp":
            file.unlink(missing_ok=True)


def _site_name(page_html: str) -> str:
    title = re.search(r"<title>(.*?)</title>", page_html, re.S)
    return html_lib.unescape(title.group(1)).rsplit(" - ", 1)[-1].strip() if title else ""


def documents(project: Project, content: Content, site_dir: Path, site_url: str) -> list[tuple[str, str, str, Path]]:
    """Everything to print: (PDF path in the site, HTML with placeholders, public address, page it comes from)."""
    from .cards import plan_sheets, render_sheet
    from .printpage import read_page, render_handout

    found = []
    for job in plan_handouts(site_dir, project.codes, project.default_code, site_url):
        page = site_dir / job.page
        html = render_handout(read_page(page.read_text(encoding="utf-8"), job.url), content, job.url, *_HOLES)
        found.append((job.pdf, html, job.url, page))
    for sheet in plan_sheets(content, lambda lang: "" if lang == project.default_code else f"{lang}/"):
        page = site_dir / sheet.page
        if not page.is_file():
            raise BuildError(f"handouts: the card sheet {sheet.pdf} needs the page {sheet.page}, which was not built")
        url = public_url(site_url, sheet.page)
        html = render_sheet(sheet, content, site_url, _site_name(page.read_text(encoding="utf-8")), *_HOLES)
        found.append((sheet.pdf, html, url, page))
    return found


def export_handouts(project: Project, content: Content, site_dir: Path, workers: int | None = None) -> dict:
    """The post-build step: print what changed, copy every PDF into the site. Returns counts and time."""
    started = time.perf_counter()
    site_url = require_site_url(project)
    cache_dir = Path(os.environ.get("KIE_CACHE_DIR") or project.root / ".cache") / "handouts"
    cache_dir.mkdir(parents=True, exist_ok=True)
    tasks, placed = {}, {}
    for pdf, html, url, page in documents(project, content, site_dir, site_url):
        key = cache_key(html, url)
        target = cache_dir / f"{key}.pdf"
        placed[pdf] = target
        if not target.is_file() and target not in tasks:
            tasks[target] = (finish(html, key, url), page.as_uri())
    print_all(tasks, site_dir, workers)
    for rel, cached in placed.items():
        (site_dir / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, site_dir / rel)
    prune_cache(cache_dir, set(placed.values()))
    report = {"pdfs": len(placed), "printed": len(tasks), "seconds": time.perf_counter() - started}
    print(
        f"handouts: {report['pdfs']} PDFs ({report['printed']} printed, "
        f"{report['pdfs'] - report['printed']} unchanged) in {report['seconds']:.1f} s",
        file=sys.stderr,
    )
    return report
