"""The province pages of the directory: national services first, then the province's own, by area, and last
every regency and city of the province, so a reader who searches for a town ("Kupang", "Atambua") lands here.

A province page is searched by its title, its area headings and that list of places; its cards and notes stay out
of the site search, whose index every page downloads.
"""

from __future__ import annotations

from . import urls
from .directory import OFFERS, local_index, national_card, national_services
from .render import page
from .service_order import split_national


def province_pages(content) -> dict[str, str]:
    """Every province page in every language: docs-relative path → Markdown."""
    pages = {}
    first, later = (list(map(national_card, part)) for part in split_national(national_services(content), content))
    index = local_index(content)
    for province in content.regions.provinces.values():
        groups = index.get(province.code, [])
        areas = [(g.area, g.name) for g in groups if g.area]
        places = content.regions.regencies_of(province.code)
        own = {code for g in groups for card in g.cards for code in card.areas}
        for lang in content.languages:
            pages[urls.province_docs_file(province, lang, content.default_language)] = page(
                "province.md.j2",
                content,
                lang,
                lambda L, p=province: L.ui_plain("province_title", name=p.label),
                base=urls.to_docs_root(urls.province_docs_path(province)),
                # searched by its title and area headings only (the template keeps its cards and notes out:
                # the index is downloaded for every search); kie_province feeds the help bar
                meta={"kie_province": province.code},
                province=province,
                first=first,
                later=later,
                local_groups=groups,
                areas=areas,
                offers=OFFERS,
                served=[r for r in places if r.code in own],  # regencies with a service of their own
                others=[r for r in places if r.code not in own],
            )
    return pages
