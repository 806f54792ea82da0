"""Render content records into Markdown pages, one language at a time. Pure: no files, no MkDocs.

Each kind has an overview template and an entry template under templates/. Templates get a
`Language` helper (`L`) that escapes text and marks Indonesian fallbacks with lang="id".
"""

from __future__ import annotations

import html

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..model.content import Content, Entry
from ..model.evidence import failed_numbers, is_unconfirmed, offered_numbers
from ..model.kinds import BY_NAME, GENERATED_MARK
from . import dialing, evidence_text, notices, urls
from .abroad import abroad_context
from .contract import UNSEARCHED
from .directory import index_context, national_hotlines
from .edition_view import overview_context
from .text import Language, escape_md

MODUS_GROUPS = ("purpose", "means", "current")

_env = Environment(
    loader=PackageLoader("kie", "templates"),
    autoescape=True,  # anything not passed through L.* is HTML-escaped
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_env.globals["unsearched"] = UNSEARCHED


def law_name(law: Entry, L: Language, regions, plain: bool = False) -> Markup | str:
    """Short name such as 'UU No. 21 Tahun 2007' or 'Perda NTT No. 14 Tahun 2008'; conventions go by their title."""
    if law["type"] in ("convention", "other"):
        return L.plain(law["title"]) if plain else L.official(law["title"])
    ui = L.ui_plain if plain else L.ui
    region = region_label(law, regions)
    return ui(f"law_name_{law['type']}", number=law.get("number", ""), year=law["year"], region=region)


def region_label(law: Entry, regions) -> str:
    """Where a regional rule applies, as short as it is clear: 'NTT', 'Jawa Tengah' ('' for national laws)."""
    codes = law.get("coverage") or []
    if not codes:
        return ""
    province = regions.provinces.get(codes[0])
    return (province.short or province.name) if province else regions.name(codes[0])


def _helpers(content: Content, L: Language, base: str = "../", abroad: bool = False) -> dict:
    """Template helpers. `base` leads from the page being rendered to the docs root; `abroad`: the page for people
    already abroad, whose numbers are shown in the form that dials from there (views/dialing.py)."""
    international = dialing.is_international(L.code, abroad)

    def link(kind: str, entry_id: str) -> str:
        if kind == "services" and entry_id in content.services:
            return base + urls.service_home(content, content.services[entry_id])  # a local one: its province page
        return base + urls.entry_docs_path(kind, entry_id)

    def tel(number: str) -> Markup:
        """A number in running text: '[129](tel:129) (only from Indonesia)' on an English page."""
        d = dialing.call(number, L, international)
        note = f" ({escape_md(d.note)})" if d.note else ""
        return Markup(f"[{escape_md(d.text)}]({d.href}){note}")

    def wa(number: str) -> Markup:
        d = dialing.chat(number, L, international)
        return Markup(f"[{escape_md(d.text)}]({d.href})")

    def esc(text: object) -> Markup:
        return Markup(escape_md(str(text)))

    def verify_mark(item: dict) -> Markup:
        if not is_unconfirmed(item):
            return Markup("")
        return Markup(f' <span class="kie-verify">{L.ui("to_be_verified")}</span>')

    def evidence_line(entry: Entry) -> Markup:
        return evidence_text.evidence_line(L, entry.data, entry.id in content.stale_services)

    def print_note(entry: Entry, in_html: bool = False) -> Markup:
        """The mark with source and date, next to the numbers of a service to be verified (page and print).

        `in_html`: for a place inside raw HTML (a <summary>), where Markdown escapes would show."""
        note = evidence_text.print_note(L, entry.data, entry.id in content.stale_services)
        if not note:
            return Markup("")
        esc_text = html.escape if in_html else escape_md
        mark, _, source = note.partition(" · ")  # the mark stays on one line; the source may wrap on a phone
        if not (entry.get("phones") or entry.get("whatsapp")):
            return Markup(f' <span class="kie-verify">{esc_text(mark)}</span>')  # no number to date
        source_html = f'<span class="kie-verify-source">{esc_text(source)}</span>'
        return Markup(f' <span class="kie-verify">{esc_text(mark)}</span> {source_html}')

    return {
        "L": L,
        "c": content,
        "evidence_line": evidence_line,
        "print_note": print_note,
        "link": link,
        "tel": tel,
        "wa": wa,
        "esc": esc,
        "law_name": lambda law: law_name(law, L, content.regions),
        "region_names": lambda codes: ", ".join(content.regions.name(code) for code in codes),
        "verify_mark": verify_mark,
        # the call / WhatsApp buttons on service cards: shown text, link and "only from Indonesia"
        "dial": lambda number: dialing.call(number, L, international),
        "chat": lambda number: dialing.chat(number, L, international),
        "is_unconfirmed": is_unconfirmed,
        "offered": offered_numbers,  # a number that failed on a call is no longer offered (model/evidence.py)
        "failed": failed_numbers,  # … but its card says what happened, and when
        "when": lambda text: evidence_text.month_text(L, text),
        "source_short": lambda entry: evidence_text.source_name(entry.data),  # the publisher: 'CNN Indonesia'
        "abroad": abroad,
        "groups": MODUS_GROUPS,
        "referrers": lambda kind, field, target: referrers(content.of(kind).values(), field, target),
    }


def referrers(entries, field: str, target: str) -> list[Entry]:
    """Entries whose `field` (a list of ids, or of {law: id} items) names `target`, sorted by id."""
    found = []
    for entry in entries:
        for item in entry.get(field) or []:
            if item == target or (isinstance(item, dict) and item.get("law") == target):
                found.append(entry)
                break
    return sorted(found, key=lambda e: e.id)


def front_matter(title: str, extra: dict | None = None) -> str:
    meta = {"title": title, **(extra or {})}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + GENERATED_MARK + "\n"


def page(template: str, content: Content, lang: str, title_of, base="../", meta=None, **context) -> str:
    """One page: front matter (title + `meta`), H1, notices, body. `base` leads from the page to docs/."""
    L = Language(lang, content.default_language, content.ui)
    body = _env.get_template(template).render(**_helpers(content, L, base), **context)
    title = title_of(L)
    found = notices.language_notices(L, lang in content.awaiting_review)
    entry = context.get("e")
    if entry is not None and content.translations and content.translations.is_stale(lang, f"{entry.kind}/{entry.id}"):
        found.append(notices.stale(L, urls.entry_docs_path(entry.kind, entry.id)))  # the Indonesian text changed
    if "kie-verify" in body:
        found.append(notices.unverified(L))
    return front_matter(title, meta) + notices.under_title(body, found)


def render_entry(content: Content, entry: Entry, lang: str) -> str:
    title_key = BY_NAME[entry.kind].title_field
    template = f"{entry.kind}.md.j2"
    if entry.kind == "laws":
        return page(template, content, lang, lambda L: law_name(entry, L, content.regions, plain=True), e=entry)
    return page(template, content, lang, lambda L: L.plain(entry[title_key]), e=entry)


def render_overview(content: Content, kind: str, lang: str) -> str:
    key = f"{kind}_title"  # modus_title, rights_title, laws_title, services_title, sessions_title
    extra = index_context(content) if kind == "services" else {}
    extra.update(overview_context(content, kind, lang))  # an edition's own order and province (views/edition_view.py)
    return page(f"{kind}_index.md.j2", content, lang, lambda L: L.ui_plain(key), **extra)


def mark_handwritten(markdown: str, content: Content, lang: str, source_lang: str, docs_path: str) -> str:
    """A hand-written page in `lang`, whose file is in `source_lang`: its notices folded under the title.

    Shown in another language (no translation yet): its text is marked with that language. A translation: awaiting
    a native speaker's review, and out of date when the Indonesian page changed after it was made."""
    L = Language(lang, content.default_language, content.ui)
    if source_lang != lang:
        title, body = "", markdown
        if markdown.startswith("# "):
            title, _, body = markdown.partition("\n")
            title = f'<div lang="{source_lang}" markdown>\n\n{title}\n\n</div>\n'
        block = notices.status_block([notices.untranslated(L)])
        return f'{title}\n{block}\n<div lang="{source_lang}" markdown>\n\n{body}\n\n</div>\n'
    found = [notices.review(L)] if lang in content.awaiting_review else []
    translations = content.translations
    if lang != content.default_language and translations and translations.is_stale(lang, "docs/" + docs_path):
        found.append(notices.stale(L, docs_path + ".md"))
    return notices.under_title(markdown, found)


def render_hotlines(content: Content, lang: str, base: str) -> str:
    """The national numbers box, for any page that asks for it with <!-- kie:hotlines -->."""
    L = Language(lang, content.default_language, content.ui)
    return _env.get_template("hotlines.md.j2").render(**_helpers(content, L, base), hotlines=national_hotlines(content))


def render_abroad(content: Content, lang: str, base: str) -> str:
    """The countries and their embassies, for the abroad page, which asks for them with <!-- kie:abroad -->."""
    L = Language(lang, content.default_language, content.ui)
    helpers = _helpers(content, L, base, abroad=True)
    return _env.get_template("abroad.md.j2").render(**helpers, **abroad_context(content))
