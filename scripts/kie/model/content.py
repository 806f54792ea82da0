"""Load every content file, validate it, and return typed records.

One pass: read YAML → schema → cross-file checks. All problems are collected and returned together,
so an editor sees every mistake at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import checks, clock, countries, documents, editions, evidence, glossary, regions, synonyms, yamlfile
from .kinds import KINDS, Kind
from .problems import ContentError, Problem
from .project import Project
from .quiz import load_quiz
from .translation_records import load_translations


@dataclass(frozen=True)
class Entry:
    kind: str
    id: str
    data: dict
    file: str  # path shown to editors

    def __getitem__(self, key: str):
        return self.data[key]

    def get(self, key: str, default=None):
        return self.data.get(key, default)


@dataclass
class Content:
    languages: list[str]
    default_language: str
    modus: dict[str, Entry] = field(default_factory=dict)
    rights: dict[str, Entry] = field(default_factory=dict)
    laws: dict[str, Entry] = field(default_factory=dict)
    services: dict[str, Entry] = field(default_factory=dict)
    sessions: dict[str, Entry] = field(default_factory=dict)  # facilitators' session plans
    ui: dict[str, dict[str, str]] = field(default_factory=dict)
    awaiting_review: set[str] = field(default_factory=set)  # languages whose texts a native speaker must check
    translations: object = None  # kie.translations.Translations: which translations exist and are up to date
    glossary: glossary.Glossary | None = None
    regions: regions.Regions = field(default_factory=lambda: regions.Regions())  # provinces and regencies
    countries: dict[str, countries.Country] = field(default_factory=dict)  # where embassies serve (model/countries)
    stale_services: set[str] = field(default_factory=set)  # ids of services whose evidence is stale (kie.evidence)
    quiz_cards: list[dict] = field(default_factory=list)  # content/quiz.yml (kie.quiz)
    quiz_sources: list[dict] = field(default_factory=list)
    synonyms: dict[str, list[list[str]]] = field(default_factory=dict)  # content/search/synonyms.yml, per language
    editions: dict[str, editions.Edition] = field(default_factory=dict)  # content/editions/*.yml
    edition: editions.Edition | None = None  # set when building one edition (kie.engine.editions)

    def of(self, kind: str) -> dict[str, Entry]:
        return getattr(self, kind)


def content_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())


def load_content(project: Project, today: date | None = None) -> tuple[Content, list[Problem]]:
    """Read and check everything under content/. Returns the content and all problems found."""
    today = today or clock.today()
    content = Content(project.codes, project.default_code)
    problems: list[Problem] = documents.unknown_files(project)
    docs: dict[str, list[yamlfile.YamlDoc]] = {}  # per kind, the documents that passed their schema
    for kind in KINDS:
        docs[kind.name] = []
        for file in content_files(project.content_dir / kind.name):
            doc, found = documents.load_document(file, project, kind.schema)
            problems += found
            if doc is None or not isinstance(doc.data, dict):
                continue
            _add_entry(content, kind, doc, problems)  # even when invalid: references to it stay quiet
            if documents.is_valid(found):
                docs[kind.name].append(doc)
    content.ui, content.awaiting_review, ui_problems = _load_ui(project)
    problems += ui_problems
    file = project.content_dir / "glossary.yml"
    content.glossary, found = glossary.load_glossary(file, project)
    problems += found
    content.synonyms, found = synonyms.load_synonyms(project)
    problems += found
    problems += checks.cross_checks(content, docs, today)
    content.regions, found = regions.load_regions(project, project.codes)  # services' coverage codes must exist
    problems += found + regions.coverage_problems(docs["services"] + docs["laws"], content.regions)
    content.countries, found = countries.load_countries(project)
    problems += found + countries.abroad_problems(docs["services"], content.countries)
    # searches name real services (every service loaded, valid or not: no follow-on messages)
    problems += regions.research_problems(list(content.services.values()), content.regions)
    content.editions, found = editions.load_editions(project, content)  # after regions: they name provinces
    problems += found
    content.quiz_cards, content.quiz_sources, found = load_quiz(project, set(content.modus))
    problems += found
    content.stale_services = {e.id for e in content.services.values() if evidence.is_stale(e.data, today)}
    content.translations, found = load_translations(project, content)
    problems += found
    return content, sorted(set(problems), key=lambda p: (p.file, p.line, p.field, p.message))


def _add_entry(content: Content, kind: Kind, doc: yamlfile.YamlDoc, problems: list[Problem]) -> None:
    entry_id = doc.data.get("id")
    if not isinstance(entry_id, str):
        return
    existing = content.of(kind.name).get(entry_id)
    if existing is not None:
        problems.append(
            Problem(
                doc.path, doc.line("id"), "id", f"'{entry_id}' is already used by {existing.file}; ids must be unique"
            )
        )
        return
    content.of(kind.name)[entry_id] = Entry(kind.name, entry_id, doc.data, doc.path)


def _load_ui(project: Project) -> tuple[dict[str, dict[str, str]], set[str], list[Problem]]:
    """Interface strings per language: content/ui/<lang>.yml. The default language must define every key.

    Keys of other languages are compared with the default language's only when that file is valid: a broken
    default file gives its own message, not one line per key of every other language.
    """
    ui: dict[str, dict[str, str]] = {}
    awaiting: set[str] = set()
    problems: list[Problem] = []
    valid: set[str] = set()
    folder = project.content_dir / "ui"
    for code in project.codes:
        file = folder / f"{code}.yml"
        ui[code] = {}
        if not file.is_file():
            if code == project.default_code:
                problems.append(
                    Problem(project.rel(file), 0, "-", "the interface strings of the default language are missing")
                )
            continue
        doc, found = documents.load_document(file, project, "ui.schema.json")
        problems += found
        if doc is None or not isinstance(doc.data, dict):
            continue
        data = dict(doc.data)
        if data.pop("awaiting_review", False) is True:
            awaiting.add(code)
        ui[code] = {str(k): v for k, v in data.items() if isinstance(v, str)}
        if documents.is_valid(found):
            valid.add(code)
    if project.default_code in valid:
        base = ui[project.default_code]
        for code in sorted(valid - {project.default_code}):
            shown = project.rel(folder / f"{code}.yml")
            for key in sorted(set(ui[code]) - set(base)):
                problems.append(
                    Problem(shown, 0, key, f"unknown interface string; {project.default_code}.yml has no '{key}'")
                )
    return ui, awaiting, problems


def require_valid(project: Project, strict: bool = False, today: date | None = None) -> tuple[Content, list[Problem]]:
    """Load content; raise ContentError if anything must stop the build. Returns warnings too."""
    content, problems = load_content(project, today)
    blocking = [p for p in problems if strict or not p.warning]
    if blocking:
        raise ContentError(blocking)
    return content, problems
