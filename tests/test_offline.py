"""Offline and on a phone: service worker, save/remove, USB bundle, quick exit, nothing stored, axe."""

from __future__ import annotations

import json
import zipfile

import pytest
from conftest import PAGE_KINDS, open_bundle, save_offline, search_for
from kie.chromium import wait_for
from kie.engine.page_html import take_search_entries
from kie.offline.packs import language_of, offline_manifest, split_search_index, write_bundle
from kie.views.contract import SEARCH_INDEX_GLOBAL

EXIT = "https://www.bmkg.go.id/"


# ---------- post-build steps, without a browser ----------


def test_language_of_a_path():
    assert language_of("en/modus/x.html", ["id", "en", "jv"], "id") == "en"
    assert language_of("modus/x.html", ["id", "en", "jv"], "id") == "id"
    assert language_of("jvx/y.html", ["id", "en", "jv"], "id") == "id"


def test_search_index_is_split_per_language(tmp_path):
    (tmp_path / "search").mkdir()
    docs = [{"location": loc, "title": "T", "text": "x"} for loc in ("a.html", "en/a.html", "jv/a.html", "b.html#s")]
    (tmp_path / "search" / "search_index.json").write_text(json.dumps({"config": {}, "docs": docs}))
    entries = take_search_entries(tmp_path)  # MkDocs' index, read by the engine and removed
    assert entries == docs and not (tmp_path / "search" / "search_index.json").exists()
    assert split_search_index(tmp_path, entries, ["id", "en", "jv"], "id") == {"id": 2, "en": 1, "jv": 1}
    en = (tmp_path / "search" / "en.js").read_text()
    assert en.startswith(f"window.{SEARCH_INDEX_GLOBAL}=") and '"en/a.html"' in en and '"a.html"' not in en


def test_offline_manifest_groups_files_and_changes_version_with_content(tmp_path):
    for rel in (
        "index.html",
        "en/index.html",
        "assets/css/kie.css",
        "search/en.js",
        "unduh/x.zip",
        "sw.js",
        "assets/javascripts/bundle.js",
        "handouts/id/a.pdf",
    ):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(rel)
    first = offline_manifest(tmp_path, ["id", "en"], "id")
    # theme files no page loads were removed from the site before (engine/assets.py): what is there is saved
    assert [f["path"] for f in first["shared"]["files"]] == ["assets/css/kie.css", "assets/javascripts/bundle.js"]
    assert [f["path"] for f in first["languages"]["en"]["files"]] == ["en/index.html", "search/en.js"]
    assert [f["path"] for f in first["languages"]["id"]["files"]] == ["index.html"]
    assert offline_manifest(tmp_path, ["id", "en"], "id") == first  # deterministic
    (tmp_path / "index.html").write_text("changed")
    assert offline_manifest(tmp_path, ["id", "en"], "id")["version"] != first["version"]


def test_bundle_is_deterministic(tmp_path):
    (tmp_path / "index.html").write_text("<p>x</p>")
    first = write_bundle(tmp_path).read_bytes()
    assert write_bundle(tmp_path).read_bytes() == first
    assert zipfile.ZipFile(tmp_path / "unduh" / "cegah-tppo-offline.zip").namelist() == ["cegah-tppo/index.html"]


# ---------- in a real browser ----------


def answer_exit_locally(ctx):
    """The neutral quick-exit site, answered here: the test must not reach the internet."""
    ctx.route(
        EXIT + "**",
        lambda route: route.fulfill(body="<title>Cuaca</title><p>Prakiraan cuaca</p>", content_type="text/html"),
    )


def wait_for_worker(page):
    wait_for(page, "navigator.serviceWorker.controller !== null", timeout=15000)


