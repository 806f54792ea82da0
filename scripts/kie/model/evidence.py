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


NOT_A_DAY, IN_THE_FUTURE = "is not a real date; check day and month", "is in the future"


def date_problem(text: object, today: date) -> str | None:
    """Why a date written in a content file cannot be right (NOT_A_DAY, IN_THE_FUTURE), or None. Absent, or not
    a date at all (no year first), is None too: the schema reports that."""
    if not (isinstance(text, str) and text[:4].isdigit()):
        return None
    when = parse_date(text)
    if when is None:
        return NOT_A_DAY
    return IN_THE_FUTURE if when > today else None


def newest_evidence(data: dict) -> tuple[str, str] | None:
    """(field, date text) of the evidence the staleness rule looks at, or None when there is none."""
    for field in ("verified_on", "source_date"):
        if parse_date(data.get(field)) is not None:
            return field, data[field]
    return None


def evidence_age(data: dict, today: date) -> int | None:
    """Days from the newest evidence to `today`, or None when nothing dated backs the details."""
    evidence = newest_evidence(data)
    return (today - parse_date(evidence[1])).days if evidence else None


def is_stale(data: dict, today: date) -> bool:
    """True when the newest evidence is over 12 months old, or when nothing dated backs the details."""
    age = evidence_age(data, today)
    return age is None or age > STALE_AFTER_DAYS


def is_unconfirmed(item: dict) -> bool:
    """A service or one number rated M (one secondary source, or a number given on a call) or L (uncertain)."""
    return item.get("confidence") in ("M", "L")


def needs_mark(data: dict, stale: bool) -> bool:
    """Shown "perlu diverifikasi": rated M or L, or stale."""
    return stale or is_unconfirmed(data)


def offered_numbers(data: dict, key: str) -> list[dict]:
    """The `phones` or `whatsapp` items to offer as buttons: a number that failed when someone called it stays in
    the file with its history but is not offered; a number given on a call and not yet confirmed (confidence M)
    comes after the others."""
    items = [item for item in data.get(key) or [] if isinstance(item, dict) and not item.get("failed")]
    return sorted(items, key=is_unconfirmed)


def failed_numbers(data: dict) -> list[dict]:
    """Numbers that failed on a call, with what happened: said in the card's details, never offered."""
    return [item for key in ("phones", "whatsapp") for item in data.get(key) or [] if item.get("failed")]
