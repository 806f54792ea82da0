"""The translation status, for a terminal (`kie i18n status`) and as a page of the site in every language."""

from __future__ import annotations

from ..model.translations import (
    EDITIONS,
    MISSING,
    NEEDS_WORK,
    PARTIAL,
    STALE,
    STATES,
    UI_ITEM,
    UNMARKED,
    ItemStatus,
    Translations,
)
from . import urls
from .notices import language_notices, status_block
from .render import front_matter
from .text import Language, escape_md

LABELS = {STALE: "stale", PARTIAL: "partial", MISSING: "missing", UNMARKED: "not marked", "translated": "translated"}
COLUMNS = (("translated", "translated"), (PARTIAL, "partial"), (MISSING, "missing"), (STALE, "stale"))
COLUMNS += ((UNMARKED, "not marked"), ("review", "to review"), ("items", "items"))


def language_label(translations: Translations, lang: str) -> str:
    return f"{translations.names.get(lang, lang)} ({lang})"


def what_to_do(status: ItemStatus) -> str:
    """One short line telling a translator what this item needs."""
    item, lang = status.item, status.lang
    if status.state == STALE:
        return "Indonesian changed: " + _some(status.fields_in(STALE))
    if status.state == MISSING:
        return f"not translated: {item.translation_file(lang)}"
    if status.state == PARTIAL:
        return f"{len(status.fields_in(MISSING))} of {len(status.fields)} not translated: " + _some(
            status.fields_in(MISSING)
        )
    if status.state == UNMARKED:
        return f"translated, not recorded: kie i18n mark {lang} {item.key}"
    return "reviewed" if status.reviewed else "awaiting review"


def _some(paths: list[str], shown: int = 4) -> str:
    more = f" (+{len(paths) - shown} more)" if len(paths) > shown else ""
    return ", ".join(paths[:shown]) + more


def format_status(translations: Translations, langs: list[str], show_all: bool = False) -> str:
    """Per language, the items that need work (or all items), then a table of totals."""
    lines = [f"Translation status (source: {language_label(translations, translations.default)})", ""]
    width = max((len(item.key) for item in translations.items), default=10)
    for lang in langs:
        lines.append(language_label(translations, lang))
        order = {state: i for i, state in enumerate(STATES)}
        shown = [s for s in translations.statuses(lang) if show_all or s.state in NEEDS_WORK]
        for status in sorted(shown, key=lambda s: order[s.state]):
            lines.append(f"  {LABELS[status.state]:<11} {status.item.key:<{width}}  {what_to_do(status)}")
        if not shown:
            lines.append("  everything is translated and up to date")
        lines.append("")
    label_width = max(len(language_label(translations, lang)) for lang in langs)
    lines.append(" " * label_width + "".join(f"  {title:>10}" for _, title in COLUMNS))
    for lang in langs:
        totals = translations.totals(lang)
        row = "".join(f"  {totals[key]:>10}" for key, _ in COLUMNS)
        lines.append(f"{language_label(translations, lang):<{label_width}}{row}")
    return "\n".join(lines) + "\n"


# --- on the site --------------------------------------------------------------------------------

STATE_KEYS = {
    STALE: "status_stale",
    PARTIAL: "status_partial",
    MISSING: "status_missing",
    UNMARKED: "status_unmarked",
    "translated": "status_translated",
}


def item_link(content, item) -> str:
    """Docs path of the page showing an item ('' for the interface strings and a regional edition's own texts,
    which have no page of their own on this site)."""
    if item.key == UI_ITEM or item.key.startswith(f"{EDITIONS}/"):
        return ""
    if item.key.startswith("docs/"):
        return item.key.removeprefix("docs/") + ".md"
    kind, _, entry_id = item.key.partition("/")
    entry = content.of(kind).get(entry_id) if content is not None else None
    if kind == "services" and entry is not None:
        return urls.service_home(content, entry)  # a local service has no page of its own
    return urls.entry_docs_path(kind, entry_id)


def _item_line(status: ItemStatus, L: Language, content) -> str:
    item = status.item
    name = escape_md(item.key)
    link = item_link(content, item)
    text = f"[{name}](../{link})" if link else name
    if item.key == UI_ITEM:
        text += f" ({L.ui('status_interface')})"
    if status.state == STALE:
        text += " — " + escape_md(_some(status.fields_in(STALE)))
    elif status.state == PARTIAL:
        done = len(status.fields) - len(status.fields_in(MISSING))
        text += " — " + str(L.ui("status_parts", done=done, total=len(status.fields)))
    return f"    - {text}"


def render_status_page(translations: Translations, page_lang: str, ui: dict, content=None) -> str:
    """Markdown for the status page in one language: totals per language, then what needs work.

    `content` gives the links to the items' pages (without it, only hand-written pages are linked by path)."""
    L = Language(page_lang, translations.default, ui)
    body = [f"# {L.ui('translation_status_title')}", "", str(L.ui("translation_status_intro")), ""]
    for lang in translations.languages:
        totals, statuses = translations.totals(lang), translations.statuses(lang)
        body += [f"## {escape_md(language_label(translations, lang))}", ""]
        body += [f"| {L.ui('status_state')} | {L.ui('status_items')} |", "|---|--:|"]
        for state in ("translated", PARTIAL, MISSING, STALE, UNMARKED):
            body.append(f"| {L.ui(STATE_KEYS[state])} | {totals[state]} |")
        body += [f"| {L.ui('status_review')} | {totals['review']} |", ""]
        for state in NEEDS_WORK:
            found = [s for s in statuses if s.state == state]
            if found:
                body += [f'??? note "{L.ui_plain(STATE_KEYS[state])} ({len(found)})"', ""]
                body += [_item_line(s, L, content) for s in found] + [""]
    notices = language_notices(L, content is not None and page_lang in content.awaiting_review)
    title = L.ui_plain("translation_status_title")
    meta = {"search": {"exclude": True}}  # a page for translators: keep it out of readers' search results
    return front_matter(title, meta) + body[0] + "\n\n" + status_block(notices) + "\n".join(body[1:]) + "\n"


def status_pages(content) -> dict[str, str]:
    """For views.pages: the status page in every language."""
    translations = content.translations
    if translations is None or not translations.languages:
        return {}
    return {
        urls.status_docs_file(lang, content.default_language): render_status_page(
            translations, lang, content.ui, content
        )
        for lang in content.languages
    }
