"""`kie check`: every class of mistake gives one line naming file, line and field, and exit 1."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
from datetime import date

import pytest
from conftest import FIXTURES, REPO, make_project
from kie.cli import main
from kie.model.content import load_content
from kie.model.project import load_project

INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())
LINE = re.compile(r"^content/[\w/.-]+\.yml:\d+: [\w./\[\]-]+: \S.*$")


def check(root, *args) -> tuple[int, list[str]]:
    """`kie check` as an editor runs it, in this process (the fast layer runs it 40 times)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--root", str(root), "check", *args])
    assert "Traceback" not in out.getvalue() + err.getvalue()
    return code, out.getvalue().splitlines()


def test_the_command_line_runs_as_a_program(tmp_path):
    """Once as a real process: `python -m kie` works and prints the same lines."""
    case = FIXTURES / "invalid" / "unknown-field"
    result = subprocess.run(
        [sys.executable, "-m", "kie", "--root", str(make_project(tmp_path, case)), "check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.splitlines() == (case / "expected.txt").read_text(encoding="utf-8").splitlines()


def test_an_oversized_file_is_refused(tmp_path):
    root = make_project(tmp_path)
    (root / "content" / "modus" / "besar.yml").write_text("id: besar\n" + "# " + "x" * 1_100_000 + "\n")
    assert check(root) == (1, ["content/modus/besar.yml: -: the file is 1.1 MB; content files must stay under 1 MB"])


# Nesting written inline, thousands of levels deep: libyaml gives up at 1,000 levels and PyYAML's composer recursed
# once per level ("maximum recursion depth exceeded", no file named). Each is refused at level 21 instead.
DEEP = {
    "brackets": "[" * 5000 + "]" * 5000,
    "braces": "{" * 5000 + "}" * 5000,
    "mixed": "[{a: " * 2500 + "x" + "}]" * 2500,
    "unclosed": "[" * 5000,
}
DEEP_LINE = (
    "content/modus/dalam.yml:3: -: the fields are nested more than 20 levels deep; check the indentation and brackets"
)


def write_deep(root, nesting: str) -> None:
    (root / "content" / "modus" / "dalam.yml").write_text(f"id: dalam\ntitle: {{id: Dalam}}\nsummary: {nesting}\n")


@pytest.mark.parametrize("name", DEEP)
def test_very_deep_inline_nesting_is_one_line_naming_file_and_line(tmp_path, name):
    root = make_project(tmp_path)
    write_deep(root, DEEP[name])
    assert check(root) == (1, [DEEP_LINE])


def test_very_deep_nesting_as_a_real_process_prints_no_traceback(tmp_path):
    root = make_project(tmp_path)
    write_deep(root, DEEP["brackets"])
    result = subprocess.run(
        [sys.executable, "-m", "kie", "--root", str(root), "check"], capture_output=True, text=True, timeout=120
    )
    assert (result.returncode, result.stdout.splitlines()) == (1, [DEEP_LINE])
    assert result.stderr == "1 problem(s) found; nothing was built.\n"


def test_valid_fixture_has_no_problems(tmp_path):
    assert check(make_project(tmp_path)) == (0, [])


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_each_invalid_case_reports_file_line_and_field(tmp_path, case):
    code, lines = check(make_project(tmp_path, case))
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert code == 1
    assert lines == expected
    assert all(LINE.match(line) for line in lines), lines


def test_all_problems_are_reported_at_once(tmp_path):
    cases = [FIXTURES / "invalid" / name for name in ("bad-phone", "duplicate-id", "wrong-type", "yaml-syntax")]
    code, lines = check(make_project(tmp_path, *cases))
    assert code == 1
    assert {line.split(":")[0] for line in lines} == {
        "content/services/layanan-lain.yml",
        "content/laws/uu-salinan.yml",
        "content/laws/uu-lain.yml",
        "content/modus/rusak.yml",
    }


def test_files_from_ordinary_editors_are_accepted(tmp_path):
    """CRLF line endings (Windows Notepad) and a UTF-8 byte order mark are fine."""
    root = make_project(tmp_path)
    for file in (root / "content").rglob("*.yml"):
        text = file.read_text(encoding="utf-8").replace("\n", "\r\n")
        file.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert check(root) == (0, [])


def test_stale_service_warns_and_strict_fails(tmp_path):
    root = make_project(tmp_path)
    file = root / "content" / "services" / "layanan-contoh.yml"
    file.write_text(file.read_text(encoding="utf-8").replace("2026-01-15", "2020-01-15"), encoding="utf-8")
    code, lines = check(root)
    assert code == 0
    assert lines == [
        "content/services/layanan-contoh.yml:13: source_date: warning: the source is dated 2020-01-15, "
        "over 12 months ago; call the service or find a newer source, then record verified_on + verified_how, "
        "or the new source_date"
    ]
    assert check(root, "--strict")[0] == 1


def test_date_checks_use_the_given_day(tmp_path):
    project = load_project(make_project(tmp_path))
    _, problems = load_content(project, today=date(2027, 2, 1))
    assert [p.field for p in problems] == ["source_date"] and problems[0].warning


def test_missing_project_is_a_clear_error(tmp_path, capsys):
    assert main(["--root", str(tmp_path), "check"]) == 2
    assert "no project found" in capsys.readouterr().err


def test_repository_content_has_no_errors():
    project = load_project(REPO)
    content, problems = load_content(project)
    assert [str(p) for p in problems if not p.warning] == []
    assert len(content.modus) >= 3 and len(content.rights) >= 3 and len(content.laws) >= 3
    assert len(content.services) >= 3


def test_a_service_with_nothing_dated_is_stale_and_reading_it_again_does_not_help(tmp_path):
    root = make_project(tmp_path)
    file = root / "content" / "services" / "layanan-contoh.yml"
    file.write_text(file.read_text(encoding="utf-8").replace('source_date: "2026-01-15"\n', ""), encoding="utf-8")
    code, lines = check(root)
    assert code == 0 and lines == [
        "content/services/layanan-contoh.yml:13: source_date: warning: nothing dated backs these details; "
        "add source_date (the date the source gives), or call the service and record verified_on with verified_how"
    ]
    assert check(root, "--strict")[0] == 1
