"""The page for people already abroad: in Indonesian and English, every number sourced and dialable from abroad,
and linked from every modus about work abroad."""

from __future__ import annotations

import re

import pytest
from kie.model.content import Entry
from kie.views.render import render_entry

PAGES = {"id": ("luar-negeri.html", "Sumber", "dibaca 2026-11", "perlu diverifikasi"),
         "en": ("en/luar-negeri.html", "Source", "read 2026-11", "to be verified")}  # fmt: skip
TEL = re.compile(r'<a href="tel:([^"]+)">([^<]+)</a>')


@pytest.fixture(scope="module")
def content(repo_content):
    return repo_content[0]


def sections(html: str) -> list[str]:
    """The article cut at each h3: one contact (embassy, consulate, ministry) per section."""
    article = html[html.index("<article") : html.index("</article>")]
    return re.split(r"<h3[ >]", article)


@pytest.mark.parametrize("lang", PAGES)
def test_the_page_exists_and_every_number_has_a_dated_source_and_dials_from_abroad(built_site, lang):
    page, source_word, read, mark = PAGES[lang]
    html = (built_site / page).read_text(encoding="utf-8")
    assert "Safe Travel" in html and 'href="https://peduliwni.kemlu.go.id"' in html
    assert 'href="tel:+622129244800"' in html  # KP2MI from abroad (facts.md)
    numbers = 0
    for section in sections(html):
        for item in re.findall(r"<li>(.*?)</li>", section, re.S):
            for target, shown in TEL.findall(item):
                numbers += 1
                digits = re.sub(r"\D", "", shown)
                if len(digits) > 4:  # not a local short code such as Taiwan's 1955: international form
                    assert shown.strip().startswith("+") and target == "+" + digits, (target, shown)
                else:
                    assert target == digits
                assert mark in item, shown  # every number here is old or single-source
        if TEL.search(section):  # a contact with a number names its dated source and when it was read
            lines = re.findall(rf"<li>{source_word}: (.*?)</li>", section, re.S)
            assert lines and all(
                'href="http' in line or "catatan fakta" in line or "fact notes" in line for line in lines
            )
            assert all(read in line for line in lines), section[:80]
            assert all(re.search(r"20\d\d", line) for line in lines)  # the page's date
    assert numbers >= 10


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
