"""Shared test helpers: temporary projects made from fixture folders, and one real site build.

The suite runs in three layers (pytest markers, set here from the fixtures a test uses):
- fast (no marker): pure functions, fixtures, the CLI in this process — `make test-fast`, seconds;
- site: needs the real site built (once per run; handouts come from a print cache kept in .cache/);
- browser: opens pages in Debian's chromium.
`make test` runs all three.
"""

from __future__ import annotations

import atexit
import functools
import http.server
import os
import re
import shutil
import tempfile
import threading
import zipfile
from pathlib import Path

import pytest
import yaml
from kie.chromium import ARGS as LAUNCH_ARGS
from kie.chromium import EXECUTABLE as CHROMIUM
from kie.chromium import wait_for
from kie.views.urls import bundle_folder, bundle_path

REPO = Path(__file__).resolve().parents[1]
# Where the test copies of the project are "published": .test is reserved for testing (RFC 2606) but, unlike the
# .example address mkdocs.yml ships, it is not a placeholder, so handouts print its QR codes.
PUBLISHED = "https://cegah-tppo.test/"
FIXTURES = Path(__file__).parent / "fixtures"
# Every date rule (freshness, future dates, print dates) sees the same day, whenever the suite runs.
os.environ.setdefault("KIE_TODAY", "2026-12-04")
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# One built page of each kind, in the default language (browser tests add the language folders they need).
PAGE_KINDS = [
    "index.html",
    "modus/index.html",
    "modus/jeratan-utang.html",
    "hak/hak-restitusi.html",
    "hukum/uu-21-2007.html",
    "layanan/index.html",
    "layanan/sapa-129.html",
    "layanan/provinsi/53-nusa-tenggara-timur.html",
    "panduan/alur-rujukan.html",
    "keamanan.html",
    "sesi/kampus.html",
    "kuis/index.html",
    "formulir/rujukan.html",
]
SITE_FIXTURES = {"built_site", "served_site", "sundanese", "project_copy", "ntt_edition"}  # each builds a site
BROWSER_FIXTURES = {"browser"}


def pytest_collection_modifyitems(items):
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if used & SITE_FIXTURES:
            item.add_marker(pytest.mark.site)


@functools.cache
def _valid_base() -> Path:
    """The valid fixture with the real schemas and regions, prepared once per run (many tests start from it)."""
    base = Path(tempfile.mkdtemp(prefix="kie-valid-")) / "project"
    atexit.register(shutil.rmtree, base.parent, True)
    shutil.copytree(FIXTURES / "valid", base)
    shutil.copytree(REPO / "content" / "schema", base / "content" / "schema", dirs_exist_ok=True)
    shutil.copytree(REPO / "content" / "regions", base / "content" / "regions", dirs_exist_ok=True)  # province codes
    _drop_research(base / "content" / "regions")
    return base


