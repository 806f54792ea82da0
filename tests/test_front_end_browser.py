"""Each part of the page script (docs/assets/js/kie/*.js) alone on a bare page in chromium, no site build.

A test puts the contract line (what the build writes at the top of kie.js) and one part on a page made
with set_content, then calls its functions on `kie.<part>` or starts it on a small copy of the page's markup.
"""

from __future__ import annotations

import json

import pytest
from conftest import REPO
from kie.chromium import wait_for
from kie.engine.front_end import SOURCE_DIR
from kie.offline.packs import offline_manifest, write_packs
from kie.views import contract

PARTS = REPO / "docs" / SOURCE_DIR
EXIT = "https://www.bmkg.go.id/"
STRINGS = {
    "search_loading": "Memuat…",
    "search_unavailable": "Pencarian tidak tersedia",
    "search_prompt": "Ketik untuk mencari",
    "present_start": "Tampilan presentasi",
    "present_exit": "Tutup presentasi",
}


def load(page, *parts: str) -> None:
    page.add_script_tag(content=contract.page_contract_script())
    for part in parts:
        page.add_script_tag(path=str(PARTS / f"{part}.js"))


def start(page, part: str, root: str = "https://kie.invalid/", lang: str = "id") -> None:
    """Start one part as start.js would, with a page config of the test's own."""
    config = {"root": root, "lang": lang, "exit": EXIT, "t": STRINGS}
    page.evaluate(
        """([part, config]) => kie[part].start({config, t: config.t, lang: config.lang,
             root: new URL(config.root), contract: kie.contract})""",
        [part, config],
    )


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    ctx.route(EXIT + "**", lambda r: r.fulfill(body="<p>Prakiraan cuaca</p>", content_type="text/html"))
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


# ---------- quick exit ----------

SEARCH_BOX = "<form><input class=md-search__input aria-label=Cari></form><p id=text>Teks</p>"


def caps_lock_keys(page, selector: str, keys: list[tuple[str, bool]]) -> None:
    """Key presses as the browser reports them with Caps Lock on (getModifierState("CapsLock")), on the element:
    Playwright's keyboard cannot turn Caps Lock on, so these events are made on the page. (key, Shift held)."""
    page.evaluate(
        """([selector, keys]) => { const el = document.querySelector(selector);
             for (const [key, shift] of keys) for (const type of ["keydown", "keyup"]) {
               const shiftKey = key === "Shift" ? type === "keydown" : shift;
               el.dispatchEvent(new KeyboardEvent(type, {key, shiftKey, modifierCapsLock: true, bubbles: true}));
             } }""",
        [selector, keys],
    )


def test_three_shift_taps_leave_even_with_caps_lock_on(page):
    page.set_content(SEARCH_BOX + "<a href=# data-kie-exit>Keluar cepat</a>")
    load(page, "quick-exit")
    page.evaluate("window.fired = 0; kie.quickExit.listen(document, () => window.fired++)")
    caps_lock_keys(page, "#text", [("Shift", False)] * 3)
    assert page.evaluate("window.fired") == 1
    page.keyboard.press("CapsLock")  # the Caps Lock key itself, pressed between taps, starts the count again
    page.keyboard.press("Shift")
    page.keyboard.press("CapsLock")
    for _ in range(2):
        page.keyboard.press("Shift")
    assert page.evaluate("window.fired") == 1


def test_three_shift_taps_on_a_page_leave_it(page):
    page.set_content(SEARCH_BOX + "<a href=# data-kie-exit>Keluar cepat</a>")
    load(page, "quick-exit")
    start(page, "quickExit")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(EXIT)
    assert "Prakiraan cuaca" in page.content()


