"""The order in which services are offered to a person in trouble: the same on the page, the handout and the card.

1. the emergency number (police 110): danger right now;
2. the national hotlines (kind `hotline`: SAPA 129, the line the help bar on every page offers);
3. the province's own government unit (UPTD PPA), then its other services, whole province before regencies;
4. the other national services (migrant workers, witness protection).

Within each step the evidence decides first: a service whose details are confirmed and recent comes before one
marked "perlu diverifikasi" (rated M or L, or stale), so a doubtful number never leads a help bar or a pocket
card while a checked one exists; and a number that failed on a call is not offered at all (model/evidence.py).

The emergency number and SAPA 129 are named by id: an editor who renames their files must change them here
(tests/test_help.py checks that both exist in the real content).
"""

from __future__ import annotations

from ..model.content import Content, Entry
from ..model.evidence import needs_mark, offered_numbers
from ..model.regions import NATIONAL

EMERGENCY = "polisi-110"
HELPLINE = "sapa-129"
# Government units before community organisations: a person is sent on from there anyway.
KIND_ORDER = ("hotline", "uptd-ppa", "police-ppa", "lpsk", "health", "social-service", "migrant-worker", "legal-aid")


def kind_rank(entry: Entry) -> int:
    return KIND_ORDER.index(entry["kind"]) if entry["kind"] in KIND_ORDER else len(KIND_ORDER)


def is_marked(entry: Entry, content: Content) -> bool:
    """Shown "perlu diverifikasi": rated M or L, or its newest evidence over 12 months old."""
    return needs_mark(entry.data, entry.id in content.stale_services)


def call_rank(entry: Entry, content: Content) -> tuple:
    """Sort key of any service: the two first lines, then local services, then the other national ones.

    Local services are grouped by area by the caller (whole province first); within an area this key orders them.
    """
    marked = is_marked(entry, content)
    if is_first(entry):
        return (0 if entry.id == EMERGENCY else 1, 0 if entry.id == HELPLINE else 1, marked, entry.id)
    return (3 if NATIONAL in entry["coverage"] else 2, marked, kind_rank(entry), entry.id)


def is_first(entry: Entry) -> bool:
    """The emergency number and the national hotlines: offered before anything local."""
    return entry.id == EMERGENCY or (NATIONAL in entry["coverage"] and entry["kind"] == "hotline")


def in_call_order(entries, content: Content) -> list[Entry]:
    return sorted(entries, key=lambda e: call_rank(e, content))


def checked_first(entries: list[Entry], content: Content) -> list[Entry]:
    """The same services, those not marked "perlu diverifikasi" first (each part in its own order)."""
    return sorted(entries, key=lambda e: is_marked(e, content))


def split_national(national: list[Entry], content: Content) -> tuple[list[Entry], list[Entry]]:
    """National services → (those offered before the province's own services, those offered after them)."""
    ordered = in_call_order(national, content)
    return [e for e in ordered if is_first(e)], [e for e in ordered if not is_first(e)]


def has_number(entry: Entry) -> bool:
    """Something to call or message: a number that failed on a call does not count."""
    return bool(offered_numbers(entry.data, "phones") or offered_numbers(entry.data, "whatsapp"))
