"""Benchmark: printing handouts. Time per handout (by kind of page) and for the full export, cold and warm.

Copies the project into a temporary folder, builds the site there (MkDocs only), then:
1. prints a sample of each kind of document one after another in this process: seconds per handout;
2. runs the full export with an empty cache (every PDF printed, in parallel on every core);
3. runs it again with nothing changed (every PDF from the cache).
With --chromium it also prints the same sample with Chromium (Playwright, Debian's /usr/bin/chromium):
the comparison behind the choice of engine (handbook/dev/decisions.md). Nothing is written to the project itself.

    .venv/bin/python scripts/bench/handouts.py               # sample of 5 per kind, full export
    .venv/bin/python scripts/bench/handouts.py --chromium    # also Chromium, on the same sample
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from scratch import REPO, cpu_seconds, scratch_project


def kind_of(pdf: str) -> str:
    name = pdf.rsplit("/", 1)[-1]
    if name.startswith("kartu-"):
        return "pocket cards"
    if name.startswith("layanan-provinsi-"):
        return "province"
    return name.split("-", 1)[0]


def sample(documents: list, per_kind: int) -> list:
    """The first `per_kind` documents of each kind, finished (QR code, version, date) and ready to print."""
    from kie.print.handouts import cache_key, finish

    chosen, seen = [], {}
    for pdf, html, url, page in documents:
        kind = kind_of(pdf)
        if seen.get(kind, 0) < per_kind:
            seen[kind] = seen.get(kind, 0) + 1
            chosen.append((kind, finish(html, cache_key(html, url), url), page))
    return chosen


def time_weasyprint(chosen: list, site: Path) -> dict[str, list[float]]:
    from kie.print.pdf import html_to_pdf

    html_to_pdf("<p>warm-up</p>", site.as_uri() + "/", site)  # fonts and Pango load once per process
    times: dict[str, list[float]] = {}
    cpu = time.process_time()
    for kind, html, page in chosen:
        started = time.perf_counter()
        pdf, blocked = html_to_pdf(html, page.as_uri(), site)
        times.setdefault(kind, []).append(time.perf_counter() - started)
        times.setdefault("_bytes", []).append(len(pdf))
        assert not blocked, blocked
    print(f"WeasyPrint CPU time: {(time.process_time() - cpu) / len(chosen):.3f} s per handout (mean)")
    return times


def time_chromium(chosen: list) -> tuple[float, dict[str, list[float]]]:
    from kie import chromium
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    times: dict[str, list[float]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium.EXECUTABLE, args=chromium.ARGS)
        context = browser.new_context()
        outside: list[str] = []
        context.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(("data:", "file:"))
                else (outside.append(route.request.url), route.abort())
            ),
        )
        tab = context.new_page()
        startup = time.perf_counter() - started
        for kind, html, _page in chosen:
            t = time.perf_counter()
            tab.set_content(html, wait_until="load")
            pdf = tab.pdf(format="A4", print_background=True, prefer_css_page_size=True)
            times.setdefault(kind, []).append(time.perf_counter() - t)
            times.setdefault("_bytes", []).append(len(pdf))
        browser.close()
    assert not outside, outside
    return startup, times


def report(engine: str, times: dict[str, list[float]]) -> None:
    all_times = [t for kind, ts in times.items() if kind != "_bytes" for t in ts]
    print(f"\n{engine}: per handout, seconds (median / max over the sample)")
    for kind in sorted(k for k in times if k != "_bytes"):
        ts = times[kind]
        print(f"  {kind:<14} {statistics.median(ts):6.3f} / {max(ts):6.3f}   ({len(ts)} printed)")
    print(f"  {'all':<14} {statistics.median(all_times):6.3f} / {max(all_times):6.3f}")
    print(f"  PDF size: median {statistics.median(times['_bytes']) / 1024:.0f} KB")


def count_pages(folder: Path) -> int:
    from pypdf import PdfReader

    return sum(len(PdfReader(pdf).pages) for pdf in folder.rglob("*.pdf"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=5, help="sample size per kind of document (default 5)")
    parser.add_argument("--chromium", action="store_true", help="also time Chromium on the same sample")
    parser.add_argument("--no-export", action="store_true", help="only the per-handout sample")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.path.insert(0, str(REPO / "scripts"))
    from kie.engine.build import run_mkdocs
    from kie.engine.page_html import read_built_page
    from kie.model.content import require_valid
    from kie.model.project import load_project, require_site_url
    from kie.print.handouts import documents, export_handouts

    with scratch_project("handouts") as root:
        project = load_project(root)
        content, _ = require_valid(project)
        site = root / "site"
        started = time.perf_counter()
        run_mkdocs(project, site)
        print(f"site built (MkDocs only) in {time.perf_counter() - started:.1f} s; {os.cpu_count()} cores")
        load = " ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"load average (1, 5, 15 min): {load} (other work on the machine slows every number)")
        docs = documents(project, content, site, require_site_url(project), read_built_page)
        chosen = sample(docs, args.pages)
        print(f"{len(docs)} documents to print; sample: {len(chosen)}")
        report("WeasyPrint", time_weasyprint(chosen, site))
        if args.chromium:
            startup, times = time_chromium(chosen)
            print(f"\nChromium start-up: {startup:.2f} s")
            report("Chromium", times)
        if not args.no_export:
            cpu = cpu_seconds()
            cold = export_handouts(project, content, site, read_built_page)
            cpu = cpu_seconds() - cpu
            warm = export_handouts(project, content, site, read_built_page)
            pages = count_pages(site / "handouts")
            print(f"\nfull export, empty cache: {cold['pdfs']} PDFs printed in {cold['seconds']:.1f} s")
            print(
                f"  {pages} pages; CPU {cpu:.1f} s in all processes: {cpu / pages:.3f} s per page, "
                f"{cpu / cold['printed']:.3f} s per PDF ({os.cpu_count()} cores)"
            )
            print(f"full export, nothing changed: {warm['printed']} printed in {warm['seconds']:.1f} s")
            size = sum(f.stat().st_size for f in (site / "handouts").rglob("*.pdf"))
            print(f"handouts on disk: {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
