"""The directory of services: a page per language listing every province, and one page per province.

A province page shows the national services first, then the local ones grouped by area. Local services
(coverage = province or regency codes) have no page of their own: their card on the province page is
their home. So a phone downloads one province, never the whole country, and the build stays fast with
thousands of entries. Province pages are left out of the site search, whose index every page downloads.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.content import Content, Entry
from ..model.regions import ABROAD, NATIONAL, Province
from . import urls
from .service_order import call_rank, checked_first, has_number, is_marked, kind_rank, split_national

OFFERS = (
    "complaint",
    "counselling",
    "medical",
    "psychosocial",
    "legal-aid",
    "safe-house",
    "repatriation",
    "reintegration",
)
WHOLE_PROVINCE = ""  # the area key of services that cover a whole province


@dataclass
class Card:
    """A service as shown on one page: which areas of this page's province it covers."""

    entry: Entry
    areas: list[str]  # regency codes in this province; [] = the whole province (or national)

    @property
    def id(self) -> str:
        return self.entry.id


@dataclass
class Group:
    area: str  # WHOLE_PROVINCE or a regency code
    name: str
    cards: list[Card]


@dataclass
class ProvinceSummary:
    """What the directory page knows of one province: no service details, only counts."""

    province: Province
    path: str  # docs-relative, from layanan/index.md
    total: int
    counts: dict[str, int]  # offer → number of local services offering it
    areas: list[str]  # names of the regencies/cities with a local service


def is_national(entry: Entry) -> bool:
    return NATIONAL in entry["coverage"]


def national_services(content: Content) -> list[Entry]:
    """National services in call order (kie.service_order): 110 and 129 first."""
    return sorted((e for e in content.services.values() if is_national(e)), key=lambda e: call_rank(e, content))


def national_hotlines(content: Content) -> list[Entry]:
    """The national numbers box on pages, handouts and pocket cards: helplines, then the migrant-worker line."""
    return [e for e in national_services(content) if e["kind"] in ("hotline", "migrant-worker")]


def national_card(entry: Entry) -> Card:
    return Card(entry, [])


def national_cards(content: Content) -> list[Card]:
    return [national_card(e) for e in national_services(content)]


def _local_order(entry: Entry, content: Content) -> tuple:
    """Checked before "perlu diverifikasi", government units before community organisations, then by id."""
    return (is_marked(entry, content), kind_rank(entry), entry.id)


def local_groups(content: Content, code: str) -> list[Group]:
    """Local services of one province: the whole-province ones first, then one group per regency/city."""
    return local_index(content).get(code, [])


def province_call_order(content: Content, code: str) -> tuple[list[Entry], list[Entry], list[Entry]]:
    """(110 and 129, the province's own services as its page lists them, the other national services).

    The province page, its handout (printed from the page) and its pocket card all list services this way.
    """
    first, later = split_national(national_services(content), content)
    local = [card.entry for group in local_groups(content, code) for card in group.cards]
    return first, local, later


def card_lists(content: Content, province) -> tuple[list[Entry], list[Entry], list[Entry]]:
    """(national lines first, the province's own services, national lines after them): the page's order, for
    what is printed from it (pocket cards, posters), except that the province's checked services come before those
    marked "perlu diverifikasi" (a card holds six). Only the national hotlines (national_hotlines) go on paper;
    without a province (the national sheet) they all come first."""
    hotlines = national_hotlines(content)
    if province is None:
        return hotlines, [], []
    first, local, later = province_call_order(content, province.code)
    ids = {e.id for e in hotlines}
    return [e for e in first if e.id in ids], checked_first(local, content), [e for e in later if e.id in ids]


def first_local_contact(content: Content, code: str) -> Entry | None:
    """The province's first own service with a number to call or message, for the help bar and the booklet: a
    checked one before any marked "perlu diverifikasi", wherever in the province it serves."""
    own = checked_first(province_call_order(content, code)[1], content)
    return next((e for e in own if has_number(e)), None)


def local_index(content: Content) -> dict[str, list[Group]]:
    """Province code → its groups of local services, built in one pass over all services.

    A service covering several regencies of one province is shown once there, under the first of them.
    """
    regions = content.regions
    found: dict[str, dict[str, Group]] = {}
    for entry in sorted(content.services.values(), key=lambda e: _local_order(e, content)):
        if is_national(entry):
            continue
        per_province: dict[str, list[str]] = {}
        for area in (a for a in entry["coverage"] if a != ABROAD):  # embassies live on the abroad page
            per_province.setdefault(regions.province_of(area), []).append(area)
        for code, mine in per_province.items():
            areas = [] if code in mine else sorted(mine)
            key = areas[0] if areas else WHOLE_PROVINCE
            groups = found.setdefault(code, {})
            if key not in groups:
                groups[key] = Group(key, regions.name(key) if key else "", [])
            groups[key].cards.append(Card(entry, areas))
    return {code: [groups[k] for k in sorted(groups)] for code, groups in found.items()}


def summaries(content: Content, index: dict[str, list[Group]] | None = None) -> list[ProvinceSummary]:
    """One line per province for the directory page, sorted by name (how people look a province up)."""
    index = local_index(content) if index is None else index
    found = []
    for province in sorted(content.regions.provinces.values(), key=lambda p: p.name):
        counts: dict[str, int] = {}
        areas: list[str] = []
        total = 0
        for group in index.get(province.code, []):
            if group.area:
                areas.append(group.name)
            for card in group.cards:
                total += 1
                for offer in card.entry["offers"]:
                    counts[offer] = counts.get(offer, 0) + 1
        ordered = {offer: counts[offer] for offer in OFFERS if offer in counts}
        path = urls.relative(urls.province_docs_path(province), f"{urls.SERVICES_INDEX}.md")
        found.append(ProvinceSummary(province, path, total, ordered, areas))
    return found


def index_context(content: Content) -> dict:
    """Extra template data for the directory page (layanan/index), rendered by render.render_overview."""
    return {"national": national_cards(content), "provinces": summaries(content), "offers": OFFERS}
