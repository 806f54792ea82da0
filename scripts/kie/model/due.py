"""Which services are due a check, in the order to work on them (`kie services due`, the keepers' page, the call
sheet).

A service is due when:
1. a number of it failed on a call, or nothing dated backs it (no verified_on, no source_date): the page may be
   offering a dead number, or one nobody can vouch for;
2. its newest evidence (model/evidence.py) is over 12 months old: the oldest first;
3. it is rated M or L (one secondary source, or unconfirmed) although recent;
4. it will be over 12 months old within `within` days (`--within 60`): the soonest first.
Within a step, national services (one call serves every province) come before local ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from . import calls
from .content import Content, Entry
from .evidence import (
    STALE_AFTER_DAYS,
    evidence_age,
    failed_numbers,
    is_stale,
    is_unconfirmed,
    newest_evidence,
    parse_date,
)
from .regions import ABROAD, NATIONAL, provinces_covered

FAILED, UNDATED, STALE, RATED, SOON = "failed", "undated", "stale", "rated", "soon"  # why, in order of urgency
ORDER = (FAILED, UNDATED, STALE, RATED, SOON)


@dataclass(frozen=True)
class Due:
    entry: Entry
    why: str  # one of ORDER
    evidence: tuple[str, str] | None  # (field, date text) of its newest evidence, or None
    age_days: int | None  # how old that evidence is today

    @property
    def id(self) -> str:
        return self.entry.id


def due_services(content: Content, today: date, within: int = 0, province: str | None = None) -> list[Due]:
    """Every service due a check (see the module), most urgent first; `province`: only services listed under it."""
    found = []
    for entry in content.services.values():
        if province is not None and province not in provinces_covered(entry["coverage"], content.regions):
            continue
        why = reason(entry.data, today, within)
        if why:
            found.append(Due(entry, why, newest_evidence(entry.data), evidence_age(entry.data, today)))
    return sorted(found, key=_urgency)


def reason(data: dict, today: date, within: int = 0) -> str | None:
    """Why a service is due, or None when it is not."""
    if failed_numbers(data):
        return FAILED
    if newest_evidence(data) is None:
        return UNDATED
    if is_stale(data, today):
        return STALE
    if is_unconfirmed(data):
        return RATED
    if within and is_stale(data, today + timedelta(days=within)):
        return SOON
    return None


def _urgency(due: Due) -> tuple:
    national = NATIONAL in due.entry["coverage"]
    oldest_first = -(due.age_days or 0)
    return (ORDER.index(due.why), not national, oldest_first, due.id)


def stale_on(data: dict) -> date | None:
    """The day the service becomes (or became) over 12 months old."""
    evidence = newest_evidence(data)
    return parse_date(evidence[1]) + timedelta(days=STALE_AFTER_DAYS + 1) if evidence else None


def where(entry: Entry, content: Content) -> str:
    """'national', 'abroad (KH)', or the province names it is listed under: for the list and the sheet."""
    coverage = entry["coverage"]
    if NATIONAL in coverage:
        return "national"
    if ABROAD in coverage:
        return "abroad (" + ", ".join(entry.get("countries") or []) + ")"
    return ", ".join(content.regions.provinces[c].name for c in provinces_covered(coverage, content.regions))


def last_done(data: dict) -> str:
    """What was last done to check it, in words for a keeper: the last call, a confirmation, or a source read."""
    call = calls.last_call(data)
    if call:
        return f"called {call['date']}: {call['result']} ({call['by']})"
    if data.get("verified_on"):
        return f"confirmed {data['verified_on']} ({data.get('verified_how', '')})"
    if data.get("source_read_on"):
        return f"source read {data['source_read_on']}"
    return "nothing recorded"
