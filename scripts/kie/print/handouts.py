"""Post-build step: every content page of the built site as an A4 PDF, per language, under site/handouts/.

Pages are printed in parallel (one process per core). A PDF is kept in a cache outside site/ under
the hash of everything it is made from, so a rebuild prints only the pages whose text changed.
"""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import os
import shutil
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..model import clock
from ..model.content import Content
from ..model.fingerprint import files_under, package_digest
from ..model.problems import BuildError
from ..model.project import Project, require_site_url, write_cache_file
from ..views import urls
from ..views.text import Language
from .cards import plan_sheets, render_sheet
from .pdf import PrintError, engine_version, html_to_pdf
from .printpage import BuiltPage, qr_data_uri, read_page, render_handout

PageReader = Callable[[str], BuiltPage]  # a built page's HTML -> what printing needs of it

CACHE_KEEP_DAYS = 30  # unused cached PDFs older than this are removed
# Filled in after hashing: the date is not part of the key, and a QR code is only made for pages printed anew.
_VERSION, _DATE, _QR = "@@kie-version@@", "@@kie-date@@", "@@kie-qr@@"
HOLES = (_VERSION, _DATE, _QR)


@dataclass(frozen=True)
class Job:
    page: str  # the built page, site-relative: 'en/modus/jeratan-utang.html'
    pdf: str  # the handout, site-relative: 'handouts/en/modus-jeratan-utang.pdf'
    url: str  # the page's public address: what the QR code holds


def print_links(page_url: str, content: Content, lang: str) -> list[dict]:
    """What a page links to for printing: its handout, and the pocket cards on the directory's pages."""

    L = Language(lang, content.default_language, content.ui)
    links = []
    for href, key in (
        (urls.handout_link(page_url, content.languages, content.default_language), "handout_download"),
        (
            urls.cards_link(page_url, content.languages, content.default_language, content.regions.provinces.values()),
            "cards_download",
        ),
    ):
        if href:
            # short: what the page's toolbar shows on a phone (overrides/partials/kie-page-tools.html)
            links.append({"href": href, "label": L.ui_text(key)[0], "short": L.ui_text(key + "_short")[0]})
    return links


def plan_handouts(site_dir: Path, languages: list[str], default: str, site_url: str) -> list[Job]:
    jobs = []
    for file in sorted(site_dir.rglob("*.html")):
        page = file.relative_to(site_dir).as_posix()
        pdf = urls.handout_path(page, languages, default)
        if pdf:
            jobs.append(Job(page, pdf, urls.public_url(site_url, page)))
    return jobs


