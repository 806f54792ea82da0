"""In chromium at 360 × 640, on the built site: the "Images to share" section under a modus page (below the article,
no image fetched before it is scrolled to, share the file or download it), and Listen (with a stubbed speech API:
one voice on the phone, a network voice only, none at all).
"""

from __future__ import annotations

import json

import pytest
from kie.chromium import wait_for

EXIT = "https://www.bmkg.go.id/"
PAGE = "modus/jeratan-utang.html"
PHONE = {"width": 360, "height": 640}


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport=PHONE, accept_downloads=True)
    ctx.route(EXIT + "**", lambda r: r.fulfill(body="<p>Prakiraan cuaca</p>", content_type="text/html"))
    yield ctx
    ctx.close()


def media_requests(requests: list[str]) -> list[str]:
    return [url for url in requests if "/kampanye/" in url]


# --- images to share ---


def test_the_images_section_is_below_the_article_and_loads_nothing_before_it_is_scrolled_to(context, served_site):
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(served_site + PAGE, wait_until="load")
    page.wait_for_timeout(500)
    assert media_requests(requests) == []  # the first load holds no image (scripts/bench/weight.py: <= 30 KB)
    box = page.locator("[data-kie-media]").bounding_box()
    laws = page.locator(".md-content__inner > h2").last.bounding_box()  # the article's last section
    assert box["y"] > laws["y"] and box["y"] > PHONE["height"]  # under the article, never on the first screen
    assert page.locator("[data-kie-media] img[src]").count() == 0
    page.locator("[data-kie-media]").scroll_into_view_if_needed()
    wait_for(page, "document.querySelectorAll('[data-kie-media] img[src]').length === 2")
    wait_for(page, "[...document.querySelectorAll('[data-kie-media] img')].every(i => i.complete && i.naturalWidth)")
    fetched = media_requests(requests)
    assert sorted(url.rpartition("/")[2] for url in fetched) == [
        "modus-jeratan-utang-persegi.png",
        "modus-jeratan-utang-status.png",
    ]
    assert all("/kampanye/id/kecil/" in url for url in fetched)  # the small copies, not the full images
    alt = page.get_attribute("[data-kie-media] img", "alt")
    assert alt.startswith(page.inner_text("h1")) and "129" in alt  # the image's text


def test_without_file_sharing_the_button_stays_hidden_and_the_link_downloads_the_image(
    context, served_site, built_site
):
    context.add_init_script("Object.defineProperty(navigator, 'canShare', {value: () => false, configurable: true})")
    page = context.new_page()
    page.goto(served_site + PAGE)
    assert page.locator("[data-kie-share-file]").first.is_hidden()
    link = page.locator("[data-kie-media] a[download]").first
    with page.expect_download() as download:
        link.click()
    saved = download.value
    assert saved.suggested_filename == "modus-jeratan-utang-persegi.png"
    assert open(saved.path(), "rb").read() == (built_site / "kampanye/id/modus-jeratan-utang-persegi.png").read_bytes()


def test_where_files_can_be_shared_the_button_shares_the_image_itself(context, served_site, built_site):
    context.add_init_script(
        """Object.defineProperty(navigator, 'canShare', {configurable: true,
             value: (data) => !!(data && data.files && data.files.every(f => f.type === 'image/png'))});
           Object.defineProperty(navigator, 'share', {configurable: true, value: (data) => {
             const f = data.files[0]; window.shared = {name: f.name, type: f.type, size: f.size};
             return Promise.resolve(); }});"""
    )
    page = context.new_page()
    page.goto(served_site + PAGE)
    button = page.locator("[data-kie-share-file]").first
    button.scroll_into_view_if_needed()
    button.click()
    wait_for(page, "!!window.shared")
    size = (built_site / "kampanye/id/modus-jeratan-utang-persegi.png").stat().st_size
    assert page.evaluate("window.shared") == {
        "name": "modus-jeratan-utang-persegi.png",
        "type": "image/png",
        "size": size,
    }


# --- listen ---


