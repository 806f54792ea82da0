"""What was done to check a service's details, in words, on pages and in print (the rule: model/evidence.py)."""

from __future__ import annotations

from urllib.parse import urlsplit

from markupsafe import Markup

from ..model.evidence import needs_mark, newest_evidence, parse_date
from .text import Language, escape_md


def month_text(L: Language, text: str) -> str:
    """'2026-11' → 'November 2026'; '2026-11-12' → '12 November 2026' (month names from the UI strings)."""
    when = parse_date(text)
    if when is None:
        return text
    months = L.ui_text("months")[0].split()
    name = months[when.month - 1] if len(months) == 12 else f"{when.month:02d}"
    return f"{when.day} {name} {when.year}" if text.count("-") == 2 else f"{name} {when.year}"


def source_name(data: dict) -> str:
    """A short name of the source for print: `source_name`, else the web site's name, else the text up to a comma."""
    if data.get("source_name"):
        return data["source_name"]
    if data.get("source_url"):
        host = urlsplit(data["source_url"]).hostname or ""
        return host.removeprefix("www.")
    return str(data.get("source", "")).split(";")[0].split(",")[0].strip()


def evidence_line(L: Language, data: dict, stale: bool) -> Markup:
    """Markdown for pages: exactly what was done, e.g. 'Sumber dibaca November 2026 (sumber bertanggal …)'."""
    how = data.get("verified_how")
    parts = []
    if data.get("verified_on") and how in ("phone-call", "official-page"):
        key = "evidence_phone" if how == "phone-call" else "evidence_official"
        parts.append(L.ui_text(key, date=month_text(L, data["verified_on"]))[0])
    if data.get("source_read_on"):
        parts.append(L.ui_text("evidence_read", date=month_text(L, data["source_read_on"]))[0])
    if data.get("source_date"):
        parts.append(L.ui_text("evidence_source_date", date=month_text(L, data["source_date"]))[0])
    else:
        parts.append(L.ui_text("evidence_source_undated")[0])
    text = escape_md(" · ".join(parts))
    if stale and newest_evidence(data) is not None:
        text += " (" + escape_md(L.ui_text("over_12_months")[0]) + ")"
    return Markup(text)


def print_note(L: Language, data: dict, stale: bool) -> str:
    """Plain text next to a printed number: 'perlu diverifikasi · sumber: Today.id, 2025-05', or ''."""
    if not needs_mark(data, stale):
        return ""
    evidence = newest_evidence(data)
    when = evidence[1][:7] if evidence else L.ui_text("print_undated")[0]
    source = L.ui_text("print_source", name=source_name(data), date=when)[0]
    return f"{L.ui_text('to_be_verified')[0]} · {source}"


def checked_note(L: Language, data: dict) -> str:
    """Plain text for print when a call confirmed the details: 'dicek lewat telepon 2026-12', or ''."""
    if data.get("verified_how") != "phone-call" or not data.get("verified_on"):
        return ""
    return L.ui_text("print_checked_phone", date=data["verified_on"][:7])[0]
