"""Benchmark: how the services directory scales to a complete national directory.

For each size (default 500, 5,000 and 20,000 services) this copies the project into a temporary folder,
adds synthetic regencies (514, as in Indonesia) and synthetic services spread over them, builds the site,
and reports the time of each stage and the bytes a phone downloads (in a real browser, at 360 px) to open
the directory page and the largest province page. Nothing is written to the project itself.

    .venv/bin/python scripts/bench/directory.py                 # 500, 5000, 20000
    .venv/bin/python scripts/bench/directory.py 500 --post-build   # also time handouts, offline bundle
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml
from scratch import REPO, copy_project

REGENCIES = 514
KINDS = ("uptd-ppa", "police-ppa", "health", "legal-aid", "ngo", "social-service", "shelter")
OFFERS = ("complaint", "counselling", "medical", "psychosocial", "legal-aid", "safe-house", "reintegration")


def make_project(dest: Path, services: int, seed: int = 1) -> Path:
    """A copy of the project with synthetic regencies and `services` synthetic local services."""
    copy_project(dest)
    rng = random.Random(seed)
    regions = dest / "content" / "regions"
    provinces = [p["code"] for p in yaml.safe_load((regions / "provinces.yml").read_text())["provinces"]]
    regencies: list[str] = []
    for i, code in enumerate(provinces):
        file = regions / f"{code}.yml"
        known = yaml.safe_load(file.read_text())["regencies"] if file.exists() else []
        have = {r["code"] for r in known}
        wanted = REGENCIES // len(provinces) + (1 if i < REGENCIES % len(provinces) else 0)
        extra = [f"{code}.{n:02d}" for n in range(1, 70) if f"{code}.{n:02d}" not in have][: max(0, wanted - len(have))]
        known += [{"code": c, "name": f"Kabupaten Sintetis {c}"} for c in extra]
        file.write_text(yaml.safe_dump({"regencies": known}, allow_unicode=True), encoding="utf-8")
        regencies += [r["code"] for r in known]
    folder = dest / "content" / "services" / "sintetis"
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(services):
        area = rng.choice(provinces) if rng.random() < 0.2 else rng.choice(regencies)
        kind = KINDS[n % len(KINDS)]
        entry = {
            "id": f"sintetis-{n:05d}",
            "name": {"id": f"Layanan sintetis {n} ({kind})", "en": f"Synthetic service {n}"},
            "kind": kind,
            "coverage": [area],
            "offers": sorted(rng.sample(OFFERS, rng.randint(1, 3)), key=OFFERS.index),
            "description": {"id": "Layanan contoh untuk uji skala. Bukan layanan nyata; jangan dihubungi."},
            "phones": [{"number": f"0812-0000-{n % 10000:04d}"}],
            "hours": {"id": "Senin–Jumat 08.00–16.00"},
            "source": "Data sintetis untuk benchmark",
            "source_date": "2026-11",
            "source_read_on": "2026-11",
            "confidence": "L",
        }
        (folder / f"{entry['id']}.yml").write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
    return dest


def timed(label: str, times: dict, fn, *args):
    """Wall time and this process's CPU time: on a shared machine the CPU time is the steadier number."""
    start, cpu = time.perf_counter(), time.process_time()
    result = fn(*args)
    times[label] = (time.perf_counter() - start, time.process_time() - cpu)
    return result


def build(root: Path, post_build: bool) -> tuple[dict, int, Path]:
    from kie.engine.build import POST_BUILD_STEPS, run_mkdocs
    from kie.model.content import require_valid
    from kie.model.project import load_project
    from kie.views.pages import plan_pages

    times: dict[str, tuple[float, float]] = {}
    project = load_project(root)
    content, _ = timed("load + check content", times, require_valid, project)
    pages = timed("render pages", times, plan_pages, content)
    site = root / "site"
    timed("mkdocs build (incl. load + render again)", times, run_mkdocs, project, site)
    if post_build:
        for step in POST_BUILD_STEPS:
            timed(f"post-build: {step.__name__}", times, step, project, content, site)
    return times, len(pages), site


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def page_weight(site: Path, paths: list[str]) -> dict[str, dict[str, int]]:
    """Bytes a browser at 360 px fetches to show each page (a fresh visit: nothing cached)."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    args += ["--disable-component-update", "--disable-sync", "--no-first-run"]
    found = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=args)
        for path in paths:
            context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
            page = context.new_page()
            bodies: list[tuple[str, bytes]] = []
            page.on("response", lambda r, b=bodies: b.append((r.url, r.body())) if r.ok else None)
            page.goto(base + path, wait_until="networkidle")
            raw = sum(len(body) for _, body in bodies)
            packed = sum(len(gzip.compress(body)) for _, body in bodies)
            html = next(len(body) for url, body in bodies if url.endswith(path))
            search = sum(len(body) for url, body in bodies if "search_index" in url)
            found[path] = {"requests": len(bodies), "raw": raw, "gzip": packed, "html": html, "search index": search}
            context.close()
        browser.close()
    server.shutdown()
    return found


def largest_province_page(site: Path) -> str:
    pages = sorted((site / "layanan" / "provinsi").glob("*.html"), key=lambda f: f.stat().st_size)
    return pages[-1].relative_to(site).as_posix()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[500, 5000, 20000])
    parser.add_argument("--post-build", action="store_true", help="also run handouts, offline files and the zip")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects (their paths are printed)")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.path.insert(0, str(REPO / "scripts"))
    for size in args.sizes:
        root = Path(tempfile.mkdtemp(prefix=f"kie-bench-{size}-"))
        try:
            make_project(root, size)
            times, generated, site = build(root, args.post_build)
            province = largest_province_page(site)
            weights = page_weight(site, ["layanan/index.html", province])
            print(f"\n== {size} synthetic services (+ the real ones), {generated} generated pages")
            for label, (wall, cpu) in times.items():
                print(f"  {label:45} {wall:7.1f} s wall, {cpu:7.1f} s CPU")
            for path, w in weights.items():
                print(
                    f"  {path:45} {w['requests']} requests, {w['raw'] / 1024:7.0f} KB raw, {w['gzip'] / 1024:5.0f} KB "
                    f"gzip (page {w['html'] / 1024:.0f} KB, search index {w['search index'] / 1024:.0f} KB)"
                )
            print(f"  site size {sum(f.stat().st_size for f in site.rglob('*') if f.is_file()) / 2**20:.0f} MB")
        finally:
            if args.keep:
                print(f"  kept: {root}")
            else:
                shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
