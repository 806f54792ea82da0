"""The translation status, for a terminal (`kie i18n status`) and as a page of the site in every language.

Also the notice a stale translation shows: the Indonesian text changed after the translation was made.
"""

from __future__ import annotations

from .text import Language, escape_md
from .translations import MISSING, NEEDS_WORK, PARTIAL, STALE, STATES, UNMARKED, ItemStatus, Translations

STATUS_FOLDER = "terjemahan"  # generated under docs/: the status page, one per language
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


def default_page_url(docs_path: str) -> str:
    """From a page in a language folder (en/modus/x.html) to the same page in the default language."""
    return "../" * (docs_path.count("/") + 1) + docs_path.removesuffix(".md") + ".html"


def stale_notice(L: Language, docs_path: str) -> str:
    """The note on a stale translation, linking to the Indonesian page (docs_path: e.g. modus/x.md)."""
    link = f'<a href="{default_page_url(docs_path)}" hreflang="{L.default}">{L.ui_plain("read_in_default")}</a>'
    return f'<div class="kie-notice kie-stale" markdown>\n\n{L.ui("translation_outdated")} {link}\n\n</div>\n'


def _item_line(status: ItemStatus, L: Language) -> str:
    item = status.item
    name = escape_md(item.key)
    text = f"[{name}](../{item.link})" if item.link else f"{name} ({L.ui('status_interface')})"
    if status.state == STALE:
        text += " — " + escape_md(_some(status.fields_in(STALE)))
    elif status.state == PARTIAL:
        done = len(status.fields) - len(status.fields_in(MISSING))
        text += " — " + str(L.ui("status_parts", done=done, total=len(status.fields)))
    return f"    - {text}"


def render_status_page(translations: Translations, page_lang: str, ui: dict) -> str:
    """Markdown for the status page in one language: totals per language, then what needs work."""
    from .render import _front_matter, _notice

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
                body += [_item_line(s, L) for s in found] + [""]
    notices = [_notice("kie-untranslated", L.ui("not_translated"))] if L.fell_back else []
    title = L.ui_plain("translation_status_title")
    meta = {"search": {"exclude": True}}  # a page for translators: keep it out of readers' search results
    return _front_matter(title, meta) + body[0] + "\n\n" + "\n".join(notices) + "\n".join(body[1:]) + "\n"


def status_pages(content) -> dict[str, str]:
    """For kie.pages.extra_page_sources: the status page in every language."""
    from .pages import page_path

    translations = content.translations
    if translations is None or not translations.languages:
        return {}
    return {
        page_path(STATUS_FOLDER, "index", lang, content.default_language): render_status_page(
            translations, lang, content.ui
        )
        for lang in content.languages
    }


def mark_stale(markdown: str, content, lang: str, docs_path: str) -> str:
    """A hand-written translation whose Indonesian page changed after it was made: notice under the title."""
    translations = content.translations
    if translations is None or not translations.is_stale(lang, "docs/" + docs_path.removesuffix(".md")):
        return markdown
    L = Language(lang, content.default_language, content.ui)
    title, _, body = markdown.partition("\n") if markdown.startswith("# ") else ("", "", markdown)
    return f"{title}\n\n{stale_notice(L, docs_path)}\n{body}"
