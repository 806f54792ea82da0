"""Handouts: every content page as an A4 PDF per language, pocket hotline cards, and the site_url they need."""

from __future__ import annotations

import io
import re
import shutil
import socket
import uuid
from html import unescape
from pathlib import Path

import pypdf
import pytest
import zxingcpp
from conftest import PUBLISHED, REPO, copy_repo
from kie.cli import main
from kie.engine.build import BuildError
from kie.engine.page_html import read_built_page
from kie.model import phone
from kie.model.content import load_content
from kie.model.project import Project, ProjectError, load_project, require_site_url
from kie.print.cards import CardLayout, local_services
from kie.print.handouts import Progress, cache_key, documents, export_handouts, finish, print_all
from kie.print.pdf import html_to_pdf
from kie.print.printpage import read_page
from kie.views import dialing
from kie.views.urls import handout_link, handout_path

LANGS, DEFAULT = ["id", "en", "jv"], "id"
SITE_URL = PUBLISHED  # where conftest publishes the test copies of the project
HOTLINE_NUMBERS = ["110", "129", "0800-1000", "0811-1129-129", "0811-8080-141"]


def printed(number: str, lang: str) -> str:
    """A number as a sheet in `lang` prints it: +62 on English paper, as on English pages (views/dialing.py)."""
    return phone.international(number) if dialing.is_international(lang) else number


def pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def pages(path: Path) -> int:
    return len(pypdf.PdfReader(path).pages)


def qr_payloads(path: Path) -> set[str]:
    """The QR codes in the PDF's images, decoded. (Pages share one image object when they show the same code.)"""
    found = set()
    for page in pypdf.PdfReader(path).pages:
        for image in page.images:
            found |= {code.text for code in zxingcpp.read_barcodes(image.image)}
    return found


# --- naming and links (pure) ---


@pytest.mark.parametrize(
    "page, pdf",
    [
        ("modus/jeratan-utang.html", "handouts/id/modus-jeratan-utang.pdf"),
        ("en/hak/hak-restitusi.html", "handouts/en/hak-hak-restitusi.pdf"),
        ("jv/layanan/provinsi/53-nusa-tenggara-timur.html", "handouts/jv/layanan-provinsi-53-nusa-tenggara-timur.pdf"),
        ("panduan/istilah.html", "handouts/id/panduan-istilah.pdf"),
        ("modus/index.html", None),  # overviews are lists of links, not handouts
        ("index.html", None),
        ("en/index.html", None),
        ("assets/x.html", None),
    ],
)
def test_which_pages_get_a_handout_and_its_name(page, pdf):
    assert handout_path(page, LANGS, DEFAULT) == pdf


def test_the_link_to_a_handout_is_relative_to_the_page():
    assert handout_link("modus/jeratan-utang.html", LANGS, DEFAULT) == "../handouts/id/modus-jeratan-utang.pdf"
    assert handout_link("en/modus/jeratan-utang.html", LANGS, DEFAULT) == "../../handouts/en/modus-jeratan-utang.pdf"
    assert handout_link("en/modus/index.html", LANGS, DEFAULT) is None


# --- site_url ---


def project_with(site_url) -> Project:
    return Project(REPO, (), site_url)


@pytest.mark.parametrize("url", [None, "", "  ", 42])
def test_a_missing_site_url_is_refused(url):
    with pytest.raises(ProjectError, match="mkdocs.yml: site_url is missing"):
        require_site_url(project_with(url))


@pytest.mark.parametrize("url", ["cegah-tppo.example", "ftp://cegah-tppo.example/", "https://", "https://a b.org/"])
def test_an_invalid_site_url_is_refused(url):
    with pytest.raises(ProjectError, match="is not a web address"):
        require_site_url(project_with(url))


def test_a_valid_site_url_ends_with_a_slash():
    assert require_site_url(project_with("https://tppo.example/situs")) == "https://tppo.example/situs/"
    assert require_site_url(load_project(REPO)).startswith("https://")


