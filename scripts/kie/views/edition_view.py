"""What an edition changes on its pages: its province's contacts first, its modus and laws in its own order.

The edition is configuration from the model (kie.model.editions); this module only decides what the overview
pages put first. The national site (content.edition is None) gets nothing from here.
"""

from __future__ import annotations

from ..model.content import Content, Entry
from . import urls
from .directory import local_index
from .helpbar import helpline
from .service_order import has_number
from .text import Language

# Which edition list leads which overview page.
FEATURED = {"modus": "featured_modus", "laws": "local_laws", "services": "local_services"}


def featured(content: Content, kind: str) -> list[Entry]:
    """The entries an edition puts first on the overview of `kind`, in the edition's order ([] nationally)."""
    edition = content.edition
    if edition is None or kind not in FEATURED:
        return []
    entries = content.of(kind)
    return [entries[i] for i in getattr(edition, FEATURED[kind]) if i in entries]


def home_province(content: Content, lang: str | None = None) -> dict | None:
    """The edition's province for the top of the directory: its name, its page and its own services."""
    edition = content.edition
    if edition is None or edition.province not in content.regions.provinces:
        return None
    province = content.regions.provinces[edition.province]
    groups = local_index(content).get(province.code, [])
    cards = [card for group in groups for card in group.cards]
    chosen = list(edition.local_services)  # the edition's own order first, then the directory's
    cards.sort(key=lambda card: chosen.index(card.id) if card.id in chosen else len(chosen))
    return {
        "province": province,
        "path": urls.relative(urls.province_docs_path(province), f"{urls.SERVICES_INDEX}.md"),
        "cards": cards,
        "booklet": _booklet_links(content, lang) if lang else None,
        "numbered": any(has_number(card.entry) for card in cards),  # else: say so, and lead with the hotline
        "hotline": (helpline(content) or {"phones": [{"number": ""}]})["phones"][0]["number"],
    }


def _booklet_links(content: Content, lang: str) -> dict | None:
    """From the directory page to the edition's booklet in this language (printed by kie.print.booklet)."""
    edition = content.edition
    if not edition.booklet:
        return None
    page = urls.built_page(f"{urls.SERVICES_INDEX}.md", lang, content.default_language)
    return {
        "print": urls.relative(urls.booklet_file(edition.id, lang), page),
        "read": urls.relative(urls.booklet_file(edition.id, lang, reading=True), page),
    }


def overview_context(content: Content, kind: str, lang: str | None = None) -> dict:
    """Extra template data for an overview page: nothing nationally."""
    home = home_province(content, lang)
    return {
        "featured": featured(content, kind),
        "home": home if kind == "services" else None,
        "home_name": home["province"].label if home else "",
    }


def with_intro(markdown: str, content: Content, lang: str) -> str:
    """The home page with the edition's own introduction right under its title (unchanged nationally)."""
    edition = content.edition
    if edition is None or not edition.intro:
        return markdown
    L = Language(lang, content.default_language, content.ui)
    intro = f"\n\n{L.block(edition.intro, 'kie-edition-intro')}\n\n"
    if markdown.startswith("# "):
        title, _, rest = markdown.partition("\n")
        return title + intro + rest
    return intro + markdown