def speech_stub(voices: list[dict] | None) -> str:
    """A speechSynthesis that records what it is asked to say; `voices` None: no speech API at all.
    cancel() sends a beacon to the site, so a test sees it even when the page is leaving (quick exit)."""
    if voices is None:
        return "Object.defineProperty(window, 'speechSynthesis', {value: undefined, configurable: true});"
    return f"""const voices = {json.dumps(voices)};
        window.said = []; window.cancelled = 0;
        window.SpeechSynthesisUtterance = function (text) {{ this.text = text; }};  // takes a voice of our own
        Object.defineProperty(window, 'speechSynthesis', {{configurable: true, value: {{
          getVoices: () => voices,
          speak: (u) => window.said.push({{text: u.text, voice: u.voice && u.voice.name, lang: u.lang}}),
          cancel: () => {{ window.cancelled++; navigator.sendBeacon('/__kie_cancel'); }},
          pause: () => {{ window.paused = true; }}, resume: () => {{ window.paused = false; }},
          addEventListener: () => {{}}, removeEventListener: () => {{}}
        }}}});"""


ON_PHONE = [{"name": "Google bahasa Indonesia", "lang": "id-ID", "localService": True}]
NETWORK_ONLY = [{"name": "Google bahasa Indonesia (online)", "lang": "id-ID", "localService": False}]


def test_listen_reads_the_article_in_order_with_the_phones_own_voice_and_stops_on_quick_exit(
    context, served_site, repo_content
):
    content, _ = repo_content
    entry = content.modus["jeratan-utang"]
    context.add_init_script(speech_stub(ON_PHONE + NETWORK_ONLY))
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(served_site + PAGE)
    control = page.locator("[data-kie-listen]")
    assert control.is_visible() and control.bounding_box()["y"] < page.locator("h1").bounding_box()["y"]
    page.click("[data-kie-listen-play]")
    said = page.evaluate("window.said")
    texts = [s["text"] for s in said]
    assert texts[0] == page.inner_text("h1")
    assert {s["voice"] for s in said} == {"Google bahasa Indonesia"}  # never the network voice
    signs = [" ".join(sign["id"].split()) for sign in entry["warning_signs"]]
    at = [texts.index(sign) for sign in signs]
    assert at == sorted(at)  # in the page's order
    assert texts.index(content.ui["id"]["warning_signs"]) < at[0] < texts.index(content.ui["id"]["what_to_do"])
    everything = " ".join(texts)
    for not_article in ("help_title", "media_section", "share_whatsapp", "to_be_verified_note", "quick_exit"):
        assert content.ui["id"][not_article] not in everything, not_article  # help bar, images, tools, notices
    assert page.locator("[data-kie-listen-pause]").is_visible() and page.locator("[data-kie-listen-play]").is_hidden()
    page.click("[data-kie-listen-pause]")
    assert page.evaluate("window.paused") is True and page.locator("[data-kie-listen-resume]").is_visible()
    before = page.evaluate("window.cancelled")
    page.click("[data-kie-listen-stop]")
    assert page.evaluate("window.cancelled") == before + 1 and page.locator("[data-kie-listen-play]").is_visible()
    page.click("[data-kie-listen-play]")
    requests.clear()
    page.click("[data-kie-exit]")  # quick exit while it reads
    page.wait_for_url(EXIT)
    assert any(url.endswith("/__kie_cancel") for url in requests)
    assert not any("speech" in url for url in requests)  # no audio files, no speech service


@pytest.mark.parametrize(
    ("path", "voices"),
    [
        (PAGE, NETWORK_ONLY),  # a voice that would send the text away: not used, no control
        ("jv/" + PAGE, ON_PHONE),  # no Javanese voice on the phone (today's phones)
        (PAGE, None),  # no speech API in this browser
    ],
    ids=["network-voice-only", "javanese", "no-api"],
)
def test_listen_is_absent_without_a_voice_on_the_phone_for_the_page_language(context, served_site, path, voices):
    context.add_init_script(speech_stub(voices))
    page = context.new_page()
    page.goto(served_site + path)
    page.wait_for_timeout(200)
    assert page.locator("[data-kie-listen]").is_hidden()
    assert page.locator("h1").is_visible()


def test_on_a_province_page_the_section_is_folded_and_opens_to_its_image(context, served_site):
    """A province page stays within three screens for a person looking for a number (tests/test_help.py)."""
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(served_site + "layanan/provinsi/33-jawa-tengah.html")
    section = page.locator("details[data-kie-media]")
    assert section.get_attribute("open") is None
    section.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    assert media_requests(requests) == []  # folded: nothing to see, nothing fetched
    page.click("[data-kie-media] > summary")
    page.locator("[data-kie-media] img").scroll_into_view_if_needed()
    wait_for(page, "document.querySelector('[data-kie-media] img').naturalWidth > 0")
    assert [url.rpartition("/")[2] for url in media_requests(requests)] == ["provinsi-33-jawa-tengah.png"]
