"""Classroom mode in chromium, against `kie serve` on 127.0.0.1 (the `classroom` fixture).

A phone on the room's Wi-Fi opens http://192.168.x.x: not a secure context, so no service worker. Here
chromium maps the made-up name classroom.test to 127.0.0.1 itself (no DNS, no other address), and
http://classroom.test is then just as insecure as the Wi-Fi address would be.
"""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import pytest
import zxingcpp
from kie.chromium import ARGS, EXECUTABLE
from PIL import Image
from playwright.sync_api import expect

HOST = "classroom.test"
WIFI = r"WIFI:T:WPA;S:Kelas TPPO\; lantai\:2;P:rahasia\,\"123\"\\;;"  # conftest: SSID, PASSWORD


@pytest.fixture(scope="module")
def wifi_browser(browser):
    """A second chromium (same skip rules as `browser`) that resolves classroom.test to 127.0.0.1."""
    phone = browser.browser_type.launch(
        executable_path=EXECUTABLE, args=[*ARGS, f"--host-resolver-rules=MAP {HOST} 127.0.0.1"]
    )
    yield phone
    phone.close()


def open_phone(browser, url: str):
    """A 360 px phone that records console errors and any request leaving the laptop's server."""
    context = browser.new_context(viewport={"width": 360, "height": 640}, accept_downloads=True)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda err: problems.append(str(err)))

    def only_the_laptop(route):
        if urlsplit(route.request.url).hostname in (HOST, "127.0.0.1"):
            return route.continue_()
        problems.append(f"request outside: {route.request.url}")
        return route.abort()

    context.route("**/*", only_the_laptop)
    page.goto(url)
    return context, page, problems


def test_on_plain_http_a_phone_gets_downloads_instead_of_a_save_button(wifi_browser, classroom):
    base = f"http://{HOST}:{classroom['port']}/"
    context, page, problems = open_phone(wifi_browser, base + "modus/magang-palsu.html")
    assert page.evaluate("window.isSecureContext") is False
    files = page.locator("[data-kie-files]")
    expect(files).to_be_visible()
    expect(page.locator("[data-kie-offline]")).to_be_hidden()  # its buttons could not work here
    expect(files.get_by_role("link", name="Unduh versi offline (ZIP)")).to_have_attribute(
        "href", "../unduh/cegah-tppo-offline.zip"
    )
    card = files.get_by_role("link", name="Unduh kartu saku nomor penting (PDF)")
    expect(card).to_be_visible()  # from the server: the session's province

    with page.expect_download() as handout:
        files.get_by_role("link", name="Unduh selebaran (PDF)").click()
    assert handout.value.suggested_filename == "modus-magang-palsu.pdf"
    with page.expect_download() as pocket:
        card.click()
    assert pocket.value.suggested_filename == "kartu-53-nusa-tenggara-timur.pdf"

    files.get_by_role("link", name="Untuk peserta").click()
    expect(page.get_by_role("heading", name="Untuk peserta")).to_be_visible()
    assert page.url.startswith(base + "?peserta&t=")  # the phone's own token (the check questions)
    assert problems == []
    context.close()


def test_the_english_page_offers_english_files(wifi_browser, classroom):
    base = f"http://{HOST}:{classroom['port']}/"
    context, page, problems = open_phone(wifi_browser, base + "en/index.html")
    files = page.locator("[data-kie-files]")
    expect(files.get_by_role("link", name="Download the pocket card with important numbers (PDF)")).to_have_attribute(
        "href", base + "handouts/en/kartu-53-nusa-tenggara-timur.pdf"
    )
    expect(files.get_by_role("link", name="For participants")).to_have_attribute("href", base + "en/?peserta")
    expect(files.get_by_role("link", name="Download the handout (PDF)")).to_have_count(0)  # the home page has none
    assert problems == []
    context.close()


def test_on_the_laptop_itself_saving_for_offline_stays(browser, classroom):
    context, page, problems = open_phone(browser, f"http://127.0.0.1:{classroom['port']}/modus/magang-palsu.html")
    assert page.evaluate("window.isSecureContext") is True
    expect(page.locator("[data-kie-offline] [data-kie-save-open]")).to_be_visible()
    expect(page.locator("[data-kie-files]")).to_be_hidden()
    assert problems == []
    context.close()


def test_session_plan_leads_to_the_projector_page_whose_codes_scan(browser, classroom):
    address = f"http://127.0.0.1:{classroom['port']}/"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(address + "sesi/kampus.html")
    expect(page.locator("code", has_text="kie serve --lan --session kampus")).to_be_visible()
    page.get_by_role("link", name="Halaman proyektor").click()
    codes = page.locator("svg.kie-qr")
    expect(codes).to_have_count(2)
    scanned = []
    for i in range(2):
        image = Image.open(io.BytesIO(codes.nth(i).screenshot()))
        scanned += [code.text for code in zxingcpp.read_barcodes(image)]
    # what a phone camera reads: the Wi-Fi of the classroom fixture, its reserved characters escaped
    assert scanned == [WIFI, address]
    expect(page.locator(".address")).to_have_text(address.rstrip("/"))
    hotlines = page.locator(".hotlines").inner_text()
    assert "110" in hotlines and "129" in hotlines
    context.close()