@pytest.mark.parametrize(
    "line, message",
    [
        ("", "error: mkdocs.yml: site_url is missing; set it to the address where the site is published (https://...)"),
        ("site_url: www.cegah-tppo\n", "error: mkdocs.yml: site_url: 'www.cegah-tppo' is not a web address;"),
    ],
)
def test_the_build_stops_on_a_missing_or_invalid_site_url(tmp_path, capsys, line, message):
    root = copy_repo(tmp_path / "repo")
    config = root / "mkdocs.yml"
    config.write_text(re.sub(r"^site_url:.*\n", line, config.read_text(encoding="utf-8"), flags=re.M))
    assert main(["--root", str(root), "build"]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(message)
    assert not (root / "site").exists()


# --- from a built page to a print document ---

BUILT = """<html lang="en"><head><title>Debt bondage - Prevent Human Trafficking</title></head><body>
<nav>menu</nav><article class="md-content__inner md-typeset">
<p class="kie-print-link"><a href="../../handouts/en/modus-x.pdf">Download</a></p>
<h1 id="t">Debt bondage</h1><div class="kie-notice"><p>Not yet translated.</p></div>
<div class="kie-summary"><p>A debt that is never paid off.</p></div>
<h2>What you can do</h2><p>Read <a href="../hak/hak-restitusi.html">your rights</a> or call
<a href="tel:129">129</a>.</p><script>alert(1)</script></article></body></html>"""


def test_a_page_is_read_into_title_summary_and_body():
    page = read_page(read_built_page(BUILT), "https://cegah-tppo.example/en/modus/x.html")
    assert (page.lang, page.title, page.site_name) == ("en", "Debt bondage", "Prevent Human Trafficking")
    assert "A debt that is never paid off." in page.summary and "kie-summary" not in page.body
    assert "Debt bondage" not in page.body and "menu" not in page.body  # the title is printed once, no navigation
    assert "Download" not in page.body and "alert" not in page.body
    assert "Not yet translated." in page.body  # notices stay
    assert 'href="https://cegah-tppo.example/en/hak/hak-restitusi.html"' in page.body  # paper needs full addresses
    assert 'href="tel:129"' in page.body


def test_an_untranslated_title_keeps_its_language():
    html = BUILT.replace('<h1 id="t">Debt bondage</h1>', '<div lang="id"><h1 id="t">Jeratan utang</h1></div>')
    page = read_page(read_built_page(html), "https://cegah-tppo.example/en/modus/x.html")
    assert (page.title, page.title_lang, page.lang) == ("Jeratan utang", "id", "en")
    assert 'lang="id"' not in page.body  # the emptied wrapper went with the title


def test_a_hand_written_page_uses_its_first_paragraph_as_summary():
    html = BUILT.replace('<div class="kie-summary"><p>A debt that is never paid off.</p></div>', "")
    page = read_page(read_built_page(html), "https://cegah-tppo.example/en/modus/x.html")
    assert "Read" in page.summary and "Not yet translated." not in page.summary


# --- no network while printing ---


def test_printing_refuses_every_request_outside_the_site(tmp_path, monkeypatch):
    connections = []

    def no_network(*args, **kwargs):
        connections.append(args)
        raise OSError("network used while printing")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(REPO / "docs" / "assets" / "icons" / "icon-192.png", site / "local.png")
    outside = tmp_path / "secret.png"
    shutil.copy(site / "local.png", outside)
    html = f"""<html><head><link rel="stylesheet" href="https://cdn.example/x.css">
    <style>@import url("http://fonts.example/f.css");
    @font-face {{ font-family: X; src: url(https://f.example/x.woff2) }}
    body {{ background: url(//img.example/bg.png) }}</style></head><body>
    <img src="http://tracker.example/pixel.gif"><img src="{outside.as_uri()}"><img src="local.png"><p>Hello</p>
    </body></html>"""
    pdf, blocked = html_to_pdf(html, (site / "page.html").as_uri(), site)
    assert connections == []
    assert sorted(blocked) == sorted(
        [
            "https://cdn.example/x.css",
            "http://fonts.example/f.css",
            "https://f.example/x.woff2",
            "file://img.example/bg.png",  # a scheme-relative address, on a page read from disk
            "http://tracker.example/pixel.gif",
            outside.as_uri(),
        ]
    )
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert "Hello" in reader.pages[0].extract_text() and len(reader.pages[0].images) == 1  # local files still work


def test_a_page_that_needs_the_network_stops_the_export(tmp_path):
    html = '<html><body><img src="https://tracker.example/p.gif"></body></html>'
    with pytest.raises(BuildError, match="https://tracker.example/p.gif"):
        print_all({tmp_path / "x.pdf": (html, tmp_path.as_uri() + "/")}, tmp_path, workers=1)
    assert not (tmp_path / "x.pdf").exists()


# --- the built site ---


def test_every_content_page_has_a_handout_in_every_language(built_site):
    content, _ = load_content(load_project(built_site.parent))
    for lang in LANGS:
        for kind, folder in (("modus", "modus"), ("rights", "hak"), ("laws", "hukum"), ("services", "layanan")):
            for entry_id in content.of(kind):
                if kind != "services" or "national" in content.services[entry_id]["coverage"]:
                    assert (built_site / "handouts" / lang / f"{folder}-{entry_id}.pdf").is_file(), (lang, entry_id)
        assert (built_site / "handouts" / lang / "panduan-istilah.pdf").is_file()


def test_every_print_link_on_the_site_leads_to_a_pdf(built_site):
    checked = 0
    for file in built_site.rglob("*.html"):
        for href in re.findall(r'class="kie-print-link"><a href="([^"]+)"', file.read_text(encoding="utf-8")):
            assert (file.parent / href).resolve().is_file(), (file, href)
            checked += 1
    assert checked > 300


@pytest.mark.parametrize("lang, prefix", [("id", ""), ("en", "en/"), ("jv", "jv/")])
@pytest.mark.parametrize("page", ["modus/jeratan-utang", "hukum/uu-21-2007"])  # the law page has no phone numbers
def test_a_handout_holds_the_title_and_the_national_hotlines(built_site, lang, prefix, page):
    html = (built_site / prefix / f"{page}.html").read_text(encoding="utf-8")
    title = unescape(re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)))
    text = " ".join(pdf_text(built_site / "handouts" / lang / f"{page.replace('/', '-')}.pdf").split())
    assert title in text
    for number in HOTLINE_NUMBERS:
        assert printed(number, lang) in text, number


