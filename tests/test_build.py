"""Whole-site builds: every language, correct lang attributes, nothing loaded from outside, safe swaps."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import copy_repo
from kie.cli import main
from kie.engine.assets import prune_unused_assets
from kie.engine.build import BuildError, build_site, carry_over_editions, run_mkdocs
from kie.engine.csp import Policy
from kie.engine.publish import cover_editions, write_host_files
from kie.engine.uptodate import inputs_fingerprint, is_current, remember
from kie.model.content import load_content
from kie.model.problems import ContentError
from kie.model.project import load_project
from kie.views.urls import HEADERS_FILE, service_home  # service_home: a local service's page is its province page

pytestmark = pytest.mark.site  # every test here builds a site (or reads the built one)

LANG_PREFIX = {"id": "", "en": "en/", "jv": "jv/"}
EXTERNAL = re.compile(r"^(https?:)?//", re.I)


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_entry_has_a_page_in_every_language(built_site):
    content, _ = load_content(load_project(built_site.parent))
    for lang, prefix in LANG_PREFIX.items():
        assert (built_site / prefix / "index.html").is_file()
        for kind, folder in (("modus", "modus"), ("rights", "hak"), ("laws", "hukum"), ("services", "layanan")):
            assert (built_site / prefix / folder / "index.html").is_file()
            for entry in content.of(kind).values():
                page = service_home(content, entry).split("#")[0] if kind == "services" else f"{folder}/{entry.id}.md"
                assert (built_site / prefix / page.replace(".md", ".html")).is_file(), (lang, kind, entry.id)


def test_html_lang_matches_the_language_of_each_page(built_site):
    for file in html_files(built_site):
        rel = file.relative_to(built_site).as_posix()
        expected = rel.split("/")[0] if rel.split("/")[0] in ("en", "jv") else "id"
        assert f'<html lang="{expected}"' in file.read_text(encoding="utf-8"), rel


def test_language_switcher_leads_to_the_same_page(built_site):
    html = (built_site / "en" / "modus" / "jeratan-utang.html").read_text(encoding="utf-8")
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', html)[i][::-1] for i in range(3))
    assert (built_site / "en" / "modus" / links["id"]).resolve() == (built_site / "modus" / "jeratan-utang.html")
    assert (built_site / "en" / "modus" / links["jv"]).resolve() == (built_site / "jv" / "modus" / "jeratan-utang.html")


def test_every_javanese_page_says_it_awaits_a_native_speakers_review(built_site):
    pages = [p for p in (built_site / "jv").rglob("*.html") if "<article" in p.read_text(encoding="utf-8")]
    assert len(pages) > 100
    assert [
        p.relative_to(built_site).as_posix() for p in pages if "kie-review" not in p.read_text(encoding="utf-8")
    ] == []


def test_a_fully_translated_javanese_page_shows_no_fallback_but_awaits_review(built_site):
    html = (built_site / "jv" / "hak" / "hak-restitusi.html").read_text(encoding="utf-8")  # every text in jv
    assert "kie-untranslated" not in html and '<div lang="id">' not in html
    assert "Restitusi yaiku dhuwit ganti rugi" in html
    assert "kie-review" in html  # Javanese awaits a native speaker


def test_untranslated_text_is_marked_and_announced(built_site):
    # Whatever Javanese text is still missing (the real content gets less of it with every round; a language
    # with nothing translated is built in test_new_language) shows in Indonesian, marked, with the notice.
    for file in (built_site / "jv").rglob("*.html"):
        html = file.read_text(encoding="utf-8")
        if "kie-untranslated" in html:
            assert "durung diterjemahake" in html, file
            assert 'lang="id"' in html.split("kie-untranslated", 1)[1], file  # the fallback says its language


def test_no_page_loads_anything_from_outside_the_site(built_site):
    offenders = []
    for file in html_files(built_site):
        html = file.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|img|iframe|source|video|audio|embed)\b[^>]*>", html, re.I):
            src = re.search(r'\bsrc="([^"]*)"', tag)
            if src and EXTERNAL.match(src.group(1)):
                offenders.append((file.name, tag))
        for tag in re.findall(r"<link\b[^>]*>", html, re.I):
            href = re.search(r'\bhref="([^"]*)"', tag)
            rel = re.search(r'\brel="([^"]*)"', tag)
            if href and EXTERNAL.match(href.group(1)) and rel and rel.group(1) not in ("alternate", "canonical"):
                offenders.append((file.name, tag))
    for css in built_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if EXTERNAL.match(url):
                offenders.append((css.name, url))
    assert offenders == []


def test_pages_load_only_our_own_script(built_site):
    """Material's bundle, its search worker and the iframe-worker polyfill are not loaded (kie.js does it all);
    the directory filter and the quiz scripts are fetched only by their own pages."""
    for path in ("index.html", "en/modus/jeratan-utang.html", "404.html", "layanan/index.html"):
        html = (built_site / path).read_text(encoding="utf-8")
        scripts = re.findall(r'<script[^>]*\bsrc="([^"]+)"', html)
        assert [s.rsplit("/", 1)[-1] for s in scripts] == ["kie.js"], (path, scripts)
        assert "unpkg.com" not in html and "bundle." not in html and "iframe-worker" not in html


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory):
    root = copy_repo(tmp_path_factory.mktemp("copy"))
    entry = yaml.safe_load((root / "content" / "modus" / "jeratan-utang.yml").read_text(encoding="utf-8"))
    entry["id"] = "zz-uji-skrip"
    entry["title"] = {"id": "<script>alert('x')</script> Judul", "en": "<img src=x onerror=alert(1)>"}
    evil = root / "content" / "modus" / "zz-uji-skrip.yml"
    evil.write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
    run_mkdocs(load_project(root), root / "site")  # the pages are enough here: no handouts, packs or zip
    return root


def test_script_typed_into_a_title_shows_as_text(project_copy):
    html = (project_copy / "site" / "modus" / "zz-uji-skrip.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
    overview = (project_copy / "site" / "modus" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in overview and "&lt;script&gt;alert" in overview
    english = (project_copy / "site" / "en" / "modus" / "zz-uji-skrip.html").read_text(encoding="utf-8")
    assert "<img src=x" not in english and "&lt;img src=x" in english


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_broken_content_leaves_the_previous_site_untouched(project_copy):
    site = project_copy / "site"
    before = snapshot(site)
    broken = project_copy / "content" / "rights" / "hak-restitusi.yml"
    good = broken.read_text(encoding="utf-8")
    broken.write_text(good.replace("title:", "title: [", 1), encoding="utf-8")
    try:
        with pytest.raises(ContentError) as err:
            build_site(load_project(project_copy), site)
        assert "content/rights/hak-restitusi.yml:" in str(err.value)
    finally:
        broken.write_text(good, encoding="utf-8")
    assert snapshot(site) == before
    assert not list(project_copy.glob(".site.new-*"))


def test_failed_mkdocs_build_leaves_the_previous_site_untouched(project_copy):
    site = project_copy / "site"
    before = snapshot(site)
    page = project_copy / "docs" / "index.md"
    good = page.read_text(encoding="utf-8")
    page.write_text(good + "\n[broken](no-such-page.md)\n", encoding="utf-8")
    try:
        with pytest.raises(BuildError):
            build_site(load_project(project_copy), site)
    finally:
        page.write_text(good, encoding="utf-8")
    assert snapshot(site) == before
    assert not list(project_copy.glob(".site.new-*"))


def test_a_rebuild_with_nothing_changed_leaves_the_site_as_it_is(project_copy, capsys, monkeypatch):
    project, site = load_project(project_copy), project_copy / "site"
    write_host_files(site, Policy())  # the fixture ran MkDocs only: the last step of a build writes these
    remember(project, site, inputs_fingerprint(project, False))  # as `kie build` does after building
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    assert main(["--root", str(project_copy), "build"]) == 0
    assert "site/ is up to date" in capsys.readouterr().out
    assert {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()} == before

    def current() -> bool:
        return is_current(project, site, inputs_fingerprint(project, False))

    # Each thing a site is made from, changed, makes the next `kie build` build again.
    for rel in ("content/rights/hak-restitusi.yml", "docs/index.md", "overrides/main.html", "mkdocs.yml"):
        file = project_copy / rel
        good = file.read_bytes()
        file.write_bytes(good + b"\n")
        assert not current(), rel
        file.write_bytes(good)
        assert current(), rel
    monkeypatch.setenv("KIE_TODAY", "2027-06-01")  # freshness notices and print dates change with the day
    assert not current()
    monkeypatch.undo()
    assert not is_current(project, site, inputs_fingerprint(project, True))  # --strict is another build
    edition = site / "ntt"  # a regional edition built into site/ntt/ is a build of its own
    edition.mkdir(exist_ok=True)
    (edition / "index.html").write_text("<p>NTT</p>", encoding="utf-8")
    assert current()
    # the edition's build widens the national host files (kie.engine.publish): still current
    write_host_files(edition, Policy(scripts=frozenset({"'sha256-x'"})))
    cover_editions(site, ["ntt"])
    assert "sha256-x" in (site / HEADERS_FILE).read_text(encoding="utf-8") and current()
    missing = (site / "404.html").read_bytes()
    (site / "404.html").unlink()  # and a site someone changed is built again
    assert not current()
    (site / "404.html").write_bytes(missing)
    (site / HEADERS_FILE).unlink()  # the host files too
    remember(project, site, inputs_fingerprint(project, False))
    assert not current()


def test_the_site_ships_only_what_pages_load(built_site):
    """Material's bundle, lunr, its worker and source maps are not loaded by any page: they are not shipped."""
    text = "\n".join(
        f.read_text(encoding="utf-8", errors="replace")
        for f in built_site.rglob("*")
        if f.suffix in (".html", ".css", ".js", ".webmanifest", ".json") and f.is_file()
    )
    assets = [f for f in (built_site / "assets").rglob("*") if f.is_file()]
    assert assets and all(f.name in text for f in assets), [f.name for f in assets if f.name not in text]
    assert not list(built_site.rglob("*.map"))
    assert not (built_site / "assets" / "javascripts").exists()
    with zipfile.ZipFile(built_site / "unduh" / "cegah-tppo-offline.zip") as bundle:
        names = bundle.namelist()
    assert not [n for n in names if n.endswith(".map") or "/assets/javascripts/" in n]


