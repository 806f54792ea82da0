"""How many provinces have a sourced local phone or WhatsApp number in the directory, and which do not.

Reads the content through the project's own loader (the same one `kie check` uses), so it counts exactly what
the site publishes. A province counts when at least one service listed under it (by its province code or a
regency code) is not national, gives a phone or WhatsApp number, names its source, and has confidence H or M
(numbers rated L are never published as services). The research records in content/regions/<code>.yml say
what was searched for the provinces still missing.

    .venv/bin/python scripts/directory_coverage.py            # this project
    .venv/bin/python scripts/directory_coverage.py path/to/project
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kie.model import clock
from kie.model.content import Content, load_content
from kie.model.evidence import offered_numbers
from kie.model.project import ProjectError, load_project
from kie.model.regions import NATIONAL, provinces_covered

PUBLISHED = ("H", "M")


@dataclass
class Coverage:
    provinces: dict[str, str]  # code -> name, in the order of provinces.yml
    by_province: dict[str, list[str]] = field(default_factory=dict)  # code -> ids of services with a number
    provincial: set[str] = field(default_factory=set)  # provinces with a number for the whole province

    @property
    def missing(self) -> list[str]:
        return [code for code in self.provinces if code not in self.by_province]


def has_sourced_number(service) -> bool:
    numbers = [n for key in ("phones", "whatsapp") for n in offered_numbers(service.data, key)]  # not one that failed
    return bool(numbers) and bool(service.get("source")) and service.get("confidence") in PUBLISHED


def coverage(content: Content) -> Coverage:
    result = Coverage({code: p.name for code, p in content.regions.provinces.items()})
    for service in content.services.values():
        codes = [c for c in service["coverage"] if c != NATIONAL]
        if not codes or not has_sourced_number(service):
            continue
        for province in provinces_covered(codes, content.regions):
            result.by_province.setdefault(province, []).append(service.id)
            if province in codes:
                result.provincial.add(province)
    return result


def report(content: Content, today: date) -> str:
    cov = coverage(content)
    total, found = len(cov.provinces), len(cov.by_province)
    only_local = found - len(cov.provincial)
    lines = [
        f"Directory coverage, {today.isoformat()}: {found} of {total} provinces have a sourced local number "
        f"(phone or WhatsApp, confidence H or M).",
        f"  {len(cov.provincial)} through a service for the whole province, {only_local} only through a "
        "regency or city service.",
        f"Provinces without a sourced local number ({len(cov.missing)}):",
    ]
    for code in cov.missing:
        searches = content.regions.research.get(code, [])
        when = max((r.searched_on for r in searches), default="")
        done = f"searched {len(searches)} time(s), last {when}" if searches else "no search recorded yet"
        lines.append(f"  {code} {cov.provinces[code]} ({done})")
    unrecorded = [code for code in cov.provinces if code not in content.regions.research]
    if unrecorded:
        lines.append("Provinces with no research record in content/regions/: " + ", ".join(unrecorded))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else Path(__file__).resolve().parents[1]
    try:
        content, problems = load_content(load_project(root))
    except ProjectError as err:
        print(err, file=sys.stderr)
        return 2
    blocking = [p for p in problems if not p.warning]
    if blocking:  # counting broken content would report a wrong number
        print("\n".join(str(p) for p in blocking), file=sys.stderr)
        return 1
    try:
        print(report(content, clock.today()), flush=True)
    except BrokenPipeError:  # `| head -1`: the reader had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
