"""Pocket hotline cards: per province and language, one A4 sheet of four identical cards with cut marks.

A card holds the national hotlines and the province's own services, and a QR code to the province's
page. Without a list of provinces (content/regions/provinces.yml) only the national sheet is made.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined

from .content import Content, Entry
from .directory import national_hotlines
from .evidence import print_note
from .printpage import localized, public_url, short_url
from .text import Language

_env = Environment(
    loader=PackageLoader("kie", "templates"), autoescape=True, undefined=StrictUndefined, trim_blocks=True
)
DIRECTORY = "layanan/index.html"  # the services overview: its sheet has the national numbers only
NATIONAL = "nasional"  # the file name of the sheet with national numbers only
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
    """Services of one province (whole province first, then by regency code), national ones left out."""
    found = []
    for entry in content.services.values():
        mine = [c for c in entry["coverage"] if c == code or c.startswith(code + ".")]
        if mine and "national" not in entry["coverage"]:
            found.append((0 if code in mine else 1, min(mine), entry.id, entry))
    return [item[-1] for item in sorted(found, key=lambda item: item[:3])]


def card_file(lang: str, province=None) -> str:
    return f"handouts/{lang}/kartu-{province.slug if province else NATIONAL}.pdf"


def plan_sheets(content: Content, lang_prefix) -> list[Sheet]:
    """Every sheet in every language. `lang_prefix(lang)` is '' or 'en/' (where that language's pages are)."""
    sheets = []
    for lang in content.languages:
        base = lang_prefix(lang)
        sheets.append(Sheet(lang, card_file(lang), None, f"{base}{DIRECTORY}"))
        for province in provinces(content):
            sheets.append(Sheet(lang, card_file(lang, province), province, f"{base}{province_page(province)}"))
    return sheets


def province_page(province) -> str:
    from .directory import PROVINCE_FOLDER  # the services directory (issue 4) owns these pages

    return f"{PROVINCE_FOLDER}/{province.slug}.html"


def render_sheet(sheet: Sheet, content: Content, site_url: str, site_name: str, version: str, date: str, qr: str):
    """The print document of one sheet (HTML)."""
    L = Language(sheet.lang, content.default_language, content.ui)
    url = public_url(site_url, sheet.page)
    local = local_services(content, sheet.province.code) if sheet.province else []

    def ui(key: str, **fill) -> str:
        return L.ui_text(key, **fill)[0]

    return _env.get_template("cards.html.j2").render(
        lang=sheet.lang,
        title=ui("cards_title"),
        site_name=site_name,
        area=sheet.province.label if sheet.province else ui("cards_national"),
        province=sheet.province,
        national=national_hotlines(content),
        local=local[:MAX_LOCAL],
        more=max(0, len(local) - MAX_LOCAL),
        card=CardLayout(),
        text=lambda value: localized(L, value),
        note=lambda svc: print_note(L, svc.data, svc.id in content.stale_services),  # same mark as the page
        ui=ui,
        url=url,
        short_url=short_url(url),
        qr=qr,
        version=version,
        date=date,
    )


def cards_link(page_url: str, content: Content) -> str | None:
    """From the services overview or a province page, the relative address of its card sheet."""
    parts = page_url.split("/")
    default = content.default_language
    lang = parts[0] if parts[0] in content.languages and parts[0] != default else default
    rest = "/".join(parts[1:] if lang != default else parts)
    back = "../" * page_url.count("/")
    if rest == DIRECTORY:
        return back + card_file(lang)
    for province in provinces(content):
        if rest == province_page(province):
            return back + card_file(lang, province)
    return None
