"""The keepers' page of the directory: which services are due a check, most urgent first (the same list as
`kie services due`, model/due.py), in the style of the translation status page. Not in the readers' menu and
not in the site search; a keeper opens cek/index.html, or runs the command."""

from __future__ import annotations

from ..model import clock
from ..model.content import Content
from ..model.due import ORDER, due_services
from ..model.kinds import DUE_SECTION
from . import evidence_text, notices, urls
from .render import front_matter
from .text import Language, escape_md


def due_pages(content: Content) -> dict[str, str]:
    if not content.services:
        return {}
    today = clock.today()
    due = due_services(content, today)
    return {
        urls.docs_file(DUE_SECTION, "index", lang, content.default_language): _page(content, due, lang, today)
        for lang in content.languages
    }


def _page(content: Content, due, lang: str, today) -> str:
    L = Language(lang, content.default_language, content.ui)
    when = evidence_text.month_text(L, today.isoformat())
    intro = L.ui("due_intro", count=len(due), total=len(content.services), date=when)
    body = [f"# {L.ui('due_title')}", "", str(intro)]
    body += ["", f"| {L.ui('due_reason')} | {L.ui('status_items')} |", "|---|--:|"]
    for why in ORDER:
        body.append(f"| {L.ui(f'due_{why}')} | {sum(1 for d in due if d.why == why)} |")
    for why in ORDER:
        found = [d for d in due if d.why == why]
        if found:
            body += ["", f'??? note "{L.ui_plain(f"due_{why}")} ({len(found)})"', ""]
            body += [_line(d, content, L) for d in found]
    meta = {"search": {"exclude": True}}  # for keepers: not in the readers' search results
    found = notices.language_notices(L, lang in content.awaiting_review)
    return front_matter(L.ui_plain("due_title"), meta) + notices.under_title("\n".join(body) + "\n", found)


def _line(due, content: Content, L: Language) -> str:
    entry = due.entry
    link = "../" + urls.service_home(content, entry)
    numbers = [p["number"] for key in ("phones", "whatsapp") for p in entry.get(key) or []]
    text = f"[{escape_md(L.pick(entry['name'])[0])}]({link})"
    if numbers:
        text += " — " + escape_md(" · ".join(numbers))
    text += " — " + evidence_text.evidence_line(L, entry.data, due.why == "stale")
    return f"    - {text}"
