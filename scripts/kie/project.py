"""Where the project lives and which languages it publishes (read from mkdocs.yml)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


class ProjectError(Exception):
    """The project itself (not one content file) is set up wrongly."""


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold tags like !!python/name:...; we only need plain settings."""


def _ignore_tag(loader, suffix, node):
    return None


_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)
_TolerantLoader.add_multi_constructor("!", _ignore_tag)


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    default: bool = False


@dataclass(frozen=True)
class Project:
    root: Path
    languages: tuple[Language, ...]

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def codes(self) -> list[str]:
        return [lang.code for lang in self.languages]

    @property
    def default_code(self) -> str:
        return next(lang.code for lang in self.languages if lang.default)

    def rel(self, path: Path) -> str:
        """Path as shown to editors: relative to the project root, with forward slashes."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def find_root(start: Path | None = None) -> Path:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "content").is_dir():
            return folder
    raise ProjectError(f"no project found in {here} or above (looked for mkdocs.yml next to a content/ folder)")


def languages_from_mkdocs(config: dict) -> tuple[Language, ...]:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            entries = (plugin["i18n"] or {}).get("languages") or []
            langs = tuple(
                Language(e["locale"], e.get("name", e["locale"]), bool(e.get("default")))
                for e in entries
                if e.get("build", True) and e.get("locale") != "null"
            )
            if sum(lang.default for lang in langs) != 1:
                raise ProjectError("mkdocs.yml: the i18n plugin must mark exactly one language 'default: true'")
            return langs
    raise ProjectError("mkdocs.yml: the i18n plugin with its 'languages' list is missing")


def load_project(root: Path | None = None) -> Project:
    root = find_root(root)
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8-sig"), Loader=_TolerantLoader)
    except yaml.YAMLError as err:
        raise ProjectError(f"mkdocs.yml: cannot be read: {err}") from None
    return Project(root, languages_from_mkdocs(config or {}))
