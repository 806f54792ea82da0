"""Presentation view (docs/assets/js/kie.js): any content page, one h2 section per screen, keys and taps."""

from __future__ import annotations


def _visible_h2(page) -> list[str]:
    return page.locator(".md-content__inner h2:visible").all_inner_texts()


def test_presentation_view_moves_one_section_at_a_time(browser, served_site):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(served_site + "sesi/kampus.html?presentasi", wait_until="load")
    assert page.evaluate("document.body.classList.contains('kie-present')")
    assert not page.locator(".md-header").is_visible()
    assert page.locator("h1").is_visible() and _visible_h2(page) == []  # first screen: the title
    page.keyboard.press("ArrowRight")
    first = _visible_h2(page)
    assert len(first) == 1
    page.mouse.click(1000, 400)  # a tap on the right goes forward
    second = _visible_h2(page)
    assert len(second) == 1 and second != first
    page.mouse.click(100, 400)  # on the left, back
    assert _visible_h2(page) == first
    page.keyboard.press("Escape")
    assert len(_visible_h2(page)) > 2  # the whole page again
    page.locator(".kie-present-toggle").click()  # the button turns it on again
    assert len(_visible_h2(page)) == 1
    context.close()


def test_pages_open_normally_without_the_address_flag(browser, served_site):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(served_site + "en/sesi/kampus.html", wait_until="load")
    assert page.locator(".kie-present-toggle").inner_text() == "Presentation view"
    assert len(_visible_h2(page)) > 2
    context.close()