def test_typing_capitals_in_the_search_box_stays_with_or_without_caps_lock(page):
    page.set_content(SEARCH_BOX)
    load(page, "quick-exit")
    page.evaluate("window.fired = 0; kie.quickExit.listen(document, () => window.fired++)")
    page.focus(".md-search__input")
    for char in "SAPA 129 NTT":  # Shift held for each capital, as a person types them
        page.keyboard.press(f"Shift+{char}" if char.isupper() else char)
    for _ in range(3):  # and bare Shift taps inside the box
        page.keyboard.press("Shift")
    box = ".md-search__input"  # with Caps Lock on: capitals without Shift, Shift for small letters, stray Shifts
    caps_lock_keys(page, box, [("S", False), ("A", False), ("t", True), ("Shift", False), ("Shift", False)])
    caps_lock_keys(page, box, [("Shift", False)] * 3)
    assert page.evaluate("window.fired") == 0
    assert page.input_value(".md-search__input") == "SAPA 129 NTT"


def test_the_quick_exit_button_leaves_and_empties_the_page(page):
    page.set_content("<title>Bantuan TPPO</title><p>Rahasia</p><a href=# data-kie-exit>Keluar cepat</a>")
    load(page, "quick-exit")
    start(page, "quickExit")
    page.click("[data-kie-exit]")
    page.wait_for_url(EXIT)
    assert "Rahasia" not in page.content()


# ---------- share ----------

SHARE = '<button data-kie-share hidden data-title="Jeratan utang" data-url="https://x.example/a.html">Bagikan</button>'


def test_share_button_stays_hidden_without_a_share_sheet(page):
    page.set_content(SHARE)
    page.evaluate("Object.defineProperty(navigator, 'share', {value: undefined, configurable: true})")
    load(page, "share")
    start(page, "share")
    assert page.locator("[data-kie-share]").is_hidden()


def test_share_button_opens_the_share_sheet_with_title_and_address(page):
    page.set_content(SHARE)
    page.evaluate(
        "Object.defineProperty(navigator, 'share', {configurable: true,"
        " value: (data) => { window.shared = data; return Promise.resolve(); }})"
    )
    load(page, "share")
    start(page, "share")
    page.click("[data-kie-share]")
    assert page.evaluate("window.shared") == {"title": "Jeratan utang", "url": "https://x.example/a.html"}


# ---------- search glue ----------

MATERIAL_SEARCH = """<input type=checkbox id=__search><label for=__search>Cari</label>
<form><input class=md-search__input aria-label=Cari></form>
<div class=md-search-result__meta></div><ol class=md-search-result__list></ol>"""


def test_search_engine_loads_on_the_first_search_only(page):
    requested = []
    page.route("https://kie.invalid/**", lambda r: (requested.append(r.request.url), r.abort()))
    page.set_content(MATERIAL_SEARCH)
    load(page, "search")
    start(page, "search")
    assert page.inner_text(".md-search-result__meta") == STRINGS["search_prompt"]
    page.wait_for_timeout(100)
    assert requested == []  # nothing fetched while nobody searches
    page.focus(".md-search__input")
    said = "document.querySelector('.md-search-result__meta').textContent"
    wait_for(page, f"{said} === {STRINGS['search_unavailable']!r}")
    assert requested == ["https://kie.invalid/" + contract.SEARCH_SCRIPT]
    page.locator(".md-search__input").blur()
    page.focus(".md-search__input")  # after a failure, the next search tries again
    engines = json.dumps(f'script[src$="{contract.SEARCH_SCRIPT}"]')
    wait_for(page, f"document.querySelectorAll({engines}).length === 2")


def test_escape_closes_the_search_box(page):
    page.set_content(MATERIAL_SEARCH)
    load(page, "search")
    start(page, "search")
    page.check("#__search")
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search")


def test_directory_filter_script_loads_only_where_there_is_a_filter(page):
    page.set_content("<p>Halaman biasa</p>")
    load(page, "search")
    start(page, "search")
    assert page.locator("script[src*='kie-directory']").count() == 0
    page.set_content("<form class=kie-filter hidden></form>")
    load(page, "search")
    start(page, "search")
    assert page.get_attribute("body > script:last-child", "src") == "https://kie.invalid/" + contract.DIRECTORY_SCRIPT


