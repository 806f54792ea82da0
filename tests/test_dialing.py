"""Numbers that dial from where the reader is (issue 24): +62 on English pages and on the page for people abroad,
"only from Indonesia" on the numbers that cannot be dialled from outside, one formatting function for all."""

from __future__ import annotations

import re

import pytest
from kie.model.phone import domestic_only, international
from kie.views import dialing
from kie.views.text import Language
from kie.views.urls import ABROAD_PAGE

UI = {"id": {"only_from_indonesia": "hanya dari Indonesia"}, "en": {"only_from_indonesia": "only from Indonesia"}}
TEL = re.compile(r'<a\b[^>]*href="(tel:[^"]+)"[^>]*>(.*?)</a>', re.S)
TAG = re.compile(r"<[^>]+>")


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("0811-1129-129", "+62 811 1129 129"),
        ("(021) 2968 1560", "+62 21 2968 1560"),
        ("0857-700-100-48", "+62 857 700 100 48"),
        ("+62 21 2924 4800", "+62 21 2924 4800"),
        ("+855 12 813 282", "+855 12 813 282"),
        ("129", "129"),
        ("0800-1000", "0800-1000"),
    ],
)
def test_the_international_form_keeps_the_contents_grouping(written, shown):
    assert international(written) == shown


def test_short_codes_and_toll_free_numbers_say_where_they_work_on_english_and_abroad_pages():
    en, id_ = Language("en", "id", UI), Language("id", "id", UI)
    short = dialing.call("129", en, dialing.is_international("en"))
    assert short == dialing.Dial("129", "tel:129", "only from Indonesia")
    assert dialing.call("0811-1129-129", en, True) == dialing.Dial("+62 811 1129 129", "tel:+628111129129", "")
    # at home, in Indonesian: the familiar form, the same link
    assert dialing.call("0811-1129-129", id_, dialing.is_international("id")).text == "0811-1129-129"
    assert dialing.call("129", id_, dialing.is_international("id", abroad=True)).note == "hanya dari Indonesia"
    assert dialing.chat("0811-1129-129", en, True).href == "https://wa.me/628111129129"
    assert domestic_only("0800-1000") and domestic_only("148") and not domestic_only("+62 21 2924 4800")


def _pages(site):
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        abroad = rel.split("/")[-1] == f"{ABROAD_PAGE}.html" and rel.count("/") <= 1  # luar-negeri.html, en/…
        if rel.startswith("en/") or abroad:
            yield rel, abroad, page.read_text(encoding="utf-8")


def test_every_number_on_english_and_abroad_pages_dials_from_abroad_or_says_it_cannot(built_site):
    seen = 0
    for rel, abroad, html in _pages(built_site):
        for link in TEL.finditer(html):
            href, inner = link.groups()
            shown = " ".join(TAG.sub(" ", inner).split())
            seen += 1
            target = href.removeprefix("tel:")
            if domestic_only(target):  # 110, 129, 148, 0800…: they do not work from abroad
                assert not abroad, (rel, href)  # not offered at all to a reader abroad
                after = html[link.end() :].split("<", 1)[0]  # the note is in the button, or right after the link
                assert "only from Indonesia" in shown + after, (rel, href, shown)
            else:
                assert target.startswith("+"), (rel, href)
                number = re.search(r"\+[\d\s\-.()]+", shown)
                assert number and number.group().replace(" ", "").startswith(target[:3]), (rel, href, shown)
    assert seen > 500
