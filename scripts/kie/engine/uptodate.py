"""Is a built site already made from exactly today's inputs? Then `kie build` has nothing to do.

A rebuild with nothing changed used to render all 370 pages again with MkDocs (7 s or more of CPU) only
to write the same files. Instead, after each build we remember a fingerprint of everything the site is
made from and of the site as written; when both still match, the site is left as it is.

What the site is made from: mkdocs.yml, content/, the hand-written part of docs/ (generated folders are
made from content/), overrides/, this package (code, templates, scripts), the installed packages and
their versions, the day (freshness notices and print dates depend on it) and the settings that change
the output. What was written: every file of the site with its size and modification time, so a site that
someone edited, deleted from or half-copied is built again.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ..model import clock, editions
from ..model.fingerprint import files_under, package_digest
from ..model.kinds import GENERATED_SECTIONS
from ..model.project import Project
from ..views.urls import HOST_FILES

SETTINGS = ("KIE_CSS_PURGE", "SOURCE_DATE_EPOCH")  # environment that changes what is built
STAMPS = "build-stamps.json"


def edition_folders(project: Project) -> tuple[str, ...]:
    """Regional editions built into site/<id>/ are builds of their own, not part of the national site's output."""
    return tuple(sorted(p.stem for p in (project.content_dir / editions.FOLDER).glob("*.yml")))


def sources_digest(project: Project) -> str:
    """The project's own files a site is made from, with the code: once per build, shared by all its sites."""
    digest = hashlib.sha256(package_digest().encode())
    files = [project.root / "mkdocs.yml", *files_under(project.content_dir), *files_under(project.root / "overrides")]
    for file in files + files_under(project.docs_dir, skip=GENERATED_SECTIONS):
        if file.is_file():
            digest.update(f"{file.relative_to(project.root)}\0".encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def inputs_fingerprint(project: Project, strict: bool, edition: str | None = None, sources: str | None = None) -> str:
    """`sources`: sources_digest(project), when the caller fingerprints several sites of one project."""
    settings = [f"{name}={os.environ.get(name, '')}" for name in SETTINGS]
    wanted = [clock.today().isoformat(), f"strict={strict}", f"edition={edition or ''}"]
    text = "\n".join([sources or sources_digest(project), *settings, *wanted])
    return hashlib.sha256(text.encode()).hexdigest()


def output_fingerprint(site: Path, skip: tuple[str, ...] = ()) -> str:
    digest = hashlib.sha256()
    for file in files_under(site, skip):
        stat = file.stat()
        digest.update(f"{file.relative_to(site).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _stamps_file(project: Project) -> Path:
    return project.cache_dir / STAMPS


def _read_stamps(project: Project) -> dict:
    try:
        stamps = json.loads(_stamps_file(project).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # no stamp, or a damaged one: build
    return stamps if isinstance(stamps, dict) else {}


def _not_output(project: Project) -> tuple[str, ...]:
    """Left out of what the site wrote: the editions built in its folders (builds of their own), and the web host's
    files, which an edition's build widens when it is built into the site's folder (kie.engine.publish)."""
    return (*edition_folders(project), *HOST_FILES)


def is_current(project: Project, site: Path, inputs: str) -> bool:
    stamp = _read_stamps(project).get(str(site.resolve()))
    output = output_fingerprint(site, _not_output(project))
    present = all((site / name).is_file() for name in HOST_FILES)  # deleted: built again, like any other file
    return bool(stamp) and site.is_dir() and present and stamp == {"inputs": inputs, "output": output}


def remember(project: Project, site: Path, inputs: str) -> None:
    """Best effort: without a stamp the next build simply runs in full."""
    stamps = _read_stamps(project)
    stamps[str(site.resolve())] = {"inputs": inputs, "output": output_fingerprint(site, _not_output(project))}
    try:
        _stamps_file(project).parent.mkdir(parents=True, exist_ok=True)
        _stamps_file(project).write_text(json.dumps(stamps, indent=1, sort_keys=True), encoding="utf-8")
    except OSError:
        pass
