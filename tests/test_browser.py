"""In a real browser (Debian's chromium via Playwright), no page makes a request outside the site."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


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


def test_no_page_requests_anything_outside_the_site(browser, built_site, served_site):
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    assert len(pages) > 100
    outside, local = [], []
    context = browser.new_context(viewport={"width": 360, "height": 740})

    def guard(route):
        url = route.request.url
        if url.startswith(served_site) or url.startswith("data:") or url.startswith("blob:"):
            local.append(url)
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    for rel in pages:
        page.goto(served_site + rel, wait_until="load")
    context.close()
    assert outside == []
    assert any(u.endswith(".css") for u in local) and any(u.endswith(".js") for u in local)  # the guard saw traffic
