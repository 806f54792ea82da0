"""Keep the directory true (issue 27): what is due, a call sheet a volunteer can use, and recording the calls,
on invented fixture services (tests/fixtures/calls): no real number is ever "called" here."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shutil
from datetime import date

import pypdf
import pytest
import yaml
from conftest import FIXTURES, REPO, make_project
from kie.cli import main
from kie.model.content import load_content
from kie.model.due import due_services
from kie.model.project import load_project
from kie.print.cards import card_lists, render_sheet
from kie.views.directory_pages import province_pages

TODAY = date(2026, 12, 4)  # the clock the suite runs on (conftest: KIE_TODAY)


@pytest.fixture
def project(tmp_path):
    root = make_project(tmp_path / "project", FIXTURES / "calls")
    shutil.copytree(REPO / "content" / "ui", root / "content" / "ui", dirs_exist_ok=True)  # the words pages use
    return root


def due_ids(root, **kwargs) -> list[tuple[str, str]]:
    content, problems = load_content(load_project(root), today=TODAY)
    assert [p for p in problems if not p.warning] == []
    return [(d.id, d.why) for d in due_services(content, TODAY, **kwargs)]


def test_what_is_due_comes_most_urgent_first(project):
    assert due_ids(project) == [
        ("uptd-contoh-gagal", "failed"),  # a number failed on a call
        ("lsm-contoh-bali", "undated"),  # nothing dated backs it
        ("uptd-contoh-provinsi", "stale"),  # its source is from January 2025
        ("uptd-contoh-kota", "rated"),  # recent, but one news page (M)
    ]
    # the national example's source is of 15 January 2026: over 12 months old on 16 January 2027
    assert ("layanan-contoh", "soon") in due_ids(project, within=60)
    assert ("layanan-contoh", "soon") not in due_ids(project, within=30)
    assert [i for i, _ in due_ids(project, province="53")] == [
        "uptd-contoh-gagal",
        "uptd-contoh-provinsi",
        "uptd-contoh-kota",
    ]


def test_kie_services_due_prints_the_list_with_numbers_and_what_was_last_done(project, capsys):
    assert main(["--root", str(project), "services", "due", "--within", "60"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("5 service(s) due a check on 2026-12-04")
    assert out.index("uptd-contoh-gagal") < out.index("lsm-contoh-bali") < out.index("layanan-contoh")
    assert "called 2026-11-20: disconnected (relawan GT PP-TPPO Contoh)" in out
    assert "(0380) 000 1001 · 0812-0000-1002 · WA 0812-0000-1002" in out
    assert main(["--root", str(project), "services", "due", "--province", "99"]) == 2
    assert "unknown province code '99'" in capsys.readouterr().err


def sheet(project, tmp_path, capsys, province="53") -> tuple[list[dict], str]:
    base = tmp_path / "laporan" / "panggilan"
    assert main(["--root", str(project), "services", "call-sheet", "--province", province, "-o", str(base)]) == 0
    assert "kie services record" in capsys.readouterr().out
    text = (base.with_suffix(".csv")).read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text))), str(base.with_suffix(".csv"))


def test_the_call_sheet_has_a_pdf_and_a_csv_with_one_row_per_number(project, tmp_path, capsys):
    rows, file = sheet(project, tmp_path, capsys)
    numbers = [(r["id_layanan"], r["jenis"], r["nomor"]) for r in rows]
    assert numbers == [
        ("uptd-contoh-gagal", "telepon", "0812-0000-4001"),  # it failed once: it may answer again
        ("uptd-contoh-gagal", "telepon", "0812-0000-4002"),
        ("uptd-contoh-provinsi", "telepon", "(0380) 000 1001"),
        ("uptd-contoh-provinsi", "telepon", "0812-0000-1002"),
        ("uptd-contoh-provinsi", "whatsapp", "0812-0000-1002"),
        ("uptd-contoh-kota", "telepon", "0812-0000-2001"),
    ]
    assert {r["provinsi"] for r in rows} == {"53"} and not any(r["hasil"] for r in rows)
    pdf = pypdf.PdfReader(file.replace(".csv", ".pdf"))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert "Lembar telepon layanan — Nusa Tenggara Timur" in text and "UPTD PPA Provinsi Contoh" in text
    assert "(0380) 000 1001" in text and "kie services record panggilan.csv" in text
    assert "perdagangan orang (TPPO)?" in text and "bukan nama" in text  # the questions; a role, never a name
    # the rows are numbered as in the spreadsheet (row 1 is the header)
    assert re.search(r"Baris Nomor Hasil Jawaban 2 telepon 0812-0000-4001", text)


def fill(file: str, answers: dict[tuple[str, str, str], dict]) -> None:
    """A volunteer's answers, written into the sheet as a spreadsheet program saves it (semicolons)."""
    with open(file, encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row.update(answers.get((row["id_layanan"], row["jenis"], row["nomor"]), {}))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=";")
    writer.writeheader()
    writer.writerows(rows)
    with open(file, "w", encoding="utf-8-sig", newline="") as f:
        f.write(out.getvalue())


