"""The help bar at the top of every page: the national trafficking hotline to call or message, and on a
province page (on every page of a regional edition) that province's first own contact with a number, or a plain
word that there is none yet.

Everything comes from content/services/ through kie.directory and kie.service_order: no number is typed in a
template or an interface string. overrides/partials/kie-help.html draws it as plain HTML (works without script).
"""

from __future__ import annotations

from ..model.content import Content, Entry
from ..model.phone import tel_uri, whatsapp_uri
from .directory import first_local_contact, national_hotlines
from .service_order import HELPLINE
from .text import Language


def short_name(entry: Entry, L: Language) -> str:
    """'SAPA 129' from 'SAPA 129 — Sahabat Perempuan dan Anak (KemenPPPA)': the bar has one line for it."""
    return L.pick(entry["name"])[0].split(" — ")[0].strip()


def contact(entry: Entry, content: Content, L: Language) -> dict:
    return {
        "name": short_name(entry, L),
        "calls": [{"number": p["number"], "href": tel_uri(p["number"])} for p in entry.get("phones", [])],
        "chats": [{"number": p["number"], "href": whatsapp_uri(p["number"])} for p in entry.get("whatsapp", [])],
        "unverified": entry.get("confidence") in ("M", "L") or entry.id in content.stale_services,
    }


def helpline(content: Content) -> Entry | None:
    """SAPA 129; without it (a test project), the first national hotline with a number."""
    hotlines = national_hotlines(content)
    named = [e for e in hotlines if e.id == HELPLINE and e.get("phones")]
    return (named or [e for e in hotlines if e.get("phones")] or [None])[0]


def help_bar(content: Content, lang: str, province_code: str | None = None) -> dict | None:
    """What overrides/partials/kie-help.html shows; None when the content has no national hotline at all."""
    line = helpline(content)
    if line is None:
        return None
    L = Language(lang, content.default_language, content.ui)
    edition = content.edition
    province_code = province_code or (edition.province if edition else None)  # an edition's every page: its own
    bar = {"line": contact(line, content, L), "province": None, "local": None}
    regions = getattr(content, "regions", None)
    if province_code and regions is not None and province_code in regions.provinces:
        bar["province"] = regions.provinces[province_code].name
        local = first_local_contact(content, province_code)
        bar["local"] = contact(local, content, L) if local else None
    return bar
