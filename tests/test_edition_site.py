"""The NTT edition as built by `kie build --edition ntt -d DIR/ntt`, hosted in the folder DIR/ntt/ of a web server
(and from the USB zip). One build for the whole file (fixture ntt_edition, marker site)."""

from __future__ import annotations

import functools
import http.server
import re
import threading
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest
from conftest import open_bundle, search_for
from pypdf import PdfReader

EDITION_URL = "cegah-tppo.test/ntt/"  # conftest publishes the test copies at cegah-tppo.test
NO_LOCAL = {
    "id": "Belum ada nomor setempat yang sudah diverifikasi untuk Nusa Tenggara Timur. Hubungi 129.",
    "en": "No local number has been verified for Nusa Tenggara Timur yet. Call 129.",
}
MM = 72 / 25.4


class FolderHost(http.server.SimpleHTTPRequestHandler):
    """A static host serving DIR/: a missing page gets the 404.html of the site folder it asked for (as a host
    configured per folder does), or DIR/404.html."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        root = Path(self.directory)
        first = self.path.lstrip("/").split("/", 1)[0]
        page = next((p for p in (root / first / "404.html", root / "404.html") if p.is_file()), None)
        if code != 404 or page is None:
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def host(ntt_edition):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(FolderHost, directory=str(ntt_edition.parent))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


# ---------- files ----------


def test_only_the_editions_languages_are_built(ntt_edition):
    assert (ntt_edition / "en" / "index.html").is_file()
    assert not (ntt_edition / "jv").exists()
    assert sorted(p.name for p in (ntt_edition / "handouts").iterdir()) == ["en", "id"]
    home = (ntt_edition / "index.html").read_text(encoding="utf-8")
    assert sorted(set(re.findall(r'hreflang="([a-z]+)"', home))) == ["en", "id"]  # the language menu


def test_handouts_and_the_booklet_point_to_the_editions_address(ntt_edition):
    handout = PdfReader(ntt_edition / "handouts" / "id" / "modus-pekerja-migran.pdf")
    assert EDITION_URL in "".join(p.extract_text() for p in handout.pages)
    for lang in ("id", "en"):
        reading = PdfReader(ntt_edition / "handouts" / lang / "buklet-ntt-baca.pdf")
        cover = " ".join(reading.pages[0].extract_text().split())
        assert EDITION_URL in cover and NO_LOCAL[lang] in cover and "129" in cover
        imposed = PdfReader(ntt_edition / "handouts" / lang / "buklet-ntt.pdf")
        assert len(imposed.pages) * 2 % 4 == 0 and len(imposed.pages) * 2 >= len(reading.pages)
        for page in imposed.pages:
            assert abs(float(page.mediabox.width) - 297 * MM) < 1 and abs(float(page.mediabox.height) - 210 * MM) < 1


def test_an_unchanged_booklet_comes_from_the_cache_and_a_changed_one_is_imposed_again(
    ntt_edition, repo_content, monkeypatch
):
    import dataclasses

    from conftest import PUBLISHED, REPO
    from kie.model.editions import for_edition
    from kie.model.project import load_project
    from kie.print import booklet

    imposed = []
    real = booklet.booklet
    monkeypatch.setattr(booklet, "booklet", lambda *a: imposed.append(a[2]) or real(*a))
    project, content = for_edition(load_project(REPO), repo_content[0], "ntt", PUBLISHED)  # as ntt_edition was
    before = (ntt_edition / "handouts" / "id" / "buklet-ntt.pdf").read_bytes()
    booklet.make_booklets(project, content, ntt_edition)
    assert imposed == [] and (ntt_edition / "handouts" / "id" / "buklet-ntt.pdf").read_bytes() == before
    retitled = dataclasses.replace(content.edition, title={**content.edition.title, "id": "Edisi percobaan"})
    content = dataclasses.replace(content, edition=retitled)  # the cover changes, in Indonesian only
    booklet.make_booklets(project, content, ntt_edition)
    assert imposed == ["id"]
    cover = PdfReader(ntt_edition / "handouts" / "id" / "buklet-ntt-baca.pdf").pages[0].extract_text()
    assert "Edisi percobaan" in cover


def test_the_usb_zip_is_named_after_the_edition(ntt_edition):
    with zipfile.ZipFile(ntt_edition / "unduh" / "cegah-tppo-ntt-offline.zip") as zf:
        names = zf.namelist()
    assert "cegah-tppo-ntt/index.html" in names and "cegah-tppo-ntt/en/index.html" in names
    assert not any(n.startswith("cegah-tppo-ntt/jv/") for n in names)
    assert not (ntt_edition / "unduh" / "cegah-tppo-offline.zip").exists()


# ---------- in a browser, hosted in DIR/ntt/ ----------


def _phone(browser):
    ctx = browser.new_context(viewport={"width": 360, "height": 640})
    failed: list[str] = []
    # a request the next navigation cancels (the favicon of the page left) is not a broken link
    ctx.on("requestfailed", lambda r: None if "ERR_ABORTED" in (r.failure or "") else failed.append(r.url))
    ctx.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith("http://127.0.0.1") else r.abort())
    return ctx, failed


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_home_pages_first_screen_shows_no_verified_local_number_and_129(browser, host, lang):
    ctx, failed = _phone(browser)
    page = ctx.new_page()
    page.goto(host + ("ntt/index.html" if lang == "id" else "ntt/en/index.html"))
    line = page.get_by_text(NO_LOCAL[lang])
    call = page.locator(".kie-help a[href='tel:129']")
    for element in (line, call):
        box = element.bounding_box()
        assert element.is_visible() and box["y"] >= 0 and box["y"] + box["height"] <= 640
    assert failed == []
    ctx.close()


def test_pages_of_the_edition_work_from_its_folder(browser, host):
    ctx, failed = _phone(browser)
    page = ctx.new_page()
    page.goto(host + "ntt/index.html")
    page.click("article a[href='modus/index.html']")
    featured = page.locator("h2", has_text="Dipilih untuk Nusa Tenggara Timur")
    titles = featured.locator("xpath=following::ul[1]/li/strong/a").all_inner_texts()
    assert titles[0].startswith("Pekerja migran") and len(titles) == 5
    page.goto(host + "ntt/layanan/index.html")
    assert page.locator("article h2").first.inner_text().startswith("Layanan di Nusa Tenggara Timur")
    for link in page.locator(".kie-booklet a").all():  # the booklet, to print and to read, from the directory
        with urllib.request.urlopen(urllib.parse.urljoin(page.url, link.get_attribute("href"))) as answer:
            assert answer.status == 200 and answer.read(4) == b"%PDF"
    assert page.locator(".kie-booklet a").count() == 2
    assert failed == []
    ctx.close()


def test_a_missing_page_in_the_editions_folder_gets_its_own_404_with_its_styles(browser, host):
    ctx, failed = _phone(browser)
    page = ctx.new_page()
    response = page.goto(host + "ntt/modus/tidak-ada.html")
    assert response.status == 404
    assert page.locator(".kie-help a[href='tel:129']").is_visible()
    assert page.get_by_text(NO_LOCAL["id"]).is_visible()
    # its stylesheet and scripts load from the edition's folder: only the missing page itself failed
    assert set(failed) == {f"404 {host}ntt/modus/tidak-ada.html"}  # the page itself (at times requested twice)
    assert page.evaluate("getComputedStyle(document.querySelector('.kie-help')).display") != "inline"
    home = page.locator("a.md-header__button.md-logo").get_attribute("href")
    assert home.startswith("/ntt/")
    ctx.close()


def test_the_zip_downloads_from_the_folder_and_opens_from_files_with_search(browser, host, ntt_edition, tmp_path):
    with urllib.request.urlopen(host + "ntt/unduh/cegah-tppo-ntt-offline.zip") as answer:
        assert answer.status == 200 and answer.read(2) == b"PK"
    ctx, root, outside = open_bundle(browser, ntt_edition, tmp_path, edition="ntt")
    page = ctx.new_page()
    page.goto((root / "index.html").as_uri())
    assert page.get_by_text(NO_LOCAL["id"]).is_visible()
    href = search_for(page, "restitusi")
    assert href.startswith("file://") and "/cegah-tppo-ntt/" in href
    ctx.close()
    assert outside == []