def make_project(dest: Path, *overlays: Path) -> Path:
    """A validator-only project: the valid fixture, the real schemas and regions, then each overlay on top."""
    shutil.copytree(_valid_base(), dest, dirs_exist_ok=True)
    for overlay in overlays:
        shutil.copytree(overlay, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
    return dest


def _drop_research(folder: Path) -> None:
    """The real research records name the real services, which a fixture project does not have."""
    for file in folder.glob("[0-9]*.yml"):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        if not data.get("regencies"):
            file.unlink()
            continue
        lines = [f'  - {{code: "{r["code"]}", name: {r["name"]}}}' for r in data["regencies"]]
        file.write_text("regencies:\n" + "\n".join(lines) + "\n", encoding="utf-8")


def copy_repo(dest: Path, site_url: str = PUBLISHED) -> Path:
    """A full copy of this project (content, docs, overrides, mkdocs.yml) that a test may break, published at
    `site_url` (a real address by default, so handouts get their QR codes; mkdocs.yml ships an example one)."""
    ignore = shutil.ignore_patterns(
        ".git", "site", ".site.*", ".venv", "__pycache__", "*.egg-info", ".*_cache", ".cache", "tests"
    )
    shutil.copytree(REPO, dest, ignore=ignore, dirs_exist_ok=True)
    config = dest / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url: .*$", f"site_url: {site_url}", config.read_text(encoding="utf-8")))
    return dest


@pytest.fixture(scope="session", autouse=True)
def shared_print_cache() -> Path:
    """All test builds share one handout cache, kept between runs in .cache/test-handouts: a PDF is keyed by the
    hash of everything it is printed from, so only pages whose text changed are printed again."""
    cache = Path(os.environ.get("KIE_TEST_CACHE") or REPO / ".cache" / "test-handouts")
    cache.mkdir(parents=True, exist_ok=True)
    os.environ["KIE_CACHE_DIR"] = str(cache)
    return cache


@pytest.fixture(scope="session")
def repo_content():
    """The repository's own content, loaded and checked once per run: (content, problems). Read it, never change it."""
    from kie.model.content import load_content
    from kie.model.project import load_project

    return load_content(load_project(REPO))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The repo's own content built once into a temporary folder (all languages)."""
    from kie.engine.build import build_site
    from kie.model.project import load_project

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    root = copy_repo(tmp_path_factory.mktemp("repo"))
    out = root / "site"
    build_site(load_project(root), out)
    return out


@pytest.fixture(scope="session")
def ntt_edition(tmp_path_factory) -> Path:
    """The NTT edition built once as `kie build --edition ntt -d DIR/ntt` does, into a folder DIR that stands
    for the web server's root (the edition's address is the national one + 'ntt/')."""
    from kie.engine.build import build_site
    from kie.model.project import load_project

    root = copy_repo(tmp_path_factory.mktemp("repo-ntt"))
    out = tmp_path_factory.mktemp("www") / "ntt"
    build_site(load_project(root), out, edition="ntt")
    return out


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: browser tests cannot run (install Debian's 'chromium')")
        pytest.skip("chromium is not installed (apt-get install chromium); CI fails here instead of skipping")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def served_site(built_site):
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def context(browser):
    """A fresh phone-sized browser profile with service workers (no request routing: it would bypass the worker).
    A test file may define its own `context` instead."""
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="allow")
    yield ctx
    ctx.close()


def search_for(page, query: str, timeout: int = 30000) -> str:
    """Open the search box, type `query`, wait for the results; the first result's address."""
    page.click("label.md-header__button[for=__search]")
    page.fill(".md-search__input", query)
    page.wait_for_selector(".md-search-result__item", timeout=timeout)
    return page.get_attribute(".md-search-result__link", "href")


def guarded_context(browser, site_url: str, **options):
    """A phone-sized browser context that may only reach `site_url` (and the data: and blob: addresses a page makes).
    Returns (context, addresses it tried outside: refused, addresses it reached)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, **options)
    outside: list[str] = []
    local: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith((site_url, "data:", "blob:")):
            local.append(url)
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    return context, outside, local


# Every content security policy violation the browser reports, from the page's first script on (window.__csp).
CSP_WATCH = (
    "window.__csp = []; document.addEventListener('securitypolicyviolation', e => "
    "window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));"
)


# `kie serve` for a session: its Wi-Fi, with every character the Wi-Fi QR format reserves.
SSID, PASSWORD = "Kelas TPPO; lantai:2", 'rahasia,"123"\\'


@pytest.fixture(scope="session")
def classroom(built_site, tmp_path_factory):
    """`kie serve` as a facilitator starts it, with 127.0.0.1 as the 'Wi-Fi' address. Its reports and journal
    go to a folder of their own; `key` is the facilitator's key the terminal shows."""
    from kie.serve.phones import start_server

    folder = tmp_path_factory.mktemp("serve")
    log = folder / "stderr.txt"
    command = ["--root", str(built_site.parent), "serve", "--host", "127.0.0.1", "--port", "0"]
    command += ["--session", "kampus", "--province", "53", "--reports", str(folder / "laporan")]
    command += ["--wifi-ssid", SSID, "--wifi-password", PASSWORD]
    with log.open("w") as stderr:
        server = start_server(command, stderr)
    yield {
        "port": server.port,
        "site": built_site,
        "stdout": server.out,
        "stderr": log,
        "key": server.key,
        "reports": folder / "laporan",
    }
    server.proc.terminate()
    server.proc.wait(10)


def save_offline(page, which: str, timeout: int = 120000) -> tuple[str, str]:
    """Tap "save for offline", then the choice `which` ('lang' or 'all'), as a reader does; wait until the page says
    it is done. Returns the size the button offered and what the status line says."""
    page.click("[data-kie-save-open]")
    page.wait_for_selector("[data-kie-choices]:not([hidden])")
    size = page.inner_text(f"[data-kie-save='{which}']")
    page.click(f"[data-kie-save='{which}']")
    wait_for(page, "document.querySelector('[data-kie-status]').textContent.length > 20", timeout=timeout)
    return size, page.inner_text("[data-kie-status]")


def open_bundle(browser, built_site: Path, folder: Path, edition: str | None = None):
    """The USB zip (of the national site, or of a regional edition) unpacked into `folder`, and a phone-sized
    browser that may only open files.

    Returns (context, site root, addresses outside the files that something tried to reach)."""
    with zipfile.ZipFile(built_site / bundle_path(edition)) as zf:
        zf.extractall(folder)
    outside: list[str] = []
    ctx = browser.new_context(viewport={"width": 360, "height": 740})
    ctx.route(
        "**/*",
        lambda r: r.continue_() if r.request.url.startswith("file://") else (outside.append(r.request.url), r.abort()),
    )
    return ctx, folder / bundle_folder(edition), outside