ROLE = "relawan GT PP-TPPO Kupang"


def test_recording_a_filled_sheet_changes_the_page_and_the_pocket_card(project, tmp_path, capsys):
    rows, file = sheet(project, tmp_path, capsys)
    fill(file, {
        ("uptd-contoh-provinsi", "telepon", "(0380) 000 1001"): {  # answered: confirmed, and gave a WhatsApp number
            "tanggal": "2026-12-03", "peran_penelepon": ROLE, "hasil": "dikonfirmasi",
            "hari_dan_jam": "Senin-Jumat 08.00-15.00", "nomor_whatsapp": "0812-0000-1999", "terima_laporan_tppo": "ya",
        },
        ("uptd-contoh-provinsi", "telepon", "0812-0000-1002"): {  # no answer three times
            "tanggal": "2026-12-02", "peran_penelepon": ROLE, "hasil": "tidak-diangkat",
        },
    })  # fmt: skip
    before = (project / "content/services/uptd-contoh-provinsi.yml").read_text(encoding="utf-8")
    assert main(["--root", str(project), "services", "record", file]) == 0
    assert "2 call(s) recorded in 1 service(s), 1 confirmed" in capsys.readouterr().out
    text = (project / "content/services/uptd-contoh-provinsi.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert "# the source's own words, kept through every recorded call" in text  # comments stay
    assert text.startswith(before.split("phones:")[0])  # nothing above the numbers moved
    assert (data["verified_on"], data["verified_how"]) == ("2026-12-03", "phone-call")
    failed = data["phones"][1]
    assert failed == {"number": "0812-0000-1002", "failed": {"date": "2026-12-02", "why": "no-answer"}}
    assert data["whatsapp"][-1] == {"number": "0812-0000-1999", "confidence": "M", "added_on": "2026-12-03"}
    assert [c["result"] for c in data["calls"]] == ["no-answer", "confirmed"] and data["calls"][1]["trafficking"]

    content, problems = load_content(load_project(project), today=TODAY)
    assert [p for p in problems if not p.warning] == [] and "uptd-contoh-provinsi" not in content.stale_services
    page = province_pages(content)["layanan/provinsi/53-nusa-tenggara-timur.md"]
    card = page[page.index('id="svc-uptd-contoh-provinsi"') :].split('<div class="kie-service"', 1)[0]
    card = card.replace("\\", "")  # Markdown's escapes
    assert 'href="tel:+6238000' in card and 'href="tel:+6281200001002"' not in card  # the failed number: no button
    assert "0812-0000-1002: tidak lagi kami tawarkan; saat ditelepon 2 Desember 2026: tidak diangkat tiga kali" in card
    assert "Dicek lewat telepon 3 Desember 2026" in card  # what was done, and when
    assert re.search(r"0812-0000-1999</span> <span class=\"kie-verify\"[^>]*>perlu diverifikasi", card)  # new: M
    national, local, _ = card_lists(content, content.regions.provinces["53"])
    assert local[0].id == "uptd-contoh-provinsi"  # now checked: it leads the card
    html = render_sheet(_sheet_for(content), content, "https://cegah-tppo.test/", "Contoh", "v", "2026-12-04", "qr")
    assert "0812-0000-1002" not in html.split("UPTD PPA Provinsi Contoh")[1].split("</p>")[0].split("WA")[0]
    assert "dicek lewat telepon 2026-12" in html


def _sheet_for(content):
    from kie.print.cards import plan_sheets

    return next(s for s in plan_sheets(content) if s.province and s.province.code == "53" and s.lang == "id")


def digest(root) -> str:
    files = sorted((root / "content" / "services").glob("*.yml"))
    return hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()


def test_a_broken_sheet_is_refused_line_by_line_and_nothing_changes(project, tmp_path, capsys):
    rows, file = sheet(project, tmp_path, capsys)
    wrong_date = {"tanggal": "2027-01-05", "peran_penelepon": ROLE, "hasil": "dikonfirmasi"}
    a_name = {"tanggal": "2026-12-02", "peran_penelepon": "Budi Santoso", "hasil": "oke"}
    moved = {"tanggal": "2026-12-02", "peran_penelepon": ROLE, "hasil": "dikonfirmasi", "provinsi": "51"}
    fill(file, {
        ("uptd-contoh-provinsi", "telepon", "(0380) 000 1001"): wrong_date,
        ("uptd-contoh-provinsi", "telepon", "0812-0000-1002"): a_name,
        ("uptd-contoh-kota", "telepon", "0812-0000-2001"): moved,
        ("uptd-contoh-gagal", "telepon", "0812-0000-4002"): {"id_layanan": "uptd-tidak-ada", "hasil": "dikonfirmasi"},
    })  # fmt: skip
    before = digest(project)
    assert main(["--root", str(project), "services", "record", file]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 6  # one line per problem, then the count
    assert any("row 3: id_layanan: there is no service 'uptd-tidak-ada'" in line for line in err)
    assert any("row 4: tanggal: '2027-01-05' is in the future" in line for line in err)
    assert any("row 5: hasil: 'oke' is not a result" in line for line in err)
    assert any("row 5: peran_penelepon: 'Budi Santoso' names no role" in line for line in err)
    assert any("row 7: provinsi: uptd-contoh-kota is not listed under '51'" in line for line in err)
    assert err[-1].endswith("problem(s) found; nothing was written.")
    assert digest(project) == before


def test_a_number_that_is_not_a_number_is_named(project, tmp_path, capsys):
    rows, file = sheet(project, tmp_path, capsys)
    fill(file, {("uptd-contoh-kota", "telepon", "0812-0000-2001"): {
        "tanggal": "2026-12-02", "peran_penelepon": ROLE, "hasil": "dikonfirmasi", "nomor_lain": "08123"}})  # fmt: skip
    assert main(["--root", str(project), "services", "record", file, "--dry-run"]) == 1
    assert "row 7: nomor_lain: '08123' is not a phone number: has 5 digits" in capsys.readouterr().err


def test_the_spreadsheet_round_trip_keeps_the_calls(project, tmp_path, capsys):
    out = tmp_path / "layanan.csv"
    assert main(["--root", str(project), "services", "export", str(out)]) == 0
    before = digest(project)
    assert main(["--root", str(project), "services", "import", str(out)]) == 0
    assert digest(project) == before  # the call history and the failed number are not in the sheet, and not lost


def test_on_the_real_directory_every_service_kie_check_warns_about_is_due(repo_content):
    content, problems = repo_content
    warned = {p.file.split("/")[-1].removesuffix(".yml") for p in problems if p.warning and "12 months" in p.message}
    due = due_services(content, TODAY)
    assert warned and warned <= {d.id for d in due}
    assert [d.why for d in due] == sorted((d.why for d in due), key=["failed", "undated", "stale", "rated"].index)


def test_the_keepers_page_lists_what_is_due_by_reason_in_every_language(project):
    from kie.views.due_page import due_pages

    content, _ = load_content(load_project(project), today=TODAY)
    pages = due_pages(content)
    assert set(pages) == {"cek/index.md", "cek/index.en.md", "cek/index.jv.md"}
    page = pages["cek/index.md"]
    assert "4 dari 5 layanan perlu dicek per 4 Desember 2026" in page and "exclude: true" in page
    assert page.index("Ada nomor yang gagal") < page.index("Tanpa sumber bertanggal") < page.index("Bukti lebih")
    assert "[UPTD PPA Kabupaten Contoh](../layanan/provinsi/53-nusa-tenggara-timur.md#svc-uptd-contoh-gagal)" in page


def test_the_due_list_can_be_piped_to_head(project, monkeypatch, capsys):
    """A keeper reads the first lines (`| head -1`): when the reader has gone, that is no error."""
    import kie.cli as cli

    class GonePipe(io.StringIO):
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

    quieted = []
    monkeypatch.setattr(cli, "quiet_stdout", lambda: quieted.append(True))
    monkeypatch.setattr("sys.stdout", GonePipe())
    assert main(["--root", str(project), "services", "due"]) == 0 and quieted
    assert "cannot write" not in capsys.readouterr().err
