"""Page bodies kept between builds (kie.engine.render_cache): the same site, less work, nothing stale."""

from __future__ import annotations

import os
from pathlib import Path
from unittest import mock

import pytest
from conftest import copy_repo
from kie.engine.build import run_mkdocs
from kie.model.problems import BuildError
from kie.model.project import load_project

pytestmark = pytest.mark.site  # real MkDocs builds


def _pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


def _entries(cache: Path) -> set[str]:
    return {p.name for p in (cache / "pages").glob("*/*.json")}


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    """The repository built once with MkDocs into an empty cache of its own."""
    root = copy_repo(tmp_path_factory.mktemp("render-cache"))
    cache = root / ".cache-of-this-test"
    with mock.patch.dict(os.environ, {"KIE_CACHE_DIR": str(cache)}):
        run_mkdocs(load_project(root), root / "site-1")
    return root, cache


def test_a_second_build_converts_nothing_again_and_writes_the_same_pages(first_build):
    root, cache = first_build
    before = _entries(cache)
    assert len(before) > 300  # every page of every language was kept
    with mock.patch.dict(os.environ, {"KIE_CACHE_DIR": str(cache)}):
        run_mkdocs(load_project(root), root / "site-2")
    assert _entries(cache) == before  # all found: nothing converted, nothing new kept
    first, second = _pages(root / "site-1"), _pages(root / "site-2")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_a_changed_entry_is_converted_again_and_the_rest_comes_from_the_cache(first_build):
    root, cache = first_build
    before = _entries(cache)
    right = root / "content" / "rights" / "hak-pemulangan.yml"
    right.write_text(
        right.read_text(encoding="utf-8").replace(
            "summary:\n  id: >-\n    ", "summary:\n  id: >-\n    Kalimat uji baru. ", 1
        ),
        encoding="utf-8",
    )
    with mock.patch.dict(os.environ, {"KIE_CACHE_DIR": str(cache)}):
        run_mkdocs(load_project(root), root / "site-3")
    page = (root / "site-3" / "hak" / "hak-pemulangan.html").read_text(encoding="utf-8")
    assert "Kalimat uji baru." in page
    new = _entries(cache) - before
    assert 0 < len(new) <= 12  # the right's pages (its translations now say the Indonesian changed), its lists


def test_a_broken_link_fails_a_strict_build_every_time_not_only_the_first(first_build, tmp_path):
    root, cache = first_build
    page = root / "docs" / "cek-perekrut.md"
    before = page.read_text(encoding="utf-8")
    page.write_text("# Cek\n\n[Hilang](tidak-ada.md)\n", encoding="utf-8")
    try:
        with mock.patch.dict(os.environ, {"KIE_CACHE_DIR": str(cache)}):
            for attempt in (1, 2):
                with pytest.raises(BuildError):
                    run_mkdocs(load_project(root), tmp_path / f"site-{attempt}")
    finally:
        page.write_text(before, encoding="utf-8")
