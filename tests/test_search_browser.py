"""Site search on the built site, as a reader uses it: typing into the search box, online, from the USB
bundle on file://, and offline after "save"."""

from __future__ import annotations

import yaml
from conftest import REPO, open_bundle, save_offline
from kie.chromium import wait_for

QUERIES = yaml.safe_load((REPO / "tests" / "search_queries.yml").read_text(encoding="utf-8"))["queries"]
START = {"id": "index.html", "en": "en/index.html", "jv": "jv/index.html"}


def type_query(page, query: str) -> list[str]:
    """Open the search box, type the query key by key as a reader does, and return the result links."""
    if not page.locator(".md-search__input").is_visible():
        page.click("label.md-header__button[for=__search]")
    box = page.locator(".md-search__input")
    box.fill("")
    box.press_sequentially(query)
    wait_for(
        page,  # the index has loaded and the results are there (or "no results")
        """() => { const t = JSON.parse(document.getElementById('kie-config').textContent).t;
                   const said = document.querySelector('.md-search-result__meta').textContent;
                   return said !== t.search_loading && said !== t.search_prompt; }""",
    )
    return page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")


def test_readers_queries_find_the_right_page_in_the_top_three(browser, served_site):
    assert len(QUERIES) >= 60 and {q["lang"] for q in QUERIES} == {"id", "en", "jv"}
    # no service worker: as on a LAN address over plain http, where browsers allow none
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
    page = ctx.new_page()
    misses = []
    for lang in ("id", "en", "jv"):
        page.goto(served_site + START[lang])
        for q in (q for q in QUERIES if q["lang"] == lang):
            links = type_query(page, q["q"])
            expected = served_site + q["page"]
            if not any(link.split("#")[0] == expected for link in links[:3]):
                misses.append(f"{lang} {q['q']!r} ({q['kind']}): wanted {q['page']}, got {links[:3]}")
    assert page.evaluate("navigator.serviceWorker.controller") is None
    ctx.close()
    passed = 1 - len(misses) / len(QUERIES)
    print(f"\n{len(QUERIES) - len(misses)}/{len(QUERIES)} queries pass ({passed:.0%})\n" + "\n".join(misses))
    assert passed >= 0.95, "\n".join(misses)


def test_typing_a_province_finds_its_page(browser, served_site):
    """Where to call is on the province page: it must be found by name, always (not within the 95 % above)."""
    places = [q for q in QUERIES if q["kind"] == "place"]
    assert {q["lang"] for q in places} == {"id", "en", "jv"}
    page = browser.new_page(viewport={"width": 360, "height": 740})
    misses = []
    for q in places:
        page.goto(served_site + START[q["lang"]])
        links = [link.split("#")[0] for link in type_query(page, q["q"])[:3]]
        if served_site + q["page"] not in links:
            misses.append((q["q"], links))
    page.close()
    assert misses == []


def test_a_result_shows_its_page_then_the_section_that_matched(browser, served_site):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(served_site + "index.html")
    type_query(page, "jeratan utang")
    first = page.locator(".md-search-result__item").first
    assert "Jeratan utang" in first.locator("h2").inner_text()
    assert first.locator("mark").count() == 1  # the word that matched, in the piece of text shown
    hrefs = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href.split('#')[0])")
    assert len(hrefs) == len(set(hrefs))  # one result per page
    page.close()


def test_result_snippets_show_the_pages_text_not_its_notices_or_filter_lists(browser, served_site):
    """The "to be verified" note stands on forty pages and the directory's filter lists every province: as
    snippets they told the reader nothing ("Bagian bertanda ...", "Semua provinsiAcehBaliBanten...")."""
    ui = yaml.safe_load((REPO / "content" / "ui" / "id.yml").read_text(encoding="utf-8"))
    note, every_province = ui["to_be_verified_note"][:40], ui["all_provinces"]
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(served_site + "index.html")
    shown = []
    for query in ("bagian bertanda", "gorontalo jambi", "semua provinsi", "layanan provinsi"):
        type_query(page, query)
        shown += page.locator(".md-search-result__item").all_inner_texts()
    page.close()
    assert shown and not [text for text in shown if note in text or every_province in text], shown


def test_search_works_from_the_unzipped_usb_bundle(browser, built_site, tmp_path):
    ctx, root, outside = open_bundle(browser, built_site, tmp_path)
    page = ctx.new_page()
    page.goto((root / "modus" / "index.html").as_uri())
    links = type_query(page, "terjerat hutang")
    assert any(link.startswith((root / "modus" / "jeratan-utang.html").as_uri()) for link in links[:3]), links[:3]
    page.goto((root / "en" / "index.html").as_uri())
    assert any("/en/modus/anak-buah-kapal.html" in link for link in type_query(page, "fishing boats")[:3])
    ctx.close()
    assert outside == []


def test_search_works_offline_after_saving(context, served_site):
    page = context.new_page()
    page.goto(served_site + "index.html")
    save_offline(page, "lang")
    context.set_offline(True)
    page.goto(served_site + "hak/index.html")
    links = type_query(page, "menuntut ganti rugi")
    assert any(link.startswith(served_site + "hak/hak-restitusi.html") for link in links[:3]), links[:3]
