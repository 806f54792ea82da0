"""Translation status: translated, missing, partial, stale, not marked, reviewed; the records file; the notices."""

from __future__ import annotations

import re

import pytest
from conftest import make_project
from kie.cli import main
from kie.model.content import load_content
from kie.model.project import load_project
from kie.model.translation_records import mark, write_records
from kie.model.translations import MISSING, PARTIAL, STALE, TRANSLATED, UNMARKED, localized_fields, text_hash
from kie.views.render import render_entry
from kie.views.translation_report import format_status, render_status_page

RIGHT = """\
id: hak-contoh
title:
  id: Hak contoh
  en: Example right
summary:
  id: Ringkasan hak.
  en: Summary of the right.
explanation:
  id: Penjelasan hak.
  en: Explanation of the right.
how_to_claim:
  - id: Minta kepada polisi.
    en: Ask the police.
legal_basis:
  - law: uu-contoh
    article: "44"
sources:
  - law: uu-contoh
    article: "44"
"""


@pytest.fixture
def root(tmp_path):
    """Fixture content with: a fully translated right, a partly translated modus, untranslated others,
    a hand-written page with an English translation and one without."""
    root = make_project(tmp_path)
    (root / "content" / "rights" / "hak-contoh.yml").write_text(RIGHT, encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Beranda\n\nSelamat datang.\n", encoding="utf-8")
    (root / "docs" / "index.en.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    (root / "docs" / "tentang.md").write_text("# Tentang\n\nSitus ini.\n", encoding="utf-8")
    return root


def load(root):
    content, problems = load_content(load_project(root))
    assert [p for p in problems if not p.warning] == []
    return content


def states(content, lang="en") -> dict[str, str]:
    return {s.item.key: s.state for s in content.translations.statuses(lang)}


def edit(file, old, new):
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new), encoding="utf-8")


def mark_all(root, lang="en"):
    assert main(["--root", str(root), "i18n", "mark", lang, "--all"]) == 0


def test_text_hash_ignores_line_wrapping_but_not_words():
    assert text_hash("Satu dua\n  tiga ") == text_hash("Satu dua tiga")
    assert text_hash("Satu dua tiga") != text_hash("Satu dua tiga.")


def test_every_translatable_text_of_an_entry_is_found_by_its_field_path():
    data = {"id": "x", "title": {"id": "A", "en": "B"}, "signs": [{"id": "C"}], "sources": [{"law": "uu"}]}
    assert [path for path, _ in localized_fields(data, ["id", "en"], "id")] == ["title", "signs[0]"]


def test_status_before_anything_is_marked(root):
    found = states(load(root))
    assert found["rights/hak-contoh"] == UNMARKED  # translated, but nobody recorded from which Indonesian
    assert found["docs/index"] == UNMARKED
    assert found["modus/modus-contoh"] == PARTIAL  # only its title is in English
    assert found["services/layanan-contoh"] == MISSING
    assert found["docs/tentang"] == MISSING
    assert found["ui"] == PARTIAL
    assert set(states(load(root), "jv").values()) == {MISSING}


def test_marked_translations_are_translated_and_stay_so_after_reloading(root):
    mark_all(root)
    content = load(root)
    found = states(content)
    assert found["rights/hak-contoh"] == TRANSLATED and found["docs/index"] == TRANSLATED
    assert found["modus/modus-contoh"] == PARTIAL and found["docs/tentang"] == MISSING
    totals = content.translations.totals("en")
    assert (totals[TRANSLATED], totals[PARTIAL], totals[MISSING], totals[STALE]) == (2, 3, 2, 0)
    assert totals["review"] == 5  # every item with some translation awaits a native speaker
    records = (root / "content" / "i18n" / "en.yml").read_text(encoding="utf-8")
    assert f"summary: {text_hash('Ringkasan hak.')}" in records