def test_pages_already_read_work_offline(context, served_site):
    page = context.new_page()
    page.goto(served_site + "modus/jeratan-utang.html")
    wait_for(page, "navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now controlled by the worker
    wait_for_worker(page)
    page.goto(served_site + "hak/hak-restitusi.html")
    page.wait_for_timeout(300)
    context.set_offline(True)
    for path, text in (("modus/jeratan-utang.html", "Jeratan utang"), ("hak/hak-restitusi.html", "restitusi")):
        page.goto(served_site + path)
        assert text in page.inner_text("h1"), path
    page.goto(served_site + "hukum/uu-21-2007.html")  # never opened, never saved
    assert "belum disimpan" in page.content()


def test_save_all_languages_then_every_page_and_search_work_offline(context, served_site, built_site):
    page = context.new_page()
    page.goto(served_site + "index.html")
    size, status = save_offline(page, "all")
    assert "MB" in size and "Tersimpan" in status
    context.set_offline(True)
    manifest = json.loads((built_site / "offline.json").read_text())
    paths = [f["path"] for lang in manifest["languages"].values() for f in lang["files"] if f["path"].endswith(".html")]
    assert len(paths) > 200
    # Every page is in the offline copy (asked of the cache in one go) ...
    missing = page.evaluate(
        "async paths => { const out = []; for (const p of paths) { if (!(await caches.match(new URL(p, location))))"
        " out.push(p); } return out; }",
        paths,
    )
    assert missing == []
    # ... and one page of each kind in each language opens from it with its text.
    for path in [prefix + kind for prefix in ("", "en/", "jv/") for kind in PAGE_KINDS]:
        response = page.goto(served_site + path)
        assert response.ok and page.locator("h1").count() >= 1, path
    for start, query, expected in (
        ("en/index.html", "debt", "en/"),
        ("jv/index.html", "korban", "jv/"),
        ("index.html", "restitusi", "hak-restitusi"),
    ):
        page.goto(served_site + start)
        first = search_for(page, query, timeout=5000)
        assert expected in first, (start, query, first)


def test_remove_offline_copy_leaves_nothing_cached(context, served_site):
    page = context.new_page()
    page.goto(served_site + "en/index.html")
    save_offline(page, "lang")
    assert page.evaluate("caches.keys().then(k => k.length)") >= 1
    page.click("[data-kie-remove]")
    wait_for(page, "document.querySelector('[data-kie-status]').textContent.includes('removed')")
    assert page.evaluate("caches.keys()") == []
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0


def test_nothing_is_stored_but_the_offline_copy(context, served_site):
    page = context.new_page()
    page.goto(served_site + "modus/index.html")
    search_for(page, "kerja")
    page.goto(served_site + "en/layanan/index.html")
    stored = page.evaluate(
        "async () => ({local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,"
        " idb: (await indexedDB.databases()).length})"
    )
    assert stored == {"local": 0, "session": 0, "cookie": "", "idb": 0}
    assert context.cookies() == []


@pytest.mark.parametrize("how", ["button", "shift"])
def test_quick_exit_replaces_the_page_so_back_does_not_return(context, served_site, how):
    answer_exit_locally(context)
    page = context.new_page()
    page.goto(served_site + "index.html")
    page.goto(served_site + "hak/index.html")
    if how == "button":
        page.click("[data-kie-exit]")
    else:
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url(EXIT)
    assert "Prakiraan cuaca" in page.content()
    page.go_back()
    assert page.url == served_site + "index.html"  # the page that was open is gone from history


def test_quick_exit_is_visible_on_every_kind_of_page(context, served_site):
    page = context.new_page()
    for path in ("index.html", "en/modus/jeratan-utang.html", "jv/hak/index.html", "404.html", "keamanan.html"):
        page.goto(served_site + path)
        button = page.locator("[data-kie-exit]")
        box = button.bounding_box()
        assert button.is_visible() and box["height"] >= 44 and box["x"] + box["width"] <= 360, path


def test_usb_bundle_works_from_files(browser, built_site, tmp_path):
    ctx, root, outside = open_bundle(browser, built_site, tmp_path)
    page = ctx.new_page()
    page.goto((root / "index.html").as_uri())
    page.click("article a[href='modus/index.html']")
    assert page.url.endswith("/modus/index.html")
    page.goto((root / "modus" / "jeratan-utang.html").as_uri())
    page.click(".md-select button")  # the language menu opens on focus, without Material's script
    page.click("a[hreflang='en']")
    assert page.url.endswith("/en/modus/jeratan-utang.html") and "Debt" in page.inner_text("h1")
    href = search_for(page, "restitution")
    assert href.startswith("file://") and "/en/" in href
    page.goto(href)
    assert page.locator("h1").count() == 1
    ctx.close()
    assert outside == []


# Every kind of page in the default language; in English and Javanese the pages where language marks and
# fallbacks meet (home, a modus, a province's contacts, a law); the one 404 page that serves them all.
# The other pages share these templates: opening all 40 cost ~4 minutes of the suite for no other finding.
TRANSLATED = [
    "index.html",
    "modus/jeratan-utang.html",
    "layanan/provinsi/53-nusa-tenggara-timur.html",
    "hukum/uu-21-2007.html",
]
AXE_PAGES = PAGE_KINDS + [lang + path for lang in ("en/", "jv/") for path in TRANSLATED] + ["404.html"]


@pytest.mark.parametrize("path", AXE_PAGES)
def test_no_accessibility_violations(context, served_site, path):
    from axe_playwright_python.sync_playwright import Axe

    page = context.new_page()
    page.goto(served_site + path)
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}})
    problems = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]
    assert problems == []


def test_a_new_build_is_announced_and_replaces_the_cache(browser, built_site, tmp_path):
    import functools
    import http.server
    import shutil
    import threading

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    ctx = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page = ctx.new_page()
        page.goto(base + "index.html")
        wait_for(page, "navigator.serviceWorker.ready.then(() => true)")
        page.reload()
        wait_for_worker(page)
        before = page.evaluate("caches.keys()")
        assert page.locator("[data-kie-update]").is_hidden()
        # a new build: the worker's version changes
        worker = site / "sw.js"
        worker.write_text(worker.read_text().replace('"version":"', '"version":"new-', 1))  # its KIE line
        page.reload()
        page.wait_for_selector("[data-kie-update]:not([hidden])", timeout=15000)
        with page.expect_navigation():
            page.click("[data-kie-update] button")
        wait_for(page, "caches.keys().then(k => k.length === 1 && k[0].startsWith('kie-new-'))")
        assert page.evaluate("caches.keys()") != before
        assert page.locator("h1").count() == 1
    finally:
        ctx.close()
        server.shutdown()


@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        "en/modus/jeratan-utang.html",
        "jv/layanan/index.html",
        "hukum/uu-21-2007.html",
        "kuis/index.html",
        "sesi/kampus.html",
        "en/formulir/rujukan.html",
    ],
)
def test_readable_at_360_px(context, served_site, path):
    page = context.new_page()
    page.goto(served_site + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    sizes = page.evaluate(
        "[...document.querySelectorAll('article p, article li')].map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert sizes and min(sizes) >= 16
    targets = page.evaluate(
        """[...document.querySelectorAll('.md-header__button, .kie-exit, a[href^="tel:"], a[href^="https://wa.me"]')]
           .filter(e => e.offsetParent !== null)
           .map(e => [e.outerHTML.slice(0, 60), e.getBoundingClientRect().height, e.getBoundingClientRect().width])"""
    )
    small = [t for t in targets if t[1] < 44 or t[2] < 44]
    assert targets and small == []
