"""The help bar at the top of every page: the national trafficking hotline to call or message, and on a
province page (on every page of a regional edition) that province's first own contact with a number, or a plain
word that there is none yet.

Everything comes from content/services/ through kie.directory and kie.service_order: no number is typed in a
template or an interface string. overrides/partials/kie-help.html draws it as plain HTML (works without script).
"""

from __future__ import annotations

from ..model.content import Content, Entry
from ..model.evidence import is_unconfirmed, offered_numbers
from . import dialing
from .abroad import abroad_lines
from .directory import first_local_contact, national_hotlines
from .service_order import HELPLINE, is_marked
from .text import Language


def short_name(entry: Entry, L: Language) -> str:
    """'SAPA 129' from 'SAPA 129 — Sahabat Perempuan dan Anak (KemenPPPA)': the bar has one line for it."""
    return L.pick(entry["name"])[0].split(" — ")[0].strip()


def contact(entry: Entry, content: Content, L: Language, abroad: bool = False) -> dict:
    """A service's name, its numbers to call and to message as this page shows them, and whether it is marked.

    On the page for people abroad, numbers that cannot be dialled from there (110, 129, 0800…) are left out."""
    international = dialing.is_international(L.code, abroad)
    phones = offered_numbers(entry.data, "phones")
    calls = [dialing.call(p["number"], L, international) for p in phones]
    first = (phones or offered_numbers(entry.data, "whatsapp") or [{}])[0]  # the number the bar offers first
    return {
        "name": short_name(entry, L),
        "calls": [d for d in calls if not (abroad and d.note)],
        "chats": [dialing.chat(p["number"], L, international) for p in offered_numbers(entry.data, "whatsapp")],
        "unverified": is_marked(entry, content) or is_unconfirmed(first),
    }


def helpline(content: Content) -> Entry | None:
    """SAPA 129; without it (a test project), or while it is marked "perlu diverifikasi" and another national
    hotline is not, the first national hotline with a number to call that is."""
    with_number = [e for e in national_hotlines(content) if offered_numbers(e.data, "phones")]
    pool = [e for e in with_number if not is_marked(e, content)] or with_number
    named = [e for e in pool if e.id == HELPLINE]
    return (named or pool or [None])[0]


def help_bar(content: Content, lang: str, province_code: str | None = None, abroad: bool = False) -> dict | None:
    """What overrides/partials/kie-help.html shows; None when the content has no national hotline at all.

    `abroad`: the page for people already abroad leads with the lines that work from there (Kemlu's hotline, then
    the migrant workers' line), not with 129, which cannot be dialled from outside Indonesia."""
    L = Language(lang, content.default_language, content.ui)
    if abroad:
        lines = abroad_lines(content)
        if lines:
            first = contact(lines[0], content, L, abroad=True)
            second = contact(lines[1], content, L, abroad=True) if len(lines) > 1 else None
            return {"line": first, "abroad": True, "province": None, "local": second}
    line = helpline(content)
    if line is None:
        return None
    edition = content.edition
    province_code = province_code or (edition.province if edition else None)  # an edition's every page: its own
    bar = {"line": contact(line, content, L), "abroad": False, "province": None, "local": None}
    regions = getattr(content, "regions", None)
    if province_code and regions is not None and province_code in regions.provinces:
        bar["province"] = regions.provinces[province_code].name
        local = first_local_contact(content, province_code)
        bar["local"] = contact(local, content, L) if local else None
    return bar
