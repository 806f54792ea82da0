"""Session plans for facilitators: content/sessions/*.yml → one printable page per plan and language."""

from __future__ import annotations

import shutil

import pytest
from conftest import FIXTURES, REPO, make_project
from kie.model.content import load_content
from kie.model.project import load_project
from kie.views.pages import plan_pages
from kie.views.render import render_entry, render_overview
from test_render import to_html

SESSION = FIXTURES / "invalid" / "session-plan" / "content" / "sessions" / "sesi-lain.yml"


@pytest.fixture
def content(tmp_path):
    """The valid fixture, the real interface strings, and one correct session plan."""
    root = make_project(tmp_path)
    shutil.copytree(REPO / "content" / "ui", root / "content" / "ui", dirs_exist_ok=True)
    (root / "content" / "ui" / "jv.yml").unlink(missing_ok=True)
    text = SESSION.read_text(encoding="utf-8")
    text = text.replace("duration_minutes: 45", "duration_minutes: 40").replace("modus-tidak-ada", "modus-contoh")
    text = text.replace(
        "  - minutes: 20\n    title:\n      id: Diskusi",
        "  - minutes: 20\n    title:\n      id: Diskusi\n      en: Discussion",
    )
    (root / "content" / "sessions").mkdir()
    (root / "content" / "sessions" / "sesi-lain.yml").write_text(text, encoding="utf-8")
    content, problems = load_content(load_project(root))
    assert problems == []
    return content


def test_session_page_shows_plan_with_running_times_and_handout_links(content):
    html = to_html(render_entry(content, content.sessions["sesi-lain"], "id"))
    assert "<h1>Sesi contoh</h1>" in html
    assert "Peserta" in html and "40 menit" in html
    assert "1. Pembuka (menit 0–20)" in html
    assert "2. Diskusi (menit 20–40)" in html  # the second step starts where the first ended
    assert '<a href="../modus/modus-contoh.md">' in html  # handout: the modus page to print
    assert "Panduan Pencegahan dan Penanganan TPPO" in html  # sources


def test_session_page_in_english_uses_translations_and_marks_fallbacks(content):
    html = to_html(render_entry(content, content.sessions["sesi-lain"], "en"))
    assert "2. Discussion (minute 20–40)" in html
    assert '<span lang="id">Pembuka</span>' in html
    assert "kie-untranslated" in html


def test_sessions_get_an_overview_and_pages_in_their_own_folder(content):
    assert "[Sesi contoh](sesi-lain.md)" in render_overview(content, "sessions", "id")
    pages = plan_pages(content)
    assert {"sesi/index.md", "sesi/sesi-lain.md", "sesi/sesi-lain.en.md"} <= set(pages)