def test_a_modus_or_rights_handout_takes_two_pages_at_most(built_site):
    counts = {}
    for pdf in sorted((built_site / "handouts").glob("*/*.pdf")):
        if pdf.name.startswith(("modus-", "hak-")):
            counts[pdf.relative_to(built_site).as_posix()] = pages(pdf)
    assert len(counts) >= 3 * 30
    assert {name: n for name, n in counts.items() if n > 2} == {}


def test_the_qr_code_holds_the_page_address(built_site):
    for pdf, address in (
        ("handouts/id/modus-jeratan-utang.pdf", "modus/jeratan-utang.html"),
        ("handouts/en/hak-hak-restitusi.pdf", "en/hak/hak-restitusi.html"),
    ):
        assert qr_payloads(built_site / pdf) == {SITE_URL + address}


def test_pocket_cards_hold_national_and_provincial_numbers(built_site):
    national = built_site / "handouts" / "id" / "kartu-nasional.pdf"
    ntt = built_site / "handouts" / "en" / "kartu-53-nusa-tenggara-timur.pdf"
    for sheet, lang in ((national, "id"), (ntt, "en")):
        assert pages(sheet) == 1
        text = " ".join(pdf_text(sheet).split())
        assert all(printed(number, lang) in text for number in HOTLINE_NUMBERS)
    ntt_text = pdf_text(ntt)
    assert ntt_text.count("Nusa Tenggara Timur (NTT)") == 4  # four cards to the sheet
    content, _ = load_content(load_project(built_site.parent))
    names = [s["name"].get("en", s["name"]["id"]) for s in local_services(content, "53")]
    assert names and all(" ".join(name.split())[:25] in " ".join(ntt_text.split()) for name in names)
    assert qr_payloads(ntt) == {SITE_URL + "en/layanan/provinsi/53-nusa-tenggara-timur.html"}
    assert len(list((built_site / "handouts" / "jv").glob("kartu-*.pdf"))) == 1 + 38


