"""Campaign media made from the content: images to forward on WhatsApp and A3 posters. Pure: HTML, no files.

Per modus a square card (1080 × 1080) and a status image (1080 × 1920); per province a hotline image
(1080 × 1350); per modus and per province an A3 poster. kie.print.media prints this HTML to PDF and the
images on to PNG. Every fact comes from the functions the pages use, never typed again: the help bar's line
(SAPA 129) and the province's first own contact (views.helpbar, views.directory), the call order of the pocket
cards (directory.card_lists) and the "perlu diverifikasi" mark with its source (views.evidence_text). An
image's text is also its alt text on the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..model.content import Content, Entry
from ..model.project import is_placeholder_address
from . import urls
from .directory import card_lists, first_local_contact, national_hotlines
from .evidence_text import print_note
from .helpbar import contact, helpline
from .service_order import EMERGENCY
from .text import Language

_env = Environment(
    loader=PackageLoader("kie", "templates"), autoescape=True, undefined=StrictUndefined, trim_blocks=True
)

# Pixel sizes of the images. 1 CSS px of the template is 1 pixel of the PNG.
SIZES = {"square": (1080, 1080), "story": (1080, 1920), "province": (1080, 1350)}
SHAPES = (("square", "persegi"), ("story", "status"))  # a modus's images and their names in file names
FITS = 7  # type sizes an image or poster is tried at, largest first: the smallest keeps all text >= 36 px
POSTER_LOCAL = 8  # a province's own services on its poster; the QR code leads to the rest
SIGNS_ON_IMAGE = 3


@dataclass(frozen=True)
class Text:
    text: str
    lang: str = ""  # the Indonesian fallback's language, to mark it lang="id"


@dataclass(frozen=True)
class Line:
    """A service as printed: its short name, its numbers, and the mark when it needs one."""

    name: str
    numbers: tuple[str, ...]
    note: str = ""  # 'perlu diverifikasi · sumber: Today.id, 2025-05' in the image's language, or ''


@dataclass(frozen=True)
class Item:
    """One image or poster of the site."""

    kind: str  # square | story | province | poster
    lang: str
    path: str  # site-relative file (views/urls)
    page: str  # the built page it is made from, linked from and (on a poster) QR-coded to
    subject: str  # 'modus' or 'province'
    key: str  # the modus id, or the province code

    @property
    def image(self) -> bool:
        return self.kind != "poster"


def _text(L: Language, value: dict | None) -> Text:
    text, fallback = L.pick(value)
    return Text(" ".join(text.split()), L.default if fallback else "")


def service_line(content: Content, entry: Entry, L: Language) -> Line:
    """A service's name and numbers as the help bar shows them, and the mark printed next to its numbers."""
    shown = contact(entry, content, L)
    numbers = [c.text for c in shown["calls"]] + [f"WA {c.text}" for c in shown["chats"]]
    note = print_note(L, entry.data, entry.id in content.stale_services) if numbers else ""
    return Line(shown["name"], tuple(numbers), note)


def modus_items(content: Content, entry_id: str, lang: str) -> list[Item]:
    page = urls.built_page(urls.entry_docs_path("modus", entry_id), lang, content.default_language)
    items = [Item(kind, lang, urls.modus_image(lang, entry_id, name), page, "modus", entry_id) for kind, name in SHAPES]
    return items + [Item("poster", lang, urls.modus_poster(lang, entry_id), page, "modus", entry_id)]


def province_items(content: Content, province, lang: str) -> list[Item]:
    page = urls.built_page(urls.province_docs_path(province), lang, content.default_language)
    return [
        Item("province", lang, urls.province_image(lang, province), page, "province", province.code),
        Item("poster", lang, urls.province_poster(lang, province), page, "province", province.code),
    ]


def plan(content: Content, lang: str | None = None) -> list[Item]:
    """Every image and poster in every language (or in `lang`): per modus, then per province."""
    items = []
    for code in [lang] if lang else content.languages:
        for entry_id in content.modus:
            items += modus_items(content, entry_id, code)
        for province in provinces_first(content):
            items += province_items(content, province, code)
    return items


def provinces_first(content: Content) -> list:
    """The provinces, a regional edition's own first (its media page and zip lead with them)."""
    regions = getattr(content, "regions", None)
    every = list(regions.provinces.values()) if regions is not None and regions.provinces else []
    own = content.edition.provinces if content.edition else ()
    return sorted(every, key=lambda p: (p.code not in own, own.index(p.code) if p.code in own else 0))


def plan_of_page(content: Content, built_path: str) -> list[Item]:
    """The images and posters made from one built page (a modus page, a province page); [] for other pages."""
    default = content.default_language
    lang, rest = urls.split_language(built_path, content.languages, default)
    stem = rest.rpartition("/")[2].removesuffix(".html")
    if stem in content.modus and rest == urls.built_page(urls.entry_docs_path("modus", stem), default, default):
        return modus_items(content, stem, lang)
    for province in provinces_first(content):
        if province.slug == stem and rest == urls.built_page(urls.province_docs_path(province), default, default):
            return province_items(content, province, lang)
    return []


