"""`kie i18n new`: one command adds a language; the site then builds with it, in Indonesian until translated."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import REPO, copy_repo, make_project
from kie.cli import main
from kie.engine.build import run_mkdocs
from kie.engine.new_language import add_to_mkdocs
from kie.model.content import require_valid
from kie.model.project import ProjectError, load_project
from kie.model.translations import MISSING, PARTIAL, STALE


def test_the_language_is_added_to_mkdocs_yml_and_nothing_else_changes():
    before = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    after = add_to_mkdocs(before, "su", "Basa Sunda")
    added = after.splitlines()
    for line in before.splitlines():  # every original line, comments included, is still there in order
        added.remove(line)
    assert added[0].strip() == "- locale: su"
    config = yaml.safe_load(re.sub(r"!!python\S*", "", after))
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    su = i18n["languages"][-1]
    assert (su["locale"], su["name"], su["build"]) == ("su", "Basa Sunda", True)
    titles = [next(iter(item)) for item in config["nav"]]
    assert su["nav_translations"] == {title: title for title in titles}  # keys copied, still untranslated
    assert [lang["locale"] for lang in i18n["languages"]][:3] == ["id", "en", "jv"]


def test_a_flow_style_language_list_gets_a_block_entry_that_reads_back():
    text = "plugins:\n  - i18n:\n      languages:\n        - {locale: id, default: true}  # source\n"
    text += "nav:\n  - Beranda: index.md\n"
    config = yaml.safe_load(add_to_mkdocs(text, "su", "Basa Sunda"))
    assert config["plugins"][0]["i18n"]["languages"][1]["nav_translations"] == {"Beranda": "Beranda"}


@pytest.mark.parametrize(
    "code, message",
    [("jv", "already a language of this site"), ("xx", "is not a language code"), ("SU", "is not a language code")],
)
def test_existing_or_invalid_codes_are_refused_and_nothing_is_written(tmp_path, code, message, capsys):
    root = make_project(tmp_path)
    before = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert main(["--root", str(root), "i18n", "new", code]) == 2
    assert message in capsys.readouterr().err
    assert (root / "mkdocs.yml").read_text(encoding="utf-8") == before
    assert not (root / "content" / "ui" / f"{code}.yml").exists() or code == "jv"


@pytest.fixture(scope="module")
def sundanese(tmp_path_factory):
    """The real project with `kie i18n new su`, English marked, two Indonesian texts changed, then built."""
    root = copy_repo(tmp_path_factory.mktemp("repo"))
    assert main(["--root", str(root), "i18n", "new", "su"]) == 0
    assert main(["--root", str(root), "i18n", "mark", "en", "--all"]) == 0
    entry = root / "content" / "modus" / "jeratan-utang.yml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("Jeratan utang artinya", "Jeratan utang berarti"))
    page = root / "docs" / "panduan" / "prinsip.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSatu kalimat baru.\n", encoding="utf-8")
    project = load_project(root)
    content, _ = require_valid(project)
    assert re.search(r"^strict: true", (root / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    run_mkdocs(project, root / "site")  # strict, so any MkDocs warning (a broken link, a missing file) fails it
    return root, content


def test_scaffold_writes_every_file_a_language_needs(sundanese):
    root, content = sundanese
    assert "su" in load_project(root).codes
    assert "awaiting_review: true" in (root / "content" / "ui" / "su.yml").read_text(encoding="utf-8")
    assert "su" in content.awaiting_review
    material = (root / "overrides" / "partials" / "languages" / "su.html").read_text(encoding="utf-8")
    assert '"language": "su"' in material and "still ENGLISH" in material
    assert (root / "content" / "i18n" / "su.yml").is_file()
    found = {s.item.key: s.state for s in content.translations.statuses("su")}
    assert found.pop("ui") == PARTIAL  # only the language's own name is written
    assert set(found.values()) == {MISSING}


def test_su_pages_fall_back_to_indonesian_with_a_visible_notice(sundanese):
    site = sundanese[0] / "site"
    for rel in ("su/index.html", "su/modus/jeratan-utang.html", "su/panduan/prinsip.html", "su/terjemahan/index.html"):
        html = (site / rel).read_text(encoding="utf-8")
        assert '<html lang="su"' in html, rel
        assert "kie-untranslated" in html, rel
    entry = (site / "su" / "modus" / "jeratan-utang.html").read_text(encoding="utf-8")
    assert '<div lang="id">' in entry  # the Indonesian text says which language it is
    assert 'hreflang="su"' in (site / "index.html").read_text(encoding="utf-8")  # in the language switcher


def test_stale_translations_say_so_on_the_site_and_link_to_the_indonesian_page(sundanese):
    root, content = sundanese
    site = root / "site"
    assert content.translations.is_stale("en", "modus/jeratan-utang")
    assert content.translations.is_stale("en", "docs/panduan/prinsip")
    for rel in ("en/modus/jeratan-utang.html", "en/panduan/prinsip.html"):
        html = (site / rel).read_text(encoding="utf-8")
        link = re.search(r'kie-stale"[^>]*>\s*<p>[^<]*<a href="([^"]+)" hreflang="id"', html)
        assert link, rel
        assert ((site / rel).parent / link.group(1)).resolve() == (site / rel.removeprefix("en/")).resolve()
    assert "kie-stale" not in (site / "en" / "modus" / "janji-palsu.html").read_text(encoding="utf-8")
    assert "kie-stale" not in (site / "en" / "panduan" / "peran.html").read_text(encoding="utf-8")
    assert "kie-stale" not in (site / "modus" / "jeratan-utang.html").read_text(encoding="utf-8")


def test_the_status_page_is_on_the_site_in_every_language(sundanese):
    root, content = sundanese
    site = root / "site"
    english = (site / "en" / "terjemahan" / "index.html").read_text(encoding="utf-8")
    assert "Translation status" in english and "Basa Sunda (su)" in english
    assert "Status terjemahan" in (site / "terjemahan" / "index.html").read_text(encoding="utf-8")
    stale = [s.item.key for s in content.translations.statuses("en") if s.state == STALE]
    assert stale == ["modus/jeratan-utang", "docs/panduan/prinsip"]
    guideline = (site / "panduan" / "index.html").read_text(encoding="utf-8")
    assert 'href="../terjemahan/index.html"' in guideline


def test_refuses_a_mkdocs_yml_without_an_i18n_language_list():
    with pytest.raises(ProjectError):
        add_to_mkdocs("site_name: x\nplugins:\n  - search\n", "su", "Basa Sunda")
