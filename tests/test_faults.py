"""What the machine can do wrong is told in one plain line, never a traceback; the previous site stays."""

from __future__ import annotations

import errno

import pytest
from conftest import make_project
from kie import cli
from kie.engine import build
from kie.print import pdf


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A small valid project whose MkDocs build is replaced by writing one page (the faults come later)."""
    root = make_project(tmp_path / "repo")
    (root / "mkdocs.yml").write_text(
        (root / "mkdocs.yml").read_text(encoding="utf-8") + "site_url: https://contoh.example/\n", encoding="utf-8"
    )
    monkeypatch.setattr(
        build,
        "run_mkdocs",
        lambda project, site, content=None, overrides=None: (site / "index.html").write_text("baru"),
    )
    monkeypatch.setattr(build, "POST_BUILD_STEPS", [])
    old = tmp_path / "site"
    old.mkdir()
    (old / "index.html").write_text("lama")
    return root


def run(capsys, *args) -> tuple[int, str]:
    code = cli.main(list(args))
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.err


def fail_with(error: OSError):
    def step(project, content, site):
        raise error

    return [step]


def test_a_full_disk_names_the_path_and_keeps_the_old_site(project, tmp_path, monkeypatch, capsys):
    full = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / ".site.new-x" / "modus" / "a.html"))
    monkeypatch.setattr(build, "POST_BUILD_STEPS", fail_with(full))
    code, err = run(capsys, "--root", str(project), "build", "-d", str(tmp_path / "site"))
    assert code == 1
    assert "modus/a.html: the disk is full" in err and "The site was not changed." in err
    assert (tmp_path / "site" / "index.html").read_text() == "lama"
    assert not list(tmp_path.glob(".site.new-*"))


def test_a_missing_permission_is_one_line(project, tmp_path, monkeypatch, capsys):
    denied = PermissionError(errno.EACCES, "Permission denied", str(tmp_path))
    monkeypatch.setattr(build.tempfile, "mkdtemp", lambda **kw: (_ for _ in ()).throw(denied))
    code, err = run(capsys, "--root", str(project), "build", "-d", str(tmp_path / "site"))
    assert code == 1
    assert f"cannot write or read {tmp_path}: permission denied" in err


def test_a_missing_system_library_says_what_to_install(project, tmp_path, monkeypatch, capsys):
    def no_pango():
        raise pdf.PrintError("cannot print handouts: WeasyPrint needs the Pango library (libpango missing)")

    monkeypatch.setattr(pdf, "_weasyprint", no_pango)
    monkeypatch.setattr(build, "POST_BUILD_STEPS", [lambda p, c, site: pdf.html_to_pdf("<p>x</p>", "", site)])
    code, err = run(capsys, "--root", str(project), "build", "-d", str(tmp_path / "site"))
    assert code == 1 and "needs the Pango library" in err


def test_an_unexpected_failure_is_an_internal_error_line(project, monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("something\nunexpected")

    monkeypatch.setattr(cli, "load_content", broken)
    code, err = run(capsys, "--root", str(project), "check")
    assert code == 2
    assert err.strip() == "kie: internal error: something unexpected (run with --debug for details)"
    with pytest.raises(RuntimeError):
        cli.main(["--root", str(project), "--debug", "check"])


def test_a_killed_build_leaves_nothing_behind_after_the_next_one(project, tmp_path, capsys):
    leftover = tmp_path / ".site.new-killed"
    (leftover / "modus").mkdir(parents=True)
    (leftover / "modus" / "a.html").write_text("setengah")
    code, _ = run(capsys, "--root", str(project), "build", "-d", str(tmp_path / "site"))
    assert code == 0
    assert not leftover.exists()
    assert (tmp_path / "site" / "index.html").read_text() == "baru"


def test_a_wrong_today_is_reported(project, monkeypatch, capsys):
    monkeypatch.setenv("KIE_TODAY", "2026-12-04")  # --today sets it for the run: restore it afterwards
    code, err = run(capsys, "--root", str(project), "--today", "29-11-2026", "check")
    assert code == 2 and "'29-11-2026' is not a date" in err


def test_a_cache_entry_is_written_whole_or_not_at_all(tmp_path, monkeypatch):
    """Two builds may share a cache (the national site and an edition built side by side): one that dies in the
    middle of writing an entry leaves the previous entry whole, never half a file for the other to read."""
    from pathlib import Path

    from kie.model.project import write_cache_file

    entry = tmp_path / "cache" / "keys.json"
    write_cache_file(entry, '{"a": 1}')
    assert entry.read_text(encoding="utf-8") == '{"a": 1}'

    def killed(self, target):
        raise KeyboardInterrupt  # the build stopped after writing the new text, before putting it in place

    monkeypatch.setattr(Path, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        write_cache_file(entry, '{"a": 1, "b": 2, "c": ' + "3" * 100_000 + "}")
    assert entry.read_text(encoding="utf-8") == '{"a": 1}'
    monkeypatch.undo()
    write_cache_file(entry, b"%PDF-1.7")
    assert entry.read_bytes() == b"%PDF-1.7"