def content_date() -> str:
    """Today (KIE_TODAY), or SOURCE_DATE_EPOCH for reproducible builds. A cached PDF keeps its first print date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date().isoformat()
    return clock.today().isoformat()


def cache_key(html: str, url: str) -> str:
    """Covers the text, the template, the styles, the address and the engine; not the date."""
    return hashlib.sha256(f"{engine_version()}\n{url}\n{html}".encode()).hexdigest()[:20]


def finish(html: str, key: str, url: str) -> str:
    return html.replace(_VERSION, key[:8]).replace(_DATE, content_date()).replace(_QR, qr_data_uri(url))


def _print_to(html: str, base_url: str, site_dir: str, target: str) -> list[str]:
    """Worker: print one document into the cache. Returns the addresses it refused to fetch."""
    pdf, blocked = html_to_pdf(html, base_url, Path(site_dir))
    if not blocked:
        write_cache_file(Path(target), pdf)
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


# Starting a print worker costs more CPU (about 1 s: WeasyPrint, fonts) than printing a handout (0.2-0.3 s), so
# a few documents, such as the pages of one edited entry, are printed here, one after another.
IN_PROCESS_UP_TO = 8


def print_all(
    tasks: dict[Path, tuple], site_dir: Path, workers: int | None = None, label: str = "handouts", make=_print_to
):
    """Print {cache file: (html, base_url)} in parallel. Raises BuildError if any page needed the network.
    `make(html, base_url, site_dir, target)`: what a worker does with one task (kie.print.media makes images)."""
    progress = Progress(len(tasks), label)
    refused: list[str] = []
    try:
        if len(tasks) <= IN_PROCESS_UP_TO or workers == 1:
            for target, (html, base) in tasks.items():
                refused += make(html, base, str(site_dir), str(target))
                progress.step()
        elif tasks:
            # spawn, not fork: each worker starts clean, with no Pango or thread state copied from this process
            spawn = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(min(len(tasks), workers or os.cpu_count() or 1), mp_context=spawn) as pool:
                futures = [pool.submit(make, html, b, str(site_dir), str(t)) for t, (html, b) in tasks.items()]
                for future in as_completed(futures):
                    refused += future.result()
                    progress.step()
    except PrintError as err:
        raise BuildError(str(err)) from None
    finally:
        progress.close()
    if refused:
        raise BuildError(
            f"{label}: printing asked for {refused[0]}; print documents may only use files inside the site"
        )


def prune_cache(cache_dir: Path, used: set[Path]) -> None:
    cutoff = time.time() - CACHE_KEEP_DAYS * 86400
    for file in cache_dir.glob("*"):
        if file in used:
            os.utime(file)  # recently used: keep
        elif file.stat().st_mtime < cutoff or file.suffix == ".tmp":
            file.unlink(missing_ok=True)


def planned(project: Project, content: Content, site_dir: Path, site_url: str, read: PageReader) -> list[tuple]:
    """Everything to print, not yet rendered: (PDF path in the site, public address, page it comes from,
    the text its print document is made from, a function returning that document's HTML with placeholders).
    `read` takes what printing needs out of a built page (the engine knows its theme's HTML)."""
    found = []
    for job in plan_handouts(site_dir, project.codes, project.default_code, site_url):
        page = site_dir / job.page
        text = page.read_text(encoding="utf-8")
        render = functools.partial(
            lambda t, u: render_handout(read_page(read(t), u), content, u, *HOLES), text, job.url
        )
        found.append((job.pdf, job.url, page, text, render))
    for sheet in plan_sheets(content):
        page = site_dir / sheet.page
        if not page.is_file():
            raise BuildError(f"handouts: the card sheet {sheet.pdf} needs the page {sheet.page}, which was not built")
        url = urls.public_url(site_url, sheet.page)
        name = read(page.read_text(encoding="utf-8")).site_name
        render = functools.partial(lambda s, n: render_sheet(s, content, site_url, n, *HOLES), sheet, name)
        found.append((sheet.pdf, url, page, f"{sheet.pdf}\n{name}", render))
    return found


def documents(
    project: Project, content: Content, site_dir: Path, site_url: str, read: PageReader
) -> list[tuple[str, str, str, Path]]:
    """Everything to print: (PDF path in the site, HTML with placeholders, public address, page it comes from)."""
    plan = planned(project, content, site_dir, site_url, read)
    return [(pdf, render(), url, page) for pdf, url, page, _, render in plan]


def inputs_digest(project: Project) -> str:
    """What every print document depends on besides its page: content/, mkdocs.yml, this package's code and
    print templates and the installed packages (the print engine among them)."""
    digest = hashlib.sha256(package_digest().encode())
    for file in [project.root / "mkdocs.yml", *files_under(project.content_dir)]:
        if file.is_file():
            digest.update(f"{file.relative_to(project.root)}\0".encode() + file.read_bytes())
    return digest.hexdigest()


def export_handouts(
    project: Project, content: Content, site_dir: Path, read: PageReader, workers: int | None = None
) -> dict:
    """The post-build step: print what changed, copy every PDF into the site. Returns counts and time.
    `read`: what printing needs of a built page, from the engine that built it (kie.engine.page_html)."""
    started = time.perf_counter()
    site_url = require_site_url(project)
    cache_dir = project.cache_dir / "handouts"
    cache_dir.mkdir(parents=True, exist_ok=True)
    # Rendering a print document (parsing its page) costs more than anything else in a rebuild: remember
    # each document's key under a hash of what it is made from, and render only when that changed.
    known_file = cache_dir / "keys.json"
    known = json.loads(known_file.read_text(encoding="utf-8")) if known_file.is_file() else {}
    common, seen = inputs_digest(project), {}
    tasks, placed = {}, {}
    for pdf, url, page, source, render in planned(project, content, site_dir, site_url, read):
        made_from = hashlib.sha256(f"{common}\n{url}\n{source}".encode()).hexdigest()[:24]
        key = known.get(made_from)
        html = None
        if key is None or not (cache_dir / f"{key}.pdf").is_file():
            html = render()
            key = cache_key(html, url)
        seen[made_from] = key
        target = cache_dir / f"{key}.pdf"
        placed[pdf] = target
        if not target.is_file() and target not in tasks:
            tasks[target] = (finish(html, key, url), page.as_uri())
    print_all(tasks, site_dir, workers)
    for rel, cached in placed.items():
        (site_dir / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, site_dir / rel)
    prune_cache(cache_dir, set(placed.values()) | {known_file})
    # keep the keys of other builds sharing this cache (a regional edition prints its own address): only those
    # whose PDF is still there
    kept = {made_from: key for made_from, key in known.items() if (cache_dir / f"{key}.pdf").is_file()}
    write_cache_file(known_file, json.dumps({**kept, **seen}, sort_keys=True))
    report = {"pdfs": len(placed), "printed": len(tasks), "seconds": time.perf_counter() - started}
    tell("handouts", f"{report['pdfs']} PDFs", report["printed"], "printed", report["pdfs"], report["seconds"])
    return report


def tell(step: str, what: str, made: int, verb: str, total: int, seconds: float) -> None:
    """'handouts: 486 PDFs (3 printed, 483 unchanged) in 4.1 s' on stderr, after a print step."""
    print(f"{step}: {what} ({made} {verb}, {total - made} unchanged) in {seconds:.1f} s", file=sys.stderr)