# ---------- offline ----------


@pytest.fixture
def manifest(tmp_path):
    """offline.json as kie.offline.packs writes it, for a small site in two languages."""
    for rel, size in (("index.html", 3000), ("en/index.html", 2000), ("assets/css/kie.css", 900), ("search/en.js", 50)):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x" * size)
    found = offline_manifest(tmp_path, ["id", "en"], "id")
    write_packs(tmp_path, found)
    return json.loads(json.dumps(found))


def test_save_sizes_are_the_packs_the_reader_downloads(page, manifest):
    page.set_content("<p>x</p>")
    load(page, "offline")
    mine = page.evaluate("m => kie.offline.packBytes(m, kie.offline.languagesFor('lang', m, 'en'))", manifest)
    everything = page.evaluate("m => kie.offline.packBytes(m, kie.offline.languagesFor('all', m, 'en'))", manifest)
    shared, langs = manifest["shared"]["pack"]["bytes"], manifest["languages"]
    assert mine == shared + langs["en"]["pack"]["bytes"]
    assert everything == shared + langs["en"]["pack"]["bytes"] + langs["id"]["pack"]["bytes"]
    assert page.evaluate("kie.offline.megabytes(1572864, 'id')") == "1,5"  # as each language writes numbers
    assert page.evaluate("kie.offline.megabytes(1572864, 'en')") == "1.5"
    assert page.evaluate("kie.offline.megabytes(1000, 'en')") == "0.0"


def test_only_the_sites_own_caches_are_removed_and_saved_languages_add_up(page, manifest):
    page.set_content("<p>x</p>")
    load(page, "offline")
    name = page.evaluate("v => kie.offline.cacheName(kie.contract, v)", manifest["version"])
    assert name == contract.CACHE_PREFIX + manifest["version"]
    assert page.evaluate("k => kie.offline.isSiteCache(kie.contract, k)", name)
    assert not page.evaluate("kie.offline.isSiteCache(kie.contract, 'another-site-v1')")
    assert page.evaluate("kie.offline.savedLanguages(['id'], ['en', 'id'])") == ["id", "en"]


def test_save_panel_stays_hidden_where_no_service_worker_can_run(page):
    page.set_content("<div data-kie-offline hidden><button data-kie-save-open>Simpan</button></div>")  # about:blank
    load(page, "offline")
    start(page, "offline")
    assert page.locator("[data-kie-offline]").is_hidden()


# ---------- classroom ----------

FILES = """<div data-kie-files hidden><a href=unduh/x.zip>ZIP</a>
<p data-kie-card hidden><a href=#>Kartu</a></p><p data-kie-participants hidden><a href=#>Peserta</a></p></div>"""


def test_files_are_offered_only_over_plain_http(page):
    page.set_content("<p>x</p>")
    load(page, "classroom")
    assert page.evaluate("kie.classroom.offersFiles(false, 'http:')")
    for secure, protocol in ((True, "http:"), (True, "https:"), (False, "file:")):
        assert not page.evaluate("([s, p]) => kie.classroom.offersFiles(s, p)", [secure, protocol])
    kelas = {"cards": {"id": "kartu/53.pdf"}, "participants": {"id": "peserta.html", "en": "en/peserta.html"}}
    in_english = page.evaluate("k => kie.classroom.offered(k, 'en')", kelas)
    assert in_english == [["[data-kie-participants]", "en/peserta.html"]]
    assert page.evaluate("kie.classroom.offered({}, 'id')") == []


