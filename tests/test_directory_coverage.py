"""scripts/directory_coverage.py: the count of provinces with a sourced local number, and the list without one."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import REPO, make_project

SCRIPT = REPO / "scripts" / "directory_coverage.py"
SUMMARY = re.compile(r"^Directory coverage, \d{4}-\d{2}-\d{2}: (\d+) of 38 provinces have a sourced local number")


def run(*args) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def missing(output: str) -> list[str]:
    return re.findall(r"^  (\d\d) [A-Z]", output, flags=re.M)  # "  61 Kalimantan Barat (…)"


def test_the_project_report_counts_provinces_and_lists_the_others():
    result = run()
    assert result.returncode == 0, result.stderr
    found = int(SUMMARY.match(result.stdout).group(1))
    listed = missing(result.stdout)
    assert found + len(listed) == 38
    assert "35" not in listed and "31" not in listed  # Jawa Timur and DKI Jakarta give WhatsApp numbers
    assert re.search(r"^  \d\d [A-Z][a-z]+.* \(searched \d+ time\(s\), last 20\d\d-\d\d\)$", result.stdout, re.M)
    assert "no research record" not in result.stdout


def write_service(root, confidence: str, coverage: str = '["52.71"]') -> None:
    (root / "content" / "regions" / "52.yml").write_text(
        'regencies:\n  - {code: "52.71", name: Kota Mataram}\n', encoding="utf-8"
    )
    (root / "content" / "services" / "uptd-ppa-kota-mataram.yml").write_text(
        "id: uptd-ppa-kota-mataram\nname:\n  id: UPTD PPA Kota Mataram\nkind: uptd-ppa\n"
        f'coverage: {coverage}\noffers: [complaint]\nwhatsapp:\n  - number: "0811-1111-111"\n'
        'source: "Contoh sumber, 1 Januari 2025"\nsource_read_on: "2026-11"\n'
        f"confidence: {confidence}\n",
        encoding="utf-8",
    )


def test_a_city_number_counts_for_its_province_unless_it_is_unconfirmed(tmp_path):
    root = make_project(tmp_path)
    write_service(root, "M")
    result = run(root)
    assert result.returncode == 0, result.stderr
    assert SUMMARY.match(result.stdout).group(1) == "1"
    assert "0 through a service for the whole province, 1 only through a regency or city service" in result.stdout
    assert "52" not in missing(result.stdout)
    assert "no research record yet" not in result.stdout and "(no search recorded yet)" in result.stdout

    write_service(root, "L")  # an unconfirmed number is never counted as a local contact
    result = run(root)
    assert SUMMARY.match(result.stdout).group(1) == "0"
    assert "52" in missing(result.stdout)


def test_broken_content_is_reported_not_counted(tmp_path):
    root = make_project(tmp_path)
    write_service(root, "M", coverage='["52.99"]')
    result = run(root)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "content/services/uptd-ppa-kota-mataram.yml:5: coverage[0]: unknown regency code '52.99'" in result.stderr
