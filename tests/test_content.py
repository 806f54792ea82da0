"""The project's own content: complete, sourced, cross-referenced, honest about what is unverified."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import REPO, make_project
from kie.model.content import load_content
from kie.model.project import load_project
from kie.views.render import render_entry


@pytest.fixture(scope="module")
def content(repo_content):
    content, problems = repo_content
    assert [str(p) for p in problems if not p.warning] == []
    return content


def texts(value, path=""):
    """Every translatable text map inside an entry, with its path."""
    if isinstance(value, dict) and "id" in value and all(isinstance(v, str) for v in value.values()):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from texts(item, f"{path}[{i}]")


def test_counts_per_kind(content):
    assert len(content.modus) >= 16
    assert len(content.rights) >= 10
    assert len(content.laws) >= 15
    assert {m["group"] for m in content.modus.values()} == {"purpose", "means", "current"}


@pytest.mark.parametrize("kind", ["modus", "rights", "laws"])
def test_english_is_complete(content, kind):
    missing = [
        f"{entry.file}: {path}"
        for entry in content.of(kind).values()
        for path, text in texts(entry.data)
        if "en" not in text
    ]
    assert missing == []


def test_javanese_key_messages(content):
    for modus in content.modus.values():
        for field in ("title", "summary"):
            assert "jv" in modus[field], (modus.file, field)
        assert all("jv" in sign for sign in modus["warning_signs"]), modus.file
        assert all("jv" in step for step in modus["what_to_do"]), modus.file
    for right in content.rights.values():
        assert "jv" in right["title"] and "jv" in right["summary"], right.file
    assert (REPO / "docs" / "index.jv.md").is_file()
    assert "jv" in content.awaiting_review  # shown on every Javanese page


def test_interface_strings_are_complete_in_english(content):
    assert set(content.ui["id"]) - set(content.ui["en"]) == set()


def test_every_interface_string_is_used_somewhere():
    """A key of content/ui/id.yml that no template, script or page names is work for every translator, for nothing.

    Named means: in quotes ("key", 'key', "key: ..." written into a file) or read as an attribute (kie.t.key);
    a family built from a prefix or suffix (`"offer_" ~ o`, f"law_name_{type}", `key + "_short"`) counts for each
    key it can build."""
    keys = [key for key, value in yaml.safe_load((REPO / "content" / "ui" / "id.yml").read_text("utf-8")).items()]
    folders = (REPO / "scripts" / "kie", REPO / "overrides", REPO / "docs" / "assets" / "js")
    code = "\n".join(
        f.read_text(encoding="utf-8")
        for folder in folders
        for f in folder.rglob("*")
        if f.suffix in (".py", ".j2", ".html", ".js")
    )
    named = set(re.findall(r"""["']([A-Za-z][\w-]*)[:"']""", code)) | set(re.findall(r"\.([A-Za-z]\w*)\b", code))
    prefixes = tuple(
        set(re.findall(r"""["']([A-Za-z][\w-]*_)["']\s*~""", code) + re.findall(r"""f["']([A-Za-z][\w-]*_)\{""", code))
    )
    suffixes = set(re.findall(r"""\+\s*["'](_[\w-]+)["']""", code))
    unused = [
        key
        for key in keys
        if key not in named
        and not key.startswith(prefixes)
        and not any(key.endswith(end) and key.removesuffix(end) in named for end in suffixes)
    ]
    assert unused == [], "remove them from content/ui/*.yml (and their hashes from content/i18n/*.yml)"


def test_perpres_69_2008_was_amended_not_replaced(content):
    for newer in ("perpres-22-2021", "perpres-49-2023"):
        assert content.laws[newer]["amends"] == ["perpres-69-2008"]
        assert "perpres-69-2008" not in content.laws[newer].get("replaces", [])


def test_facts_with_medium_or_low_confidence_are_marked_on_the_page(content):
    marked = 0
    for kind in ("modus", "rights", "laws", "services"):
        for entry in content.of(kind).values():
            unverified = any(
                isinstance(item, dict) and item.get("confidence") in ("M", "L")
                for item in [entry.data, *entry.get("sources", []), *entry.get("articles", [])]
            )
            if unverified:
                for lang in content.languages:
                    page = render_entry(content, entry, lang)
                    assert 'class="kie-verify"' in page and "kie-unverified" in page, (entry.file, lang)
                marked += 1
    assert marked >= 3  # e.g. LPSK's numbers, UU 21/2007 Pasal 50, child exploitation through chat apps


def test_schema_requires_sources_and_at_least_one_right_and_law(tmp_path):
    root = make_project(tmp_path)
    file = root / "content" / "modus" / "modus-contoh.yml"
    text = file.read_text(encoding="utf-8")
    text = text.replace("rights: [hak-contoh]", "rights: []").split("sources:")[0]
    file.write_text(text, encoding="utf-8")
    _, problems = load_content(load_project(root))
    assert {(p.field, p.message) for p in problems} == {
        ("rights", "needs at least 1 item(s)"),
        ("sources", "required field is missing; add it"),
    }


def test_hotline_box_puts_the_helplines_first(content):
    from kie.views.render import render_hotlines

    box = render_hotlines(content, "id", "")
    assert box.index("tel:110") < box.index("tel:129") < box.index("0800")
