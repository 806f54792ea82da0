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

import hashlib
import html
import io
import shutil
from importlib.metadata import version
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter, Transformation

from ..model.content import Content
from ..model.editions import MAX_BOOKLET_PAGES, booklet_too_long
from ..model.phone import tel_uri
from ..model.problems import ContentError, Problem
from ..model.project import is_placeholder_address, write_cache_file
from ..views import urls
from ..views.directory import first_local_contact, national_hotlines, province_call_order
from ..views.helpbar import helpline, short_name
from ..views.service_order import has_number, is_marked
from ..views.text import Language
from .numbers import printed_numbers
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


def _marked(text: str, marked: bool, L: Language) -> str:
    return f"{text} ({_t(L, 'to_be_verified')})" if marked else text


def _contact_lines(entry, content: Content, L: Language) -> str:
    """A service and its numbers with the page's marks: the service's (rated M/L or stale), a number's own."""
    numbers = ", ".join(_marked(p.text, p.unconfirmed, L) for p in printed_numbers(entry, L))
    mark = _marked("", is_marked(entry, content), L)
    return f"<li><strong>{html.escape(short_name(entry, L))}</strong>{html.escape(mark)}: {html.escape(numbers)}</li>"


def cover_html(content: Content, lang: str, address: str) -> str:
    L = Language(lang, content.default_language, content.ui)
    edition, line = content.edition, helpline(content)
    title = edition.title.get(lang) or edition.title[content.default_language]
    calls = ", ".join(p.text for p in printed_numbers(line, L) if not p.whatsapp) if line else ""
    local = local_line(content, L)
    body = (
        f"<section><h1>{html.escape(title)}</h1>"
        f'<p class="hotline">{html.escape(_t(L, "help_title"))} {html.escape(short_name(line, L) if line else "")}: '
        f'<a href="{html.escape(tel_uri(calls.split(",")[0]))}">{html.escape(calls)}</a>'
        f"{html.escape(_marked('', bool(line) and is_marked(line, content), L))}</p>"
        f"<p>{html.escape(local)}</p>"
        f"{_address_block(address, L)}</section>"
    )
    return _document(body, lang)


def _address_block(address: str, L: Language) -> str:
    """The cover's QR code and address; none while the address is still an example (model/project.py)."""
    if is_placeholder_address(address):
        return f"<p>{html.escape(_t(L, 'print_no_address'))}</p>"
    return f'<img class="qr" src="{qr_data_uri(address)}" alt=""><p>{html.escape(urls.short_url(address))}</p>'


def local_line(content: Content, L: Language) -> str:
    """The province's first own number, or the plain word that none is verified yet (the help bar's words)."""
    province = content.regions.provinces[content.edition.province]
    first = first_local_contact(content, province.code)
    if first is None:
        line = helpline(content)
        number = next((p.text for p in printed_numbers(line, L) if not p.whatsapp), "") if line else ""
        return _t(L, "help_no_local", name=province.name, number=number)
    number = printed_numbers(first, L)[0]
    shown = _marked(number.text, is_marked(first, content) or number.unconfirmed, L)  # as the help bar marks it
    return f"{_t(L, 'help_local', name=province.name)} {short_name(first, L)}: {shown}"


def back_html(content: Content, lang: str) -> str:
    L = Language(lang, content.default_language, content.ui)
    province = content.regions.provinces[content.edition.province]
    own = [e for e in province_call_order(content, province.code)[1] if has_number(e)]
    items = "".join(_contact_lines(e, content, L) for e in national_hotlines(content) + own)
    note = "" if own else f"<p>{html.escape(local_line(content, L))}</p>"
    return _document(f"<section><h1>{html.escape(_t(L, 'call_first'))}</h1><ul>{items}</ul>{note}</section>", lang)


def numbers_html(count: int, blanks: set[int], lang: str) -> str:
    """`count` empty A5 pages, each with only its page number (blank pages stay blank)."""
    pages = "".join(f'<section><p class="number">{"" if i in blanks else i}</p></section>' for i in range(1, count + 1))
    return _document(pages, lang)


def _pdf(html_text: str, site: Path) -> PdfReader:
    data, _ = html_to_pdf(html_text, site.as_uri() + "/", site)
    return PdfReader(io.BytesIO(data))


def handout_files(content: Content, site: Path, lang: str) -> list[Path]:
    """The printed handouts of the edition's booklet list, in its order."""
    files = []
    for kind, entry_id in content.edition.booklet:
        built = urls.built_page(urls.entry_docs_path(kind, entry_id), lang, content.default_language)
        pdf = urls.handout_path(built, content.languages, content.default_language)
        if pdf and (site / pdf).is_file():  # a local service has no page, so no handout: its numbers are on the back
            files.append(site / pdf)
    return files


def make_booklets(project, content: Content, site: Path) -> None:
    """Post-build step, after the handouts: the edition's booklet in each of its languages (none nationally).

    Imposing is slow (pypdf reads every content stream it moves), so both files are kept in the print cache
    under a key made of everything they are made from; an unchanged booklet is copied, not imposed again."""
    edition = content.edition
    if edition is None or not edition.booklet:
        return
    cache = project.cache_dir / "booklets"
    for lang in content.languages:
        made_from = [cover_html(content, lang, project.site_url), back_html(content, lang)]
        handouts = handout_files(content, site, lang)
        key = _cache_key(made_from, handouts)
        names = (urls.booklet_file(edition.id, lang), urls.booklet_file(edition.id, lang, True))
        cached = [cache / f"{edition.id}-{lang}-{key}-{i}.pdf" for i in range(len(names))]
        if not all(file.is_file() for file in cached):
            _forget(cache, f"{edition.id}-{lang}-")
            for data, file in zip(booklet(content, site, lang, made_from, handouts), cached, strict=True):
                write_cache_file(file, data)
        for file, name in zip(cached, names, strict=True):
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, site / name)


def booklet(content: Content, site: Path, lang: str, made_from: list[str], handouts: list[Path]) -> list[bytes]:
    """The imposed booklet and its reading-order copy, as PDF bytes."""
    edition = content.edition
    cover, back = (_pdf(text, site).pages[0] for text in made_from)
    inner = [page for file in handouts for page in PdfReader(file).pages]
    pages = with_blanks([cover, *inner, back])
    if len(pages) > MAX_BOOKLET_PAGES:
        raise ContentError([Problem(edition.file, edition.booklet_line, "booklet", booklet_too_long(len(pages)))])
    reading, pages = attached(pages)
    for page in pages[1 : 1 + len(inner)]:
        to_a5(page)
    blanks = {i + 1 for i, page in enumerate(pages) if page is None}
    pages = numbered(pages, _pdf(numbers_html(len(pages), blanks, lang), site))
    written = []
    for writer in (impose(pages), reading):
        out = io.BytesIO()
        writer.write(out)
        written.append(out.getvalue())
    return written


def _cache_key(made_from: list[str], handouts: list[Path]) -> str:
    """Cover and back page (HTML), the handouts' bytes, this module and the PDF libraries' versions."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(f"pypdf {version('pypdf')} weasyprint {version('weasyprint')}".encode())
    for part in [*(text.encode() for text in made_from), *(file.read_bytes() for file in handouts)]:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:20]


def _forget(cache: Path, prefix: str) -> None:
    """An edition's booklet in one language is cached once: its older versions go."""
    for file in cache.glob(f"{prefix}*.pdf"):
        file.unlink(missing_ok=True)
