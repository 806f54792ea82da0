"""Shared test helpers: temporary projects made from fixture folders, and one real site build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


def make_project(dest: Path, *overlays: Path) -> Path:
    """A validator-only project: the fixture's valid content, the real schemas, then each overlay on top."""
    shutil.copytree(FIXTURES / "valid", dest, dirs_exist_ok=True)
    shutil.copytree(REPO / "content" / "schema", dest / "content" / "schema", dirs_exist_ok=True)
    for overlay in overlays:
        shutil.copytree(overlay, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
    return dest


def copy_repo(dest: Path) -> Path:
    """A full copy of this project (content, docs, overrides, mkdocs.yml) that a test may break."""
    ignore = shutil.ignore_patterns(
        ".git", "site", ".site.*", ".venv", "__pycache__", "*.egg-info", ".pytest_cache", ".ruff_cache", "tests"
    )
    shutil.copytree(REPO, dest, ignore=ignore, dirs_exist_ok=True)
    return dest


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The repo's own content built once into a temporary folder (all languages)."""
    from kie.build import build_site
    from kie.project import load_project

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    root = copy_repo(tmp_path_factory.mktemp("repo"))
    out = root / "site"
    build_site(load_project(root), out)
    return out
