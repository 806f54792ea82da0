"""A page's status notices (awaiting review, not translated, translation out of date, parts to be verified),
folded into one short line under the title.

Stacked one under the other, two or three notices pushed a Javanese page's first paragraph below the first screen
of a phone. Folded, the reader sees one line naming them ("Belum diperiksa penutur asli · Ada yang perlu
diverifikasi") and opens it for the details (a <details>: no script). The line is kept out of the site search.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from . import urls
from .contract import UNSEARCHED
from .text import Language


@dataclass(frozen=True)
class Notice:
    css: str  # kie-review, kie-untranslated, kie-stale, kie-unverified: what tests and styles look for
    label: str  # the short words in the folded line
    text: str  # Markdown of the whole notice


def review(L: Language) -> Notice:
    return Notice("kie-review", _label(L, "status_short_review"), L.ui("awaiting_review_notice"))


def untranslated(L: Language) -> Notice:
    return Notice("kie-untranslated", _label(L, "status_short_untranslated"), L.ui("not_translated"))


def stale(L: Language, docs_path: str) -> Notice:
    """The translation was made from an older Indonesian text: a link to the Indonesian page (docs_path: modus/x.md)."""
    href = urls.default_page_from(docs_path)
    link = f'<a href="{href}" hreflang="{L.default}">{L.ui_plain("read_in_default")}</a>'
    return Notice("kie-stale", _label(L, "status_short_stale"), f"{L.ui('translation_outdated')} {link}")


def unverified(L: Language) -> Notice:
    return Notice("kie-unverified", _label(L, "status_short_unverified"), L.ui("to_be_verified_note"))


def _label(L: Language, key: str) -> str:
    """The short words for the folded line, as HTML; marked with the default language when they fall back to it."""
    text, fallback = L.ui_text(key)
    return f'<span lang="{L.default}">{html.escape(text)}</span>' if fallback else html.escape(text)


def language_notices(L: Language, awaiting_review: bool) -> list[Notice]:
    """What every page says about its language: awaiting a native speaker's review; text not translated yet."""
    found = [review(L)] if awaiting_review else []
    if L.fell_back:
        found.append(untranslated(L))
    return found


def status_block(notices: list[Notice]) -> str:
    """One folded line for all of a page's notices ('' when it has none)."""
    if not notices:
        return ""
    classes = " ".join(n.css for n in notices)
    summary = " · ".join(n.label for n in notices)
    inside = "\n".join(f'<div class="{n.css}" markdown>\n\n{n.text}\n\n</div>\n' for n in notices)
    return (
        f'<details class="kie-notice kie-status {classes}" {UNSEARCHED} markdown>\n'
        f"<summary>{summary}</summary>\n\n{inside}\n</details>\n"
    )


def under_title(markdown: str, notices: list[Notice]) -> str:
    """The folded line right under the page's H1 (at the top when the page has no H1)."""
    block = status_block(notices)
    if not block:
        return markdown
    title, _, body = markdown.partition("\n") if markdown.startswith("# ") else ("", "", markdown)
    return f"{title}\n\n{block}\n{body}"
