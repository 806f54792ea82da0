"""Directory pages: one per province (national services first, then local ones) and one listing every province."""

from __future__ import annotations

import re
import shutil
from datetime import date

import markdown
import pytest
from conftest import REPO, make_project
from kie.model.content import load_content
from kie.model.project import load_project
from kie.views.contract import UNSEARCHED
from kie.views.directory_pages import province_pages
from kie.views.pages import plan_pages
from kie.views.render import render_overview
from kie.views.urls import service_home

LOCAL = {
    "rumah-contoh": """id: rumah-contoh
name:
  id: Rumah contoh Kupang
kind: ngo
coverage: ["53.71"]
offers: [counselling, safe-house]
phones:
  - number: "0812-3456-7890"
whatsapp:
  - number: "0812-3456-7891"
source: "Contoh"
verified_on: "2026-10-01"
verified_how: phone-call
confidence: H
""",
    "uptd-contoh": """id: uptd-contoh
name:
  id: UPTD contoh NTT
kind: uptd-ppa
coverage: ["53"]
offers: [complaint]
source: "Contoh lama, Januari 2024"
source_date: "2024-01"
source_read_on: "2026-11"
confidence: H
""",
    "posko-contoh": """id: posko-contoh
name:
  id: Posko contoh Mataram
kind: ngo
coverage: ["52"]
offers: [complaint]
phones:
  - number: "0812-3456-7000"
source: "Berita contoh, Juni 2026"
source_name: Contoh.id
source_date: "2026-06"
source_read_on: "2026-11"
confidence: M
""",
}


@pytest.fixture
def content(tmp_path):
    root = make_project(tmp_path)
    shutil.copytree(REPO / "content" / "ui", root / "content" / "ui", dirs_exist_ok=True)  # the real page texts
    for name, text in LOCAL.items():
        (root / "content" / "services" / f"{name}.yml").write_text(text, encoding="utf-8")
    content, problems = load_content(load_project(root), today=date(2026, 11, 28))
    assert [p for p in problems if not p.warning] == []
    return content


def card(page: str, service_id: str) -> str:
    start = page.index(f'id="svc-{service_id}"')
    return page[start : page.index("</div>", start)]


def to_html(md: str) -> str:
    return markdown.markdown(md.split("---\n", 2)[2], extensions=["md_in_html", "attr_list"])


def test_every_province_has_a_page_in_every_language(content):
    pages = province_pages(content)
    assert len(pages) == 38 * 3
    assert "layanan/provinsi/53-nusa-tenggara-timur.md" in pages
    assert "layanan/provinsi/96-papua-barat-daya.en.md" in pages
    # found in the search by its title and area headings; the cards it lists stay out of the index
    cards = [card for page in pages.values() for card in re.findall(r'<div class="kie-service"[^>]*>', page)]
    assert cards and all(UNSEARCHED in card for card in cards)
    assert not any("exclude: true" in page for page in pages.values())


def test_province_page_lists_services_in_call_order(content):
    """National hotlines, then the province's own (government unit first, then by area), then other national ones."""
    page = province_pages(content)["layanan/provinsi/53-nusa-tenggara-timur.md"]
    assert page.index('id="svc-layanan-contoh"') < page.index('id="svc-uptd-contoh"') < page.index('id="svc-rumah')
    assert page.index('id="svc-uptd-contoh"') < page.index("### Kota Kupang") < page.index('id="svc-rumah-contoh"')
    assert "Belum ada layanan setempat yang tercatat" not in page
    assert '<option value="53.71">Kota Kupang</option>' in page  # the area filter offers the regencies present
    html = to_html(page)
    card = re.search(r'<div class="kie-service"[^>]*id="svc-rumah-contoh"[^>]*>', html).group(0)
    assert 'data-areas="53.71"' in card and 'data-offers="counselling safe-house"' in card


def test_a_card_leads_with_name_line_and_buttons_and_folds_the_rest(content):
    html = to_html(province_pages(content)["layanan/provinsi/53-nusa-tenggara-timur.md"])
    rumah = html[html.index('id="svc-rumah-contoh"') :]
    rumah = rumah[: rumah.index('<div class="kie-service"')] if '<div class="kie-service"' in rumah else rumah
    details = rumah.index("<details")
    assert "<summary><strong>Rumah contoh Kupang</strong></summary>" in rumah  # the name opens the details
    assert rumah.index('href="tel:+6281234567890"') > rumah.index("</details>")  # the buttons are never folded
    folded = rumah[details : rumah.index("</details>")]
    assert "Bantuan yang diberikan" in folded and "Sumber" in folded and "Dicek lewat telepon" in folded