def test_changing_an_indonesian_text_makes_its_translations_stale(root):
    mark_all(root)
    mark_all(root, "jv")
    right = root / "content" / "rights" / "hak-contoh.yml"
    edit(right, "  id: Ringkasan hak.", "  id: Ringkasan\n    hak.")  # re-wrapped only: still up to date
    assert states(load(root))["rights/hak-contoh"] == TRANSLATED
    edit(right, "Ringkasan\n    hak.", "Ringkasan hak yang baru.")
    edit(root / "docs" / "index.md", "Selamat datang.", "Selamat datang di situs ini.")
    content = load(root)
    status = content.translations.status("en", content.translations.find("rights/hak-contoh"))
    assert status.state == STALE and status.fields_in(STALE) == ["summary"]
    assert states(content)["docs/index"] == STALE
    assert states(content)["modus/modus-contoh"] == PARTIAL  # its Indonesian did not change
    assert states(content, "jv")["rights/hak-contoh"] == MISSING  # nothing to go stale in Javanese


def test_mark_all_never_hides_a_stale_translation_but_marking_the_item_does(root):
    mark_all(root)
    edit(root / "content" / "rights" / "hak-contoh.yml", "Ringkasan hak.", "Ringkasan baru.")
    mark_all(root)
    assert states(load(root))["rights/hak-contoh"] == STALE
    assert main(["--root", str(root), "i18n", "mark", "en", "content/rights/hak-contoh.yml"]) == 0
    assert states(load(root))["rights/hak-contoh"] == TRANSLATED


def test_review_is_recorded_and_cleared_when_the_translation_is_marked_again(root, capsys):
    mark_all(root)
    assert main(["--root", str(root), "i18n", "review", "en", "rights/hak-contoh"]) == 0
    content = load(root)
    assert content.translations.status("en", content.translations.find("rights/hak-contoh")).reviewed
    assert content.translations.totals("en")["review"] == 4
    edit(root / "content" / "rights" / "hak-contoh.yml", "Ringkasan hak.", "Ringkasan baru.")
    assert main(["--root", str(root), "i18n", "review", "en", "rights/hak-contoh"]) == 1  # stale: not reviewable
    assert "stale or not recorded" in capsys.readouterr().err
    assert main(["--root", str(root), "i18n", "mark", "en", "rights/hak-contoh"]) == 0
    content = load(root)
    assert not content.translations.status("en", content.translations.find("rights/hak-contoh")).reviewed


