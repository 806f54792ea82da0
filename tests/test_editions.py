"""Regional editions (content/editions/<id>.yml): checked like every content file, built into their own site."""

from __future__ import annotations

from conftest import REPO
from kie.model.content import load_content
from kie.model.project import load_project


def test_the_three_example_editions_are_valid_and_publish_their_languages():
    content, problems = load_content(load_project(REPO))
    assert not [p for p in problems if "editions/" in p.file]
    assert {e.id: e.languages for e in content.editions.values()} == {
        "ntt": ("id", "en"),
        "jawa-tengah": ("id", "jv", "en"),
        "kalimantan-barat": ("id", "en"),
    }
    assert [content.editions[e].province for e in ("ntt", "jawa-tengah", "kalimantan-barat")] == ["53", "33", "61"]


def test_an_edition_lives_in_a_folder_under_the_national_address_unless_it_names_its_own():
    content, _ = load_content(load_project(REPO))
    assert content.editions["ntt"].address("https://cegah-tppo.example/") == "https://cegah-tppo.example/ntt/"
