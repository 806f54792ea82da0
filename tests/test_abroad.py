"""The page for people already abroad: Kemlu's line on the first screen, a button per country leading to its
embassy's call button, every number sourced and dialable from abroad, and a link from every modus about work
abroad."""

from __future__ import annotations

import re

import pytest
from kie.model.content import Entry
from kie.views.render import render_entry

PAGES = {"id": ("luar-negeri.html", "Sumber", "dibaca", "perlu diverifikasi", "Kamboja"),
         "en": ("en/luar-negeri.html", "Source", "read", "to be verified", "Cambodia")}  # fmt: skip
PHONE = {"viewport": {"width": 360, "height": 640}}
SCREEN = 640
LINK = re.compile(r'<a [^>]*href="(tel:[^"]+|https://wa\.me/[^"]+)"')


@pytest.fixture(scope="module")
def content(repo_content):
    return repo_content[0]


def cards(html: str) -> dict[str, str]:
    """Each country's part of the page (from its heading to the next), by the anchor its button leads to."""
    article = html[html.index("<article") : html.index("</article>")]
    parts = re.split(r'(?=<h3 id="negara-)', article)
    return {re.match(r'<h3 id="([^"]+)"', p).group(1): p for p in parts if p.startswith('<h3 id="negara-')}


@pytest.mark.parametrize("lang", PAGES)
def test_every_country_button_leads_to_a_mission_whose_numbers_are_sourced_and_dial_from_abroad(built_site, lang):
    page, source_word, read, mark, _ = PAGES[lang]
    html = (built_site / page).read_text(encoding="utf-8")
    assert "Safe Travel" in html and 'href="https://peduliwni.kemlu.go.id"' in html
    nav = re.search(r'<nav class="kie-countries"[^>]*>(.*?)</nav>', html, re.S).group(1)
    anchors = re.findall(r'href="#([^"]+)"', nav)
    found = cards(html)
    assert len(anchors) >= 8 and anchors[-1] == "negara-lain" and set(anchors) == set(found)
    for anchor in anchors:
        part = found[anchor]
        links = LINK.findall(part)
        assert links, anchor  # every button leads to something to tap
        for target in links:  # international form only: nothing here is dialled from inside Indonesia
            assert target.startswith(("tel:+", "https://wa.me/")) and "tel:+62800" not in target, (anchor, target)
        # every mission with a number names its dated source and when it was read, and its mark when it has one
        for details in re.findall(r"<details class=\"kie-more kie-fold\">(.*?)</details>", part, re.S):
            line = re.search(rf"{read} [^<]*·[^<]*{source_word}: (.*?)</li>", details, re.S)
            assert line and re.search(r"20\d\d", details), (anchor, details[:200])
    assert 'href="tel:+622129244800"' in html  # KP2MI from abroad (facts.md), among the lines for any country
    assert 'href="tel:129"' not in html and 'href="tel:110"' not in html  # they do not work from abroad


def _links_in_view_order(page) -> list[dict]:
    return page.evaluate(
        """() => [...document.querySelectorAll("a[href^='tel:'], a[href^='https://wa.me/']")]
          .filter(a => a.offsetParent !== null && !a.closest('.kie-tools'))
          .map(a => { const r = a.getBoundingClientRect(); return {href: a.getAttribute('href'), top: r.top,
                      bottom: r.bottom}; })
          .sort((a, b) => a.top - b.top)"""
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", PAGES)
def test_the_first_screen_abroad_offers_a_number_that_works_from_there(browser, served_site, lang, javascript):
    page_path, *_, country = PAGES[lang]
    context = browser.new_context(java_script_enabled=javascript, **PHONE)
    page = context.new_page()
    page.goto(served_site + page_path)
    links = _links_in_view_order(page)
    first = links[0]
    assert first["href"].startswith(("tel:+", "https://wa.me/")), first  # Kemlu, in the help bar
    assert first["bottom"] <= SCREEN
    assert not [x for x in links if x["href"] in ("tel:129", "tel:110") and x["top"] <= first["top"]]
    button = page.locator(".kie-countries").get_by_role("link", name=country, exact=True)
    assert button.bounding_box()["y"] + 44 <= SCREEN  # the countries start on the first screen
    button.click()  # a plain anchor: the next screen shows the embassy's call button
    page.wait_for_timeout(200)
    call = page.locator("#svc-kbri-phnom-penh a[href^='tel:+855']").first
    box = call.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= SCREEN, box
    assert page.evaluate("localStorage.length + sessionStorage.length + document.cookie.length") == 0
    context.close()


@pytest.mark.parametrize(("lang", "prefix"), [("id", ""), ("en", "en/"), ("jv", "jv/")])
def test_modus_pages_about_work_abroad_link_to_it_in_every_language(built_site, content, lang, prefix):
    abroad = [m for m in content.modus.values() if m.get("abroad")]
    assert {"penipuan-daring-luar-negeri", "anak-buah-kapal", "pekerja-rumah-tangga", "pengantin-pesanan",
            "penjualan-organ", "pekerja-migran"} <= {m.id for m in abroad}  # fmt: skip
    for entry in content.modus.values():
        html = (built_site / prefix / "modus" / f"{entry.id}.html").read_text(encoding="utf-8")
        notice = re.search(r'<div class="kie-notice kie-abroad">(.*?)</div>', html, re.S)  # not the menu's link
        assert bool(notice and 'href="../luar-negeri.html"' in notice.group(1)) == bool(entry.get("abroad")), entry.id


def test_the_abroad_flag_alone_decides_the_link(content):
    scam = content.modus["penipuan-daring-luar-negeri"]
    assert "](../luar-negeri.md)" in render_entry(content, scam, "en")
    plain = Entry(scam.kind, scam.id, {k: v for k, v in scam.data.items() if k != "abroad"}, scam.file)
    assert "luar-negeri" not in render_entry(content, plain, "en")


def test_abroad_a_line_marked_to_be_verified_never_leads_the_help_bar(tmp_path):
    """Invented services: a consular line whose only source is two years old, and a fresh migrant workers' line.
    By kind the consular line comes first; the evidence puts the checked one first, as on every help bar."""
    from conftest import make_project
    from kie.model.content import load_content
    from kie.model.project import load_project
    from kie.views.helpbar import help_bar

    root = make_project(tmp_path / "p")
    common = "coverage: [abroad]\noffers: [complaint]\nsource: Contoh\nsource_read_on: '2026-11'\nconfidence: H\n"
    services = root / "content" / "services"
    (services / "konsuler-contoh.yml").write_text(
        "id: konsuler-contoh\nname: {id: Konsuler Contoh}\nkind: consular\nphones: [{number: '0812-0000-7001'}]\n"
        f"source_date: '2024-11-01'\n{common}",
        encoding="utf-8",
    )
    (services / "migran-contoh.yml").write_text(
        "id: migran-contoh\nname: {id: Migran Contoh}\nkind: migrant-worker\nphones: [{number: '0812-0000-7002'}]\n"
        f"source_date: '2026-10-01'\n{common}",
        encoding="utf-8",
    )
    content, problems = load_content(load_project(root))
    assert [p for p in problems if not p.warning] == []
    bar = help_bar(content, "id", abroad=True)
    assert (bar["line"]["name"], bar["line"]["unverified"]) == ("Migran Contoh", False)
    assert (bar["local"]["name"], bar["local"]["unverified"]) == ("Konsuler Contoh", True)
