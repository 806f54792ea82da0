"""Pocket hotline cards: per province and language, one A4 sheet of four identical cards with cut marks.

A card holds the national hotlines and the province's own services, and a QR code to the province's
page. Without a list of provinces (content/regions/provinces.yml) only the national sheet is made.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..model.content import Content, Entry
from ..model.project import is_placeholder_address
from ..views import urls
from ..views.directory import card_lists, province_call_order
from ..views.evidence_text import print_note
from ..views.text import Language
from .numbers import localized, print_helpers

_env = Environment(
    loader=PackageLoader("kie", "templates"), autoescape=True, undefined=StrictUndefined, trim_blocks=True
)
MAX_LOCAL = 6  # more would not fit on a card: the QR code leads to the full list


@dataclass(frozen=True)
class CardLayout:
    """Four cards on A4 (210 × 297 mm), each centred in a quarter of the sheet. Sizes in mm."""

    w: float = 85
    h: float = 125
    mark: float = 4  # length of a cut mark
    gap: float = 1.5  # between a cut mark and the card's corner

    @property
    def positions(self) -> list[tuple[float, float]]:
        left, top = (105 - self.w) / 2, (148.5 - self.h) / 2
        return [(left + col * 105, top + row * 148.5) for row in (0, 1) for col in (0, 1)]

    def marks(self, x: float, y: float) -> list[tuple[float, float, str]]:
        """Short lines outside each corner, continuing the card's edges: where to cut."""
        out = []
        for cx in (x, x + self.w):
            for cy in (y, y + self.h):
                hx = cx - self.gap - self.mark if cx == x else cx + self.gap
                vy = cy - self.gap - self.mark if cy == y else cy + self.gap
                out += [(round(hx, 2), round(cy, 2), "h"), (round(cx, 2), round(vy, 2), "v")]
        return out


@dataclass(frozen=True)
class Sheet:
    lang: str
    pdf: str  # site-relative: handouts/<lang>/kartu-<province>.pdf
    province: object  # a kie.regions.Province, or None for the national sheet
    page: str  # the site page the QR code leads to


def provinces(content: Content) -> list:
    """The provinces in content/regions/provinces.yml, or [] when there is no such list (yet)."""
    regions = getattr(content, "regions", None)
    return list(regions.provinces.values()) if regions is not None and regions.provinces else []


def local_services(content: Content, code: str) -> list[Entry]:
    """Services of one province in the order of its page (kie.service_order): its government unit first."""
    return province_call_order(content, code)[1]


def plan_sheets(content: Content) -> list[Sheet]:
    """Every sheet in every language: the national one (for the directory page), then one per province."""
    sheets = []
    default = content.default_language
    for lang in content.languages:
        directory = urls.built_page(f"{urls.SERVICES_INDEX}.md", lang, default)
        sheets.append(Sheet(lang, urls.card_file(lang), None, directory))
        for province in provinces(content):
            page = urls.built_page(urls.province_docs_path(province), lang, default)
            sheets.append(Sheet(lang, urls.card_file(lang, province), province, page))
    return sheets


def render_sheet(sheet: Sheet, content: Content, site_url: str, site_name: str, version: str, date: str, qr: str):
    """The print document of one sheet (HTML)."""
    L = Language(sheet.lang, content.default_language, content.ui)
    url = urls.public_url(site_url, sheet.page)
    national, local, later = card_lists(content, sheet.province)

    def ui(key: str, **fill) -> str:
        return L.ui_text(key, **fill)[0]

    return _env.get_template("cards.html.j2").render(
        lang=sheet.lang,
        title=ui("cards_title"),
        site_name=site_name,
        area=sheet.province.label if sheet.province else ui("cards_national"),
        province=sheet.province,
        national=national,
        local=local[:MAX_LOCAL],
        later=later,
        more=max(0, len(local) - MAX_LOCAL),
        card=CardLayout(),
        text=lambda value: localized(L, value),
        note=lambda svc: print_note(L, svc.data, svc.id in content.stale_services),  # same mark as the page
        **print_helpers(L),
        ui=ui,
        url=url,
        short_url=urls.short_url(url),
        qr="" if is_placeholder_address(url) else qr,  # no QR code of an example address (model/project.py)
        version=version,
        date=date,
    )
