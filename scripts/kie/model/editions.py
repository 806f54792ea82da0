"""Regional editions (content/editions/<id>.yml): one province's own site, handouts and A5 booklet.

An edition is configuration, not a page: it picks from the national content (its languages, the modus it
features first, its local laws and services, the handouts of its booklet) and names its own address. Nothing in
it is a new fact except its optional sourced introduction, so an edition can never show an unsourced number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path

from .documents import is_valid, load_document
from .problems import Problem
from .project import ProjectError
from .regions import unknown_code
from .yamlfile import YamlDoc, join

FOLDER = "editions"
SCHEMA = "edition.schema.json"
MAX_BOOKLET_PAGES = 48  # a saddle-stitched A5 booklet thicker than 12 A4 sheets no longer folds flat
# A handout's A4 page becomes one A5 page of the booklet (scaled down); with its title, hotline box and QR code
# it holds about this many words of an entry (measured on the NTT booklet). The build counts the real pages.
WORDS_PER_A5_PAGE = 250
BOOKLET_EXTRA_PAGES = 2  # the cover and the back page of contacts


@dataclass(frozen=True)
class Edition:
    id: str
    title: dict[str, str]
    provinces: tuple[str, ...]
    languages: tuple[str, ...]
    file: str  # path shown to editors
    site_url: str | None = None
    regencies: tuple[str, ...] = ()
    featured_modus: tuple[str, ...] = ()
    local_laws: tuple[str, ...] = ()
    local_services: tuple[str, ...] = ()
    intro: dict[str, str] = field(default_factory=dict)
    booklet: tuple[tuple[str, str], ...] = ()  # (kind, id) in order
    booklet_line: int = 0  # where `booklet:` is written, for the build's own page-count message

    @property
    def province(self) -> str:
        """The province the site leads with (its help bar, its directory page)."""
        return self.provinces[0]

    def address(self, national_url: str) -> str:
        """The edition's public address, ending in '/': its own, or a folder under the national address."""
        return (self.site_url or national_url.rstrip("/") + "/" + self.id).rstrip("/") + "/"


def load_editions(project, content) -> tuple[dict[str, Edition], list[Problem]]:
    """Every content/editions/*.yml, schema-checked, then checked against the content it picks from."""
    editions: dict[str, Edition] = {}
    problems: list[Problem] = []
    folder = project.content_dir / FOLDER
    files = sorted(p for p in folder.glob("*") if p.suffix in (".yml", ".yaml")) if folder.is_dir() else []
    for file in files:
        doc, found = load_document(file, project, SCHEMA)
        problems += found
        if doc is None or not isinstance(doc.data, dict) or not is_valid(found):
            continue
        found = edition_problems(doc, Path(file).stem, project, content)
        problems += found
        if is_valid(found):
            editions[doc.data["id"]] = _edition(doc)
    return editions, problems


def _edition(doc: YamlDoc) -> Edition:
    d = doc.data
    return Edition(
        id=d["id"],
        title=dict(d["title"]),
        provinces=tuple(d["provinces"]),
        languages=tuple(d["languages"]),
        file=doc.path,
        site_url=d.get("site_url"),
        regencies=tuple(d.get("regencies") or ()),
        featured_modus=tuple(d.get("featured_modus") or ()),
        local_laws=tuple(d.get("local_laws") or ()),
        local_services=tuple(d.get("local_services") or ()),
        intro=dict(d.get("intro") or {}),
        booklet=tuple((b["kind"], b["id"]) for b in d.get("booklet") or ()),
        booklet_line=doc.line("booklet"),
    )


