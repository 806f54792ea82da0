"""`kie services export/import`: a lossless spreadsheet round trip that writes nothing when a row is wrong."""

from __future__ import annotations

import csv
import functools
import io
import shlex
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import copy_repo
from kie.cli import main
from kie.model.content import load_content
from kie.model.project import load_project
from kie.model.services_csv import CsvError, columns, export_services, import_services
from kie.model.yamlfile import _Loader

TODAY = date(2026, 12, 4)


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    return copy_repo(tmp_path_factory.mktemp("csv"))


def snapshot(root) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()}


def loaded(root):
    """The project's content, loaded again only when one of its files changed (most tests change none)."""
    files = sorted((root / "content").rglob("*"))
    return _loaded(Path(root), tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.is_file()))


@functools.lru_cache(maxsize=4)
def _loaded(root, _files):
    content, problems = load_content(load_project(root), today=TODAY)
    assert [str(p) for p in problems if not p.warning] == []
    return content


def exported(root, tmp_path, **kwargs):
    file = tmp_path / "layanan.csv"
    export_services(load_project(root), loaded(root), file, **kwargs)
    return file


def rows_of(file):
    return list(csv.DictReader(io.StringIO(file.read_bytes().decode("utf-8-sig"))))


def write_rows(file, rows, delimiter=",", bom=True, newline="\r\n"):
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator=newline)
    writer.writeheader()
    writer.writerows(rows)
    file.write_bytes((b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8"))
    return file


def run_import(root, file, **kwargs):
    return import_services(load_project(root), loaded(root), file, today=TODAY, **kwargs)


def test_export_then_import_changes_no_file(repo, tmp_path):
    before = snapshot(repo)
    file = exported(repo, tmp_path)
    rows = rows_of(file)
    assert len(rows) == len(loaded(repo).services) and list(rows[0]) == columns(["id", "en", "jv"])
    assert run_import(repo, file)[0] == f"layanan.csv: 0 changed, 0 added, {len(rows)} unchanged"
    assert snapshot(repo) == before  # byte-identical
    again = tmp_path / "again.csv"
    export_services(load_project(repo), loaded(repo), again)
    assert again.read_bytes() == file.read_bytes()


def test_lists_and_labels_share_one_cell_in_the_same_order(repo, tmp_path):
    kp2mi = next(r for r in rows_of(exported(repo, tmp_path)) if r["id"] == "kp2mi")
    assert kp2mi["phones"] == "0800-1000 | +62 21 2924 4800"
    assert kp2mi["phone_labels_en"] == "Toll-free within Indonesia | From abroad"
    assert kp2mi["phone_labels_jv"] == "Gratis pulsa saka Indonesia | Saka luar negeri"
    assert kp2mi["coverage"] == "national | abroad"


def test_spreadsheet_files_with_semicolons_line_breaks_and_edits_are_imported(tmp_path):
    root = copy_repo(tmp_path / "repo")
    rows = rows_of(exported(root, tmp_path))
    before = snapshot(root)
    lpsk = next(r for r in rows if r["id"] == "lpsk")
    lpsk["description_en"] = "First paragraph.\r\n\r\nSecond: with a colon, and # a hash."
    lpsk["source_read_on"] = "2026-11-20"
    new = dict(lpsk, id="lbh-contoh", kind="legal-aid", coverage="53.71 | 53.01", phones="0812-3456-7890")
    new.update(phone_labels_id="Piket", phone_labels_en="", phone_labels_jv="", whatsapp="", confidence="L")
    new.update(whatsapp_labels_id="", whatsapp_labels_en="", whatsapp_labels_jv="", description_jv="")
    file = write_rows(tmp_path / "excel.csv", [*rows, new], delimiter=";", bom=False)
    assert run_import(root, file)[0] == f"excel.csv: 1 changed, 1 added, {len(rows) - 1} unchanged"
    after = snapshot(root)
    assert {k for k in after if after[k] != before.get(k)} == {
        "content/services/lpsk.yml",
        "content/services/lbh-contoh.yml",
    }
    content = loaded(root)
    assert content.services["lpsk"]["description"]["en"] == "First paragraph.\n\nSecond: with a colon, and # a hash."
    assert content.services["lbh-contoh"]["coverage"] == ["53.71", "53.01"]
    assert content.services["lbh-contoh"]["phones"] == [{"number": "0812-3456-7890", "label": {"id": "Piket"}}]
    text = (root / "content/services/lbh-contoh.yml").read_text(encoding="utf-8")
    assert (
        yaml.load(text, Loader=_Loader) == content.services["lbh-contoh"].data
        and 'coverage: ["53.71", "53.01"]' in text
    )
    assert run_import(root, file)[0].startswith("excel.csv: 0 changed, 0 added")  # the written files read back equal


def test_excel_sep_line_and_tabs_are_understood(repo, tmp_path):
    rows = rows_of(exported(repo, tmp_path))
    file = write_rows(tmp_path / "tab.csv", rows, delimiter="\t")
    assert "0 changed, 0 added" in run_import(repo, file)[0]
    file = write_rows(tmp_path / "sep.csv", rows, delimiter=";", bom=False)
    file.write_bytes(b"sep=;\r\n" + file.read_bytes())
    assert "0 changed, 0 added" in run_import(repo, file)[0]


BAD_ROWS = [
    ("phones", "0811-ABC", "phones: '0811-ABC' is not a valid phone number: use only digits"),
    ("whatsapp", "129", "whatsapp: '129' is not a valid phone number: a short code such as 129 cannot receive"),
    ("coverage", "99", "coverage: unknown province code '99'"),
    ("coverage", "53.99", "coverage: unknown regency code '53.99'; add it"),
    ("address", "Jalan Mawar 1", "address: a shelter or safe house must never show an address"),
    ("source_read_on", "2026-02-30", "source_read_on: '2026-02-30' is not a real date"),
    ("source_date", "30/11/2026", "source_date: '30/11/2026' is not a date; write it as YYYY-MM-DD"),
    ("source_read_on", "2027-01", "source_read_on: '2027-01' is in the future"),
    ("verified_on", "2026-11-12", "verified_on: say how the details were confirmed: add 'verified_how: phone-call'"),
    ("verified_how", "by-phone", "verified_how: 'by-phone' is not allowed here"),
    ("source", "", "source: this cell is empty but required; fill it in"),
    ("name_id", "", "name_id: this cell is empty but required; fill it in"),
    ("offers", "complaint | rescue", "offers: 'rescue' is not allowed here"),
    ("kind", "hospital", "kind: 'hospital' is not allowed here"),
    ("phone_labels_id", "a | b | c", "phone_labels_id: 3 label(s) for 1 number(s); keep them in step"),
    ("website", "www.contoh.id", "website: 'www.contoh.id' is not a web address"),
    ("id", "Rumah Aman", "id: 'Rumah Aman' is not a valid id"),
]


@pytest.mark.parametrize(("column", "value", "message"), BAD_ROWS, ids=[f"{c}={v}" for c, v, _ in BAD_ROWS])
def test_each_kind_of_bad_row_is_reported_by_row_and_column_and_nothing_is_written(
    repo, tmp_path, column, value, message
):
    rows = rows_of(exported(repo, tmp_path))
    row = next(i for i, r in enumerate(rows) if r["id"] == "polisi-110")
    rows[row]["kind"] = "shelter" if column == "address" else rows[row]["kind"]
    rows[row][column] = value
    file = write_rows(tmp_path / "bad.csv", rows)
    before = snapshot(repo)
    with pytest.raises(CsvError) as err:
        run_import(repo, file)
    assert err.value.lines == [f"bad.csv:row {row + 2}: {message}"] or any(
        line.startswith(f"bad.csv:row {row + 2}: {message}") for line in err.value.lines
    ), err.value.lines
    assert all(line.startswith(f"bad.csv:row {row + 2}: ") for line in err.value.lines)
    assert snapshot(repo) == before


def test_every_bad_row_is_reported_at_once_and_one_bad_row_blocks_the_good_ones(repo, tmp_path):
    rows = rows_of(exported(repo, tmp_path))
    rows[0]["name_en"] = "A changed name that must not be written"
    rows[1]["phones"] = "08123"
    for column in [c for c in rows[1] if c.startswith("phone_labels_")]:  # one number now: no labels to count
        rows[1][column] = ""
    rows[3]["id"] = rows[2]["id"]
    file = write_rows(tmp_path / "bad.csv", rows)
    before = snapshot(repo)
    with pytest.raises(CsvError) as err:
        run_import(repo, file)
    assert [line.split(": ")[0:2] for line in err.value.lines] == [["bad.csv:row 3", "phones"], ["bad.csv:row 5", "id"]]
    assert "is also used in row 4" in err.value.lines[1]
    assert snapshot(repo) == before


def test_wrong_columns_and_files_are_explained(repo, tmp_path):
    rows = rows_of(exported(repo, tmp_path))
    renamed = [{("nama_id" if k == "name_id" else k): v for k, v in r.items()} for r in rows]
    with pytest.raises(CsvError) as err:
        run_import(repo, write_rows(tmp_path / "cols.csv", renamed))
    assert err.value.lines[0].startswith("cols.csv:row 1: nama_id: unknown column; the columns are: id, name_id")
    assert err.value.lines[1].startswith("cols.csv:row 1: name_id: column(s) missing")
    (tmp_path / "latin1.csv").write_bytes("id,name_id\nx,Layanan Daerah Istimewa Ñ\n".encode("latin-1"))
    with pytest.raises(CsvError) as err:
        run_import(repo, tmp_path / "latin1.csv")
    assert err.value.lines == ["latin1.csv:row 1: -: the file is not UTF-8; save it again as 'CSV UTF-8'"]
    text = exported(repo, tmp_path).read_text(encoding="utf-8-sig").splitlines()
    (tmp_path / "extra.csv").write_text("\n".join([text[0], text[1] + ",stray"]) + "\n", encoding="utf-8")
    with pytest.raises(CsvError) as err:
        run_import(repo, tmp_path / "extra.csv")
    assert err.value.lines == [
        "extra.csv:row 2: -: this row has more cells than there are columns; check for a stray separator"
    ]


def test_command_line(repo, tmp_path, capsys):
    def kie(*args):
        code = main(["--root", str(repo), "services", *args])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out, err

    file = tmp_path / "out.csv"
    assert kie("export", str(file), "--semicolon")[0] == 0
    assert file.read_bytes().startswith(b"\xef\xbb\xbfid;name_id;")
    code, out, _ = kie("import", str(file), "--dry-run")
    assert code == 0 and "0 changed, 0 added" in out
    file.write_bytes(file.read_bytes().replace(b";0811-1129-129;", b";0811-ABC;"))
    code, _, err = kie("import", str(file))
    assert code == 1
    assert "out.csv:row " in err and ": whatsapp: '0811-ABC' is not a valid phone number" in err
    assert "nothing was written" in err


def test_a_dash_prints_the_csv_instead_of_writing_a_file_named_dash(repo, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["--root", str(repo), "services", "export", "-"]) == 0
    out, err = capsys.readouterr()
    assert not (tmp_path / "-").exists()
    assert out == exported(repo, tmp_path).read_bytes().decode("utf-8-sig")  # the file's text, without the BOM
    assert err == f"{len(loaded(repo).services)} services written to standard output\n"


def test_export_to_a_pipe_that_reads_one_line(repo, tmp_path):
    """`kie services export - | head -1` as typed in a shell: the header row, and no complaint when head leaves."""
    kie = shlex.join([sys.executable, "-m", "kie", "--root", str(repo), "services", "export", "-"])
    header = ",".join(columns(["id", "en", "jv"])) + "\n"
    for reader, shown in (("head -1", header), ("true", "")):  # `true` leaves before kie writes: a broken pipe
        result = subprocess.run(
            ["bash", "-c", f"set -o pipefail; {kie} | {reader}"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert (result.returncode, result.stdout) == (0, shown), result.stderr
        assert result.stderr.endswith("services written to standard output\n") and "Traceback" not in result.stderr