def test_classroom_page_links_the_sessions_files(context):
    """A page over plain http on the local Wi-Fi (not a secure context), answered here: nothing leaves."""
    site = "http://kie.invalid/"
    kelas = {"cards": {"id": "handouts/id/kartu-53.pdf"}, "participants": {"id": "peserta.html"}}
    context.route(site + contract.CLASSROOM_FILE, lambda r: r.fulfill(json=kelas))
    context.route(site + "index.html", lambda r: r.fulfill(body=FILES, content_type="text/html"))
    page = context.new_page()
    page.goto(site + "index.html")
    assert not page.evaluate("window.isSecureContext")
    load(page, "classroom")
    start(page, "classroom", root=site)
    page.wait_for_selector("[data-kie-participants]:not([hidden])")
    assert page.get_attribute("[data-kie-card] a", "href") == site + "handouts/id/kartu-53.pdf"
    assert page.get_attribute("[data-kie-participants] a", "href") == site + "peserta.html"
    assert page.locator("[data-kie-files]").is_visible()


# ---------- presentation ----------

ARTICLE = """<article class=md-content__inner><h1>Sesi kampus</h1><p>Pembuka</p>
<h2>Satu</h2><p>a</p><h2>Dua</h2><p>b</p><ul><li>c</li></ul><h2>Tiga</h2>
<div data-kie-tools><a href=#>PDF</a></div></article>
<style>.kie-slide-hidden{display:none} article{min-height:600px}</style>"""


def visible_headings(page) -> list[str]:
    return page.locator("h1:visible, h2:visible").all_inner_texts()


def test_presentation_logic(page):
    page.set_content(ARTICLE)
    load(page, "presentation")
    groups = page.evaluate(
        """() => kie.presentation.slides(document.querySelector('article').children,
                                         document.querySelector('[data-kie-tools]'))
                 .map(s => s.map(el => el.tagName).join(' '))"""
    )
    assert groups == ["H1 P", "H2 P", "H2 P UL", "H2"]  # the tools are on no screen: on every one
    keys = {key: page.evaluate("k => kie.presentation.keyStep(k)", key) for key in ("ArrowRight", " ", "PageUp", "a")}
    assert keys == {"ArrowRight": 1, " ": 1, "PageUp": -1, "a": 0}
    assert page.evaluate("[kie.presentation.tapStep(100, 1200), kie.presentation.tapStep(500, 1200)]") == [-1, 1]
    assert page.evaluate("[kie.presentation.clamp(-1, 4), kie.presentation.clamp(9, 4)]") == [0, 3]
    asked = ["?presentasi", "?a=1&presentasi=1", "?presentasix", ""]
    assert [page.evaluate("s => kie.presentation.askedFor(s)", s) for s in asked] == [True, True, False, False]


def test_presentation_moves_one_screen_at_a_time(page):
    page.set_content(ARTICLE)
    load(page, "presentation")
    start(page, "presentation")
    assert len(visible_headings(page)) == 4  # off until asked
    page.click(".kie-present-toggle")
    assert visible_headings(page) == ["Sesi kampus"]
    assert page.locator("[data-kie-tools]").is_visible()  # its button ends the presentation
    page.keyboard.press("ArrowRight")
    assert visible_headings(page) == ["Satu"]
    page.mouse.click(1000, 300)  # a tap on the right: forward
    assert visible_headings(page) == ["Dua"]
    assert page.inner_text(".kie-present-count") == "3 / 4"
    page.mouse.click(100, 300)  # on the left: back
    assert visible_headings(page) == ["Satu"]
    for _ in range(5):
        page.keyboard.press("PageDown")
    assert visible_headings(page) == ["Tiga"]  # the last screen stays
    page.keyboard.press("Escape")
    assert len(visible_headings(page)) == 4
    assert page.inner_text(".kie-present-toggle") == STRINGS["present_start"]


def test_quiz_page_gets_no_presentation_view(page):
    page.set_content(ARTICLE + "<div data-kie-quiz></div>")
    load(page, "presentation")
    start(page, "presentation")
    assert page.locator(".kie-present-toggle").count() == 0


# ---------- images to share, listen ----------


