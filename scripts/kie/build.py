"""`kie build`: validate, build the whole site elsewhere, then swap it into place.

A failed build never leaves a half-written site: the previous site stays until the new one is complete.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from .content import require_valid
from .problems import ContentError, Problem
from .project import Project, ProjectError, require_site_url


class BuildError(Exception):
    """MkDocs refused to build (e.g. a broken link in a hand-written page under --strict)."""


def post_build_steps() -> list:
    """Steps that add to a freshly built site before it is swapped in: f(project, content, site_dir).

    Each must be deterministic and write only inside site_dir.
    """
    from .handouts import export_handouts
    from .minify import minify_site
    from .offline import make_bundle, make_offline

    # the stylesheet is minified before anything copies it; the bundle zips everything, so it comes last
    return [minify_site, export_handouts, make_offline, make_bundle]


def build_site(project: Project, out: Path, strict: bool = False) -> list[Problem]:
    """Build everything into `out`. Raises ContentError/BuildError and leaves `out` untouched on failure."""
    content, warnings = require_valid(project, strict=strict)  # stop before anything is written
    require_site_url(project)  # handouts print the public address: stop now, not after building
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        run_mkdocs(project, staging)
        for step in post_build_steps():
            step(project, content, staging)
        swap_into_place(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return warnings


def _show_mkdocs_warnings() -> None:
    """MkDocs' warnings are the reasons a strict build stops: print them, once."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "kie", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.kie = True
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        logger.addHandler(handler)


def run_mkdocs(project: Project, site_dir: Path) -> None:
    _show_mkdocs_warnings()
    try:
        config = load_config(str(project.root / "mkdocs.yml"), site_dir=str(site_dir))
        mkdocs_build(config)
    except PluginError as err:
        if isinstance(err.__cause__ or err.__context__, ContentError):
            raise err.__cause__ or err.__context__ from None
        raise BuildError(str(err)) from None
    except (Abort, ConfigurationError) as err:
        raise BuildError(f"mkdocs build failed: {err}") from None


def swap_into_place(new: Path, out: Path) -> None:
    """Replace `out` with `new` using renames on the same disk, so readers never see a partial site."""
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        old.rmdir()
        out.rename(old)
    try:
        new.rename(out)
    except OSError:
        if old is not None:
            old.rename(out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


__all__ = ["BuildError", "ProjectError", "build_site"]
