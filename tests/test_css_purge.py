"""The site's one stylesheet: only rules the pages can use, and every page looks exactly as before."""

from __future__ import annotations

import io
import re
import shutil
from importlib import resources
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import PAGE_KINDS, search_for
from kie.engine.css_purge import page_structure, purge

REPO = Path(__file__).resolve().parents[1]
PAGE = (
    '<html lang="id"><body class="page"><main><p class="note">x</p>'
    "<details><summary>s</summary></details></main></body></html>"
)


def test_the_stylesheet_loses_comments_and_spacing_but_no_rule():
    """The purge writes the stylesheet compactly itself (kie.css keeps its comments for editors): no minifier."""
    text = "/* why */\n.a :hover { color: red; }\n.b > .c,\n.d { margin: 0 1em; transform: translate(0, 1px) }\n"
    merged = ".a :hover{color:red}.b>.c,.d{margin:0 1em;transform:translate(0,1px)}"
    assert purge([("a.css", text)], [], [], "b.css", enabled=False) == merged  # ".a :hover" is not ".a:hover"
    real = (REPO / "docs" / "assets" / "css" / "kie.css").read_text(encoding="utf-8")
    small = purge([("assets/css/kie.css", real)], [], [], "assets/stylesheets/site.css", enabled=False)
    assert "/*" not in small and small.count("{") == real.count("{")  # every rule is still there
    assert not re.search(r"\s[,>]|[,>]\s", small)


def kept(css: str, scripts=()) -> str:
    return purge([("assets/css/a.css", css)], [PAGE], list(scripts), "assets/stylesheets/site.css")


# ---------- which rules stay ----------


def test_rules_for_elements_on_no_page_go_and_states_stay():
    css = (
        ".note{color:red}.blog-post{color:blue}"
        ".note:hover{color:green}"  # a state: kept
        "details[open] summary{font-weight:bold}"  # opened by the reader: kept
        "[dir=rtl] .note{float:right}"  # no page is right-to-left
        ".note::before{content:'!'}"
        "main>p:first-child{margin:0}"
    )
    out = kept(css)
    assert ".note{color:red}" in out and ".note:hover{color:green}" in out and ".note::before" in out
    assert "details[open] summary" in out and "main>p:first-child" in out
    assert "blog-post" not in out and "rtl" not in out


def test_classes_that_scripts_add_are_kept():
    css = ".kie-present .note{font-size:2em}.kie-quiz-right{color:green}.kie-other{color:red}"
    scripts = ['document.body.classList.toggle("kie-present", on); b.className = "kie-quiz-" + kind;']
    out = kept(css, scripts)
    assert ".kie-present .note" in out and ".kie-quiz-right" in out and "kie-other" not in out


def test_media_keyframes_and_custom_properties_only_when_used():
    css = (
        ":root{--used:red;--chained:var(--used);--unused:blue}"
        ".note{color:var(--chained);animation:pulse 1s}"
        "@keyframes pulse{0%{opacity:0}}@keyframes spin{0%{opacity:1}}"
        "@media (min-width:60em){.note{margin:0}.blog-post{margin:0}}"
        "@media print{.blog-post{display:none}}"
    )
    out = kept(css)
    assert "--used:red" in out and "--chained:var(--used)" in out and "--unused" not in out
    assert "@keyframes pulse" in out and "spin" not in out
    assert "@media (min-width:60em){.note{margin:0}}" in out and "print" not in out


def test_an_edited_sentence_keeps_the_cached_stylesheet_but_a_new_class_does_not():
    """The purge's cache key is the pages without their text: text is never what a selector tests."""
    page = '<main class="a"><p data-x="1>2" class="note">Satu kalimat.</p><!-- c --></main>'
    assert page_structure(page) == page_structure(page.replace("Satu kalimat.", "Kalimat lain, lebih panjang."))
    assert page_structure(page) != page_structure(page.replace('class="note"', 'class="note big"'))
    assert page_structure(page) != page_structure(page.replace('data-x="1>2" class="note"', 'data-x="1>2"'))