def test_status_command_lists_what_needs_work_and_strict_fails_on_it(root, capsys):
    mark_all(root)
    edit(root / "content" / "rights" / "hak-contoh.yml", "Ringkasan hak.", "Ringkasan baru.")
    assert main(["--root", str(root), "i18n", "status", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "stale       rights/hak-contoh" in out and "Indonesian changed: summary" in out
    assert "missing     docs/tentang" in out and "docs/tentang.en.md" in out
    totals = [line.split() for line in out.splitlines() if line.startswith("English (en)")][-1]
    assert totals[2:] == ["1", "3", "2", "1", "0", "5", "7"]  # translated partial missing stale unmarked review items
    assert main(["--root", str(root), "i18n", "status", "--lang", "en", "--strict"]) == 1


def test_unknown_language_or_item_is_one_clear_line(root, capsys):
    assert main(["--root", str(root), "i18n", "status", "--lang", "su"]) == 2
    assert "add it with `kie i18n new su`" in capsys.readouterr().err
    assert main(["--root", str(root), "i18n", "mark", "en", "modus/tidak-ada"]) == 2
    assert "no page or entry called 'modus/tidak-ada'" in capsys.readouterr().err


def test_a_broken_records_file_is_reported_with_its_line(root):
    (root / "content" / "i18n").mkdir()
    (root / "content" / "i18n" / "en.yml").write_text("modus/modus-contoh:\n  fields: []\n", encoding="utf-8")
    _, problems = load_content(load_project(root))
    assert [str(p).split(": ")[0:2] for p in problems if not p.warning] == [
        ["content/i18n/en.yml:1", "modus/modus-contoh.reviewed"],  # the schema names each field
        ["content/i18n/en.yml:2", "modus/modus-contoh.fields"],
    ]


def test_a_stale_entry_page_says_so_and_links_to_the_indonesian_page(root):
    mark_all(root)
    edit(root / "content" / "rights" / "hak-contoh.yml", "Ringkasan hak.", "Ringkasan baru.")
    content = load(root)
    page = render_entry(content, content.rights["hak-contoh"], "en")
    assert (
        re.search(r'class="kie-notice kie-status[^"]* kie-stale"', page)
        and 'href="../../hak/hak-contoh.html" hreflang="id"' in page
    )
    assert "kie-stale" not in render_entry(content, content.modus["modus-contoh"], "en")
    assert "kie-stale" not in render_entry(content, content.rights["hak-contoh"], "id")


def test_the_status_page_lists_stale_items_with_links_in_the_page_language(root):
    mark_all(root)
    edit(root / "content" / "rights" / "hak-contoh.yml", "Ringkasan hak.", "Ringkasan baru.")
    content = load(root)
    content.ui["en"]["translation_status_title"] = "Translation status"
    page = render_status_page(content.translations, "en", content.ui)
    assert "# Translation status" in page
    assert "[rights/hak\\-contoh](../hak/hak-contoh.md) — summary" in page
    assert "## Basa Jawa \\(jv\\)" in page


def test_records_are_written_in_site_order_and_survive_a_round_trip(root):
    content = load(root)
    translations = content.translations
    mark(translations, "en", translations.items)
    write_records(load_project(root), translations, "en")
    again = load(root).translations
    assert again.records["en"] == translations.records["en"]
    assert list(again.records["en"]) == [
        "modus/modus-contoh",
        "rights/hak-contoh",
        "laws/uu-contoh",
        "docs/index",
        "ui",
    ]
    assert format_status(again, ["en"]).count("not marked") == 1  # the header of the totals only


EDITION = """\
id: contoh
title:
  id: Edisi contoh
  en: Example edition
provinces: ["53"]
languages: [id, en]
intro:
  id: Pengantar edisi.
  en: The edition's introduction.
"""


def test_an_editions_texts_go_stale_like_every_other_item(root, capsys):
    """An edition's title and intro are an item, `editions/<id>`, in the edition's own languages only."""
    (root / "content" / "editions").mkdir()
    edition = root / "content" / "editions" / "contoh.yml"
    edition.write_text(EDITION, encoding="utf-8")
    assert states(load(root))["editions/contoh"] == UNMARKED
    assert "editions/contoh" not in states(load(root), "jv")  # the edition is not published in Javanese
    assert main(["--root", str(root), "i18n", "mark", "en", "content/editions/contoh.yml"]) == 0
    assert states(load(root))["editions/contoh"] == TRANSLATED
    edit(edition, "  id: Pengantar edisi.", "  id: Pengantar edisi yang baru.")
    content = load(root)
    status = content.translations.status("en", content.translations.find("editions/contoh"))
    assert status.state == STALE and status.fields_in(STALE) == ["intro"]
    capsys.readouterr()
    assert main(["--root", str(root), "i18n", "status", "--lang", "en", "--strict"]) == 1
    assert "stale       editions/contoh" in capsys.readouterr().out
    page = render_status_page(content.translations, "en", content.ui, content)
    assert "    - editions/contoh — intro\n" in page  # no page of its own to link to on this site
    assert main(["--root", str(root), "i18n", "mark", "en", "editions/contoh"]) == 0
    assert states(load(root))["editions/contoh"] == TRANSLATED


def test_the_committed_editions_translations_are_recorded_and_current(repo_content):
    content, _ = repo_content
    translations = content.translations
    found = {
        (status.item.key, lang): status.state
        for lang in translations.languages
        for status in translations.statuses(lang)
        if status.item.key.startswith("editions/")
    }
    assert found == {
        ("editions/jawa-tengah", "en"): TRANSLATED,
        ("editions/kalimantan-barat", "en"): TRANSLATED,
        ("editions/ntt", "en"): TRANSLATED,
        ("editions/jawa-tengah", "jv"): TRANSLATED,
    }
