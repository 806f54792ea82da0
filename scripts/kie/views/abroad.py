"""The page for people already abroad (docs/luar-negeri.md): whom to reach from where they are.

110 and 129 cannot be dialled from outside Indonesia. This page leads with the lines that work from anywhere
(services with coverage `abroad` and no country: Kemlu's citizen-protection hotline, the migrant workers' line),
then offers one button per country that has an embassy or consulate with a sourced number (`countries:`), each
leading to that mission's card. The hand-written page asks for this block with <!-- kie:abroad -->.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.content import Content, Entry
from ..model.countries import Country
from ..model.regions import ABROAD
from .directory import Card
from .service_order import checked_first, has_number

# Who to reach first from abroad: the ministry that protects citizens abroad, then the migrant workers' line.
ABROAD_KIND_ORDER = ("consular", "migrant-worker", "hotline")
COUNTRY_ANCHOR = "negara-{code}"  # the card of one country on the abroad page: luar-negeri.html#negara-kh
OTHER_COUNTRY_ANCHOR = "negara-lain"


@dataclass
class CountryGroup:
    country: Country
    anchor: str
    missions: list[Card]


def serves_abroad(entry: Entry) -> bool:
    return ABROAD in entry["coverage"]


def _abroad_rank(entry: Entry) -> tuple:
    kind = entry["kind"]
    return (ABROAD_KIND_ORDER.index(kind) if kind in ABROAD_KIND_ORDER else len(ABROAD_KIND_ORDER), entry.id)


def _in_order(entries: list[Entry], content: Content) -> list[Entry]:
    """By kind (Kemlu first), but one marked "perlu diverifikasi" after one that is not, as on every help bar."""
    return checked_first(sorted(entries, key=_abroad_rank), content)


def abroad_lines(content: Content) -> list[Entry]:
    """Services for Indonesians in any country, with a number, in the order to reach them."""
    found = [e for e in content.services.values() if serves_abroad(e) and not e.get("countries") and has_number(e)]
    return _in_order(found, content)


def country_groups(content: Content) -> list[CountryGroup]:
    """Countries (in the order of content/regions/countries.yml) that have a mission with a number."""
    groups = []
    for country in content.countries.values():
        missions = [
            e
            for e in content.services.values()
            if serves_abroad(e) and country.code in (e.get("countries") or []) and has_number(e)
        ]
        if missions:
            anchor = COUNTRY_ANCHOR.format(code=country.code.lower())
            groups.append(CountryGroup(country, anchor, [Card(e, []) for e in _in_order(missions, content)]))
    return groups


def abroad_context(content: Content) -> dict:
    """What templates/abroad.md.j2 shows."""
    lines = [Card(e, []) for e in abroad_lines(content)]
    return {"lines": lines, "country_groups": country_groups(content), "other": OTHER_COUNTRY_ANCHOR}