def test_province_without_local_services_says_to_call_the_national_ones(content):
    for path, text in (
        ("layanan/provinsi/11-aceh.md", "Belum ada layanan setempat yang tercatat untuk provinsi ini"),
        ("layanan/provinsi/11-aceh.en.md", "No local service is listed for this province yet"),
    ):
        page = province_pages(content)[path]
        assert text in page.replace("\\", "")
        assert 'id="svc-layanan-contoh"' in page
        assert "### " not in page


def test_cards_link_numbers_in_plus_62_form_and_show_them_as_written(content):
    page = province_pages(content)["layanan/provinsi/53-nusa-tenggara-timur.md"]
    rumah = card(page, "rumah-contoh")
    assert re.search(
        r'href="tel:\+6281234567890"><span class="kie-call-word">Telepon</span> '
        r'<span class="kie-num">0812-3456-7890</span></a>',
        rumah,
    )
    assert 'href="https://wa.me/6281234567891">WhatsApp <span class="kie-wa-number">0812-3456-7891</span>' in rumah
    assert "konseling, rumah aman" in rumah and "Dicek lewat telepon 1 Oktober 2026" in rumah
    assert "belum ada nomor pasti" in card(page, "uptd-contoh")  # no number is invented


def test_entries_not_verified_for_12_months_are_marked_to_be_verified(content):
    page = province_pages(content)["layanan/provinsi/53-nusa-tenggara-timur.md"]
    old, fresh = card(page, "uptd-contoh"), card(page, "rumah-contoh")
    assert "perlu diverifikasi" in old and "lebih dari 12 bulan lalu" in old
    assert "perlu diverifikasi" not in fresh and "12 bulan" not in fresh
    assert "kie-unverified" in page  # the page explains the mark under its title


def test_cards_say_exactly_what_was_done_a_source_read_is_not_a_check(content):
    pages = province_pages(content)
    old = card(pages["layanan/provinsi/53-nusa-tenggara-timur.md"], "uptd-contoh").replace("\\", "")
    assert "Sumber dibaca November 2026 · sumber bertanggal Januari 2024 (lebih dari 12 bulan lalu)" in old
    assert '<span class="kie-verify">perlu diverifikasi</span>' in old
    single = card(pages["layanan/provinsi/52-nusa-tenggara-barat.md"], "posko-contoh").replace("\\", "")
    marked = '<span class="kie-verify">perlu diverifikasi</span> <span class="kie-verify-source">'
    assert marked + "sumber: Contoh.id, 2026-06" in single  # rated M: the same mark and date as in print
    assert "Sumber dibaca November 2026 · sumber bertanggal Juni 2026" in single and "12 bulan" not in single
    assert "dicek" not in old.lower() and "Terakhir" not in old
    fresh = card(pages["layanan/provinsi/53-nusa-tenggara-timur.en.md"], "rumah-contoh").replace("\\", "")
    assert "Checked by phone 1 October 2026" in fresh
    old_en = card(pages["layanan/provinsi/53-nusa-tenggara-timur.en.md"], "uptd-contoh").replace("\\", "")
    assert "Source read November 2026 · source dated January 2024 (over 12 months ago)" in old_en


def test_local_services_live_on_their_province_page(content):
    pages = plan_pages(content)
    assert "layanan/layanan-contoh.md" in pages and "layanan/layanan-contoh.en.md" in pages
    assert not any(p.startswith("layanan/rumah-contoh") for p in pages)
    home = service_home(content, content.services["rumah-contoh"])
    assert home == "layanan/provinsi/53-nusa-tenggara-timur.md#svc-rumah-contoh"


def test_directory_lists_every_province_with_counts_not_service_details(content):
    page = render_overview(content, "services", "id")
    assert page.count('class="kie-province"') == 38
    ntt = re.search(r'<div class="kie-province"[^>]*data-province="53"[^>]*>', page).group(0)
    assert 'data-total="2"' in ntt and 'data-counts="complaint:1 counselling:1 safe-house:1"' in ntt
    assert "[Nusa Tenggara Timur \\(NTT\\)](provinsi/53-nusa-tenggara-timur.md)" in page
    assert "Rumah contoh Kupang" not in page  # a local service's details stay on its province page
    assert page.count("<option value=") == 1 + 38 + 1 + 8  # province select + kind-of-help select
    assert re.search(r'<form class="kie-filter"[^>]* hidden[ >]', page)  # without JavaScript the plain list is the page
