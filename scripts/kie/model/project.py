"""Where the project lives and which languages it publishes (read from mkdocs.yml)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .problems import Problem


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
    site_url: str | None = None  # the public address, from mkdocs.yml; handouts print it as a QR code

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def cache_dir(self) -> Path:
        """Where builds keep what they can reuse (PDFs, the stylesheet, build stamps); tests share one."""
        return Path(os.environ.get("KIE_CACHE_DIR") or self.root / ".cache")

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


def read_mkdocs(root: Path) -> dict:
    """mkdocs.yml's plain settings (python tags dropped)."""
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8-sig"), Loader=_TolerantLoader)
    except yaml.YAMLError as err:
        raise ProjectError(f"mkdocs.yml: cannot be read: {err}") from None
    return config if isinstance(config, dict) else {}


def load_project(root: Path | None = None) -> Project:
    root = find_root(root)
    config = read_mkdocs(root)
    return Project(root, languages_from_mkdocs(config), config.get("site_url"))


def require_site_url(project: Project) -> str:
    """The site's public address, ending in '/'. Handouts and their QR codes need it, so the build does too."""
    url, where = project.site_url, "mkdocs.yml: site_url"
    if not url or not isinstance(url, str) or not url.strip():
        raise ProjectError(f"{where} is missing; set it to the address where the site is published (https://...)")
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in url or parts.query or parts.fragment:
        raise ProjectError(f"{where}: '{url}' is not a web address; write it like https://example.org/ (no spaces)")
    return url.rstrip("/") + "/"


# Addresses reserved for examples (RFC 2606): a site published there cannot exist. mkdocs.yml ships one until a
# task force sets its own, and nothing may print it into a QR code or a share link.
PLACEHOLDER_HOSTS = (".example", "example.com", "example.org", "example.net")


def is_placeholder_address(url: str | None) -> bool:
    host = (urlsplit(url or "").hostname or "").lower()
    return any(host == h.lstrip(".") or host.endswith(h if h.startswith(".") else "." + h) for h in PLACEHOLDER_HOSTS)


def address_problems(project: Project, url: str | None = None) -> list[Problem]:
    """One warning while the site's address (`url`, by default site_url) is still an example: QR codes and share
    links would lead nowhere, so handouts print none and share links carry no address. `--strict` fails on it."""
    url = url or project.site_url
    if not is_placeholder_address(url):
        return []
    config = project.root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8-sig").splitlines() if config.is_file() else []
    line = next((i for i, text in enumerate(lines, 1) if text.startswith("site_url:")), 0)
    message = (
        f"'{url}' is still the example address: handouts get no QR code and share links no address until you set "
        "site_url to the address where the site is published (https://...)"
    )
    return [Problem("mkdocs.yml", line, "site_url", message, warning=True)]


def write_cache_file(path: Path, data: bytes | str) -> None:
    """Write a file of the cache whole or not at all: builds that share a cache (the national site and an
    edition built at the same time, print workers, test runs) must never read half a file. A `*.tmp` left by
    a killed build is never read (the handout cache sweeps its own)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    if isinstance(data, str):
        temporary.write_text(data, encoding="utf-8")
    else:
        temporary.write_bytes(data)
    temporary.replace(path)
