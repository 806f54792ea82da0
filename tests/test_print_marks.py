"""Print carries the marks: a number to be verified (rated M/L or stale) says so on paper, with its source and date.

Checked on the real PDFs of the repository's content (pocket cards and handouts), read back as text.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdf
import pytest
from kie.model import phone
from kie.model.content import load_content
from kie.model.evidence import needs_mark, newest_evidence
from kie.model.project import load_project
from kie.print.cards import MAX_LOCAL, local_services
from kie.views import dialing
from kie.views.directory import national_hotlines


def squeezed(text: str) -> str:
    """PDF text without white space and hyphens: line breaks and hyphenation points fall anywhere."""
    return "".join(text.split()).replace("-", "").replace("\xad", "")


def pdf_text(path: Path) -> str:
    return squeezed(" ".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages))


@pytest.fixture(scope="module")
def content(built_site):
    loaded, _ = load_content(load_project(built_site.parent), today=date.today())  # the build used today too
    return loaded


def numbers(entry, lang: str = "id") -> list[str]:
    """Its numbers as a sheet in `lang` prints them (+62 on English paper: views/dialing.py)."""
    found = [p["number"] for p in entry.get("phones", []) + entry.get("whatsapp", [])]
    return [phone.international(n) for n in found] if dialing.is_international(lang) else found


def marked(content, entry) -> bool:
    return needs_mark(entry.data, entry.id in content.stale_services)


def name_key(entry, lang: str) -> str:
    return squeezed(entry["name"].get(lang, entry["name"]["id"]))[:24]


def assert_marked_after_each_number(text: str, content, entry, mark: str, lang: str = "id") -> None:
    """Every printed block of the service (from its name to the next service's name) that holds one of its
    numbers also holds the mark and the month of its newest evidence. On cards and in the hotline box the
    note follows the numbers; on a directory card it follows the name."""
    evidence = newest_evidence(entry.data)
    when = squeezed(evidence[1][:7]) if evidence else ""
    others = {name_key(e, lang) for e in content.services.values()} - {name_key(entry, lang)}
    name = name_key(entry, lang)
    blocks, at = 0, text.find(name)
    while at >= 0:
        ends = [i for i in (text.find(o, at + len(name)) for o in others) if i >= 0]
        block = text[at : min(ends + [at + 600])]
        if any(squeezed(n) in block for n in numbers(entry, lang)):
            blocks += 1
            assert squeezed(mark) in block and when in block, (entry.id, block)
        at = text.find(name, at + 1)
    assert blocks, (entry.id, "none of its numbers was found after its name")


@pytest.mark.parametrize("province", ["32", "35", "53"])
def test_pocket_cards_mark_every_number_to_be_verified_with_source_and_date(built_site, content, province):
    slug = content.regions.provinces[province].slug
    for lang, mark in (("id", "perlu diverifikasi"), ("en", "to be verified")):
        text = pdf_text(built_site / "handouts" / lang / f"kartu-{slug}.pdf")
        printed = national_hotlines(content) + local_services(content, province)[:MAX_LOCAL]
        checked = [e for e in printed if numbers(e) and marked(content, e)]
        for entry in checked:
            assert_marked_after_each_number(text, content, entry, mark, lang)
        if province in ("32", "35"):  # West and East Java: M-rated UPTD PPA numbers
            assert f"uptd-ppa-{'jawa-barat' if province == '32' else 'jawa-timur'}" in [e.id for e in checked]


def test_a_card_without_marks_shows_none():
    """The national sheet marks only what needs it: an H-rated, fresh number carries no mark."""
    from kie.views.evidence_text import print_note
    from kie.views.text import Language

    L = Language("id", "id", {"id": {"to_be_verified": "perlu diverifikasi", "print_source": "sumber: {name}, {date}"}})
    fresh = {"confidence": "H", "source_date": "2026-10", "source": "Polri, 2026"}
    assert print_note(L, fresh, stale=False) == ""
    assert print_note(L, fresh, stale=True) == "perlu diverifikasi · sumber: Polri, 2026-10"
    assert print_note(L, dict(fresh, confidence="M", source_name="Today.id"), stale=False).endswith("Today.id, 2026-10")


def test_handouts_mark_the_national_box_and_the_directory_numbers(built_site, content):
    lpsk = content.services["lpsk"]
    assert marked(content, lpsk)  # rated M, source from 2020
    text = pdf_text(built_site / "handouts" / "id" / "layanan-lpsk.pdf")
    assert_marked_after_each_number(text, content, lpsk, "perlu diverifikasi")
    slug = content.regions.provinces["32"].slug
    province = pdf_text(built_site / "handouts" / "id" / f"layanan-provinsi-{slug}.pdf")
    assert_marked_after_each_number(province, content, content.services["uptd-ppa-jawa-barat"], "perlu diverifikasi")
    for entry in national_hotlines(content):  # the box at the top of every handout
        if numbers(entry) and marked(content, entry):
            assert_marked_after_each_number(province, content, entry, "perlu diverifikasi")
