"""The facilitators' media page, one per language under docs/media/: every image and poster of the site (a
regional edition's province first), grouped by modus and by province, and the zip of them all.

The page only links to the files (kie.print.media makes them after the site is built); it shows no image, so
it stays as light as any list. Links are raw HTML: the files are not under docs/, MkDocs does not know them.
"""

from __future__ import annotations

from . import media, urls
from .render import page


def groups(content, lang: str) -> list[dict]:
    """[{"subject": "modus"|"province", "key", "items"}] in the order of the plan (modus, then provinces)."""
    found: dict[tuple[str, str], list] = {}
    for item in media.plan(content, lang):
        found.setdefault((item.subject, item.key), []).append(item)
    featured = content.edition.featured_modus if content.edition else ()
    ordered = sorted(found.items(), key=lambda pair: pair[0][0] != "modus" or pair[0][1] not in featured)
    return [{"subject": subject, "key": key, "items": items} for (subject, key), items in ordered]


def media_pages(content) -> dict[str, str]:
    """docs-relative path → Markdown: media/index.md, media/index.en.md, …"""
    pages, default = {}, content.default_language
    edition = content.edition.id if content.edition else None
    for lang in content.languages:
        built = urls.media_page(lang, default)
        pages[urls.media_docs_file(lang, default)] = page(
            "media.md.j2",
            content,
            lang,
            lambda L: L.ui_plain("media_title"),
            media_groups=groups(content, lang),
            href=lambda path, b=built: urls.relative(path, b),
            zip_href=urls.relative(urls.media_zip(lang, edition), built),
            provinces=content.regions.provinces if content.regions else {},
        )
    return pages
