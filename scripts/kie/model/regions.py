"""Reference data: Indonesia's provinces and the regencies/cities (kabupaten/kota) under them.

content/regions/provinces.yml lists the 38 provinces with their Kemendagri codes ("53");
content/regions/<province code>.yml lists the regencies and cities a directory needs ("53.71") and, under
`research:`, every search made for the province's local contacts (what was searched, when, and what came of it),
so the next editor does not repeat a search and can see which provinces still lack a local number.
A service's `coverage` must name codes found here, so a typo never hides a service from its province.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .documents import is_valid, load_document
from .problems import Problem
from .yamlfile import YamlDoc, join

PROVINCES_FILE = "provinces.yml"
NATIONAL = "national"
ABROAD = "abroad"  # coverage of a service Indonesians abroad can reach (model/countries.py)
COUNTRIES_FILE = "countries.yml"  # read by model/countries.py, not as a province's file
FOUND = "found"  # a research result that put a number into a service file


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    short: str = ""

    @property
    def slug(self) -> str:
        """Used in web addresses: '53-nusa-tenggara-timur'."""
        return f"{self.code}-{re.sub(r'[^a-z0-9]+', '-', self.name.lower()).strip('-')}"

    @property
    def label(self) -> str:
        return f"{self.name} ({self.short})" if self.short else self.name


@dataclass(frozen=True)
class Regency:
    code: str
    name: str
    also: tuple[str, ...] = ()  # other names people use: its seat town (Atambua for Belu), an older name

    @property
    def province(self) -> str:
        return self.code.split(".")[0]

    @property
    def kind(self) -> str:
        """'Kabupaten' or 'Kota', as the name begins ('' for a name that says neither)."""
        first = self.name.split(" ", 1)[0]
        return first if first in ("Kabupaten", "Kota") else ""

    @property
    def short(self) -> str:
        """The name without its kind: 'Kupang' for 'Kota Kupang'."""
        return self.name[len(self.kind) :].strip() if self.kind else self.name


@dataclass(frozen=True)
class Research:
    """One search for a province's local contacts (a line under `research:` in content/regions/<code>.yml)."""

    province: str
    searched_on: str
    query: str
    result: str  # FOUND or "no public source found"
    service: str = ""  # the service file the found number went into
    source_url: str = ""
    note: str = ""
    file: str = ""  # where it is written, for messages
    path: str = ""  # e.g. research[2]
    line: int = 0


@dataclass
class Regions:
    provinces: dict[str, Province] = field(default_factory=dict)  # in the order of provinces.yml
    regencies: dict[str, Regency] = field(default_factory=dict)
    research: dict[str, list[Research]] = field(default_factory=dict)  # province code -> searches, in file order
    source: str = ""

    def province_of(self, code: str) -> str:
        return code.split(".")[0]

    def name(self, code: str) -> str:
        if code in self.regencies:
            return self.regencies[code].name
        province = self.provinces.get(code)
        return province.name if province else code

    def regencies_of(self, province: str) -> list[Regency]:
        """Every regency and city of a province, in code order (kabupaten 01-69, then kota 71-99)."""
        return sorted((r for r in self.regencies.values() if r.province == province), key=lambda r: r.code)

    def knows(self, code: str) -> bool:
        return code in self.provinces or code in self.regencies


def load_regions(project, languages: list[str]) -> tuple[Regions, list[Problem]]:
    """Read content/regions/. Returns the regions and every problem found."""
    regions = Regions()
    problems: list[Problem] = []
    folder = project.content_dir / "regions"
    schema_dir = project.content_dir / "schema"
    main = folder / PROVINCES_FILE
    if not main.is_file():
        problems.append(
            Problem(
                project.rel(main), 1, "-", "the list of provinces is missing; restore it from the project's history"
            )
        )
        return regions, problems
    doc = _load(main, project, "provinces.schema.json", schema_dir, languages, problems)
    if doc is not None:
        regions.source = doc.data.get("source", "")
        for i, item in enumerate(doc.data.get("provinces") or []):
            province = Province(item["code"], item["name"], item.get("short", ""))
            problems += _put(regions.provinces, province, doc, join(join("provinces", i), "code"))
    for file in sorted(folder.glob("*.y*ml")):
        if file.name in (PROVINCES_FILE, COUNTRIES_FILE) or file.suffix not in (".yml", ".yaml"):
            continue
        problems += _load_regencies(file, project, regions, schema_dir, languages)
    return regions, problems


