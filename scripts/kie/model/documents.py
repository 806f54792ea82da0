"""One loader for every file under content/: read it safely, check it against its schema.

Every content file has a schema (content/schema/*.schema.json). DOCUMENTS names which schema each file
follows; a file that matches no line of it is reported, so a misplaced or misspelled file never goes
unnoticed. Cross-file checks (references, dates, phone numbers) run only on documents that passed their
schema: one mistake gives one line, never a cascade of follow-on messages.
"""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

from . import schema, yamlfile
from .kinds import KINDS
from .problems import Problem
from .yamlfile import YamlDoc

# (path under content/, schema) — first match wins; entry kinds come from the kinds table.
DOCUMENTS: tuple[tuple[str, str], ...] = (
    *((f"{kind.name}/*.yml", kind.schema) for kind in KINDS),
    ("glossary.yml", "glossary.schema.json"),
    ("quiz.yml", "quiz.schema.json"),
    ("editions/*.yml", "edition.schema.json"),  # regional editions (kie.model.editions): settings, not pages
    ("search/synonyms.yml", "synonyms.schema.json"),
    ("ui/*.yml", "ui.schema.json"),
    ("i18n/*-style.yml", "language-style.schema.json"),  # a language's style sheet (kie i18n status checks it)
    ("i18n/*.yml", "translation-records.schema.json"),
    ("regions/provinces.yml", "provinces.schema.json"),
    ("regions/countries.yml", "countries.schema.json"),  # where the abroad page's embassies are (model/countries)
    ("regions/*.yml", "regencies.schema.json"),
)
NOT_CONTENT = ("schema/*",)  # .yml files under content/ that are not content documents


def schema_for(relative: str) -> str | None:
    """The schema of a file given by its path under content/ ('modus/x.yml'), or None."""
    if relative.endswith(".yaml"):
        relative = relative[: -len(".yaml")] + ".yml"
    return next((name for pattern, name in DOCUMENTS if fnmatch(relative, pattern)), None)


def load_document(file: Path, project, schema_name: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Read `file` and check it against `schema_name`. The document is None only when it could not be read."""
    doc, problems = yamlfile.load(file, project.rel(file))
    if doc is None:
        return None, problems
    problems += schema.validate(doc, schema_name, project.content_dir / "schema", project.codes)
    return doc, problems


def is_valid(problems: list[Problem]) -> bool:
    return not any(not p.warning for p in problems)


def unknown_files(project) -> list[Problem]:
    """Files under content/ that no schema covers: a typo in a folder or file name would hide them."""
    found = []
    for file in sorted(p for p in project.content_dir.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file()):
        relative = file.relative_to(project.content_dir).as_posix()
        if any(fnmatch(relative, pattern) for pattern in NOT_CONTENT) or schema_for(relative):
            continue
        found.append(
            Problem(
                project.rel(file),
                0,
                "-",
                "this file is not read: content files are .yml files in these folders "
                "(modus/, rights/, laws/, services/, sessions/, editions/, regions/, ui/, i18n/, search/); "
                "move or rename it",
                warning=True,
            )
        )
    return found
