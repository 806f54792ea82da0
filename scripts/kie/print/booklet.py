"""A regional edition's A5 booklet: cover, the edition's handouts, a back page of contacts.

Two files per language, in handouts/<lang>/:
- buklet-<edition>.pdf: imposed for saddle stitching. Each A4 landscape sheet side holds two A5 pages; printed
  double-sided (flip on the short edge), stacked, folded and stapled in the middle, the pages read in order.
  Blank pages fill the booklet up to a multiple of 4, before the back page, so the contacts stay on the back.
- buklet-<edition>-baca.pdf: the same pages in reading order, for screens and phones.

Handouts are A4 PDFs already printed by kie.print.handouts: their pages are scaled to A5 (no second print run).
Cover, back page and page numbers are printed here with the same PDF engine; pypdf puts them together.
"""

from __future__ import annotations

import html
import io
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter, Transformation

from ..model.content import Content
from ..model.editions import MAX_BOOKLET_PAGES, booklet_too_long
from ..model.phone import tel_uri
from ..model.problems import ContentError, Problem
from ..views import urls
from ..views.directory import national_hotlines, province_call_order
from ..views.helpbar import helpline, short_name
from ..views.service_order import has_number
from ..views.text import Language
from .pdf import html_to_pdf
from .printpage import qr_data_uri

MM = 72 / 25.4
A5 = (148 * MM, 210 * MM)  # portrait, in PDF points
A4_LANDSCAPE = (297 * MM, 210 * MM)


def padded(count: int) -> int:
    """Pages of a saddle-stitched booklet of `count` pages: the next multiple of 4."""
    return count + (-count) % 4


