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

from ..model.content import require_valid
from ..model.editions import for_edition
from ..model.problems import BuildError, ContentError, Problem, describe_os_error
from ..model.project import Project, ProjectError, address_problems, require_site_url
from ..offline.packs import make_bundle, make_offline, make_web_manifest
from ..print.booklet import make_booklets
from ..print.handouts import export_handouts
from ..print.media import export_media
from .assets import prune_unused_assets
from .csp import secure_site
from .css_purge import make_stylesheet
from .editions import mkdocs_overrides
from .page_html import read_built_page, take_search_entries
from .publish import cover_editions, write_host_files
from .uptodate import inputs_fingerprint, is_current, remember, sources_digest


def print_handouts(project: Project, content, site: Path) -> dict:
    """Handouts of every page, read out of Material's pages by the engine (the print step knows no theme)."""
    return export_handouts(project, content, site, read_built_page)


def secure_pages(project: Project, content, site: Path) -> None:
    """The content security policy in every page, and the web host's files with what the pages need together."""
    write_host_files(site, secure_site(project, content, site))


def make_offline_copy(project: Project, content, site: Path) -> None:
    """Search indexes, offline packs and service worker, from what MkDocs' search plugin indexed."""
    make_offline(project, content, site, take_search_entries(site))


# Steps that add to a freshly built site before it is swapped in: f(project, content, site_dir).
# Each must be deterministic and write only inside site_dir. The stylesheet and the policy change pages, so
# they come before unused theme files are pruned (after the web manifest, which names the icons) and before
# the offline copy is listed and packed; the bundle zips everything, so it comes last.
POST_BUILD_STEPS = [
    make_web_manifest,
    make_stylesheet,  # also strips comments and spacing (kie.css keeps its comments for editors)
    secure_pages,
    prune_unused_assets,
    print_handouts,
    export_media,  # images and posters of every modus and province, and a zip per language (not in the packs)
    make_booklets,  # a regional edition's A5 booklet, from its handouts (nothing for the national site)
    make_offline_copy,
    make_bundle,
]


def build_site(project: Project, out: Path, strict: bool = False, edition: str | None = None) -> list[Problem]:
    """Build everything into `out`. Raises ContentError/BuildError and leaves `out` untouched on failure.

    `edition`: the id of a regional edition (content/editions/) to build instead of the national site.
    """
    national_url = require_site_url(project)  # handouts print the public address: stop now, not after building
    content, warnings = require_valid(project)  # stop before anything is written
    if edition is not None:
        project, content = for_edition(project, content, edition, national_url)
    return build_validated(project, content, out, _stop_if_strict(warnings + address_problems(project), strict))


def _stop_if_strict(warnings: list[Problem], strict: bool) -> list[Problem]:
    """With --strict, every warning stops the build before anything is written: stale services, and the site's
    address while it is still an example one (an edition's own, or the national one), all listed at once."""
    if strict and warnings:
        raise ContentError(warnings)
    return warnings


def build_all_editions(
    project: Project, out: Path, strict: bool = False, force: bool = False
) -> tuple[list[Problem], list[str], list[str]]:
    """The national site into `out`, then every regional edition into `out/<edition>/`.

    Returns (warnings, the sites built, the sites left as they were): "national" or an edition's id.

    Content is loaded and checked once; the handout, booklet and page caches (.cache/) are shared, so a page
    that prints or renders the same in an edition is not done again. A site whose inputs did not change since
    it was built is left as it is (kie.engine.uptodate), unless `force`. The national site first: its swap
    replaces `out`.
    """
    national_url = require_site_url(project)
    content, warnings = require_valid(project)
    warnings = _stop_if_strict(warnings + address_problems(project), strict)
    built, unchanged, sources = [], [], sources_digest(project)  # content and code read once for all sites
    for edition in [None, *sorted(content.editions)]:
        target = out if edition is None else out / edition
        if edition is not None:  # said whether or not it is built again: it is what its handouts print
            site_project, site_content = for_edition(project, content, edition, national_url)
            if site_project.site_url != national_url + edition + "/":  # its own address: say if it is an example
                warnings += _stop_if_strict(address_problems(site_project), strict)
        inputs = inputs_fingerprint(project, strict, edition, sources)
        if not force and is_current(project, target, inputs):
            unchanged.append(edition or "national")
            continue
        if edition is None:
            build_validated(project, content, target, warnings)
        else:
            build_validated(site_project, site_content, target, [])
        remember(project, target, inputs)
        built.append(edition or "national")
    return warnings, built, unchanged


def build_validated(project: Project, content, out: Path, warnings: list[Problem]) -> list[Problem]:
    """Build already validated content (national, or one edition's view of it) into `out`."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(out)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    except OSError as err:
        raise BuildError(describe_os_error(err)) from None
    try:
        run_mkdocs(project, staging, content, mkdocs_overrides(project, content))
        for step in POST_BUILD_STEPS:
            step(project, content, staging)
        if content.edition is None:
            carry_over_editions(out, staging, content.editions)
            cover_editions(staging, content.editions)
        swap_into_place(staging, out)
        if content.edition is not None and out.name == content.edition.id:
            cover_editions(out.parent, [out.name])  # published in a folder of the national site: its files cover it
    except OSError as err:  # a full disk or a missing permission halfway: the old site is still in place
        raise BuildError(describe_os_error(err)) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return warnings


def build_if_changed(
    project: Project, out: Path, strict: bool = False, force: bool = False, edition: str | None = None
) -> tuple[list[Problem], bool]:
    """(warnings, built): content is always checked; the site (or the edition) is built only if something it is
    made from changed since the build that wrote `out` (kie.engine.uptodate), or when `force` is set."""
    inputs = inputs_fingerprint(project, strict, edition)
    if not force and is_current(project, out, inputs):
        content, warnings = require_valid(project)
        if edition is not None:  # the address the edition's handouts print, not the national one
            project = for_edition(project, content, edition, require_site_url(project))[0]
        return _stop_if_strict(warnings + address_problems(project), strict), False
    warnings = build_site(project, out, strict=strict, edition=edition)
    remember(project, out, inputs)
    return warnings, True


def carry_over_editions(out: Path, staging: Path, editions) -> None:
    """A regional edition built into site/<id>/ is its own build: a national rebuild of site/ keeps it."""
    for edition in editions:
        if (out / edition).is_dir() and not (staging / edition).exists():
            (out / edition).rename(staging / edition)


def remove_leftovers(out: Path) -> None:
    """Staging folders of a build that was killed halfway (each as big as a site): nobody else will remove them."""
    for folder in out.parent.glob(f".{out.name}.new-*"):
        shutil.rmtree(folder, ignore_errors=True)
    for folder in out.parent.glob(f".{out.name}.old-*"):
        shutil.rmtree(folder, ignore_errors=True)


def _show_mkdocs_warnings() -> None:
    """MkDocs' warnings are the reasons a strict build stops: print them, once."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "kie", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.kie = True
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        logger.addHandler(handler)


def run_mkdocs(project: Project, site_dir: Path, content=None, overrides: dict | None = None) -> None:
    """`content`: already validated by the caller, so the kie plugin does not load and check it again.
    `overrides`: settings that replace mkdocs.yml's (a regional edition's languages, title and address)."""
    _show_mkdocs_warnings()
    try:
        config = load_config(str(project.root / "mkdocs.yml"), site_dir=str(site_dir), **(overrides or {}))
        if content is not None and "kie" in config.plugins:
            config.plugins["kie"].validated = content
        try:
            mkdocs_build(config)
        finally:
            if "kie" in config.plugins:
                config.plugins["kie"].finish()
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
