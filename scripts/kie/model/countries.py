"""Countries where Indonesians abroad can reach their embassy or consulate, and the checks on such services.

content/regions/countries.yml lists countries by ISO code with their names per language. A service with coverage
`abroad` serves Indonesians outside the country (Kemlu's citizen-protection hotline); an embassy, consulate or
trade office adds `countries:` naming where it serves. The abroad page (views/abroad.py) offers one button per
country that has such a service.
"""

from __future__ import annotations

from dataclasses import dataclass

from .documents import is_valid, load_document
from .problems import Problem
from .regions import ABROAD, COUNTRIES_FILE
from .yamlfile import YamlDoc, join

MISSION_KINDS = ("embassy",)  # kinds that must say which countries they serve


@dataclass(frozen=True)
class Country:
    code: str
    name: dict  # {id: Kamboja, en: Cambodia, ...}


def load_countries(project) -> tuple[dict[str, Country], list[Problem]]:
    """content/regions/countries.yml → {code: Country}; no file means no countries (a project without an abroad
    page), not a mistake."""
    file = project.content_dir / "regions" / COUNTRIES_FILE
    if not file.is_file():
        return {}, []
    doc, problems = load_document(file, project, "countries.schema.json")
    countries: dict[str, Country] = {}
    if doc is None or not is_valid(problems):
        return countries, problems
    for i, item in enumerate(doc.data["countries"]):
        if item["code"] in countries:
            path = join(join("countries", i), "code")
            problems.append(Problem(doc.path, doc.line(path), path, f"the code '{item['code']}' is listed twice"))
            continue
        countries[item["code"]] = Country(item["code"], item["name"])
    return countries, problems


def abroad_problems(docs: list[YamlDoc], countries: dict[str, Country]) -> list[Problem]:
    """`countries` only with coverage 'abroad', every code known, and every embassy names its countries."""
    found = []
    for doc in docs:
        data = doc.data
        named = data.get("countries") or []
        if named and ABROAD not in (data.get("coverage") or []):
            found.append(
                Problem(
                    doc.path,
                    doc.line("countries"),
                    "countries",
                    "only a service with coverage 'abroad' serves other countries; add 'abroad' to its coverage",
                )
            )
        for i, code in enumerate(named):
            if code not in countries:
                path = join("countries", i)
                found.append(
                    Problem(
                        doc.path,
                        doc.line(path),
                        path,
                        f"unknown country code '{code}'; add it with its names to content/regions/{COUNTRIES_FILE}",
                    )
                )
        if data.get("kind") in MISSION_KINDS and not named:
            found.append(
                Problem(
                    doc.path,
                    doc.line("kind"),
                    "countries",
                    "an embassy or consulate names the countries it serves, e.g. 'countries: [KH]' "
                    "(codes from content/regions/countries.yml)",
                )
            )
    return found
