"""A native speaker's review on paper or in a spreadsheet: `kie i18n review-pack` writes a PDF and a CSV of
every translation awaiting review; `kie i18n review-import` writes the verdicts and corrections back."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import FIXTURES, make_project
from kie.cli import main

MODUS = "content/modus/modus-contoh.yml"


@pytest.fixture
def root(tmp_path):
    root = make_project(tmp_path / "project", FIXTURES / "jv-style")
    assert main(["--root", str(root), "i18n", "mark", "jv", "--all"]) == 0
    return root


def snapshot(root) -> dict[str, str]:
    files = [*root.joinpath("content").rglob("*.yml"), *root.joinpath("docs").rglob("*.md")]
    return {f.relative_to(root).as_posix(): f.read_text(encoding="utf-8") for f in files}


def export(root, tmp_path, capsys) -> list[list[str]]:
    assert main(["--root", str(root), "i18n", "review-pack", "jv", "-o", str(tmp_path / "pack")]) == 0
    capsys.readouterr()
    assert (tmp_path / "pack.pdf").read_bytes().startswith(b"%PDF")
    with (tmp_path / "pack.csv").open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def write(rows, file):
    with file.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)


def test_the_pack_lists_every_translated_text_awaiting_review_beside_its_indonesian(root, tmp_path, capsys):
    rows = export(root, tmp_path, capsys)
    assert rows[0] == ["id", "indonesian", "jv", "verdict", "correction"]
    ids = [row[0] for row in rows[1:]]
    assert ids == [
        "modus/modus-contoh#title",
        "modus/modus-contoh#summary",
        "modus/modus-contoh#how_it_works.recruitment",
        "modus/modus-contoh#warning_signs[0]",
        "modus/modus-contoh#what_to_do[0]",
        "docs/index#page",
    ]
    assert rows[1][1:3] == ["Modus contoh", "Conto modus"]


def test_round_trip_changes_the_content_exactly_where_the_reviewer_wrote(root, tmp_path, capsys):
    rows = export(root, tmp_path, capsys)
    before = snapshot(root)
    by_id = {row[0]: row for row in rows[1:]}
    by_id["modus/modus-contoh#title"][3] = "ok"
    by_id["modus/modus-contoh#summary"][3:5] = ["corrected", "Yen panjenengan ditawani kerja liwat HP, takon dhisik."]
    by_id["docs/index#page"][3:5] = ["Corrected", "# Ngarep\n\nKirim email marang kita.\n"]
    write(rows, tmp_path / "filled.csv")
    filled = str(tmp_path / "filled.csv")
    assert main(["--root", str(root), "i18n", "review-import", filled, "--reviewer", "Bu Sri"]) == 0
    out = capsys.readouterr().out
    assert "2 correction(s) written; 1 item(s) recorded as reviewed by Bu Sri" in out
    after = snapshot(root)
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert changed == ["content/i18n/jv.yml", MODUS, "docs/index.jv.md"]
    old, new = before[MODUS].splitlines(), after[MODUS].splitlines()
    assert [(a, b) for a, b in zip(old, new, strict=True) if a != b] == [
        ("  jv: Yèn sampeyan ditawani kerja lewat HP, takon dhisik.",)
        + ("  jv: Yen panjenengan ditawani kerja liwat HP, takon dhisik.",)
    ]
    assert after["docs/index.jv.md"] == "# Ngarep\n\nKirim email marang kita.\n"
    records = after["content/i18n/jv.yml"]
    # the page had one text and got a verdict: reviewed; the modus has texts without a verdict: not yet
    assert "docs/index:\n  reviewed: true\n  reviewer: Bu Sri\n" in records
    assert "modus/modus-contoh:\n  reviewed: false\n" in records
    # what is reviewed leaves the next pack
    assert "docs/index#page" not in [row[0] for row in export(root, tmp_path, capsys)]


def test_bad_rows_are_refused_with_their_row_numbers_and_nothing_is_written(root, tmp_path, capsys):
    rows = export(root, tmp_path, capsys)
    before = snapshot(root)
    rows[1][3] = "ok"  # fine on its own: still not written, because other rows are wrong
    rows[2][3] = "bagus"
    rows[3][3] = "corrected"  # without a correction
    rows[4][0] = "modus/tidak-ada#title"
    rows[5][3:5] = ["ok", "teks lain"]
    rows[6][1] = "Teks Indonesia yang sudah berubah"
    rows[6][3] = "ok"
    write(rows, tmp_path / "filled.csv")
    assert main(["--root", str(root), "i18n", "review-import", str(tmp_path / "filled.csv"), "--reviewer", "X"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "filled.csv:row 3: verdict: 'bagus' is not a verdict; write ok, corrected, or leave empty",
        "filled.csv:row 4: correction: the verdict is corrected but the correction is empty; write it",
        "filled.csv:row 5: id: unknown id 'modus/tidak-ada#title'; copy the ids from a fresh review pack",
        "filled.csv:row 6: verdict: a correction is given but the verdict is ok; write corrected",
        "filled.csv:row 7: id: the text of 'docs/index#page' changed since this pack was made; make a new pack",
        "5 problem(s); nothing was written.",
    ]
    assert snapshot(root) == before


def test_a_file_that_is_not_a_review_pack_is_refused_without_a_traceback(root, tmp_path, capsys):
    write([["id", "name"], ["x", "y"]], tmp_path / "other.csv")
    assert main(["--root", str(root), "i18n", "review-import", str(tmp_path / "other.csv"), "--reviewer", "X"]) == 1
    err = capsys.readouterr().err
    assert "other.csv:row 1: -: the third column should be the language code (en, jv)" in err
    assert "Traceback" not in err


def test_a_dash_prints_the_packs_csv_and_says_the_pdf_needs_a_file(root, tmp_path, capsys, monkeypatch):
    rows = export(root, tmp_path, capsys)
    monkeypatch.chdir(tmp_path)
    assert main(["--root", str(root), "i18n", "review-pack", "jv", "-o", "-"]) == 0
    out, err = capsys.readouterr()
    assert list(csv.reader(io.StringIO(out, newline=""))) == rows  # the same rows as the file, without the BOM
    assert not (tmp_path / "-").exists() and not (tmp_path / "-.pdf").exists() and not (tmp_path / "-.csv").exists()
    assert err.startswith("6 text(s) awaiting review written to standard output as CSV;")
    assert "-o NAME writes NAME.csv and NAME.pdf" in err
