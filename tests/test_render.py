"""Rendering is pure: content records in, Markdown out, one language at a time."""

from __future__ import annotations

import markdown
import pytest
from conftest import make_project
from kie.model.content import load_content
from kie.model.project import load_project
from kie.views.render import render_entry, render_hotlines, render_overview
from kie.views.text import Language, escape_md


@pytest.fixture
def content(tmp_path):
    content, problems = load_content(load_project(make_project(tmp_path)))
    assert problems == []
    return content


def to_html(md: str) -> str:
    body = md.split("---\n", 2)[2]
    return markdown.markdown(body, extensions=["md_in_html", "attr_list", "admonition"])


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "*not bold* and _not italic_",
        "[link](javascript:alert(1))",
        "# not a heading",
        "1. not a list",
        "??? not a details block",
        "a & b < c",
        "back\\slash",
    ],
)
def test_escape_md_renders_the_exact_text(text):
    html = markdown.markdown(escape_md(text))
    assert html.startswith("<p>") and "<script" not in html and "<a " not in html and "<em>" not in html
    assert html.count("<p>") == 1
    import re
    from html import unescape

    assert unescape(re.sub(r"<[^>]+>", "", html)) == text


def test_translation_is_used_when_present(content):
    page = render_entry(content, content.modus["modus-contoh"], "en")
    assert "# Example pattern" in page
    assert "title: Example pattern" in page


def test_missing_translation_falls_back_visibly_with_lang_id(content):
    page = render_entry(content, content.modus["modus-contoh"], "en")
    html = to_html(page)
    assert '<span lang="id">Gaji terlalu tinggi.</span>' in html  # no English warning sign: Indonesian, marked
    assert 'class="kie-notice kie-status kie-untranslated"' in html
    assert 'lang="id"' in html.split("kie-untranslated")[1].split("</div>")[0]  # en.yml lacks the notice text


def test_complete_default_language_has_no_fallback_notice(content):
    page = render_entry(content, content.modus["modus-contoh"], "id")
    assert "kie-untranslated" not in page and 'lang="id"' not in page


def test_script_in_a_title_is_shown_as_text(content):
    entry = content.modus["modus-contoh"]
    entry.data["title"] = {"id": "<script>alert(1)</script>"}
    page = render_entry(content, entry, "id")
    assert "<script" not in page
    assert "title: '&lt;script&gt;alert(1)&lt;/script&gt;'" in page  # Material prints meta titles unescaped


def test_modus_page_links_rights_laws_and_contacts(content):
    html = to_html(render_entry(content, content.modus["modus-contoh"], "id"))
    assert 'href="../hak/hak-contoh.md"' in html
    assert 'href="../hukum/uu-contoh.md"' in html
    assert 'href="tel:129"' in html and 'href="https://wa.me/628111129129"' in html
    assert 'class="kie-story"' in html


def test_law_page_lists_articles_and_the_rights_that_use_it(content):
    html = to_html(render_entry(content, content.laws["uu-contoh"], "id"))
    assert 'id="pasal-44"' in html
    assert 'href="../hak/hak-contoh.md"' in html
    assert 'href="../modus/modus-contoh.md"' in html


def test_unverified_sources_are_marked(content):
    entry = content.modus["modus-contoh"]
    entry.data["sources"][0]["confidence"] = "M"
    page = render_entry(content, entry, "id")
    assert 'class="kie-verify"' in page and "kie-unverified" in page


@pytest.mark.parametrize("kind", ["modus", "rights", "laws", "services"])
def test_every_kind_has_an_overview_in_every_language(content, kind):
    for lang in content.languages:
        html = to_html(render_overview(content, kind, lang))
        entry_id = next(iter(content.of(kind)))
        assert f'href="{entry_id}.md"' in html or f'href="../layanan/{entry_id}.md"' in html


def test_hotlines_box_links_relative_to_the_page(content):
    assert "](layanan/layanan-contoh.md)" in render_hotlines(content, "id", "")
    assert "](../../layanan/layanan-contoh.md)" in render_hotlines(content, "id", "../../")


def test_ui_string_falls_back_to_default_language():
    L = Language("jv", "id", {"id": {"sources": "Sumber"}, "jv": {}})
    assert str(L.ui("sources")) == '<span lang="id">Sumber</span>' and L.fell_back


def test_an_official_title_kept_in_indonesian_is_marked_indonesian_but_is_no_fallback():
    """A law's official title stays Indonesian in Javanese: screen readers and hyphenation must know."""
    L = Language("jv", "id", {"id": {}, "jv": {}})
    title = {"id": "Pemberantasan Tindak Pidana", "jv": "Pemberantasan Tindak Pidana"}
    assert str(L.official(title)) == '<span lang="id">Pemberantasan Tindak Pidana</span>' and not L.fell_back
    assert str(L.official({"id": "Konvensi", "jv": "Konvensi basa Jawa"})) == "Konvensi basa Jawa"
    assert str(L.official({"id": "Konvensi"})) == '<span lang="id">Konvensi</span>' and L.fell_back
    assert str(Language("id", "id", {}).official(title)) == "Pemberantasan Tindak Pidana"