def test_cut_marks_sit_outside_the_cards():
    layout = CardLayout()
    for x, y in layout.positions:
        assert 0 < x and x + layout.w < 210 and 0 < y and y + layout.h < 297
        for mx, my, kind in layout.marks(x, y):
            end_x, end_y = (mx + layout.mark, my) if kind == "h" else (mx, my + layout.mark)
            inside = x < mx < x + layout.w and y < my < y + layout.h
            assert not inside and 0 <= mx and end_x <= 210 and 0 <= my and end_y <= 297
            assert (kind == "h" and my in (y, y + layout.h)) or (kind == "v" and mx in (x, x + layout.w))


def test_unchanged_pages_are_not_printed_again(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("handouts", "unduh"))
    project = load_project(built_site.parent)
    content, _ = load_content(project)
    assert export_handouts(project, content, site, read_built_page)["printed"] == 0  # the session's cache has them all
    page = site / "hak" / "hak-restitusi.html"
    token = uuid.uuid4().hex[:8]  # new text on every run: the print cache is kept between runs
    changed = page.read_text(encoding="utf-8").replace("Restitusi adalah", f"Restitusi ialah {token}")
    page.write_text(changed, encoding="utf-8")
    report = export_handouts(project, content, site, read_built_page)
    assert report["printed"] == 1 and report["pdfs"] > 400
    assert f"Restitusi ialah {token}" in pdf_text(site / "handouts" / "id" / "hak-hak-restitusi.pdf")


def test_the_shared_stylesheet_parsed_once_prints_the_same_pdf(built_site):
    """Printing reuses the parsed print stylesheet across documents: the PDF must not change by a byte."""
    project = load_project(built_site.parent)
    content, _ = load_content(project)
    planned = documents(project, content, built_site, require_site_url(project), read_built_page)
    chosen = [d for d in planned if "/kartu-" in d[0]][:1] + [d for d in planned if "/hak-" in d[0]][:2]
    for pdf, html, url, page in chosen:
        html = finish(html, cache_key(html, url), url)
        assert "<style data-kie-shared>" in html, pdf
        shared, _ = html_to_pdf(html, page.as_uri(), built_site)
        inline, _ = html_to_pdf(html.replace("<style data-kie-shared>", "<style>"), page.as_uri(), built_site)
        assert shared == inline, pdf


def test_progress_is_drawn_only_on_a_terminal():
    class Stream(io.StringIO):
        def __init__(self, tty):
            super().__init__()
            self.tty = tty

        def isatty(self):
            return self.tty

    shown, quiet = Stream(True), Stream(False)
    for stream in (shown, quiet):
        progress = Progress(4, stream=stream)
        for _ in range(4):
            progress.step()
        progress.close()
    assert "handouts [" in shown.getvalue() and "4/4" in shown.getvalue()
    assert quiet.getvalue() == ""


def test_printing_a_page_from_the_browser_keeps_only_the_article(browser, built_site):
    tab = browser.new_page(viewport={"width": 360, "height": 740})
    tab.goto((built_site / "modus" / "jeratan-utang.html").as_uri())
    assert tab.locator(".kie-print-link").is_visible()
    tab.evaluate(
        """() => document.querySelector('article').insertAdjacentHTML('beforeend',
        '<p id="t1"><a href="tel:+62129">SAPA</a></p>')"""
    )
    tab.emulate_media(media="print")
    shown = tab.evaluate(
        """() => ['.md-header', '.md-sidebar', '.md-footer', '.kie-print-link', '.kie-exit', 'article']
        .map(s => document.querySelector(s)).filter(Boolean).map(e => getComputedStyle(e).display)"""
    )
    assert shown[:-1] == ["none"] * (len(shown) - 1) and shown[-1] != "none"
    after = tab.evaluate(
        """() => [getComputedStyle(document.querySelector('#t1 a'), '::after').content,
        getComputedStyle(document.querySelector('.kie-service a[href^="tel:"]'), '::after').content]"""
    )
    assert "tel:+62129" in after[0]  # a phone link in running text shows its number on paper
    assert after[1] in ("none", "normal")  # a service's link text is the number already
    tab.close()
