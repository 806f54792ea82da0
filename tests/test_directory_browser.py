"""The directory filter in a real browser at 360 px: instant, offline, and the pages still work without JavaScript."""

from __future__ import annotations

import pytest
from kie.model.content import load_content
from kie.model.project import load_project
from kie.views.directory import province_call_order, summaries

PHONE = {"viewport": {"width": 360, "height": 740}}


@pytest.fixture(scope="module")
def content(built_site):
    content, _ = load_content(load_project(built_site.parent))
    return content


@pytest.fixture
def page(browser, served_site):
    context = browser.new_context(**PHONE)
    outside = []

    def guard(route):  # the filter works offline: it never asks the network for anything
        if route.request.url.startswith(served_site):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    yield page
    context.close()
    assert outside == [] and errors == []


def visible(page, selector: str, attribute: str) -> list[str]:
    return [el.get_attribute(attribute) for el in page.query_selector_all(selector) if el.is_visible()]


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_directory_filters_provinces_by_kind_of_help_and_by_province(page, served_site, content):
    page.goto(served_site + "layanan/index.html")
    assert page.is_visible("form.kie-filter") and fits_the_screen(page)
    assert len(visible(page, ".kie-province", "data-province")) == 38
    page.select_option("select[name=offer]", "safe-house")
    expected = [s.province.code for s in summaries(content) if s.counts.get("safe-house")]
    assert visible(page, ".kie-province", "data-province") == expected and expected
    national = [f"svc-{s.id}" for s in content.services.values() if "national" in s["coverage"]]
    assert set(visible(page, ".kie-service", "id")) == {
        f"svc-{s.id}" for s in content.services.values() if f"svc-{s.id}" in national and "safe-house" in s["offers"]
    }
    assert page.inner_text(".kie-filter-status") == f"Tampil {len(expected)} dari 38."
    page.select_option("select[name=province]", "61")  # no local service in West Kalimantan yet
    assert visible(page, ".kie-province", "data-province") == ["61"]
    assert "Belum ada layanan setempat untuk pilihan ini" in page.inner_text(".kie-province[data-province='61']")
    page.select_option("select[name=province]", "33")
    page.click(".kie-province[data-province='33'] a")  # the choice travels to the province page
    page.wait_for_load_state()
    assert page.url.endswith("layanan/provinsi/33-jawa-tengah.html#bantuan=safe-house")
    assert page.input_value("select[name=offer]") == "safe-house"


def test_province_page_filters_its_own_cards(page, served_site, content):
    page.goto(served_site + "layanan/provinsi/33-jawa-tengah.html")
    assert fits_the_screen(page)
    first, local, later = province_call_order(content, "33")
    everything = visible(page, ".kie-service", "id")  # the other national services are folded in a <details>
    assert everything == [f"svc-{e.id}" for e in first + local]  # 110, 129, then the province's own
    page.select_option("select[name=offer]", "legal-aid")
    shown = visible(page, ".kie-service", "id")
    assert shown and all("legal-aid" in content.services[s.removeprefix("svc-")]["offers"] for s in shown)
    assert len(shown) < len(everything)
    page.select_option("select[name=offer]", "repatriation")  # only a national service offers it
    assert all(s.removeprefix("svc-") in ("kp2mi",) for s in visible(page, ".kie-service", "id"))
    assert "Hubungi layanan nasional" in page.inner_text(".kie-filter-status")
    assert page.is_hidden(".kie-group")


def test_without_javascript_every_list_and_page_still_works(browser, served_site, content):
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(served_site + "layanan/index.html")
    assert page.is_hidden("form.kie-filter")
    links = page.query_selector_all(".kie-province a")
    assert len(links) == 38 and fits_the_screen(page)
    page.goto(served_site + "layanan/provinsi/61-kalimantan-barat.html")
    assert page.is_hidden("form.kie-filter")
    assert "Belum ada layanan setempat yang tercatat" in page.inner_text("article")
    assert page.query_selector("a[href='tel:129']") and page.query_selector("a[href='https://wa.me/628111129129']")
    page.goto(served_site + "layanan/provinsi/53-nusa-tenggara-timur.html")
    cards = visible(page, ".kie-service", "id")
    assert "svc-uptd-ppa-ntt" in cards and cards.index("svc-sapa-129") < cards.index("svc-uptd-ppa-ntt")
    context.close()
