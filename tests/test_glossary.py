"""Glossary terms link to their definition the first time they appear in a page's text."""

from __future__ import annotations

import re
import shutil

from conftest import REPO
from kie.model.glossary import Glossary, Term, load_glossary
from kie.model.project import Language, Project
from kie.views.glossary_links import link_terms

GLOSSARY = Glossary("panduan/istilah", (Term("korban", {"id": ["korban"], "en": ["victim"]}),))


def test_first_mention_in_text_is_linked_once():
    html = "<h1>Korban</h1><p>Seorang korban dan korban lain.</p><ul><li>korban</li></ul>"
    out = link_terms(html, GLOSSARY, "id", "id", "modus/x.html", "")
    assert out.count("kie-term") == 1
    assert '<h1>Korban</h1><p>Seorang <a class="kie-term" href="../panduan/istilah.html#korban">korban</a>' in out


def test_links_code_and_sources_are_left_alone():
    html = '<p><a href="y.html">korban</a> <code>korban</code></p><h2 id="sumber">Sumber</h2><p>korban</p>'
    assert link_terms(html, GLOSSARY, "id", "id", "modus/x.html", "") == html


def test_other_languages_use_their_own_words_and_glossary_page():
    out = link_terms("<p>The victim.</p>", GLOSSARY, "en", "id", "en/hak/y.html", "en/")
    assert 'href="../panduan/istilah.html#korban">victim</a>' in out
    out = link_terms("<p>Sing dadi korban.</p>", GLOSSARY, "jv", "id", "jv/index.html", "jv/")
    assert 'href="panduan/istilah.html#korban">korban</a>' in out  # no Javanese words: Indonesian ones


def test_the_glossary_page_does_not_link_to_itself():
    html = "<p>korban</p>"
    assert link_terms(html, GLOSSARY, "id", "id", "panduan/istilah.html", "") == html


def test_an_anchor_missing_from_the_glossary_page_is_reported(tmp_path):
    (tmp_path / "docs" / "panduan").mkdir(parents=True)
    (tmp_path / "docs" / "panduan" / "istilah.md").write_text("### Korban {#korban}\n", encoding="utf-8")
    shutil.copytree(REPO / "content" / "schema", tmp_path / "content" / "schema")
    file = tmp_path / "content" / "glossary.yml"
    file.write_text(
        "page: panduan/istilah\nterms:\n  - anchor: korban\n    words: {id: [korban]}\n"
        "  - anchor: saksi\n    words: {id: [saksi]}\n",
        encoding="utf-8",
    )
    project = Project(tmp_path, (Language("id", "Bahasa Indonesia", True), Language("en", "English")))
    _, problems = load_glossary(file, project)
    assert [str(p) for p in problems] == [
        "content/glossary.yml:5: terms[1].anchor: docs/panduan/istilah.md has no heading with {#saksi}",
    ]
    file.write_text(file.read_text(encoding="utf-8").replace("{id: [saksi]}", "{id: [saksi], xx: [a]}"))
    _, problems = load_glossary(file, project)  # the schema first: a wrong language code, one line
    assert [str(p) for p in problems] == [
        "content/glossary.yml:6: terms[1].words.xx: unknown language code 'xx'; this site publishes: id, en"
    ]


def test_every_glossary_link_in_the_built_site_resolves(built_site):
    checked = 0
    for page in built_site.rglob("*.html"):
        for href in re.findall(r'class="kie-term" href="([^"]+)"', page.read_text(encoding="utf-8")):
            path, anchor = href.split("#")
            target = (page.parent / path).resolve()
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), (page, href)
            checked += 1
    assert checked > 100


def test_repository_glossary_covers_the_eleven_terms(repo_content):
    content, _ = repo_content
    assert len(content.glossary.terms) == 11
