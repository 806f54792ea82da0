"""Regional editions (content/editions/<id>.yml): checked like every content file, built into their own site."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from conftest import REPO
from kie.cli import main
from kie.engine import build
from kie.engine.csp import Policy
from kie.engine.css_purge import link_to, resolve
from kie.engine.editions import mkdocs_overrides
from kie.engine.publish import write_host_files
from kie.model.editions import for_edition
from kie.model.project import load_project, require_site_url
from kie.serve.classroom import site_bundle
from kie.views.edition_view import with_intro
from kie.views.helpbar import help_bar
from kie.views.render import render_entry, render_overview


def test_the_three_example_editions_are_valid_and_publish_their_languages(repo_content):
    content, problems = repo_content
    assert not [p for p in problems if "editions/" in p.file]
    assert {e.id: e.languages for e in content.editions.values()} == {
        "ntt": ("id", "en"),
        "jawa-tengah": ("id", "jv", "en"),
        "kalimantan-barat": ("id", "en"),
    }
    assert [content.editions[e].province for e in ("ntt", "jawa-tengah", "kalimantan-barat")] == ["53", "33", "61"]


def test_an_edition_lives_in_a_folder_under_the_national_address_unless_it_names_its_own(repo_content):
    content, _ = repo_content
    assert content.editions["ntt"].address("https://cegah-tppo.example/") == "https://cegah-tppo.example/ntt/"


# ---------- what an edition changes, without building a site ----------


@pytest.fixture(scope="module")
def ntt(repo_content):
    """(project, content) as the NTT edition sees them."""
    project = load_project(REPO)
    return for_edition(project, repo_content[0], "ntt", require_site_url(project))


def test_an_edition_publishes_only_its_languages_at_its_own_address(ntt):
    project, content = ntt
    assert project.codes == ["id", "en"] and content.languages == ["id", "en"]
    assert project.site_url == "https://cegah-tppo.example/ntt/"
    overrides = mkdocs_overrides(project, content)
    i18n = next(p["i18n"] for p in overrides["plugins"] if isinstance(p, dict) and "i18n" in p)
    assert {lang["locale"]: lang["build"] for lang in i18n["languages"]} == {"id": True, "en": True, "jv": False}
    assert overrides["site_url"] == "https://cegah-tppo.example/ntt/"
    assert overrides["site_name"] == "Cegah Perdagangan Orang — Edisi Nusa Tenggara Timur"


def test_the_national_site_gets_no_edition_settings(repo_content):
    project = load_project(REPO)
    content, _ = repo_content
    assert mkdocs_overrides(project, content) == {}
    assert "Dipilih untuk" not in render_overview(content, "modus", "id")


def test_every_page_of_the_ntt_edition_says_there_is_no_verified_local_number_and_leads_with_129(ntt):
    _, content = ntt
    for lang in ("id", "en"):
        bar = help_bar(content, lang)
        assert bar["province"] == "Nusa Tenggara Timur" and bar["local"] is None
        assert [c.text for c in bar["line"]["calls"]] == ["129"]


def test_the_jawa_tengah_edition_leads_with_its_provincial_unit(repo_content):
    project = load_project(REPO)
    content, _ = repo_content
    _, content = for_edition(project, content, "jawa-tengah", require_site_url(project))
    bar = help_bar(content, "jv")
    assert bar["local"]["name"] == "UPTD PPA Provinsi Jawa Tengah"
    assert bar["local"]["calls"][0].text == "0857 9966 4444"


def test_the_modus_list_starts_with_the_editions_own_order(ntt):
    _, content = ntt
    page = render_overview(content, "modus", "en")
    featured = page.split(r"## Chosen for Nusa Tenggara Timur \(NTT\)", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"\]\(([\w-]+)\.md\)", featured) == list(content.edition.featured_modus)


def test_the_directory_opens_on_the_editions_province(ntt):
    _, content = ntt
    page = render_overview(content, "services", "en")
    headings = re.findall(r"^## (.+)$", page, re.M)
    assert headings[0].startswith(r"[Services in Nusa Tenggara Timur \(NTT\)](provinsi/53-nusa-tenggara-timur.md)")
    first = page.split("## ", 2)[1].replace("\\", "")  # Markdown escapes: the text as read
    assert "East Nusa Tenggara Province" in first
    assert "No local number has been verified for Nusa Tenggara Timur yet. Call 129." in first


def test_an_unknown_edition_is_one_plain_line(tmp_path, capsys):
    assert main(["--root", str(REPO), "build", "--edition", "atlantis", "-d", str(tmp_path / "x")]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: no edition 'atlantis' in content/editions/ (editions: jawa-tengah, kalimantan-barat, ntt)"
    )
    assert not (tmp_path / "x").exists()


def test_all_editions_build_the_national_site_then_each_edition_in_its_folder(tmp_path, monkeypatch):
    built = []

    def fake_build(project, content, out, warnings):
        built.append((out, project.site_url, project.codes))
        out.mkdir(parents=True, exist_ok=True)
        (out / "index.html").write_text(project.site_url, encoding="utf-8")
        write_host_files(out, Policy())  # as every build does last

    monkeypatch.setattr(build, "build_validated", fake_build)
    # what each site is made from (hashing content/ and the package 12 times is slow): the same all along here
    monkeypatch.setattr(build, "sources_digest", lambda project: "sources")
    monkeypatch.setattr(build, "inputs_fingerprint", lambda project, strict, edition, sources: f"{strict}-{edition}")
    _, sites, unchanged = build.build_all_editions(load_project(REPO), tmp_path / "www")
    www = tmp_path / "www"
    assert built == [
        (www, "https://cegah-tppo.example/", ["id", "en", "jv"]),
        (www / "jawa-tengah", "https://cegah-tppo.example/jawa-tengah/", ["id", "jv", "en"]),
        (www / "kalimantan-barat", "https://cegah-tppo.example/kalimantan-barat/", ["id", "en"]),
        (www / "ntt", "https://cegah-tppo.example/ntt/", ["id", "en"]),
    ]
    assert sites == ["national", "jawa-tengah", "kalimantan-barat", "ntt"] and unchanged == []
    # again with nothing changed: nothing is built; an edition someone deleted is built again; --force builds all
    built.clear()
    assert build.build_all_editions(load_project(REPO), www)[1:] == ([], sites)
    (www / "ntt" / "index.html").unlink()
    assert build.build_all_editions(load_project(REPO), www)[1] == ["ntt"]
    assert build.build_all_editions(load_project(REPO), www, force=True)[1] == sites


def test_the_404_page_of_an_edition_links_from_its_own_folder():
    """The stylesheet step must see '/ntt/assets/x.css' on the 404 page as the same file as 'assets/x.css'."""
    assert resolve("404.html", "/ntt/assets/css/kie.css", "/ntt/") == "assets/css/kie.css"
    assert link_to("404.html", "/ntt/assets/css/kie.css", "assets/site.css", "/ntt/") == "/ntt/assets/site.css"
    assert resolve("404.html", "/assets/css/kie.css") == "assets/css/kie.css"


def test_an_editions_introduction_goes_under_the_home_pages_title(ntt):
    _, content = ntt
    home = "# Cegah perdagangan orang\n\nTeks.\n"
    assert with_intro(home, content, "id") == home  # the example has none
    content.edition = replace(content.edition, intro={"id": "Di NTT, hubungi 129.", "en": "In NTT, call 129."})
    page = with_intro(home, content, "en")
    assert page.startswith('# Cegah perdagangan orang\n\n<div class="kie-edition-intro" markdown>\n\nIn NTT, call 129')
    assert with_intro(home, content, "en").endswith("\n\nTeks.\n")


def test_the_classroom_page_offers_the_zip_of_the_served_edition(tmp_path):
    assert site_bundle(tmp_path) is None
    (tmp_path / "unduh").mkdir()
    (tmp_path / "unduh" / "cegah-tppo-ntt-offline.zip").write_bytes(b"PK")
    assert site_bundle(tmp_path) == "unduh/cegah-tppo-ntt-offline.zip"


def test_the_directory_of_an_edition_links_its_booklet_in_the_pages_language(ntt):
    _, content = ntt
    page = render_overview(content, "services", "en")
    assert 'href="../../handouts/en/buklet-ntt.pdf" download' in page
    assert 'href="../../handouts/en/buklet-ntt-baca.pdf"' in page
    assert 'href="../handouts/id/buklet-ntt.pdf" download' in render_overview(content, "services", "id")


def test_an_editions_own_services_lead_its_directory_block(repo_content):
    project = load_project(REPO)
    content, _ = repo_content
    _, content = for_edition(project, content, "jawa-tengah", require_site_url(project))
    block = render_overview(content, "services", "id").split("## ", 2)[1]
    assert block.index("UPTD PPA Provinsi Jawa Tengah") < block.index("kie-booklet")


def test_an_editions_local_laws_lead_the_law_page(repo_content, ntt):
    _, content = ntt
    page = render_overview(content, "laws", "en")
    first = page.split("\n## ", 2)[1]
    assert first.startswith("Regional regulations")
    assert "[NTT Regional Regulation No\\. 14 of 2008](perda-ntt-14-2008.md)" in first
    assert "to be verified" in first  # read in news pages, not in the official text
    assert "Regional regulations" not in render_overview(repo_content[0], "laws", "en")


def test_regional_rules_are_grouped_nationally_named_after_their_region_and_marked_to_be_verified(repo_content):
    content = repo_content[0]
    page = render_overview(content, "laws", "id")
    regional = page.split("## Aturan daerah", 1)[1].split("\n## ", 1)[0]
    names = re.findall(r"\[(Per\w+ \w+ No\\\. \d+ Tahun \d+)\]", regional)
    assert names == [
        "Perda Kalbar No\\. 7 Tahun 2007",
        "Perda NTT No\\. 14 Tahun 2008",
        "Pergub Jateng No\\. 25 Tahun 2024",
    ]
    assert regional.count("perlu diverifikasi") == 3
    national = page.split("## Aturan daerah", 1)[0]
    assert "perda-" not in national and "pergub-" not in national
    law = render_entry(content, content.laws["perda-ntt-14-2008"], "id")
    assert "- Berlaku di: Nusa Tenggara Timur" in law and "kie-unverified" in law


def test_an_editions_own_example_address_is_said_even_when_it_is_not_built_again(tmp_path, monkeypatch):
    """Its handouts print that address: a second `kie build --all-editions` (nothing changed) or a `kie build
    --edition ntt` that finds the edition up to date must still say it, and --strict must still stop."""
    from conftest import copy_repo

    root = copy_repo(tmp_path / "repo")  # the national site at a real address
    edition = root / "content" / "editions" / "ntt.yml"
    edition.write_text(edition.read_text(encoding="utf-8") + "site_url: https://ntt.example/\n", encoding="utf-8")
    monkeypatch.setattr(build, "build_validated", lambda project, content, out, warnings: warnings)
    monkeypatch.setattr(build, "is_current", lambda project, out, inputs: True)  # everything is up to date

    def said(warnings) -> list[str]:
        return [p.message for p in warnings if p.field == "site_url"]

    (warned,) = said(build.build_all_editions(load_project(root), tmp_path / "www")[0])
    assert "'https://ntt.example/'" in warned
    (warned,) = said(build.build_if_changed(load_project(root), tmp_path / "www" / "ntt", edition="ntt")[0])
    assert "'https://ntt.example/'" in warned
    assert said(build.build_if_changed(load_project(root), tmp_path / "www")[0]) == []  # the national one is real
    with pytest.raises(build.ContentError):
        build.build_all_editions(load_project(root), tmp_path / "www", strict=True)
