"""The order in which services are offered to a person in trouble: the same on the page, the handout and the card.

1. the emergency number (police 110): danger right now;
2. the national hotlines (kind `hotline`: SAPA 129, the line the help bar on every page offers);
3. the province's own government unit (UPTD PPA), then its other services, whole province before regencies;
4. the other national services (migrant workers, witness protection).

The emergency number and SAPA 129 are named by id: an editor who renames their files must change them here
(tests/test_help.py checks that both exist in the real content).
"""

from __future__ import annotations

from ..model.content import Entry
from ..model.regions import NATIONAL

EMERGENCY = "polisi-110"
HELPLINE = "sapa-129"
# Government units before community organisations: a person is sent on from there anyway.
KIND_ORDER = ("hotline", "uptd-ppa", "police-ppa", "lpsk", "health", "social-service", "migrant-worker", "legal-aid")


def kind_rank(entry: Entry) -> int:
    return KIND_ORDER.index(entry["kind"]) if entry["kind"] in KIND_ORDER else len(KIND_ORDER)


def call_rank(entry: Entry) -> tuple:
    """Sort key of any service: the two first lines, then local services, then the other national ones.

    Local services are grouped by area by the caller (whole province first); within an area this key orders them.
    """
    if is_first(entry):
        return (0 if entry.id == EMERGENCY else 1, 0 if entry.id == HELPLINE else 1, entry.id)
    return (3 if NATIONAL in entry["coverage"] else 2, kind_rank(entry), entry.id)


def is_first(entry: Entry) -> bool:
    """The emergency number and the national hotlines: offered before anything local."""
    return entry.id == EMERGENCY or (NATIONAL in entry["coverage"] and entry["kind"] == "hotline")


def in_call_order(entries) -> list[Entry]:
    return sorted(entries, key=call_rank)


def split_national(national: list[Entry]) -> tuple[list[Entry], list[Entry]]:
    """National services → (those offered before the province's own services, those offered after them)."""
    ordered = in_call_order(national)
    return [e for e in ordered if is_first(e)], [e for e in ordered if not is_first(e)]


def has_number(entry: Entry) -> bool:
    return bool(entry.get("phones") or entry.get("whatsapp"))
