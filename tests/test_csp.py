"""Content security policy and referrer: every page carries a policy that runs only the site's own files,
and nothing a reader taps tells another site which page they were reading."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import CSP_WATCH as WATCH
from conftest import PAGE_KINDS, save_offline, search_for
from kie.chromium import wait_for
from kie.engine.build import BuildError
from kie.engine.csp import secure_page, sha256

LANGS = ("", "en/", "jv/")
KINDS = [*PAGE_KINDS, "terjemahan/index.html"]
PAGES = [lang + kind for lang in LANGS for kind in KINDS] + ["404.html"]
PAGE = '<html><head><meta charset="utf-8"><title>t</title></head><body>{}</body></html>'


def policy_of(page: str) -> str:
    return re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page).group(1)


# ---------- the build step, without a browser ----------


def test_policy_allows_only_the_sites_own_files():
    policy = policy_of(secure_page(PAGE.format("<p>x</p>"), "p.html"))
    for directive in ("default-src 'self'", "script-src 'self'", "form-action 'self'", "base-uri 'self'"):
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_an_inline_script_fails_the_build_unless_its_template_marks_it():
    with pytest.raises(BuildError, match=r"p\.html: inline script <script>alert\(1\)"):
        secure_page(PAGE.format("<script>alert(1)</script>"), "p.html")
    with pytest.raises(BuildError, match="onclick"):
        secure_page(PAGE.format('<button onclick="go()">x</button>'), "p.html")
    marked = secure_page(PAGE.format("<script data-kie-inline>go()</script>"), "p.html")
    assert sha256("go()") in policy_of(marked).split("; ")[1]
    data = secure_page(PAGE.format('<script type="application/json">{"a": 1}</script>'), "p.html")
    assert policy_of(data).split("; ")[1] == "script-src 'self'"  # data blocks do not run


def test_style_attributes_are_allowed_by_their_hash_only():
    page = secure_page(PAGE.format('<td style="text-align: right;">1</td>'), "p.html")
    assert f"'unsafe-hashes' {sha256('text-align: right;')}" in policy_of(page)


def test_links_to_other_sites_get_noreferrer_and_local_links_stay():
    page = secure_page(
        PAGE.format(
            '<a href="https://wa.me/62811">wa</a><a href="modus/x.html">in</a>'
            '<a class="kie-exit" href="https://www.bmkg.go.id/" rel="noreferrer">exit</a>'
        ),
        "p.html",
    )
    assert '<a href="https://wa.me/62811" rel="noreferrer noopener">' in page
    assert '<a href="modus/x.html">' in page
    assert '<a class="kie-exit" href="https://www.bmkg.go.id/" rel="noreferrer noopener">' in page


def test_every_built_page_has_the_policy_first_and_no_referrer(built_site):
    pages = [p for p in built_site.rglob("*.html") if "handouts" not in p.parts]
    assert len(pages) > 300
    for file in pages:
        text = file.read_text(encoding="utf-8")
        assert '<meta name="referrer" content="no-referrer">' in text, file
        assert text.count('http-equiv="Content-Security-Policy"') == 1, file
        head = text[: text.index("</head>")]
        assert head.index("Content-Security-Policy") < min(
            [m.start() for m in re.finditer(r"<script|<link|<style", head)] or [len(head)]
        ), file
        for tag in re.findall(r"<a\s[^>]*href=\"https?://[^>]*>", text):
            assert "noreferrer" in tag, (file, tag)


# ---------- in chromium ----------


def violations(page) -> list[str]:
    return page.evaluate("window.__csp")


def visit_all(page, url_of, label) -> list:
    found = []
    for path in PAGES:
        page.goto(url_of(path))
        page.wait_for_load_state("load")
        found += [(label, path, v) for v in violations(page)]
    # the scripts' own work: search (loads the index script), the directory filter, presentation view
    page.goto(url_of("en/layanan/provinsi/53-nusa-tenggara-timur.html"))
    search_for(page, "debt", timeout=10000)
    found += [(label, "search", v) for v in violations(page)]
    page.goto(url_of("modus/jeratan-utang.html") + "?presentasi")
    page.keyboard.press("ArrowRight")
    found += [(label, "presentation", v) for v in violations(page)]
    return found


def test_no_policy_violation_online(browser, served_site):
    ctx = browser.new_context(viewport={"width": 360, "height": 740})
    ctx.add_init_script(WATCH)
    try:
        assert visit_all(ctx.new_page(), lambda p: served_site + p, "online") == []
    finally:
        ctx.close()


def test_no_policy_violation_from_files(browser, built_site):
    ctx = browser.new_context(viewport={"width": 360, "height": 740})
    ctx.add_init_script(WATCH)
    try:
        assert visit_all(ctx.new_page(), lambda p: (built_site / p).as_uri(), "file") == []
    finally:
        ctx.close()


def test_no_policy_violation_offline_from_the_service_worker(browser, served_site):
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="allow")
    ctx.add_init_script(WATCH)
    try:
        page = ctx.new_page()
        page.goto(served_site + "index.html")
        save_offline(page, "all", timeout=180000)
        wait_for(page, "navigator.serviceWorker.controller !== null", timeout=15000)
        found = [("saving", "index.html", v) for v in violations(page)]
        ctx.set_offline(True)
        found += visit_all(page, lambda p: served_site + p, "offline")
        assert page.evaluate("navigator.serviceWorker.controller !== null")
        assert found == []
    finally:
        ctx.close()


def test_a_script_injected_into_a_page_is_blocked(browser, built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("handouts", "unduh", "offline"))
    page_file = site / "modus" / "jeratan-utang.html"
    text = page_file.read_text(encoding="utf-8")
    injected = '<script>document.title = "injected"</script><img src="x.png" onerror="document.title = \'onerror\'">'
    page_file.write_text(text.replace("<h1", injected + "<h1", 1), encoding="utf-8")
    ctx = browser.new_context()
    ctx.add_init_script(WATCH)
    try:
        page = ctx.new_page()
        page.goto(page_file.as_uri())
        page.wait_for_timeout(300)
        assert page.title() not in ("injected", "onerror")
        assert any(v.startswith("script-src") for v in violations(page))
    finally:
        ctx.close()


def test_tapping_a_link_to_another_site_sends_no_referrer(browser, served_site):
    ctx = browser.new_context(viewport={"width": 360, "height": 740})
    sent = []

    def answer(route):  # answered here: the request never leaves the machine
        sent.append((route.request.url, route.request.headers))
        route.fulfill(body="<title>elsewhere</title>", content_type="text/html")

    ctx.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), answer)
    try:
        page = ctx.new_page()
        page.goto(served_site + "layanan/sapa-129.html")
        link = page.locator("article a[href^='https://']").first
        href = link.get_attribute("href")
        with page.expect_navigation():
            link.click()
        page.goto(served_site + "modus/jeratan-utang.html")
        page.click("[data-kie-exit]")  # quick exit
        page.wait_for_url("https://www.bmkg.go.id/")
    finally:
        ctx.close()
    assert [url for url, _ in sent][:1] == [href] and any("bmkg" in url for url, _ in sent)
    assert all("referer" not in headers for _, headers in sent), sent
