"""Quick exit by keyboard fires only on purpose: Shift pressed on its own three times within 1.5 s.

Real key events in chromium. The logic (kie.quickExit.listen in docs/assets/js/kie/quick-exit.js) is tested alone
on a bare page with a clock of the test's own; then on the built site, typing into the real search box.
"""

from __future__ import annotations

import pytest
from conftest import REPO
from kie.chromium import wait_for
from kie.engine.front_end import SOURCE_DIR

QUICK_EXIT = REPO / "docs" / SOURCE_DIR / "quick-exit.js"
EXIT = "https://www.bmkg.go.id/"


@pytest.fixture
def bare(browser):
    """A page with a text box and the quick-exit keys listening; window.fired counts exits, window.now is the clock."""
    page = browser.new_page()
    page.set_content("<p id=text>Teks</p><input id=box aria-label=cari><textarea id=note></textarea>")
    page.add_script_tag(path=str(QUICK_EXIT))  # the part alone: nothing else of kie.js on the page
    page.evaluate("window.fired = 0; window.now = 0;"
                  "kie.quickExit.listen(document, () => window.fired++, () => window.now)")  # fmt: skip
    yield page
    page.close()


def taps(page, times=3, step_ms=200):
    for _ in range(times):
        page.keyboard.press("Shift")
        page.evaluate(f"window.now += {step_ms}")


def fired(page) -> int:
    return page.evaluate("window.fired")


def test_three_bare_shift_taps_fire_once(bare):
    taps(bare)
    assert fired(bare) == 1
    taps(bare, times=2)
    assert fired(bare) == 1  # a new count starts after an exit


def test_taps_slower_than_one_and_a_half_seconds_do_not_fire(bare):
    taps(bare, step_ms=800)  # 0 s, 0.8 s, 1.6 s: the first has expired when the third comes
    assert fired(bare) == 0
    taps(bare, times=2, step_ms=100)  # ...but the last of those and two quick ones make three within 1.5 s
    assert fired(bare) == 1


def test_shift_held_for_capitals_does_not_count(bare):
    for key in ("Shift+S", "Shift+A", "Shift+P", "Shift+A", "Shift+N", "Shift+T", "Shift+T"):
        bare.keyboard.press(key)
    assert fired(bare) == 0
    bare.keyboard.down("Shift")  # a long Shift while typing several capitals
    for key in ("T", "K", "I"):
        bare.keyboard.press(key)
    bare.keyboard.up("Shift")
    assert fired(bare) == 0


def test_another_key_between_taps_starts_the_count_again(bare):
    taps(bare, times=2)
    bare.keyboard.press("a")
    taps(bare, times=1)
    assert fired(bare) == 0
    bare.keyboard.press("Shift+Tab")
    taps(bare, times=2)
    assert fired(bare) == 0


def test_shift_taps_inside_a_text_box_do_not_count(bare):
    for field in ("#box", "#note"):
        bare.focus(field)
        taps(bare)
        bare.keyboard.type("SAPA 129")
        taps(bare)
        assert fired(bare) == 0, field


@pytest.fixture
def site_page(browser):
    context = browser.new_context(viewport={"width": 360, "height": 640})
    context.route(EXIT + "**", lambda r: r.fulfill(body="<p>Prakiraan cuaca</p>", content_type="text/html"))
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("query", ["SAPA 129", "NTT", "TKI"])
def test_typing_capitals_into_the_search_box_stays_on_the_page(site_page, served_site, query):
    page = site_page
    page.goto(served_site + "index.html")
    page.click("label.md-header__button[for=__search]")
    wait_for(page, "document.activeElement.classList.contains('md-search__input')")
    for char in query:  # as a person types capitals: Shift held down for each letter
        page.keyboard.press(f"Shift+{char}" if char.isupper() else char)
    page.keyboard.press("Shift")  # and a stray Shift or two, in the box
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url == served_site + "index.html"
    assert page.input_value(".md-search__input") == query
    page.keyboard.type(query)  # the way Playwright types: no Shift at all
    assert page.url == served_site + "index.html"


def test_three_bare_shift_taps_on_the_page_leave_it(site_page, served_site):
    page = site_page
    page.goto(served_site + "modus/jeratan-utang.html")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(EXIT)
    assert "Prakiraan cuaca" in page.content()
