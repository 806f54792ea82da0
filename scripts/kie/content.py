"""Load every content file, validate it, and return typed records.

One pass: read YAML → schema → cross-file checks. All problems are collected and returned together,
so an editor sees every mistake at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import checks, evidence, glossary, regions, schema, yamlfile
from .problems import ContentError, Problem
from .project import Project


@dataclass(frozen=True)
class Kind:
    name: str  # attribute on Content, also the folder under content/
    schema: str
    label: str  # singular, for messages


KINDS = (
    Kind("modus", "modus.schema.json", "modus"),
    Kind("rights", "right.schema.json", "right"),
    Kind("laws", "law.schema.json", "law"),
    Kind("services", "service.schema.json", "service"),
    Kind("sessions", "session.schema.json", "session plan"),
)


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
    stale_services: set[str] = field(default_factory=set)  # ids of services whose evidence is stale (kie.evidence)
    quiz_cards: list[dict] = field(default_factory=list)  # content/quiz.yml (kie.quiz)
    quiz_sources: list[dict] = field(default_factory=list)

    def of(self, kind: str) -> dict[str, Entry]:
        return getattr(self, kind)


def content_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())


def load_content(project: Project, today: date | None = None) -> tuple[Content, list[Problem]]:
    """Read and check everything under content/. Returns the content and all problems found."""
    content = Content(project.codes, project.default_code)
    problems: list[Problem] = []
    schema_dir = project.content_dir / "schema"
    docs: dict[str, list[yamlfile.YamlDoc]] = {}
    for kind in KINDS:
        docs[kind.name] = []
        for file in content_files(project.content_dir / kind.name):
            doc, found = yamlfile.load(file, project.rel(file))
            problems += found
            if doc is None:
                continue
            if not isinstance(doc.data, dict):
                problems.append(Problem(doc.path, 1, "-", "the file must hold fields such as 'id: ...', one per line"))
                continue
            problems += schema.validate(doc, kind.schema, schema_dir, project.codes)
            docs[kind.name].append(doc)
            _add_entry(content, kind, doc, problems)
    content.ui, content.awaiting_review, ui_problems = _load_ui(project)
    problems += ui_problems
    file = project.content_dir / "glossary.yml"
    content.glossary, found = glossary.load_glossary(file, project.rel(file), project.codes, project.docs_dir)
    problems += found
    problems += checks.cross_checks(content, docs, today or date.today())
    content.regions, found = regions.load_regions(project, project.codes)  # services' coverage codes must exist
    problems += found + regions.coverage_problems(docs["services"], content.regions)
    from .quiz import load_quiz  # the self-check quiz links to modus pages loaded above

    content.quiz_cards, content.quiz_sources, found = load_quiz(project, set(content.modus))
    problems += found
    content.stale_services = {
        e.id for e in content.services.values() if evidence.is_stale(e.data, today or date.today())
    }
    from .translation_records import load_translations  # here: it reads the entries loaded above

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
    """Interface strings per language: content/ui/<lang>.yml. The default language must define every key."""
    ui: dict[str, dict[str, str]] = {}
    awaiting: set[str] = set()
    problems: list[Problem] = []
    folder = project.content_dir / "ui"
    for code in project.codes:
        file = folder / f"{code}.yml"
        shown = project.rel(file)
        if not file.is_file():
            if code == project.default_code:
                problems.append(Problem(shown, 0, "-", "the interface strings of the default language are missing"))
            ui[code] = {}
            continue
        doc, found = yamlfile.load(file, shown)
        problems += found
        data = dict(doc.data) if doc and isinstance(doc.data, dict) else {}
        if data.pop("awaiting_review", False) is True:
            awaiting.add(code)
        for key, value in data.items():
            if not isinstance(value, str) or not value.strip():
                problems.append(Problem(shown, doc.line(str(key)), str(key), "should be a non-empty text"))
        ui[code] = {str(k): v for k, v in data.items() if isinstance(v, str)}
    base = ui.get(project.default_code, {})
    for code, strings in ui.items():
        shown = project.rel(folder / f"{code}.yml")
        for key in sorted(set(strings) - set(base)):
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