def sheet_order(pages: int) -> list[tuple[int, int]]:
    """Page numbers (1-based) on each printed side, left then right, in print order: front, back, front, ...

    For 8 pages: (8, 1), (2, 7), (6, 3), (4, 5). The outer sheet carries the first and last pages.
    """
    assert pages % 4 == 0
    sides = []
    for sheet in range(pages // 4):
        first, last = 2 * sheet + 1, pages - 2 * sheet
        sides += [(last, first), (first + 1, last - 1)]
    return sides


def with_blanks(pages: list) -> list:
    """`pages` with None (a blank page) before the last one, up to a multiple of 4."""
    blanks = padded(len(pages)) - len(pages)
    return [*pages[:-1], *[None] * blanks, *pages[-1:]] if pages else []


def impose(pages: list[PageObject | None]) -> PdfWriter:
    """A5 pages (already padded; None is blank) onto A4 landscape sides in saddle-stitch order."""
    width, height = A4_LANDSCAPE
    writer = PdfWriter()
    for left, right in sheet_order(len(pages)):
        side = writer.add_blank_page(width, height)
        for number, x in ((left, 0), (right, width / 2)):
            page = pages[number - 1]
            if page is not None:
                side.merge_transformed_page(page, Transformation().translate(x, 0))
    return writer


def reading_order(pages: list[PageObject | None]) -> PdfWriter:
    return attached(pages)[0]


def attached(pages: list[PageObject | None]) -> tuple[PdfWriter, list[PageObject | None]]:
    """The real pages added to a new writer (the reading-order PDF), and the list with the writer's copies:
    pypdf changes (scales, stamps) only pages that belong to a writer."""
    writer = PdfWriter()
    return writer, [writer.add_page(page) if page is not None else None for page in pages]


def to_a5(page: PageObject) -> PageObject:
    """An A4 handout page scaled down to A5 (the same proportions: 1/sqrt 2)."""
    page.scale_to(*A5)
    return page


def numbered(pages: list[PageObject | None], numbers: PdfReader) -> list[PageObject | None]:
    """Stamp each real page with its page number (numbers.pages[i] carries number i + 1)."""
    for i, page in enumerate(pages):
        if page is not None:
            page.merge_page(numbers.pages[i])
    return pages


# ---------- the pages this module prints itself ----------

_STYLE = """
@page { size: 148mm 210mm; margin: 14mm 12mm; }
body { font-family: sans-serif; font-size: 11pt; line-height: 1.35; color: #000; }
h1 { font-size: 20pt; margin: 0 0 8mm; }
.hotline { font-size: 16pt; font-weight: bold; margin: 4mm 0; }
.qr { width: 40mm; height: 40mm; display: block; margin: 8mm 0 2mm; }
.number { position: absolute; bottom: -8mm; width: 100%; text-align: center; font-size: 9pt; }
section { break-after: page; position: relative; height: 182mm; }
li { margin-bottom: 2mm; }
"""


def _t(L: Language, key: str, **fill) -> str:
    """An interface string as plain text (escaped once, where it is put into the HTML)."""
    return L.ui_text(key, **fill)[0]


def _document(body: str, lang: str) -> str:
    head = f'<meta charset="utf-8"><style>{_STYLE}</style>'
    return f'<!doctype html><html lang="{lang}"><head>{head}</head><body>{body}</body></html>'


def _contact_lines(entry, L: Language) -> str:
    numbers = [p["number"] for p in entry.get("phones", [])] + [w["number"] for w in entry.get("whatsapp", [])]
    mark = f" ({_t(L, 'to_be_verified')})" if entry.get("confidence") in ("M", "L") else ""
    return f"<li><strong>{html.escape(short_name(entry, L))}</strong>{mark}: {html.escape(', '.join(numbers))}</li>"


def cover_html(content: Content, lang: str, address: str) -> str:
    L = Language(lang, content.default_language, content.ui)
    edition, line = content.edition, helpline(content)
    title = edition.title.get(lang) or edition.title[content.default_language]
    calls = ", ".join(p["number"] for p in line.get("phones", [])) if line else ""
    local = local_line(content, L)
    body = (
        f"<section><h1>{html.escape(title)}</h1>"
        f'<p class="hotline">{html.escape(_t(L, "help_title"))} {html.escape(short_name(line, L) if line else "")}: '
        f'<a href="{html.escape(tel_uri(calls.split(",")[0]))}">{html.escape(calls)}</a></p>'
        f"<p>{html.escape(local)}</p>"
        f'<img class="qr" src="{qr_data_uri(address)}" alt=""><p>{html.escape(urls.short_url(address))}</p></section>'
    )
    return _document(body, lang)


def local_line(content: Content, L: Language) -> str:
    """The province's first own number, or the plain word that none is verified yet (the help bar's words)."""
    province = content.regions.provinces[content.edition.province]
    own = [e for e in province_call_order(content, province.code)[1] if has_number(e)]
    line = helpline(content)
    if not own:
        number = line["phones"][0]["number"] if line else ""
        return _t(L, "help_no_local", name=province.name, number=number)
    first = own[0]
    numbers = [p["number"] for p in first.get("phones", [])] or [w["number"] for w in first.get("whatsapp", [])]
    return f"{_t(L, 'help_local', name=province.name)} {short_name(first, L)}: {numbers[0]}"


def back_html(content: Content, lang: str) -> str:
    L = Language(lang, content.default_language, content.ui)
    province = content.regions.provinces[content.edition.province]
    own = [e for e in province_call_order(content, province.code)[1] if has_number(e)]
    items = "".join(_contact_lines(e, L) for e in national_hotlines(content) + own)
    note = "" if own else f"<p>{html.escape(local_line(content, L))}</p>"
    return _document(f"<section><h1>{html.escape(_t(L, 'call_first'))}</h1><ul>{items}</ul>{note}</section>", lang)


def numbers_html(count: int, blanks: set[int], lang: str) -> str:
    """`count` empty A5 pages, each with only its page number (blank pages stay blank)."""
    pages = "".join(f'<section><p class="number">{"" if i in blanks else i}</p></section>' for i in range(1, count + 1))
    return _document(pages, lang)


def _pdf(html_text: str, site: Path) -> PdfReader:
    data, _ = html_to_pdf(html_text, site.as_uri() + "/", site)
    return PdfReader(io.BytesIO(data))


def handout_pages(content: Content, site: Path, lang: str) -> list[PageObject]:
    pages = []
    for kind, entry_id in content.edition.booklet:
        built = urls.built_page(urls.entry_docs_path(kind, entry_id), lang, content.default_language)
        pdf = urls.handout_path(built, content.languages, content.default_language)
        if pdf and (site / pdf).is_file():  # a local service has no page, so no handout: its numbers are on the back
            pages += PdfReader(site / pdf).pages
    return pages


def make_booklets(project, content: Content, site: Path) -> None:
    """Post-build step, after the handouts: the edition's booklet in each of its languages (none nationally)."""
    edition = content.edition
    if edition is None or not edition.booklet:
        return
    for lang in content.languages:
        cover = _pdf(cover_html(content, lang, project.site_url), site).pages[0]
        back = _pdf(back_html(content, lang), site).pages[0]
        handouts = handout_pages(content, site, lang)
        pages = with_blanks([cover, *handouts, back])
        if len(pages) > MAX_BOOKLET_PAGES:
            raise ContentError([Problem(edition.file, edition.booklet_line, "booklet", booklet_too_long(len(pages)))])
        reading, pages = attached(pages)
        for page in pages[1 : 1 + len(handouts)]:
            to_a5(page)
        blanks = {i + 1 for i, page in enumerate(pages) if page is None}
        pages = numbered(pages, _pdf(numbers_html(len(pages), blanks, lang), site))
        for writer, name in (
            (impose(pages), urls.booklet_file(edition.id, lang)),
            (reading, urls.booklet_file(edition.id, lang, True)),
        ):
            target = site / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as out:
                writer.write(out)
