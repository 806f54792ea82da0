"""What was done to check a service's details, said exactly: on pages, in print, and in `kie check`.

A service records its evidence in separate fields (content/schema/service.schema.json):
- `source_date`: when the cited source was published or updated;
- `source_read_on`: when an editor read that source. Reading is not a confirmation;
- `verified_on` + `verified_how`: someone called the number (phone-call), or an official dated page
  confirmed the details (official-page).

Staleness rule (12 months): a service's *newest evidence* is `verified_on` when it has one, otherwise
`source_date`. The service is stale when that date is more than STALE_AFTER_DAYS days before `today`, or
when it has neither (nothing dated says the number worked). Reading an old source again does not make
its number fresh, so `source_read_on` never counts. Month-only dates count as the 1st of the month.
A stale service is marked "perlu diverifikasi" like an M or L rated one, on the page and in print.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from markupsafe import Markup

from .text import Language, escape_md

STALE_AFTER_DAYS = 365
DATE_FIELDS = ("source_date", "source_read_on", "verified_on")


def parse_date(text: object) -> date | None:
    """YYYY-MM-DD, or YYYY-MM (taken as the 1st). None when it is not a date that exists."""
    if not isinstance(text, str):
        return None
    parts = text.split("-")
    try:
        year, month = int(parts[0]), int(parts[1])
        day = int(parts[2]) if len(parts) > 2 else 1
        return date(year, month, day)
    except (ValueError, IndexError):
        return None


def newest_evidence(data: dict) -> tuple[str, str] | None:
    """(field, date text) of the evidence the staleness rule looks at, or None when there is none."""
    for field in ("verified_on", "source_date"):
        if parse_date(data.get(field)) is not None:
            return field, data[field]
    return None


def is_stale(data: dict, today: date) -> bool:
    """True when the newest evidence is over 12 months old, or when nothing dated backs the details."""
    evidence = newest_evidence(data)
    if evidence is None:
        return True
    return (today - parse_date(evidence[1])).days > STALE_AFTER_DAYS


def needs_mark(data: dict, stale: bool) -> bool:
    """Shown "perlu diverifikasi": rated M or L, or stale."""
    return stale or data.get("confidence") in ("M", "L")


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