def test_a_thumbnail_loads_only_when_the_observer_says_it_is_in_view(page):
    page.set_content(
        '<img data-src="https://kie.invalid/a.png" alt="A"><img data-src="https://kie.invalid/b.png" alt="B">'
    )
    page.route("https://kie.invalid/**", lambda r: r.abort())
    load(page, "media")
    page.evaluate(
        """() => { window.Fake = function (cb) {
               window.fire = cb; this.observe = () => {}; this.unobserve = () => {}; };
             kie.media.lazy(document.querySelectorAll('img'), window.Fake); }"""
    )
    assert page.locator("img[src]").count() == 0
    page.evaluate("window.fire([{isIntersecting: true, target: document.querySelector('img')}])")
    assert page.get_attribute("img", "src") == "https://kie.invalid/a.png"
    assert page.locator("img[data-src]").count() == 1
    assert page.evaluate("kie.media.lazy(document.querySelectorAll('img'), undefined)") is None  # no observer: none


def test_files_are_shared_only_where_the_browser_can_share_them(page):
    page.set_content("<p>x</p>")
    load(page, "media")
    file = "new File([''], 'a.png', {type: 'image/png'})"
    assert page.evaluate(f"kie.media.canShareFiles({{share() {{}}, canShare: () => true}}, {file})") is True
    assert page.evaluate(f"kie.media.canShareFiles({{share() {{}}, canShare: () => false}}, {file})") is False
    assert page.evaluate(f"kie.media.canShareFiles({{share() {{}}}}, {file})") is False  # Web Share without files
    assert page.evaluate(f"kie.media.canShareFiles({{canShare: () => {{ throw 1; }}, share() {{}}}}, {file})") is False


def test_only_a_voice_on_the_device_for_the_page_language_is_chosen(page):
    page.set_content("<p>x</p>")
    load(page, "listen")
    voices = [
        {"name": "net", "lang": "id-ID", "localService": False},
        {"name": "en", "lang": "en-US", "localService": True},
        {"name": "old", "lang": "in_ID", "localService": True},
    ]
    pick = "([v, lang]) => (kie.listen.localVoice(v, lang) || {name: null}).name"
    assert page.evaluate(pick, [voices, "id"]) == "old"  # older Android calls Indonesian "in"
    assert page.evaluate(pick, [voices, "en"]) == "en"
    assert page.evaluate(pick, [voices, "jv"]) is None
    assert page.evaluate(pick, [voices[:1], "id"]) is None  # a network voice would send the text away


def test_listen_reads_the_article_blocks_in_order_and_nothing_else(page):
    page.set_content(
        """<article class=md-content__inner>
        <div data-kie-listen><button>Dengarkan</button></div>
        <h1>Judul <a class=headerlink>¶</a></h1>
        <div class=kie-notice><p>Catatan halaman</p></div>
        <p>Satu   dua.</p>
        <ul><li>Tanda <strong>satu</strong></li><li><p>Tanda dua</p></li></ul>
        <details><summary>Rincian</summary><p>Tersembunyi</p></details>
        <details open><summary>Terbuka</summary><p>Terlihat</p></details>
        <section data-kie-media><h2>Gambar</h2></section><nav data-kie-tools><p>Bagikan</p></nav>
        </article>"""
    )
    load(page, "listen")
    said = page.evaluate("kie.listen.texts(document.querySelector('article'))")
    assert said == ["Judul", "Satu dua.", "Tanda satu", "Tanda dua", "Rincian", "Terbuka", "Terlihat"]


def test_quick_exit_tells_the_other_parts_before_it_leaves(page):
    page.set_content("<a href=# data-kie-exit>Keluar cepat</a>")
    load(page, "quick-exit")
    page.evaluate("document.addEventListener(kie.contract.exitEvent, () => { window.told = true; })")
    page.evaluate(
        """kie.quickExit.start({config: {exit: '#keluar'}, contract: kie.contract})"""
    )  # a same-page address: the page stays to be asked
    page.click("[data-kie-exit]")
    assert page.evaluate("window.told") is True