def test_each_pages_tags_are_read_once_when_the_stylesheet_is_made_anew(tmp_path, monkeypatch):
    """A cache miss used to extract every page's tags twice: for the cache key, then again in the purge."""
    from kie.engine import css_purge

    site = tmp_path / "site"
    (site / "assets" / "css").mkdir(parents=True)
    (site / "en").mkdir()
    (site / "assets" / "css" / "a.css").write_text(".note{color:red}.gone{color:blue}", encoding="utf-8")
    for rel, href in (("index.html", "assets/css/a.css"), ("en/index.html", "../assets/css/a.css")):
        page = f'<html><head><link rel="stylesheet" href="{href}"></head><body><p class="note">x</p></body></html>'
        (site / rel).write_text(page, encoding="utf-8")
    read = []
    real = css_purge.page_structure
    monkeypatch.setattr(css_purge, "page_structure", lambda page: read.append(page) or real(page))
    project = SimpleNamespace(cache_dir=tmp_path / "cache", site_url="https://contoh.example/")
    out = css_purge.make_stylesheet(project, None, site)
    assert len(read) == 2  # one page, one reading
    assert (site / out).read_text(encoding="utf-8") == ".note{color:red}"
    assert f'href="../{out}"' in (site / "en" / "index.html").read_text(encoding="utf-8")


def test_a_purge_that_remembers_the_last_one_keeps_exactly_what_a_fresh_purge_keeps(monkeypatch):
    from kie.engine import css_select

    css = ".a{x:1}.b{x:2}.c{x:3}.d .e{x:4}.b.c{x:5}"
    one = '<html><body><p class="a"></p><p class="b"></p></body></html>'
    two = '<html><body><div class="d"><p class="e"></p></div><p class="b"></p></body></html>'
    three = '<html><body><p class="c b"></p></body></html>'
    parsed = []
    real_parse = css_select.parse_html
    monkeypatch.setattr(css_select, "parse_html", lambda text: parsed.append(text) or real_parse(text))
    memo: dict = {}
    # pages come, change and go; a selector's first page goes while another page still matches it (.b)
    for pages in ([one], [one, two], [two, three], [three], [one, three], [one, three]):
        fresh = purge([("s.css", css)], pages, [], "out.css")
        parsed.clear()
        assert purge([("s.css", css)], pages, [], "out.css", memo=memo) == fresh, pages
        remembered = len(parsed)
    assert remembered == 0  # the same pages again: nothing parsed, nothing matched


def test_built_pages_link_one_fingerprinted_stylesheet(built_site):
    pages = [p for p in built_site.rglob("*.html") if "handouts" not in p.parts]
    links = {tuple(re.findall(r'<link rel="stylesheet" href="[./]*([^"]+)"', p.read_text())) for p in pages}
    assert len(links) == 1
    (sheet,) = links.pop()
    assert re.fullmatch(r"assets/stylesheets/site\.[0-9a-f]{10}\.css", sheet) and (built_site / sheet).is_file()
    assert not list((built_site / "assets").rglob("main.*.css")) and not (built_site / "assets/css/kie.css").exists()
    manifest = (built_site / "offline.json").read_text()
    assert sheet in manifest  # saved for offline with the rest


# ---------- every page looks the same with the whole stylesheet ----------

KINDS = [*PAGE_KINDS, "terjemahan/index.html", "en/modus/jeratan-utang.html", "404.html"]


def whole_stylesheet() -> str:
    """What the pages linked before the purge, merged the same way but with every rule kept."""
    material = resources.files("material") / "templates" / "assets" / "stylesheets"

    def named(prefix):
        return next(f for f in material.iterdir() if re.match(prefix + r"\.\w+\.min\.css$", f.name))

    sheets = [
        ("assets/stylesheets/main.css", named("main")),
        ("assets/stylesheets/palette.css", named("palette")),
        ("assets/css/kie.css", REPO / "docs" / "assets" / "css" / "kie.css"),
    ]
    merged = [(path, file.read_text(encoding="utf-8")) for path, file in sheets]
    return purge(merged, [], [], "assets/stylesheets/whole.css", enabled=False)


@pytest.fixture(scope="module")
def two_sites(built_site, tmp_path_factory):
    """The built site, and a copy whose pages link the whole stylesheet instead of the purged one."""
    before = tmp_path_factory.mktemp("before") / "site"
    shutil.copytree(built_site, before, ignore=shutil.ignore_patterns("handouts", "unduh", "offline"))
    (before / "assets/stylesheets/whole.css").write_text(whole_stylesheet(), encoding="utf-8")
    for page in before.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"site\.[0-9a-f]{10}\.css", "whole.css", text), encoding="utf-8")
    return before, built_site


