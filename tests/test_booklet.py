"""The A5 booklet of a regional edition: pages in the right order when the printed sheets are folded."""

from __future__ import annotations

import io
import re

import pytest
from kie.print.booklet import A4_LANDSCAPE, A5, attached, impose, numbered, reading_order, with_blanks
from kie.print.pdf import html_to_pdf
from pypdf import PdfReader

MM = 72 / 25.4


def a5_pages(count: int, tmp_path):
    """`count` A5 pages, each saying only 'Page n' (as the PDF engine prints them)."""
    body = "".join(f'<section style="break-after: page">Page {i}</section>' for i in range(1, count + 1))
    html = f"<style>@page {{ size: 148mm 210mm }}</style>{body}"
    data, _ = html_to_pdf(html, tmp_path.as_uri() + "/", tmp_path)
    return list(PdfReader(io.BytesIO(data)).pages)


def halves(pdf: bytes) -> list[tuple[str, str]]:
    """For each printed side: the text on its left half and on its right half."""
    reader = PdfReader(io.BytesIO(pdf))
    sides = []
    for page in reader.pages:
        width = float(page.mediabox.width)
        parts = {"left": [], "right": []}

        def visit(text, cm, tm, font, size, parts=parts, width=width):
            x = cm[4] + tm[4] * cm[0]  # where the text starts on the sheet
            if text.strip():
                parts["left" if x < width / 2 else "right"].append(text)

        page.extract_text(visitor_text=visit)
        sides.append(tuple(" ".join(parts[k]).strip() for k in ("left", "right")))
    return sides


def number(text: str) -> int | None:
    found = re.findall(r"Page (\d+)", text)
    return int(found[0]) if found else None


# (left, right) page numbers of each printed side, front then back of each sheet, outer sheet first: written
# out by hand from a folded paper dummy, not computed.
SIDES = {
    8: [(8, 1), (2, 7), (6, 3), (4, 5)],
    12: [(12, 1), (2, 11), (10, 3), (4, 9), (8, 5), (6, 7)],
    16: [(16, 1), (2, 15), (14, 3), (4, 13), (12, 5), (6, 11), (10, 7), (8, 9)],
}


@pytest.mark.parametrize("count", [8, 12, 16])
def test_folded_sheets_read_in_order(tmp_path, count):
    out = io.BytesIO()
    impose(a5_pages(count, tmp_path)).write(out)
    sides = halves(out.getvalue())
    assert len(sides) == count // 2  # two sides per sheet, four pages per sheet
    assert [(number(left), number(right)) for left, right in sides] == SIDES[count]
    reader = PdfReader(io.BytesIO(out.getvalue()))
    for page in reader.pages:  # A4 landscape
        assert abs(float(page.mediabox.width) - 297 * MM) < 1 and abs(float(page.mediabox.height) - 210 * MM) < 1


@pytest.mark.parametrize("count", [8, 12, 16])
def test_the_reading_order_pdf_has_the_same_pages_one_by_one(tmp_path, count):
    pages = a5_pages(count, tmp_path)
    imposed, reading = io.BytesIO(), io.BytesIO()
    impose(pages).write(imposed)
    reading_order(pages).write(reading)
    on_sheets = sorted(number(t) for side in halves(imposed.getvalue()) for t in side)
    read = PdfReader(io.BytesIO(reading.getvalue()))
    assert [number(p.extract_text()) for p in read.pages] == on_sheets == list(range(1, count + 1))
    assert all(abs(float(p.mediabox.width) - A5[0]) < 1 for p in read.pages)


def test_blank_pages_fill_up_to_a_multiple_of_4_before_the_back_page(tmp_path):
    pages = with_blanks(a5_pages(6, tmp_path))
    assert len(pages) == 8 and pages[6] is None and pages[5] is None and pages[7] is not None
    out = io.BytesIO()
    impose(pages).write(out)
    sides = [(number(left), number(right)) for left, right in halves(out.getvalue())]
    # the reader's page 6 (the back page) is the booklet's last page; 6 and 7 of the booklet are blank
    assert sides == [(6, 1), (2, None), (None, 3), (4, 5)]
    assert A4_LANDSCAPE[0] > A4_LANDSCAPE[1]


def test_page_numbers_are_stamped_on_real_pages_only(tmp_path):
    pages = [*a5_pages(2, tmp_path), None, None]
    stamps = PdfReader(
        io.BytesIO(
            html_to_pdf(
                "<style>@page { size: 148mm 210mm }</style>"
                + "".join(f'<section style="break-after: page">n{i}</section>' for i in (1, 2, 3, 4)),
                tmp_path.as_uri() + "/",
                tmp_path,
            )[0]
        )
    )
    stamped = numbered(attached(pages)[1], stamps)
    assert "n1" in stamped[0].extract_text() and "n2" in stamped[1].extract_text() and stamped[2] is None


# --- the cover and the back page carry the page's marks (invented services: tests/fixtures/calls) ---


def _edition_of_the_calls_fixture(tmp_path, marked_number: bool = False):
    import shutil
    from datetime import date

    from conftest import FIXTURES, PUBLISHED, REPO, make_project
    from kie.model.content import load_content
    from kie.model.editions import for_edition
    from kie.model.project import load_project

    root = make_project(tmp_path / "project", FIXTURES / "calls")
    shutil.copytree(REPO / "content" / "ui", root / "content" / "ui", dirs_exist_ok=True)
    (root / "content" / "services" / "uptd-contoh-gagal.yml").unlink()  # the province's unit comes first then
    editions = root / "content" / "editions"
    editions.mkdir()
    (editions / "contoh.yml").write_text(
        "id: contoh\ntitle: {id: Edisi Contoh}\nprovinces: ['53']\nlanguages: [id]\n", encoding="utf-8"
    )
    if marked_number:  # a number given on a call, not confirmed yet
        kota = root / "content" / "services" / "uptd-contoh-kota.yml"
        kota.write_text(
            kota.read_text(encoding="utf-8").replace(
                '  - number: "0812-0000-2001"\n',
                '  - number: "0812-0000-2001"\n  - number: "0812-0000-2002"\n    confidence: M\n'
                '    added_on: "2026-11-20"\n',
            ),
            encoding="utf-8",
        )
    project = load_project(root)
    content, problems = load_content(project, today=date(2026, 12, 4))
    assert [p for p in problems if not p.warning] == []
    return for_edition(project, content, "contoh", PUBLISHED)[1]


def _text(html_text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html_text))


def test_the_cover_marks_the_provinces_first_number_as_its_page_does(tmp_path):
    from kie.print.booklet import cover_html

    content = _edition_of_the_calls_fixture(tmp_path)
    assert "uptd-contoh-provinsi" in content.stale_services  # its only source is from January 2025
    text = _text(cover_html(content, "id", "https://cegah-tppo.test/"))
    assert "UPTD PPA Provinsi Contoh: (0380) 000 1001 (perlu diverifikasi)" in text


def test_the_back_page_marks_stale_services_and_unconfirmed_numbers(tmp_path):
    from kie.print.booklet import back_html

    text = _text(back_html(_edition_of_the_calls_fixture(tmp_path, marked_number=True), "id"))
    assert "UPTD PPA Provinsi Contoh (perlu diverifikasi):" in text  # stale, not rated M: marked all the same
    assert "UPTD PPA Kota Contoh (perlu diverifikasi): 0812-0000-2001, 0812-0000-2002 (perlu diverifikasi)" in text