def facts(content: Content, item: Item, site_url: str) -> dict:
    """What an image or poster says, in its language: the same facts as its page."""
    L = Language(item.lang, content.default_language, content.ui)

    def ui(key: str, **fill) -> str:
        return L.ui_text(key, **fill)[0]

    # no address on an image while the site's is still an example one (model/project.py): it would lead nowhere
    address = "" if is_placeholder_address(site_url) else urls.short_url(site_url).rstrip("/")
    found = {"site_name": ui("site_name"), "address": address, "lang": item.lang}
    line = helpline(content)
    found["help"] = service_line(content, line, L) if line else None
    found["help_title"] = ui("help_title")
    if item.subject == "modus":
        entry = content.modus[item.key]
        signs = [_text(L, sign) for sign in entry["warning_signs"]]
        steps = [_text(L, step) for step in entry["what_to_do"]]
        found.update(
            title=_text(L, entry["title"]),
            summary=_text(L, entry["summary"]),
            signs_title=ui("warning_signs"),
            signs=signs if item.kind == "poster" else signs[:SIGNS_ON_IMAGE],
            steps_title=ui("what_to_do"),
            steps=steps if item.kind == "poster" else steps[:1],
            hotlines=[service_line(content, e, L) for e in national_hotlines(content)],  # a handout's box
        )
    else:
        province = content.regions.provinces[item.key]
        first, local, later = card_lists(content, province)
        found.update(title=Text(ui("cards_title")), area=province.label)
        if item.kind == "poster":
            found.update(
                first=[service_line(content, e, L) for e in first],
                local=[service_line(content, e, L) for e in local[:POSTER_LOCAL]],
                more=max(0, len(local) - POSTER_LOCAL),
                later=[service_line(content, e, L) for e in later],
                local_title=ui("cards_local"),
                none=ui("cards_none"),
            )
        else:
            # 110 and 129, then the province's first own number: the help bar's choice, not made again here
            shown = [e for e in first if e.id == EMERGENCY] + ([line] if line else [])
            own = first_local_contact(content, province.code)
            number = contact(line, content, L)["calls"][0].text if line else ""
            found.update(
                first=[service_line(content, e, L) for e in shown],
                local=[service_line(content, own, L)] if own else [],
                local_title=ui("help_local", name=province.name),
                none=ui("help_no_local", name=province.name, number=number),
            )
    return found


def said(line: Line) -> str:
    """'SAPA 129: 129 · WA 0811-1129-129 (perlu diverifikasi · …)' as one phrase."""
    text = f"{line.name}: {' · '.join(line.numbers)}" if line.numbers else line.name
    return f"{text} ({line.note})" if line.note else text


def image_text(found: dict) -> str:
    """Everything an image says, in reading order: its alt text on the page."""
    parts = [found["title"].text]
    if "area" in found:
        parts.append(found["area"])
        services = found["first"] + found["local"]
        parts += [said(s) for s in services]
        if not found["local"]:
            parts.append(found["none"])
    else:
        parts += [found["signs_title"], *(s.text for s in found["signs"])]
        parts += [found["steps_title"], *(s.text for s in found["steps"])]
        if found["help"]:
            parts.append(f"{found['help_title']} {said(found['help'])}")
    parts.append(found["address"])
    return ". ".join(p.rstrip(".") for p in parts if p) + "."


def render(content: Content, item: Item, site_url: str, fit: int = 0, holes: tuple[str, str, str] = ("", "", "")):
    """The HTML of one image or poster at type size `fit` (0 = largest). `holes`: version, date and QR code,
    filled in after hashing by the print step, as on handouts."""
    found = facts(content, item, site_url)
    version, date, qr = holes
    L = Language(item.lang, content.default_language, content.ui)
    template = "media_poster.html.j2" if item.kind == "poster" else "media_image.html.j2"
    return _env.get_template(template).render(
        f=found,
        kind=item.kind,
        fit=fit,
        size=SIZES.get(item.kind, (0, 0)),
        t=lambda value: (
            Markup('<span lang="{}">{}</span>').format(value.lang, value.text) if value.lang else value.text
        ),
        ui=lambda key, **fill: L.ui_text(key, **fill)[0],
        url=urls.public_url(site_url, item.page),
        short_url=urls.short_url(urls.public_url(site_url, item.page)),
        version=version,
        date=date,
        qr="" if is_placeholder_address(site_url) else qr,  # no QR code of an example address
    )


def page_media(content: Content, built_path: str, site_url: str) -> list[dict]:
    """What a page's "Images to share" section shows (overrides/partials/kie-media.html): per image its
    thumbnail, the file, its alt text (the image's text) and its label; then the poster. Links are relative."""
    L = Language(
        urls.language_of(built_path, content.languages, content.default_language), content.default_language, content.ui
    )
    shown = []
    for item in plan_of_page(content, built_path):
        link = urls.relative(item.path, built_path)
        entry = {"href": link, "label": L.ui_text(f"media_{item.kind}")[0], "image": item.image}
        if item.image:
            entry.update(
                thumb=urls.relative(urls.thumbnail(item.path), built_path),
                alt=image_text(facts(content, item, site_url)),
                size=SIZES[item.kind],
                name=item.path.rpartition("/")[2],
            )
        shown.append(entry)
    return shown