def screenshot(ctx, url: str, action=None, settle: bool = False) -> bytes:
    """A full-page screenshot in a fresh tab of `ctx` (one browser context per width: the pages store nothing,
    tests/test_offline.py checks that). `settle`: a page still settling (search results drawn, fonts swapped)
    is not a difference, so shoot until two shots agree (used only when the first comparison differs)."""
    page = ctx.new_page()
    try:
        page.goto(url)
        page.evaluate("document.fonts.ready.then(() => true)")
        if action:
            action(page)
        shot = page.screenshot(full_page=True, animations="disabled", caret="hide")
        for _ in range(5 if settle else 0):
            page.wait_for_timeout(150)
            again = page.screenshot(full_page=True, animations="disabled", caret="hide")
            if again == shot:
                break
            shot = again
        return shot
    finally:
        page.close()


def difference(ctx, before: str, after: str, action=None) -> float:
    """The share of pixels that differ between the page before and after the purge (0.0: the same)."""
    share = differing_pixels(screenshot(ctx, before, action), screenshot(ctx, after, action))
    if share > NOISE:  # look again, letting both pages settle, before calling it a difference
        a, b = (screenshot(ctx, url, action, settle=True) for url in (before, after))
        share = differing_pixels(a, b)
    return share


# The same page screenshotted twice in a row can differ in a few pixels (anti-aliasing at the edge of the
# article; once a 1-pixel column, 189 pixels at 1280 px); a missing rule changes thousands.
NOISE = 0.0002  # of the page's pixels


def differing_pixels(a: bytes, b: bytes) -> float:
    """The share of pixels that differ (1.0 when the pages are not the same size)."""
    from PIL import Image, ImageChops

    if a == b:
        return 0.0
    first, second = Image.open(io.BytesIO(a)).convert("RGB"), Image.open(io.BytesIO(b)).convert("RGB")
    if first.size != second.size:
        return 1.0
    diff = ImageChops.difference(first, second).convert("L").point(lambda v: 255 if v else 0)
    return diff.histogram()[255] / (first.size[0] * first.size[1])


def search_open(page):
    search_for(page, "kerja")


def menu_open(page):
    page.click("label.md-header__button[for=__drawer]")


def quiz_answered(page):
    page.click(".kie-quiz-card:not([hidden]) .kie-quiz-safe")


def details_open(page):
    page.locator("details summary").first.click()


STATES = [
    ("index.html", search_open),
    ("modus/jeratan-utang.html", menu_open),
    ("modus/jeratan-utang.html?presentasi", None),
    ("kuis/index.html", quiz_answered),
    ("layanan/provinsi/53-nusa-tenggara-timur.html", details_open),  # a service's details, opened
]


@pytest.mark.parametrize("width", [360, 1280])
def test_every_kind_of_page_looks_the_same_after_the_purge(browser, two_sites, width):
    before, after = two_sites
    changed = []
    ctx = browser.new_context(viewport={"width": width, "height": 800}, service_workers="block")
    for path in KINDS:
        share = difference(ctx, (before / path).as_uri(), (after / path).as_uri())
        if share > NOISE:
            changed.append((path, share))
    for path, action in STATES:
        base, _, query = path.partition("?")
        suffix = "?" + query if query else ""
        share = difference(ctx, (before / base).as_uri() + suffix, (after / base).as_uri() + suffix, action)
        if share > NOISE:
            changed.append((path, getattr(action, "__name__", "state"), share))
    ctx.close()
    assert changed == []


def test_offline_panel_looks_the_same_after_the_purge(browser, two_sites):
    """The panel shows only where a service worker can run: over http."""
    import functools
    import http.server
    import threading

    shots = []
    for site in two_sites:
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
        handler.log_message = lambda *args: None
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        ctx = browser.new_context(viewport={"width": 360, "height": 800}, service_workers="allow")
        try:
            page = ctx.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/en/index.html")
            page.click("[data-kie-save-open]")
            page.wait_for_selector("[data-kie-choices]:not([hidden])")
            shots.append(page.locator("[data-kie-offline]").screenshot(animations="disabled"))
        finally:
            ctx.close()
            server.shutdown()
    assert differing_pixels(*shots) <= NOISE
