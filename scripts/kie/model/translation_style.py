"""A language's style sheet (content/i18n/<lang>-style.yml) and the check of every text in that language.

The style sheet fixes one register, one spelling and one word for each key term, so that a reader never
meets three words for "you" on one page. `kie i18n status --lang jv` reports, as warnings with file and
line: Indonesian words left inside Javanese text, forms the glossary says to avoid, and letters with
diacritics when the style writes plain e. Names and law titles listed under keep_indonesian are skipped:
they stay in Indonesian on purpose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlfile
from .documents import load_document
from .kinds import GENERATED_SECTIONS
from .problems import Problem
from .project import Project
from .translations import localized_fields

STYLE_SCHEMA = "language-style.schema.json"
DIACRITICS = "èéêÈÉÊ"
SKIPPED_FOLDERS = ("schema", "i18n", "ui", "regions")  # content folders without translatable text


def style_file(project: Project, lang: str) -> Path:
    return project.content_dir / "i18n" / f"{lang}-style.yml"


@dataclass
class Style:
    file: str  # as shown in messages
    register: str
    diacritics: bool
    avoid: dict[str, str] = field(default_factory=dict)  # form to avoid (lower case) → the form to use
    indonesian: dict[str, str] = field(default_factory=dict)  # Indonesian word (lower case) → what to write
    keep: list[str] = field(default_factory=list)  # phrases left in Indonesian on purpose


def load_style(project: Project, lang: str) -> tuple[Style | None, list[Problem]]:
    """The style sheet of `lang`, or None when it has none (or it is invalid: the problems say why)."""
    file = style_file(project, lang)
    if not file.is_file():
        return None, []
    doc, problems = load_document(file, project, STYLE_SCHEMA)
    if doc is None or problems:
        return None, problems
    shown = doc.path
    data = doc.data
    avoid = {}
    for term in data.get("glossary", []):
        for form in term.get("avoid", []):
            if form.lower() in avoid:
                line = doc.line("glossary")
                return None, [Problem(shown, line, "glossary", f"'{form}' is to be avoided twice; keep one entry")]
            avoid[form.lower()] = term["use"]
    indonesian = {str(word).lower(): use for word, use in (data.get("indonesian_only") or {}).items()}
    keep = sorted(data.get("keep_indonesian", []), key=len, reverse=True)  # longest first
    return Style(shown, data["register"], data["diacritics"], avoid, indonesian, keep), []


# --- checking one text ----------------------------------------------------------------------------

_SKIP = re.compile(
    r"\]\([^)]*\)"  # Markdown link targets
    r"|<[^>]+>"  # HTML tags and comments
    r"|\{[#.][^}]*\}"  # attribute lists {#anchor}
    r"|https?://\S+|\S+@\S+"  # addresses
    r"|`[^`]*`"  # code
)


def _words_pattern(words) -> re.Pattern | None:
    words = sorted(words, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.IGNORECASE)


def text_problems(style: Style, text: str) -> list[str]:
    """What breaks the style sheet in one text, one message per finding, in reading order."""
    text = _SKIP.sub(" ", text)
    for phrase in style.keep:
        text = re.sub(re.escape(phrase), " ", text, flags=re.IGNORECASE)
    found: list[tuple[int, str]] = []
    pattern = _words_pattern(style.avoid)
    for match in pattern.finditer(text) if pattern else ():
        use = style.avoid[match.group(1).lower()]
        found.append((match.start(), f"'{match.group(1)}' contradicts the glossary; write '{use}'"))
    pattern = _words_pattern(w for w in style.indonesian if w not in style.avoid)
    for match in pattern.finditer(text) if pattern else ():
        use = style.indonesian[match.group(1).lower()]
        found.append((match.start(), f"'{match.group(1)}' is Indonesian, not Javanese; write '{use}'"))
    if not style.diacritics:
        for match in re.finditer(rf"\w*[{DIACRITICS}]\w*", text):
            plain = re.sub(f"[{DIACRITICS}]", "e", match.group(0))
            found.append((match.start(), f"'{match.group(0)}': this style writes e without accents; write '{plain}'"))
    return [message for _, message in sorted(found)]


# --- every text in the language -------------------------------------------------------------------


def _yaml_texts(project: Project, lang: str, default: str):
    """(file, line, field, text) of every `lang` text in the content files and the interface strings."""
    for file in sorted(project.content_dir.rglob("*.y*ml")):
        parts = file.relative_to(project.content_dir).parts
        if parts[0] in SKIPPED_FOLDERS:
            continue
        doc, _ = yamlfile.load(file, project.rel(file))
        if doc is None:
            continue  # `kie check` reports it
        for path, langs in localized_fields(doc.data, list(project.codes), default):
            text = langs.get(lang)
            if isinstance(text, str):
                where = yamlfile.join(path, lang)
                yield doc.path, doc.line(where), where, text
    ui = project.content_dir / "ui" / f"{lang}.yml"
    if ui.is_file():
        doc, _ = yamlfile.load(ui, project.rel(ui))
        for key, text in (doc.data if doc and isinstance(doc.data, dict) else {}).items():
            if isinstance(text, str):
                yield doc.path, doc.line(str(key)), str(key), text


def _page_texts(project: Project, lang: str):
    """(file, line, '-', text) of every line of the hand-written pages in `lang` (generated ones come from YAML)."""
    generated = tuple(f"{folder}/" for folder in GENERATED_SECTIONS)
    for file in sorted(project.docs_dir.rglob(f"*.{lang}.md")):
        if file.relative_to(project.docs_dir).as_posix().startswith(generated):
            continue
        shown = project.rel(file)
        in_front_matter = False
        for number, line in enumerate(file.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            if line.strip() == "---" and (number == 1 or in_front_matter):
                in_front_matter = not in_front_matter
                continue
            if not in_front_matter and line.strip():
                yield shown, number, "-", line


def check_language(project: Project, lang: str, default: str) -> list[Problem]:
    """Warnings for every text of `lang` that breaks its style sheet; problems if the sheet is invalid."""
    style, problems = load_style(project, lang)
    if style is None:
        return problems
    found = []
    for file, line, where, text in [*_yaml_texts(project, lang, default), *_page_texts(project, lang)]:
        for message in text_problems(style, text):
            found.append(Problem(file, line, where, message, warning=True))
    return found