def _load(file: Path, project, schema_name: str, schema_dir: Path, languages, problems: list) -> YamlDoc | None:
    doc, found = load_document(file, project, schema_name)
    problems += found
    return doc if doc is not None and is_valid(found) else None


def _put(table: dict, item, doc: YamlDoc, path: str) -> list[Problem]:
    """Add `item` under its code; a code listed twice is a problem (the first one is kept)."""
    if item.code in table:
        return [Problem(doc.path, doc.line(path), path, f"the code '{item.code}' is listed twice")]
    table[item.code] = item
    return []


def _load_regencies(file: Path, project, regions: Regions, schema_dir: Path, languages) -> list[Problem]:
    problems: list[Problem] = []
    province = file.stem
    shown = project.rel(file)
    if province not in regions.provinces:
        return [
            Problem(
                shown,
                1,
                "-",
                f"'{file.name}' must be named after a province code from {PROVINCES_FILE}, e.g. 53.yml",
            )
        ]
    doc = _load(file, project, "regencies.schema.json", schema_dir, languages, problems)
    if doc is None:
        return problems
    for i, item in enumerate(doc.data.get("regencies") or []):
        path = join(join("regencies", i), "code")
        if not item["code"].startswith(province + "."):
            problems.append(
                Problem(
                    shown,
                    doc.line(path),
                    path,
                    f"'{item['code']}' is not in province {province}; codes in this file start with '{province}.'",
                )
            )
            continue
        regency = Regency(item["code"], item["name"], tuple(item.get("also", ())))
        problems += _put(regions.regencies, regency, doc, path)
    for i, item in enumerate(doc.data.get("research") or []):
        path = join("research", i)
        fields = {k: item.get(k, "") for k in ("searched_on", "query", "result", "service", "source_url", "note")}
        line = doc.line(join(path, "service") if item.get("service") else path)
        regions.research.setdefault(province, []).append(Research(province, **fields, file=shown, path=path, line=line))
    return problems


def coverage_problems(docs: list[YamlDoc], regions: Regions) -> list[Problem]:
    """Every coverage code of every service must be 'national' or a known province/regency code."""
    found = []
    for doc in docs:
        coverage = doc.data.get("coverage")
        for i, code in enumerate(coverage if isinstance(coverage, list) else []):
            if not isinstance(code, str) or code in (NATIONAL, ABROAD) or regions.knows(code):
                continue
            path = join("coverage", i)
            found.append(Problem(doc.path, doc.line(path), path, unknown_code(code, regions)))
    return found


def research_problems(docs: list[YamlDoc], regions: Regions) -> list[Problem]:
    """A research record that names a service must name one that exists (`docs`: every service file) and that is
    listed under that province, so the record and the directory cannot drift apart."""
    coverage = {d.data.get("id"): d.data.get("coverage") for d in docs}
    found = []
    for r in (record for records in regions.research.values() for record in records):
        why = ""
        if r.result == FOUND and not r.service:
            why = "a search that found a number must name the service file it went into, e.g. 'service: uptd-ppa-aceh'"
        elif r.service and r.service not in coverage:
            why = f"there is no service '{r.service}' in content/services/; check the spelling of its id"
        elif r.service and r.province not in provinces_covered(_codes(coverage[r.service]), regions):
            why = (
                f"service '{r.service}' is not listed under province {r.province}; "
                f"add '{r.province}' (or one of its regency codes) to its coverage"
            )
        if why:
            found.append(Problem(r.file, r.line, join(r.path, "service"), why))
    return found


def _codes(coverage: object) -> list[str]:
    return [c for c in coverage if isinstance(c, str)] if isinstance(coverage, list) else []


def unknown_code(code: str, regions: Regions) -> str:
    if "." not in code:
        return f"unknown province code '{code}'; use a code from content/regions/{PROVINCES_FILE} (e.g. '53' for NTT)"
    province = code.split(".")[0]
    if province not in regions.provinces:
        return f"unknown regency code '{code}': there is no province '{province}' in content/regions/{PROVINCES_FILE}"
    return (
        f"unknown regency code '{code}'; add it with its Kemendagri code and name "
        f"to content/regions/{province}.yml (or use the province code '{province}')"
    )


def provinces_covered(coverage: list[str], regions: Regions) -> list[str]:
    """Province codes a service appears under, in the order of provinces.yml; [] for national services."""
    wanted = {regions.province_of(code) for code in coverage if code not in (NATIONAL, ABROAD)}
    return [code for code in regions.provinces if code in wanted]
