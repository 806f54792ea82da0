"""`kie i18n new LANG`: everything a new language needs, so that translating is all that is left.

mkdocs.yml is edited as text (one block inserted after the last language) so its comments survive.
"""

from __future__ import annotations

from pathlib import Path

import material
import yaml

from ..model.project import Project, ProjectError, _TolerantLoader, languages_from_mkdocs
from ..model.translation_records import HEADER, records_file

# Names of languages people may add, as their speakers write them. Others need --name.
KNOWN_NAMES = {"su": "Basa Sunda", "jv": "Basa Jawa", "ms": "Bahasa Melayu", "en": "English"}
# mkdocs-static-i18n accepts ISO 639-1 codes (two letters) only; these are all of them.
ISO_639_1 = set(
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee "
    "el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is "
    "it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms "
    "mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk "
    "sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi "
    "yo za zh zu".split()
)


def material_languages_dir() -> Path:
    return Path(material.__file__).parent / "templates" / "partials" / "languages"


def check_new_language(project: Project, code: str, name: str | None) -> str:
    """The language's name, or ProjectError saying why it cannot be added."""
    if code not in ISO_639_1:
        raise ProjectError(
            f"'{code}' is not a language code: use the two lower-case letters of ISO 639-1, e.g. 'su' for "
            "Basa Sunda (the i18n plugin accepts no other form; Balinese or Madurese have no such code yet)"
        )
    if code in project.codes:
        raise ProjectError(f"'{code}' is already a language of this site (mkdocs.yml); nothing was changed")
    name = (name or KNOWN_NAMES.get(code, "")).strip()
    if not name:
        raise ProjectError(f'give the name of the language as its speakers write it: kie i18n new {code} --name "…"')
    return name


def _find(mapping: yaml.MappingNode, key: str):
    for key_node, value_node in mapping.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value_node
    return None


def _languages_node(root: yaml.Node) -> yaml.SequenceNode:
    plugins = _find(root, "plugins") if isinstance(root, yaml.MappingNode) else None
    for plugin in getattr(plugins, "value", []):
        config = _find(plugin, "i18n") if isinstance(plugin, yaml.MappingNode) else None
        languages = _find(config, "languages") if isinstance(config, yaml.MappingNode) else None
        if isinstance(languages, yaml.SequenceNode) and languages.value and not languages.flow_style:
            return languages
    raise ProjectError("mkdocs.yml: cannot find the i18n plugin's 'languages:' list (one '- locale:' per line)")


def _end_line(node: yaml.Node) -> int:
    """Index of the first line after a block node (inline comments stay with their line)."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value and not node.flow_style:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    mark = node.end_mark
    return mark.line if mark.column == 0 else mark.line + 1


def nav_titles(root: yaml.Node) -> list[str]:
    """Every title in mkdocs.yml's nav, sections included, in order."""
    titles: list[str] = []

    def walk(node):
        for item in getattr(node, "value", []):
            if isinstance(item, yaml.MappingNode):
                for key_node, value_node in item.value:
                    if key_node.value not in titles:
                        titles.append(key_node.value)
                    walk(value_node if isinstance(value_node, yaml.SequenceNode) else None)

    nav = _find(root, "nav") if isinstance(root, yaml.MappingNode) else None
    walk(nav)
    return titles


def add_to_mkdocs(text: str, code: str, name: str) -> str:
    """mkdocs.yml with the new language appended to the i18n plugin's languages, everything else unchanged."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        raise ProjectError(f"mkdocs.yml: cannot be read: {err}") from None
    languages = _languages_node(root)
    lines = text.splitlines(keepends=True)
    first = languages.value[0].start_mark
    indent = len(lines[first.line]) - len(lines[first.line].lstrip())  # where the '- ' of each language starts
    entry = {"locale": code, "name": name, "build": True}
    titles = nav_titles(root)
    if titles:
        entry["nav_translations"] = {title: title for title in titles}
    block = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000)
    block = block.replace("nav_translations:", "nav_translations:  # menu titles: translate the right-hand side", 1)
    pad = " " * indent
    block = "".join(pad + line for line in block.splitlines(keepends=True))
    at = _end_line(languages)
    if at > 0 and not lines[at - 1].endswith("\n"):
        lines[at - 1] += "\n"
    return "".join(lines[:at]) + block + "".join(lines[at:])


def material_strings(code: str) -> str:
    """Material's English interface texts, to be translated, as a partials/languages/<code>.html override."""
    english = (material_languages_dir() / "en.html").read_text(encoding="utf-8")
    body = english[english.index("{% macro") :]
    body = body.replace('"language": "en"', f'"language": "{code}"', 1)
    # English stemming and stop words would garble the search index of another language (as for jv.html)
    body = body.replace('"stopWordFilter"', '" "')
    header = (
        "{#-\n"
        f"  Interface texts of the theme for {code}, created by `kie i18n new {code}`. Material has none for\n"
        "  this language: every value below is still ENGLISH. Translate the right-hand side of each line.\n"
        "  Keys you delete fall back to English. Awaiting review by a native speaker.\n"
        "-#}\n"
    )
    return header + body


def ui_strings(code: str, name: str, default_ui: Path) -> str:
    """content/ui/<code>.yml: the language's name, awaiting review, and every key still to translate."""
    lines = [
        f"# Interface texts of the generated pages in {name}, created by `kie i18n new {code}`.",
        "# To translate a text: remove the '# ' in front of its line and replace the Indonesian with your words.",
        "# Texts left commented out are shown in Indonesian. Remove 'awaiting_review' once a native speaker",
        "# has checked every text.",
        f"language_name: {yaml.safe_dump(name, allow_unicode=True).splitlines()[0]}",
        "awaiting_review: true",
    ]
    for line in default_ui.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith(("#", "language_name:", "awaiting_review:")):
            lines.append(f"# {line}")
    return "\n".join(lines) + "\n"


def new_language(project: Project, code: str, name: str | None = None) -> list[tuple[str, str]]:
    """Scaffold a language. Returns (file, what happened) for each file; mkdocs.yml is changed last."""
    name = check_new_language(project, code, name)
    mkdocs_file = project.root / "mkdocs.yml"
    new_mkdocs = add_to_mkdocs(mkdocs_file.read_text(encoding="utf-8"), code, name)
    if code not in [lang.code for lang in languages_from_mkdocs(yaml.load(new_mkdocs, Loader=_TolerantLoader))]:
        raise ProjectError(f"mkdocs.yml: cannot add '{code}' to the i18n languages by itself; add it by hand")
    files = [
        (
            project.content_dir / "ui" / f"{code}.yml",
            lambda: ui_strings(code, name, project.content_dir / "ui" / "id.yml"),
        ),
        (records_file(project, code), lambda: HEADER.format(name=name, lang=code)),
    ]
    if not (material_languages_dir() / f"{code}.html").is_file():
        files.append(
            (project.root / "overrides" / "partials" / "languages" / f"{code}.html", lambda: material_strings(code))
        )
    done = []
    for file, make in files:
        if file.exists():
            done.append((project.rel(file), "kept (it already exists)"))
            continue
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(make(), encoding="utf-8")
        done.append((project.rel(file), "created"))
    mkdocs_file.write_text(new_mkdocs, encoding="utf-8")
    done.append(("mkdocs.yml", f"{name} added to the i18n plugin's languages, with menu titles to translate"))
    return done