def edition_problems(doc: YamlDoc, stem: str, project, content) -> list[Problem]:
    data, found = doc.data, []

    def problem(path: str, message: str) -> None:
        found.append(Problem(doc.path, doc.line(path), path, message))

    if data["id"] != stem:
        problem("id", f"'{data['id']}' differs from the file name; name the file {data['id']}.yml or change the id")
    provinces = content.regions.provinces
    for i, code in enumerate(data["provinces"]):
        if code not in provinces:
            problem(join("provinces", i), unknown_code(code, content.regions))
    for i, code in enumerate(data.get("regencies") or ()):
        if code.split(".")[0] not in data["provinces"]:
            problem(
                join("regencies", i), f"'{code}' is not in the edition's provinces; add its province to 'provinces'"
            )
        elif code not in content.regions.regencies:
            problem(
                join("regencies", i),
                f"unknown regency code '{code}'; add it to content/regions/{code.split('.')[0]}.yml first",
            )
    published = ", ".join(project.codes)
    for i, lang in enumerate(data["languages"]):
        if lang not in project.codes:
            problem(
                join("languages", i),
                f"the site does not publish '{lang}' (it publishes: {published}); remove it or add the language first",
            )
    if data["languages"][0] != project.default_code:
        problem("languages[0]", f"an edition starts with the site's default language '{project.default_code}'")
    for key in ("title", "intro"):
        for lang in data.get(key) or {}:
            if lang not in data["languages"]:
                problem(
                    join(key, lang),
                    f"'{lang}' is not one of the edition's languages; remove it or add it to 'languages'",
                )
    for key, kind, label in (
        ("featured_modus", "modus", "modus"),
        ("local_laws", "laws", "law"),
        ("local_services", "services", "service"),
    ):
        for i, value in enumerate(data.get(key) or ()):
            if value not in content.of(kind):
                problem(
                    join(key, i),
                    f"no {label} has the id '{value}'; check the spelling or add content/{kind}/{value}.yml",
                )
    for i, law_id in enumerate(data.get("local_laws") or ()):
        law = content.laws.get(law_id)
        if law is not None and not any(code.split(".")[0] in data["provinces"] for code in law.get("coverage") or ()):
            problem(
                join("local_laws", i),
                f"'{law_id}' is not a regional rule of this edition's provinces; give it 'coverage' with the "
                "province's code, or remove it from local_laws",
            )
    for i, item in enumerate(data.get("booklet") or ()):
        if item["id"] not in content.of(item["kind"]):
            problem(join(join("booklet", i), "id"), f"no {item['kind']} entry has the id '{item['id']}'")
    if not found and data.get("booklet"):
        pages = estimated_booklet_pages(content, data["booklet"], data["languages"][0])
        if pages > MAX_BOOKLET_PAGES:
            problem("booklet", booklet_too_long(pages))
    return found


def booklet_too_long(pages: int) -> str:
    return (
        f"the booklet would have about {pages} A5 pages, over the {MAX_BOOKLET_PAGES} a stapled booklet can hold; "
        "leave some handouts out"
    )


def estimated_booklet_pages(content, items, lang: str) -> int:
    """Cover, back page and each handout at WORDS_PER_A5_PAGE words a page, padded to a multiple of 4."""
    pages = BOOKLET_EXTRA_PAGES
    languages = set(content.languages)
    for item in items:
        entry = content.of(item["kind"])[item["id"]]
        pages += max(1, math.ceil(_words(entry.data, lang, languages) / WORDS_PER_A5_PAGE))
    return pages + (-pages) % 4


def _words(node, lang: str, languages: set[str]) -> int:
    """Words of the text in `lang` under `node` (a translatable map is a dict whose keys are all languages)."""
    if isinstance(node, dict):
        if node and set(node) <= languages:
            return len(str(node.get(lang, "")).split())
        return sum(_words(value, lang, languages) for value in node.values())
    if isinstance(node, list):
        return sum(_words(value, lang, languages) for value in node)
    return 0


def for_edition(project, content, edition_id: str, national_url: str):
    """The project and content as one edition sees them: its languages, its address, its settings.

    Every later step (pages, handouts, offline packs, zip) reads languages and the address from these two, so
    they build the edition without knowing editions exist.
    """
    edition = content.editions.get(edition_id)
    if edition is None:
        known = ", ".join(sorted(content.editions)) or "none yet"
        raise ProjectError(f"no edition '{edition_id}' in content/editions/ (editions: {known})")
    languages = tuple(lang for code in edition.languages for lang in project.languages if lang.code == code)
    project = replace(project, languages=languages, site_url=edition.address(national_url))
    content = replace(content, languages=list(edition.languages), edition=edition)
    return project, content