def test_unused_assets_are_pruned_and_used_ones_kept(tmp_path):
    site = tmp_path / "site"
    (site / "assets" / "javascripts" / "workers").mkdir(parents=True)
    (site / "assets" / "javascripts" / "bundle.min.js").write_text("new Worker('workers/search.js')")
    (site / "assets" / "javascripts" / "workers" / "search.js").write_text("//# sourceMappingURL=search.js.map")
    (site / "assets" / "css").mkdir()
    (site / "assets" / "css" / "kie.css").write_text("body{}")
    (site / "assets" / "css" / "kie.css.map").write_text("{}")
    (site / "index.html").write_text('<link rel="stylesheet" href="assets/css/kie.css">')
    removed = prune_unused_assets(None, None, site)
    assert sorted(removed) == [
        "assets/css/kie.css.map",
        "assets/javascripts/bundle.min.js",
        "assets/javascripts/workers/search.js",
    ]
    assert (site / "assets" / "css" / "kie.css").is_file() and not (site / "assets" / "javascripts").exists()


def test_a_national_rebuild_keeps_the_editions_built_inside_the_site(tmp_path):
    old, new = tmp_path / "site", tmp_path / ".site.new"
    for folder in (old / "ntt", old / "modus", new / "modus"):
        folder.mkdir(parents=True)
    (old / "ntt" / "index.html").write_text("NTT edition", encoding="utf-8")
    (old / "modus" / "a.html").write_text("old page", encoding="utf-8")
    carry_over_editions(old, new, ["ntt", "jawa-tengah"])
    assert (new / "ntt" / "index.html").read_text(encoding="utf-8") == "NTT edition"
    assert not (new / "jawa-tengah").exists() and not (new / "modus" / "a.html").exists()
