"""Generated pages are real files, rewritten only when they change; stale ones are removed."""

from __future__ import annotations

from kie.model.kinds import GENERATED_MARK
from kie.views.pages import write_pages
from kie.views.urls import docs_file as page_path


def test_paths_use_a_language_suffix_except_for_the_default():
    assert page_path("modus", "x", "id", "id") == "modus/x.md"
    assert page_path("modus", "x", "jv", "id") == "modus/x.jv.md"


def test_unchanged_pages_are_not_rewritten(tmp_path):
    pages = {"modus/a.md": GENERATED_MARK + "\nA", "modus/b.md": GENERATED_MARK + "\nB"}
    assert write_pages(tmp_path, pages) == (2, 0)
    before = (tmp_path / "modus/a.md").stat().st_mtime_ns
    pages["modus/b.md"] += " changed"
    assert write_pages(tmp_path, pages) == (1, 0)
    assert (tmp_path / "modus/a.md").stat().st_mtime_ns == before


def test_stale_generated_pages_are_removed_but_hand_written_ones_stay(tmp_path):
    write_pages(tmp_path, {"modus/a.md": GENERATED_MARK, "modus/old.md": GENERATED_MARK})
    (tmp_path / "modus/notes.md").write_text("# Written by hand\n", encoding="utf-8")
    assert write_pages(tmp_path, {"modus/a.md": GENERATED_MARK}) == (0, 1)
    assert not (tmp_path / "modus/old.md").exists()
    assert (tmp_path / "modus/notes.md").exists()
